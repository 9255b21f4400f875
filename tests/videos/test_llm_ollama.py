"""The Ollama writer against a local server speaking Ollama's HTTP API, with the real `ollama`
client in front: structured output, repair, retries, slow answers, missing models."""

from __future__ import annotations

import socket

import pytest

from tests.fakes.llm_servers import SAMPLE_SCRIPT, isolate_llm_settings, ollama_server
from videos.llm.base import WriterError, WriterUnavailable, WritingBrief
from videos.llm.ollama import OllamaWriter

BRIEF = WritingBrief(topic="How lighthouses learned to shine", source_text="", niche="maritime history",
                     audience="curious adults", tone="warm", language="en", target_seconds=60,
                     words_per_minute=150)


@pytest.fixture
def ollama(settings):
    isolate_llm_settings(settings)
    with ollama_server() as server:
        settings.OLLAMA_HOST = server.url
        settings.OLLAMA_MODEL = "llama3.2"
        yield server


def chats(server):
    return [r for r in server.requests if r.path == "/api/chat"]


def test_a_valid_reply_becomes_a_draft_with_usage_and_the_schema_sent_as_format(ollama):
    draft = OllamaWriter.from_settings().write(BRIEF)

    assert draft.title == SAMPLE_SCRIPT["title"]
    assert [s.visual_query for s in draft.scenes] == [s["visual_query"] for s in SAMPLE_SCRIPT["scenes"]]
    assert draft.scenes[2].on_screen_text == "1822"
    assert (draft.provider, draft.model, draft.prompt_version) == ("ollama", "llama3.2", "default-v1")
    assert (draft.input_tokens, draft.output_tokens, draft.retries, draft.repaired) == (321, 123, 0, False)
    sent = chats(ollama)[0].json()
    assert sent["model"] == "llama3.2" and sent["stream"] is False
    assert sent["format"]["type"] == "object" and "scenes" in sent["format"]["required"]
    assert sent["format"]["additionalProperties"] is False and "$defs" not in sent["format"]
    system, user = sent["messages"]
    assert system["role"] == "system" and "maritime history" in system["content"]
    assert "The script is heard, not read." in system["content"]
    assert "How lighthouses learned to shine" in user["content"]


def test_the_channel_model_is_used_and_installed_with_latest_tag(ollama):
    ollama.state.data["models"] = ["qwen2.5:7b", "llama3.2:latest"]
    draft = OllamaWriter.from_settings(model="qwen2.5:7b").write(BRIEF)
    assert draft.model == "qwen2.5:7b" and chats(ollama)[0].json()["model"] == "qwen2.5:7b"


def test_malformed_json_is_repaired_once_by_asking_again_with_the_error(ollama):
    ollama.state.data["replies"] = ['{"title": "Lighthouses", "scenes": [', SAMPLE_SCRIPT]
    draft = OllamaWriter.from_settings().write(BRIEF)

    assert draft.repaired and draft.title == SAMPLE_SCRIPT["title"]
    second = chats(ollama)[1].json()["messages"]
    assert second[-2] == {"role": "assistant", "content": '{"title": "Lighthouses", "scenes": ['}
    assert "not valid JSON" in second[-1]["content"]
    assert draft.input_tokens == 642  # both calls count


def test_output_that_breaks_the_schema_twice_fails_with_the_output_kept(ollama):
    wrong = {"title": "Lighthouses", "hook": "Look.", "description": "", "tags": [],
             "scenes": [{"visual_query": "sea"}]}
    ollama.state.data["replies"] = [wrong, wrong]
    with pytest.raises(WriterError) as failure:
        OllamaWriter.from_settings().write(BRIEF)

    assert "twice returned output that cannot be used as a script" in failure.value.message
    assert "no scene with narration" in failure.value.message
    assert '"visual_query": "sea"' in failure.value.raw_output
    assert "no scene with narration" in chats(ollama)[1].json()["messages"][-1]["content"]
    assert len(chats(ollama)) == 2


def test_a_slow_answer_times_out_and_is_retried(ollama, settings):
    settings.LLM_TIMEOUT_SECONDS = 0.3
    ollama.state.data["delays"] = [2.0]
    draft = OllamaWriter.from_settings().write(BRIEF)
    assert draft.retries == 1 and draft.title == SAMPLE_SCRIPT["title"]


def test_answers_that_stay_slow_make_the_writer_unavailable(ollama, settings):
    settings.LLM_TIMEOUT_SECONDS = 0.2
    ollama.state.data["delays"] = [1.0, 1.0, 1.0]
    with pytest.raises(WriterUnavailable, match=r"failed 3 times in a row \(last: no answer within 0.2 s\)"):
        OllamaWriter.from_settings().write(BRIEF)


def test_429_and_500_are_retried_with_backoff(ollama):
    ollama.enqueue(429, {"error": "too many requests"}, {"Retry-After": "0"})
    ollama.enqueue(500, {"error": "llama runner process has terminated"})
    draft = OllamaWriter.from_settings().write(BRIEF)
    assert draft.retries == 2 and len(chats(ollama)) == 3


def test_500s_beyond_the_retries_make_the_writer_unavailable(ollama):
    for _ in range(3):
        ollama.enqueue(500, {"error": "llama runner process has terminated"})
    with pytest.raises(WriterUnavailable, match="HTTP 500: llama runner process has terminated"):
        OllamaWriter.from_settings().write(BRIEF)
    assert len(chats(ollama)) == 3


def test_a_dropped_connection_is_retried(ollama):
    ollama.enqueue(0)
    assert OllamaWriter.from_settings().write(BRIEF).retries == 1


def test_a_missing_model_fails_at_once_naming_installed_models_and_the_pull_command(ollama):
    ollama.state.data["models"] = ["mistral:7b", "qwen2.5:3b"]
    with pytest.raises(WriterError) as failure:
        OllamaWriter.from_settings(model="llama3.1:8b").write(BRIEF)

    message = failure.value.message
    assert "no model 'llama3.1:8b'" in message and "mistral:7b, qwen2.5:3b" in message
    assert "`ollama pull llama3.1:8b`" in message
    assert len(chats(ollama)) == 1  # not retried
    assert [r.path for r in ollama.requests] == ["/api/chat", "/api/tags"]


def test_an_unreachable_server_makes_the_writer_unavailable(settings):
    isolate_llm_settings(settings)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.OLLAMA_HOST = f"http://127.0.0.1:{port}"
    with pytest.raises(WriterUnavailable, match="Ollama is not reachable"):
        OllamaWriter.from_settings().write(BRIEF)


def test_without_a_host_ollama_is_not_configured(settings):
    settings.OLLAMA_HOST = ""
    with pytest.raises(WriterUnavailable, match="Set OLLAMA_HOST"):
        OllamaWriter.from_settings()


def test_rewrite_scene_and_topic_ideas_use_their_own_schemas(ollama):
    writer = OllamaWriter.from_settings()
    draft = writer.write(BRIEF)
    scene = writer.rewrite_scene(BRIEF, draft, 1, "Mention the fire at the top.")
    topics = writer.suggest_topics(BRIEF, 5, ["How a Fresnel lens works"])

    assert scene.narration.startswith("A keeper climbed")
    assert len(topics) == 5
    rewrite, ideas = (r.json() for r in chats(ollama)[1:])
    assert set(rewrite["format"]["properties"]) == {"narration", "visual_query", "on_screen_text", "visual_brief",
                                                    "queries"}
    assert "Scene 2: The first great one" in rewrite["messages"][1]["content"]
    assert "Mention the fire at the top." in rewrite["messages"][1]["content"]
    assert set(ideas["format"]["properties"]) == {"topics"}
    assert "- How a Fresnel lens works" in ideas["messages"][1]["content"]


def test_a_call_that_succeeds_after_retries_counts_as_a_success_for_the_breaker(ollama):
    from faceless_site.providers import integration_status

    ollama.enqueue(500, {"error": "busy"})
    OllamaWriter.from_settings().write(BRIEF)
    assert integration_status("ollama")["consecutive_failures"] == 0
    for _ in range(3):
        ollama.enqueue(500, {"error": "busy"})
    with pytest.raises(WriterUnavailable):
        OllamaWriter.from_settings().write(BRIEF)
    status = integration_status("ollama")
    assert status["consecutive_failures"] == 1 and "HTTP 500" in status["last_failure"]
