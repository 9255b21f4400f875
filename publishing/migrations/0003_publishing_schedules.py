"""The django-q2 schedules that run publishing: due uploads every minute, analytics daily,
autopilot hourly. Created here (not at startup) so every deployment gets them with `migrate`, and
update_or_create keeps re-running the migration harmless."""

from django.db import migrations

SCHEDULES = {
    "faceless: publish due videos": {"func": "publishing.services.publish_due", "schedule_type": "I", "minutes": 1},
    "faceless: sync YouTube analytics": {"func": "publishing.services.analytics_sync_all", "schedule_type": "D"},
    "faceless: autopilot": {"func": "publishing.services.autopilot_all", "schedule_type": "H"},
}


def create_schedules(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    for name, fields in SCHEDULES.items():
        Schedule.objects.update_or_create(name=name, defaults={**fields, "repeats": -1})


def remove_schedules(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name__in=list(SCHEDULES)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0002_youtube_account_quota_lease"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]
    operations = [migrations.RunPython(create_schedules, remove_schedules)]
