"""`manage.py make_video`: a finished video from a topic or a source text, through the job system."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path
from typing import TextIO

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from tqdm import tqdm

from channels.models import Channel
from videos.models import Job, Video
from videos.services.jobs import job_enqueue, job_run
from videos.services.video import video_create


class JobProgress:
    """A job's progress on the command's stderr: one bar redrawn in place on a terminal (tqdm), and
    on anything else (a log file, CI) a plain line only when the stage changes or the percent
    reaches the next tenth."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.bar = tqdm(total=100, file=stream, unit="%", bar_format="{percentage:3.0f}%|{bar}| {desc} [{elapsed}]",
                        dynamic_ncols=True) if stream.isatty() else None
        self.stage: str | None = None
        self.tenth = -1

    def update(self, percent: int, stage: str) -> None:
        percent = max(0, min(100, percent))
        if self.bar is not None:
            self.bar.set_description_str(stage, refresh=False)
            self.bar.update(percent - self.bar.n)
            return
        if stage != self.stage or percent // 10 > self.tenth:
            self.stream.write(f"  {percent:3d}%  {stage}\n")
            self.stream.flush()
            self.stage, self.tenth = stage, percent // 10

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _work(job_id: int) -> None:
    try:
        job_run(job_id)
    finally:
        connection.close()


class Command(BaseCommand):
    help = (
        "Make a video end to end on a channel: write the script (from --topic with an LLM writer, or from "
        "--source FILE offline), find footage, narrate, render. Runs as a pipeline job: a running job "
        "cluster takes it, otherwise this command works the job itself. Progress goes to stderr; the "
        "finished file's path is the last line on stdout. Publishing waits for approval when the channel "
        "requires review (the default)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--channel", required=True, help="The channel's slug.")
        what = parser.add_mutually_exclusive_group(required=True)
        what.add_argument("--topic", help="A topic for an LLM writer (OLLAMA_HOST, ANTHROPIC_API_KEY, ...).")
        what.add_argument("--source", type=Path, help="A text file (article, notes, story) to turn into a video.")
        parser.add_argument("--out", type=Path, help="Also copy the finished mp4 here.")
        parser.add_argument("--wait-for-cluster", type=float, default=0, metavar="SECONDS",
                            help="Leave the job to a running cluster for this long before working it here.")

    def handle(self, *args, **options):
        try:
            channel = Channel.objects.get(slug=options["channel"])
        except Channel.DoesNotExist:
            slugs = ", ".join(Channel.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"No channel {options['channel']!r}. Channels: {slugs}.") from None
        source_text = self._read_source(options["source"]) if options["source"] else ""
        try:
            video = video_create(channel=channel, topic=options["topic"] or "", source_text=source_text)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        job = job_enqueue(kind=Job.Kind.PIPELINE, video=video)
        self.stderr.write(f"video {video.pk}: pipeline job {job.pk} queued")
        job = self._follow(job, options["wait_for_cluster"])
        if job.state not in (Job.State.SUCCEEDED, Job.State.WAITING):  # waiting: rendered, the upload waits
            raise CommandError(f"The pipeline {job.state}: {job.error or job.message}")
        if job.state == Job.State.WAITING:
            self.stderr.write(f"publishing waits: {job.stage}: {job.message}")
        render = Video.objects.get(pk=video.pk).latest_render
        if render is None:
            raise CommandError("The pipeline finished without a render; see the job in the admin.")
        from faceless_site.mediastore.files import media_local

        path = media_local(render.file)  # the render itself with the local store; a copy from a remote one
        if options["out"]:
            path = self._copy(path, options["out"])
        for warning in job.warnings:
            self.stderr.write(f"warning: {warning}")
        self.stdout.write(str(path.resolve()))

    def _read_source(self, path: Path) -> str:
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {path}: {exc}. Give a UTF-8 text file.") from None

    def _follow(self, job: Job, wait_for_cluster: float) -> Job:
        deadline = time.monotonic() + wait_for_cluster
        worker = None
        # The real stream under Django's OutputWrapper: tqdm asks it whether it is a terminal.
        progress = JobProgress(getattr(self.stderr, "_out", self.stderr))
        try:
            while True:
                job.refresh_from_db()
                if job.state in Job.DONE_STATES:
                    if job.state == Job.State.SUCCEEDED:
                        progress.update(100, job.stage)
                    return job
                if worker is None and job.state == Job.State.QUEUED and time.monotonic() >= deadline:
                    # Work the job here; it is claimed once, so a cluster that took it first wins.
                    worker = threading.Thread(target=_work, args=(job.pk,), daemon=True)
                    worker.start()
                progress.update(job.percent, job.stage)
                time.sleep(0.5)
        finally:
            progress.close()

    def _copy(self, source: Path, target: Path) -> Path:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.partial")
        shutil.copyfile(source, partial)
        partial.replace(target)
        return target
