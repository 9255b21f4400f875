"""What YouTube (and the export's metadata.json) is told about a video: title, description with
chapters and footage credits, tags, category, language, privacy, publishAt, made-for-kids and the
altered-or-synthetic-content disclosure."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings

from channels.models import Channel
from publishing.services.chapters import chapters_text, video_chapters
from videos.models import Render, Video

TITLE_MAX = 100
DESCRIPTION_MAX_BYTES = 5000
TAGS_MAX_CHARS = 500


def _clean(text: str) -> str:
    # YouTube rejects titles and descriptions containing angle brackets (invalidTitle/invalidDescription).
    return (text or "").replace("<", "‹").replace(">", "›").strip()


def _description(video: Video, render: Render | None) -> str:
    from assets.services.credits import video_credits

    script = video.current_script
    chapters = video_chapters(render.timeline, render.duration_seconds or 0) if render is not None else []
    parts = [_clean(script.description) if script else "", chapters_text(chapters),
             _clean(video_credits(video=video))]
    text = "\n\n".join(part for part in parts if part)
    encoded = text.encode()
    if len(encoded) > DESCRIPTION_MAX_BYTES:
        text = encoded[: DESCRIPTION_MAX_BYTES - 3].decode(errors="ignore").rstrip() + "…"
    return text


def _tags(tags: list[Any]) -> list[str]:
    """Keep tags in order while they fit YouTube's 500-character total (a tag with a space counts
    its quotes too)."""
    kept, used = [], 0
    for tag in (str(t).strip().replace("<", "").replace(">", "") for t in tags or []):
        cost = len(tag) + (2 if " " in tag else 0) + (1 if kept else 0)
        if tag and tag not in kept and used + cost <= TAGS_MAX_CHARS:
            kept.append(tag)
            used += cost
    return kept


def publish_at_for(*, channel: Channel, scheduled_for: datetime | None, now: datetime) -> datetime | None:
    """A public video scheduled ahead is uploaded private with publishAt, so YouTube flips it public
    at the slot even if processing takes a while. Private and unlisted channels are uploaded at the
    slot itself (publishAt would make them public). A slot too close or past is published directly."""
    margin = timedelta(minutes=getattr(settings, "YOUTUBE_PUBLISH_AT_MIN_MINUTES", 15))
    if channel.default_privacy != Channel.Privacy.PUBLIC or scheduled_for is None:
        return None
    return scheduled_for if scheduled_for > now + margin else None


def caption_language(video: Video) -> str:
    script = video.current_script
    return (script.language if script else "") or video.channel.language


def video_metadata(*, video: Video, publish_at: datetime | None, render: Render | None = None) -> dict[str, Any]:
    """The metadata sent with the upload; with the `render` being published, its chapters go into the
    description."""
    channel = video.channel
    script = video.current_script
    title = _clean(script.title if script and script.title else video.topic) or f"Video {video.pk}"
    language = caption_language(video)
    status: dict[str, Any] = {
        "privacyStatus": channel.default_privacy,
        "selfDeclaredMadeForKids": channel.made_for_kids,
        "containsSyntheticMedia": channel.synthetic_media,
    }
    if publish_at is not None:
        status["privacyStatus"] = Channel.Privacy.PRIVATE  # publishAt can be set only on private videos
        status["publishAt"] = publish_at.astimezone(UTC).isoformat().replace("+00:00", "Z")
    snippet = {
        "title": title[:TITLE_MAX], "description": _description(video, render),
        "tags": _tags(script.tags if script else []),
        "categoryId": channel.category_id, "defaultLanguage": language, "defaultAudioLanguage": language,
    }
    return {"snippet": snippet, "status": status}
