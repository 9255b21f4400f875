"""Housekeeping schedules run on the control cluster (settings.JOB_CONTROL_QUEUE), where a long
render cannot hold them up: recovery twice a minute (two one-minute schedules half a minute apart),
clean-up of killed steps' leftovers every ten minutes, the publishing schedules and the daily clean-up
of render caches."""

from datetime import timedelta

from django.conf import settings
from django.db import migrations
from django.utils import timezone

RECOVER = "faceless: recover stalled jobs"
RECOVER_HALF_PAST = "faceless: recover stalled jobs (half past)"
CLEAN = "faceless: clean up leftovers of killed steps"
PUBLISHING = ["faceless: publish due videos", "faceless: sync YouTube analytics", "faceless: autopilot",
              "faceless: clean render caches"]


def forwards(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    control = settings.JOB_CONTROL_QUEUE
    now = timezone.now()
    recover = {"func": "videos.services.jobs.jobs_recover", "schedule_type": "I", "minutes": 1, "repeats": -1,
               "cluster": control}
    Schedule.objects.update_or_create(name=RECOVER, defaults={**recover, "next_run": now})
    Schedule.objects.update_or_create(name=RECOVER_HALF_PAST,
                                      defaults={**recover, "next_run": now + timedelta(seconds=30)})
    Schedule.objects.update_or_create(name=CLEAN, defaults={
        "func": "videos.services.jobs.jobs_clean_leftovers", "schedule_type": "I", "minutes": 10, "repeats": -1,
        "cluster": control, "next_run": now})
    Schedule.objects.filter(name__in=PUBLISHING).update(cluster=control)


def backwards(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.filter(name__in=[RECOVER_HALF_PAST, CLEAN]).delete()
    Schedule.objects.filter(name__in=[RECOVER, *PUBLISHING]).update(cluster=None)


class Migration(migrations.Migration):
    dependencies = [
        ("videos", "0006_render_cache_cleanup_schedule"),
        ("publishing", "0003_publishing_schedules"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
