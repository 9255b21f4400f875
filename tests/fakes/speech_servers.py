"""Local servers that speak the OpenAI-compatible speech API and ElevenLabs' timestamps endpoint,
for tests that drive the real httpx client in videos/voice/openai_speech.py and elevenlabs.py.

Both answer with real audio made by ffmpeg: a tone of SECONDS_PER_WORD per word of the text, encoded
in the format asked for, so the pipeline's ffmpeg and ffprobe steps really run on it.

The bad days: `server.enqueue(...)` scripts raw answers (429 with Retry-After, 500, 401 with the
vendor's error JSON, 0 to drop the connection) ahead of everything else. `server.state.data["modes"]`
holds one word per following request for what the fake does instead of answering well:
  "slow"          wait SLOW_SECONDS before answering (a client timeout)
  "cut"           promise the whole body in Content-Length, send half, close the connection
  "garbage"       200 with bytes that are no audio at all
  "extra"         (ElevenLabs) more fields than documented, in the JSON and in its alignment
  "no_alignment"  (ElevenLabs) the audio without `alignment` or `normalized_alignment`
  "ok"            answer normally
A wrong key gets 401 with each vendor's error JSON, which echoes the key it was sent (as a careless
gateway would), so tests can prove the key never reaches a message.
"""

from __future__ import annotations

import base64
import functools
import json
import re
import subprocess
import time
from typing import Any

from tests.fakes.server import FakeHandler, Recorded

SECONDS_PER_WORD = 0.3
# ElevenLabs' fake speaks each word in the first WORD_SHARE of its slot; the rest is a pause.
WORD_SHARE = 0.8
SLOW_SECONDS = 2.0
OPENAI_KEY = "sk-test-speech-0123456789abcdef"
ELEVENLABS_KEY = "xi-test-key-0123456789abcdef"
ELEVENLABS_VOICE = "JBFqnCBsd6RMkjVDRZzb"
ENCODERS = {
    "mp3": ["-ar", "24000", "-c:a", "libmp3lame", "-b:a", "48k", "-f", "mp3"],
    "wav": ["-ar", "24000", "-c:a", "pcm_s16le", "-f", "wav"],
    "flac": ["-ar", "24000", "-c:a", "flac", "-f", "flac"],
    "opus": ["-ar", "48000", "-c:a", "libopus", "-b:a", "32k", "-f", "ogg"],
    "pcm": ["-ar", "24000", "-c:a", "pcm_s16le", "-f", "s16le"],
}
# What a route returns after it has answered by itself (a cut-off body).
ANSWERED = (-1, {}, b"")


@functools.lru_cache(maxsize=64)
def tone(seconds: float, audio_format: str = "mp3") -> bytes:
    """A 330 Hz tone lasting `seconds`, mono, encoded as `audio_format`."""
    command = ["ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i",
               f"sine=frequency=330:duration={seconds:.3f}", "-ac", "1", *ENCODERS[audio_format], "-"]
    return subprocess.run(command, capture_output=True, check=True).stdout


def spoken_seconds(text: str) -> float:
    return round(SECONDS_PER_WORD * max(1, len(text.split())), 3)


class _SpeechHandler(FakeHandler):
    def mode(self) -> str:
        modes = self.state.data.setdefault("modes", [])
        mode = modes.pop(0) if modes else "ok"
        if mode == "slow":
            time.sleep(SLOW_SECONDS)
        return mode

    def send_cut(self, content_type: str, data: bytes) -> None:
        """Headers for the whole body, then half of it, then the connection closes."""
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data[: len(data) // 2])
        self.wfile.flush()
        self.close_connection = True
        self.connection.close()

    def send_payload(self, status: int, headers: dict[str, str], payload: Any) -> None:
        if (status, headers, payload) != ANSWERED:
            super().send_payload(status, headers, payload)


class OpenAISpeechHandler(_SpeechHandler):
    """`POST /v1/audio/speech` as OpenAI documents it; `GET /v1/models` for the doctor."""

    def route(self, recorded: Recorded):
        key = self.state.data.get("key", OPENAI_KEY)
        sent = recorded.headers.get("authorization", "").removeprefix("Bearer ")
        if key and sent != key:
            return 401, {}, {"error": {
                "message": f"Incorrect API key provided: {sent}. You can find your API key at "
                           "https://platform.openai.com/account/api-keys.",
                "type": "invalid_request_error", "param": None, "code": "invalid_api_key"}}
        if recorded.method == "GET" and recorded.path == "/v1/models":
            return 200, {}, {"object": "list", "data": [{"id": "tts-1", "object": "model", "owned_by": "system"}]}
        if recorded.method != "POST" or recorded.path != "/v1/audio/speech":
            return 404, {}, {"error": {"message": f"Invalid URL ({recorded.method} {recorded.path})",
                                       "type": "invalid_request_error", "param": None, "code": None}}
        return self.speech(recorded.json())

    def speech(self, body: Any):
        problem = _openai_problem(body, self.state.data.get("voices"))
        if problem:
            return 400, {}, {"error": {"message": problem, "type": "invalid_request_error", "param": None,
                                       "code": None}}
        mode = self.mode()
        audio_format = body.get("response_format", "mp3")
        if mode == "garbage":
            return 200, {"Content-Type": "audio/mpeg"}, b"\x00not audio at all\xff" * 64
        audio = tone(spoken_seconds(body["input"]), audio_format)
        content_type = {"mp3": "audio/mpeg", "wav": "audio/wav", "flac": "audio/flac", "opus": "audio/ogg",
                        "pcm": "audio/pcm"}[audio_format]
        if mode == "cut":
            self.send_cut(content_type, audio)
            return ANSWERED
        return 200, {"Content-Type": content_type}, audio


def _openai_problem(body: Any, voices: list[str] | None) -> str:
    if not isinstance(body, dict):
        return "We could not parse the JSON body of your request."
    for field in ("model", "input", "voice"):
        if not body.get(field):
            return f"you must provide a {field} parameter"
    if len(body["input"]) > 4096:
        return ("[{'type': 'string_too_long', 'loc': ('body', 'input'), "
                "'msg': 'String should have at most 4096 characters'}]")
    if not 0.25 <= float(body.get("speed", 1.0)) <= 4.0:
        return f"{body['speed']} is greater than the maximum of 4 - 'speed'"
    if body.get("response_format", "mp3") not in ENCODERS:
        return f"Invalid value: '{body['response_format']}'. Supported values are: 'mp3', 'opus', 'aac', 'flac', " \
               "'wav', and 'pcm'."
    if voices is not None and body["voice"] not in voices:
        return f"Invalid value: '{body['voice']}'. Supported values are: {', '.join(voices)}."
    return ""


class ElevenLabsHandler(_SpeechHandler):
    """`POST /v1/text-to-speech/{voice_id}/with-timestamps` as ElevenLabs documents it; `GET /v1/models`."""

    PATH = re.compile(r"^/v1/text-to-speech/([^/]+)/with-timestamps$")

    def route(self, recorded: Recorded):
        key = self.state.data.get("key", ELEVENLABS_KEY)
        sent = recorded.headers.get("xi-api-key", "")
        if sent != key:
            return 401, {}, {"detail": {"status": "invalid_api_key",
                                        "message": f"Invalid API key: {sent}"}}
        if recorded.method == "GET" and recorded.path == "/v1/models":
            return 200, {}, [{"model_id": "eleven_multilingual_v2", "can_do_text_to_speech": True}]
        match = self.PATH.match(recorded.path)
        if recorded.method != "POST" or match is None:
            return 404, {}, {"detail": "Not Found"}
        voice = match.group(1)
        if voice not in self.state.data.get("voices", [ELEVENLABS_VOICE]):
            return 400, {}, {"detail": {"status": "voice_not_found",
                                        "message": f"A voice with voice_id {voice} does not exist."}}
        body = recorded.json()
        if not isinstance(body, dict) or not body.get("text"):
            return 422, {}, {"detail": [{"type": "missing", "loc": ["body", "text"], "msg": "Field required",
                                         "input": body}]}
        return self.with_timestamps(body, recorded.query.get("output_format", ["mp3_44100_128"])[0])

    def with_timestamps(self, body: dict[str, Any], output_format: str):
        mode = self.mode()
        text = body["text"]
        audio = tone(spoken_seconds(text), "mp3") if mode != "garbage" else b"\x00not audio\xff" * 64
        alignment = character_alignment(text)
        payload: dict[str, Any] = {"audio_base64": base64.b64encode(audio).decode(), "alignment": alignment,
                                   "normalized_alignment": alignment}
        if mode == "extra":
            payload.update(request_id="req_0123", voice_segments=[], model_id=body.get("model_id"))
            payload["alignment"] = {**alignment, "character_confidences": [1.0] * len(alignment["characters"])}
        if mode == "no_alignment":
            del payload["alignment"], payload["normalized_alignment"]
        if mode == "cut":
            self.send_cut("application/json", json.dumps(payload).encode())
            return ANSWERED
        return 200, {}, payload


def character_alignment(text: str) -> dict[str, list]:
    """Character times as ElevenLabs reports them: word k is spoken from k*SECONDS_PER_WORD for
    WORD_SHARE of its slot, its characters evenly; spaces fill the pause after it."""
    characters, starts, ends = [], [], []
    position = 0
    for index, match in enumerate(re.finditer(r"\S+", text)):
        word_start = index * SECONDS_PER_WORD
        for space in text[position:match.start()]:
            characters.append(space)
            starts.append(round(word_start - SECONDS_PER_WORD * (1 - WORD_SHARE), 3))
            ends.append(round(word_start, 3))
        step = SECONDS_PER_WORD * WORD_SHARE / len(match.group(0))
        for offset, character in enumerate(match.group(0)):
            characters.append(character)
            starts.append(round(word_start + offset * step, 3))
            ends.append(round(word_start + (offset + 1) * step, 3))
        position = match.end()
    return {"characters": characters, "character_start_times_seconds": starts,
            "character_end_times_seconds": ends}
