"""Chapters for a YouTube description, from where the video's scenes start.

YouTube shows chapters only when the description lists timestamps from 0:00, at least three, each
chapter at least ten seconds long. A scene is short (five to fifteen seconds), so chapters group
scenes: a new chapter starts at the first scene at least `max(10 s, length / 8)` after the last
chapter began (about eight chapters at most), and none starts in the video's last ten seconds.
Fewer than three: no chapters at all.
"""

from __future__ import annotations

import math
from typing import Any

MIN_CHAPTERS = 3
MIN_SECONDS = 10
MOST_CHAPTERS = 8
TITLE_MAX = 60


def timestamp(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _title(text: str) -> str:
    # YouTube refuses descriptions with angle brackets; a chapter title is one line.
    title = " ".join(str(text or "").replace("<", "‹").replace(">", "›").split())
    return title if len(title) <= TITLE_MAX else title[:TITLE_MAX - 1].rstrip() + "…"


def video_chapters(timeline: list[dict[str, Any]], duration: float) -> list[tuple[int, str]]:
    """(start second, title) of each chapter, or [] when YouTube's rules cannot be met."""
    scenes = [(float(s["start"]), _title(s.get("title", ""))) for s in timeline or []
              if isinstance(s, dict) and "start" in s]
    if not scenes or not duration:
        return []
    end = math.floor(duration)
    spacing = max(MIN_SECONDS, math.ceil(duration / MOST_CHAPTERS))
    chapters: list[tuple[int, str]] = []
    for start, title in sorted(scenes):
        second = math.floor(start)
        if not chapters:
            chapters.append((0, title))  # the first chapter starts at 0:00, an intro card included
        elif second - chapters[-1][0] >= spacing and end - second >= MIN_SECONDS and title:
            chapters.append((second, title))
    return chapters if len(chapters) >= MIN_CHAPTERS else []


def chapters_text(chapters: list[tuple[int, str]]) -> str:
    return "\n".join(f"{timestamp(second)} {title}" for second, title in chapters)
