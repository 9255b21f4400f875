"""A worker killed with -9 in the middle of a render loses nothing: the job shows "Interrupted" as soon
as its heartbeat stops, the control cluster's recovery watch queues it again, a new job cluster re-runs
it, and it ends frame for frame as an uninterrupted run does, with no half-written file.

This drives real `manage.py qcluster` processes against the test database. It is kept short: a small
video (three short scenes, x264's ultrafast preset), the clusters' heartbeat ten times faster than
production's, and the control cluster's first scheduler round made from here at the kill rather than
awaited (django-q2's comes about 30 s after a cluster starts)."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from django.apps import apps

from faceless_site.mediastore.files import media_local, work_folder
from tests.cluster import (
    STALE_SECONDS,
    fire_control_schedules,
    frame_checksums,
    kill_all,
    start_cluster,
    stop,
    wait_for,
)
from tests.factories import make_channel
from tests.mediafiles import stored
from videos.models import Job, Video
from videos.services.jobs import job_enqueue
from videos.services.video import video_create

pytestmark = [pytest.mark.slow, pytest.mark.real_clock, pytest.mark.django_db(transaction=True)]

SOURCE = (
    "Lighthouses guided sailors for centuries.\n\n"
    "In 1822 Augustin Fresnel designed a lens of rings.\n\n"
    "Keepers polished the glass every morning."
)


def job_state(job_id: int) -> Job:
    return Job.objects.get(pk=job_id)


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def finished(job_id: int) -> Job | None:
    job = job_state(job_id)
    return job if job.state in Job.DONE_STATES else None


def test_a_render_killed_midway_is_recovered_and_matches_an_uninterrupted_run(tmp_path, settings):
    settings.JOB_STALE_SECONDS = STALE_SECONDS  # as the clusters judge it
    # espeak-ng: its narration is byte-identical run to run, so the sound can be compared too.
    channel = make_channel(footage_sources=["library"], review_required=True, target_seconds=10,
                           render_preset="ultrafast", voice_engine="espeak")
    killed = video_create(channel=channel, source_text=SOURCE)
    clean = video_create(channel=channel, source_text=SOURCE)
    # The control cluster's schedules come from migrations; an earlier transactional test's flush may
    # have deleted them: put them back.
    for migration in ("0007_housekeeping_on_control_cluster", "0008_recovery_watches_between_schedules"):
        importlib.import_module(f"videos.migrations.{migration}").forwards(apps, None)

    # The control cluster starts only once the job shows interrupted: its recovery watch (every 0.5 s
    # here) would otherwise queue the job again within half a second of its going stale, and on a busy
    # machine a poll could miss that window, or the watch start early (django-q2's own first round, 30 s
    # after the cluster starts, falls around the kill when the reference run is slow).
    control, cluster = None, start_cluster(tmp_path)
    try:
        reference = job_enqueue(kind=Job.Kind.PIPELINE, video=clean)
        done = wait_for(lambda: finished(reference.pk), 120, "the uninterrupted run")
        assert done.state == Job.State.SUCCEEDED, done.error

        job = job_enqueue(kind=Job.Kind.PIPELINE, video=killed)
        wait_for(lambda: (lambda j: j.stage.endswith(": Rendering") and j.percent >= 70)(job_state(job.pk)), 120,
                 "the pipeline to be well into the render", every=0.05)
        kill_all(cluster)  # the whole cluster, mid-render, with no chance to clean up
        cluster = start_cluster(tmp_path)
        lost = job_state(job.pk)
        assert lost.state == Job.State.RUNNING and lost.attempts == 1
        assert not Video.objects.get(pk=killed.pk).renders.exists()
        # What the studio, the job list and the API show: interrupted once the heartbeat has stopped.
        wait_for(lambda: job_state(job.pk).is_interrupted, 10 * STALE_SECONDS, "the job to show interrupted")
        control = start_cluster(tmp_path, control=True)
        fire_control_schedules()  # the control cluster starts its recovery watch

        # The control cluster's recovery watch (not a recovery from here) brings the job back.
        wait_for(lambda: job_state(job.pk).attempts == 2, 120, "the control cluster to recover the job")
        done = wait_for(lambda: finished(job.pk), 120, "the recovered job to finish")
        assert done.state == Job.State.SUCCEEDED, done.error
        assert done.attempts == 2
    finally:
        stop(cluster)
        if control is not None:
            kill_all(control)  # its recovery watch runs until the next one starts: a SIGTERM would wait for it

    killed, clean = Video.objects.get(pk=killed.pk), Video.objects.get(pk=clean.pk)
    assert killed.status == clean.status == Video.Status.RENDERED
    assert killed.renders.count() == clean.renders.count() == 1
    assert killed.scripts.count() == clean.scripts.count() == 1
    killed_render, clean_render = killed.latest_render, clean.latest_render
    assert killed_render.duration_seconds == clean_render.duration_seconds
    # Frame for frame and sound for sound the same video as the uninterrupted run.
    killed_sums = frame_checksums(media_local(str(killed_render.file)))
    assert killed_sums == frame_checksums(media_local(str(clean_render.file)))
    assert len(killed_sums["video"]) > 100

    killed_files = stored(f"videos/{killed.pk}/")
    clean_files = stored(f"videos/{clean.pk}/")
    assert len(killed_files) == len(clean_files), (killed_files, clean_files)
    made_here = files_under(work_folder(""))  # where steps write before storing (the media folder itself, locally)
    leftovers = [f for f in stored("") + made_here if any(mark in f for mark in (".partial", ".tmp", "tmp-", ".part"))]
    assert leftovers == []
