"""Replies the way real models give them, through each vendor's real client against its local
server: fields missing, renamed or extra, prose around the JSON, single quotes, numbers as strings,
an empty scene, a reply cut off at the token limit, JSON mode instead of a schema, a hung server
against the one writing deadline, and replies that cannot be used (empty, 1 MB, wrong language)."""

from __future__ import annotations

import json
import time

import pytest

from tests.fakes.llm_servers import (
    REAL_REPLIES,
    SAMPLE_SCRIPT,
    Reply,
    anthropic_server,
    isolate_llm_settings,
    ollama_server,
    openai_server,
)
from videos.llm.anthropic import AnthropicWriter
from videos.llm.base import WriterError, WriterUnavailable, WritingBrief
from videos.llm.ollama import OllamaWriter
from videos.llm.openai_compat import OpenAICompatWriter

BRIEF = WritingBrief(topic="How lighthouses learned to shine", source_text="", niche="maritime history",
                     audience="curious adults", tone="warm", language="en", target_seconds=60, words_per_minute=150)
NARRATIONS = [scene["narration"] for scene in SAMPLE_SCRIPT["scenes"]]


@pytest.fixture(params=["ollama", "anthropic", "openai"])
def vendor(request, settings):
    """(the server, a function making the writer) for each vendor, with the real client in front."""
    isolate_llm_settings(settings)
    settings.SCRIPT_WRITING_DEADLINE_SECONDS = 30
    if request.param == "ollama":
        with ollama_server() as server:
            settings.OLLAMA_HOST = server.url
            yield server, lambda: OllamaWriter.from_settings(model="llama3.2")
    elif request.param == "anthropic":
        with anthropic_server() as server:
            server.state.data["api_key"] = "test-anthropic-key"
            settings.ANTHROPIC_API_KEY, settings.ANTHROPIC_BASE_URL = "test-anthropic-key", server.url
            yield server, lambda: AnthropicWriter.from_settings()
    else:
        with openai_server() as server:
            settings.OPENAI_COMPAT_BASE_URL, settings.OPENAI_COMPAT_MODEL = f"{server.url}/v1", "qwen2.5-7b"
            settings.OPENAI_COMPAT_API_KEY = ""
            yield server, lambda: OpenAICompatWriter.from_settings()


def brief(**overrides) -> WritingBrief:
    from dataclasses import replace

    return replace(BRIEF, **{"deadline": time.monotonic() + 30, **overrides})


@pytest.mark.parametrize("kind", sorted(REAL_REPLIES))
def test_every_real_reply_becomes_a_full_script_without_a_repair(vendor, kind):
    server, make = vendor
    server.state.data["replies"] = [REAL_REPLIES[kind]]
    draft = make().write(brief())

    assert not draft.repaired, kind
    assert [scene.narration for scene in draft.scenes] == NARRATIONS, kind  # the empty scene is dropped
    assert draft.title == SAMPLE_SCRIPT["title"]
    # What the reply left out is derived, never empty.
    assert all(scene.visual_query for scene in draft.scenes), kind
    assert draft.hook and draft.description and draft.tags, kind
    assert draft.scenes[0].narration.startswith(draft.hook)


def test_the_issue_reply_without_on_screen_text_succeeds_on_ollama(settings):
    """The reply from issue 15 that failed every job: no on_screen_text in any scene."""
    isolate_llm_settings(settings)
    with ollama_server() as server:
        settings.OLLAMA_HOST = server.url
        server.state.data["replies"] = [REAL_REPLIES["no on_screen_text"]]
        draft = OllamaWriter.from_settings().write(brief())
    assert len(draft.scenes) == 4 and not draft.repaired
    assert [scene.on_screen_text for scene in draft.scenes] == ["", "", "", ""]
    assert len([r for r in server.requests if r.path == "/api/chat"]) == 1


def test_numbers_as_strings_and_renamed_fields_keep_their_values(vendor):
    server, make = vendor
    server.state.data["replies"] = [REAL_REPLIES["numbers as strings"]]
    draft = make().write(brief())
    assert draft.scenes[2].on_screen_text == "1822"
    assert draft.tags[:3] == ("lighthouse", "history", "Fresnel lens")
    server.state.data["replies"] = [REAL_REPLIES["renamed fields"]]
    draft = make().write(brief())
    assert draft.scenes[1].visual_query == "ancient tower harbour" and draft.scenes[2].on_screen_text == "1822"


def test_a_missing_visual_query_is_a_noun_phrase_of_the_scene(vendor):
    server, make = vendor
    server.state.data["replies"] = [REAL_REPLIES["only title and narration"]]
    draft = make().write(brief())
    assert draft.scenes[2].visual_query == "Augustin Fresnel"
    for scene in draft.scenes:  # a phrase of the script (the scene's own, else its subject), not one common word
        assert scene.visual_query.lower() in " ".join(NARRATIONS).lower(), scene.visual_query
        query = scene.visual_query
        assert len(query.split()) >= 2 or query[:1].isupper() or len(query) >= 9, query
    assert "maritime history" not in [tag.lower() for tag in draft.tags]


def test_a_hook_that_is_not_spoken_opens_the_narration(vendor):
    server, make = vendor
    script = dict(SAMPLE_SCRIPT, hook="What kept ships off the rocks for two thousand years?")
    server.state.data["replies"] = [script]
    draft = make().write(brief())
    assert draft.hook == "What kept ships off the rocks for two thousand years?"
    assert draft.scenes[0].narration == f"{draft.hook} {NARRATIONS[0]}"


def test_a_hook_said_later_is_not_said_twice_and_a_missing_one_is_the_opening(vendor):
    server, make = vendor
    later = dict(SAMPLE_SCRIPT, hook=NARRATIONS[1])
    missing = {key: value for key, value in SAMPLE_SCRIPT.items() if key != "hook"}
    server.state.data["replies"] = [later, missing]
    for _ in range(2):
        draft = make().write(brief())
        assert [scene.narration for scene in draft.scenes] == NARRATIONS
        assert draft.hook == "Before satellites, sailors trusted a single light on the horizon."


def test_a_japanese_brief_asks_for_characters_not_words(settings):
    from videos.llm.prompts import write_request

    request = write_request(brief(language="ja", target_seconds=60, words_per_minute=150))
    assert "write about 300 characters of narration" in request


def test_a_reply_cut_off_at_the_token_limit_is_asked_again_shorter(vendor):
    server, make = vendor
    text = json.dumps(SAMPLE_SCRIPT)
    server.state.data["replies"] = [Reply(SAMPLE_SCRIPT, cut_at=text.index("In eighteen") + 20), SAMPLE_SCRIPT]
    draft = make().write(brief())
    assert draft.repaired and len(draft.scenes) == 4
    chats = [r for r in server.requests if r.method == "POST"]
    assert "cut off at the length limit" in json.dumps(chats[1].json()["messages"][-1])


def test_cut_off_twice_keeps_the_finished_scenes_and_says_so(vendor):
    server, make = vendor
    text = json.dumps(SAMPLE_SCRIPT)
    cut = Reply(SAMPLE_SCRIPT, cut_at=text.index("In eighteen") + 20)
    server.state.data["replies"] = [cut, cut]
    draft = make().write(brief())
    assert [scene.narration for scene in draft.scenes] == NARRATIONS[:2]
    assert any("stopped at its length limit twice" in note for note in draft.notes)


def test_a_hung_server_fails_within_the_one_deadline_naming_the_setting(vendor, settings):
    server, make = vendor
    settings.LLM_TIMEOUT_SECONDS = 60  # per try; the deadline, not this, must end the wait
    settings.LLM_MAX_RETRIES = 4
    settings.SCRIPT_WRITING_DEADLINE_SECONDS = 1.5
    server.state.data["delays"] = [20, 20, 20, 20, 20]
    started = time.monotonic()
    with pytest.raises(WriterUnavailable, match="SCRIPT_WRITING_DEADLINE_SECONDS") as failure:
        make().write(brief(deadline=time.monotonic() + 1.5))
    assert time.monotonic() - started < 15  # bounded by the 1.5 s deadline, not 5 tries of 60 s
    assert "1.5 s" in failure.value.message


@pytest.mark.parametrize(("reply", "problem"), [
    ("", "the reply was empty"),
    ("x" * 1_000_000, "far more than any script"),
    ({"title": "Leuchttürme", "scenes": [{"narration": "Vor den Satelliten vertrauten die Seeleute einem "
                                                       "einzigen Licht am Horizont. Dieses Licht kam von "
                                                       "einem Leuchtturm an der Küste."}]}, "is in German"),
    ({"title": "Lighthouses", "scenes": []}, "no scene with narration"),
])
def test_unusable_replies_are_repaired_once_then_fail_with_what_was_wrong(vendor, reply, problem):
    server, make = vendor
    server.state.data["replies"] = [reply, reply]
    with pytest.raises(WriterError) as failure:
        make().write(brief())
    assert problem in failure.value.message and "Nothing was saved" in failure.value.message
    assert len(failure.value.raw_output) <= 20_000


def test_an_endpoint_without_json_schema_falls_back_to_json_mode(settings):
    isolate_llm_settings(settings)
    with openai_server() as server:
        server.state.data["json_schema"] = False
        settings.OPENAI_COMPAT_BASE_URL, settings.OPENAI_COMPAT_MODEL = f"{server.url}/v1", "local-model"
        writer = OpenAICompatWriter.from_settings()
        draft = writer.write(brief())
        writer.write(brief())
    assert len(draft.scenes) == 4
    formats = [r.json()["response_format"]["type"] for r in server.requests]
    assert formats == ["json_schema", "json_object", "json_object"]  # asked once, then remembered
    assert '"scenes"' in server.requests[1].json()["messages"][0]["content"]
