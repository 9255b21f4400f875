"""Reading model replies: the JSON found in what real models send, and the fields a script can
do without filled in or dropped."""

from __future__ import annotations

import json

import pytest

from videos.llm.replies import ReplyProblem, read_json, script_fields

SCRIPT = {"title": "Tides", "scenes": [{"narration": "The Moon pulls the sea."}]}


@pytest.mark.parametrize("reply", [
    json.dumps(SCRIPT),
    "```json\n" + json.dumps(SCRIPT) + "\n```",
    "Sure! Here it is:\n```\n" + json.dumps(SCRIPT) + "\n```\nWant changes?",
    "Here you go: " + json.dumps(SCRIPT) + " Hope this helps {:)}",
    "{'title': 'Tides', 'scenes': [{'narration': 'The Moon pulls the sea.'}]}",
])
def test_the_json_is_found_in_fences_prose_and_single_quotes(reply):
    reading = read_json(reply)
    assert reading.value == SCRIPT and not reading.salvaged


def test_single_quotes_keep_apostrophes_and_double_quotes_inside():
    reply = """{'title': 'It\\'s the "Moon"', 'scenes': [{"narration": "Sailors' boats lay on the mud."}]}"""
    value = read_json(reply).value
    assert value["title"] == 'It\'s the "Moon"'
    assert value["scenes"][0]["narration"] == "Sailors' boats lay on the mud."


def test_a_reply_cut_off_is_closed_after_its_last_whole_scene():
    full = json.dumps({"title": "Tides", "scenes": [{"narration": "One."}, {"narration": "Two."},
                                                    {"narration": "Three, cut"}]})
    reading = read_json(full[: full.index("Three") + 5])
    assert reading.salvaged and [s["narration"] for s in reading.value["scenes"]] == ["One.", "Two."]


@pytest.mark.parametrize(("reply", "problem"), [
    ("", "the reply was empty"),
    ("   \n", "the reply was empty"),
    ("I cannot help with that.", "no JSON object"),
    ('{"title": "Tides", "scenes": [', "not valid JSON"),
    ("[" * 600_000, "far more than any script"),
])
def test_unusable_replies_say_what_was_wrong(reply, problem):
    with pytest.raises(ReplyProblem, match=problem):
        read_json(reply)


def test_fields_are_renamed_coerced_defaulted_and_empty_scenes_dropped():
    fields = script_fields({
        "Video Title": "Tides", "keywords": "moon, sea ,  tides", "Sections": [
            {"Voice-over": "The Moon pulls the sea.", "B-Roll": "full moon over the sea", "overlay": 1822,
             "duration": "8", "camera": "slow pan", "brief": "a full moon above a calm sea",
             "search_queries": "full moon sea, full moon"},
            {"text": "   "}, {}, "A bare string is narration too.",
        ],
    })
    assert fields["title"] == "Tides" and fields["tags"] == ["moon", "sea", "tides"]
    assert fields["hook"] == "" and fields["description"] == ""
    assert fields["scenes"] == [
        {"narration": "The Moon pulls the sea.", "visual_query": "full moon over the sea", "on_screen_text": "1822",
         "visual_brief": "a full moon above a calm sea", "queries": ["full moon sea", "full moon"]},
        {"narration": "A bare string is narration too.", "visual_query": "", "on_screen_text": "",
         "visual_brief": "", "queries": []},
    ]


def test_a_script_without_any_narration_is_a_problem():
    with pytest.raises(ReplyProblem, match="no scene with narration"):
        script_fields({"title": "Tides", "scenes": [{"visual_query": "sea"}, {"narration": ""}]})
    with pytest.raises(ReplyProblem, match="no scene with narration"):
        script_fields({"title": "Tides"})
