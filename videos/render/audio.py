"""The soundtrack as its own job, made in chunks of a dozen scenes: in each, the scenes' narration
laid end to end (silence under cards), the music bed looped under it from the start of the video
and ducked by the voice (sidechaincompress); the whole brought to -14 LUFS integrated with the true
peak under -1 dBTP. Each chunk is encoded to AAC on its own, from a little before its first sample
to a little after its last, and the chunks' own frames are joined one after the other (Chunk), so
an edit mixes and encodes only the chunks it reaches (soundtrack.Soundtrack keeps the rest).

Loudness is set with one gain for the whole video and a peak limiter, measured with ebur128 (EBU
R128, true peak by oversampling): each chunk's mix is measured as it is written to a float WAV (23
MB a minute, in the render's work folder), and the chunks' 400 ms blocks are gated together as one
programme (combined). One or two trials measure the WAVs with a gain and the limiter, and the
encode uses the gain that lands on the target (see LevelSearch). TTS narration often peaks 18 dB or
more above its loudness, more than -14 LUFS under -1 dBTP allows, so the limiter usually works.
(loudnorm's dynamic mode, used before, missed the target by 1.5 LU on such narration and cost more
CPU.)"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import ffmpeg

from videos.render.errors import RenderError
from videos.render.plan import Music, ScenePlan

TARGET_LUFS = -14.0
# Below the -1 dBTP limit, leaving room for the AAC encoder's overshoot (0.4 dB measured with the
# twoloop coder at 192 kbit/s, none with the fast coder used now).
TARGET_TRUE_PEAK = -2.0
MAX_GAIN_DB = 40.0  # a quieter mix than -54 LUFS is near silence, not quiet speech
SAMPLE_RATE = 48000


# The soundtrack is made in chunks of this many scenes, each encoded to AAC on its own and joined
# frame by frame (see Chunk), so an edit encodes again only the chunk it falls in.
CHUNK_SCENES = 12
FRAME = 1024  # samples in one AAC frame: chunks meet on frame boundaries
# Each chunk is mixed, limited and encoded from about 2 s before its own first sample (the ducking,
# the limiter and the encoder settle on the same audio as the chunk before, so the join holds no
# click; measured: the joined frames decode within -55 dB of one whole encode, and from a few
# frames after the join on, to the same samples) and a few frames past its last.
PRE_ROLL = 94 * FRAME
POST_ROLL = 8 * FRAME
FADE_SAMPLES = round(1.5 * SAMPLE_RATE)  # the music bed fades out over the last 1.5 s


@dataclass(frozen=True)
class Chunk:
    """A run of the soundtrack: its own samples [start, end) (start on an AAC frame boundary), the
    window [window_start, window_end) it is made from, and the scenes that window overlaps, each as
    (scene, first sample, samples)."""

    start: int
    end: int
    window_start: int
    window_end: int
    scenes: tuple[tuple[ScenePlan, int, int], ...]

    def kept_frames(self, frames: int, total: int) -> slice:
        """The AAC frames of this chunk's encode (of its window) that carry its own samples: the
        encoder's first frame primes it and is kept only at the very start; the last chunk keeps
        the encoder's closing frames."""
        first = 0 if self.start == 0 else (self.start - self.window_start) // FRAME + 1
        last = frames if self.end == total else (self.end - self.window_start) // FRAME + 1
        return slice(first, last)


def plan_chunks(scenes: tuple[ScenePlan, ...], starts: list[int]) -> list[Chunk]:
    """Chunks of CHUNK_SCENES scenes (`starts`: each scene's first sample, then the total), each
    boundary moved to the nearest AAC frame boundary."""
    total = starts[-1]
    edges = sorted({0, total, *(FRAME * round(starts[i] / FRAME)
                                for i in range(CHUNK_SCENES, len(scenes), CHUNK_SCENES))})
    chunks = []
    for start, end in itertools.pairwise(edges):
        if not 0 <= start < end <= total:
            continue
        window = (max(0, start - PRE_ROLL), min(total, end + POST_ROLL))
        overlapping = tuple((scene, starts[i], starts[i + 1] - starts[i]) for i, scene in enumerate(scenes)
                            if starts[i] < window[1] and starts[i + 1] > window[0])
        chunks.append(Chunk(start, end, *window, overlapping))
    return chunks


def chunk_mix(chunk: Chunk, music: Music | None, total: int):
    """A chunk's window of the mix: the scenes' narration laid end to end (each padded or cut to its
    scene's length, silence for a scene without narration), with the music bed looped under it from
    the start of the video and ducked by the voice (sidechaincompress)."""
    pieces = []
    for scene, _, length in chunk.scenes:
        if scene.narration_path is not None:
            piece = (ffmpeg.input(str(scene.narration_path)).audio.filter("aresample", SAMPLE_RATE)
                     .filter("apad", whole_len=length))
        else:
            piece = ffmpeg.input(f"anullsrc=r={SAMPLE_RATE}:cl=mono", f="lavfi").audio
        pieces.append(piece.filter("atrim", end_sample=length).filter(
            "aformat", sample_fmts="fltp", sample_rates=SAMPLE_RATE, channel_layouts="mono")
            .filter("asetpts", "PTS-STARTPTS"))
    voice = ffmpeg.concat(*pieces, v=0, a=1) if len(pieces) > 1 else pieces[0]
    offset = chunk.window_start - chunk.scenes[0][1]
    voice = (voice.filter("atrim", start_sample=offset, end_sample=offset + chunk.window_end - chunk.window_start)
             .filter("asetpts", "PTS-STARTPTS")
             .filter("aformat", sample_fmts="fltp", sample_rates=SAMPLE_RATE, channel_layouts="stereo"))
    if music is None:
        return voice
    split = voice.filter_multi_output("asplit", 2)
    speech, sidechain = split[0], split[1]
    bed = (ffmpeg.input(str(music.path), stream_loop=-1).audio.filter("aresample", SAMPLE_RATE)
           .filter("aformat", sample_fmts="fltp", sample_rates=SAMPLE_RATE, channel_layouts="stereo")
           .filter("volume", f"{music.volume_db}dB"))
    fade_start = max(0, total - FADE_SAMPLES)
    if chunk.window_end > fade_start:  # only the chunks the fade reaches depend on the video's length
        bed = bed.filter("atrim", end_sample=total).filter("afade", t="out", start_sample=fade_start,
                                                           nb_samples=total - fade_start)
    bed = (bed.filter("atrim", start_sample=chunk.window_start, end_sample=chunk.window_end)
           .filter("asetpts", "PTS-STARTPTS"))
    # Ducks the bed by up to ~15 dB while the voice speaks, recovering within half a second after.
    ducked = ffmpeg.filter([bed, sidechain], "sidechaincompress", threshold=0.015, ratio=12, attack=15,
                           release=450, makeup=1)
    return ffmpeg.filter([speech, ducked], "amix", inputs=2, duration="first", normalize=0)


@dataclass(frozen=True)
class Loudness:
    integrated: float  # LUFS
    true_peak: float  # dBTP


# ebur128's line for each 100 ms: t (the end of the block), M (momentary loudness of the 400 ms
# block ending there) and, when it measures true peaks, FTPK (those of each channel over the 100 ms).
BLOCK_LINE = re.compile(r"t:\s*(\d+(?:\.\d+)?)\s.*?M:\s*(-?\d+(?:\.\d+)?|-?inf|nan)\s"
                        r"(?:.*?FTPK:\s*((?:\s*(?:-?\d+(?:\.\d+)?|-?inf))+)\s+dBFS)?")


def _quiet_but_blocks(node) -> list[str]:
    return (node.global_args("-nostdin", "-hide_banner", "-nostats", "-progress", "pipe:1")
            .overwrite_output().compile())


def _normalised(stream, gain_db: float, ceiling_db: float):
    """The mix with a gain, then a look-ahead limiter holding sample peaks under `ceiling_db`."""
    return (stream.filter("volume", f"{gain_db:.2f}dB", precision="float")
            .filter("alimiter", limit=f"{10 ** (ceiling_db / 20):.4f}", attack=5, release=60, level="false",
                    latency="true"))


def mix_command(chunk: Chunk, music: Music | None, total: int, wav: Path) -> list[str]:
    """Mix a chunk's window once, measured as it is written as float samples (nothing clips) to
    `wav`, which its trials and its encode read instead of mixing again. Its loudness only: the
    first trial's gain comes from it, and the trials measure the true peaks that count, after the
    limiter (ebur128's true peak, 4x oversampled, was a quarter of a CPU second a minute)."""
    measured = chunk_mix(chunk, music, total).filter("ebur128", framelog="info")
    return _quiet_but_blocks(ffmpeg.output(measured, str(wav), acodec="pcm_f32le", f="wav"))


def trial_command(source, gain_db: float) -> list[str]:
    """A measurement of a chunk's mix (`source`: its WAV, or the mix itself) with a gain and the
    limiter at the target peak."""
    measured = _normalised(source, gain_db, TARGET_TRUE_PEAK).filter("ebur128", peak="true", framelog="info")
    return _quiet_but_blocks(ffmpeg.output(measured, "-", f="null"))


def encode_command(source, gain_db: float, ceiling_db: float, out_path: Path) -> list[str]:
    """A chunk's window, normalised, as AAC frames (ADTS), measured as it is encoded. The fast
    coder, not Debian ffmpeg 5.1's default twoloop: on a bench soundtrack at 192 kbit/s it coded
    at 54 dB SNR against twoloop's 31, its decoded peaks matched the mix's (twoloop's overshot by
    0.4 dB), and it took 40% of the CPU time. (FFmpeg made fast the default in 2018 for these
    reasons at higher bitrates; 5.1 has twoloop again.)"""
    split = (_normalised(source, gain_db, ceiling_db)
             .filter("aformat", sample_fmts="fltp", sample_rates=SAMPLE_RATE, channel_layouts="stereo")
             .filter_multi_output("asplit", 2))
    encoded = ffmpeg.output(split[0], str(out_path), acodec="aac", aac_coder="fast", audio_bitrate="192k",
                            ar=SAMPLE_RATE, f="adts")
    measured = ffmpeg.output(split[1].filter("ebur128", peak="true", framelog="info"), "-", f="null")
    return _quiet_but_blocks(ffmpeg.merge_outputs(encoded, measured))


@dataclass(frozen=True)
class Blocks:
    """A chunk's share of a loudness measurement: the momentary loudness of each 400 ms block
    ending in its own samples, and the highest true peak of its own 100 ms frames."""

    momentary: tuple[float, ...]
    true_peak: float


def parse_blocks(log: str, chunk: Chunk, total: int) -> Blocks:
    momentary, peak, seen = [], float("-inf"), False
    for match in BLOCK_LINE.finditer(log):
        seen = True
        end = chunk.window_start + round(float(match.group(1)) * SAMPLE_RATE)
        if (chunk.start > 0 and end <= chunk.start) or (chunk.end < total and end > chunk.end):
            continue  # the chunk before or after counts that block
        value = match.group(2)
        momentary.append(float("-inf") if value.endswith("inf") or value == "nan" else float(value))
        if match.group(3):  # a measurement without true peaks has none
            peaks = [float("-inf") if v.endswith("inf") else float(v) for v in match.group(3).split()]
            peak = max(peak, *peaks)
    if not seen:  # a chunk shorter than a block may own none; a log without blocks is a failure
        raise RenderError("The loudness measurement of the soundtrack failed; see the render log.", log=log)
    return Blocks(tuple(momentary), peak)


def combined(parts: list[Blocks]) -> Loudness:
    """The integrated loudness (EBU R128: 400 ms blocks, gated at -70 LUFS, then 10 LU under the
    mean of those above) and the true peak of the chunks together."""
    above = [m for part in parts for m in part.momentary if m > -70.0]
    if not above:
        raise RenderError("The soundtrack is silent. Check that the narration files hold speech, then narrate "
                          "again.")

    def mean_loudness(values: list[float]) -> float:
        return -0.691 + 10 * math.log10(sum(10 ** ((v + 0.691) / 10) for v in values) / len(values))

    relative = mean_loudness(above) - 10.0
    gated = [m for m in above if m > relative]
    peak = max(part.true_peak for part in parts)
    return Loudness(round(mean_loudness(gated), 2), round(peak, 2))


def first_gain(measured: Loudness) -> float:
    return min(MAX_GAIN_DB, TARGET_LUFS - measured.integrated)


def next_gain(trials: list[tuple[float, Loudness]]) -> float:
    """The gain that should land on the target, from the trials so far (gain, what it measured).
    The limiter takes away more loudness the harder it works, so after two trials the next gain is
    found on the line through them rather than by adding the shortfall again."""
    (gain, result), slope = trials[-1], 1.0
    if len(trials) > 1:
        (gain_a, result_a) = trials[-2]
        if abs(result.integrated - result_a.integrated) > 0.05:
            slope = (gain - gain_a) / (result.integrated - result_a.integrated)
            slope = min(4.0, max(1.0, slope))
    return min(MAX_GAIN_DB, gain + (TARGET_LUFS - result.integrated) * slope)


@dataclass
class LevelSearch:
    """The gain search of one soundtrack: `observe` each measurement in turn (the plain mix first,
    then each trial), ask `next_trial` for the gain to try, and `final` for what to encode with."""

    measured: Loudness | None = None
    trials: list[tuple[float, Loudness]] = field(default_factory=list)
    _trying: float = 0.0

    def observe(self, result: Loudness) -> None:
        if self.measured is None:
            self.measured = result
        else:
            self.trials.append((self._trying, result))

    def next_trial(self) -> float | None:
        """The gain to try next, or None when the last trial already landed on the target."""
        if self.trials and close_enough(self.trials[-1][1]):
            return None
        self._trying = next_gain(self.trials) if self.trials else first_gain(self.measured)
        return self._trying

    def final(self) -> tuple[float, float]:
        """The gain and the limiter's ceiling in dB. The gain aims at the target itself, not just
        within 0.3 LU of it (a trial that close is corrected along the same line), so a later edit
        has room to keep the video's gain (see soundtrack.Soundtrack)."""
        return next_gain(self.trials), final_ceiling(self.trials)


def close_enough(result: Loudness) -> bool:
    return abs(result.integrated - TARGET_LUFS) <= 0.3


def final_ceiling(trials: list[tuple[float, Loudness]]) -> float:
    """True peaks between samples can pass a sample-peak limiter: the ceiling comes down by any
    excess the trials measured."""
    excess = max(0.0, max(result.true_peak for _, result in trials) - TARGET_TRUE_PEAK)
    return TARGET_TRUE_PEAK - excess
