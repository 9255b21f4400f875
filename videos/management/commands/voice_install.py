"""`manage.py voice_install <name>`: a Piper voice from the piper-voices repository into VOICES_DIR."""

from __future__ import annotations

import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from videos.voice.install import VoiceInstallError, voice_catalog, voice_install, voices_for


class Command(BaseCommand):
    help = ("Install a Piper voice by name (e.g. fr_FR-siwis-medium) into VOICES_DIR from the piper-voices "
            "repository at PIPER_VOICES_URL (Hugging Face, or a mirror), its size and MD5 checked. "
            "--list [language] lists the voices; --japanese prepares the Japanese voice that `make voice-ja` "
            "installs.")

    def add_arguments(self, parser):
        parser.add_argument("name", nargs="?", help="The voice, as the repository names it: fr_FR-siwis-medium.")
        parser.add_argument("--list", nargs="?", const="", metavar="LANGUAGE", dest="list_language",
                            help="List the repository's voices (of one language: fr, pt_BR), marking installed ones.")
        parser.add_argument("--japanese", action="store_true",
                            help="Join and load the Japanese voice's model (Kokoro), once, after `make voice-ja`.")

    def handle(self, *args, name=None, list_language=None, japanese=False, **options):
        try:
            if japanese:
                return self._japanese()
            if list_language is not None:
                return self._list(list_language)
            if not name:
                raise CommandError("Name the voice to install, e.g. `manage.py voice_install fr_FR-siwis-medium`; "
                                   "`--list fr` lists the French ones.")
            self.stdout.write(f"Installing {name} from {settings.PIPER_VOICES_URL} into {settings.VOICES_DIR}")
            model = voice_install(name=name, progress=Progress(self.stderr))
        except VoiceInstallError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(self.style.SUCCESS(f"Installed {name}: {model} and its .json. Channels in its language "
                                             "now narrate with it (pick it in the channel settings to be sure)."))

    def _list(self, language: str) -> None:
        from videos.voice.piper import voice_files

        installed = set(voice_files())
        voices = voices_for(voice_catalog(), language)
        if not voices:
            raise CommandError(f"The repository lists no voice for “{language}”.")
        for voice in voices:
            mark = "  (installed)" if voice.name in installed else ""
            self.stdout.write(f"{voice.name:40} {voice.language_english} ({voice.language}), {voice.quality}, "
                              f"{voice.size / 1e6:.0f} MB{mark}")

    def _japanese(self) -> None:
        from videos.voice.base import VoiceError
        from videos.voice.kokoro_ja import INSTALL, installed, prepare

        if not installed():
            raise CommandError(INSTALL)
        try:
            model = prepare()
        except VoiceError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(self.style.SUCCESS(f"The Japanese voice is ready ({model}, {model.stat().st_size / 1e6:.0f} "
                                             "MB). Japanese channels narrate with it."))


class Progress:
    """A line per file and every tenth of it, on stderr."""

    def __init__(self, stream) -> None:
        self.stream, self.shown = stream, {}

    def __call__(self, name: str, done: int, total: int) -> None:
        tenth = done * 10 // max(total, 1)
        if self.shown.get(name) != tenth:
            self.shown[name] = tenth
            self.stream.write(f"  {name}: {done / 1e6:.1f} of {total / 1e6:.1f} MB")
            if getattr(sys.stderr, "flush", None):
                sys.stderr.flush()
