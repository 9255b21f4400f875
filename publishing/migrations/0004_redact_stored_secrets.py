"""Publication messages and YouTube account errors written before redaction was applied on storage
may quote a provider's key or token; clean them once (faceless_site.redaction)."""

from __future__ import annotations

from django.db import migrations

from faceless_site.redaction import redact_text


def redact_rows(apps, schema_editor):
    for model, field in (("Publication", "message"), ("YouTubeAccount", "last_error")):
        manager = apps.get_model("publishing", model).objects
        for pk, text in manager.exclude(**{field: ""}).values_list("pk", field).iterator():
            cleaned = redact_text(text)
            if cleaned != text:
                manager.filter(pk=pk).update(**{field: cleaned})


class Migration(migrations.Migration):
    dependencies = [("publishing", "0003_publishing_schedules")]
    operations = [migrations.RunPython(redact_rows, migrations.RunPython.noop)]
