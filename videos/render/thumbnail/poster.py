"""A frame of a finished video as a JPEG: the draft preview's poster, so the studio's player shows the
draft before it plays instead of a black box."""

from __future__ import annotations

import subprocess
from pathlib import Path

from django.conf import settings


def poster(video: Path, out_path: Path, *, at: float) -> Path | None:
    """The frame at `at` seconds, written to `out_path`; None when it cannot be made: a poster is no
    reason to fail."""
    partial = out_path.with_name(out_path.name + ".partial.jpg")
    argv = [settings.FFMPEG_BINARY, "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-ss", f"{at:.3f}",
            "-i", str(video), "-frames:v", "1", "-q:v", "4", str(partial)]
    try:
        done = subprocess.run(argv, capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        done = None
    if done is None or done.returncode != 0 or not partial.is_file() or partial.stat().st_size == 0:
        partial.unlink(missing_ok=True)
        return None
    partial.replace(out_path)
    return out_path
