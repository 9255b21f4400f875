"""The YouTube upload: videos.insert as a resumable, chunked upload that survives a worker crash,
then thumbnails.set, captions.insert and an optional playlistItems.insert.

Crash safety. The session URI is handed to `checkpoint` before the first byte is sent, and the
offset the server confirmed after every chunk, so the caller can store both. A later run asks the
stored session where it stands (PUT with `Content-Range: bytes */TOTAL`): 308 + Range continues from
the confirmed byte; 200/201 means the last chunk had arrived and returns the video (so a crash after
the last chunk never causes a second upload); 404/410 means the session expired before it finished.
The continuation sets the documented `resumable_uri` / `resumable_progress` attributes of
googleapiclient's HttpRequest; `next_chunk` then sends from that byte.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from googleapiclient.errors import HttpError
from googleapiclient.http import MediaIoBaseUpload, MediaUpload

from faceless_site.mediastore import files
from faceless_site.mediastore.errors import MediaStoreError
from publishing.youtube import quota
from publishing.youtube.client import Backoff, YouTubeClient

Checkpoint = Callable[[str, int, int], None]  # (session uri, confirmed bytes, total bytes)
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class SessionState:
    """Where a stored upload session stands: `offset` confirmed bytes, `video` once complete,
    both None when the session is gone."""

    offset: int | None
    video: dict[str, Any] | None = None


class CheckpointedUpload(MediaUpload):
    """The stored render, read from the media store one chunk at a time (a ranged read; from the file
    itself with the local store), calling `before_send` each time the client reads the next chunk,
    which happens after the session was opened and before the chunk's bytes go out. Nothing is copied
    to this machine's disk first, so any machine can upload a render another one made.

    It hands chunks over as bytes rather than as a stream slice: httplib2 silently re-sends a
    request once when a connection drops, and a half-read stream would go out short of its
    Content-Length; bytes are re-sent whole.
    """

    before_send: Callable[[], None] | None = None

    def __init__(self, name: str, *, size: int, mimetype: str, chunksize: int) -> None:
        self._name, self._size, self._mimetype, self._chunksize = name, size, mimetype, chunksize

    def chunksize(self) -> int:
        return self._chunksize

    def mimetype(self) -> str:
        return self._mimetype

    def size(self) -> int:
        return self._size

    def resumable(self) -> bool:
        return True

    def has_stream(self) -> bool:
        return False

    def getbytes(self, begin: int, length: int) -> bytes:
        if self.before_send is not None:
            self.before_send()
        return files.media_read_range(self._name, begin, length)


def query_session(client: YouTubeClient, uri: str, total: int) -> SessionState:
    response, content = client.http.request(
        uri, "PUT", headers={"Content-Range": f"bytes */{total}", "Content-Length": "0"}
    )
    if response.status in (200, 201):
        return SessionState(offset=total, video=json.loads(content))
    if response.status == 308:
        confirmed = response.get("range", "")
        return SessionState(offset=int(confirmed.rsplit("-", 1)[1]) + 1 if confirmed else 0)
    if response.status in (404, 410):
        return SessionState(offset=None)
    raise HttpError(response, content, uri=uri)


def _with_retries(client: YouTubeClient, operation: str, action: Callable[[], Any]) -> Any:
    backoff = Backoff(client, operation)
    while True:
        try:
            return action()
        except Exception as exc:
            client.save_if_refreshed()
            backoff.after(exc)


def video_insert(client: YouTubeClient, *, name: str, session_uri: str = "", resume_body: dict[str, Any],
                 new_body: Callable[[], dict[str, Any]], checkpoint: Checkpoint, progress: Progress,
                 notify_subscribers: bool = True) -> dict[str, Any]:
    """Upload the stored file `name` and return the video resource YouTube created. A live session
    continues with the metadata it was opened with (`resume_body`); a new one (none stored, or
    expired) asks `new_body()`, which may also check the quota and must store what it returns."""
    total = files.media_size(name)
    state = SessionState(offset=None)
    if session_uri:
        state = _with_retries(client, "videos.insert", lambda: query_session(client, session_uri, total))
        if state.video is not None:
            return state.video
    body = resume_body if state.offset is not None else new_body()
    media = CheckpointedUpload(name, size=total, mimetype="video/mp4", chunksize=settings.YOUTUBE_UPLOAD_CHUNK_BYTES)
    request = client.service().videos().insert(part="snippet,status", body=body, media_body=media,
                                               notifySubscribers=notify_subscribers)
    if state.offset is not None:
        request.resumable_uri, request.resumable_progress = session_uri, state.offset
        checkpoint(session_uri, state.offset, total)
    else:
        quota.quota_spend(operation="videos.insert")  # one new session is one insert call
    media.before_send = lambda: checkpoint(request.resumable_uri, request.resumable_progress, total)
    backoff = Backoff(client, "videos.insert")
    while True:
        try:
            _status, response = request.next_chunk()
        except MediaStoreError:
            raise  # the store's own retries are spent; the session stays stored for the next run to resume
        except Exception as exc:
            client.save_if_refreshed()
            backoff.after(exc)
            continue
        client.save_if_refreshed()
        backoff.succeeded()
        if response is not None:
            return response
        checkpoint(request.resumable_uri, request.resumable_progress, total)
        progress(request.resumable_progress, total)


def thumbnail_set(client: YouTubeClient, *, video_id: str, name: str) -> None:
    """Set the stored picture `name` (at most 2 MB) as the video's thumbnail."""
    import io

    mimetype = "image/png" if name.lower().endswith(".png") else "image/jpeg"
    picture = files.media_read(name)
    client.call("thumbnails.set", lambda service: service.thumbnails().set(
        videoId=video_id, media_body=MediaIoBaseUpload(io.BytesIO(picture), mimetype=mimetype)))


def captions_insert(client: YouTubeClient, *, video_id: str, stored: str, language: str, name: str) -> str:
    """Upload the stored caption track `stored` (SubRip) to the video and return its id. A track of the
    same language and name already there (an earlier run whose answer was lost: YouTube answers 409)
    is the one."""
    import io

    from publishing.youtube.errors import YouTubeError

    body = {"snippet": {"videoId": video_id, "language": language, "name": name, "isDraft": False}}
    track = files.media_read(stored)
    try:
        item = client.call("captions.insert", lambda service: service.captions().insert(
            part="snippet", body=body,
            media_body=MediaIoBaseUpload(io.BytesIO(track), mimetype="application/octet-stream")))
    except YouTubeError as exc:
        if exc.status != 409:
            raise
        listed = client.call("captions.list", lambda service: service.captions().list(part="snippet",
                                                                                       videoId=video_id))
        same = [c for c in listed.get("items", []) if (c.get("snippet") or {}).get("language") == language
                and (c.get("snippet") or {}).get("name") == name]
        if not same:
            raise
        item = same[0]
    return item["id"]


def playlist_add(client: YouTubeClient, *, playlist_id: str, video_id: str) -> str:
    """Add the video to the playlist unless an earlier run already did; return the item id."""
    existing = client.call("playlistItems.list", lambda service: service.playlistItems().list(
        part="id", playlistId=playlist_id, videoId=video_id, maxResults=1))
    if existing.get("items"):
        return existing["items"][0]["id"]
    body = {"snippet": {"playlistId": playlist_id, "resourceId": {"kind": "youtube#video", "videoId": video_id}}}
    item = client.call("playlistItems.insert", lambda service: service.playlistItems().insert(
        part="snippet", body=body))
    return item["id"]


def my_channel(client: YouTubeClient) -> dict[str, Any] | None:
    """The channel the grant acts as (channels.list mine=true), or None if the account has none."""
    answer = client.call("channels.list", lambda service: service.channels().list(
        part="id,snippet", mine=True, maxResults=1))
    items = answer.get("items") or []
    return items[0] if items else None
