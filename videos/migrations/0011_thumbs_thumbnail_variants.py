from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('videos', '0010_video_script_changed_at'),
    ]

    operations = [
        migrations.AddField(
            model_name='video',
            name='thumbnail_layout',
            field=models.CharField(blank=True, help_text='The thumbnail variant a person chose (frame, panel, poster); blank: the first. Every render makes all of them; this one is uploaded and exported.', max_length=20),
        ),
        migrations.AddField(
            model_name='render',
            name='thumbnails',
            field=models.JSONField(blank=True, default=list, help_text='Every thumbnail variant: layout, label, words, bytes, file (under MEDIA_ROOT) and its legibility at 168x94 (type size in pixels, contrast ratio).'),
        ),
        migrations.AlterField(
            model_name='render',
            name='thumbnail',
            field=models.CharField(blank=True, help_text='Path under MEDIA_ROOT of the chosen thumbnail: what is uploaded and exported.', max_length=500),
        ),
    ]
