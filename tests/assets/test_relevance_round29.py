"""Round 29 of issue 25 (footage that fits the line): each test failed on the code before its change."""

from __future__ import annotations

import re

from assets.relevance import SceneContext, score, script_words, verdict

CRANBERRY_THINGS = frozenset(["berry", "vine", "flood", "reservoir", "bed", "machine", "egg", "waders", "pump",
                              "truck", "harvest", "juice", "fruit", "ice", "frost", "leaf", "crop", "carpet", "worker"])


def test_a_picture_for_the_videos_subject_shows_the_kind_its_titles_compound_names():
    # unseen6 (rounds 27-28): juniper berries were refused under the water reel's line, yet picked in the bench as a
    # picture of the video's subject, the fallback that searches the theme's "berry" and judges it against the title
    # "The Cranberry Harvest": there the title's "cran berry" was not asked for
    scene = SceneContext(line="The Cranberry Harvest", brief="berry", query="berry", broad=True, language="en",
                         title_language="en", theme="berry, vine, flood, reservoir, bed, machine",
                         script_things=CRANBERRY_THINGS)
    juniper, branch, juice = score(scene, ["Juniper berries and a glass of gin", "Juniper berries on a branch",
                                           "Glass of cranberry juice with fresh berries"])[0]
    pool = [juniper.score, branch.score, juice.score]
    assert juniper.kindless == "cran berry" and not verdict(juniper, pool)[0]
    assert branch.kindless and not verdict(branch, pool)[0]
    assert not juice.kindless


def test_a_material_the_line_names_only_as_what_its_object_is_made_of_is_no_picture_of_it_alone():
    # unseen29: under "I ceri sono tre grandi macchine di legno", a wooden shingle roof showed the line's "wood" (from
    # the brief's "wood car"), though the line names wood only as what its objects are made of, as "oak spokes" do
    line = "I ceri sono tre grandi macchine di legno alte quasi cinque metri, ognuna con la statua di un santo in cima."
    scene = SceneContext(line=line, brief="macchine di legno, statua, cima; wood car, statue, mountain peak",
                         subject="La Festa dei Ceri di Gubbio", language="it", theme="race, car, statue, basilica",
                         script_things=frozenset(["race", "car", "wood", "statue", "basilica", "square", "jug"]))
    roof, statues = score(scene, ["Tetto di scandole di legno in montagna",
                                  "The three tall wooden ceri of Gubbio topped with statues of saints"])[0]
    pool = [roof.score, statues.score]
    assert not roof.shows and not verdict(roof, pool)[0]
    assert "statue" in statues.shows


def test_a_titles_noun_no_list_knows_after_its_thing_names_the_kind_of_it_the_video_is_about():
    # unseen29: "Os barcos rabelos do Douro": the rabelos are boats of one kind (the script says "o rabelo", "os
    # rabelos"), so a rowing boat in a harbour is no picture of the video's subject; "La pelota vasca" says only what
    # pelota it is ("vasca" is no noun of the script's)
    script = ["Durante séculos, os barcos rabelos desceram o rio Douro carregados de pipas de vinho do Porto.",
              "O rabelo tem o fundo chato, uma vela quadrada e um longo remo de popa."]
    scene = SceneContext(line="Os barcos rabelos do Douro", brief="boat", query="boat", broad=True, language="en",
                         title_language="pt", theme="boat, river, barrel, wine", script_words=script_words(script),
                         script_things=frozenset(["boat", "river", "barrel", "wine", "oar", "sail"]))
    rowing, regatta = score(scene, ["Men rowing a small boat into a harbour at dawn",
                                    "Regatta of rabelo boats on the Douro in Porto"])[0]
    pool = [rowing.score, regatta.score]
    assert rowing.kindless == "rabelo boat" and not verdict(rowing, pool)[0]
    assert not regatta.kindless
    pelota = ["La pelota vasca se juega contra una pared.", "El pelotari vasco golpea la pelota con la mano."]
    scene = SceneContext(line="La pelota vasca", brief="ball", query="ball", broad=True, language="en",
                         title_language="es", theme="ball, wall, hand", script_words=script_words(pelota),
                         script_things=frozenset(["ball", "wall", "hand"]))
    ball, = score(scene, ["Basque pelota ball on a fronton"])[0]
    assert not ball.kindless


def test_a_thing_the_video_never_names_in_the_wind_is_a_picture_of_that_thing_however_close_it_reads():
    # unseen7 (every round since unseen18's peat): peats drying "in the wind" (+0.039 over a generic clip) were picked
    # under Dieppe's kites "gonflés par le vent", over the inflatable octopus kite; wind is seen only on what it moves
    script = ["Tous les deux ans, des centaines de cerfs-volants envahissent le ciel au-dessus de la plage de Dieppe.",
              "Les plus grands sont gonflés par le vent comme des ballons : une pieuvre de trente mètres, des "
              "poissons, un ours. Il faut parfois cinq personnes pour les retenir au sol."]
    scene = SceneContext(line=script[1], brief="vent, pieuvre, poissons; wind, octopus, fish",
                         subject="Le festival de cerfs-volants de Dieppe (kite, beach)", language="fr",
                         theme="kite, beach, sea, sky, wind", script_words=script_words(script),
                         script_things=frozenset(["kite", "beach", "sea", "sky", "wind", "octopus", "fish", "bear"]))
    peats, octopus = score(scene, ["Peats stacked in small heaps to dry in the wind",
                                   "Giant inflatable octopus kite over the beach"])[0]
    pool = [peats.score, octopus.score]
    assert peats.setting and not verdict(peats, pool)[0]
    assert verdict(octopus, pool)[0]


def test_a_thing_made_of_stone_is_no_other_kind_of_the_lines_thing():
    # unseen18 (since round 18): "Peat fire burning in a stone hearth" was refused under "the peat fire burns in the
    # hearth" as another kind of hearth ("stone" is a thing of the list, as a pebble is), and a wood fire under a
    # maple sugar shack's evaporator was picked instead
    script = ["On the Isle of Lewis, families still cut peat from the moor every spring.",
              "All winter the peat fire burns in the hearth, and the smoke smells sweet across the village."]
    scene = SceneContext(line=script[1], brief="peats, fire, hearth", subject="Cutting peat on Lewis (peat, moor)",
                         language="en", theme="peat, moor, block, spade, fire, hearth",
                         script_words=script_words(script),
                         script_things=frozenset(["peat", "moor", "fire", "hearth", "smoke", "village", "spade"]))
    hearth, = score(scene, ["Peat fire burning in a stone hearth, peat fire, smoke"])[0]
    assert not hearth.other_kind and verdict(hearth, [hearth.score])[0]


def test_a_thing_passed_from_hand_to_hand_shows_no_hand():
    # unseen18: "il pezzo passa di mano in mano" (from one lacemaker to the next) took hands centring clay on a
    # potter's wheel; the set phrase names no hand to show, in any language
    from videos.llm.lexicon import literal

    line = "Un centrino piccolo richiede settimane di lavoro. Ogni donna conosce un solo punto, e il pezzo passa di " \
           "mano in mano."
    scene = SceneContext(line=line, brief="mano, donna; hand, woman", subject="I merletti di Burano (lace, island)",
                         language="it", theme="lace, island, woman, needle", script_things=frozenset(
                             ["lace", "island", "woman", "needle", "hand", "museum"]))
    hands, = score(scene, ["Hands centering clay on a spinning pottery wheel"])[0]
    assert "hand" not in hands.shows and not verdict(hands, [hands.score])[0]
    for said in ("passed from hand to hand", "passe de main en main", "pasa de mano en mano",
                 "passa de mão em mão", "geht von Hand zu Hand"):
        assert not re.search(r"\b(?:hand|main|mano|mão)\b", literal(said), re.IGNORECASE), said


def test_a_material_the_brief_names_only_as_what_an_object_is_made_of_is_no_picture_of_it_alone():
    # unseen29, after the change above: the first line names no "macchine di legno", its brief does ("corsa, macchine
    # di legno; race, wood car"), and the wooden roof moved there
    line = "Ogni anno, il 15 maggio, Gubbio festeggia il suo patrono, Sant'Ubaldo, con la Corsa dei Ceri."
    scene = SceneContext(line=line, brief="corsa, macchine di legno; race, wood car",
                         subject="La Festa dei Ceri di Gubbio", language="it", theme="race, car, statue, basilica",
                         script_things=frozenset(["race", "car", "wood", "statue", "basilica", "square", "jug"]))
    roof, = score(scene, ["Tetto di scandole di legno in montagna"])[0]
    assert not roof.shows and not verdict(roof, [roof.score])[0]
