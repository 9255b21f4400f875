"""The job life cycle: enqueue, progress, failure, retry, cancel, claim-once and recovery."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_q.models import OrmQ

from tests.factories import make_channel, make_video
from videos.models import Job, Video
from videos.services import jobs
from videos.services.jobs import JobAlreadyActive, StepFailed, job_cancel, job_enqueue, job_retry, job_run, jobs_recover

pytestmark = pytest.mark.django_db

seen: list[tuple[int, str]] = []


def step_ok(ctx):
    ctx.progress(40, "Halfway", "working")
    seen.append((ctx.job.pk, Job.objects.get(pk=ctx.job.pk).stage))


def step_fails(ctx):
    raise StepFailed("The provider refused the key. Set a valid key.", details={"raw": "<html>nope</html>"})


def step_fails_while_rendering(ctx):
    ctx.progress(30, "Rendering scene 2")
    raise StepFailed("ffmpeg stopped.")


def step_waits(ctx):
    ctx.progress(10, "Uploading")
    ctx.wait("The YouTube quota is used up; it resets at midnight Pacific.",
             until=timezone.now() + timedelta(hours=3))


def step_records(ctx):
    seen.append((ctx.job.pk, ctx.job.kind + ":" + ctx.job.stage))


def step_crashes(ctx):
    raise ZeroDivisionError("division by zero")


def step_cancelled_midway(ctx):
    job_cancel(job=ctx.job)
    ctx.raise_if_cancelled()
    raise AssertionError("not reached")


@pytest.fixture
def steps(monkeypatch):
    """Point job kinds at the steps above (our own registry, not a library)."""
    def use(kind, func):
        monkeypatch.setitem(jobs.STEPS, kind, f"{__name__}.{func.__name__}")
    return use


def test_enqueue_creates_a_queued_job_and_submits_a_task_on_commit(django_capture_on_commit_callbacks):
    video = make_video()
    with django_capture_on_commit_callbacks(execute=True):
        job = job_enqueue(kind=Job.Kind.WRITE_SCRIPT, video=video)
    job.refresh_from_db()
    assert job.state == Job.State.QUEUED
    assert job.channel == video.channel
    assert job.task_id
    assert [item.task_id() for item in OrmQ.objects.all()] == [job.task_id]


def test_the_same_step_of_the_same_video_cannot_run_twice_at_once():
    video = make_video()
    first = job_enqueue(kind=Job.Kind.WRITE_SCRIPT, video=video)
    with pytest.raises(JobAlreadyActive) as raised:
        job_enqueue(kind=Job.Kind.WRITE_SCRIPT, video=video)
    assert raised.value.job == first
    assert job_enqueue(kind=Job.Kind.NARRATE_RENDER, video=video).pk != first.pk
    assert job_enqueue(kind=Job.Kind.WRITE_SCRIPT, video=make_video()).pk
    # Rewrites of different scenes are different steps.
    job_enqueue(kind=Job.Kind.REWRITE_SCENE, video=video, params={"scene_id": 1})
    job_enqueue(kind=Job.Kind.REWRITE_SCENE, video=video, params={"scene_id": 2})
    with pytest.raises(JobAlreadyActive):
        job_enqueue(kind=Job.Kind.REWRITE_SCENE, video=video, params={"scene_id": 1})


def test_channel_jobs_are_exclusive_per_channel():
    channel = make_channel()
    job_enqueue(kind=Job.Kind.SUGGEST_TOPICS, channel=channel, params={"count": 3})
    with pytest.raises(JobAlreadyActive):
        job_enqueue(kind=Job.Kind.SUGGEST_TOPICS, channel=channel, params={"count": 5})


def test_a_successful_step_records_progress_and_finishes(steps):
    steps(Job.Kind.WRITE_SCRIPT, step_ok)
    job = job_enqueue(kind=Job.Kind.WRITE_SCRIPT, video=make_video())
    assert job_run(job.pk) == "succeeded"
    job.refresh_from_db()
    assert (job.pk, "Halfway") in seen  # progress was visible while the step ran
    assert (job.state, job.percent, job.stage, job.attempts) == (Job.State.SUCCEEDED, 100, "Done", 1)
    assert job.started_at and job.finished_at and job.finished_at >= job.started_at


def test_a_failed_step_shows_a_readable_error_and_keeps_details(steps):
    steps(Job.Kind.WRITE_SCRIPT, step_fails)
    video = make_video()
    job = job_enqueue(kind=Job.Kind.WRITE_SCRIPT, video=video)
    assert job_run(job.pk) == "failed"
    job.refresh_from_db()
    video.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert job.error == "The provider refused the key. Set a valid key."
    assert job.details["raw"] == "<html>nope</html>"
    # A draft has nothing to lose: it reads "failed", with the step and its error.
    assert (video.status, video.status_message) == (Video.Status.FAILED, "Write script failed: " + job.error)
    assert job.stage == "Failed"  # it never reported progress: no "Waiting for a worker" left above the error


def test_an_unexpected_exception_is_recorded_not_raised(steps):
    steps(Job.Kind.WRITE_SCRIPT, step_crashes)
    job = job_enqueue(kind=Job.Kind.WRITE_SCRIPT, video=make_video())
    assert job_run(job.pk) == "failed"
    job.refresh_from_db()
    assert job.error == "Unexpected error: ZeroDivisionError: division by zero"
    assert "ZeroDivisionError" in job.details["traceback"]


def test_a_failed_job_can_be_retried_as_a_new_job(steps):
    steps(Job.Kind.WRITE_SCRIPT, step_fails)
    video = make_video()
    failed = job_enqueue(kind=Job.Kind.WRITE_SCRIPT, video=video)
    job_run(failed.pk)
    steps(Job.Kind.WRITE_SCRIPT, step_ok)
    failed.refresh_from_db()
    retry = job_retry(job=failed)
    assert retry.pk != failed.pk and retry.retry_of == failed and retry.state == Job.State.QUEUED
    assert job_run(retry.pk) == "succeeded"
    with pytest.raises(JobAlreadyActive):
        job_retry(job=job_enqueue(kind=Job.Kind.WRITE_SCRIPT, video=video))


def test_a_job_is_claimed_once_even_if_delivered_twice(steps):
    steps(Job.Kind.WRITE_SCRIPT, step_ok)
    job = job_enqueue(kind=Job.Kind.WRITE_SCRIPT, video=make_video())
    assert job_run(job.pk) == "succeeded"
    assert job_run(job.pk) == "skipped"
    job.refresh_from_db()
    assert job.attempts == 1


def test_a_running_job_with_a_live_heartbeat_is_not_taken_by_a_second_delivery(steps):
    steps(Job.Kind.WRITE_SCRIPT, step_ok)
    job = job_enqueue(kind=Job.Kind.WRITE_SCRIPT, video=make_video())
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, heartbeat_at=timezone.now())
    assert job_run(job.pk) == "skipped"


def test_cancel_stops_a_queued_job_at_once_and_a_running_one_at_its_checkpoint(steps):
    queued = job_enqueue(kind=Job.Kind.WRITE_SCRIPT, video=make_video())
    assert job_cancel(job=queued).state == Job.State.CANCELLED
    assert job_run(queued.pk) == "skipped"

    steps(Job.Kind.NARRATE_RENDER, step_cancelled_midway)
    running = job_enqueue(kind=Job.Kind.NARRATE_RENDER, video=make_video())
    assert job_run(running.pk) == "cancelled"
    running.refresh_from_db()
    assert running.state == Job.State.CANCELLED


def test_recovery_requeues_a_job_whose_worker_died(steps, django_capture_on_commit_callbacks):
    steps(Job.Kind.WRITE_SCRIPT, step_ok)
    job = job_enqueue(kind=Job.Kind.WRITE_SCRIPT, video=make_video())
    long_ago = timezone.now() - timedelta(minutes=10)
    # What a worker killed with -9 leaves behind: running, attempt 1, heartbeat stopped.
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, attempts=1, started_at=long_ago,
                                         heartbeat_at=long_ago)
    fresh = job_enqueue(kind=Job.Kind.NARRATE_RENDER, video=make_video())
    Job.objects.filter(pk=fresh.pk).update(state=Job.State.RUNNING, heartbeat_at=timezone.now())

    assert jobs_recover() == [job.pk]
    job.refresh_from_db()
    assert job.state == Job.State.QUEUED and job.task_id
    assert job_run(job.pk) == "succeeded"
    job.refresh_from_db()
    assert job.attempts == 2


def test_a_step_that_cannot_be_loaded_fails_the_job_instead_of_leaving_it_running(monkeypatch):
    monkeypatch.setitem(jobs.STEPS, Job.Kind.WRITE_SCRIPT, "videos.no_such_module.step")
    job = job_enqueue(kind=Job.Kind.WRITE_SCRIPT, video=make_video())
    assert job_run(job.pk) == "failed"
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and "ModuleNotFoundError" in job.error


def test_a_failed_step_keeps_what_the_video_has_and_tells_the_failure_beside_it(steps):
    from tests.factories import make_script
    from videos.models import Render
    from videos.services.video import video_approve

    steps(Job.Kind.WRITE_SCRIPT, step_fails)
    video = make_video()
    script = make_script(video)
    Render.objects.create(video=video, script_version=script.version, file="r.mp4", duration_seconds=30)
    Video.objects.filter(pk=video.pk).update(status=Video.Status.RENDERED)

    job = job_enqueue(kind=Job.Kind.WRITE_SCRIPT, video=video)
    assert job_run(job.pk) == "failed"

    video.refresh_from_db()
    assert video.status == Video.Status.RENDERED
    assert video.status_message == "Write script failed: The provider refused the key. Set a valid key."
    assert video_approve(video=video).status == Video.Status.APPROVED  # not stranded

    # The same step succeeding later answers its failure.
    Video.objects.filter(pk=video.pk).update(status_message="Write script failed: old")
    steps(Job.Kind.WRITE_SCRIPT, step_ok)
    assert job_run(job_enqueue(kind=Job.Kind.WRITE_SCRIPT, video=video).pk) == "succeeded"
    assert Video.objects.get(pk=video.pk).status_message == ""


def test_a_video_failed_by_an_earlier_step_with_a_render_of_its_script_can_still_be_approved():
    from tests.factories import make_script
    from videos.models import Render
    from videos.services.video import video_approve

    video = make_video(status=Video.Status.FAILED, status_message="Write script failed: model down")
    script = make_script(video)
    Render.objects.create(video=video, script_version=script.version, file="r.mp4", duration_seconds=30)
    assert video_approve(video=video).status == Video.Status.APPROVED


def test_a_failed_job_says_where_it_stopped(steps):
    steps(Job.Kind.NARRATE_RENDER, step_fails_while_rendering)
    job = job_enqueue(kind=Job.Kind.NARRATE_RENDER, video=make_video())
    job_run(job.pk)
    job.refresh_from_db()
    assert (job.state, job.stage, job.error) == (Job.State.FAILED, "Failed at: Rendering scene 2", "ffmpeg stopped.")


def test_a_step_that_must_wait_ends_waiting_with_why_and_until_when(steps):
    steps(Job.Kind.PUBLISH, step_waits)
    video = make_video(status=Video.Status.APPROVED)
    job = job_enqueue(kind=Job.Kind.PUBLISH, video=video)

    assert job_run(job.pk) == "waiting"

    job.refresh_from_db()
    assert (job.state, job.is_active, job.error) == (Job.State.WAITING, False, "")
    assert job.message == "The YouTube quota is used up; it resets at midnight Pacific."
    assert job.stage.startswith("Waiting until ")
    assert timedelta(hours=2, minutes=59) < job.waiting_until - timezone.now() <= timedelta(hours=3)
    assert Video.objects.get(pk=video.pk).status == Video.Status.APPROVED


def test_the_pipeline_renders_again_after_a_scene_edit_instead_of_keeping_the_old_render(steps):
    from tests.factories import make_script
    from videos.models import Render
    from videos.services.video import scene_update

    for kind in (Job.Kind.WRITE_SCRIPT, Job.Kind.MATCH_FOOTAGE, Job.Kind.NARRATE_RENDER, Job.Kind.PUBLISH):
        steps(kind, step_records)
    video = make_video(channel=make_channel(review_required=True))
    script = make_script(video, approved_at=timezone.now())
    script.scenes.update(footage_reason="chosen")
    Render.objects.create(video=video, script_version=script.version, file="r.mp4", duration_seconds=3)
    Video.objects.filter(pk=video.pk).update(status=Video.Status.RENDERED)
    scene_update(scene=script.scenes.first(), narration="Sputnik went up in October 1957.")
    seen.clear()

    job = job_enqueue(kind=Job.Kind.PIPELINE, video=video)
    assert job_run(job.pk) == "succeeded"

    assert [stage for _pk, stage in seen] == ["pipeline:Narrate and render"]


def test_the_migration_makes_jobs_that_failed_before_reporting_stop_saying_waiting_for_a_worker():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("videos.migrations.0005_job_waiting_state")
    video = make_video()
    old = Job.objects.create(kind="write_script", video=video, channel=video.channel, step_key="write_script",
                             state="failed", stage="Waiting for a worker", error="model down")
    kept = Job.objects.create(kind="narrate_render", video=video, channel=video.channel, step_key="narrate_render",
                              state="failed", stage="Rendering scene 2", error="ffmpeg stopped")
    migration.failed_jobs_stop_saying_waiting(apps, None)
    assert Job.objects.get(pk=old.pk).stage == "Failed"
    assert Job.objects.get(pk=kept.pk).stage == "Rendering scene 2"
