from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from publishing.services import publish_due


class Command(BaseCommand):
    help = ("Start the publish jobs whose time has come: scheduled videos at their slot (YouTube uploads of "
            "public videos start YOUTUBE_UPLOAD_LEAD_MINUTES early, as private with publishAt), and uploads "
            "that waited for the quota reset. Uploads of a channel whose YouTube access must be reconnected keep "
            "waiting. The job cluster runs this every minute; run it by hand to publish without waiting. "
            "Exits 1 if the jobs could not be enqueued.")

    def handle(self, *args, **options):
        try:
            started = publish_due()
        except Exception as exc:
            raise CommandError(f"Could not start publish jobs: {type(exc).__name__}: {exc}") from exc
        which = f" for publications {started}" if started else ""
        self.stdout.write(f"started {len(started)} publish job(s){which}")
