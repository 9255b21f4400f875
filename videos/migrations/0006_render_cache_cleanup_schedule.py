from django.db import migrations

NAME = "faceless: clean render caches"


def create_schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.update_or_create(
        name=NAME,
        defaults={"func": "videos.services.render_cache.render_caches_clean", "schedule_type": "D", "repeats": -1},
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("videos", "0005_job_waiting_state")]
    operations = [migrations.RunPython(create_schedule, remove_schedule)]
