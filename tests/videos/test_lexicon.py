"""How a word of a text is found in the list of filmable nouns (videos.llm.lexicon): plurals by
rule in each language, German compounds by their parts, and the words that are something else."""

from __future__ import annotations

import pytest

from videos.llm.lexicon import lookup
from videos.llm.visual import mentions, things_in


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


def test_a_german_adjective_of_a_town_is_no_compound_of_things():
    # "Nürnberger Lebkuchen", "Wuppertaler Schwebebahn": no mountain, no valley
    for word in ("Nürnberger", "Wuppertaler", "Bielefelder", "Düsseldorfer", "Augsburger"):
        assert lookup(word, "de", generated_too=False) is None, word
    assert "mountain" not in things_in("Nürnberger Lebkuchen", "de")
    assert things_in("Auf dem Markt liegen Nürnberger Lebkuchen neben dem Honig.", "de") == {"market", "honey"}
    # a plural with an umlaut, or a first part that names a thing, is the place
    for word, thing in (("Hochtäler", "valley"), ("Bergdörfer", "mountain village"), ("Reisfelder", "paddy field"),
                        ("Kornfelder", "field")):
        found = lookup(word, "de", generated_too=False)
        assert found is not None and found.english == thing, word
    assert "mountain" in things_in("Die Hütte steht hoch oben am Berg.", "de")


@pytest.mark.parametrize(("line", "language", "thing"), [
    ("Rund um Beelitz wächst der Spargel unter langen Erdwällen.", "de", "asparagus"),
    ("Der Teig aus Honig und Mandeln ruht über Nacht.", "de", "dough"),  # no "paste" only a dictionary gives
    ("L'impasto riposa per una notte.", "it", "dough"),
    ("Im Sommer pflücken Erntehelfer die Gurken auf den Feldern.", "de", "cucumber"),
    ("Le moût fermente dans la cuve.", "fr", "grape must"),
    ("El vinagre reposa en barricas.", "es", "vinegar"),
    ("L'aceto passa nella botte più piccola.", "it", "vinegar"),
    ("Il mosto d'uva viene cotto a lungo.", "it", "grape must"),
    ("Fresh figs and plums on a market stall", "en", "fig"),
])
def test_the_produce_of_field_and_kitchen_is_a_thing_in_each_language(line, language, thing):
    assert thing in things_in(line, language)


def test_white_cork_in_spanish_is_polystyrene():
    # "corcho blanco" is the Spanish name of polystyrene: no cork oak's bark under the Fallas' carved figures
    found = things_in("Tallan los muñecos en corcho blanco y los pintan a mano.", "es")
    assert "polystyrene" in found and "cork" not in found
    assert "cork" in things_in("Los tapones de corcho se sacan de la corteza.", "es")
    assert "polystyrene" in things_in("Le figurine sono di polistirolo.", "it")


def test_a_word_for_a_general_thing_is_not_read_as_one_kind_of_it():
    # "Erntehelfer" pick cucumbers and hops as well as grapes; "plaques" of soap are slabs, not memorials
    found = things_in("Im Sommer pflücken Erntehelfer die Gurken auf den Feldern.", "de")
    assert "picker" in found and "grape picker" not in found
    assert [m.english for m in mentions("Les plaques sont découpées.", "fr")] == ["slab"]
    assert [m.english for m in mentions("Une plaque commémorative sur le mur.", "fr")] == ["plaque", "wall"]


def test_a_german_plural_in_nen_is_a_feminine_in_innen_only():
    # "Tonnen Gestein" are tonnes of rock, not clay ("Ton"); "Königinnen" are still queens
    assert "clay" not in things_in("Die Maschine bricht jeden Tag Tonnen Gestein heraus.", "de")
    assert lookup("Königinnen", "de").english == "queen"
    assert lookup("Laternen", "de").english == "lantern"


def test_what_crafts_make_and_use_is_a_thing_in_each_language():
    assert "soap" in things_in("À Marseille, le vrai savon se fait encore dans de grands chaudrons.", "fr")
    assert "soap" in things_in("Il sapone si taglia a cubetti.", "it")
    assert "wax" in things_in("Die Kerzen werden aus Bienenwachs gezogen.", "de")
    assert "resin" not in things_in("Im Harz gibt es viele Wälder.", "de")  # the mountains, not resin


# --- Portuguese: its own column (visual_nouns_pt.txt), no longer read as English

@pytest.mark.parametrize(("plural", "thing"), [
    ("pães", "bread"), ("cães", "dog"), ("limões", "lemon"), ("mãos", "hand"), ("papéis", "paper"),
    ("faróis", "lighthouse"), ("barris", "barrel"), ("animais", "animal"), ("fósseis", "fossil"),
    ("nuvens", "cloud"), ("jardins", "garden"), ("flores", "flower"), ("luzes", "light"), ("redes", "net"),
    ("pescadoras", "fisherman"), ("cozinheiras", "cook"),
])
def test_a_portuguese_plural_is_found_by_its_singular(plural, thing):
    # -ões/-ães/-ãos -> -ão, -éis/-óis/-ais/-eis/-is -> -el/-ol/-al/-il, -ns -> -m, -res/-zes -> -r/-z; a woman's
    # trade in -ora/-eira is the list's -or/-eiro
    found = lookup(plural, "pt")
    assert found is not None and found.english == thing


def test_a_portuguese_plural_that_drops_its_singulars_accent():
    assert lookup("conveses", "pt").english == "ship deck"  # convés: the stress moves, the accent goes
    assert lookup("meses", "pt") is None  # no thing of the list hides in "mês" (months)


def test_a_portuguese_line_names_its_things_with_what_describes_them():
    # the adjective and the "de" + noun after the thing, as in French and Spanish
    found = [m.english for m in mentions("Os barcos vermelhos esperam no cais ao lado dos cestos de vime.", "pt")]
    assert found == ["red boat", "wharf", "wicker basket"]
    assert "pot lid" in [m.english for m in mentions("Levantou a tampa da panela devagar.", "pt")]
    assert "white house" in [m.english for m in mentions("As casas brancas descem até ao rio.", "pt")]


def test_a_portuguese_word_of_the_list_that_is_more_often_something_else_needs_an_article():
    # "vela" (a sail, a candle), "banco" (a bank, a bench), "cara" (a face, dear): things after an article
    assert things_in("Foi pena não ver o farol.", "pt") == {"lighthouse"}  # a pity, no feather
    assert things_in("Acendeu uma vela na cozinha.", "pt") >= {"candle", "kitchen"}
    assert "bank" in things_in("Sentou-se num banco do jardim.", "pt")


def test_a_part_of_a_portuguese_compound_the_list_does_not_know_is_no_thing():
    # "guarda-chuva" is an umbrella: no rain in it; "beija-flor" is a hummingbird the list knows whole
    assert "rain" not in things_in("Levava sempre um guarda-chuva preto.", "pt")
    assert "hummingbird" in things_in("Um beija-flor paira sobre a flor.", "pt")


def test_a_portuguese_name_of_a_place_is_what_it_is():
    found = [m for m in mentions("Os pescadores chegaram ao Rio de Janeiro ao amanhecer.", "pt")]
    assert any(m.name == "Rio de Janeiro" for m in found) and any(m.english == "fisherman" for m in found)


def test_a_portuguese_noun_only_the_dictionaries_know_is_found_where_the_list_finds_nothing():
    # visual_nouns_generated.tsv from FreeDict por-eng and eng-por: "nabo" a turnip, after an article
    assert things_in("Apanhou um nabo.", "pt") == {"turnip"}
    found = lookup("leopardos", "pt")
    assert found is not None and found.english == "leopard" and found.generated
    # its dictionaries tell no part of speech: an English adjective makes no noun ("cozy", "remote")
    assert lookup("aconchegante", "pt") is None and lookup("afastado", "pt") is None


def test_a_german_compound_whose_longer_tail_is_a_noun_of_no_thing_is_not_split_further():
    # "Zunftzeichen" is a guild's sign, not oaks ("Eichen") hidden in "Zeichen"; "Brauch" (custom) holds no smoke,
    # "Preis" (price) no rice, "Hinweis" (a hint) no ice, "Einfluss" (influence) no river
    for word in ("Zunftzeichen", "Wahrzeichen", "Maibaumbrauch", "Eintrittspreis", "Hinweis", "Einfluss"):
        assert lookup(word, "de") is None, word
    assert "oak" not in things_in("Der Stamm wird mit Kränzen und Zunftzeichen geschmückt.", "de")
    # a thing at the end of a compound is still found ("Bergdorf", "Rauchschwaden" by its first thing)
    assert lookup("Bergdorf", "de").english == "mountain village"
    assert lookup("Holzrauch", "de").english == "wood smoke"


def test_full_in_portuguese_is_no_flood():
    # "cheias" (full) after no article; "a cheia do rio" is the river's flood
    assert "flood" not in things_in("Os pintores desenham cenas coloridas e frases cheias de humor.", "pt")
    assert "flood" in things_in("A cheia do rio levou a ponte.", "pt")


def test_a_word_that_counts_what_follows_de_names_that_thing():
    # "um maço de cigarros" is a pack of cigarettes, no mallet; "o maço" alone is the mallet
    assert things_in("Tirou um maço de cigarros do bolso.", "pt") >= {"cigarette"}
    assert "mallet" not in things_in("Tirou um maço de cigarros do bolso.", "pt")
    assert "mallet" in things_in("O calceteiro bate a pedra com o maço.", "pt")
    assert "boot" not in things_in("Il porte une botte de radis au marché.", "fr")


def test_a_german_plural_that_is_another_word_s_plural_is_not_the_thing():
    # "Bahnen" are lengths of cloth, lanes or tracks; trains are "Züge", though "die Bahn" is one
    assert "train" not in things_in("Die fertigen Bahnen hängen zum Trocknen unter dem Dach.", "de")
    assert "train" not in things_in("Die bedruckten Stoffbahnen hängen im Hof.", "de")
    assert "train" in things_in("Er fuhr mit der Bahn nach Berlin.", "de")
    assert lookup("Eisenbahnen", "de").english == "railway"


def test_an_article_or_a_preposition_with_its_article_is_no_thing():
    # Italian "agli" (to the) is no plural of "aglio" (garlic)
    assert "garlic" not in things_in("Un trabucco è una piattaforma di tronchi ancorata agli scogli.", "it")
    assert "garlic" in things_in("Sul tavolo c'era una treccia di aglio.", "it")


def test_an_italian_plural_in_i_is_of_a_masculine_noun():
    # "pali" are poles (palo), not shovels ("pala", whose plural is "pale"); "artisti", "turisti" are still -ista
    assert lookup("pali", "it") is None or lookup("pali", "it").english != "shovel"
    assert lookup("pale", "it").english == "shovel"
    assert lookup("turisti", "it").english == lookup("turista", "it").english


def test_a_french_verb_spelt_like_a_thing_needs_an_article():
    # "L'artisan presse l'argile": he presses; "la presse" of Gutenberg is a printing press
    assert "printing press" not in things_in("L'artisan presse l'argile rouge dans un moule de plâtre.", "fr")
    assert "printing press" in things_in("Gutenberg construit une presse en bois.", "fr")
    assert "printing press" in things_in("presse d'imprimerie ancienne, caractères mobiles", "fr")  # a brief's words


def test_what_a_german_thing_is_made_of_after_aus_is_no_thing_of_its_own():
    # "ein Besen aus Draht" is a wire broom: a spool of copper wire is no picture of it; "aus dem Keller" is a place
    found = things_in("Über der Schulter hängt ein runder Besen aus Draht.", "de")
    assert "broom" in found and "wire" not in found
    assert "wire" in things_in("Der Draht wird gezogen.", "de")
    assert "cellar" in things_in("Er holt das Holz aus dem Keller.", "de")


def test_a_german_possessive_stands_before_a_noun_as_an_article_does():
    # "Leiter" is a ladder or a leader: after "seiner" it is a noun, as after "der"
    assert "ladder" in things_in("Er steigt jeden Morgen mit seiner Leiter auf das Dach.", "de")


def test_a_german_seil_is_a_rope_and_a_genitive_in_es_is_its_noun():
    # "Seil" is a rope (a steel cable is a "Drahtseil"); "des Dorfes" is the village's
    assert lookup("Seil", "de").english == "rope"
    assert lookup("Drahtseil", "de").english == "cable"
    assert "village" in things_in("Er steigt auf die Dächer des Dorfes.", "de")


def test_hand_before_a_participle_in_english_is_how_a_thing_was_made():
    # "a hand made glass", "hand-painted tiles": no hand in the picture; "hands holding a pot" shows them
    assert "hand" not in things_in("Inspecting a hand made glass against the light")
    assert "hand" not in things_in("Hand-painted tiles on a wall")
    assert "hand" in things_in("Hands holding a clay pot")
    assert "hand" in things_in("Pelotari hitting the ball with his bare hand")


def test_a_word_an_article_or_a_preposition_was_elided_off_describes_no_noun_before_it():
    # "il mare dall'alto" is the sea seen from above, no tall sea
    sea, = [m for m in mentions("Il rais osserva il mare dall'alto e aspetta.", "it") if m.thing.english == "sea"]
    assert sea.english == "sea"


def test_a_line_is_read_in_english_only_for_the_words_its_language_does_not_have():
    # "en deux parties" is no party, "il mare" no horse, "hay" (there is) no hay; "mozzarella" is one word in both
    assert "party" not in things_in("Il presse l'argile dans un moule en deux parties.", "fr", own_words=True)
    assert "mare" not in things_in("Il pescatore guarda il mare.", "it", own_words=True)
    assert "hay" not in things_in("En la plaza hay un frontón.", "es", own_words=True)
    assert "mozzarella" in things_in("La mozzarella si fa ogni mattina.", "it", own_words=True)
    assert "party" in things_in("Il presse l'argile dans un moule en deux parties.", "fr")  # a caption may be English



def test_a_sabot_is_a_clog_and_a_horses_sabot_a_hoof():
    # "Les sabots de bois" are wooden clogs, their maker a sabotier; "le sabot de cheval" a hoof; "Zinn" pewter
    assert "clog" in things_in("Les sabots de bois", "fr") and "hoof" not in things_in("Les sabots de bois", "fr")
    assert "hoof" in things_in("Le maréchal-ferrant lève le sabot de cheval.", "fr")
    assert "clog maker" in things_in("Dans les Vosges, le sabotier travaille encore.", "fr")
    assert "pewter" in things_in("Das Zinn schmilzt in einem eisernen Topf.", "de")
    assert "pewter" not in things_in("Canned tuna in an open tin")


def test_a_rug_and_a_carpet_are_one_thing():
    # "os tapetes de Arraiolos" are the rugs a stock site shows as "wool rug"
    assert "carpet" in things_in("Embroiderers stitching a large wool rug") & things_in("Os tapetes de Arraiolos", "pt")
    assert "carpet" in things_in("Un tapis persan", "fr") and "carpet" in things_in("Ein alter Teppich", "de")


def test_stained_glass_a_nutcracker_nougat_and_a_wafer_are_things():
    # "les vitraux" were read as nothing, "Casse-noisette" as no thing (a hyphenated French word no list knew);
    # sandpaper ("carta vetrata") stays no stained glass window
    assert "stained glass window" in things_in("Quand le soleil traverse les vitraux de la cathédrale.", "fr")
    assert "stained glass window" in things_in("Le vetrate della cattedrale", "it")
    assert "stained glass window" in things_in("As vidrieras de la catedral", "es")
    assert "nutcracker" in things_in("Casse-noisette en bois peint dans un atelier", "fr")
    assert "nougat" in things_in("En Jijona se hace turrón desde hace siglos.", "es")
    assert "wafer" in things_in("Cada tableta lleva una oblea fina.", "es")
    line = "Poi la ricopre di gesso e la leviga con la carta vetrata."
    assert "sandpaper" in things_in(line, "it") and "stained glass window" not in things_in(line, "it")


def test_a_spanish_or_portuguese_prensa_alone_is_no_printing_press():
    # "las viejas prensas y los moldes" of a nougat museum are presses of any kind (wine, cheese, nougat); the printing
    # press is "la prensa de imprenta"
    assert "printing press" not in things_in("En el museo del pueblo se ven las viejas prensas y los moldes.", "es")
    assert "printing press" not in things_in("No museu estão as velhas prensas de azeite.", "pt")
    assert "printing press" in things_in("Una prensa de imprenta del siglo XVI.", "es")


def test_what_only_dates_a_moment_is_not_said_to_be_there():
    from videos.llm.lexicon import literal

    for line, gone, kept in [("La notte prima della processione, le squadre disegnano.", "processione", "notte"),
                             ("The morning after the storm, the beach was covered in weed.", "storm", "morning"),
                             ("Am Abend vor dem Umzug schmücken sie die Wagen.", "Umzug", "Wagen"),
                             ("La veille de la fête, on décore l'église.", "fête", "église"),
                             ("La noche antes de la procesión, los vecinos barren la calle.", "procesión", "noche"),
                             ("Na véspera da festa, as ruas enchem-se.", "festa", "ruas"),
                             ("Le vie sono un museo all'aperto.", "museo", "vie")]:
        plain = literal(line)
        assert gone not in plain and kept in plain, line
    # "después" with no "de" is "later"; a comma ends the phrase; "vor" with no moment before it is a place
    for line in ["Dos días después el barco se hundió.", "Poche ore dopo, il vescovo passa.",
                 "Vor dem Rathaus tanzen sie.", "After the storm, the boats went out."]:
        assert literal(line) == line


def test_a_compounds_first_part_that_no_list_knows():
    from videos.llm.lexicon import compound_kind

    assert [(front, thing.english) for front, thing in (compound_kind("Rückepferde", "de"),
                                                       compound_kind("Cranberries", "en"))] == [
        ("rücke", "horse"), ("cran", "berry")]
    # known whole ("Maibaum", a maypole; "lighthouse"), by both parts ("Lawinenhund", "seahorses"), a single word,
    # a language without such compounds: none
    assert not any(compound_kind(word, language) for word, language in [
        ("Maibaum", "de"), ("Lawinenhund", "de"), ("Pferd", "de"), ("Lighthouse", "en"), ("Seahorses", "en"),
        ("Harvest", "en"), ("Throwing", "en"), ("Rückepferde", "fr")])
