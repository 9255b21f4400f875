from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("videos", "0015_designs_layout"),
    ]

    operations = [
        migrations.AddField(
            model_name="scene",
            name="english_queries",
            field=models.JSONField(blank=True, default=list),
        ),
    ]
