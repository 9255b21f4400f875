"""Create the demo channel `make demo` renders on: offline writer, Piper voice, generated visuals."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from channels.models import Channel, ChannelMembership


class Command(BaseCommand):
    help = ("Create (or leave as is) the 'demo' channel owned by the first superuser: offline script writer, "
            "Piper neural narration (espeak-ng if it cannot run), 16:9, classic subtitles, local export, "
            "review before publishing.")

    def handle(self, *args, **options):
        owner = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
        if owner is None:
            raise CommandError("No admin login yet: run `python manage.py ensure_admin` first.")
        channel, created = Channel.objects.get_or_create(slug="demo", defaults={
            "name": "Curious Histories (demo)", "owner": owner, "niche": "short histories of everyday inventions",
            "audience": "curious adults", "tone": "warm, clear and curious", "language": "en",
            "target_seconds": 60, "writer_order": ["offline"], "voice_engine": Channel.VoiceEngine.PIPER,
            "voice_name": "en_US-joe-medium", "voice_rate": 165, "footage_sources": ["library"],
            "intro_text": "Curious Histories", "review_required": True, "publish_target": "local",
            "cadence": [{"weekday": 1, "time": "15:00"}, {"weekday": 4, "time": "15:00"}],
        })
        ChannelMembership.objects.get_or_create(channel=channel, user=owner,
                                                defaults={"role": ChannelMembership.Role.OWNER})
        self.stdout.write(f"{'created' if created else 'using'} channel 'demo' ({channel.name})")
