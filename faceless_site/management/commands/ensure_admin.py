"""Create the first admin login once, with a random password printed once. Never a fixed password."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = ("Create an 'admin' superuser with a random password if no superuser exists yet, and print the "
            "login once. Does nothing when a superuser exists. Change the password after signing in.")

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--email", default="admin@localhost")

    def handle(self, *args, **options):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=options["username"], email=options["email"], password=password)
        self.stdout.write(self.style.SUCCESS(
            "\nCreated the first admin login (shown only this once; change it after signing in):\n"
            f"    username: {options['username']}\n    password: {password}\n"
        ))
