from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from channels.models import Channel
from faceless_site.docstore import DocumentStoreUnavailable
from publishing.services import channel_analytics_sync
from publishing.youtube.errors import YouTubeError


class Command(BaseCommand):
    help = ("Read daily views, watch time and subscribers gained of every published YouTube video from the "
            "YouTube Analytics API into the document store, where the video and channel pages show them. "
            "Runs now, in this process, for the given channels (by slug) or every channel with a YouTube account. "
            "The job cluster does this daily. Exits 1 if any channel could not be synced.")

    def add_arguments(self, parser):
        parser.add_argument("channels", nargs="*", metavar="CHANNEL_SLUG", help="Channels to sync (default: all).")

    def handle(self, *args, channels, **options):
        queryset = Channel.objects.filter(youtube_account__isnull=False)
        if channels:
            queryset = Channel.objects.filter(slug__in=channels)
            unknown = sorted(set(channels) - set(queryset.values_list("slug", flat=True)))
            if unknown:
                raise CommandError(f"No channel with slug {', '.join(unknown)}.")
        failures = []
        for channel in queryset:
            try:
                written = channel_analytics_sync(channel=channel)
            except (YouTubeError, DocumentStoreUnavailable) as exc:
                failures.append(channel.slug)
                self.stderr.write(f"{channel.slug}: {getattr(exc, 'message', str(exc))}")
                continue
            self.stdout.write(f"{channel.slug}: {len(written)} video(s) updated")
        if failures:
            raise CommandError(f"Analytics not synced for {', '.join(failures)}.")
