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


def check_media() -> CheckResult:
    root = Path(settings.MEDIA_ROOT)
    try:
        root.mkdir(parents=True, exist_ok=True)
        probe = root / f".doctor-{time.time_ns()}"
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        return CheckResult("media folder", "fail", f"{root} is not writable ({exc.strerror})",
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
        return CheckResult("ollama", "ok", f"configured at {where} (not contacted)")
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
        return CheckResult("anthropic", "ok", f"key set, {where} (not contacted)")
    try:
        response = httpx.get(settings.ANTHROPIC_BASE_URL.rstrip("/") + "/v1/models", timeout=5, headers={
            "x-api-key": settings.ANTHROPIC_API_KEY, "authorization": f"Bearer {settings.ANTHROPIC_API_KEY}",
            "anthropic-version": "2023-06-01"})
    except httpx.HTTPError as exc:
        return CheckResult("anthropic", "fail", f"{where} does not answer ({type(exc).__name__})",
                           "Check ANTHROPIC_BASE_URL and the network.")
    if response.status_code in (401, 403):
        return CheckResult("anthropic", "fail", f"{where} refused the key ({response.status_code})",
                           "Create a new key in the Anthropic console and set ANTHROPIC_API_KEY.")
    return CheckResult("anthropic", "ok", f"{where} answered ({response.status_code})")


def check_openai_compat(live: bool) -> CheckResult:
    base = settings.OPENAI_COMPAT_BASE_URL
    if not base:
        return CheckResult("openai-compatible", "warn", "not configured",
                           "Set OPENAI_COMPAT_BASE_URL, _API_KEY and _MODEL for OpenAI, Grok, Gemini, vLLM, LM Studio.")
    if not live:
        return CheckResult("openai-compatible", "ok", f"configured at {safe_url(base)} (not contacted)")
    headers = {"authorization": f"Bearer {settings.OPENAI_COMPAT_API_KEY}"} if settings.OPENAI_COMPAT_API_KEY else {}
    try:
        status, _ = _get_json(base.rstrip("/") + "/models", headers)
    except httpx.HTTPError as exc:
        return CheckResult("openai-compatible", "fail", f"{safe_url(base)} does not answer ({type(exc).__name__})",
                           "Check OPENAI_COMPAT_BASE_URL.")
    if status in (401, 403):
        return CheckResult("openai-compatible", "fail", f"{safe_url(base)} refused the key ({status})",
                           "Check OPENAI_COMPAT_API_KEY.")
    return CheckResult("openai-compatible", "ok", f"{safe_url(base)} answered ({status})")


def check_stock(name: str, key: str) -> CheckResult:
    if not getattr(settings, key):
        return CheckResult(name, "warn", "no key: this source is skipped",
                           f"Set {key} to search {name.title()} (free key from its developer page).")
    base_url = getattr(settings, f"{name.upper()}_BASE_URL", "")
    return CheckResult(name, "ok", f"key set, {safe_url(base_url)} (not contacted, to save its rate limit)")


def check_google_oauth() -> CheckResult:
    if not (settings.GOOGLE_OAUTH_CLIENT_ID and settings.GOOGLE_OAUTH_CLIENT_SECRET):
        return CheckResult("google oauth", "warn", "no client id/secret: YouTube upload and Google sign-in are off",
                           "Create an OAuth client (web) in Google Cloud; set GOOGLE_OAUTH_CLIENT_ID and "
                           "GOOGLE_OAUTH_CLIENT_SECRET; redirect URI https://HOST/complete/google-oauth2/.")
    if not settings.TOKEN_ENCRYPTION_KEYS:
        return CheckResult("google oauth", "fail", "client set, but TOKEN_ENCRYPTION_KEYS is empty",
                           "Set TOKEN_ENCRYPTION_KEYS to a Fernet key: python -c 'from cryptography.fernet "
                           "import Fernet; print(Fernet.generate_key().decode())'.")
    return CheckResult("google oauth", "ok", "client id and secret set; token encryption key set")


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


def health_report(*, detailed: bool = True, live: bool = False) -> list[CheckResult]:
    """Every integration's state. `live` contacts LLM endpoints (the doctor does; pages do not)."""
    checks: list[Callable[[], CheckResult]] = [
        check_database, check_cache, check_redis, check_docstore, check_cluster, check_ffmpeg, check_espeak,
        check_fonts, check_media,
        lambda: check_ollama(live), lambda: check_anthropic(live), lambda: check_openai_compat(live),
        lambda: check_stock("pexels", "PEXELS_API_KEY"), lambda: check_stock("pixabay", "PIXABAY_API_KEY"),
        lambda: check_stock("unsplash", "UNSPLASH_ACCESS_KEY"), check_google_oauth,
    ]
    results = []
    for check in checks:
        try:
            result = check()
        except Exception as exc:
            name = getattr(check, "__name__", "check").removeprefix("check_")
            result = CheckResult(name, "fail", f"the check itself failed: {type(exc).__name__}: {exc}")
        results.append(_with_integration_state(result) if detailed else result)
    return results


def overall(results: list[CheckResult]) -> Status:
    statuses = {r.status for r in results}
    return "fail" if "fail" in statuses else "warn" if "warn" in statuses else "ok"
