from django.db import migrations, models

LAYOUTS = [("auto", "Automatic"), ("number", "Number"), ("date", "Date or timeline"), ("map", "Map"),
           ("name", "Name card"), ("list", "List"), ("title", "Title card"), ("quote", "Quote card")]


class Migration(migrations.Migration):
    dependencies = [("videos", "0014_defects_review_message")]

    operations = [
        migrations.AddField(model_name="scene", name="design_layout",
                            field=models.CharField(blank=True, choices=LAYOUTS, default="auto", max_length=12)),
        migrations.AddField(model_name="scene", name="design_text",
                            field=models.TextField(blank=True, default="",
                                                   help_text="The design's words, one item a line.")),
    ]
