"""A scene's visual brief and footage searches: the filmable things its line names, in its language
and in English, never its names or abstractions."""

from __future__ import annotations

from videos.llm.queries import _title_subject, footage_brief, footage_searches, scene_footage_fields


def test_queries_are_the_filmable_things_of_the_line_and_a_name_becomes_what_it_is():
    brief, queries = footage_brief("During spring tides, the Bay of Fundy rises sixteen metres in 1869.",
                                   language="en", subject="tides")
    assert queries[0] == "spring tides bay" and 2 <= len(queries) <= 3
    assert not any("Fundy" in q for q in queries)  # a name finds nothing or anything: the bay does
    assert "1869" in brief and "(Bay of Fundy)" in brief  # the brief keeps it, for scoring and the studio


def test_people_and_streets_become_what_they_are():
    _brief, queries = footage_brief("Some shop owners on Market Street fear that losing parking spaces will "
                                    "keep customers away.", language="en")
    assert "street" in " ".join(queries) and "Market" not in " ".join(queries)
    assert "shop owner" in " ".join(queries)
    _brief, queries = footage_brief("Around 1450, Johannes Gutenberg began printing with movable metal type.",
                                    language="en")
    assert queries and not any("Gutenberg" in q or "Johannes" in q for q in queries)
    assert "movable metal type" in queries and "printing" in queries


def test_queries_are_short_unique_and_strict_to_broad():
    _brief, queries = footage_brief("The old lighthouse keeper climbed the tower every night.", language="en",
                                    visual_query="lighthouse tower night", subject="Lighthouse tower night")
    assert len({q.lower() for q in queries}) == len(queries) == 3
    assert all(len(q.split()) <= 4 for q in queries)
    assert len(queries[0].split()) > len(queries[-1].split())  # two things, then one alone
    assert "lighthouse" in " ".join(queries) and "night" not in queries  # night only beside a thing


def test_a_line_in_french_gets_searches_in_french_and_in_english():
    found = footage_searches("En 1995, les câbles rouillés sont remplacés sans fermer la route aux voitures.",
                             language="fr")
    assert found.queries[0] == "câbles rouillés voitures" and "rusted cable" in found.english[0]
    assert "route" in found.queries and "road" in found.english
    assert "rusted cable" in found.brief  # the English beside the French, for scoring English descriptions


def test_german_compounds_and_spanish_plurals_are_understood():
    found = footage_searches("Erst am späten Abend gruben Bergretter einen Schacht bis zur Kellertür.",
                             language="de")
    assert "rescuer" in " ".join(found.english) and "cellar door" in " ".join(found.english)
    assert "evening" not in found.english  # the time of day is no search of its own
    found = footage_searches("Los ríos de lava bajaron por la ladera y destruyeron casas y carreteras.",
                             language="es")
    assert found.english[0].startswith("lava flow") and "ríos de lava" in found.queries[0]


def test_a_writers_english_queries_are_kept_beside_the_scripts_own():
    fields = scene_footage_fields("Le pont relie les deux rives.", language="fr", visual_query="pont",
                                  queries=("suspension bridge river", "bridge"), subject="ponts")
    assert fields["english_queries"] == ["suspension bridge river", "bridge"]
    assert fields["queries_language"] == "fr" and fields["footage_queries"][0].startswith("pont")
    assert fields["visual_brief"]  # derived from the scene when the writer gave queries but no brief
    english = scene_footage_fields("The bridge links both banks.", language="en", visual_query="bridge",
                                   queries=("suspension bridge river",))
    assert (english["footage_queries"], english["queries_language"], english["english_queries"]) == (
        ["suspension bridge river"], "en", [])


def test_a_town_the_line_names_is_no_thing_in_the_writers_own_search_either():
    line = "Da ottobre a dicembre, nei boschi intorno ad Alba, i trifolai escono di notte con i loro cani."
    found = footage_searches(line, language="it", visual_query="alba boschi cani")
    assert "sunrise" not in " ".join(found.english) and "sunrise" not in found.brief
    assert "dog" in " ".join(found.english)


def test_the_headlines_subject_the_list_does_not_know_is_searched_first_where_the_line_says_it():
    line = "On the roof, the thatcher lays the bundles in courses from the eaves upwards."
    found = footage_searches(line, language="en", title="The Thatchers of Norfolk")
    assert found.queries[0] == "thatcher roof" and "roof" in found.queries
    # not a name the line gives (Norfolk), not where the line does not say it, not a story's first sentence
    assert _title_subject("Norfolk Roofs", "In the villages of Norfolk, cottages have roofs of reed.", "en") == ""
    assert not any("thatch" in q for q in footage_searches("The reed is cut in winter from the marshes.",
                                                           language="en", title="The Thatchers of Norfolk").queries)
    story = "Hacia las nueve de la noche, las llamas cruzaron la sierra y bajaron hacia el pueblo."
    assert not any("cruzaron" in q for q in footage_searches(story, language="es", title=story).queries)


def test_a_pronoun_for_the_titles_thing_brings_it_into_the_searches():
    found = footage_searches("It was painted white in 1900, and its lamp burned whale oil.", language="en",
                             title="The Lighthouse of Gull Rock")
    assert "lighthouse" in found.brief and any("lighthouse" in q for q in found.queries)
    # not when the line names its own subject
    found = footage_searches("The keeper painted the boat white.", language="en", title="The Lighthouse of Gull Rock")
    assert "lighthouse" not in found.brief
    # nor when it names someone, whom the pronoun more likely stands for
    found = footage_searches("The keeper opened the crates. Then he carried them up the stairs.", language="en",
                             title="The Lighthouse of Gull Rock")
    assert "lighthouse" not in found.brief


def test_a_pronoun_stands_for_the_titles_subject_not_for_where_it_is():
    # "Narrowboats on the canals": "them" are the narrowboats (a word no list knows), not the canals, whose pictures
    # (any boat on any canal) would stand in for them
    found = footage_searches("Today most are holiday homes. Ducks and swans follow them, hoping for bread.",
                             language="en", title="Narrowboats on the canals")
    assert "canal" not in found.brief and not any("canal" in q for q in found.queries)
    found = footage_searches("In Werkstätten wird er geschliffen und poliert.", language="de",
                             title="Bernstein an der Ostsee")
    assert "Bernstein" in found.brief


def test_the_titles_thing_only_a_dictionary_knows_is_searched_where_the_line_says_it_again():
    # "Lebkuchen" is in the generated list only, used in German where the hand-written list finds nothing; the
    # title's thing said again is the line's, beside the bakers and the spices
    found = footage_searches("In Nürnberg backen Bäcker seit dem Mittelalter Lebkuchen, weil hier die Gewürze der "
                             "Handelswege ankamen.", language="de", title="Nürnberger Lebkuchen")
    assert "gingerbread" in found.brief and any("gingerbread" in q for q in found.english)
    found = footage_searches("Die größte Kuckucksuhr der Welt steht in Schonach. Ihr Uhrwerk ist riesig.",
                             language="de", title="Kuckucksuhren aus dem Schwarzwald")
    assert any("cuckoo clock" in q for q in found.english)
    # not where the line does not say it, nor a thing after the title's first ("der Welt": no world)
    found = footage_searches("Der Teig aus Honig und Mandeln wird gewürzt.", language="de",
                             title="Nürnberger Lebkuchen")
    assert "gingerbread" not in found.brief
    found = footage_searches("Die Arbeiter sprengten den Fels, die Welt schaute zu.", language="de",
                             title="Der längste Tunnel der Welt")
    assert "world" not in found.brief


def test_a_portuguese_pronoun_for_the_titles_thing_brings_it_into_the_searches():
    # "Ela" is the lighthouse, the cork: Portuguese says its pronouns more than Spanish
    found = footage_searches("Ela foi pintada de branco em 1900, e a sua lâmpada queimava óleo de baleia.",
                             language="pt", title="O farol de Peniche")
    assert any("farol" in q for q in found.queries) and any("lighthouse" in q for q in found.english)
    found = footage_searches("Depois ela é cortada em tiras e seca ao sol.", language="pt",
                             title="A cortiça do Alentejo")
    assert "cork" in found.english
    # not when it names someone, whom the pronoun more likely stands for
    found = footage_searches("O faroleiro abriu as caixas. Depois ele levou-as pela escada.", language="pt",
                             title="O farol de Peniche")
    assert not any("farol" in q and "faroleiro" not in q for q in found.queries)


def test_a_line_in_portuguese_gets_searches_in_portuguese_and_in_english():
    # Portuguese had no column of its own and was read as English: "pescadores" and "redes" found nothing
    found = footage_searches("Ao amanhecer, os pescadores puxam as redes para a praia com a ajuda dos bois.",
                             language="pt-BR")
    assert found.english and "fisherman" in " ".join(found.english) and "net" in " ".join(found.english)
    assert "pescadores" in " ".join(found.queries)
    assert "net" in found.brief.split(";")[1]  # the English beside the Portuguese, for scoring English descriptions


def test_a_noun_no_list_knows_is_searched_beside_the_lines_main_thing_when_the_title_says_it():
    # "bouquinistes" is in no list: searched only as "book", old books on library shelves came under the stalls
    found = footage_searches("Le long de la Seine, les bouquinistes vendent de vieux livres.", language="fr",
                             title="Les bouquinistes de Paris")
    assert found.english[0] == "book bouquinistes" and "book" in found.english
    # ... not otherwise: such a word is as often a describing word, a month or a measure
    found = footage_searches("Cada marzo, Valencia llena sus calles de figuras.", language="es")
    assert not any("marzo" in q for q in found.queries + found.english)
    found = footage_searches("A short rod and a tip-up flag wait over the hole for hours.", language="en",
                             title="Ice fishing")
    assert not any("short" in q.split() for q in found.queries)
