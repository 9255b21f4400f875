from django.db import migrations, models


def failed_jobs_stop_saying_waiting(apps, schema_editor):
    # Jobs that failed before reporting progress kept the queue's stage above their error.
    Job = apps.get_model("videos", "Job")
    Job.objects.filter(state="failed", stage__in=[
        "Waiting for a worker", "Recovered after a worker stopped; waiting for a worker"]).update(stage="Failed")


class Migration(migrations.Migration):

    dependencies = [
        ('videos', '0004_video_listing_indexes'),
    ]

    operations = [
        migrations.AlterField(
            model_name='job',
            name='state',
            field=models.CharField(
                choices=[('queued', 'Queued'), ('running', 'Running'), ('succeeded', 'Succeeded'), ('failed', 'Failed'),
                         ('cancelled', 'Cancelled'), ('waiting', 'Waiting')],
                db_index=True, default='queued', max_length=10),
        ),
        migrations.RunPython(failed_jobs_stop_saying_waiting, migrations.RunPython.noop),
    ]
