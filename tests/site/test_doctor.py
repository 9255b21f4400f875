"""`manage.py doctor` tells the truth about Redis, the document store, Ollama and the rest."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from faceless_site.health import check_cluster, check_docstore, check_ollama, check_redis, health_report
from tests.factories import make_channel
from tests.fakes.server import FakeHandler, FakeServer

pytestmark = pytest.mark.django_db


class OllamaTags(FakeHandler):
    def route(self, recorded):
        if recorded.path == "/api/tags":
            return 200, {}, {"models": [{"name": "llama3.2:latest", "model": "llama3.2:latest", "size": 1}]}
        return 404, {}, {"error": "not found"}


def run_doctor(*args):
    from io import StringIO

    out = StringIO()
    try:
        call_command("doctor", *args, stdout=out)
        return out.getvalue(), 0
    except CommandError as exc:
        return out.getvalue() + str(exc), 1


def test_redis_unset_is_a_warning_with_the_fix(settings):
    settings.REDIS_URL = ""
    result = check_redis()
    assert result.status == "warn" and "REDIS_URL" in result.fix


def test_redis_that_does_not_answer_fails(settings):
    settings.REDIS_URL = "redis://:hunter2secret@127.0.0.1:1/0"
    result = check_redis()
    assert result.status == "fail"
    assert "hunter2secret" not in result.found + result.fix
    assert "127.0.0.1:1" in result.found


def test_redis_that_answers_is_ok(settings):
    import redis

    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip("no local Redis on 127.0.0.1:6379")
    settings.REDIS_URL = "redis://127.0.0.1:6379/0"
    assert check_redis().status == "ok"


def test_docstore_unset_or_down_fails_with_the_fix(settings):
    settings.MONGODB_URL = ""
    assert check_docstore().status == "fail"
    settings.MONGODB_URL = "mongodb://127.0.0.1:1"
    settings.MONGODB_TIMEOUT_MS = 300
    result = check_docstore()
    assert result.status == "fail" and "make docstore" in result.fix


def test_docstore_that_answers_is_ok(docstore):
    assert check_docstore().status == "ok"


def test_ollama_lists_installed_models_and_the_pull_command_for_a_missing_one(settings):
    make_channel(writer_order=["ollama", "offline"], llm_model="qwen2.5:7b")
    with FakeServer(OllamaTags) as server:
        settings.OLLAMA_HOST, settings.OLLAMA_MODEL = server.url, "llama3.2"
        result = check_ollama(live=True)
    assert result.status == "fail"
    assert "qwen2.5:7b" in result.found and "llama3.2:latest" in result.found
    assert result.fix == "ollama pull qwen2.5:7b"


def test_ollama_with_the_models_pulled_is_ok(settings):
    with FakeServer(OllamaTags) as server:
        settings.OLLAMA_HOST, settings.OLLAMA_MODEL = server.url, "llama3.2"
        assert check_ollama(live=True).status == "ok"


def test_ollama_not_running_fails(settings):
    settings.OLLAMA_HOST = "http://127.0.0.1:1"
    result = check_ollama(live=True)
    assert result.status == "fail" and "ollama serve" in result.fix


def test_no_cluster_is_reported_and_a_recent_scheduler_run_is_ok():
    from django.utils import timezone
    from django_q.models import Schedule

    assert check_cluster().status == "warn"
    schedule = Schedule.objects.get(name="faceless: recover stalled jobs")
    schedule.task, schedule.next_run = "abc", timezone.now() + timezone.timedelta(seconds=30)
    schedule.save()
    assert check_cluster().status == "ok"


def test_doctor_exits_non_zero_when_something_fails_and_never_prints_a_secret(settings):
    settings.MONGODB_URL = ""
    settings.ANTHROPIC_API_KEY = "sk-ant-planted-secret-value"
    settings.PEXELS_API_KEY = "pexels-planted-secret-value"
    settings.GOOGLE_OAUTH_CLIENT_SECRET = "google-planted-secret-value"
    output, code = run_doctor("--offline")
    assert code == 1
    assert "document store" in output and "MONGODB_URL" in output
    assert "planted-secret" not in output
    assert "[redacted]" not in output  # the redaction takes no plain words for secrets


def test_doctor_passes_on_a_healthy_machine(settings, docstore):
    from django.utils import timezone
    from django_q.models import Schedule

    Schedule.objects.filter(name="faceless: recover stalled jobs").update(
        task="abc", next_run=timezone.now() + timezone.timedelta(seconds=30))
    output, code = run_doctor("--offline")
    assert code == 0, output
    assert output.strip().splitlines()[-1] in ("doctor: ok", "doctor: warn")


def test_report_has_one_line_per_integration():
    names = [r.name for r in health_report(detailed=False)]
    for expected in ["database", "redis", "document store", "job cluster", "ffmpeg", "espeak-ng", "fonts",
                     "media folder", "ollama", "anthropic", "openai-compatible", "pexels", "pixabay", "unsplash",
                     "google oauth"]:
        assert expected in names


# --- "ok" only for what was checked (issue 19) -------------------------------------------------------

@pytest.fixture
def stock_fakes(settings, docstore):
    """Pexels, Pixabay and Unsplash fakes with a known good key each."""
    import uuid

    from tests.fakes.stock_servers import PexelsHandler, PixabayHandler, UnsplashHandler

    with FakeServer(PexelsHandler) as pexels, FakeServer(PixabayHandler) as pixabay, \
            FakeServer(UnsplashHandler) as unsplash:
        servers = {"pexels": pexels, "pixabay": pixabay, "unsplash": unsplash}
        for name, server in servers.items():
            server.state.data.update(key=f"{name}-good-{uuid.uuid4().hex}", items=[])
        settings.PEXELS_BASE_URL, settings.PEXELS_API_KEY = pexels.url, pexels.state.data["key"]
        settings.PIXABAY_BASE_URL, settings.PIXABAY_API_KEY = pixabay.url, pixabay.state.data["key"]
        settings.UNSPLASH_BASE_URL, settings.UNSPLASH_ACCESS_KEY = unsplash.url, unsplash.state.data["key"]
        yield servers


STOCK_SETTING = {"pexels": "PEXELS_API_KEY", "pixabay": "PIXABAY_API_KEY", "unsplash": "UNSPLASH_ACCESS_KEY"}


def _line(output: str, name: str) -> str:
    return next(line for line in output.splitlines() if f"  {name} " in f"{line} ")


def test_a_stock_key_not_checked_is_a_warning_that_says_how_to_check_it(stock_fakes):
    output, _code = run_doctor("--offline")
    for name, server in stock_fakes.items():
        line = _line(output, name)
        assert line.startswith("warn") and "key set" in line and "not checked" in line
        assert server.requests == []  # not one request of the rate limit spent
    assert "doctor --check-keys" in output


def test_check_keys_checks_each_stock_key_once(stock_fakes):
    output, _code = run_doctor("--offline", "--check-keys")
    for name, server in stock_fakes.items():
        assert _line(output, name).startswith("ok") and "checked" in _line(output, name)
        assert len(server.requests) == 1


@pytest.mark.parametrize("name", ["pexels", "pixabay", "unsplash"])
def test_check_keys_fails_a_bad_key_with_the_fix(stock_fakes, settings, name):
    setattr(settings, STOCK_SETTING[name], "wrong-key-for-the-doctor")
    output, code = run_doctor("--offline", "--check-keys")
    line = _line(output, name)
    assert code == 1 and line.startswith("FAIL") and "refused the API key" in line
    fix = output.splitlines()[output.splitlines().index(line) + 1]
    assert "fix:" in fix and STOCK_SETTING[name] in fix
    assert "wrong-key-for-the-doctor" not in output


def test_check_keys_on_a_spent_budget_is_a_warning_not_a_bad_key(stock_fakes):
    stock_fakes["unsplash"].state.data["used"] = 50  # Unsplash answers 403 "Rate Limit Exceeded"
    output, _code = run_doctor("--offline", "--check-keys")
    line = _line(output, "unsplash")
    assert line.startswith("warn") and "budget is spent" in line and "refused" not in line


def test_llm_lines_offline_are_not_ok(settings):
    settings.OLLAMA_HOST, settings.ANTHROPIC_API_KEY = "http://127.0.0.1:1", "anthropic-key-for-doctor"
    settings.OPENAI_COMPAT_BASE_URL = "http://127.0.0.1:1/v1"
    output, _code = run_doctor("--offline")
    for name in ("ollama", "anthropic", "openai-compatible"):
        assert _line(output, name).startswith("warn") and "not checked" in _line(output, name)


@pytest.mark.parametrize(("key", "status"), [("test-anthropic-key", "ok"), ("bad-anthropic-key", "fail")])
def test_anthropic_key_is_checked_live(settings, key, status):
    from faceless_site.health import check_anthropic
    from tests.fakes.llm_servers import AnthropicHandler

    class Models(AnthropicHandler):
        def route(self, recorded):
            if recorded.path == "/v1/models":
                if recorded.headers.get("x-api-key") != "test-anthropic-key":
                    return 401, {}, {"type": "error", "error": {"type": "authentication_error",
                                                                "message": "invalid x-api-key"}}
                return 200, {}, {"data": [{"id": "claude-test", "type": "model"}], "has_more": False}
            return super().route(recorded)

    with FakeServer(Models) as server:
        settings.ANTHROPIC_BASE_URL, settings.ANTHROPIC_API_KEY = server.url, key
        result = check_anthropic(live=True)
    assert result.status == status
    assert ("ANTHROPIC_API_KEY" in result.fix) is (status == "fail")


@pytest.mark.parametrize(("secret", "status"), [("test-client-secret", "ok"), ("wrong-secret", "fail")])
def test_check_keys_asks_google_whether_it_knows_the_oauth_client(settings, tmp_path, secret, status):
    import trustme

    from faceless_site.health import check_google_oauth
    from tests.fakes.youtube_server import YouTubeServer

    ca = trustme.CA()
    ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    client_id = "client-id.apps.googleusercontent.com"
    with YouTubeServer(tls=ca, client=(client_id, "test-client-secret"), scopes=[]) as server:
        settings.GOOGLE_OAUTH_TOKEN_URL, settings.YOUTUBE_CA_CERTS = server.url + "/token", str(tmp_path / "ca.pem")
        settings.GOOGLE_OAUTH_CLIENT_ID, settings.GOOGLE_OAUTH_CLIENT_SECRET = client_id, secret
        settings.TOKEN_ENCRYPTION_KEYS = ["x" * 44]
        assert check_google_oauth().status == "warn"  # set, but not checked
        assert server.requests == []
        result = check_google_oauth(check_keys=True)
    assert result.status == status
    assert ("GOOGLE_OAUTH_CLIENT_SECRET" in result.fix) is (status == "fail")


# --- Keyless archives (issue 25) -------------------------------------------------------------------

@pytest.fixture
def archive_fakes(settings, docstore):
    from tests.fakes.archive_servers import ArchiveItem, NasaHandler, OpenverseHandler, WikimediaHandler

    with FakeServer(WikimediaHandler) as commons, FakeServer(NasaHandler) as nasa, \
            FakeServer(OpenverseHandler) as openverse:
        for server in (commons, nasa, openverse):
            server.state.data["items"] = [ArchiveItem(1, "image", "Full moon", licence="by")]
        settings.WIKIMEDIA_API_URL, settings.WIKIMEDIA_CONTACT = f"{commons.url}/w/api.php", "ops@example.org"
        settings.NASA_IMAGES_BASE_URL, settings.OPENVERSE_BASE_URL = nasa.url, openverse.url
        yield {"wikimedia commons": commons, "nasa images": nasa, "openverse": openverse}


def test_keyless_archives_say_ok_only_after_a_real_search(archive_fakes, settings):
    output, _code = run_doctor("--offline")
    for name, server in archive_fakes.items():
        assert _line(output, name).startswith("warn") and "not checked" in _line(output, name)
        assert server.requests == []
    output, _code = run_doctor("--offline", "--check-keys")
    for name, server in archive_fakes.items():
        assert _line(output, name).startswith("ok") and "checked with one search" in _line(output, name)
        assert server.requests
    archive_fakes["openverse"].enqueue(500, {"detail": "boom"})
    settings.WIKIMEDIA_CONTACT = ""
    output, code = run_doctor("--offline", "--check-keys")
    assert code == 1 and _line(output, "openverse").startswith("FAIL") and "server error" in _line(output, "openverse")
    assert "WIKIMEDIA_CONTACT" in output and _line(output, "wikimedia commons").startswith("warn")


@pytest.mark.parametrize("as_json", [False, True])
def test_check_keys_never_prints_the_client_secret_a_token_endpoint_echoes(settings, tmp_path, as_json):
    """A gateway in front of the token endpoint answered with the form it was sent in its error body."""
    import trustme

    from tests.fakes.youtube_server import YouTubeServer

    ca = trustme.CA()
    ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    secret = "GOCSPX-Planted9Secret"
    with YouTubeServer(tls=ca, client=("id.apps.googleusercontent.com", secret), scopes=[]) as server:
        settings.GOOGLE_OAUTH_TOKEN_URL, settings.YOUTUBE_CA_CERTS = server.url + "/token", str(tmp_path / "ca.pem")
        settings.GOOGLE_OAUTH_CLIENT_ID, settings.GOOGLE_OAUTH_CLIENT_SECRET = "id.apps.googleusercontent.com", secret
        settings.TOKEN_ENCRYPTION_KEYS = ["x" * 44]
        server.state.queue.append((400, {}, {"error": f"unsupported request from client with secret {secret} "
                                                      f"(client_secret={secret})"}))
        output, _code = run_doctor("--check-keys", *(["--json"] if as_json else []))
    assert "google oauth" in output and "the token endpoint answered 400" in output
    assert "Planted9Secret" not in output and "[redacted]" in output

# --- the media store (issue 28) ----------------------------------------------------------------------

def test_doctor_checks_the_media_store_with_a_real_write_read_and_delete(s3_media, settings):
    from faceless_site.health import check_media, check_media_store

    result = check_media_store()
    assert result.status == "ok" and "wrote, read and deleted a test file" in result.found
    assert s3_media.bucket in result.found and s3_media.secret_key not in result.found
    scratch = check_media()  # this machine's side: its scratch folder
    assert scratch.name == "media folder" and str(settings.MEDIA_SCRATCH_DIR) in scratch.found
    from tests.site.test_mediastore import keys

    assert keys(s3_media) == []  # the test file is gone


def test_doctor_fails_the_media_store_with_what_to_do(s3_media, settings):
    settings.STORAGES["default"]["OPTIONS"]["secret_key"] = "doctor-wrong-secret-42"
    settings.STORAGES = dict(settings.STORAGES)
    output, code = run_doctor("--offline")
    line = next(line for line in output.splitlines() if "media store" in line)
    assert code == 1 and "FAIL" in line and "AWS_S3_SECRET_ACCESS_KEY" in line
    assert "doctor-wrong-secret-42" not in output and s3_media.secret_key not in output
