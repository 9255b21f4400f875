"""Pipelines that stopped for review said "approve it to publish", which was wrong as soon as the script
changed (only an update can be approved then): they say what stays true."""

from django.db import migrations

OLD = "The render is ready; approve it to publish."
NEW = "Rendered; a person approves a render before it is published."


def say_what_stays_true(apps, schema_editor):
    apps.get_model("videos", "Job").objects.filter(message=OLD).update(message=NEW)


class Migration(migrations.Migration):
    dependencies = [("videos", "0013_footage_brief")]
    operations = [migrations.RunPython(say_what_stays_true, migrations.RunPython.noop)]
