"""Writing services and job steps: script versions, fallback between writers, failures that save
nothing, restore, approval, scene rewrites and topic ideas, as a user of the admin sees them."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from tests.factories import make_channel, make_script, make_user, make_video
from tests.fakes.llm_servers import (
    REAL_REPLIES,
    SAMPLE_SCRIPT,
    SAMPLE_TOPICS,
    isolate_llm_settings,
    ollama_server,
    openai_server,
)
from videos.llm import choose_writers, get_writers
from videos.models import Job, Script, Video
from videos.services.jobs import job_enqueue, job_run
from videos.services.writing import (
    script_approve,
    script_restore,
    script_write,
    topics_similar,
    topics_suggest,
    video_validate_input,
)

pytestmark = pytest.mark.django_db
DEMO = (Path(__file__).resolve().parent.parent / "data" / "demo_source.txt").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def llm_settings(settings):
    isolate_llm_settings(settings)
    settings.OLLAMA_HOST = settings.ANTHROPIC_API_KEY = settings.OPENAI_COMPAT_BASE_URL = ""


@pytest.fixture
def ollama(settings):
    with ollama_server() as server:
        settings.OLLAMA_HOST = server.url
        yield server


def run(kind, **kwargs) -> Job:
    job = job_enqueue(kind=kind, **kwargs)
    job_run(job.pk)
    job.refresh_from_db()
    return job


# --- Input -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("topic", "source", "message"), [
    ("", "   \n ", "Give the video a topic or paste a source text"),
    ("x" * 301, "", "keep it under 300"),
    ("", "word " * 20_001, "the limit is 100,000"),
    ("?!…", "", "The topic has no words in it"),
    ("Bees", "--- *** ---", "The source text has no words in it"),
])
def test_bad_input_is_refused_with_what_to_do(topic, source, message):
    with pytest.raises(ValidationError, match=message):
        video_validate_input(topic=topic, source_text=source)


def test_input_is_cleaned_of_control_characters():
    assert video_validate_input(topic=" Bees\x00 ", source_text="Bees\x07 fly.\n\nThey dance.") == (
        "Bees", "Bees fly.\n\nThey dance.")


# --- Writers in order ----------------------------------------------------------------------------------

def test_writers_follow_the_channel_order_and_skip_what_is_not_configured(ollama):
    channel = make_channel(writer_order=["anthropic", "ollama", "bogus", "offline"], llm_model="qwen2.5:7b")
    choice = choose_writers(channel)
    assert [w.name for w in choice.writers] == ["ollama", "offline"]
    assert any("Set ANTHROPIC_API_KEY" in reason for reason in choice.skipped)
    assert any("'bogus' is not a writer" in reason for reason in choice.skipped)
    # The channel's model belongs to its first LLM writer (anthropic here), not to the fallback.
    assert choice.writers[0].model == "llama3.2"
    assert [w.name for w in get_writers(make_channel(writer_order=["ollama"], llm_model="qwen2.5:7b"))] == ["ollama"]
    assert get_writers(make_channel(writer_order=["ollama"], llm_model="qwen2.5:7b"))[0].model == "qwen2.5:7b"


def test_a_writer_whose_breaker_is_open_is_skipped(ollama, settings):
    from faceless_site.providers import provider_call

    settings.BREAKER_FAILURE_THRESHOLD = 1
    with pytest.raises(RuntimeError), provider_call(provider="ollama", operation="chat"):
        raise RuntimeError("down")
    choice = choose_writers(make_channel(writer_order=["ollama", "offline"]))
    assert [w.name for w in choice.writers] == ["offline"]
    assert "ollama is skipped for now" in choice.skipped[0]


# --- Writing scripts -----------------------------------------------------------------------------------

def test_writing_makes_a_new_version_each_time_and_moves_the_video_on():
    video = make_video(topic="Lighthouses", source_text=DEMO)
    first = script_write(video=video)
    second = script_write(video=video)

    assert (first.version, second.version) == (1, 2)
    assert Script.objects.filter(video=video).count() == 2  # the older version stays readable
    assert second.title == "How Lighthouses Learned to Shine" and second.provider == "offline"
    assert second.prompt_version == "offline-v3" and second.seconds_taken >= 0
    scenes = list(second.scenes.order_by("position"))
    assert [s.position for s in scenes] == list(range(len(scenes))) and len(scenes) >= 6
    assert scenes[0].narration.startswith("Long before radar")
    video.refresh_from_db()
    assert video.status == Video.Status.SCRIPTED and video.status_message == ""
    assert not second.is_approved


def test_the_write_job_records_the_writer_and_fails_clearly_with_only_a_topic():
    video = make_video(topic="The history of lighthouses", source_text="")
    job = run(Job.Kind.WRITE_SCRIPT, video=video)

    assert job.state == Job.State.FAILED
    assert "paste a source text" in job.error and "configure an LLM writer" in job.error
    assert not Script.objects.filter(video=video).exists()
    video.refresh_from_db()
    assert video.status == Video.Status.FAILED and "paste a source text" in video.status_message


def test_the_write_job_falls_back_to_the_next_writer_with_a_warning():
    video = make_video(channel=make_channel(writer_order=["ollama", "offline"]), source_text=DEMO)
    job = run(Job.Kind.WRITE_SCRIPT, video=video)

    assert job.state == Job.State.SUCCEEDED, job.error
    assert video.current_script.provider == "offline"
    assert any("Set OLLAMA_HOST" in warning for warning in job.warnings)
    assert job.details["script_version"] == 1 and job.details["writer"] == "offline"


def test_an_llm_script_records_provider_model_tokens_and_time(ollama):
    video = make_video(channel=make_channel(writer_order=["ollama"], llm_model="llama3.2"), topic="Lighthouses")
    job = run(Job.Kind.WRITE_SCRIPT, video=video)

    assert job.state == Job.State.SUCCEEDED, job.error
    script = Video.objects.get(pk=video.pk).current_script
    assert (script.provider, script.model, script.prompt_version) == ("ollama", "llama3.2", "default-v1")
    assert (script.input_tokens, script.output_tokens) == (321, 123) and script.seconds_taken > 0
    assert [s.on_screen_text for s in script.scenes.all()] == [s["on_screen_text"] for s in SAMPLE_SCRIPT["scenes"]]


def test_unusable_model_output_fails_the_job_keeps_the_output_and_saves_nothing(ollama):
    video = make_video(channel=make_channel(writer_order=["ollama", "offline"]), topic="Lighthouses",
                       source_text=DEMO)
    make_script(video=video)
    ollama.state.data["replies"] = ["not json at all", '{"title": "half a script", "scenes": [']
    job = run(Job.Kind.WRITE_SCRIPT, video=video)

    assert job.state == Job.State.FAILED
    assert "twice returned output that cannot be used as a script" in job.error
    assert job.details["provider_output"] == '{"title": "half a script", "scenes": ['
    assert job.details["first_output"] == "not json at all"
    assert Script.objects.filter(video=video).count() == 1  # the earlier version is untouched


def test_a_rerun_of_a_write_job_that_already_saved_its_script_does_not_write_another(ollama):
    video = make_video(source_text=DEMO)
    job = run(Job.Kind.WRITE_SCRIPT, video=video)
    Job.objects.filter(pk=job.pk).update(state=Job.State.QUEUED)  # as jobs_recover does after a crash
    job_run(job.pk)
    assert Script.objects.filter(video=video).count() == 1


# --- Restore and approve ----------------------------------------------------------------------------------

def test_restoring_copies_an_old_version_into_a_new_one():
    video = make_video(source_text=DEMO)
    old = make_script(video=video, scenes=["Old first scene.", "Old second scene."], title="Old title")
    script_write(video=video)
    restored = script_restore(script=old, user=make_user())

    assert (restored.version, restored.restored_from, restored.title) == (3, 1, "Old title")
    assert [s.narration for s in restored.scenes.order_by("position")] == ["Old first scene.", "Old second scene."]
    assert Script.objects.filter(video=video).count() == 3
    assert Video.objects.get(pk=video.pk).current_script.pk == restored.pk


def test_approving_records_who_and_moves_a_draft_video_on():
    user = make_user()
    video = make_video()
    script = make_script(video=video)
    script_approve(script=script, user=user)

    script.refresh_from_db()
    assert script.approved_by == user and script.approved_at is not None
    assert Video.objects.get(pk=video.pk).status == Video.Status.SCRIPTED


# --- Rewriting a scene -------------------------------------------------------------------------------------

def test_rewrite_scene_job_rewrites_in_place_and_withdraws_approval(ollama):
    video = make_video(channel=make_channel(writer_order=["ollama"]))
    script = make_script(video=video, scenes=["One.", "Two.", "Three."])
    script_approve(script=script, user=None)
    scene = script.scenes.get(position=1)
    scene.narration_file, scene.narration_seconds = "narration/1.wav", 1.2
    scene.save()

    job = run(Job.Kind.REWRITE_SCENE, video=video, params={"scene_id": scene.pk, "instruction": "Mention a keeper."})

    assert job.state == Job.State.SUCCEEDED, job.error
    scene.refresh_from_db()
    assert scene.narration.startswith("A keeper climbed") and scene.visual_query == "lighthouse spiral staircase lamp"
    assert (scene.narration_file, scene.narration_seconds) == ("", None)  # the old audio no longer matches
    assert [s.narration for s in script.scenes.exclude(pk=scene.pk).order_by("position")] == ["One.", "Three."]
    script.refresh_from_db()
    assert not script.is_approved and Script.objects.filter(video=video).count() == 1
    request = next(r for r in ollama.requests if r.path == "/api/chat").json()
    assert "Rewrite scene 2 only" in request["messages"][1]["content"]


def test_rewriting_scene_one_brings_the_hook_and_description_along(ollama):
    video = make_video(channel=make_channel(writer_order=["ollama"]))
    script = make_script(video=video, scenes=["One lamp. It burned.", "Two."], hook="One lamp.",
                         description="One lamp. A story of light.")
    scene = script.scenes.get(position=0)

    job = run(Job.Kind.REWRITE_SCENE, video=video, params={"scene_id": scene.pk, "instruction": "Mention a keeper."})

    assert job.state == Job.State.SUCCEEDED, job.error
    script.refresh_from_db()
    assert script.hook == "A keeper climbed the spiral stairs every evening to light the lamp."
    assert script.description == "A keeper climbed the spiral stairs every evening to light the lamp. A story of light."


def test_rewrite_scene_of_a_deleted_scene_fails_clearly():
    video = make_video()
    job = run(Job.Kind.REWRITE_SCENE, video=video, params={"scene_id": 999_999})
    assert job.state == Job.State.FAILED and "no longer exists" in job.error
    assert Video.objects.get(pk=video.pk).status == Video.Status.DRAFT  # a side job does not fail the video


def test_rewrite_offline_with_an_instruction_says_an_llm_is_needed():
    video = make_video(source_text=DEMO)
    script = script_write(video=video)
    scene = script.scenes.get(position=1)
    job = run(Job.Kind.REWRITE_SCENE, video=video, params={"scene_id": scene.pk, "instruction": "Shorter"})
    assert job.state == Job.State.FAILED and "cannot follow instructions" in job.error
    assert script.scenes.get(position=1).narration == scene.narration


# --- Topic ideas ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("first", "second", "same"), [
    ("How a Fresnel lens works", "How the Fresnel Lens Works!", True),
    ("Why lighthouses flash in patterns", "Lighthouse flash patterns", True),
    ("The Bell Rock lighthouse", "The Bell Rock Lighthouse and the men who built it", True),
    ("Ocean tides explained", "Ocean tydes explained", True),
    ("How a Fresnel lens works", "The last lighthouse keepers of Scotland", False),
    ("Lighthouses of Norway", "Lighthouses of Japan", False),
])
def test_topics_are_compared_loosely(first, second, same):
    assert topics_similar(first, second) is same


@pytest.fixture
def openai(settings):
    with openai_server() as server:
        settings.OPENAI_COMPAT_BASE_URL, settings.OPENAI_COMPAT_MODEL = f"{server.url}/v1", "local-model"
        yield server


def test_suggest_topics_adds_drafts_and_never_repeats_what_the_channel_has(openai):
    channel = make_channel(writer_order=["offline", "openai"])
    make_video(channel=channel, topic="How the Fresnel lens works")
    make_script(video=make_video(channel=channel, topic="x"), title="Why do lighthouses flash in patterns?")
    openai.state.data["replies"] = [SAMPLE_TOPICS, {"topics": ["1. Lightships: lighthouses that floated",
                                                               "Lighthouses on the Great Lakes",
                                                               '"Eddystone: four lighthouses on one rock"']}]

    job = run(Job.Kind.SUGGEST_TOPICS, channel=channel, params={"count": 5})

    assert job.state == Job.State.SUCCEEDED, job.error
    topics = list(Video.objects.filter(pk__in=job.details["video_ids"]).values_list("topic", flat=True))
    assert sorted(topics) == sorted([
        "The Bell Rock lighthouse and the men who built it", "The last lighthouse keepers of Scotland",
        "Lightships: lighthouses that floated", "Lighthouses on the Great Lakes",
        "Eddystone: four lighthouses on one rock"])
    assert all(v.status == Video.Status.DRAFT for v in Video.objects.filter(pk__in=job.details["video_ids"]))
    second_ask = openai.requests[1].json()["messages"][1]["content"]
    assert "Suggest 2 new video topics" in second_ask and "- The Bell Rock lighthouse" in second_ask


def test_suggest_topics_without_an_llm_fails_clearly():
    job = run(Job.Kind.SUGGEST_TOPICS, channel=make_channel(), params={"count": 3})
    assert job.state == Job.State.FAILED and "needs an LLM writer" in job.error


def test_suggest_topics_refuses_a_silly_count():
    with pytest.raises(ValidationError, match="between 1 and 20"):
        topics_suggest(channel=make_channel(), count=500)


def test_writers_later_in_the_order_are_not_warned_about_when_the_first_one_works():
    video = make_video(channel=make_channel(writer_order=["offline", "ollama"]), source_text=DEMO)
    job = run(Job.Kind.WRITE_SCRIPT, video=video)
    assert job.state == Job.State.SUCCEEDED and job.warnings == []


def test_offline_topic_ideas_come_from_the_channel_sources_without_repeats():
    channel = make_channel()
    make_video(channel=channel, topic="Lighthouses", source_text=DEMO)
    make_video(channel=channel, topic="Augustin Fresnel and his lens")
    job = run(Job.Kind.SUGGEST_TOPICS, channel=channel, params={"count": 3})

    assert job.state == Job.State.SUCCEEDED, job.error
    assert [v.topic for v in Video.objects.filter(pk__in=job.details["video_ids"])] == ["Pharos of Alexandria"]
    assert job.warnings == ["Only 1 of 3 ideas were new; the writer had no others that the channel does not "
                            "already have."]


# --- Replies of real models, bad replies, a hung server, the voice's languages ---------------------------

def _scripts_of(video):
    return [(script.version, script.title, [scene.narration for scene in script.scenes.order_by("position")])
            for script in Script.objects.filter(video=video).order_by("version")]


def test_the_issue_15_reply_without_on_screen_text_writes_a_script_through_the_job(ollama):
    video = make_video(channel=make_channel(writer_order=["ollama"]), topic="Lighthouses")
    ollama.state.data["replies"] = [REAL_REPLIES["no on_screen_text"]]
    job = run(Job.Kind.WRITE_SCRIPT, video=video)

    assert job.state == Job.State.SUCCEEDED, job.error
    script = Video.objects.get(pk=video.pk).current_script
    assert script.scenes.count() == 4 and not job.details["output_repaired"]
    assert script.scenes.order_by("position").first().narration.startswith(script.hook)


def test_a_models_visual_brief_and_english_queries_are_kept_and_missing_ones_derived(ollama):
    video = make_video(channel=make_channel(writer_order=["ollama"], language="fr"), topic="Les phares")
    narration_one = "Avant les satellites, les marins suivaient la lumière d'un phare dans la tempête."
    narration_two = "Le phare de Cordouan, au large de Royan, fut allumé en 1611."
    ollama.state.data["replies"] = [{
        "title": "Les phares", "hook": "Avant les satellites, les marins suivaient la lumière d'un phare.",
        "description": "", "tags": [], "scenes": [
            {"narration": narration_one, "visual_query": "phare tempête", "on_screen_text": "",
             "visual_brief": "a lighthouse in a storm at night", "queries": ["lighthouse storm", "lighthouse"]},
            {"narration": narration_two, "visual_query": "", "on_screen_text": ""},
        ]}]
    job = run(Job.Kind.WRITE_SCRIPT, video=video)

    assert job.state == Job.State.SUCCEEDED, job.error
    first, second = Video.objects.get(pk=video.pk).current_script.scenes.order_by("position")
    assert first.visual_brief == "a lighthouse in a storm at night"
    # The model's English searches for catalogues described in English, French ones from the line beside them.
    assert first.english_queries == ["lighthouse storm", "lighthouse"] and first.queries_language == "fr"
    assert "phare" in " ".join(first.footage_queries)
    # The reply gave none for scene two: derived from the things its line names, in French and English,
    # the lighthouse with its name first (a landmark), then alone.
    assert second.queries_language == "fr" and second.footage_queries[:2] == ["Cordouan phare", "phare"]
    assert second.english_queries[:2] == ["Cordouan lighthouse", "lighthouse"] and "1611" in second.visual_brief


@pytest.mark.parametrize(("reply", "message"), [
    ("", "the reply was empty"),
    ("{" + '"title": "Lighthouses", ' * 40_000 + "}", "far more than any script"),  # about 1 MB
    ({"title": "Faros", "hook": "Antes de los satélites, los marineros confiaban en una luz.",
      "scenes": [{"narration": "Antes de los satélites, los marineros confiaban en una sola luz en el horizonte. "
                               "Esa luz venía de un faro construido sobre las rocas de la costa."}]},
     "the narration is in Spanish, but the script must be in English"),
    ({"title": "Lighthouses", "hook": "Look.", "description": "", "tags": [], "scenes": []},
     "no scene with narration"),
])
def test_a_bad_reply_fails_the_job_clearly_and_keeps_the_previous_script(ollama, reply, message):
    video = make_video(channel=make_channel(writer_order=["ollama"]), topic="Lighthouses")
    make_script(video=video)
    before = _scripts_of(video)
    ollama.state.data["replies"] = [reply, reply]
    job = run(Job.Kind.WRITE_SCRIPT, video=video)

    assert job.state == Job.State.FAILED
    assert message in job.error and "Nothing was saved" in job.error
    assert "previous script is unchanged" in job.error
    assert _scripts_of(video) == before  # no new version, the old one untouched
    assert len(job.details["provider_output"]) <= 20_000  # a 1 MB reply is not copied into the job


def test_a_hung_model_server_fails_the_job_within_the_writing_deadline(ollama, settings):
    import time

    settings.LLM_TIMEOUT_SECONDS, settings.LLM_MAX_RETRIES = 120, 4
    settings.SCRIPT_WRITING_DEADLINE_SECONDS = 1.5
    video = make_video(channel=make_channel(writer_order=["ollama"]), topic="Lighthouses")
    make_script(video=video)
    before = _scripts_of(video)
    ollama.state.data["delays"] = [30] * 5
    started = time.monotonic()
    job = run(Job.Kind.WRITE_SCRIPT, video=video)

    assert time.monotonic() - started < 15  # bounded by the 1.5 s deadline, not 5 tries of 120 s
    assert job.state == Job.State.FAILED
    assert "writing deadline of 1.5 s (SCRIPT_WRITING_DEADLINE_SECONDS)" in job.error
    assert _scripts_of(video) == before


def test_a_script_the_channels_voice_cannot_speak_is_written_with_a_clear_warning():
    japanese = ("# 潮の満ち引き\n\n海の水面は一日に二回ほど高くなったり低くなったりします。"
                "これを潮の満ち引きといいます。潮の満ち引きを起こす主な力は、月の引力です。"
                "月は地球全体を引っ張っています。")
    video = make_video(channel=make_channel(language="en"), source_text=japanese)
    job = run(Job.Kind.WRITE_SCRIPT, video=video)

    assert job.state == Job.State.SUCCEEDED, job.error
    assert Video.objects.get(pk=video.pk).current_script.language == "ja"
    assert any("The script is in Japanese, but the channel's voice speaks English" in w for w in job.warnings)
    same = run(Job.Kind.WRITE_SCRIPT, video=make_video(channel=make_channel(language="ja"), source_text=japanese))
    assert not any("voice speaks" in warning for warning in same.warnings)


def test_a_named_espeak_voice_is_asked_which_language_it_speaks():
    from videos.voice.espeak import list_voices

    if not any(voice["id"] == "gmw/en-US" for voice in list_voices()):
        pytest.skip("espeak-ng with its English voice is not installed here")
    japanese = ("# 月\n\n月は地球のまわりを回っています。月の引力が海の水を引っ張ります。"
                "そのため潮の満ち引きが起こります。")
    channel = make_channel(language="ja", voice_engine="espeak", voice_name="gmw/en-US")
    job = run(Job.Kind.WRITE_SCRIPT, video=make_video(channel=channel, source_text=japanese))
    assert job.state == Job.State.SUCCEEDED, job.error
    assert any("The script is in Japanese, but the channel's voice speaks English" in w for w in job.warnings)


# --- Issue 27: ideas that can be written, advice that fits --------------------------------------------------

BENCH_TEXTS = Path(__file__).resolve().parents[2] / "bench" / "texts"


def test_an_offline_idea_carries_its_passage_and_becomes_a_video_the_offline_writer_can_write():
    channel = make_channel()
    make_video(channel=channel, topic="Lighthouses", source_text=DEMO)
    job = run(Job.Kind.SUGGEST_TOPICS, channel=channel, params={"count": 2})
    assert job.state == Job.State.SUCCEEDED, job.error

    idea = Video.objects.get(pk=job.details["video_ids"][0])
    assert idea.topic == "Pharos of Alexandria" and "Pharos of Alexandria" in idea.source_text
    assert idea.source_text in DEMO  # the passage, not the whole source again
    written = run(Job.Kind.WRITE_SCRIPT, video=idea)
    assert written.state == Job.State.SUCCEEDED, written.error
    script = Video.objects.get(pk=idea.pk).current_script
    assert "Pharos" in " ".join(scene.narration for scene in script.scenes.all())


def test_a_japanese_channel_with_a_source_gets_ideas_too():
    channel = make_channel(language="ja", niche="歴史")
    make_video(channel=channel, topic="稲むらの火",
               source_text=(BENCH_TEXTS / "ja_story_inamura.md").read_text(encoding="utf-8"))
    job = run(Job.Kind.SUGGEST_TOPICS, channel=channel, params={"count": 2})
    assert job.state == Job.State.SUCCEEDED, job.error
    ideas = list(Video.objects.filter(pk__in=job.details["video_ids"]))
    assert ideas and all(idea.topic in idea.source_text for idea in ideas)
    assert {idea.topic for idea in ideas} & {"儀兵衛", "津波", "堤防"}


def test_a_short_topic_script_by_a_model_is_not_told_to_add_source_text(ollama):
    video = make_video(channel=make_channel(writer_order=["ollama"], target_seconds=120), topic="Lighthouses")
    job = run(Job.Kind.WRITE_SCRIPT, video=video)
    assert job.state == Job.State.SUCCEEDED, job.error
    short = [warning for warning in job.warnings if "the channel aims at 120 s" in warning]
    assert short and "source text" not in short[0] and "write the script again" in short[0]


def test_a_short_offline_script_says_the_source_has_run_out():
    video = make_video(channel=make_channel(target_seconds=120), source_text="The lamp was lit at dusk. "
                       "The keeper watched it all night. At dawn he put it out.")
    job = run(Job.Kind.WRITE_SCRIPT, video=video)
    assert any("add more source text" in warning for warning in job.warnings), job.warnings
