"""The designed scenes' fifteenth round: what reading twenty fresh texts (six languages, three
aspects) found, each case as the line was written there or in a fresh sentence of the same shape."""

from __future__ import annotations

from videos.render.designs import choose, script_dates, summary
from videos.render.designs.chooser import key_phrase, script_places


def test_a_place_that_is_a_persons_first_name_is_no_map():
    design = choose("Maurice Garin, un ramoneur né en Italie, gagne la première étape et ne quitte plus la tête "
                    "de la course.", language="fr")
    assert (design.layout, design.headline) == ("name", "Maurice Garin")  # was a map of Mauritius
    assert choose("Georgia O'Keeffe painted flowers for sixty years.", language="en").layout != "map"
    assert choose("Paris is a big city where Victor Hugo lived.", language="en").headline == "Paris"


def test_a_list_that_opens_the_sentence_is_its_whole_subject():
    assert key_phrase("The milk, the cup and the lid cost more than the coffee.") == \
        "The milk, the cup and the lid cost more than the coffee"  # was "The milk"
    assert key_phrase("Flour, water and salt are all you need.") == "Flour, water and salt are all you need"


def test_a_range_whose_other_end_is_no_year_is_a_count():
    design = choose("Las estimaciones van de 1000 a 6000 muertos.", language="es")
    assert [(s.text, s.unit) for s in design.stats] == [("1000–6000", "muertos")]  # was the year 1000
    assert script_dates(["Las estimaciones van de 1000 a 6000 muertos."]) == ()
    assert choose("La guerra duró de 1914 a 1918.", language="es").headline == "1914–1918"
    assert [s.text for s in choose("From 1500 to 2000 metres of altitude.", language="en").stats] == ["1500–2000"]


def test_a_city_opening_a_sentence_about_how_it_was_built_is_the_city():
    assert script_places(["Venezia è costruita su 118 isole, collegate da più di 400 ponti."], "it") == ("Venezia",)
    assert script_places(["Venezia è bella."], "it") == ()  # (a sentence's first word alone stays doubtful)


def test_pennies_and_cents_are_sums_and_roughly_qualifies():
    design = choose("Of that, the coffee beans themselves account for roughly 10 pence.", language="en")
    assert [(s.prefix, s.text, s.unit) for s in design.stats] == [("roughly", "10", "pence")]  # was a title card
    design = choose("The farmer receives only a fraction of that: often 1 to 3 pence.", language="en")
    assert [(s.text, s.unit) for s in design.stats] == [("1–3", "pence")]


def test_a_countdowns_entry_too_long_for_its_card_is_cut_where_it_is_said_to_be():
    design = choose("Number four: Olo'upena Falls on the island of Molokai, Hawaii, a ribbon of water.", language="en")
    assert summary(design) == ["Number 4: Olo'upena Falls"]  # was a title card between two rank cards
    design = choose("Number two: Tugela Falls in South Africa's Drakensberg mountains.", language="en")
    assert summary(design) == ["Number 2: Tugela Falls"]


def test_when_something_happened_gives_way_to_what_the_line_shows():
    design = choose("Had it arrived four hours later, the rotation of the Earth could have put Saint Petersburg "
                    "beneath it.", language="en")
    assert (design.layout, design.headline) == ("map", "Saint Petersburg")  # was "4 hours later"
    design = choose("Due mesi dopo pubblicò le sue scoperte nel Sidereus Nuncius, un libretto di appena 60 pagine.",
                    language="it")
    assert [s.text for s in design.stats] == ["60"]
    assert choose("Four hours later, the ship sank.", language="en").layout == "number"  # nothing else to show
