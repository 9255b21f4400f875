"""The job life cycle: enqueue, progress, failure, retry, cancel, claim-once and recovery."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db.models import F
from django.utils import timezone
from django_q.models import OrmQ

from faceless_site.mediastore.files import work_folder
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


def test_a_pipeline_stopped_for_review_says_what_stays_true_after_the_script_changes(steps, client):
    """The pipeline's last words are read long after it ended: "approve it to publish" was wrong as soon
    as the script was edited (only an update can be approved then)."""
    import importlib

    from django.apps import apps

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
    job = job_enqueue(kind=Job.Kind.PIPELINE, video=video)
    assert job_run(job.pk) == "succeeded"
    job.refresh_from_db()
    assert job.message == "Rendered script v1; a person approves a render before it is published."
    scene_update(scene=script.scenes.first(), narration="Sputnik went up in October 1957.")
    client.force_login(video.channel.owner)
    page = client.get(f"/videos/{video.pk}/").content.decode()
    assert "approve it to publish" not in page and "Rendered script v1; a person approves a render" in page
    # Jobs that ended before keep their row; the migration says the same of them.
    old = Job.objects.create(kind="pipeline", video=video, channel=video.channel, step_key="pipeline",
                             state="succeeded", stage="Done", message="The render is ready; approve it to publish.")
    importlib.import_module("videos.migrations.0014_defects_review_message").say_what_stays_true(apps, None)
    old.refresh_from_db()
    assert old.message == "Rendered; a person approves a render before it is published."


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


# --- recovery that holds (issue 18) -------------------------------------------------------------

def _hold_task_rows(job_id: int) -> None:
    """What a cluster does when it takes a task: lock its row for Q_CLUSTER["retry"] (over an hour)."""
    rows = jobs._queue_rows()[job_id]
    OrmQ.objects.filter(pk__in=[pk for pk, _ in rows]).update(lock=timezone.now() + timedelta(hours=1))


def _free_rows(job_id: int) -> int:
    return sum(free for _, free in jobs._queue_rows().get(job_id, ()))


def test_recovery_resubmits_a_queued_job_whose_row_a_dead_cluster_holds(django_capture_on_commit_callbacks):
    import time_machine

    with django_capture_on_commit_callbacks(execute=True):
        held = job_enqueue(kind=Job.Kind.WRITE_SCRIPT, video=make_video())
        waiting = job_enqueue(kind=Job.Kind.WRITE_SCRIPT, video=make_video())
    _hold_task_rows(held.pk)  # taken into a cluster's own queue, then the cluster was killed
    assert _free_rows(held.pk) == 0 and _free_rows(waiting.pk) == 1

    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        assert jobs_recover() == []  # taken a moment ago: it may be starting
    with time_machine.travel(timezone.now() + timedelta(seconds=20)):  # held: by now it would have started
        assert jobs_recover() == [held.pk]  # the job whose row waits for any free worker is left alone
        # The held row is gone and a fresh one waits for any worker.
        assert [free for _, free in jobs._queue_rows()[held.pk]] == [True]
    held.refresh_from_db()
    assert held.state == Job.State.QUEUED and held.stage == jobs.RECOVERED_STAGE


def test_a_job_lost_twice_is_recovered_like_one_lost_once(steps):
    import time_machine

    steps(Job.Kind.WRITE_SCRIPT, step_ok)
    job = job_enqueue(kind=Job.Kind.WRITE_SCRIPT, video=make_video())
    start = timezone.now()
    with time_machine.travel(start):
        assert jobs._claim(job.pk) is not None  # first run; its worker is then killed
    with time_machine.travel(start + timedelta(minutes=2)):
        assert jobs_recover() == [job.pk]
        _hold_task_rows(job.pk)  # the re-enqueued task is taken by a cluster that is killed in turn
    with time_machine.travel(start + timedelta(minutes=4)):
        assert jobs_recover() == [job.pk]
        assert _free_rows(job.pk) == 1
        assert job_run(job.pk) == "succeeded"
    job.refresh_from_db()
    assert (job.state, job.attempts) == (Job.State.SUCCEEDED, 2)


def test_an_interrupted_job_can_be_retried_at_once_as_itself(steps, django_capture_on_commit_callbacks):
    steps(Job.Kind.PIPELINE, step_ok)
    video = make_video()
    with django_capture_on_commit_callbacks(execute=True):
        job = job_enqueue(kind=Job.Kind.PIPELINE, video=video)
    assert jobs._claim(job.pk) is not None
    live = Job.objects.get(pk=job.pk)
    assert not live.is_interrupted
    with pytest.raises(JobAlreadyActive):
        job_retry(job=live)  # its worker is alive: no second run

    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(minutes=5))  # worker killed
    lost = Job.objects.get(pk=job.pk)
    assert lost.is_interrupted
    retried = job_retry(job=lost)
    assert (retried.pk, retried.state) == (job.pk, Job.State.QUEUED)
    assert _free_rows(job.pk) == 1
    assert job_run(job.pk) == "succeeded"

    # Starting the same step again ("Run whole pipeline") is no dead end either.
    again = job_enqueue(kind=Job.Kind.PIPELINE, video=video)
    assert jobs._claim(again.pk) is not None
    Job.objects.filter(pk=again.pk).update(heartbeat_at=timezone.now() - timedelta(minutes=5))
    assert job_enqueue(kind=Job.Kind.PIPELINE, video=video).pk == again.pk
    assert Job.objects.get(pk=again.pk).state == Job.State.QUEUED


def step_loses_the_database(ctx):
    from django.db import OperationalError

    ctx.progress(30, "Rendering")
    raise OperationalError("terminating connection due to administrator command")


def test_a_step_that_loses_the_database_is_queued_again_with_the_reason(steps, settings):
    steps(Job.Kind.NARRATE_RENDER, step_loses_the_database)
    video = make_video()
    job = job_enqueue(kind=Job.Kind.NARRATE_RENDER, video=video)
    assert job_run(job.pk) == "interrupted"
    job.refresh_from_db()
    assert job.state == Job.State.QUEUED and job.stage == jobs.INTERRUPTED_STAGE
    assert job.message.startswith("The database connection was lost during the step")
    assert "terminating connection" in job.message
    assert _free_rows(job.pk) == 1  # submitted again at once, not left for recovery

    settings.JOB_MAX_ATTEMPTS = 3
    Job.objects.filter(pk=job.pk).update(attempts=9)  # kills of its worker do not count
    assert job_run(job.pk) == "interrupted"
    assert job_run(job.pk) == "failed"
    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert "database connection was lost" in job.error and "happened 3 times" in job.error
    assert Video.objects.get(pk=video.pk).status == Video.Status.FAILED


def step_reconnects(ctx):
    """Terminate this worker's own database connection, as a database restart or failover would."""
    import psycopg
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    db = connection.settings_dict
    with psycopg.connect(host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, user=db["USER"],
                         password=db["PASSWORD"] or None, dbname=db["NAME"], autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
    ctx.progress(80, "Rendering")  # the first query after the cut


@pytest.mark.django_db(transaction=True)
def test_a_lost_connection_is_reconnected_and_the_outcome_recorded(steps):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("terminating a backend needs PostgreSQL (PG=1)")
    steps(Job.Kind.NARRATE_RENDER, step_reconnects)
    job = job_enqueue(kind=Job.Kind.NARRATE_RENDER, video=make_video())
    assert job_run(job.pk) == "succeeded"
    job.refresh_from_db()
    assert (job.state, job.attempts) == (Job.State.SUCCEEDED, 1)


def step_taken_over(ctx):
    # Meanwhile recovery judged this run dead and another worker claimed the job (attempt 2).
    Job.objects.filter(pk=ctx.job.pk).update(attempts=F("attempts") + 1, heartbeat_at=timezone.now())
    assert ctx.cancelled()  # the render's cancel check stops this run at its next checkpoint


def test_a_run_whose_job_was_taken_over_records_nothing(steps):
    steps(Job.Kind.NARRATE_RENDER, step_taken_over)
    video = make_video()
    job = job_enqueue(kind=Job.Kind.NARRATE_RENDER, video=video)
    assert job_run(job.pk) == "superseded"
    job.refresh_from_db()
    assert (job.state, job.attempts) == (Job.State.RUNNING, 2)  # the newer run owns it


def test_tasks_enqueued_from_the_control_cluster_go_to_the_job_queue(monkeypatch, settings):
    from django_q.conf import Conf

    # Inside the control cluster django-q2 sends tasks to its own queue unless told otherwise.
    monkeypatch.setattr(Conf, "CLUSTER_NAME", settings.JOB_CONTROL_QUEUE)
    job = job_enqueue(kind=Job.Kind.WRITE_SCRIPT, video=make_video())
    jobs._submit(job.pk)
    assert list(OrmQ.objects.values_list("key", flat=True)) == [settings.JOB_QUEUE]


class _Clock:
    """A watch's own clock and naps: each nap moves the clock on and may change the world."""

    def __init__(self, on_nap=None):
        self.now, self.naps, self.on_nap = 0.0, [], on_nap

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.naps.append(seconds)
        self.now += seconds
        if self.on_nap:
            self.on_nap(len(self.naps))


def recovery_schedules() -> None:
    """The control cluster's schedules come from migrations; a transactional test's flush deletes them."""
    import importlib

    from django.apps import apps

    for migration in ("0007_housekeeping_on_control_cluster", "0008_recovery_watches_between_schedules"):
        importlib.import_module(f"videos.migrations.{migration}").forwards(apps, None)


def _fire_recovery_schedule() -> None:
    """What django-q2's scheduler does when a recovery schedule is due: move its next run on."""
    from django_q.models import Schedule

    schedule = Schedule.objects.filter(func=jobs.WATCH_FUNC).order_by("pk").first()
    Schedule.objects.filter(pk=schedule.pk).update(next_run=schedule.next_run + timedelta(minutes=1))


def test_recovery_watches_until_the_next_schedule_fires_so_it_is_never_blind(settings):
    # django-q2 fires a schedule about every 30 s, a little later on a busy machine: a watch of fixed
    # length (it was 20 s) left a third of each half minute unwatched.
    settings.JOB_RECOVER_EVERY_SECONDS = 5
    recovery_schedules()
    job = job_enqueue(kind=Job.Kind.NARRATE_RENDER, video=make_video())
    jobs._claim(job.pk)

    def world(naps):
        if naps == 6:  # 30 s in: the worker dies
            Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(minutes=5))
        if naps == 7:  # 35 s in, later than the half minute: the next watch starts
            _fire_recovery_schedule()

    clock = _Clock(world)
    assert jobs.jobs_watch(sleep=clock.sleep, clock=clock) == [job.pk]
    assert clock.naps == [5] * 7  # it looked at 0, 5, ... 35 s and handed over to the next watch
    job.refresh_from_db()
    assert (job.state, job.stage) == (Job.State.QUEUED, jobs.RECOVERED_STAGE)


def test_a_watch_whose_schedules_stop_firing_ends_after_ninety_seconds(settings):
    settings.JOB_RECOVER_EVERY_SECONDS = 5
    clock = _Clock()
    assert jobs.jobs_watch(sleep=clock.sleep, clock=clock) == []
    assert sum(clock.naps) == 90  # looks at 0, 5, ... 90 s, then ends


def test_a_watch_that_loses_its_database_connection_reconnects_and_goes_on(settings, monkeypatch):
    from django.db import OperationalError

    settings.JOB_RECOVER_EVERY_SECONDS = 5
    recovery_schedules()
    job = job_enqueue(kind=Job.Kind.NARRATE_RENDER, video=make_video())
    jobs._claim(job.pk)
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(minutes=5))
    real, calls = jobs.jobs_recover, []

    def recover(**kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real(**kwargs)

    monkeypatch.setattr(jobs, "jobs_recover", recover)
    monkeypatch.setattr(jobs.connection, "close", lambda: None)  # inside this test's transaction
    clock = _Clock(lambda naps: naps == 2 and _fire_recovery_schedule())
    assert jobs.jobs_watch(sleep=clock.sleep, clock=clock) == [job.pk]
    assert len(calls) == 3


@pytest.mark.django_db(transaction=True)
def test_a_watch_reconnects_after_its_backend_is_terminated(settings):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("terminating a backend needs PostgreSQL (PG=1)")
    import psycopg

    settings.JOB_RECOVER_EVERY_SECONDS = 5
    recovery_schedules()
    job = job_enqueue(kind=Job.Kind.NARRATE_RENDER, video=make_video())
    jobs._claim(job.pk)

    def world(naps):
        if naps == 1:  # the database restarts under the watch, and meanwhile the worker dies
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                pid = cursor.fetchone()[0]
            db = connection.settings_dict
            with psycopg.connect(host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, user=db["USER"],
                                 password=db["PASSWORD"] or None, dbname=db["NAME"], autocommit=True) as other:
                other.execute("UPDATE videos_job SET heartbeat_at = now() - interval '5 minutes' WHERE id = %s",
                              [job.pk])
                other.execute("SELECT pg_terminate_backend(%s)", [pid])
        if naps == 3:
            _fire_recovery_schedule()

    clock = _Clock(world)
    assert jobs.jobs_watch(sleep=clock.sleep, clock=clock) == [job.pk]


def test_a_job_is_interrupted_three_heartbeats_after_its_worker_stopped(settings):
    assert settings.JOB_STALE_SECONDS == 15  # three of production's 5 s heartbeats
    job = job_enqueue(kind=Job.Kind.PIPELINE, video=make_video())
    jobs._claim(job.pk)
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(seconds=12))
    with pytest.raises(JobAlreadyActive):  # two beats late: possibly a slow worker
        job_retry(job=Job.objects.get(pk=job.pk))
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(seconds=16))
    lost = Job.objects.get(pk=job.pk)
    assert lost.is_interrupted  # was 45 s: the job said "running" at its old percentage, Retry said 409
    assert job_retry(job=lost).state == Job.State.QUEUED
    assert jobs_recover() == []  # already queued again by the person


def test_a_recovered_job_runs_before_the_jobs_queued_after_it(steps, django_capture_on_commit_callbacks):
    # Every worker busy and a backlog queued: the next free worker takes the job that lost its worker,
    # not the backlog's task it happened to hold.
    steps(Job.Kind.PIPELINE, step_records)
    seen.clear()
    lost = job_enqueue(kind=Job.Kind.PIPELINE, video=make_video())
    jobs._claim(lost.pk)
    with django_capture_on_commit_callbacks(execute=True):
        backlog = job_enqueue(kind=Job.Kind.PIPELINE, video=make_video())
    Job.objects.filter(pk=lost.pk).update(heartbeat_at=timezone.now() - timedelta(minutes=5))
    assert jobs_recover() == [lost.pk]
    assert _free_rows(backlog.pk) == 1

    assert job_run(backlog.pk) == "succeeded"  # the backlog's task, run by the first worker free
    assert [job_id for job_id, _ in seen] == [lost.pk]
    lost.refresh_from_db()
    backlog.refresh_from_db()
    assert (lost.state, lost.attempts) == (Job.State.SUCCEEDED, 2)
    assert backlog.state == Job.State.QUEUED and _free_rows(backlog.pk) == 2  # a fresh task of its own
    assert job_run(backlog.pk) == "succeeded"
    assert [job_id for job_id, _ in seen] == [lost.pk, backlog.pk]


def test_housekeeping_runs_on_the_control_cluster(settings):
    from django_q.models import Schedule

    on_control = dict(Schedule.objects.filter(cluster=settings.JOB_CONTROL_QUEUE).values_list("name", "func"))
    assert on_control["faceless: recover stalled jobs"] == "videos.services.jobs.jobs_watch"
    assert on_control["faceless: recover stalled jobs (half past)"] == "videos.services.jobs.jobs_watch"
    assert on_control["faceless: clean up leftovers of killed steps"] == "videos.services.jobs.jobs_clean_leftovers"
    assert {"faceless: publish due videos", "faceless: autopilot"} <= set(on_control)
    assert not Schedule.objects.exclude(cluster=settings.JOB_CONTROL_QUEUE).exists()
    assert (settings.Q_CLUSTER["bulk"], settings.Q_CLUSTER["queue_limit"]) == (1, 1)


def test_clean_up_removes_leftovers_of_killed_steps_but_not_a_live_render(media_root):
    import os

    orphan, live, lost = make_video(), make_video(), make_video()
    running = job_enqueue(kind=Job.Kind.NARRATE_RENDER, video=live)
    jobs._claim(running.pk)
    dead = job_enqueue(kind=Job.Kind.NARRATE_RENDER, video=lost)
    jobs._claim(dead.pk)
    Job.objects.filter(pk=dead.pk).update(heartbeat_at=timezone.now() - timedelta(minutes=5))
    # File times follow the test's clock (which may be frozen far from the real one), as they would
    # in use: the clean-up compares them with its own now.
    now = timezone.now().timestamp()
    long_ago = now - 600
    work_root = work_folder("")  # where steps write: the media folder, or the scratch folder with an object store
    for video in (orphan, live, lost):
        work = work_root / "videos" / str(video.pk) / "renders" / "render-0123456789.work"
        work.mkdir(parents=True)
        (work / "segment-000.partial.mp4").write_bytes(b"half")
        (work.parent / "v1-abc.partial.mp4").write_bytes(b"half")
        (work.parent / "v1-abc.mp4").write_bytes(b"done")
        for path in (work, work / "segment-000.partial.mp4", work.parent / "v1-abc.partial.mp4"):
            os.utime(path, (long_ago, long_ago))
    # A render that has just started (claimed after the clean-up read which jobs are live).
    starting = work_root / "videos" / str(orphan.pk) / "renders" / "render-justnow000.work"
    starting.mkdir()
    os.utime(starting, (now, now))
    incoming = work_root / "assets" / ".incoming"
    incoming.mkdir(parents=True)
    (incoming / "old.part").write_bytes(b"x")
    os.utime(incoming / "old.part", (now - 2 * 86400, now - 2 * 86400))
    (incoming / "uploading.part").write_bytes(b"x")
    os.utime(incoming / "uploading.part", (now - 60, now - 60))

    removed = set(jobs.jobs_clean_leftovers())
    assert removed == {
        f"videos/{orphan.pk}/renders/render-0123456789.work", f"videos/{orphan.pk}/renders/v1-abc.partial.mp4",
        f"videos/{lost.pk}/renders/render-0123456789.work", f"videos/{lost.pk}/renders/v1-abc.partial.mp4",
        "assets/.incoming/old.part",
    }
    assert (work_root / "videos" / str(live.pk) / "renders" / "render-0123456789.work").is_dir()
    assert starting.is_dir()
    assert (work_root / "videos" / str(orphan.pk) / "renders" / "v1-abc.mp4").exists()
    assert (incoming / "uploading.part").exists()


def test_studio_admin_and_api_say_a_job_was_interrupted_and_retry_it_at_once(client, channel, alice):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    video = make_video(channel=channel)
    job = job_enqueue(kind=Job.Kind.PIPELINE, video=video)
    jobs._claim(job.pk)
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(minutes=5), percent=62,
                                         stage="Rendering")
    client.force_login(alice)

    studio = client.get(f"/videos/{video.pk}/").content.decode()
    assert "Interrupted: its worker stopped" in studio
    assert f'action="/jobs/{job.pk}/retry/"' in studio
    # The panel a person is watching polls itself: it turns to "Interrupted" with its Retry in place,
    # no longer "Running" at its old percentage.
    polled = client.get(reverse("job_progress", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert '<span class="badge failed">Interrupted</span>' in polled and "stopped at 62%" in polled
    assert "Running" not in polled
    assert f'action="/jobs/{job.pk}/retry/"' in polled
    listed = client.get("/jobs/").content.decode()
    assert f'action="/jobs/{job.pk}/retry/"' in listed
    assert client.get(f"/api/jobs/{job.pk}").json()["interrupted"] is True

    response = client.post(f"/jobs/{job.pk}/retry/", follow=True)
    assert f"Restarted whole pipeline (job #{job.pk})." in response.content.decode()
    job.refresh_from_db()
    assert (job.state, job.stage) == (Job.State.QUEUED, jobs.RESTARTED_STAGE)
    assert client.get(f"/api/jobs/{job.pk}").json()["interrupted"] is False

    # The API's retry and the admin's action do the same.
    jobs._claim(job.pk)
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(minutes=5))
    retried = client.post(f"/api/jobs/{job.pk}/retry")
    assert retried.status_code == 202 and retried.json()["id"] == job.pk and retried.json()["state"] == "queued"

    jobs._claim(job.pk)
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(minutes=5))
    get_user_model().objects.filter(pk=alice.pk).update(is_staff=True, is_superuser=True)
    changelist = client.get("/admin/videos/job/").content.decode()
    assert "Interrupted" in changelist
    admin = client.post("/admin/videos/job/", {"action": "retry", "_selected_action": [job.pk]}, follow=True)
    assert "restarted (it was interrupted)" in admin.content.decode()
    assert Job.objects.get(pk=job.pk).state == Job.State.QUEUED


def test_a_job_asked_to_stop_whose_worker_then_died_ends_cancelled_not_queued_forever():
    job = job_enqueue(kind=Job.Kind.NARRATE_RENDER, video=make_video())
    jobs._claim(job.pk)
    job_cancel(job=job)  # the running step would have stopped at its next checkpoint, but it was killed
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(minutes=5))
    assert jobs_recover() == []
    job.refresh_from_db()
    assert (job.state, job.stage) == (Job.State.CANCELLED, "Cancelled")
