from __future__ import annotations

from django.core.management.base import BaseCommand

from videos.services.jobs import jobs_recover


class Command(BaseCommand):
    help = ("Queue again, once, the jobs whose worker stopped (killed or crashed: no heartbeat for "
            "JOB_STALE_SECONDS) and queued jobs whose task a dead or busy cluster holds. The control cluster "
            "already does this every JOB_RECOVER_EVERY_SECONDS (5 s); `make up` runs it once at start.")

    def handle(self, *args, **options):
        recovered = jobs_recover()
        self.stdout.write(f"recovered {len(recovered)} job(s)" + (f": {recovered}" if recovered else ""))
