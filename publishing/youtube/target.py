"""Publishing to YouTube: upload (or resume, or find the earlier upload), thumbnail, captions, playlist.

Each part is recorded on the Publication as soon as it is done (video id, thumbnail time, caption
track id, playlist item id), so a re-run skips what is done and never uploads twice. A thumbnail or
caption track YouTube refuses is a warning, never a failed upload; a spent quota or a revoked grant
makes the publication wait, and the next run does what is left.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from faceless_site.mediastore import files
from publishing.models import Publication, YouTubeAccount
from publishing.services.metadata import caption_language, publish_at_for, video_metadata
from publishing.services.targets import Progress, PublishError, PublishResult
from publishing.youtube import quota
from publishing.youtube.accounts import account_client
from publishing.youtube.client import YouTubeClient
from publishing.youtube.errors import QuotaExhausted, ReconnectNeeded, YouTubeError
from publishing.youtube.upload import captions_insert, playlist_add, thumbnail_set, video_insert

WATCH_URL = "https://www.youtube.com/watch?v={}"


class YouTubeTarget:
    def publish(self, *, publication: Publication, progress: Progress) -> PublishResult:
        video = publication.video
        account = YouTubeAccount.objects.filter(channel=video.channel).first()
        if account is None:
            raise ReconnectNeeded("This channel has no YouTube account connected. Connect YouTube in the channel "
                                  "settings (or switch the channel to local export); the upload waits until then.")
        client = account_client(account)
        warnings: list[str] = []
        if not publication.external_id:
            self._upload(client, publication, progress)
        render = publication.render
        if render is not None and render.thumbnail and publication.thumbnail_set_at is None:
            progress(92, "Setting the thumbnail", "")
            warnings += self._thumbnail(client, publication, render.thumbnail)
        if render is not None and render.captions and not publication.captions_id:
            progress(94, "Uploading the captions", "")
            warnings += self._captions(client, publication, render.captions)
        playlist_id = video.channel.playlist_id
        if playlist_id and not publication.playlist_item_id:
            progress(96, "Adding to the playlist", "")
            warnings += self._playlist(client, publication, playlist_id)
        publish_at = publication.metadata.get("status", {}).get("publishAt")
        goes_public = datetime.fromisoformat(publish_at.replace("Z", "+00:00")) if publish_at else None
        privacy = publication.metadata.get("status", {}).get("privacyStatus", "")
        if goes_public:
            when = timezone.localtime(goes_public)
            message = f"Uploaded as private; YouTube makes it public at {when:%Y-%m-%d %H:%M %Z}."
        else:
            message = f"Uploaded to YouTube ({privacy})."
        video_id = publication.external_id
        return PublishResult(external_id=video_id, external_url=WATCH_URL.format(video_id), message=message,
                             goes_public_at=goes_public, warnings=tuple(warnings))

    def _upload(self, client: YouTubeClient, publication: Publication, progress: Progress) -> None:
        render = publication.render
        name = render.file if render is not None and render.file else None
        if name is None or not files.media_exists(name):
            raise PublishError(f"The rendered video file is missing ({name}); render the video again, then publish.")

        def new_body() -> dict:
            # A new session: plan the whole publish within today's quota, and freeze what is sent
            # (publishAt is decided now, so a session opened late never carries a past time).
            planned = ["videos.insert", "thumbnails.set", "playlistItems.list", "playlistItems.insert"]
            if render.captions:
                planned.append("captions.insert")
            quota.quota_check(operations=planned)
            publish_at = publish_at_for(channel=publication.video.channel, scheduled_for=publication.scheduled_for,
                                        now=timezone.now())
            publication.metadata = video_metadata(video=publication.video, publish_at=publish_at, render=render)
            Publication.objects.filter(pk=publication.pk).update(metadata=publication.metadata, upload_uri="",
                                                                 bytes_confirmed=0)
            return publication.metadata

        def checkpoint(uri: str, confirmed: int, total: int) -> None:
            Publication.objects.filter(pk=publication.pk).update(
                upload_uri=uri, bytes_confirmed=confirmed, bytes_total=total, updated_at=timezone.now())
            publication.upload_uri, publication.bytes_confirmed, publication.bytes_total = uri, confirmed, total

        def report(confirmed: int, total: int) -> None:
            progress(5 + 85 * confirmed / max(total, 1), "Uploading to YouTube",
                     f"{confirmed / 1e6:.1f} of {total / 1e6:.1f} MB")

        progress(5, "Uploading to YouTube", "Starting" if not publication.upload_uri else "Resuming")
        resource = video_insert(client, name=name, session_uri=publication.upload_uri,
                                resume_body=publication.metadata, new_body=new_body, checkpoint=checkpoint,
                                progress=report)
        publication.external_id = resource["id"]
        publication.external_url = WATCH_URL.format(resource["id"])
        Publication.objects.filter(pk=publication.pk).update(
            external_id=publication.external_id, external_url=publication.external_url,
            bytes_confirmed=publication.bytes_total or files.media_size(name))

    def _thumbnail(self, client: YouTubeClient, publication: Publication, name: str) -> list[str]:
        if not files.media_exists(name):
            return [f"Thumbnail not set: the file {name.rpartition('/')[2]} is missing."]
        try:
            thumbnail_set(client, video_id=publication.external_id, name=name)
        except (QuotaExhausted, ReconnectNeeded):
            raise
        except YouTubeError as exc:
            # The video is up; a refused thumbnail (e.g. an unverified account) is worth a warning, not a failure.
            return [f"Thumbnail not set: {exc.message}"]
        publication.thumbnail_set_at = timezone.now()
        Publication.objects.filter(pk=publication.pk).update(thumbnail_set_at=publication.thumbnail_set_at)
        return []

    def _captions(self, client: YouTubeClient, publication: Publication, name: str) -> list[str]:
        shown = name.rpartition("/")[2]
        if not files.media_exists(name):
            return [f"Captions not uploaded: the file {shown} is missing (render the video again to make it)."]
        video = publication.video
        try:
            track = captions_insert(client, video_id=publication.external_id, stored=name,
                                    language=caption_language(video), name=video.channel.name[:100])
        except (QuotaExhausted, ReconnectNeeded):
            raise
        except YouTubeError as exc:
            # The video is up: YouTube's own automatic captions stand in until the track is added by hand.
            return [f"Captions not uploaded: {exc.message} The video is published without them; add "
                    f"{shown} in YouTube Studio (Subtitles) if you want them."]
        publication.captions_id = track
        Publication.objects.filter(pk=publication.pk).update(captions_id=track)
        return []

    def _playlist(self, client: YouTubeClient, publication: Publication, playlist_id: str) -> list[str]:
        try:
            item_id = playlist_add(client, playlist_id=playlist_id, video_id=publication.external_id)
        except (QuotaExhausted, ReconnectNeeded):
            raise
        except YouTubeError as exc:
            return [f"Not added to playlist {playlist_id}: {exc.message} Check the playlist id in channel settings."]
        publication.playlist_item_id = item_id
        Publication.objects.filter(pk=publication.pk).update(playlist_item_id=item_id)
        return []

