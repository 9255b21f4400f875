"""Forms for the studio's channel pages. They validate and shape input; the writes go through
channels.services so the admin, API and commands behave the same."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.text import slugify

from channels.models import Channel

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WRITERS = ["offline", "ollama", "anthropic", "openai"]
SOURCES = ["library", "pexels", "pixabay", "unsplash", "wikimedia", "nasa", "openverse"]


def _word_list(value: str, allowed: list[str], what: str) -> list[str]:
    words = [w.strip().lower() for w in re.split(r"[,\s]+", value or "") if w.strip()]
    unknown = [w for w in words if w not in allowed]
    if unknown:
        raise forms.ValidationError(f"Unknown {what}: {', '.join(unknown)}. Use any of: {', '.join(allowed)}.")
    if not words:
        raise forms.ValidationError(f"List at least one {what}, e.g. {allowed[0]}.")
    return list(dict.fromkeys(words))


def cadence_to_text(cadence: list[dict[str, Any]]) -> str:
    return ", ".join(f"{WEEKDAYS[slot['weekday']].title()} {slot['time']}" for slot in cadence or [])


def cadence_from_text(text: str) -> list[dict[str, Any]]:
    slots = []
    for part in [p.strip() for p in (text or "").split(",") if p.strip()]:
        match = re.fullmatch(r"([A-Za-z]{3})[a-z]*\s+(\d{1,2}):(\d{2})", part)
        if not match or match.group(1).lower() not in WEEKDAYS:
            raise forms.ValidationError(f"“{part}” is not a slot like “Mon 15:00”.")
        hours, minutes = int(match.group(2)), int(match.group(3))
        if hours > 23 or minutes > 59:
            raise forms.ValidationError(f"“{part}” is not a time of day.")
        slots.append({"weekday": WEEKDAYS.index(match.group(1).lower()), "time": f"{hours:02d}:{minutes:02d}"})
    return slots


class ChannelCreateForm(forms.ModelForm):
    slug = forms.SlugField(required=False, max_length=60,
                           help_text="Used in addresses; leave blank to make one from the name.")

    class Meta:
        model = Channel
        fields = ["name", "slug", "niche", "audience", "language", "aspect_ratio"]

    def clean_slug(self) -> str:
        slug = self.cleaned_data.get("slug") or slugify(self.cleaned_data.get("name", ""))[:50] or "channel"
        base, n = slug, 2
        while Channel.objects.filter(slug=slug).exists():
            if self.data.get("slug"):
                raise forms.ValidationError("Another channel uses this address; choose another.")
            slug, n = f"{base}-{n}", n + 1
        return slug


class ChannelSettingsForm(forms.ModelForm):
    writers = forms.CharField(label="Writers, in order", help_text="Tried in order: " + ", ".join(WRITERS) + ".")
    sources = forms.CharField(label="Footage sources, in order", help_text="Any of: " + ", ".join(SOURCES) + ".")
    cadence_text = forms.CharField(label="Publishing slots", required=False,
                                   help_text="Comma-separated, in the channel’s time zone: “Mon 15:00, Thu 18:30”.")

    class Meta:
        model = Channel
        fields = ["name", "niche", "audience", "tone", "language", "timezone", "target_seconds",
                  "llm_model", "voice_engine", "voice_name", "voice_rate", "voice_fallback",
                  "aspect_ratio", "subtitle_style", "karaoke", "primary_color", "accent_color",
                  "intro_text", "outro_text", "background_loop", "music", "music_volume_db",
                  "review_required", "default_privacy", "publish_target", "playlist_id", "made_for_kids",
                  "synthetic_media", "footage_restricted_licences"]
        labels = {"footage_restricted_licences": "Also use NC and ND licensed pictures",
                  "llm_model": "LLM model", "voice_engine": "Voice engine", "voice_rate": "Speed (words a minute)",
                  "voice_fallback": "Fall back to espeak-ng",
                  "music_volume_db": "Music volume (dB)", "timezone": "Time zone",
                  "target_seconds": "Target length (seconds)", "playlist_id": "YouTube playlist id",
                  "primary_color": "Primary colour", "accent_color": "Accent colour"}
        widgets = {"primary_color": forms.TextInput(attrs={"type": "color"}),
                   "accent_color": forms.TextInput(attrs={"type": "color"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from assets.models import Asset

        channel = self.instance
        self.fields["music"].queryset = Asset.objects.filter(kind=Asset.Kind.AUDIO).filter(
            channel__isnull=True) | Asset.objects.filter(kind=Asset.Kind.AUDIO, channel=channel)
        self.fields["music"].empty_label = "No music"
        self.fields["background_loop"].queryset = Asset.objects.filter(kind=Asset.Kind.VIDEO).filter(
            channel__isnull=True) | Asset.objects.filter(kind=Asset.Kind.VIDEO, channel=channel)
        self.fields["background_loop"].empty_label = "None: each scene shows its own footage"
        self.fields["background_loop"].label = "Background loop"
        self._voice_field(channel.voice_name)
        if not self.is_bound:
            self.initial.update(writers=", ".join(channel.writer_order), sources=", ".join(channel.footage_sources),
                                cadence_text=cadence_to_text(channel.cadence))

    def _voice_field(self, current: str) -> None:
        """voice_name as a list of the voices installed here, grouped by engine (Piper voices added to
        VOICES_DIR included); a saved name no longer installed stays selectable, marked as such."""
        from videos.voice import voice_choices

        groups = voice_choices()
        self._voice_ids = {(label, voice_id) for label, voices in groups for voice_id, _ in voices}
        choices: list = [("", "Default for the engine and the channel language")]
        if current and current not in {voice_id for _, voice_id in self._voice_ids}:
            choices.append((current, f"{current} (not installed here)"))
        self.fields["voice_name"].widget = forms.Select(choices=choices + groups)
        self.fields["voice_name"].label = "Voice"
        self.fields["voice_name"].help_text = ("Blank: the engine's voice for the channel language (Piper "
                                               "en_US-joe-medium for English). Add Piper voices by putting "
                                               "<name>.onnx and <name>.onnx.json in the voices folder.")

    def clean_voice_name(self) -> str:
        from videos.voice import ENGINES

        name = (self.cleaned_data.get("voice_name") or "").strip()
        engine = ENGINES.get(self.cleaned_data.get("voice_engine") or "")
        if not name or engine is None or not engine.named_voices:
            return "" if engine is not None and not engine.named_voices else name
        installed = {voice_id for label, voice_id in self._voice_ids if label == engine.label}
        unchanged = name == self.instance.voice_name and engine.name == self.instance.voice_engine
        if installed and name not in installed and not unchanged:
            raise forms.ValidationError(f"“{name}” is not a {engine.label} voice. Pick one listed under "
                                        f"{engine.label}, or leave the voice blank.")
        return name

    def clean_writers(self) -> list[str]:
        return _word_list(self.cleaned_data["writers"], WRITERS, "writer")

    def clean_sources(self) -> list[str]:
        return _word_list(self.cleaned_data["sources"], SOURCES, "source")

    def clean_cadence_text(self) -> list[dict[str, Any]]:
        return cadence_from_text(self.cleaned_data.get("cadence_text", ""))

    def service_fields(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data.update(writer_order=self.cleaned_data["writers"], footage_sources=self.cleaned_data["sources"],
                    cadence=self.cleaned_data["cadence_text"])
        return data


SETTINGS_SECTIONS = [
    ("About", ["name", "niche", "audience", "tone", "language", "timezone"]),
    ("Writer", ["writers", "llm_model", "target_seconds"]),
    ("Voice", ["voice_engine", "voice_name", "voice_rate", "voice_fallback"]),
    ("Look", ["aspect_ratio", "subtitle_style", "karaoke", "primary_color", "accent_color", "intro_text",
              "outro_text"]),
    ("Shorts look", ["background_loop"]),
    ("Music", ["music", "music_volume_db"]),
    ("Footage", ["sources", "footage_restricted_licences"]),
    ("Publishing", ["cadence_text", "review_required", "publish_target", "default_privacy", "playlist_id",
                    "made_for_kids", "synthetic_media"]),
]
