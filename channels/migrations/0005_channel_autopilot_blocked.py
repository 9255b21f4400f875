from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("faceless_channels", "0004_cloud_voice_engines")]

    operations = [
        migrations.AddField(model_name="channel", name="autopilot_blocked",
                            field=models.TextField(blank=True, editable=False)),
        migrations.AddField(model_name="channel", name="autopilot_blocked_key",
                            field=models.CharField(blank=True, editable=False, max_length=64)),
        migrations.AddField(model_name="channel", name="autopilot_blocked_at",
                            field=models.DateTimeField(blank=True, editable=False, null=True)),
    ]
