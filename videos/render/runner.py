"""Runs ffmpeg commands a few at a time, reads their `-progress pipe:1` output, and stops them all
when the job is cancelled. Every exact command line is kept for the Render."""

from __future__ import annotations

import contextlib
import shlex
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from videos.render.errors import DiskFull, RenderCancelled, RenderError

NEARLY_FULL_BYTES = 64 * 1024 * 1024
ENOSPC_MARKERS = ("No space left on device", "ENOSPC", "Disk quota exceeded")


@dataclass
class Task:
    """One unit of work: commands run one after another (a later one may be built from an
    earlier one's output, hence callables). `total` is its size in frames or seconds of output."""

    label: str
    steps: list[Callable[[], list[str]]]
    total: float
    unit: str = "frames"  # or "seconds"
    weight: float = 1.0  # converts `total` into the common measure of the progress bar
    done: float = 0.0
    stderr_paths: list[Path] = field(default_factory=list)


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
    def __init__(self, *, work_dir: Path, parallel: int, on_progress: Callable[[float, str], None] | None,
                 should_cancel: Callable[[], bool] | None) -> None:
        self.work_dir = work_dir
        self.parallel = max(1, parallel)
        self.on_progress = on_progress or (lambda fraction, stage: None)
        self.should_cancel = should_cancel or (lambda: False)
        self.commands: list[str] = []
        self.logs: list[str] = []
        self._running: dict[int, subprocess.Popen] = {}
        self._lock = threading.Lock()
        self._errors: list[RenderError] = []
        self._counter = 0

    def run(self, tasks: list[Task], stage: str) -> None:
        """Run every task, at most `parallel` at once; raise on the first failure or a cancel."""
        pending, threads = list(tasks), []
        grand_total = sum(t.total * t.weight for t in tasks) or 1.0
        last_report = 0.0
        while pending or any(t.is_alive() for t in threads):
            if self.should_cancel():
                self.kill_all()
                for thread in threads:
                    thread.join(timeout=10)
                raise RenderCancelled()
            if self._errors:
                self.kill_all()
                for thread in threads:
                    thread.join(timeout=10)
                raise self._errors[0]
            threads = [t for t in threads if t.is_alive()]
            while pending and len(threads) < self.parallel:
                task = pending.pop(0)
                thread = threading.Thread(target=self._run_task, args=(task,), daemon=True)
                thread.start()
                threads.append(thread)
            now = time.monotonic()
            if now - last_report > 0.5:
                done = sum(min(t.done, t.total) * t.weight for t in tasks)
                self.on_progress(min(1.0, done / grand_total), stage)
                last_report = now
            time.sleep(0.1)
        if self._errors:
            raise self._errors[0]
        self.on_progress(1.0, stage)

    def _run_task(self, task: Task) -> None:
        try:
            for build in task.steps:
                if self._errors:
                    return
                self._run_command(task, build())
        except RenderError as exc:
            self._errors.append(exc)
        except Exception as exc:  # a bug in a step builder must still stop the render cleanly
            self._errors.append(RenderError(f"Render step {task.label} failed: {type(exc).__name__}: {exc}"))

    def _run_command(self, task: Task, argv: list[str]) -> None:
        with self._lock:
            self._counter += 1
            stderr_path = self.work_dir / f"ffmpeg-{self._counter:04d}.log"
            self.commands.append(shlex.join(argv))
        task.stderr_paths.append(stderr_path)
        base = task.done
        with open(stderr_path, "wb") as stderr:
            process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=stderr,
                                       text=True, bufsize=1)
            self._running[process.pid] = process
            try:
                for line in process.stdout:
                    value = parse_progress(line, task.unit)
                    if value is not None:
                        task.done = base + value
                code = process.wait()
            finally:
                self._running.pop(process.pid, None)
        log = stderr_path.read_text(errors="replace")
        if log.strip():
            self.logs.append(f"[{task.label}]\n{log.strip()}")
        if code != 0:
            self._raise_for(task, code, log)

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
        for process in list(self._running.values()):
            with contextlib.suppress(ProcessLookupError):
                process.kill()
