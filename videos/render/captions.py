"""Closed captions of the narration as a SubRip (.srt) file, for YouTube's caption track.

They come from the same word times as the burnt-in subtitles, but as a viewer's player shows captions:
cues of up to about two lines (42 characters a line for languages written with spaces, 16 for
Japanese and Chinese), each shown until the next begins or its last word ends, never overlapping.
The player wraps the lines itself.
"""

from __future__ import annotations

from pathlib import Path

from videos.phrases import join_words
from videos.render.subtitles import Cue, build_cues, clean_text
from videos.voice.base import WordTiming

MAX_WORDS = 12  # about two lines of 42 characters
MAX_EM = 32.0  # two lines of 16 Japanese or Chinese characters


def caption_cues(words: tuple[WordTiming, ...], offset: float) -> list[Cue]:
    return build_cues(words, offset, MAX_WORDS, MAX_EM)


def srt_timestamp(seconds: float) -> str:
    millis = max(0, round(seconds * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, ms = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d},{ms:03d}"


def srt_text(cues: list[Cue]) -> str:
    blocks = []
    ordered = sorted(cues, key=lambda cue: cue.start)
    for position, cue in enumerate(ordered):
        end = cue.end
        if position + 1 < len(ordered):
            end = min(end, ordered[position + 1].start)
        text = join_words([w for w in (clean_text(word.word) for word in cue.words) if w]).strip()
        if not text or end <= cue.start:
            continue
        blocks.append(f"{len(blocks) + 1}\n{srt_timestamp(cue.start)} --> {srt_timestamp(end)}\n{text}\n")
    return "\n".join(blocks)


def write_srt(path: Path, cues: list[Cue]) -> bool:
    """Write the cues to `path`; False, writing nothing, when there are none."""
    text = srt_text(cues)
    if not text:
        return False
    path.write_text(text, encoding="utf-8")
    return True
