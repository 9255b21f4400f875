"""The local export target (the embedded default): a folder per video, ready to upload by hand.

    EXPORT_ROOT/<channel-slug>/<video-id>-<title-slug>/
        video.mp4  thumbnail.jpg  captions.srt  metadata.json  description.txt

The folder is assembled under a temporary name beside its final place and renamed at the end, so
a reader never sees half an export and a second run replaces the first.
"""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path
from typing import Any

import structlog
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from faceless_site.mediastore import files
from faceless_site.mediastore.errors import MediaStoreError
from publishing.models import Publication
from publishing.services.metadata import video_metadata
from publishing.services.targets import Progress, PublishError, PublishResult

log = structlog.get_logger(__name__)


def export_folder(publication: Publication) -> Path:
    video = publication.video
    script = video.current_script
    title_slug = slugify((script.title if script else "") or video.topic)[:60].strip("-") or "video"
    return Path(settings.EXPORT_ROOT) / video.channel.slug / f"{video.pk}-{title_slug}"


def _sources(publication: Publication) -> tuple[str, str | None]:
    """The stored names of the render's video and thumbnail (None when it has none)."""
    render = publication.render
    if render is None or not render.file or not files.media_exists(render.file):
        log.warning("export.render_missing", render_id=getattr(render, "pk", None),
                    path=render.file if render is not None and render.file else "")
        raise PublishError("The rendered video file is missing; render the video again, then export.")
    thumbnail = render.thumbnail or None
    return render.file, thumbnail if thumbnail is not None and files.media_exists(thumbnail) else None


def _copy_out(name: str, target: Path) -> None:
    """A stored file into the export folder, streamed from the store (no copy is kept on this machine)."""
    with files.media_open(name) as source, open(target, "wb") as out:
        shutil.copyfileobj(source, out, 1024 * 1024)


def _metadata_document(publication: Publication, files: dict[str, str]) -> dict[str, Any]:
    video = publication.video
    youtube = video_metadata(video=video, publish_at=None, render=publication.render)
    return {
        "faceless_video_id": video.pk, "channel": video.channel.slug, "files": files,
        "scheduled_for": publication.scheduled_for.isoformat() if publication.scheduled_for else None,
        "exported_at": timezone.now().isoformat(), "youtube": youtube,
        "playlist_id": video.channel.playlist_id or None,
    }


def _replace(staging: Path, folder: Path) -> None:
    old = None
    if folder.exists():
        old = folder.with_name(f".{folder.name}.old-{uuid.uuid4().hex[:8]}")
        folder.rename(old)
    staging.rename(folder)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


class LocalExportTarget:
    def publish(self, *, publication: Publication, progress: Progress) -> PublishResult:
        video_file, thumbnail = _sources(publication)
        folder = export_folder(publication)
        staging = folder.with_name(f".{folder.name}.tmp-{uuid.uuid4().hex[:8]}")
        try:
            staging.mkdir(parents=True)
            progress(10, "Exporting", "Copying the video")
            _copy_out(video_file, staging / "video.mp4")
            files = {"video": "video.mp4"}
            if thumbnail is not None:
                name = "thumbnail.png" if thumbnail.lower().endswith(".png") else "thumbnail.jpg"
                _copy_out(thumbnail, staging / name)
                files["thumbnail"] = name
            captions = _captions(publication)
            if captions is not None:  # the narration's captions, for YouTube Studio's Subtitles page
                _copy_out(captions, staging / "captions.srt")
                files["captions"] = "captions.srt"
            files.update(metadata="metadata.json", description="description.txt")
            document = _metadata_document(publication, files)
            (staging / "metadata.json").write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
            snippet = document["youtube"]["snippet"]
            (staging / "description.txt").write_text(f"{snippet['title']}\n\n{snippet['description']}\n")
            _replace(staging, folder)
        except MediaStoreError:  # the store's own message says what to do (and a retryable one runs again)
            shutil.rmtree(staging, ignore_errors=True)
            raise
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            log.warning("export.write_failed", folder=str(folder), error=str(exc))
            # The creator sees this: the reason and what to do, never the server's paths (logged above).
            raise PublishError(f"Could not write the export: {exc.strerror or type(exc).__name__}. An operator "
                               "should check that the export folder (EXPORT_ROOT) is writable and has free "
                               "space.") from exc
        relative = folder.relative_to(Path(settings.EXPORT_ROOT))
        warnings = () if thumbnail is not None else ("The render has no thumbnail; none was exported.",)
        return PublishResult(external_id=str(relative)[:100], external_url=export_file_url(publication),
                             message=f"Exported as “{relative.name}”: the video, "
                                     f"{'its thumbnail, ' if thumbnail is not None else ''}metadata.json and "
                                     "description.txt.", warnings=warnings)


EXPORTED_FILES = ("video.mp4", "thumbnail.jpg", "thumbnail.png", "captions.srt", "metadata.json", "description.txt")


def _captions(publication: Publication) -> str | None:
    """The stored name of the render's captions (None when it has none)."""
    render = publication.render
    name = render.captions if render is not None and render.captions else None
    return name if name is not None and files.media_exists(name) else None


def export_file_url(publication: Publication, name: str = "video.mp4") -> str:
    """Where the creator opens an exported file: the studio's media view, not a server path."""
    return reverse("publication_file", args=[publication.pk, name])
