"""`manage.py doctor`: the state of every integration, one line each, and the fix."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from faceless_site.health import health_report, overall

MARK = {"ok": "ok  ", "warn": "warn", "fail": "FAIL"}


class Command(BaseCommand):
    help = (
        "Check every integration Faceless uses (database, Redis, document store, job cluster, ffmpeg, "
        "espeak-ng, Piper, a voice for each channel's language, the Japanese voice, fonts, media folder, LLM "
        "providers, stock-media keys, Google OAuth) and print one "
        "line each: ok / warn / fail, what was found, and the fix. Exits non-zero when anything fails. "
        "Never prints a secret."
    )

    def add_arguments(self, parser):
        parser.add_argument("--offline", action="store_true",
                            help="Do not contact LLM endpoints (only report whether they are configured).")
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")
        parser.add_argument("--check-keys", action="store_true",
                            help="Check each stock-media key with one real search (spends one request of its "
                                 "rate limit); without it those lines say 'not checked'.")

    def handle(self, *args, **options):
        results = health_report(detailed=True, live=not options["offline"], check_keys=options["check_keys"])
        if options["json"]:
            self.stdout.write(json.dumps([r.__dict__ for r in results], indent=2, default=str))
        else:
            width = max(len(r.name) for r in results)
            for r in results:
                style = {"ok": self.style.SUCCESS, "warn": self.style.WARNING, "fail": self.style.ERROR}[r.status]
                line = f"{style(MARK[r.status])}  {r.name.ljust(width)}  {r.found}"
                if r.fix and r.status != "ok":
                    line += f"\n      {' ' * width}  fix: {r.fix}"
                self.stdout.write(line)
        state = overall(results)
        if state == "fail":
            failed = ", ".join(r.name for r in results if r.status == "fail")
            raise CommandError(f"doctor: failing: {failed}")
        self.stdout.write(f"doctor: {state}")
