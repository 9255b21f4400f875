"""Rows written before redaction was applied on storage may hold a provider's error text with a key
in it; clean them once, with the same redaction the job runner now applies (faceless_site.redaction).
"""

from __future__ import annotations

from django.db import migrations

from faceless_site.redaction import redact, redact_text


def redact_rows(apps, schema_editor):
    Job = apps.get_model("videos", "Job")
    Video = apps.get_model("videos", "Video")
    for job in Job.objects.exclude(message="", error="", details={}, warnings=[]).iterator():
        cleaned = {"message": redact_text(job.message), "error": redact_text(job.error),
                   "details": redact(job.details), "warnings": redact(job.warnings)}
        if any(getattr(job, name) != value for name, value in cleaned.items()):
            Job.objects.filter(pk=job.pk).update(**cleaned)
    for video in Video.objects.exclude(status_message="").only("pk", "status_message").iterator():
        cleaned = redact_text(video.status_message)
        if cleaned != video.status_message:
            Video.objects.filter(pk=video.pk).update(status_message=cleaned)


class Migration(migrations.Migration):
    dependencies = [("videos", "0002_job_recovery_schedule")]
    operations = [migrations.RunPython(redact_rows, migrations.RunPython.noop)]
