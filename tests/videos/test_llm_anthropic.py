"""The Anthropic writer against a local server speaking the Messages API, with the real SDK (2.x)
in front: Bearer auth, API version 2026-10-21 (no sampling parameters), structured output."""

from __future__ import annotations

import pytest

from tests.fakes.llm_servers import SAMPLE_SCRIPT, anthropic_server, isolate_llm_settings
from videos.llm.anthropic import AnthropicWriter
from videos.llm.base import WriterError, WriterUnavailable, WritingBrief

KEY = "test-anthropic-key"
BRIEF = WritingBrief(topic="Lighthouses", source_text="The Pharos of Alexandria stood over a hundred metres tall.",
                     niche="maritime history", audience="", tone="warm", language="en", target_seconds=45,
                     words_per_minute=160)


@pytest.fixture
def anthropic(settings):
    isolate_llm_settings(settings)
    with anthropic_server() as server:
        server.state.data["api_key"] = KEY
        settings.ANTHROPIC_API_KEY, settings.ANTHROPIC_BASE_URL = KEY, server.url
        settings.ANTHROPIC_MODEL = "claude-sonnet-5-5"
        yield server


def test_a_valid_reply_becomes_a_draft_and_the_request_follows_api_2026_10_21(anthropic):
    draft = AnthropicWriter.from_settings().write(BRIEF)

    assert draft.title == SAMPLE_SCRIPT["title"] and len(draft.scenes) == 4
    assert (draft.provider, draft.model, draft.input_tokens, draft.output_tokens) == (
        "anthropic", "claude-sonnet-5-5", 411, 222)
    request = anthropic.requests[0]
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert request.headers["anthropic-version"] == "2026-10-21"
    body = request.json()
    assert not {"temperature", "top_p", "top_k"} & set(body)
    # Structured output by a forced tool call whose input schema is the script's.
    assert body["tool_choice"] == {"type": "tool", "name": "submit_reply"}
    assert "scenes" in body["tools"][0]["input_schema"]["properties"]
    assert "maritime history" in body["system"]
    assert "<<<BEGIN SOURCE>>>\nThe Pharos of Alexandria" in body["messages"][0]["content"]


def test_the_server_also_accepts_the_old_x_api_key_header(anthropic):
    import httpx

    response = httpx.post(f"{anthropic.url}/v1/messages", headers={"x-api-key": KEY},
                          json={"model": "m", "max_tokens": 10, "messages": [{"role": "user", "content": "hi"}]})
    assert response.status_code == 200
    response = httpx.post(f"{anthropic.url}/v1/messages", headers={"x-api-key": KEY},
                          json={"model": "m", "max_tokens": 10, "temperature": 0.2, "messages": []})
    assert response.status_code == 400 and "temperature" in response.json()["error"]["message"]


def test_malformed_json_is_repaired_once(anthropic):
    anthropic.state.data["replies"] = ["Sure! Here is your script: {title: Lighthouses}", SAMPLE_SCRIPT]
    draft = AnthropicWriter.from_settings().write(BRIEF)
    assert draft.repaired and draft.input_tokens == 822
    retry = anthropic.requests[1].json()["messages"]
    assert retry[1]["role"] == "assistant" and "not valid JSON" in retry[2]["content"]


def test_a_fenced_json_reply_is_accepted_without_repair(anthropic):
    import json

    anthropic.state.data["replies"] = ["```json\n" + json.dumps(SAMPLE_SCRIPT) + "\n```"]
    assert not AnthropicWriter.from_settings().write(BRIEF).repaired


def test_a_schema_breaking_reply_twice_fails_with_the_output_kept(anthropic):
    anthropic.state.data["replies"] = [{"title": "x"}, {"title": "x", "scenes": "none"}]
    with pytest.raises(WriterError) as failure:
        AnthropicWriter.from_settings().write(BRIEF)
    assert '"scenes": "none"' in failure.value.raw_output
    assert failure.value.details["first_output"] == '{"title": "x"}'
    assert "no scene with narration" in failure.value.message


def test_429_honours_retry_after_and_500_is_retried(anthropic):
    error = {"type": "error", "error": {"type": "rate_limit_error", "message": "Slow down"}}
    anthropic.enqueue(429, error, {"retry-after": "0", "request-id": "req_1"})
    anthropic.enqueue(529, {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}})
    draft = AnthropicWriter.from_settings().write(BRIEF)
    assert draft.retries == 2 and len(anthropic.requests) == 3


def test_a_long_retry_after_hands_over_to_the_next_writer_instead_of_waiting(anthropic):
    error = {"type": "error", "error": {"type": "rate_limit_error", "message": "Daily limit"}}
    anthropic.enqueue(429, error, {"retry-after": "3600"})
    with pytest.raises(WriterUnavailable, match="rate-limited for 3600 s"):
        AnthropicWriter.from_settings().write(BRIEF)
    assert len(anthropic.requests) == 1


def test_500s_beyond_the_retries_make_the_writer_unavailable(anthropic):
    for _ in range(3):
        anthropic.enqueue(500, {"type": "error", "error": {"type": "api_error", "message": "Internal"}})
    with pytest.raises(WriterUnavailable, match=r"failed 3 times in a row \(last: HTTP 500: Internal\)"):
        AnthropicWriter.from_settings().write(BRIEF)


def test_a_slow_answer_is_retried(anthropic, settings):
    settings.LLM_TIMEOUT_SECONDS = 0.3
    anthropic.state.data["delays"] = [2.0]
    assert AnthropicWriter.from_settings().write(BRIEF).retries == 1


def test_a_wrong_key_makes_the_writer_unavailable_without_showing_the_key(anthropic, settings):
    settings.ANTHROPIC_API_KEY = "sk-ant-wrong-secret-value"
    with pytest.raises(WriterUnavailable) as failure:
        AnthropicWriter.from_settings().write(BRIEF)
    assert "Check ANTHROPIC_API_KEY" in failure.value.message
    assert "sk-ant-wrong-secret-value" not in failure.value.message
    assert len(anthropic.requests) == 1


def test_an_unknown_model_fails_with_what_to_set(anthropic):
    anthropic.state.data["models"] = ["claude-sonnet-5-5"]
    with pytest.raises(WriterError, match=r"no model 'claude-old'.*ANTHROPIC_MODEL"):
        AnthropicWriter.from_settings(model="claude-old").write(BRIEF)


def test_a_refusal_fails_with_a_clear_message(anthropic):
    anthropic.state.data["stop_reason"] = "refusal"
    anthropic.state.data["replies"] = ["I can't help with that."]
    with pytest.raises(WriterError, match="declined"):
        AnthropicWriter.from_settings().write(BRIEF)


def test_without_a_key_anthropic_is_not_configured(settings):
    settings.ANTHROPIC_API_KEY = ""
    with pytest.raises(WriterUnavailable, match="Set ANTHROPIC_API_KEY"):
        AnthropicWriter.from_settings()


def test_a_model_the_sdk_marks_for_retirement_is_reported_as_a_note(anthropic):
    draft = AnthropicWriter.from_settings(model="claude-sonnet-4-5").write(BRIEF)
    assert draft.title == SAMPLE_SCRIPT["title"]
    assert len(draft.notes) == 1
    assert "'claude-sonnet-4-5' is deprecated and will reach end-of-life" in draft.notes[0]
    assert "ANTHROPIC_MODEL" in draft.notes[0]
    assert AnthropicWriter.from_settings().write(BRIEF).notes == ()
