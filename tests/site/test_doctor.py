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
