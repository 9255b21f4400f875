"""The floor of input checks that every entry point (page, API, admin, command) shares; the writing
service adds the writers' stricter checks on top (`videos.services.writing.video_validate_input`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

MAX_INPUT_CHARS = 100_000


def video_validate_input(*, topic: str, source_text: str) -> tuple[str, str]:
    """Return the cleaned (topic, source_text) or raise ValidationError saying what to change.

    The writing service may refine this (it owns the writers' limits); this is the floor every
    entry point (page, API, admin, command) shares.
    """
    topic, source_text = (topic or "").strip(), (source_text or "").strip()
    if not topic and not source_text:
        raise ValidationError("Give the video a topic or paste a source text to turn into a script.")
    if len(topic) > 300:
        raise ValidationError(f"The topic is {len(topic):,} characters; keep it under 300 (it is a title-like idea).")
    if len(source_text) > MAX_INPUT_CHARS:
        raise ValidationError(
            f"The source text is {len(source_text):,} characters; the limit is {MAX_INPUT_CHARS:,}. "
            "Paste the part you want the video to cover."
        )
    return topic, source_text
