"""Designed frames streamed into ffmpeg: each piece of a designed scene reads its frames from a named
pipe in the render's folder, written by a thread of the render as ffmpeg reads them (raw `bgr0`,
nothing stored). A piece that shows two designed scenes (a crossfade) reads two pipes.

A feed's key names everything its frames depend on (the design, the look, the size, the frames),
so the render cache's key of a piece covers the design it shows.
"""

from __future__ import annotations

import errno
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from videos.render.designs import frames
from videos.render.designs.base import Design

if TYPE_CHECKING:
    from videos.render.look import Style

PIPE_BYTES = 1 << 20  # a larger pipe buffer: fewer wake-ups per 8 MB frame


def _hold_mmap_threshold() -> None:
    """Frames are 8 MB surfaces made and freed by several threads; glibc would raise its mmap
    threshold past that size on the first free and keep every later surface in a thread's heap
    (the renderer's process grew by about 60 MB). Held at 1 MB, each surface goes back when freed."""
    import contextlib
    import ctypes

    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to hold
        ctypes.CDLL("libc.so.6").mallopt(-3, 1 << 20)  # M_MMAP_THRESHOLD


_hold_mmap_threshold()


@dataclass(frozen=True)
class Feed:
    path: Path
    design: Design
    style: Style
    width: int
    height: int
    fps: int
    first: int  # frames counted from the scene's start
    count: int
    span: float  # the scene's length on screen, seconds
    transparent: bool = False  # premultiplied `bgra` over nothing (an overlay), else `bgr0` on its ground

    @property
    def key(self) -> str:
        style = self.style
        return (f"design:{self.design.fingerprint()}:{style.subtitle_style}:{style.font_name}:{style.primary_color}:"
                f"{style.accent_color}:{self.width}x{self.height}@{self.fps}:{self.first}+{self.count}:"
                f"{self.span:.4f}{':overlay' if self.transparent else ''}")

    def write(self, alive: Callable[[], bool]) -> None:
        """Open the pipe once ffmpeg reads it, then write the frames; stop quietly when ffmpeg has
        gone (it read all it wanted, failed or was stopped: its exit code tells which)."""
        descriptor = None
        while descriptor is None:
            try:
                descriptor = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError as exc:
                if exc.errno not in (errno.ENXIO, errno.EINTR):
                    raise
                if not alive():
                    return
                time.sleep(0.003)
        try:
            os.set_blocking(descriptor, True)
            try:
                import fcntl

                fcntl.fcntl(descriptor, 1031, PIPE_BYTES)  # F_SETPIPE_SZ
            except OSError:
                pass
            for frame in frames(self.design, self.style, width=self.width, height=self.height, fps=self.fps,
                                first=self.first, count=self.count, span=self.span, transparent=self.transparent):
                view = memoryview(frame).cast("B")
                while view:
                    written = os.write(descriptor, view)
                    view = view[written:]
        except BrokenPipeError:
            return
        finally:
            os.close(descriptor)


@dataclass
class Feeds:
    """The feeds of one render, by the pipe each writes to."""

    folder: Path
    by_path: dict[str, Feed] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, **fields) -> Path:
        with self._lock:
            path = self.folder / f"design-{len(self.by_path):04d}.fifo"
            os.mkfifo(path)
            self.by_path[str(path)] = Feed(path=path, **fields)
        return path

    def named_in(self, argv: list[str]) -> list[Feed]:
        command = "\x00".join(argv)
        return [feed for path, feed in self.by_path.items() if path in command]


def run_feeds(feeds: list[Feed], alive: Callable[[], bool]) -> Callable[[], list[BaseException]]:
    """Start a writer thread per feed; returns a function that waits for them and gives their errors."""
    errors: list[BaseException] = []

    def work(feed: Feed) -> None:
        try:
            feed.write(alive)
        except BaseException as exc:  # reported by the runner: a drawing fault fails the piece
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(feed,), daemon=True, name=f"feed {feed.path.name}")
               for feed in feeds]
    for thread in threads:
        thread.start()

    def finish(timeout: float = 30.0) -> list[BaseException]:
        deadline = time.monotonic() + timeout
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        return errors

    return finish
