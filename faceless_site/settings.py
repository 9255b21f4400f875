"""Faceless settings: every value comes from the environment, with an embedded default that runs
offline on one machine (SQLite, django-q2 on the ORM, local-memory cache, offline providers).

Production differs by environment only; `.env.example` lists every variable.
"""

from __future__ import annotations

import os
from pathlib import Path

import environ

from faceless_site.mediastore.config import storage_config

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
# A local `.env` (written by `make setup`, never committed) is read first; real environment wins.
# The test targets set FACELESS_DOTENV=0 so the suite runs on what they set, not on a developer's .env.
if env.bool("FACELESS_DOTENV", default=True) and (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env", overwrite=False)

# The dev key is public by construction; `faceless_site.checks` refuses it outside DEBUG.
DEV_SECRET_KEY = "dev-insecure-faceless-key-do-not-use-in-production"  # noqa: S105

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default=DEV_SECRET_KEY)
ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_q",
    "django_htmx",
    "ninja",
    "social_django",
    "django_prometheus",
    "faceless_site.apps.FacelessSiteConfig",
    "channels.apps.ChannelsConfig",
    "videos",
    "assets",
    "publishing",
]

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check, which reads the body: an anonymous upload goes to sign in unread.
    "faceless_site.uploads.UploadSignInMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django_structlog.middlewares.RequestMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "faceless_site.urls"
WSGI_APPLICATION = "faceless_site.wsgi.application"
ASGI_APPLICATION = "faceless_site.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "social_django.context_processors.backends",
            ],
        },
    },
]

# --- Database --------------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'faceless.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(exist_ok=True)  # var/ is not in git; SQLite needs its folder to exist
    # WAL lets the web server and the job workers (separate processes) read while one writes;
    # IMMEDIATE transactions take the write lock up front instead of failing with "locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
    # The test database is a file, so job workers started by tests (qcluster) can reach it; one per
    # test process, so two test runs on one machine never share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test_faceless_{os.getpid()}.sqlite3")}
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{os.getpid()}"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, rate limits, locks ---------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="faceless"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Document store (pymongo) ----------------------------------------------------------------
# Unset: the make targets start a local SecantusDB on this port and export MONGODB_URL.
MONGODB_URL = env.str("MONGODB_URL", default="")
MONGODB_DB = env.str("MONGODB_DB", default="faceless")
MONGODB_TIMEOUT_MS = env.int("MONGODB_TIMEOUT_MS", default=3000)

# --- Jobs (django-q2) ------------------------------------------------------------------------
# Two kinds of cluster share one ORM queue table (see README "Jobs"):
# - the job cluster (`manage.py qcluster`, queue JOB_QUEUE) runs pipeline steps, renders included;
# - the control cluster (`Q_CLUSTER_NAME=<JOB_CONTROL_QUEUE> manage.py qcluster`, ALT_CLUSTERS below)
#   runs housekeeping: recovery, due publications, autopilot, analytics, clean-up. Its schedules
#   carry `cluster=JOB_CONTROL_QUEUE`, so a long render never delays recovery.
# `timeout` (the longest step, a long render) stays below `retry`, so a running task is never
# handed out twice by django-q2; a worker killed mid-job is recovered long before `retry` by
# `jobs_recover` (videos.services.jobs), which re-enqueues jobs whose heartbeat stopped.
# Holding tasks: django-q2's pusher takes `bulk` rows from the table at a time, locks each for
# `retry` (65 minutes) and puts it in the cluster's own queue of `queue_limit` places (default
# workers²), where no other cluster can take it. Measured (`bench/jobs_bench.py --holding`, a busy
# 2-worker cluster, ten 25 s tasks): with django-q2's defaults it holds 5 tasks it cannot run; with
# bulk 1 and queue_limit 1, 2 (1 in its queue, 1 in the pusher's hand, blocked), the least django-q2
# allows. A queued job that has not started JOB_HELD_SECONDS after it was submitted and has no free
# row in the table is re-submitted by `jobs_recover`, so an idle cluster takes what a busy one
# holds; the runner's claim runs it once.
JOB_TIMEOUT = env.int("JOB_TIMEOUT", default=3600)
JOB_QUEUE = env.str("JOB_QUEUE", default="faceless")
JOB_CONTROL_QUEUE = f"{JOB_QUEUE}-control"
Q_CLUSTER = {
    # The name is also the salt tasks are signed with: the same for every cluster of this install.
    "name": JOB_QUEUE,
    "workers": env.int("Q_WORKERS", default=2),
    "timeout": JOB_TIMEOUT,
    "retry": JOB_TIMEOUT + 300,
    "max_attempts": 3,
    "ack_failures": True,
    "save_limit": 500,
    "catch_up": False,
    "orm": "default",
    "poll": 0.5,
    "bulk": 1,
    "queue_limit": 1,
    "label": "Job queue",
    "ALT_CLUSTERS": {
        JOB_CONTROL_QUEUE: {
            "workers": env.int("Q_CONTROL_WORKERS", default=2),
            "timeout": 900,
            "retry": 1200,
        },
    },
}
JOB_HEARTBEAT_SECONDS = env.float("JOB_HEARTBEAT_SECONDS", default=5)
# A running job whose heartbeat has stopped this long (three beats missed) has lost its worker: the
# studio, the job list, the admin and the API say "Interrupted", Retry runs it again at once, and the
# control cluster queues it again within JOB_RECOVER_EVERY_SECONDS. Its attempt number fences the old
# run, so a worker that was only slow stops at its next checkpoint and records nothing. The control
# cluster's two recovery schedules start a watch (`jobs_watch`) each time django-q2's scheduler fires
# them (about every 30 s); a watch looks every JOB_RECOVER_EVERY_SECONDS until the next one starts,
# so recovery is never blind between two.
JOB_STALE_SECONDS = env.float("JOB_STALE_SECONDS", default=15)
JOB_RECOVER_EVERY_SECONDS = env.float("JOB_RECOVER_EVERY_SECONDS", default=5)
# A queued job whose queue row a cluster took this long ago without starting it is held by a busy
# or dead cluster: recovery gives it a fresh row that an idle cluster can take.
JOB_HELD_SECONDS = env.int("JOB_HELD_SECONDS", default=15)
# A step cut off from the database is queued again at once; the JOB_MAX_ATTEMPTS-th time it fails with the reason.
JOB_MAX_ATTEMPTS = env.int("JOB_MAX_ATTEMPTS", default=5)

# --- Auth ------------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "social_core.backends.google.GoogleOAuth2",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

GOOGLE_OAUTH_CLIENT_ID = env.str("GOOGLE_OAUTH_CLIENT_ID", default="")
GOOGLE_OAUTH_CLIENT_SECRET = env.str("GOOGLE_OAUTH_CLIENT_SECRET", default="")
SOCIAL_AUTH_GOOGLE_OAUTH2_KEY = GOOGLE_OAUTH_CLIENT_ID
SOCIAL_AUTH_GOOGLE_OAUTH2_SECRET = GOOGLE_OAUTH_CLIENT_SECRET
SOCIAL_AUTH_GOOGLE_OAUTH2_SCOPE = [
    "https://www.googleapis.com/auth/youtube.upload",
    "https://www.googleapis.com/auth/youtube.readonly",
    # playlistItems.insert is not covered by youtube.upload.
    "https://www.googleapis.com/auth/youtube.force-ssl",
    "https://www.googleapis.com/auth/yt-analytics.readonly",
]
SOCIAL_AUTH_GOOGLE_OAUTH2_AUTH_EXTRA_ARGUMENTS = {"access_type": "offline", "prompt": "consent"}
SOCIAL_AUTH_GOOGLE_OAUTH2_USE_UNIQUE_USER_ID = True
SOCIAL_AUTH_JSONFIELD_ENABLED = True
GOOGLE_OAUTH_AUTH_URL = env.str("GOOGLE_OAUTH_AUTH_URL", default="https://accounts.google.com/o/oauth2/auth")
GOOGLE_OAUTH_TOKEN_URL = env.str("GOOGLE_OAUTH_TOKEN_URL", default="https://oauth2.googleapis.com/token")
SOCIAL_AUTH_GOOGLE_OAUTH2_AUTHORIZATION_URL = GOOGLE_OAUTH_AUTH_URL
SOCIAL_AUTH_GOOGLE_OAUTH2_ACCESS_TOKEN_URL = GOOGLE_OAUTH_TOKEN_URL
# The channel to link travels through the OAuth round trip in the session.
SOCIAL_AUTH_FIELDS_STORED_IN_SESSION = ["channel"]
# No create_user: only existing users link Google. No load_extra_data: tokens are kept only
# encrypted, in publishing's YouTubeAccount, never in clear text in social-auth's table.
SOCIAL_AUTH_PIPELINE = (
    "social_core.pipeline.social_auth.social_details",
    "social_core.pipeline.social_auth.social_uid",
    "social_core.pipeline.social_auth.auth_allowed",
    "social_core.pipeline.social_auth.social_user",
    "social_core.pipeline.social_auth.associate_user",
    "publishing.social.link_youtube_channel",
)
# Fernet key(s), comma-separated, newest first; encrypts YouTube tokens at rest.
TOKEN_ENCRYPTION_KEYS = env.list("TOKEN_ENCRYPTION_KEYS", default=[])

# --- Providers: script writers ---------------------------------------------------------------
WRITER_DEFAULT_ORDER = env.list("WRITER_DEFAULT_ORDER", default=["offline"])
OLLAMA_HOST = env.str("OLLAMA_HOST", default="")
OLLAMA_MODEL = env.str("OLLAMA_MODEL", default="llama3.2")
ANTHROPIC_API_KEY = env.str("ANTHROPIC_API_KEY", default="")
ANTHROPIC_BASE_URL = env.str("ANTHROPIC_BASE_URL", default="https://api.anthropic.com")
# claude-sonnet-4-5 reaches end-of-life on 2026-11-30 (the SDK's deprecation list); the default
# is a current model from the SDK's model list.
ANTHROPIC_MODEL = env.str("ANTHROPIC_MODEL", default="claude-sonnet-5-5")
OPENAI_COMPAT_BASE_URL = env.str("OPENAI_COMPAT_BASE_URL", default="")
OPENAI_COMPAT_API_KEY = env.str("OPENAI_COMPAT_API_KEY", default="")
OPENAI_COMPAT_MODEL = env.str("OPENAI_COMPAT_MODEL", default="")
LLM_TIMEOUT_SECONDS = env.float("LLM_TIMEOUT_SECONDS", default=120.0)
LLM_MAX_RETRIES = env.int("LLM_MAX_RETRIES", default=4)
LLM_RETRY_BASE_SECONDS = env.float("LLM_RETRY_BASE_SECONDS", default=1.0)
# One deadline for the whole writing step (every try, retry and repair of every writer), so a hung
# model server fails the job in bounded time instead of LLM_TIMEOUT_SECONDS times the retries.
SCRIPT_WRITING_DEADLINE_SECONDS = env.float("SCRIPT_WRITING_DEADLINE_SECONDS", default=180.0)

# --- Providers: voice ------------------------------------------------------------------------
# gTTS calls Google Translate's web TTS at translate.google.<GTTS_TLD>; it has no other host option.
GTTS_TLD = env.str("GTTS_TLD", default="com")
# Cloud voices (issue 16): any OpenAI-compatible speech server (OpenAI, Kokoro-FastAPI, Chatterbox,
# LocalAI), and ElevenLabs. Unset base URL / key: those engines are "not configured".
OPENAI_SPEECH_BASE_URL = env.str("OPENAI_SPEECH_BASE_URL", default="")
OPENAI_SPEECH_API_KEY = env.str("OPENAI_SPEECH_API_KEY", default="")
OPENAI_SPEECH_MODEL = env.str("OPENAI_SPEECH_MODEL", default="tts-1")
OPENAI_SPEECH_VOICE = env.str("OPENAI_SPEECH_VOICE", default="alloy")
OPENAI_SPEECH_FORMAT = env.str("OPENAI_SPEECH_FORMAT", default="mp3")
ELEVENLABS_API_KEY = env.str("ELEVENLABS_API_KEY", default="")
ELEVENLABS_BASE_URL = env.str("ELEVENLABS_BASE_URL", default="https://api.elevenlabs.io")
ELEVENLABS_MODEL = env.str("ELEVENLABS_MODEL", default="eleven_multilingual_v2")
ELEVENLABS_VOICE_ID = env.str("ELEVENLABS_VOICE_ID", default="JBFqnCBsd6RMkjVDRZzb")
CLOUD_VOICE_TIMEOUT_SECONDS = env.float("CLOUD_VOICE_TIMEOUT_SECONDS", default=60.0)
CLOUD_VOICE_MAX_RETRIES = env.int("CLOUD_VOICE_MAX_RETRIES", default=3)
CLOUD_VOICE_RETRY_BASE_SECONDS = env.float("CLOUD_VOICE_RETRY_BASE_SECONDS", default=1.0)
# Piper voices a user adds: <name>.onnx + <name>.onnx.json pairs (the bundled en_US-joe-medium needs none).
VOICES_DIR = Path(env.str("VOICES_DIR", default="") or VAR_DIR / "voices")
# Where `manage.py voice_install <name>` fetches Piper voices from: the piper-voices repository's layout
# ({base}/voices.json and {base}/{family}/{lang_code}/{name}/{quality}/...), on Hugging Face or a mirror.
PIPER_VOICES_URL = env.str("PIPER_VOICES_URL", default="https://huggingface.co/rhasspy/piper-voices/resolve/main")
PIPER_VOICES_TIMEOUT_SECONDS = env.float("PIPER_VOICES_TIMEOUT_SECONDS", default=60.0)
PIPER_VOICES_RETRY_BASE_SECONDS = env.float("PIPER_VOICES_RETRY_BASE_SECONDS", default=1.0)
# The Japanese voice (make voice-ja) joins its 92 MB model here on first use.
KOKORO_JA_CACHE = Path(env.str("KOKORO_JA_CACHE", default="") or VOICES_DIR / "kokoro-ja")
# Scenes narrated at once, and onnxruntime threads per scene (2 x 1 keeps both cores of a small box busy).
VOICE_PARALLEL_SCENES = env.int("VOICE_PARALLEL_SCENES", default=2)
VOICE_THREADS_PER_SCENE = env.int("VOICE_THREADS_PER_SCENE", default=1)

# --- Providers: stock media ------------------------------------------------------------------
PEXELS_API_KEY = env.str("PEXELS_API_KEY", default="")
PEXELS_BASE_URL = env.str("PEXELS_BASE_URL", default="https://api.pexels.com")
PEXELS_RATE_LIMIT_PER_HOUR = env.int("PEXELS_RATE_LIMIT_PER_HOUR", default=200)
PIXABAY_API_KEY = env.str("PIXABAY_API_KEY", default="")
PIXABAY_BASE_URL = env.str("PIXABAY_BASE_URL", default="https://pixabay.com")
PIXABAY_RATE_LIMIT_PER_MINUTE = env.int("PIXABAY_RATE_LIMIT_PER_MINUTE", default=100)
UNSPLASH_ACCESS_KEY = env.str("UNSPLASH_ACCESS_KEY", default="")
UNSPLASH_BASE_URL = env.str("UNSPLASH_BASE_URL", default="https://api.unsplash.com")
UNSPLASH_RATE_LIMIT_PER_HOUR = env.int("UNSPLASH_RATE_LIMIT_PER_HOUR", default=50)
UNSPLASH_APP_NAME = env.str("UNSPLASH_APP_NAME", default="faceless")
STOCK_DOWNLOAD_MAX_BYTES = env.int("STOCK_DOWNLOAD_MAX_BYTES", default=300 * 1024 * 1024)
STOCK_DOWNLOAD_READ_TIMEOUT = env.float("STOCK_DOWNLOAD_READ_TIMEOUT", default=30.0)
STOCK_DOWNLOAD_TOTAL_TIMEOUT = env.float("STOCK_DOWNLOAD_TOTAL_TIMEOUT", default=600.0)
FOOTAGE_MAX_WAIT_SECONDS = env.int("FOOTAGE_MAX_WAIT_SECONDS", default=90)
# Downloads are accepted only from these hosts (and the configured API host), never from user input.
PEXELS_MEDIA_HOSTS = env.list("PEXELS_MEDIA_HOSTS", default=["videos.pexels.com", "images.pexels.com",
                                                              "player.vimeo.com"])
PIXABAY_MEDIA_HOSTS = env.list("PIXABAY_MEDIA_HOSTS", default=["cdn.pixabay.com", "pixabay.com"])
UNSPLASH_MEDIA_HOSTS = env.list("UNSPLASH_MEDIA_HOSTS", default=["images.unsplash.com"])
# Keyless archives (issue 25). Wikimedia asks every program for a contact in its User-Agent.
WIKIMEDIA_CONTACT = env.str("WIKIMEDIA_CONTACT", default="")
WIKIMEDIA_API_URL = env.str("WIKIMEDIA_API_URL", default="https://commons.wikimedia.org/w/api.php")
WIKIMEDIA_RATE_LIMIT_PER_MINUTE = env.int("WIKIMEDIA_RATE_LIMIT_PER_MINUTE", default=30)
WIKIMEDIA_MEDIA_HOSTS = env.list("WIKIMEDIA_MEDIA_HOSTS", default=["upload.wikimedia.org"])
NASA_IMAGES_BASE_URL = env.str("NASA_IMAGES_BASE_URL", default="https://images-api.nasa.gov")
NASA_RATE_LIMIT_PER_MINUTE = env.int("NASA_RATE_LIMIT_PER_MINUTE", default=60)
NASA_MEDIA_HOSTS = env.list("NASA_MEDIA_HOSTS", default=["images-assets.nasa.gov"])
OPENVERSE_BASE_URL = env.str("OPENVERSE_BASE_URL", default="https://api.openverse.org")
OPENVERSE_RATE_LIMIT_PER_MINUTE = env.int("OPENVERSE_RATE_LIMIT_PER_MINUTE", default=20)
ARCHIVE_BUSY_WAIT_SECONDS = env.float("ARCHIVE_BUSY_WAIT_SECONDS", default=5.0)
OPENVERSE_MEDIA_HOSTS = env.list("OPENVERSE_MEDIA_HOSTS", default=[
    "live.staticflickr.com", "farm1.staticflickr.com", "farm2.staticflickr.com", "farm3.staticflickr.com",
    "farm4.staticflickr.com", "farm5.staticflickr.com", "farm6.staticflickr.com", "farm7.staticflickr.com",
    "farm8.staticflickr.com", "farm9.staticflickr.com", "upload.wikimedia.org"])
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=500 * 1024 * 1024)
# Images with more pixels are refused (ffmpeg decodes every one of them); larger than a render uses
# (IMAGE_MAX_SIDE on the long side, twice a 1080p frame with its zoom) are scaled down on upload.
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_PIXELS", default=50_000_000)
IMAGE_MAX_SIDE = env.int("IMAGE_MAX_SIDE", default=4096)
# Uploads are stopped while they are read, at UPLOAD_MAX_BYTES (faceless_site/uploads.py), before
# Django's own handlers keep them in memory (small ones) or in a temporary file.
FILE_UPLOAD_HANDLERS = [
    "faceless_site.uploads.UploadLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "faceless_site.uploads.ShortNameTemporaryFileUploadHandler",
]

# --- Publishing ------------------------------------------------------------------------------
PUBLISH_DEFAULT_TARGET = env.str("PUBLISH_DEFAULT_TARGET", default="local")
EXPORT_ROOT = Path(env.str("EXPORT_ROOT", default=str(VAR_DIR / "export")))
YOUTUBE_API_ENDPOINT = env.str("YOUTUBE_API_ENDPOINT", default="")
YOUTUBE_ANALYTICS_API_ENDPOINT = env.str("YOUTUBE_ANALYTICS_API_ENDPOINT", default="")
YOUTUBE_PROJECT = env.str("YOUTUBE_PROJECT", default="default")
YOUTUBE_DAILY_QUOTA_UNITS = env.int("YOUTUBE_DAILY_QUOTA_UNITS", default=10_000)
YOUTUBE_DAILY_UPLOADS = env.int("YOUTUBE_DAILY_UPLOADS", default=100)
YOUTUBE_UPLOAD_CHUNK_BYTES = env.int("YOUTUBE_UPLOAD_CHUNK_BYTES", default=8 * 1024 * 1024)
YOUTUBE_CA_CERTS = env.str("YOUTUBE_CA_CERTS", default="")
YOUTUBE_HTTP_TIMEOUT = env.int("YOUTUBE_HTTP_TIMEOUT", default=120)
YOUTUBE_MAX_RETRIES = env.int("YOUTUBE_MAX_RETRIES", default=10)
YOUTUBE_RETRY_BASE_SECONDS = env.float("YOUTUBE_RETRY_BASE_SECONDS", default=1.0)
YOUTUBE_RATE_LIMIT_RETRIES = env.int("YOUTUBE_RATE_LIMIT_RETRIES", default=3)  # then wait (Retry-After or 15 min)
YOUTUBE_UPLOAD_LEAD_MINUTES = env.int("YOUTUBE_UPLOAD_LEAD_MINUTES", default=120)
PUBLISH_MIN_LEAD_MINUTES = env.int("PUBLISH_MIN_LEAD_MINUTES", default=15)

# --- Media, static, rendering ----------------------------------------------------------------
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]

# --- Media storage (issue 28) ----------------------------------------------------------------
# Where footage, narration, renders, drafts and thumbnails live. `local` (the embedded default):
# MEDIA_ROOT, one machine (or a shared filesystem). `s3`: any S3-compatible object store through
# django-storages (AWS S3, SeaweedFS, Ceph, R2, ...), so machines share nothing but the store.
# Anything else is the dotted path of a Django storage class, with MEDIA_STORAGE_OPTIONS (JSON) as
# its options: e.g. django-storages' Google Cloud or Azure backends (README "Many machines").
# Every read and write goes through faceless_site.mediastore.
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="local").strip() or "local"
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default="")
AWS_S3_ACCESS_KEY_ID = env.str("AWS_S3_ACCESS_KEY_ID", default="")
AWS_S3_SECRET_ACCESS_KEY = env.str("AWS_S3_SECRET_ACCESS_KEY", default="")
AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default="us-east-1")
# path for most self-hosted stores (SeaweedFS, MinIO, Ceph); virtual for AWS; blank: botocore decides.
AWS_S3_ADDRESSING_STYLE = env.str("AWS_S3_ADDRESSING_STYLE", default="path" if AWS_S3_ENDPOINT_URL else "")
AWS_LOCATION = env.str("AWS_LOCATION", default="")  # a prefix for every object: several installs, one bucket
MEDIA_STORE_TIMEOUT_SECONDS = env.float("MEDIA_STORE_TIMEOUT_SECONDS", default=20.0)
# Requests the store failed (no answer, 5xx, 503 SlowDown) are retried this many times with backoff
# from this base (doubled each time, with jitter); then the job step is queued again (JOB_MAX_ATTEMPTS).
MEDIA_STORE_MAX_RETRIES = env.int("MEDIA_STORE_MAX_RETRIES", default=5)
MEDIA_STORE_RETRY_BASE_SECONDS = env.float("MEDIA_STORE_RETRY_BASE_SECONDS", default=0.5)
# Files above this size are sent as a multipart upload of parts this big (S3's minimum is 5 MiB).
MEDIA_UPLOAD_PART_BYTES = env.int("MEDIA_UPLOAD_PART_BYTES", default=16 * 1024**2)
# Downloads in the studio and the API: `stream` through the permission-checked view (the default), or
# `redirect` to a presigned URL of the store valid MEDIA_PRESIGN_SECONDS (the browser must reach the store).
MEDIA_DOWNLOADS = env.str("MEDIA_DOWNLOADS", default="stream")
MEDIA_PRESIGN_SECONDS = env.int("MEDIA_PRESIGN_SECONDS", default=300)
# A per-machine folder for what ffmpeg needs on disk with a remote store: inputs fetched once and kept
# by content hash (MEDIA_SCRATCH_BYTES in all, least recently used go first), render pieces, outputs
# before their upload. Never shared between machines.
MEDIA_SCRATCH_DIR = Path(env.str("MEDIA_SCRATCH_DIR", default="") or VAR_DIR / "scratch")
MEDIA_SCRATCH_BYTES = env.int("MEDIA_SCRATCH_BYTES", default=20 * 1024**3)
_media_storage = storage_config(
    MEDIA_STORAGE, bucket=AWS_STORAGE_BUCKET_NAME, endpoint=AWS_S3_ENDPOINT_URL, access_key=AWS_S3_ACCESS_KEY_ID,
    secret_key=AWS_S3_SECRET_ACCESS_KEY, region=AWS_S3_REGION_NAME, addressing_style=AWS_S3_ADDRESSING_STYLE,
    location=AWS_LOCATION, timeout=MEDIA_STORE_TIMEOUT_SECONDS, presign_seconds=MEDIA_PRESIGN_SECONDS,
    options=env.json("MEDIA_STORAGE_OPTIONS", default={}))
STORAGES = {
    "default": _media_storage,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FFMPEG_BINARY = env.str("FFMPEG_BINARY", default="ffmpeg")
FFPROBE_BINARY = env.str("FFPROBE_BINARY", default="ffprobe")
RENDER_PARALLEL_SEGMENTS = env.int("RENDER_PARALLEL_SEGMENTS", default=2)
MIN_FREE_DISK_BYTES = env.int("MIN_FREE_DISK_BYTES", default=2 * 1024**3)
FONT_DIRS = env.list("FONT_DIRS", default=["/usr/share/fonts", str(BASE_DIR / "static" / "fonts")])

# --- Render cache (incremental updates) ------------------------------------------------------
# Each video keeps its rendered scene pieces, soundtrack and narration so an edit redoes only what
# changed. Pieces and soundtrack past the per-video budget go least recently used first (never those
# of the latest render); whole videos' caches go oldest first when all pass the total. Deleted on
# publish, and by the daily clean-up (published, deleted or untouched videos).
RENDER_CACHE_VIDEO_BYTES = env.int("RENDER_CACHE_VIDEO_BYTES", default=2 * 1024**3)
RENDER_CACHE_TOTAL_BYTES = env.int("RENDER_CACHE_TOTAL_BYTES", default=20 * 1024**3)
RENDER_CACHE_MAX_AGE_DAYS = env.int("RENDER_CACHE_MAX_AGE_DAYS", default=14)
# With a remote media store: keep the render cache's pieces in the store too, so an update that runs
# on another machine fetches them instead of encoding them again (README "Many machines"). Off: each
# machine keeps its own in MEDIA_SCRATCH_DIR.
RENDER_CACHE_SHARED = env.bool("RENDER_CACHE_SHARED", default=True)

# --- Observability ---------------------------------------------------------------------------
SENTRY_DSN = env.str("SENTRY_DSN", default="")
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
BREAKER_FAILURE_THRESHOLD = env.int("BREAKER_FAILURE_THRESHOLD", default=5)
BREAKER_OPEN_SECONDS = env.int("BREAKER_OPEN_SECONDS", default=300)

# --- Security --------------------------------------------------------------------------------
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = 0 if DEBUG else env.int("DJANGO_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("DJANGO_BEHIND_PROXY", False) else None
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:", "https://images.unsplash.com", "https://images.pexels.com",
                    "https://pixabay.com", "https://cdn.pixabay.com", "https://i.ytimg.com"],
        "media-src": ["'self'", "blob:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'", "https://accounts.google.com"],
        "base-uri": ["'self'"],
    }
}
if MEDIA_STORAGE == "s3" and MEDIA_DOWNLOADS == "redirect":
    # <video> and <img> follow the redirect to the store: its origin must be allowed.
    from urllib.parse import urlsplit as _urlsplit

    _store = _urlsplit(AWS_S3_ENDPOINT_URL) if AWS_S3_ENDPOINT_URL else None
    _origin = (f"{_store.scheme}://{_store.netloc}" if _store else
               f"https://{AWS_STORAGE_BUCKET_NAME}.s3.{AWS_S3_REGION_NAME}.amazonaws.com")
    for _directive in ("media-src", "img-src"):
        CONTENT_SECURITY_POLICY["DIRECTIVES"][_directive].append(_origin)
LOGIN_RATE_LIMIT = env.str("LOGIN_RATE_LIMIT", default="10/15m")
# New voice samples a person may make in the channel settings (a cloud voice's are paid for).
VOICE_PREVIEW_RATE_LIMIT = env.str("VOICE_PREVIEW_RATE_LIMIT", default="20/h")

LANGUAGE_CODE = "en-us"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

NINJA_PAGINATION_PER_PAGE = 50
NINJA_MAX_PER_PAGE_SIZE = 200

from faceless_site.logging import configure_logging  # noqa: E402

LOGGING = configure_logging(debug=DEBUG, level=LOG_LEVEL)
