"""Which earlier sentences a sentence cannot be understood without, in English, French, Spanish,
German and Japanese; and that the offline writer never keeps one without them."""

from __future__ import annotations

from pathlib import Path

import pytest

from videos.llm.base import WritingBrief
from videos.llm.offline import OfflineWriter
from videos.llm.references import announced, antecedents
from videos.llm.text import parse, split_sentences

BENCH = Path(__file__).resolve().parents[2] / "bench" / "texts"


def needs(text: str, language: str) -> dict[str, set[str]]:
    """For each sentence that refers back, the sentences it needs (by their first three words)."""
    sentences = parse(text, language).sentences
    found = antecedents(sentences, language)

    def key(position: int) -> str:
        return " ".join(sentences[position].text.split()[:3])

    return {key(p): {key(q) for q in back} for p, back in found.items() if back}


def test_english_these_two_needs_both_facts_and_the_boat_needs_the_boat_brought_in_earlier():
    text = ("Violet light is scattered even more, yet the sky does not look violet. The Sun sends out less violet "
            "than blue. Our eyes are also much less sensitive to violet. These two facts together tip the balance "
            "towards blue.\n\nA fishing boat had lost its engine. Elsie knew the radio had gone. She ran up the "
            "stairs. The wind howled. For two hours she kept the light still. The boat's crew reached the harbour "
            "at first light. When sunlight enters the air, it meets molecules.")
    found = needs(text, "en")
    assert found["These two facts"] == {"The Sun sends", "Our eyes are"}
    assert found["The boat's crew"] == {"A fishing boat"}
    assert found["She ran up"] == {"Elsie knew the"}
    assert "When sunlight enters" not in found  # its "it" is the sunlight of its own clause
    assert "A fishing boat" not in found


def test_french_demonstratives_point_at_the_sentence_that_names_the_thing_or_the_one_before():
    text = ("Depuis des années, les habitants signalaient des fissures. La mairie repoussait les travaux. "
            "Ce retard allait coûter cher.\n\nLa pluie attaque les roches et en arrache des minéraux. Le vent "
            "souffle. Les rivières transportent ensuite ces minéraux jusqu'à la mer. Il existe une deuxième "
            "source de sel. Ces deux sources apportent du sel.")
    found = needs(text, "fr")
    assert found["Ce retard allait"] == {"La mairie repoussait", "Depuis des années,"}
    assert found["Les rivières transportent"] == {"La pluie attaque"}
    assert "Il existe une" not in found  # "il existe" points at nothing
    assert found["Ces deux sources"] == {"Les rivières transportent", "Il existe une"}


def test_spanish_and_german_openings_point_back_but_an_article_does_not():
    spanish = needs("El aire se rompe de golpe y la electricidad pasa. Dicha descarga es el rayo. "
                    "En su interior hay hielo.", "es")
    assert spanish["Dicha descarga es"] == {"El aire se"}
    assert spanish["En su interior"] == {"Dicha descarga es"}
    german = needs("Im Keller hörten sie ein Grollen, dann wurde es still. Diese Stille dauerte neun Stunden. "
                   "Das Murmeltier schläft im Bau. Das ist bekannt.", "de")
    assert german["Diese Stille dauerte"] == {"Im Keller hörten"}
    assert "Das Murmeltier schläft" not in german and german["Das ist bekannt."] == {"Das Murmeltier schläft"}


def test_japanese_kono_houhou_needs_the_method_and_kono_teibou_the_sentence_that_built_it():
    text = ("儀兵衛は稲の束に次々と火をつけました。燃え上がる炎は村のどこからでも見えました。"
            "この方法なら人々が高台へ集まると考えたのです。\n\n"
            "儀兵衛は堤防を築きました。工事には村人たちが雇われました。この堤防は村を守りました。")
    sentences = parse(text, "ja").sentences
    found = antecedents(sentences, "ja")
    assert found[2] == {0, 1}  # この方法: the method is told in the two sentences before
    assert found[5] == {3}  # この堤防: the sentence that built it, not the one just before
    assert found[0] == found[3] == frozenset()


def test_a_line_announcing_a_list_needs_what_it_announces():
    text = ("Some animals sleep through winter. Here are two of them.\n\n1. The hedgehog builds a nest.\n\n"
            "2. The dormouse sleeps for months.\n\nViolet light scatters more. There are two reasons for this. "
            "The Sun sends less. Our eyes see less.")
    sentences = parse(text, "en").sentences
    found = announced(sentences, "en")
    assert found[1] == {2, 3}  # the two items
    assert found[5] == {6, 7}  # the two reasons


@pytest.mark.parametrize("seconds", [25, 40, 60])
@pytest.mark.parametrize("name", ["science_sky_colours.md", "fr_science_sel.md", "ja_story_inamura.md",
                                  "es_science_rayos.md", "de_story_lawine.md", "story_lighthouse_keeper.md"])
def test_the_offline_writer_never_keeps_a_sentence_without_what_it_refers_to(name, seconds):
    source = (BENCH / name).read_text(encoding="utf-8")
    language = {"fr": "fr", "ja": "ja", "es": "es", "de": "de"}.get(name[:2],"en")
    draft = OfflineWriter().write(WritingBrief(topic="", source_text=source, niche="", audience="", tone="",
                                               language=language, target_seconds=seconds, words_per_minute=150))
    sentences = parse(source, language).sentences
    texts = [s.text for s in sentences]
    kept = {texts.index(s) for scene in draft.scenes for s in split_sentences(scene.narration, language)}
    found = antecedents(sentences, language)
    assert all(found[p] <= kept for p in kept), [texts[p] for p in sorted(kept) if not found[p] <= kept]


def test_a_link_after_the_subject_points_back_as_an_opening_one_does():
    """'Gli storici però non sono sicuri che l'esperimento sia mai avvenuto' was kept without Galileo's
    experiment: 'però' (however) stood after its subject."""
    text = ("La torre è alta circa 56 metri. Secondo una storia famosa, Galileo lasciò cadere due sfere dalla cima. "
            "Gli storici però non sono sicuri che l'esperimento sia mai avvenuto.")
    assert needs(text, "it")["Gli storici però"] == {"Secondo una storia"}
    for language, line in (("en", "Historians, however, are not sure it ever happened."),
                           ("fr", "Les historiens ne sont cependant pas sûrs de l'expérience."),
                           ("es", "Los historiadores, sin embargo, no están seguros."),
                           ("de", "Die Historiker sind jedoch nicht sicher."),
                           ("pt", "Os historiadores, porém, não têm certeza.")):
        found = needs(f"The tower is tall. Galileo dropped two balls from it. {line}", language)
        assert found.get(" ".join(line.split()[:3])) == {"Galileo dropped two"}, language
    # the same word late in a long sentence links its own clauses, not back
    assert "Der Turm ist" not in needs("Der Turm ist hoch, sehr alt und schief, steht aber noch.", "de")
