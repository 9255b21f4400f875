"""Runs ffmpeg commands a few at a time, reads their `-progress pipe:1` output, and stops them all
when the job is cancelled. Every exact command line is kept for the Render."""

from __future__ import annotations

import contextlib
import logging
import os
import shlex
import shutil
import subprocess
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from videos.render.designs.feed import Feeds, run_feeds
from videos.render.errors import DiskFull, RenderCancelled, RenderError

logger = logging.getLogger(__name__)

NEARLY_FULL_BYTES = 64 * 1024 * 1024
ENOSPC_MARKERS = ("No space left on device", "ENOSPC", "Disk quota exceeded")


def fix_binary(argv: list[str]) -> list[str]:
    """A command compiled by ffmpeg-python, run with the configured ffmpeg binary."""
    return [settings.FFMPEG_BINARY, *argv[1:]]


@dataclass
class Task:
    """One unit of work: commands run one after another (a later one may be built from an
    earlier one's output, hence callables, which may return None to skip). `total` is its size in
    frames or seconds of output."""

    label: str
    steps: list[Callable[[], list[str] | None]]
    total: float
    unit: str = "frames"  # or "seconds"
    weight: float = 1.0  # converts `total` into the common measure of the progress bar
    done: float = 0.0
    stderr_paths: list[Path] = field(default_factory=list)
    drop_lines: str | None = None  # lines of its logs holding this are read by the task, not kept
    # A task whose commands peak high in memory (a crossfade reads two pictures beside its encoder):
    # the runner starts no second one while one runs, and takes the next task in the queue instead.
    heavy: bool = False
    submitted: bool = False
    finished: bool = False


# glibc raises its mmap threshold to the size of a freed block: once ffmpeg frees one 8 MB raw
# frame, later ones come from each thread's heap and stay there. A piece that reads a design's raw
# frames beside another input (a crossfade) peaked at 310 MB that way, 205 MB with the threshold
# held at 1 MB (one raw input alone is not affected: 150 MB either way).
RAW_INPUTS_ENV = {"MALLOC_MMAP_THRESHOLD_": str(1 << 20)}


def _env_for(argv: list[str], feeds: list) -> dict[str, str] | None:
    if feeds and argv.count("-i") > 1:
        return {**os.environ, **RAW_INPUTS_ENV}
    return None


def parse_progress(line: str, unit: str) -> float | None:
    """The amount done from one `key=value` line of `-progress` output, or None.
    Note: out_time_ms holds microseconds, like out_time_us."""
    key, _, value = line.strip().partition("=")
    try:
        if unit == "frames" and key == "frame":
            return float(value)
        if unit == "seconds" and key in ("out_time_us", "out_time_ms"):
            return max(0.0, float(value) / 1_000_000)
    except ValueError:
        return None
    return None


class Runner:
    """At most `parallel` commands at once. `submit` starts tasks in the background (the soundtrack
    runs while the footage is checked); `run` waits for its tasks, reporting their progress."""

    def __init__(self, *, work_dir: Path, parallel: int, on_progress: Callable[[float, str], None] | None,
                 should_cancel: Callable[[], bool] | None, feeds: Feeds | None = None) -> None:
        self.work_dir = work_dir
        self.feeds = feeds  # designed scenes' pipes: a command naming one gets its frames written
        self.parallel = max(1, parallel)
        self.on_progress = on_progress or (lambda fraction, stage: None)
        self.should_cancel = should_cancel or (lambda: False)
        self.commands: list[str] = []
        self.logs: list[str] = []
        self._running: dict[int, subprocess.Popen] = {}
        self._lock = threading.RLock()
        self._errors: list[RenderError] = []
        self._counter = 0
        self._queue: list[Task] = []
        self._active = 0
        self._heavy = 0  # heavy tasks running (at most one)
        self._stopped = False

    def submit(self, tasks: list[Task]) -> None:
        with self._lock:
            for task in tasks:
                if not task.submitted:
                    task.submitted = True
                    self._queue.append(task)
        self._fill()

    def waiting(self) -> int:
        """How many submitted tasks have not started yet."""
        with self._lock:
            return len(self._queue)

    def _fill(self) -> None:
        with self._lock:
            while self._active < self.parallel and not self._stopped and not self._errors:
                # The first task that may start: a heavy one waits while another heavy one runs.
                task = next((t for t in self._queue if not (t.heavy and self._heavy)), None)
                if task is None:
                    return
                self._queue.remove(task)
                self._active += 1
                self._heavy += task.heavy
                threading.Thread(target=self._run_task, args=(task,), daemon=True).start()

    def run(self, tasks: list[Task], stage: str) -> None:
        """Run every task (with whatever was submitted before); return when these are done, raise on
        the first failure or a cancel."""
        self.submit(tasks)
        grand_total = sum(t.total * t.weight for t in tasks) or 1.0
        last_report = 0.0
        while True:
            if self.should_cancel():
                self._stop_all()
                raise RenderCancelled()
            if self._errors:
                self._stop_all()
                raise self._errors[0]
            with self._lock:
                if all(t.finished for t in tasks):
                    break
            now = time.monotonic()
            if now - last_report > 0.5:
                done = sum(min(t.done, t.total) * t.weight for t in tasks)
                self.on_progress(min(1.0, done / grand_total), stage)
                last_report = now
            time.sleep(0.02)
        self.on_progress(1.0, stage)

    def _stop_all(self, timeout: float = 10) -> None:
        """Kill every command and wait for the task threads to notice."""
        self.kill_all()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if self._active == 0:
                    return
            time.sleep(0.02)

    def _run_task(self, task: Task) -> None:
        try:
            for build in task.steps:
                if self._errors or self._stopped:
                    return
                argv = build()
                if argv is not None:  # a step may find it has nothing to do
                    self._run_command(task, argv)
        except RenderError as exc:
            self._errors.append(exc)
        except Exception as exc:  # a bug in a step builder must still stop the render cleanly
            # Where it was raised goes into the message too: a bug seen once in CI is found from its log.
            frames = traceback.extract_tb(exc.__traceback__)
            where = f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno} in {frames[-1].name})" if frames else ""
            logger.exception("Render step %s failed", task.label)
            self._errors.append(RenderError(f"Render step {task.label} failed: {type(exc).__name__}: {exc}{where}"))
        finally:
            with self._lock:
                self._active -= 1
                self._heavy -= task.heavy
                task.finished = True
            self._fill()

    def _run_command(self, task: Task, argv: list[str]) -> None:
        with self._lock:
            self._counter += 1
            stderr_path = self.work_dir / f"ffmpeg-{self._counter:04d}.log"
            self.commands.append(shlex.join(argv))
        task.stderr_paths.append(stderr_path)
        base = task.done
        feeds = self.feeds.named_in(argv) if self.feeds is not None else []
        with open(stderr_path, "wb") as stderr:
            process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=stderr,
                                       text=True, bufsize=1, env=_env_for(argv, feeds))
            with self._lock:
                self._running[process.pid] = process
                if self._stopped:  # kill_all ran while this one was starting
                    process.kill()
            finish = run_feeds(feeds, alive=lambda: process.poll() is None and not self._stopped) if feeds else None
            try:
                for line in process.stdout:
                    value = parse_progress(line, task.unit)
                    if value is not None:
                        task.done = base + value
                code = process.wait()
            finally:
                self._running.pop(process.pid, None)
                failures = finish() if finish is not None else []
        log = stderr_path.read_text(errors="replace")
        if task.drop_lines:
            log = "\n".join(line for line in log.splitlines() if task.drop_lines not in line)
        if log.strip():
            self.logs.append(f"[{task.label}]\n{log.strip()}")
        if code != 0:
            self._raise_for(task, code, log)
        if failures:
            error = failures[0]
            raise RenderError(f"Drawing the designed scene of {task.label} failed ({type(error).__name__}: {error}). "
                              "Render again; if it keeps failing, choose another layout for that scene and send "
                              "the render log to support.", log=log)

    def _raise_for(self, task: Task, code: int, log: str) -> None:
        if self.should_cancel() or code < 0:
            raise RenderError(f"ffmpeg was stopped while rendering {task.label}.", log=log)
        # With the disk full, ffmpeg may not even manage to write its own log; the free space tells.
        if any(marker in log for marker in ENOSPC_MARKERS) or self._disk_nearly_full():
            raise DiskFull("The disk filled up during the render. Free some space (old renders, footage) "
                           "and render again; nothing from this attempt was kept.", log=log)
        tail = "\n".join(log.strip().splitlines()[-6:])
        raise RenderError(f"ffmpeg failed while rendering {task.label} (exit {code}): {tail}", log=log)

    def _disk_nearly_full(self) -> bool:
        try:
            return shutil.disk_usage(self.work_dir).free < NEARLY_FULL_BYTES
        except OSError:
            return False

    def kill_all(self) -> None:
        """Stop every running command; nothing new starts after this."""
        with self._lock:
            self._stopped = True
            self._queue.clear()
            running = list(self._running.values())
        for process in running:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
