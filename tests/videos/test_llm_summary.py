"""What the offline writer keeps: the event a story turns on at any length, an explainer's striking
example, the text's own ending as the last scene; and tags and a description that only name what the
video says."""

from __future__ import annotations

from pathlib import Path

import pytest

from videos.llm.base import WritingBrief
from videos.llm.offline import OfflineWriter
from videos.llm.text import parse, split_sentences

BENCH = Path(__file__).resolve().parents[2] / "bench" / "texts"
STORIES = [("story_ashford_dam.md", "en", "the dam gave way"),
           ("fr_story_pont.md", "fr", "la troisième arche s'effondra"),
           ("de_story_lawine.md", "de", "löste sich oberhalb der Hütte eine Lawine"),
           ("ja_story_inamura.md", "ja", "巨大な津波が村を襲い")]


def write(name: str, language: str, seconds: int):
    source = (BENCH / name).read_text(encoding="utf-8")
    return source, OfflineWriter().write(WritingBrief(topic="", source_text=source, niche="", audience="", tone="",
                                                      language=language, target_seconds=seconds,
                                                      words_per_minute=150))


@pytest.mark.parametrize("seconds", [25, 40, 60])
@pytest.mark.parametrize(("name", "language", "event"), STORIES)
def test_the_event_a_story_turns_on_is_never_cut(name, language, event, seconds):
    _source, draft = write(name, language, seconds)
    assert event in " ".join(scene.narration for scene in draft.scenes)
    assert all(scene.narration[-1] in ".!?。！？" for scene in draft.scenes)


@pytest.mark.parametrize(("name", "language"), [("story_ashford_dam.md", "en"), ("de_story_lawine.md", "de"),
                                                 ("ja_story_inamura.md", "ja"), ("science_sky_colours.md", "en"),
                                                 ("science_tides.md", "en"), ("ja_science_tides.md", "ja")])
def test_the_last_scene_is_the_texts_own_ending(name, language):
    source, draft = write(name, language, 60)
    last = parse(source, language).sentences[-1].text
    assert split_sentences(draft.scenes[-1].narration, language)[-1] == last


def test_an_explainer_keeps_its_striking_example():
    _source, draft = write("science_sky_colours.md", "en", 60)
    assert "Krakatoa" in " ".join(scene.narration for scene in draft.scenes)


@pytest.mark.parametrize(("name", "language", "seconds"), [("story_ashford_dam.md", "en", 30),
                                                           ("story_lighthouse_keeper.md", "en", 30),
                                                           ("fr_story_pont.md", "fr", 30),
                                                           ("ja_story_inamura.md", "ja", 30)])
def test_tags_and_description_only_name_what_the_video_says(name, language, seconds):
    _source, draft = write(name, language, seconds)
    narration = " ".join(scene.narration for scene in draft.scenes).lower()
    assert draft.tags
    for tag in draft.tags:
        assert tag.lower() in narration, tag
    listed = draft.description.split("\n\n")[1] if "\n\n" in draft.description else ""
    for phrase in listed.split(": ", 1)[-1].rstrip(".").split(", ") if listed else []:
        assert phrase.lower() in narration, phrase


def test_tags_are_subject_words_not_general_ones():
    french = ("Le chercheur a fait une trouvaille étonnante dans la grotte de Lascaux. Il a marché dans la mauvaise "
              "direction pendant une heure. La grotte de Lascaux abrite des peintures vieilles de dix-sept mille ans. "
              "Les peintures montrent des chevaux, des taureaux et des cerfs. Les chevaux de Lascaux sont peints en "
              "noir et en ocre. Les taureaux mesurent jusqu'à cinq mètres.")
    japanese = ("この方法で土器を焼きました。縄文土器は世界で最も古い土器の一つです。"
                "縄文土器の表面には縄の模様があります。この方法は長く続きました。縄文土器は東日本で多く見つかっています。")
    english = ("The abandoned mine lay in the hills. Miners dug copper there for a century. The mine closed in 1921. "
               "The abandoned shafts still fill with water, and the copper stains the rocks green.")
    for source, language in ((french, "fr"), (japanese, "ja"), (english, "en")):
        draft = OfflineWriter().write(WritingBrief(topic="", source_text=source, niche="", audience="", tone="",
                                                   language=language, target_seconds=60, words_per_minute=150))
        lowered = [tag.lower() for tag in draft.tags]
        assert not {"trouvaille", "direction", "abandoned", "方法"} & set(lowered), draft.tags
        assert draft.tags, source
