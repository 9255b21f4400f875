"""A local HTTPS server speaking the parts of Google's protocols Faceless uses, for the real
google-api-python-client and google-auth to talk to:

- OAuth token endpoint (`POST /token`): refresh_token and authorization_code grants; a revoked or
  unknown refresh token gets 400 invalid_grant, a wrong client secret 401 invalid_client.
- YouTube Data v3 resumable upload: `POST /upload/youtube/v3/videos?uploadType=resumable` answers
  200 with a Location session URI; `PUT` chunks with Content-Range answer 308 + Range until the last
  byte, then 200 with the video resource; `PUT` with `bytes */TOTAL` reports the session's state.
- thumbnails.set (simple media upload), captions.insert (multipart: the caption resource's JSON and
  the track; a track of the same language and name again is 409 captionExists, an unknown video 404
  videoNotFound, a missing language or name 400 invalidMetadata, no track 400 contentRequired),
  captions.list, playlistItems.list/insert, channels.list mine=true, videos.list, and the YouTube
  Analytics v2 `reports` query.

Every API call needs `Authorization: Bearer <token>` with a token the token endpoint issued and
has not expired (`server.expire_tokens()`), else 401 as Google answers.

Faults are scripted per operation with `server.fail(operation, action, times=1, after=0)`:
operation is one of init, chunk, status, thumbnail, captions, playlist, channels, token, reports; action is an
HTTP status (503, 500), "quota" (403 quotaExceeded), "rate" (403 userRateLimitExceeded), "429" or
"429:<seconds>" (429 RESOURCE_EXHAUSTED, with that Retry-After), "drop" (close without answering),
"drop_mid" (chunk only: keep part of the body, then close) or "complete_drop" (chunk only: accept
the chunk, finish the video, then close without answering). `after=n` skips the first n matches.
`server.state.data["chunk_delay"] = seconds` slows every chunk down.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from email.parser import BytesParser
from email.policy import default
from typing import Any
from urllib.parse import parse_qs

from tests.fakes.server import FakeHandler, FakeServer, Recorded

GRANULARITY = 256 * 1024  # Google keeps partial chunks in multiples of this
QUOTA_ERROR = {"error": {"code": 403, "message": "The request cannot be completed because you have exceeded your "
                         "<a href=\"/youtube/v3/getting-started#quota\">quota</a>.",
                         "errors": [{"message": "quota exceeded", "domain": "youtube.quota",
                                     "reason": "quotaExceeded"}]}}
UNAUTHORIZED = {"error": {"code": 401, "message": "Request had invalid authentication credentials.",
                          "errors": [{"message": "Invalid Credentials", "domain": "global", "reason": "authError",
                                      "location": "Authorization", "locationType": "header"}],
                          "status": "UNAUTHENTICATED"}}


def _multipart(content_type: str, body: bytes) -> list[tuple[str, bytes]]:
    """The (content type, bytes) of each part of a multipart/related body, as the client sends it."""
    message = BytesParser(policy=default).parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
    if not message.is_multipart():
        return []
    return [(part.get_content_type(), part.get_payload(decode=True) or b"") for part in message.iter_parts()]


def _error(status: int, message: str, reason: str) -> dict[str, Any]:
    return {"error": {"code": status, "message": message, "errors": [{"message": message, "reason": reason}]}}


class YouTubeHandler(FakeHandler):
    lock = threading.Lock()

    # --- plumbing --------------------------------------------------------------------------
    def _take_fault(self, operation: str) -> Any:
        faults = self.state.data["faults"].get(operation) or []
        for fault in faults:
            if fault["after"] > 0:
                fault["after"] -= 1
                return None
            faults.remove(fault)
            return fault["action"]
        return None

    def _drop(self) -> None:
        self.close_connection = True
        self.connection.close()

    def _handle(self) -> None:
        # Chunks are handled before reading the body so a fault can cut one off half way.
        if self.command == "PUT" and self.path.startswith("/upload/session/"):
            with self.lock:
                return self._chunk()
        return super()._handle()

    do_PUT = _handle  # the base class bound its own _handle to the verbs

    def _authorized(self, recorded: Recorded) -> bool:
        token = recorded.headers.get("authorization", "").removeprefix("Bearer ")
        return token in self.state.data["access_tokens"]

    def route(self, recorded: Recorded) -> tuple[int, dict[str, str], Any]:
        if recorded.method == "POST" and recorded.path == "/token":
            return self._token(recorded)
        operation = self._operation(recorded)
        if operation is None:
            return 404, {}, _error(404, f"No route for {recorded.method} {recorded.path}", "notFound")
        if not self._authorized(recorded):
            return 401, {"WWW-Authenticate": 'Bearer realm="https://accounts.google.com/"'}, UNAUTHORIZED
        fault = self._take_fault(operation)
        if fault is not None:
            return self._fault_response(fault)
        return getattr(self, f"_{operation}")(recorded)

    def _operation(self, recorded: Recorded) -> str | None:
        routes = {
            ("POST", "/upload/youtube/v3/videos"): "init",
            ("POST", "/upload/youtube/v3/thumbnails/set"): "thumbnail",
            ("POST", "/upload/youtube/v3/captions"): "captions",
            ("GET", "/youtube/v3/captions"): "captions_list",
            ("GET", "/youtube/v3/playlistItems"): "playlist_list",
            ("POST", "/youtube/v3/playlistItems"): "playlist",
            ("GET", "/youtube/v3/channels"): "channels",
            ("GET", "/youtube/v3/videos"): "videos",
            ("GET", "/v2/reports"): "reports",
        }
        return routes.get((recorded.method, recorded.path))

    def _fault_response(self, fault: Any) -> tuple[int, dict[str, str], Any]:
        if fault == "quota":
            return 403, {}, QUOTA_ERROR
        if fault == "rate":  # the per-user short-term limit, as Google words it (no Retry-After)
            return 403, {}, _error(403, "The request failed because it exceeded the user rate limit.",
                                   "userRateLimitExceeded")
        if isinstance(fault, str) and fault.startswith("429"):  # "429" or "429:<Retry-After>"
            body = _error(429, "Resource has been exhausted (e.g. check quota).", "rateLimitExceeded")
            body["error"]["status"] = "RESOURCE_EXHAUSTED"
            _, _, after = fault.partition(":")
            return 429, ({"Retry-After": after} if after else {}), body
        if fault in ("drop", "drop_mid", "complete_drop"):
            return 0, {}, b""
        return int(fault), {}, _error(int(fault), "Backend Error", "backendError")

    # --- OAuth ------------------------------------------------------------------------------
    def _issue(self) -> str:
        token = f"ya29.fake-{next(self.state.data['counter'])}"
        self.state.data["access_tokens"].add(token)
        return token

    def _token(self, recorded: Recorded) -> tuple[int, dict[str, str], Any]:
        form = {k: v[0] for k, v in parse_qs(recorded.body.decode()).items()}
        fault = self._take_fault("token")
        if fault is not None:
            return self._fault_response(fault)
        if (form.get("client_id"), form.get("client_secret")) != self.state.data["client"]:
            return 401, {}, {"error": "invalid_client", "error_description": "The OAuth client was not found."}
        grant = form.get("grant_type")
        if grant == "refresh_token":
            if self.state.data["refresh_tokens"].get(form.get("refresh_token")) != "valid":
                return 400, {}, {"error": "invalid_grant", "error_description": "Token has been expired or revoked."}
            return 200, {}, {"access_token": self._issue(), "expires_in": 3599, "token_type": "Bearer",
                             "scope": " ".join(self.state.data["scopes"])}
        if grant == "authorization_code" and form.get("code") in self.state.data["codes"]:
            refresh = f"1//fake-refresh-{next(self.state.data['counter'])}"
            self.state.data["refresh_tokens"][refresh] = "valid"
            return 200, {}, {"access_token": self._issue(), "refresh_token": refresh, "expires_in": 3599,
                             "token_type": "Bearer", "scope": " ".join(self.state.data["scopes"])}
        return 400, {}, {"error": "invalid_grant", "error_description": "Bad Request"}

    # --- resumable upload -------------------------------------------------------------------
    def _init(self, recorded: Recorded) -> tuple[int, dict[str, str], Any]:
        if recorded.query.get("uploadType") != ["resumable"]:
            return 400, {}, _error(400, "uploadType must be resumable", "badRequest")
        total = int(recorded.headers.get("x-upload-content-length", "-1"))
        session_id = f"s{next(self.state.data['counter'])}"
        self.state.data["sessions"][session_id] = {
            "total": total, "received": bytearray(), "metadata": recorded.json(), "video": None,
            "part": recorded.query.get("part", [""])[0],
            "notify": recorded.query.get("notifySubscribers", ["true"])[0],
            "content_type": recorded.headers.get("x-upload-content-type", ""),
        }
        host = recorded.headers.get("host")
        return 200, {"Location": f"https://{host}/upload/session/{session_id}?upload_id={session_id}"}, b""

    def _chunk(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        session_id = self.path.split("?")[0].rsplit("/", 1)[1]
        session = self.state.data["sessions"].get(session_id)
        content_range = self.headers.get("Content-Range", "")
        self.state.requests.append(Recorded("PUT", f"/upload/session/{session_id}", {},
                                            {k.lower(): v for k, v in self.headers.items()}, b""))
        if session is None:
            self.rfile.read(length)
            return self.send_payload(404, {}, _error(404, "Upload session not found", "notFound"))
        if content_range.startswith("bytes */"):
            fault = self._take_fault("status")
            if fault is not None:
                return self._drop() if fault == "drop" else self.send_payload(*self._fault_response(fault))
            return self._session_state(session)
        fault = self._take_fault("chunk")
        if fault == "drop_mid":
            return self._keep_part_and_drop(session, content_range, length)
        body = self.rfile.read(length)
        self.state.requests[-1].body = body
        time.sleep(self.state.data.get("chunk_delay", 0))  # a slow link, so a test can kill the uploader midway
        if fault is not None and fault != "complete_drop":
            return self._drop() if fault == "drop" else self.send_payload(*self._fault_response(fault))
        status = self._accept(session, content_range, body)
        if status is not None:
            return self.send_payload(400, {}, _error(400, status, "badContent"))
        if fault == "complete_drop":
            return self._drop()
        return self._session_state(session)

    def _accept(self, session: dict[str, Any], content_range: str, body: bytes) -> str | None:
        spec, _, total = content_range.removeprefix("bytes ").partition("/")
        start = int(spec.split("-")[0])
        received = session["received"]
        if start > len(received):
            return f"Chunk starts at {start} but only {len(received)} bytes were received"
        overlap = len(received) - start
        if bytes(received[start:]) != body[:overlap]:
            return "Resent bytes differ from the bytes received before"
        received.extend(body[overlap:])
        if total != "*":
            session["total"] = int(total)
        if len(received) == session["total"] and session["video"] is None:
            session["video"] = self._create_video(session)
        return None

    def _keep_part_and_drop(self, session: dict[str, Any], content_range: str, length: int) -> None:
        start = int(content_range.removeprefix("bytes ").split("-")[0])
        part = self.rfile.read(length // 2)
        keep = max(0, (start + len(part)) // GRANULARITY * GRANULARITY - start)
        if start == len(session["received"]) and keep > 0:
            session["received"].extend(part[:keep])
        self._drop()

    def _session_state(self, session: dict[str, Any]) -> None:
        if session["video"] is not None:
            return self.send_payload(200, {}, session["video"])
        headers = {"Range": f"bytes=0-{len(session['received']) - 1}"} if session["received"] else {}
        self.send_payload(308, headers, b"")

    def _create_video(self, session: dict[str, Any]) -> dict[str, Any]:
        video_id = f"vid{next(self.state.data['counter']):08d}"
        metadata = session["metadata"]
        video = {"kind": "youtube#video", "id": video_id, "snippet": metadata.get("snippet", {}),
                 "status": {**metadata.get("status", {}), "uploadStatus": "uploaded"}}
        self.state.data["videos"][video_id] = {"resource": video, "bytes": bytes(session["received"]),
                                               "notify": session["notify"], "part": session["part"]}
        return video

    # --- other calls ------------------------------------------------------------------------
    def _thumbnail(self, recorded: Recorded) -> tuple[int, dict[str, str], Any]:
        video_id = recorded.query.get("videoId", [""])[0]
        if video_id not in self.state.data["videos"]:
            return 404, {}, _error(404, "The video that you are trying to update cannot be found.", "videoNotFound")
        self.state.data["thumbnails"][video_id] = recorded.body
        url = f"https://i.ytimg.com/vi/{video_id}/default.jpg"
        return 200, {}, {"kind": "youtube#thumbnailSetResponse", "items": [{"default": {"url": url}}]}

    def _captions(self, recorded: Recorded) -> tuple[int, dict[str, str], Any]:
        if recorded.query.get("uploadType") != ["multipart"]:
            return 400, {}, _error(400, "uploadType must be multipart", "badRequest")
        parts = _multipart(recorded.headers.get("content-type", ""), recorded.body)
        if len(parts) != 2 or not parts[1][1]:
            return 400, {}, _error(400, "The request does not contain the caption track contents.", "contentRequired")
        snippet = (json.loads(parts[0][1] or b"{}").get("snippet") or {})
        video_id = snippet.get("videoId", "")
        if video_id not in self.state.data["videos"]:
            return 404, {}, _error(404, "The video identified by the videoId parameter could not be found.",
                                   "videoNotFound")
        if not snippet.get("language") or not snippet.get("name"):
            return 400, {}, _error(400, "The caption track's language and name are required.", "invalidMetadata")
        tracks = self.state.data["captions"]
        if any(t["videoId"] == video_id and t["language"] == snippet["language"] and t["name"] == snippet["name"]
               for t in tracks.values()):
            return 409, {}, _error(409, "The specified caption track already exists.", "captionExists")
        caption_id = f"AUieDa{next(self.state.data['counter']):06d}"
        tracks[caption_id] = {**snippet, "body": parts[1][1], "content_type": parts[1][0]}
        return 200, {}, self._caption_resource(caption_id)

    def _caption_resource(self, caption_id: str) -> dict[str, Any]:
        track = self.state.data["captions"][caption_id]
        snippet = {k: v for k, v in track.items() if k not in ("body", "content_type")}
        return {"kind": "youtube#caption", "etag": "fake", "id": caption_id,
                "snippet": {**snippet, "trackKind": "standard", "status": "serving", "isAutoSynced": False,
                            "lastUpdated": "2026-12-05T12:00:00.000Z", "audioTrackType": "unknown"}}

    def _captions_list(self, recorded: Recorded) -> tuple[int, dict[str, str], Any]:
        video_id = recorded.query.get("videoId", [""])[0]
        items = [self._caption_resource(c) for c, t in self.state.data["captions"].items() if t["videoId"] == video_id]
        return 200, {}, {"kind": "youtube#captionListResponse", "etag": "fake", "items": items}

    def _playlist_list(self, recorded: Recorded) -> tuple[int, dict[str, str], Any]:
        playlist, video = recorded.query.get("playlistId", [""])[0], recorded.query.get("videoId", [""])[0]
        items = [{"kind": "youtube#playlistItem", "id": item_id} for item_id, item in
                 self.state.data["playlist_items"].items() if item == (playlist, video)]
        return 200, {}, {"kind": "youtube#playlistItemListResponse", "items": items}

    def _playlist(self, recorded: Recorded) -> tuple[int, dict[str, str], Any]:
        snippet = recorded.json()["snippet"]
        if snippet["playlistId"] not in self.state.data["playlists"]:
            return 404, {}, _error(404, "Playlist not found.", "playlistNotFound")
        item_id = f"item{next(self.state.data['counter'])}"
        self.state.data["playlist_items"][item_id] = (snippet["playlistId"], snippet["resourceId"]["videoId"])
        return 200, {}, {"kind": "youtube#playlistItem", "id": item_id, "snippet": snippet}

    def _channels(self, recorded: Recorded) -> tuple[int, dict[str, str], Any]:
        channel = self.state.data["channel"]
        items = [] if channel is None else [
            {"kind": "youtube#channel", "id": channel["id"], "snippet": {"title": channel["title"]}}]
        return 200, {}, {"kind": "youtube#channelListResponse", "items": items}

    def _videos(self, recorded: Recorded) -> tuple[int, dict[str, str], Any]:
        ids = recorded.query.get("id", [""])[0].split(",")
        items = [self.state.data["videos"][i]["resource"] for i in ids if i in self.state.data["videos"]]
        return 200, {}, {"kind": "youtube#videoListResponse", "items": items}

    def _reports(self, recorded: Recorded) -> tuple[int, dict[str, str], Any]:
        query = {k: v[0] for k, v in recorded.query.items()}
        if query.get("ids") != "channel==MINE" or query.get("dimensions") != "day":
            return 400, {}, _error(400, "Unsupported query", "badRequest")
        video_id = query.get("filters", "").removeprefix("video==")
        metrics = query["metrics"].split(",")
        rows = [row for row in self.state.data["analytics"].get(video_id, [])
                if query["startDate"] <= row["day"] <= query["endDate"]]
        headers = [{"name": "day", "columnType": "DIMENSION", "dataType": "STRING"}] + [
            {"name": m, "columnType": "METRIC", "dataType": "INTEGER"} for m in metrics]
        return 200, {}, {"kind": "youtubeAnalytics#resultTable", "columnHeaders": headers,
                         "rows": [[row["day"], *(row[m] for m in metrics)] for row in rows]}


class YouTubeServer(FakeServer):
    def __init__(self, *, tls: Any, client: tuple[str, str], scopes: list[str]) -> None:
        super().__init__(YouTubeHandler, tls=tls)
        self.state.data.update(
            counter=itertools.count(1), access_tokens=set(), refresh_tokens={}, codes=set(), client=client,
            scopes=scopes, sessions={}, videos={}, thumbnails={}, captions={}, playlists=set(), playlist_items={},
            channel={"id": "UCfakeChannel0000000000", "title": "Fake Space History"}, analytics={},
            faults={},
        )

    def fail(self, operation: str, action: int | str, *, times: int = 1, after: int = 0) -> None:
        faults = self.state.data["faults"].setdefault(operation, [])
        faults.append({"action": action, "after": after})
        faults.extend({"action": action, "after": 0} for _ in range(times - 1))

    def grant(self) -> tuple[str, str]:
        """A fresh (access token, refresh token) pair as an OAuth consent would give."""
        counter = next(self.state.data["counter"])
        refresh = f"1//fake-refresh-{counter}"
        self.state.data["refresh_tokens"][refresh] = "valid"
        access = f"ya29.fake-{counter}"
        self.state.data["access_tokens"].add(access)
        return access, refresh

    def revoke(self, refresh_token: str) -> None:
        self.state.data["refresh_tokens"][refresh_token] = "revoked"

    def expire_tokens(self) -> None:
        self.state.data["access_tokens"].clear()

    @property
    def videos(self) -> dict[str, Any]:
        return self.state.data["videos"]

    def calls(self, method: str, path: str) -> list[Recorded]:
        return [r for r in self.requests if r.method == method and r.path == path]
