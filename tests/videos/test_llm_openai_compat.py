"""The OpenAI-compatible writer (OpenAI, xAI, Gemini's compatible endpoint, LM Studio, vLLM) against
a local server speaking the chat-completions API, over httpx."""

from __future__ import annotations

import json

import pytest

from tests.fakes.llm_servers import SAMPLE_SCRIPT, isolate_llm_settings, openai_server
from videos.llm.base import WriterError, WriterUnavailable, WritingBrief
from videos.llm.openai_compat import OpenAICompatWriter

BRIEF = WritingBrief(topic="Lighthouses", source_text="", niche="maritime history", audience="", tone="",
                     language="en", target_seconds=60, words_per_minute=150)


@pytest.fixture
def openai(settings):
    isolate_llm_settings(settings)
    with openai_server() as server:
        server.state.data["api_key"] = "xai-test-key"
        settings.OPENAI_COMPAT_BASE_URL = f"{server.url}/v1"
        settings.OPENAI_COMPAT_API_KEY = "xai-test-key"
        settings.OPENAI_COMPAT_MODEL = "grok-4"
        yield server


def test_a_valid_reply_becomes_a_draft_with_usage(openai):
    draft = OpenAICompatWriter.from_settings().write(BRIEF)

    assert draft.title == SAMPLE_SCRIPT["title"] and (draft.input_tokens, draft.output_tokens) == (500, 250)
    assert (draft.provider, draft.model, draft.language) == ("openai", "grok-4", "en")
    request = openai.requests[0]
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == "Bearer xai-test-key"
    body = request.json()
    assert body["model"] == "grok-4"
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["strict"] is True
    schema = body["response_format"]["json_schema"]["schema"]
    # Strict mode: every property required, nothing else allowed, at every level.
    scene = schema["properties"]["scenes"]["items"]
    assert set(scene["required"]) == set(scene["properties"]) and scene["additionalProperties"] is False
    assert body["messages"][0]["role"] == "system" and "Write in English (language code en)" in body["messages"][0][
        "content"]


def test_a_local_server_without_a_key_gets_no_authorization_header(openai, settings):
    openai.state.data["api_key"] = None
    settings.OPENAI_COMPAT_API_KEY = ""
    OpenAICompatWriter.from_settings(model="qwen2.5-7b-instruct").write(BRIEF)
    assert "authorization" not in openai.requests[0].headers
    assert openai.requests[0].json()["model"] == "qwen2.5-7b-instruct"


def test_malformed_json_is_repaired_once(openai):
    openai.state.data["replies"] = ['{"title": "Leuchttürme"', SAMPLE_SCRIPT]
    assert OpenAICompatWriter.from_settings().write(BRIEF).repaired
    assert len(openai.requests) == 2


def test_a_wrong_schema_twice_fails_with_the_output_kept(openai):
    wrong = dict(SAMPLE_SCRIPT, scenes=[{"narration": "", "visual_query": "sea", "on_screen_text": ""}])
    openai.state.data["replies"] = [wrong, wrong]
    with pytest.raises(WriterError) as failure:
        OpenAICompatWriter.from_settings().write(BRIEF)
    assert "the script has no scene with narration" in failure.value.message
    assert json.loads(failure.value.raw_output)["scenes"][0]["visual_query"] == "sea"


def test_429_retry_after_and_a_500_are_retried(openai):
    openai.enqueue(429, {"error": {"message": "Rate limit reached", "type": "rate_limit_exceeded"}},
                   {"retry-after": "0"})
    openai.enqueue(503, "upstream connect error")
    assert OpenAICompatWriter.from_settings().write(BRIEF).retries == 2


def test_500s_beyond_the_retries_make_the_writer_unavailable(openai):
    for _ in range(3):
        openai.enqueue(500, {"error": {"message": "The server had an error", "type": "server_error"}})
    with pytest.raises(WriterUnavailable, match="HTTP 500: The server had an error"):
        OpenAICompatWriter.from_settings().write(BRIEF)


def test_a_dropped_connection_and_a_slow_answer_are_retried(openai, settings):
    settings.LLM_TIMEOUT_SECONDS = 0.3
    openai.enqueue(0)
    openai.state.data["delays"] = [2.0]
    assert OpenAICompatWriter.from_settings().write(BRIEF).retries == 2


def test_an_unknown_model_fails_with_what_to_check(openai):
    openai.state.data["models"] = ["grok-4"]
    with pytest.raises(WriterError, match=r"no model 'grok-9'.*OPENAI_COMPAT_MODEL"):
        OpenAICompatWriter.from_settings(model="grok-9").write(BRIEF)


def test_a_wrong_key_makes_the_writer_unavailable(openai, settings):
    settings.OPENAI_COMPAT_API_KEY = "xai-wrong-secret"
    with pytest.raises(WriterUnavailable) as failure:
        OpenAICompatWriter.from_settings().write(BRIEF)
    assert "Check OPENAI_COMPAT_API_KEY" in failure.value.message and "xai-wrong-secret" not in failure.value.message


def test_a_200_that_is_not_chat_completions_is_retried_then_unavailable(openai):
    for _ in range(3):
        openai.enqueue(200, "<html>captive portal</html>", {"Content-Type": "text/html"})
    with pytest.raises(WriterUnavailable, match="unreadable response"):
        OpenAICompatWriter.from_settings().write(BRIEF)


def test_without_a_base_url_the_writer_is_not_configured(settings):
    settings.OPENAI_COMPAT_BASE_URL = ""
    with pytest.raises(WriterUnavailable, match="OPENAI_COMPAT_BASE_URL"):
        OpenAICompatWriter.from_settings()
