"""The control cluster's two recovery schedules run `jobs_watch` (recovery every few seconds for 25 s)
instead of a single `jobs_recover` pass: django-q2 fires a schedule at most every 30 s, which left a
lost job waiting up to half a minute more, twice when a busy cluster held its new task."""

from django.db import migrations

NAMES = ["faceless: recover stalled jobs", "faceless: recover stalled jobs (half past)"]


def forwards(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name__in=NAMES).update(
        func="videos.services.jobs.jobs_watch")


def backwards(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name__in=NAMES).update(
        func="videos.services.jobs.jobs_recover")


class Migration(migrations.Migration):
    dependencies = [("videos", "0007_housekeeping_on_control_cluster")]
    operations = [migrations.RunPython(forwards, backwards)]
