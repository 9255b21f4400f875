"""How long a text takes to say before any voice runs: syllables for languages with spaces, morae for
Japanese and characters for Chinese, at the channel's rate (calibrated in bench/script_bench.py
--narrate against Piper and espeak-ng; no narration here)."""

from __future__ import annotations

from assets.scoring import scene_seconds
from videos.llm.base import SceneDraft, ScriptDraft, WritingBrief, estimated_seconds
from videos.llm.prompts import rewrite_request, write_request
from videos.llm.speech import speech_seconds, speech_words, spoken_units

JAPANESE = "海の水面は一日に二回ほど高くなったり低くなったりします。これを潮の満ち引きといいます。"


def test_syllables_not_words_set_the_length():
    short_words = "It is a big one and we all saw it go by."  # 12 words, 12 syllables
    long_words = "Extraordinary international communication revolutionised agriculture."  # 5 words, 23 syllables
    assert spoken_units(short_words, "en") == 12
    assert speech_seconds(long_words, "en", 165) > speech_seconds(short_words, "en", 165)
    # Silent endings: "stone", "climbed", "pierre" are one or two syllables, not two or three.
    assert spoken_units("stone climbed tides", "en") == 3 and spoken_units("pierre arches", "fr") == 2


def test_japanese_is_counted_in_morae_without_spaces_and_chinese_in_characters():
    assert spoken_units("しゃしん", "ja") == 3  # the small ゃ is no mora of its own
    assert spoken_units("地震", "ja") == 2 * 1.7
    seconds = speech_seconds(JAPANESE, "ja", 165)
    assert 5 < seconds < 9  # 43 characters; Kokoro speaks about 5.7 a second
    assert speech_seconds("月球吸引着整个地球。", "zh", 165) == 9 / 3.77
    # A Japanese text is timed as Japanese whatever the channel's language says.
    assert speech_seconds(JAPANESE, "en", 165) == seconds


def test_a_faster_channel_rate_shortens_the_estimate_and_word_count_follows_speech():
    text = "The Moon pulls on the whole Earth, but it pulls hardest on the side that faces it."
    assert speech_seconds(text, "en", 200) < speech_seconds(text, "en", 150)
    draft = ScriptDraft(title="", hook="", description="", tags=(), scenes=(SceneDraft(JAPANESE, ""),),
                        language="ja", provider="offline")
    # The estimate the job reports is the speech time (to the rounding of the word count).
    assert abs(estimated_seconds(draft.word_count, 165) - speech_seconds(JAPANESE, "ja", 165)) < 0.5
    assert round(speech_words(JAPANESE, "ja")) == draft.word_count


def test_footage_scoring_estimates_a_japanese_scene_by_its_characters_not_its_spaces():
    assert scene_seconds(JAPANESE, None) > 5  # one "word" between spaces used to make it 2 s
    assert scene_seconds(JAPANESE, 7.5) == 7.5  # once narrated, the measured length


def test_prompts_count_japanese_in_characters():
    brief = WritingBrief(topic="潮", source_text=JAPANESE * 40, niche="科学", audience="", tone="", language="ja",
                         target_seconds=30, words_per_minute=150)
    assert "condense it" in write_request(brief)  # 1,700 characters is far more than 30 s
    draft = ScriptDraft(title="潮", hook="", description="", tags=(), scenes=(SceneDraft(JAPANESE, ""),),
                        language="ja", provider="ollama")
    assert "about 41 characters long" in rewrite_request(brief, draft, 0, "")
