"""Piper voices installed by name from the piper-voices repository (or a mirror of it) into VOICES_DIR.

The repository lists its voices in `{base}/voices.json`: for each voice its language, quality and
files, each with its size and MD5 (`{family}/{lang_code}/{name}/{quality}/{lang_code}-{name}-{quality}.onnx`
and `.onnx.json`). `voice_install(name=...)` fetches the model and its config, each to a temporary
name in VOICES_DIR, checks size and MD5, and only then renames them into place (config first, so a
half-installed voice is never listed). piper-tts's own download_voices checks nothing and writes
straight to the final names; this does not. PIPER_VOICES_URL points it at a mirror (or, in tests,
at a local server).
"""

from __future__ import annotations

import difflib
import errno
import hashlib
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
from django.conf import settings

CHUNK = 1024 * 1024
RETRIES = 3  # for 429, 5xx and dropped connections, per file
MAX_RETRY_AFTER = 60.0
Progress = Callable[[str, int, int], None]  # (file name, bytes so far, total)


class VoiceInstallError(Exception):
    """The voice was not installed; the message says why and what to do. Nothing half-made is left."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class VoiceFileSpec:
    path: str  # relative to the repository's base
    size: int
    md5: str

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class CatalogVoice:
    name: str
    language: str  # e.g. fr_FR
    family: str  # e.g. fr
    language_english: str
    quality: str
    model: VoiceFileSpec
    config: VoiceFileSpec

    @property
    def size(self) -> int:
        return self.model.size + self.config.size


def _base(base_url: str | None) -> str:
    return (base_url or settings.PIPER_VOICES_URL).rstrip("/")


def _client() -> httpx.Client:
    timeout = httpx.Timeout(settings.PIPER_VOICES_TIMEOUT_SECONDS, connect=15.0)
    return httpx.Client(timeout=timeout, follow_redirects=True, headers={"User-Agent": "faceless-voice-install"})


def _retry_wait(response: httpx.Response | None, attempt: int) -> float:
    after = response.headers.get("retry-after", "") if response is not None else ""
    if after.strip().isdigit():
        return min(float(after), MAX_RETRY_AFTER)
    return settings.PIPER_VOICES_RETRY_BASE_SECONDS * 2**attempt


def _unreachable(base: str, exc: Exception) -> VoiceInstallError:
    return VoiceInstallError(f"The voice repository at {base} could not be reached ({type(exc).__name__}: {exc}). "
                             "Check this machine's network, or set PIPER_VOICES_URL to a mirror.")


def voice_catalog(*, base_url: str | None = None) -> dict[str, CatalogVoice]:
    """Every voice the repository lists, by name. Entries it lists without a model, a config or a
    checksum are left out (they could not be checked)."""
    base = _base(base_url)
    with _client() as client:
        for attempt in range(RETRIES + 1):
            try:
                response = client.get(f"{base}/voices.json")
            except httpx.HTTPError as exc:
                if attempt == RETRIES:
                    raise _unreachable(base, exc) from exc
                time.sleep(_retry_wait(None, attempt))
                continue
            if (response.status_code == 429 or response.status_code >= 500) and attempt < RETRIES:
                time.sleep(_retry_wait(response, attempt))
                continue
            break
    if response.status_code == 404:
        raise VoiceInstallError(f"{base}/voices.json does not exist (HTTP 404): PIPER_VOICES_URL must be the root of "
                                "the piper-voices repository, e.g. https://huggingface.co/rhasspy/piper-voices/resolve/"
                                "main, or of a mirror with the same layout.")
    if response.status_code != 200:
        raise VoiceInstallError(f"The voice repository at {base} answered HTTP {response.status_code} for its voice "
                                "list. Try again later, or set PIPER_VOICES_URL to a mirror.")
    try:
        listed = response.json()
    except ValueError:
        listed = None
    if not isinstance(listed, dict):
        raise VoiceInstallError(f"{base}/voices.json is not a voice list (it begins “{response.text[:60]}”). "
                                "Check PIPER_VOICES_URL: it must be the piper-voices repository or a mirror of it.")
    return {voice.name: voice for voice in (_entry(key, value) for key, value in listed.items()) if voice}


def _entry(key: str, value: object) -> CatalogVoice | None:
    if not isinstance(value, dict) or not isinstance(value.get("files"), dict):
        return None
    language = value.get("language") if isinstance(value.get("language"), dict) else {}
    files: dict[str, VoiceFileSpec] = {}
    for path, info in value["files"].items():
        if isinstance(info, dict) and info.get("md5_digest") and str(info.get("size_bytes", "")).isdigit():
            files[path] = VoiceFileSpec(path, int(info["size_bytes"]), str(info["md5_digest"]).lower())
    name = str(value.get("key") or key)
    model = next((f for p, f in files.items() if p.endswith(f"/{name}.onnx")), None)
    config = next((f for p, f in files.items() if p.endswith(f"/{name}.onnx.json")), None)
    if model is None or config is None:
        return None
    code = str(language.get("code") or name.split("-")[0])
    return CatalogVoice(name=name, language=code, family=str(language.get("family") or code.split("_")[0]),
                        language_english=str(language.get("name_english") or code),
                        quality=str(value.get("quality") or ""), model=model, config=config)


def voices_for(catalog: dict[str, CatalogVoice], language: str) -> list[CatalogVoice]:
    """The voices of a language ("fr", "pt-BR", "pt_BR") or all, by name."""
    wanted = language.replace("-", "_").lower()
    return sorted((v for v in catalog.values()
                   if not wanted or v.family.lower() == wanted or v.language.lower() == wanted), key=lambda v: v.name)


def _md5(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def voice_install(*, name: str, base_url: str | None = None, folder: Path | None = None,
                  progress: Progress | None = None) -> Path:
    """Install the Piper voice `name` into VOICES_DIR (or `folder`) and return its model's path. A voice
    already there with the right checksums is left as it is."""
    base, folder = _base(base_url), Path(folder or settings.VOICES_DIR)
    catalog = voice_catalog(base_url=base)
    voice = catalog.get(name)
    if voice is None:
        raise VoiceInstallError(_unknown(name, catalog, base))
    targets = [(voice.config, folder / voice.config.name), (voice.model, folder / voice.model.name)]
    if all(path.is_file() and path.stat().st_size == spec.size and _md5(path) == spec.md5 for spec, path in targets):
        return folder / voice.model.name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        free = shutil.disk_usage(folder).free
    except OSError as exc:
        raise VoiceInstallError(f"The voices folder {folder} cannot be used ({exc.strerror}). Check VOICES_DIR and "
                                "its permissions.") from exc
    if free < voice.size + 16 * CHUNK:
        raise _disk_full(folder, voice.size, free)
    partials = [folder / f".{spec.name}.partial" for spec, _ in targets]
    try:
        with _client() as client:
            for (spec, _), partial in zip(targets, partials, strict=True):
                _download(client, base, spec, partial, progress)
        for (_, final), partial in zip(targets, partials, strict=True):
            os.replace(partial, final)  # the config first: a model without its config is never listed
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise _disk_full(folder, voice.size, shutil.disk_usage(folder).free) from exc
        raise VoiceInstallError(f"Could not write the voice into {folder} ({exc.strerror}). Check VOICES_DIR and its "
                                "permissions.") from exc
    finally:
        for partial in partials:
            partial.unlink(missing_ok=True)
    return folder / voice.model.name


def _unknown(name: str, catalog: dict[str, CatalogVoice], base: str) -> str:
    close = difflib.get_close_matches(name, list(catalog), n=3, cutoff=0.6)
    family = name.split("_")[0].split("-")[0].lower()
    same_language = [v.name for v in voices_for(catalog, family)][:5] if len(family) in (2, 3) else []
    hint = (f" Did you mean {', '.join(close)}?" if close else
            f" {family} voices: {', '.join(same_language)}." if same_language else "")
    return (f"No Piper voice named “{name}” in the voice repository at {base}.{hint} "
            "`python manage.py voice_install --list <language>` lists them (e.g. --list fr).")


def _disk_full(folder: Path, needed: int, free: int) -> VoiceInstallError:
    return VoiceInstallError(f"Not enough disk space in {folder}: the voice needs {needed / 1e6:.0f} MB and "
                             f"{free / 1e6:.0f} MB are free. Free some space (or set VOICES_DIR elsewhere) and run "
                             "the command again.")


def _download(client: httpx.Client, base: str, spec: VoiceFileSpec, partial: Path, progress: Progress | None) -> None:
    """One file to `partial`, with its size and MD5 checked; retried on 429, 5xx and cut connections."""
    url = f"{base}/{spec.path}"
    for attempt in range(RETRIES + 1):
        digest, done, response = hashlib.md5(usedforsecurity=False), 0, None
        try:
            with client.stream("GET", url) as response:
                if response.status_code == 200:
                    with partial.open("wb") as handle:
                        for block in response.iter_bytes(CHUNK):
                            handle.write(block)
                            digest.update(block)
                            done += len(block)
                            if progress:
                                progress(spec.name, done, spec.size)
        except (httpx.TransportError, httpx.StreamError) as exc:
            if attempt < RETRIES:
                time.sleep(_retry_wait(None, attempt))
                continue
            if isinstance(exc, httpx.TimeoutException):
                raise VoiceInstallError(
                    f"The download of {spec.name} stalled: no data for {settings.PIPER_VOICES_TIMEOUT_SECONDS:g} s "
                    f"after {done:,} of {spec.size:,} bytes. Run the command again later, raise "
                    "PIPER_VOICES_TIMEOUT_SECONDS, or set PIPER_VOICES_URL to a nearer mirror.") from exc
            raise VoiceInstallError(f"The download of {spec.name} was cut off after {done:,} of {spec.size:,} bytes "
                                    f"({type(exc).__name__}). Run the command again; nothing was installed.") from exc
        status = response.status_code
        if (status == 429 or status >= 500) and attempt < RETRIES:
            time.sleep(_retry_wait(response, attempt))
            continue
        if status == 404:
            raise VoiceInstallError(f"The voice repository at {base} has no {spec.path} (HTTP 404), though its "
                                    "voices.json lists it. Try again later, or set PIPER_VOICES_URL to a mirror.")
        if status != 200:
            raise VoiceInstallError(f"The voice repository answered HTTP {status} for {spec.name}. Try again later, "
                                    "or set PIPER_VOICES_URL to a mirror.")
        if done != spec.size:
            raise VoiceInstallError(f"The download of {spec.name} was cut off after {done:,} of {spec.size:,} bytes. "
                                    "Run the command again; nothing was installed.")
        if digest.hexdigest() != spec.md5:
            raise VoiceInstallError(f"{spec.name} arrived with the wrong checksum (MD5 {digest.hexdigest()}, the "
                                    f"repository lists {spec.md5}), so it was discarded. Run the command again, or "
                                    "set PIPER_VOICES_URL to another mirror.")
        return
