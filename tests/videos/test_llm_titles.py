"""Titles of scripts written without a model: the subject and the hook in at most about 70
characters, never the source's first line cut off, in the text's language."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories import make_channel
from videos.llm.base import WritingBrief
from videos.llm.offline import OfflineWriter
from videos.llm.text import language_scores, parse

BENCH = Path(__file__).resolve().parents[2] / "bench" / "texts"
# The example: a source without a heading, saved with its first line as the topic.
TIDES = ("Twice a day, almost everywhere on Earth, the sea climbs the shore and then slips away again. Sailors who "
         "moored in the wrong place woke to find their boats lying on the mud. The Moon pulls on the whole Earth, "
         "but it pulls hardest on the side that faces it. The ocean on that side bulges towards the Moon. In the "
         "Bay of Fundy, the tide rises by up to sixteen metres, more than anywhere else on Earth. The bay is long "
         "and narrow, so the water that enters it is squeezed and has to climb higher.")


def write(source: str, language: str = "en", topic: str = "", seconds: int = 30):
    return OfflineWriter().write(WritingBrief(topic=topic, source_text=source, niche="", audience="", tone="",
                                              language=language, target_seconds=seconds, words_per_minute=150))


def words_of_source(title: str, source: str, language: str) -> bool:
    """Whether the title's clause is the source's own words (after a "Subject:" in front)."""
    clause = title.split("】")[-1].split(": ")[-1].split(" : ")[-1]
    return any(clause.lower() in s.text.lower() for s in parse(source, language).sentences)


def test_a_source_without_a_heading_is_not_titled_with_its_first_line_cut_at_100_characters():
    first_line_cut = TIDES[:100].rsplit(" ", 1)[0] + "…"  # what video_create saves as the topic
    draft = write(TIDES, topic=first_line_cut)
    assert draft.title != first_line_cut and not draft.title.endswith(("Sailors", "…", ",", "."))
    assert len(draft.title) <= 70 and not TIDES.startswith(draft.title)
    assert words_of_source(draft.title, TIDES, "en")


@pytest.mark.parametrize(("name", "language", "subject", "event"), [
    ("story_ashford_dam.md", "en", "Ashford", "the dam gave way"),
    ("fr_story_pont.md", "fr", "Saint-Aubin-sur-Loue", "la troisième arche s'effondra"),
    ("de_story_lawine.md", "de", "", "löste sich oberhalb der Hütte eine Lawine"),
])
def test_a_story_is_titled_with_its_subject_and_the_event_it_turns_on_in_its_language(name, language, subject,
                                                                                       event):
    source = (BENCH / name).read_text(encoding="utf-8")
    draft = write(source, language, topic=source.splitlines()[0][:100])
    assert subject in draft.title and event in draft.title and len(draft.title) <= 70
    assert language_scores(draft.title)[0][0] == language
    assert words_of_source(draft.title, source, language)


def test_a_japanese_title_is_a_whole_clause_without_its_full_stop_and_at_most_40_characters():
    source = (BENCH / "ja_story_inamura.md").read_text(encoding="utf-8")
    draft = write(source, "ja", topic=source.splitlines()[0][:100])
    assert "津波" in draft.title and len(draft.title) <= 40 and not draft.title.endswith("。")
    assert draft.title != source.splitlines()[0].rstrip("。")  # not the opening sentence again


def test_a_heading_or_a_topic_the_user_typed_is_the_title():
    source = (BENCH / "story_ashford_dam.md").read_text(encoding="utf-8")
    assert write(f"# The Night the Dam Broke\n\n{source}").title == "The Night the Dam Broke"
    assert write(source, topic="How a town survived its dam").title == "How a town survived its dam"


def test_a_title_never_leans_on_what_came_before_or_opens_mid_thought():
    source = ("Because of the storm that had raged over the valley for three days, the council of Millbrook closed "
              "the old bridge. They argued for hours. It reopened on Friday, and then traffic returned. These two "
              "decisions cost the town a fortune.")
    title = write(source, seconds=8, topic=source[:100]).title
    for bad in ("They ", "Because", "It reopened", "These two", "and then", "then traffic"):
        assert not title.startswith(bad) and bad not in title, title
    assert "Millbrook" in title and len(title) <= 70


@pytest.mark.django_db
def test_video_create_saves_the_heading_as_the_working_topic():
    from videos.services.video import video_create

    video = video_create(channel=make_channel(), source_text="# The Night the Dam Broke\n\nIt rained for days.")
    assert video.topic == "The Night the Dam Broke"


def test_the_subject_is_the_name_as_the_opening_writes_it_in_full():
    from videos.llm.titles import subject

    camino = ("El Camino de Santiago es una red de rutas que llevan a Santiago de Compostela. Los peregrinos "
              "caminan semanas por el camino. El camino cruza pueblos y montañas. Cada peregrino lleva una concha.")
    bahn = ("Die Wuppertaler Schwebebahn ist die älteste Hängebahn der Welt. Die Schwebebahn fährt seit 1901. "
            "Jeden Tag fahren viele Menschen mit der Schwebebahn. Die Wagen hängen über dem Fluss.")
    assert subject(parse(camino, "es").sentences, "es") == "Camino de Santiago"
    assert subject(parse(bahn, "de").sentences, "de") == "Wuppertaler Schwebebahn"


def test_a_story_set_somewhere_in_a_month_is_about_the_place_not_the_month():
    flood = write("On a warm January afternoon in 1919, a steel tank in Boston's North End burst open. It held "
                  "millions of litres of molasses. A wave of syrup rolled through the streets. It crushed buildings "
                  "and trapped horses. Twenty-one people died and around 150 were injured. Rescuers waded through "
                  "the syrup for days.")
    assert flood.title.startswith("Boston: "), flood.title


def test_a_title_never_stops_half_way_through_a_list():
    from videos.llm.titles import _clauses

    found = [c.text for c in _clauses("Heute fahren moderne Wagen in Blau, Rot und Gelb über das Wasser.", "de")]
    assert "Heute fahren moderne Wagen in Blau, Rot und Gelb über das Wasser" in found
    assert not any(text.endswith(("in Blau", "Blau, Rot")) or text.startswith(("Rot", "Gelb")) for text in found)


def test_the_subject_is_what_the_opening_sentence_is_about_though_the_text_says_it_after():
    from videos.llm.titles import subject

    suez = ("The Suez Canal opened in November 1869 and joined the Mediterranean to the Red Sea at Port Said. "
            "Engineers had argued about it for decades. Thousands of labourers dug it through the desert. Ships "
            "from Port Said no longer sailed around Africa. The voyage from London to Bombay became weeks shorter.")
    cheese = ("En las cuevas de los Picos de Europa, el queso azul madura durante meses. La humedad y el frío "
              "dejan crecer el moho. Los pastores llevan la leche de sus vacas y ovejas a las queserías. Cada "
              "pieza se voltea a mano. La bodega guarda una temperatura constante todo el año.")
    assert subject(parse(suez, "en").sentences, "en", story=True) == "Suez Canal"
    assert subject(parse(cheese, "es").sentences, "es") == "queso azul"
    titled = write(suez)
    assert titled.title.startswith("Suez Canal"), titled.title  # another name in the clause is not its subject


def test_a_number_word_is_never_the_subject_of_a_title():
    # The kite festival text without its heading: "Deux" begins sentences, and was once its subject.
    source = (BENCH.parent / "footage_texts" / "unseen7_fr_cerfsvolants.md").read_text(encoding="utf-8")
    kites = write(source.split("\n", 1)[1], "fr", seconds=60)
    assert not kites.title.lower().startswith("deux"), kites.title


def test_a_phrase_whose_only_verb_is_in_its_aside_is_no_title():
    from videos.llm.titles import _clauses, _stands_alone

    sentence = ("Los jimadores cortan las hojas con una coa, hasta dejar solo el corazón, la piña, que puede pesar "
                "más de cuarenta kilos.")
    found = {c.text: c for c in _clauses(sentence, "es")}
    assert not _stands_alone(found["la piña, que puede pesar más de cuarenta kilos"], "es")


def test_the_whole_name_of_a_subject_begins_or_ends_with_it():
    from videos.llm.titles import subject

    nome = ("In the winter of 1925, the town of Nome in Alaska faced an outbreak of diphtheria. The serum was "
            "in Anchorage, far to the south. Mushers and their dogs carried it north to Nome in a relay. The "
            "serum reached Nome after five and a half days.")
    assert subject(parse(nome, "en").sentences, "en", story=True) == "Nome"


# A text that opens on a scene (a storm, a date, a ruler) and names what it is about as its first paragraph
# closes, after a colon or as that sentence's first name; its side details must not be the subject.
TAY = ("On the night of 28 December 1879 a storm swept down the east coast of Scotland, and in Dundee the wind tore "
       "slates from the roofs. Few people noticed the small train that set out across the river. Minutes later the "
       "Tay Bridge was gone.\n\nThe bridge had opened only nineteen months earlier. At more than three kilometres "
       "it was the longest bridge in the world.\n\nIts designer, Thomas Bouch, had been knighted for it. The inquiry "
       "found that the bridge had been badly designed, badly built and badly maintained.\n\nA new bridge was built "
       "beside the old one and opened in 1887. The stumps of the first bridge still stand in the river.")
RIESENRAD = ("Im Jahr 1897 feierte Kaiser Franz Joseph sein fünfzigstes Thronjubiläum, und in Wien plante man dafür "
             "eine Ausstellung im Prater. Der Ingenieur Walter Basset brachte eine Idee aus London mit: das Wiener "
             "Riesenrad.\n\nDas Rad ist fast 65 Meter hoch und hat heute 15 Waggons. Eine Fahrt dauert etwa eine "
             "Viertelstunde.\n\nIm Zweiten Weltkrieg brannte das Riesenrad aus, doch schon 1947 drehte es sich "
             "wieder. Seitdem gehört das Wiener Riesenrad zu den Wahrzeichen der Stadt.")
# One paragraph, a king and a river in its first sentence; the second says what the text is about.
JERONIMOS = ("Em 1502, o rei D. Manuel I mandou erguer junto ao rio Tejo um grande edifício para os monges da Ordem "
             "de São Jerónimo. O Mosteiro dos Jerónimos é um dos monumentos mais importantes de Lisboa. O mosteiro "
             "foi pago com o dinheiro do comércio das especiarias. Durante o século XIX, o mosteiro serviu de escola "
             "e de orfanato. Hoje o mosteiro guarda os túmulos de Vasco da Gama e de Luís de Camões.")


@pytest.mark.parametrize(("source", "language", "expected", "titled"), [
    (TAY, "en", "Tay Bridge", "Tay Bridge"),
    (RIESENRAD, "de", "Wiener Riesenrad", "Riesenrad"),
    (JERONIMOS, "pt", "Mosteiro dos Jerónimos", "osteiro"),  # "O mosteiro foi..." is about it, as "The bay is..."
])
def test_the_subject_is_what_the_opening_leads_to_not_the_scene_it_sets(source, language, expected, titled):
    from videos.llm.titles import subject

    for story in (False, True):
        assert subject(parse(source, language).sentences, language, story=story) == expected
    title = write(source, language, seconds=60).title
    assert titled in title, title


@pytest.mark.parametrize(("sentence", "language", "thing"), [
    ("The Antikythera mechanism is an ancient Greek calculator.", "en", "Antikythera mechanism"),
    ("Le pont du Gard est un aqueduc romain.", "fr", "pont du Gard"),
    ("Die Zugspitze ist der höchste Berg Deutschlands.", "de", "Zugspitze"),
    ("Il Ponte Vecchio è il ponte più antico di Firenze.", "it", "Ponte Vecchio"),
    ("Hoje o mosteiro é um museu.", "pt", ""),  # no phrase alone before the verb
])
def test_a_sentence_that_says_what_a_thing_is_names_the_thing(sentence, language, thing):
    from videos.llm.titles import defined

    assert defined(sentence, language) == thing


@pytest.mark.parametrize(("sentence", "language", "clause"), [
    ("Pilgrims from every country came to see it.", "en", "Pilgrims from every country came to see it"),
    ("Daraus entstand die größte Werft der Ostsee.", "de", "Daraus entstand die größte Werft der Ostsee"),
    ("Poucos dias depois da sua chegada, o capitão mandou erguer uma cruz.", "pt",
     "Poucos dias depois da sua chegada"),
    ("Deux ans plus tard, les trains roulent entre Lyon et la vieille ville de Genève : la ligne est enfin ouverte.",
     "fr", "la vieille ville de Genève : la ligne est enfin ouverte"),
    ("Old maps show a busy harbour and a temple where priests kept the calendar.", "en",
     "a temple where priests kept the calendar"),
])
def test_a_clause_that_leans_on_words_outside_it_is_no_title(sentence, language, clause):
    # A pronoun at its end or a German "da-" word stand for something said before; a fronted phrase's "his"
    # is in the rest of the sentence; a clause that runs over a colon joins two thoughts; a verb only in a
    # relative clause leaves a noun phrase.
    from videos.llm.titles import _clauses, _stands_alone

    found = {c.text: c for c in _clauses(sentence, language)}
    assert not _stands_alone(found[clause], language), clause


def test_a_whole_sentence_with_its_own_pronoun_still_stands_alone():
    from videos.llm.titles import _clauses, _stands_alone

    found = {c.text: c for c in _clauses("The tower was counted among the wonders of its age.", "en")}
    assert _stands_alone(found["The tower was counted among the wonders of its age"], "en")


def test_a_common_word_the_text_opens_with_is_the_name_it_gives_twice():
    from videos.llm.titles import subject

    faro = ("Nel 1850 un vecchio faro di legno bruciò durante una tempesta. Al suo posto fu costruito il Faro della "
            "Lanterna, in pietra bianca. Il faro è alto settantasei metri. Il Faro della Lanterna è ancora acceso "
            "ogni notte. Il faro si vede da trenta chilometri.")
    assert subject(parse(faro, "it").sentences, "it", story=True) == "Faro della Lanterna"
