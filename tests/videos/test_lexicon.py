"""How a word of a text is found in the list of filmable nouns (videos.llm.lexicon): plurals by
rule in each language, German compounds by their parts, and the words that are something else."""

from __future__ import annotations

import pytest

from videos.llm.lexicon import lookup
from videos.llm.visual import things_in


@pytest.mark.parametrize(("plural", "thing"), [
    ("atunes", "tuna"), ("limones", "lemon"), ("jamones", "ham"), ("camiones", "truck"),
])
def test_a_spanish_plural_drops_its_singulars_accent(plural, thing):
    # "atún", "limón": the stress moves and the accent goes when -es is added ("los atunes rojos")
    found = lookup(plural, "es")
    assert found is not None and found.english == thing


def test_an_accent_still_tells_spanish_words_apart_outside_a_plural():
    assert lookup("atun", "es") is None or lookup("atun", "es").english != "tuna"


def test_a_lower_case_german_word_is_no_compound_of_things():
    # "gewaschen" (washed) is no "Asche" (ash) after "gew"; a capitalised compound still is its parts
    found = things_in("Auf dem Hof werden die Stangen gewaschen und sortiert.", "de")
    assert "ash" not in found and "farm" in found
    assert "wood barrel" in things_in("Die Gurken kommen in große Holzfässer.", "de")


def test_a_german_plural_in_nen_is_a_feminine_in_innen_only():
    # "Tonnen Gestein" are tonnes of rock, not clay ("Ton"); "Königinnen" are still queens
    assert "clay" not in things_in("Die Maschine bricht jeden Tag Tonnen Gestein heraus.", "de")
    assert lookup("Königinnen", "de").english == "queen"
    assert lookup("Laternen", "de").english == "lantern"

