from __future__ import annotations

from django.core.management.base import BaseCommand

from videos.services.jobs import jobs_recover


class Command(BaseCommand):
    help = ("Re-enqueue jobs whose worker stopped (killed or crashed) and queued jobs that were never handed "
            "to a worker. The job cluster runs this every minute; `make up` runs it once at start.")

    def handle(self, *args, **options):
        recovered = jobs_recover()
        self.stdout.write(f"recovered {len(recovered)} job(s)" + (f": {recovered}" if recovered else ""))
