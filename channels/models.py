"""A channel: what it is about, how it sounds and looks, how often it publishes, and who runs it."""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models

from videos.render.plan import FRAME_SIZES

hex_color = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Use a colour like #1e293b.")


def default_writer_order() -> list[str]:
    return list(settings.WRITER_DEFAULT_ORDER)


def default_sources() -> list[str]:
    # Keyless archives come after the keyed stock sources; a source without its key is skipped.
    return ["library", "pexels", "pixabay", "wikimedia", "nasa", "openverse"]


def validate_cadence(value: object) -> None:
    """A cadence is a list of {"weekday": 0-6 (Monday=0), "time": "HH:MM"} slots."""
    if not isinstance(value, list):
        raise ValidationError("Cadence must be a list of slots.")
    for slot in value:
        if not isinstance(slot, dict) or set(slot) != {"weekday", "time"}:
            raise ValidationError('Each slot is {"weekday": 0-6, "time": "HH:MM"}.')
        if slot["weekday"] not in range(7):
            raise ValidationError("weekday is 0 (Monday) to 6 (Sunday).")
        hours, _, minutes = str(slot["time"]).partition(":")
        if not (hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60):
            raise ValidationError(f"{slot['time']!r} is not a time like 15:30.")


def validate_sources(value: object) -> None:
    from assets.sources import SOURCE_NAMES

    if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
        raise ValidationError('Footage sources are a list of names, e.g. ["library", "pexels"].')
    unknown = [name for name in value if name not in SOURCE_NAMES]
    if unknown:
        raise ValidationError(f"Unknown footage source(s): {', '.join(unknown)}. Use {', '.join(SOURCE_NAMES)}.")


def validate_writers(value: object) -> None:
    known = ("offline", "ollama", "anthropic", "openai")
    if not isinstance(value, list) or not value or not all(isinstance(name, str) for name in value):
        raise ValidationError('Writers are a non-empty list of names, e.g. ["ollama", "offline"].')
    unknown = [name for name in value if name not in known]
    if unknown:
        raise ValidationError(f"Unknown writer(s): {', '.join(unknown)}. Use {', '.join(known)}.")


def validate_language(value: str) -> None:
    """An ISO 639 language code, with a region or script if wanted: en, fr, pt-BR, zh-Hant, ja."""
    import pycountry

    base = (value or "").replace("_", "-").split("-")[0].lower()
    found = (pycountry.languages.get(alpha_2=base) if len(base) == 2 else
             pycountry.languages.get(alpha_3=base) if len(base) == 3 else None)
    if found is None:
        raise ValidationError(f"“{value}” is not a language code; use one like en, fr, de, es, pt-BR or ja.")


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"{value!r} is not a time zone name like Europe/Berlin.")


def voice_engine_choices() -> list[tuple[str, str]]:
    from videos.voice import engine_choices

    return engine_choices()


class Channel(models.Model):
    class AspectRatio(models.TextChoices):
        LANDSCAPE = "16:9", "16:9 landscape (1920x1080)"
        PORTRAIT = "9:16", "9:16 portrait / Shorts (1080x1920)"
        SQUARE = "1:1", "1:1 square (1080x1080)"

    class VoiceEngine(models.TextChoices):
        """Names of the built-in engines; the field's choices come from videos.voice.ENGINES."""

        PIPER = "piper", "Piper neural voice (offline)"
        ESPEAK = "espeak", "espeak-ng (offline)"
        GTTS = "gtts", "Google TTS (online)"
        OPENAI = "openai", "OpenAI-compatible speech server (Kokoro, OpenAI, LocalAI)"
        ELEVENLABS = "elevenlabs", "ElevenLabs (online)"

    class Privacy(models.TextChoices):
        PRIVATE = "private", "Private"
        UNLISTED = "unlisted", "Unlisted"
        PUBLIC = "public", "Public"

    class SubtitleStyle(models.TextChoices):
        CLASSIC = "classic", "Classic: white, black outline, bottom"
        BOLD = "bold", "Bold: large yellow, centre"
        MINIMAL = "minimal", "Minimal: small, boxed, bottom"
        NONE = "none", "No subtitles"

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=60, unique=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_channels")
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="ChannelMembership", related_name="channels", blank=True
    )

    niche = models.CharField(max_length=200, help_text="What the channel is about, e.g. 'space history'.")
    audience = models.CharField(max_length=200, blank=True, help_text="Who watches, e.g. 'curious adults'.")
    tone = models.CharField(max_length=100, default="clear, warm and curious")
    language = models.CharField(max_length=12, default="en", validators=[validate_language],
                                help_text="ISO code such as en, de, es, pt-BR or ja.")
    timezone = models.CharField(max_length=64, default="UTC", validators=[validate_timezone])

    # Script
    target_seconds = models.PositiveIntegerField(
        default=60, validators=[MinValueValidator(15), MaxValueValidator(3600)]
    )
    writer_order = models.JSONField(
        default=default_writer_order, validators=[validate_writers],
        help_text='Writers tried in order: "offline", "ollama", "anthropic", "openai".',
    )
    llm_model = models.CharField(max_length=100, blank=True, help_text="Model name; blank uses the setting.")
    prompt_template = models.TextField(
        blank=True,
        help_text="Blank uses the built-in template. Placeholders: $niche $audience $tone $language $language_name "
                  "$target_seconds $words_per_minute $target_words $scene_count $scene_words $topic.",
    )

    # Voice
    voice_engine = models.CharField(max_length=20, choices=voice_engine_choices, default=VoiceEngine.PIPER)
    voice_name = models.CharField(
        max_length=64, blank=True,
        help_text="Blank: the engine's voice for the channel language (Piper en_US-joe-medium for English). "
                  "For an OpenAI-compatible server its voice (alloy, af_bella); for ElevenLabs a voice id.",
    )
    voice_rate = models.PositiveIntegerField(
        default=165, validators=[MinValueValidator(80), MaxValueValidator(400)],
        help_text="Words per minute; 165 is a neural voice's own pace.",
    )
    voice_fallback = models.BooleanField(
        default=True, help_text="Narrate with espeak-ng if the chosen voice cannot run (missing, damaged, offline).",
    )

    # Look
    aspect_ratio = models.CharField(max_length=5, choices=AspectRatio.choices, default=AspectRatio.LANDSCAPE)
    subtitle_style = models.CharField(max_length=10, choices=SubtitleStyle.choices, default=SubtitleStyle.CLASSIC)
    karaoke = models.BooleanField(default=False, help_text="Highlight each word as it is spoken.")
    font_name = models.CharField(max_length=100, default="DejaVu Sans")
    primary_color = models.CharField(max_length=7, default="#1e293b", validators=[hex_color])
    accent_color = models.CharField(max_length=7, default="#f59e0b", validators=[hex_color])
    intro_text = models.CharField(max_length=120, blank=True)
    outro_text = models.CharField(max_length=120, blank=True)
    watermark = models.ForeignKey(
        "assets.Asset", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    music = models.ForeignKey(
        "assets.Asset", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="Music bed mixed under the narration.",
    )
    background_loop = models.ForeignKey(
        "assets.Asset", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The Shorts look: a clip from the library (gameplay, a satisfying process, nature) looped without a "
                  "seam behind every scene, cropped to the frame, under large word-by-word captions.",
    )
    music_volume_db = models.FloatField(default=-18.0, validators=[MinValueValidator(-40), MaxValueValidator(0)])
    render_preset = models.CharField(max_length=12, default="veryfast")
    render_crf = models.PositiveIntegerField(default=21, validators=[MinValueValidator(14), MaxValueValidator(35)])

    # Footage
    footage_sources = models.JSONField(
        default=default_sources, validators=[validate_sources],
        help_text='Sources tried in order: "library", "pexels", "pixabay", and the keyless archives "wikimedia", '
                  '"nasa", "openverse" ("unsplash" is offered in the studio only, as its guidelines ask for a '
                  "person's choice).",
    )
    footage_restricted_licences = models.BooleanField(
        default=False, help_text="Also use pictures under NonCommercial (NC) or NoDerivatives (ND) licences. Off: "
                                 "only public domain, CC0, CC BY and CC BY-SA, which allow a monetised, edited video.")
    avoid_reuse_videos = models.PositiveIntegerField(
        default=10, help_text="Do not reuse footage used in this many recent videos."
    )

    # Publishing
    default_privacy = models.CharField(max_length=10, choices=Privacy.choices, default=Privacy.PRIVATE)
    category_id = models.CharField(max_length=4, default="27", help_text="YouTube category (27 = Education).")
    made_for_kids = models.BooleanField(default=False)
    synthetic_media = models.BooleanField(
        default=True, help_text="Declare altered or synthetic content (a synthetic voice counts)."
    )
    cadence = models.JSONField(default=list, blank=True, validators=[validate_cadence])
    review_required = models.BooleanField(
        default=True, help_text="Stop for a person's approval before anything is published."
    )
    autopilot_ahead = models.PositiveIntegerField(default=0, help_text="Keep this many videos queued (0 = off).")
    # Set when a round could not add the topics the channel needs: why, and what to do. Rounds do not
    # ask again until `autopilot_blocked_key` (the writer settings and topics) changes.
    autopilot_blocked = models.TextField(blank=True, editable=False)
    autopilot_blocked_key = models.CharField(max_length=64, blank=True, editable=False)
    autopilot_blocked_at = models.DateTimeField(null=True, blank=True, editable=False)
    publish_target = models.CharField(max_length=10, default="local", choices=[("local", "Local export"),
                                                                           ("youtube", "YouTube")])
    playlist_id = models.CharField(max_length=64, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def frame_size(self) -> tuple[int, int]:
        # One table for the whole project: the renderer's, which works on aspect strings without models.
        return FRAME_SIZES[self.aspect_ratio]


class ChannelMembership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", "Owner"
        EDITOR = "editor", "Editor"
        VIEWER = "viewer", "Viewer"

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.EDITOR)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["channel", "user"], name="one_membership_per_user")]

    def __str__(self) -> str:
        return f"{self.user} · {self.channel} ({self.role})"
