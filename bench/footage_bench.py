"""Footage that shows what the line says: the relevance verdict on a labelled set, and "Find footage"
on the offline writer's scripts against a loose stock server full of look-alikes.

    .venv/bin/python bench/footage_bench.py               # both parts, tuning and unseen texts
    .venv/bin/python bench/footage_bench.py --pairs       # the labelled set only (no database)
    .venv/bin/python bench/footage_bench.py --videos      # the videos only
    .venv/bin/python bench/footage_bench.py --calibrate   # the meaning-only thresholds (two-fold)

Labelled set (tests/data/footage_pairs.jsonl: lines in English, French, Spanish, German and Portuguese with
ambiguous words, each with candidates marked fitting or not): every scene's pool is its candidates
plus popular generic clips, as a real search returns them. It prints the verdict's precision and
recall over the pairs, per language, then per scene: the pick fits, is wrong, or the scene is left
empty; and the worst case, the same scene when the server returns only look-alikes and generic clips.

Videos: the offline writer writes each text of SETS (TEXTS tuned on; the unseen sets each written
before a round of changes); "Find footage" runs with the real code against a fake Pexels on 127.0.0.1 that answers
loosely, in English only, from bench/footage_catalogue.jsonl: items described the way stock sites
describe them, each with the sentences it illustrates (labelled by hand, by their opening words),
look-alikes and generic clips. A pick fits when it illustrates a sentence of its scene, is "on
subject" when it only belongs to the text, and wrong otherwise. CPU is the process time spent
scoring (embedding included), per 60 s of narration; the model's load is printed apart.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import re
import secrets
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
PAIRS = BASE / "tests" / "data" / "footage_pairs.jsonl"
CATALOGUE = BASE / "bench" / "footage_catalogue.jsonl"
TEXTS = {  # file -> (language, catalogue topic); tuned on
    BASE / "bench" / "texts" / "history_printing_press.md": ("en", "printing"),
    BASE / "bench" / "texts" / "science_tides.md": ("en", "tides"),
    BASE / "bench" / "texts" / "list_deep_sea_animals.md": ("en", "deepsea"),
    BASE / "bench" / "texts" / "news_city_bikes.md": ("en", "bikes"),
    BASE / "bench" / "texts" / "story_lighthouse_keeper.md": ("en", "lighthouse"),
    BASE / "bench" / "footage_texts" / "fr_ponts.md": ("fr", "ponts"),
    BASE / "bench" / "texts" / "fr_science_volcans.md": ("fr", "volcans"),
    BASE / "bench" / "footage_texts" / "es_volcanes.md": ("es", "volcanes"),
    BASE / "bench" / "texts" / "es_story_incendio.md": ("es", "incendio"),
    BASE / "bench" / "texts" / "de_story_lawine.md": ("de", "lawine"),
}


def _unseen(name: str) -> dict[Path, tuple[str, str]]:
    """A set of texts written before a round of changes and measured blind, with their catalogue items:
    bench/footage_texts/<set>_<language>_<topic>.md."""
    found = {}
    for path in sorted((BASE / "bench" / "footage_texts").glob(f"{name}_*.md")):
        _, language, topic = path.stem.split("_", 2)
        found[path] = (language, topic)
    return found


# unseen: after the first tuning (tuned on since); unseen2 to unseen5: one set before each later round
# (issue 25), the later ones in Italian too and with a place name that splits into things (Glashütten);
# unseen6: words with a second meaning a stock site knows better (riccio, Lore, pialle, boom); unseen7:
# items described in another language than the line (a Spanish or German caption), as Commons' are.
# unseen7 measured blind at c5f796c: 20 scenes, fitting 10, on subject 5, wrong 2, empty 3, twice 0 (its
# items in the shared catalogue also gave unseen5 one more wrong pick: glowing barbecue coals). After the
# round of footage9 (c1ce902): unseen7 14 fitting, 5 on subject, 1 wrong, 0 empty; all 205 scenes 144 fitting,
# 24 on subject, 7 wrong, 30 empty (before: 138, 24, 11, 32).
# unseen8: Italian, English, Spanish and German texts on crafts and customs (truffle dogs, thatching, human
# towers, cuckoo clocks), words a stock site knows otherwise (cane, reed, ridge, spars, piña, casco, Kuckuck,
# Tannenzapfen) and captions in a third language. Measured blind at 3382d23: 22 scenes, fitting 10, on
# subject 2, wrong 3, empty 7, twice 0. After the round of footage10 (bbc58c0): unseen8 12 fitting, 1 on
# subject, 0 wrong, 9 empty; the 205 scenes of the earlier sets 143 fitting, 24 on subject, 7 wrong, 31 empty
# (before, with unseen8's items in the catalogue: 143, 24, 8, 30); all 227: 155, 25, 7, 40 (before 153, 26, 11, 37).
# unseen9: English, French, German and Italian texts on dry stone walls, lavender, Baltic amber and a Venetian
# gondola yard; words a stock site knows otherwise (foundation, batter, mortar, essence, Harz, Anhänger, ferro,
# denti, baite, gondola lifts) and captions in a third language. Measured blind at 70bd79c: 19 scenes, fitting 7,
# on subject 2, wrong 6, empty 4, twice 0. Its items and unseen10's in the shared catalogue brought the earlier
# 227 scenes from 155, 25, 7, 40 to 152, 25, 12, 38 (fitting, on subject, wrong, empty) at the same code.
# After the round of footage11 (528dc48: nouns from FreeDict and WordNet, a pronoun for the title's thing, one
# thing of the line must read like the video's subject): unseen9 9 fitting, 2 on subject, 5 wrong, 3 empty; the
# 227 earlier scenes 154, 26, 10, 37; all 246: 163, 28, 15, 40 (before 159, 27, 18, 42); pairs precision 0.987,
# recall 0.667 (before 0.988, 0.675).
# unseen10: English, French, Italian and German texts on the salmon run, a bell foundry, the Palio of Siena and
# Black Forest rafting (bear, falls, cloche, moule, campo, palco, Stamm, Wieden). Measured blind at 528dc48: 17
# scenes, fitting 7, on subject 2, wrong 5, empty 3, twice 0.
# unseen11: English, French, Spanish and German texts on throwing a pot, the calanques of Marseille, the cenotes of
# Yucatan and Wuppertal's suspension railway (wheel, rib, foot, glaze, pins, herbiers, pingouins, pozo, rayo, techo,
# Schiene, Beine, Gerüst, Kaiser, Elefant). Measured blind at 2e34ec1 (its items in the catalogue): 16 scenes,
# fitting 10, on subject 2, wrong 3, empty 1, twice 0. Its items brought the 263 earlier scenes to 170, 30, 21, 42
# at the same code. After the round of footage12 (b8e0c5b: nouns for rafts, gondolas, Bahn, pillars, violins; the
# line's object behind another subject, one thing beside an unnamed object, figures of speech, car and gondola
# homonyms, no thing a search adds to the brief): unseen11 13 fitting, 2 on subject, 1 wrong, 0 empty; all 279
# scenes 189, 34, 16, 40 (before 180, 32, 24, 43); pairs precision 0.987, recall 0.658 (before 0.988, 0.675).
# unseen12: English, French, Italian and German texts on making paper by hand, the Carnac alignments, swordfish
# hunting in the Strait of Messina and Erzgebirge nutcrackers (mould, felt, post, press, pulp, blocs, tables,
# soldats, spada, albero, passerella, Drehbank, Bogen, Räucher). Measured blind at b8e0c5b: 16 scenes, fitting 9,
# on subject 0, wrong 6, empty 1, twice 0 (main 2e34ec1 gives the same: what failed there is nouns the lists lack,
# menhir and pesce spada, and the generic "block" and "fish"). Its items in the catalogue, all 295 scenes at b8e0c5b:
# 197 fitting, 34 on subject, 24 wrong, 40 empty (the 279 earlier ones 188, 34, 18, 39).
# unseen13: English, French, Spanish and German texts on Somerset cider, the salt marshes of Guérande, the
# Spanish transhumance and Allgäu wood shingles (cheese, press, toast, trough, œillets, las, sel, cañadas, cencerros,
# mastines, Schindeln, Spalteisen, Zugmesser, Oberstdorfer), written before any run on them. Measured blind at main
# 14f80ed: 16 scenes, fitting 5, on subject 3, wrong 8, empty 0, twice 0; at branch footage13's 56a4737 (not
# merged): 5, 2, 9, 0 (the Oberstdorfer farms are no longer villages, and the roofs' line then takes a sugar shack).
# unseen14: English, French, Spanish and Italian texts on a farrier, a Cognac cooperage, the windmills of Consuegra
# and the lemons of the Amalfi Coast (shoes, nails, files, rasp, forge, rose, cercle, feu, aspas, lona, gigantes,
# molino, reti, pali di castagno, scale, sciroppo), written and labelled (by each paragraph's opening words) before
# any run on them. Measured blind at main 6afcac8: 13 scenes, fitting 8, on subject 1, wrong 3, empty 1, twice 0
# (the on-subject one, the hot shoe in a cloud of smoke for "Pressed hot against the hoof", fits by eye: the label
# names only the paragraph's first sentence; left as labelled).
# Its items in the catalogue, and six items labelled for the other text's line they show by eye (the Consuegra
# windmills both ways, a shepherd with his flock, salt pans from above, a salt worker's rake), all 311 earlier scenes
# at 6afcac8: 201 fitting, 37 on subject, 33 wrong, 40 empty. After the round of footage14 (d1930df: prepositions of
# every caption language, a German caption's nouns no names, the line's thing only qualifying another the video
# never names, a flock of an unnamed animal, a cable car's gondola, swordfish, menhir, organ builder): 206, 40, 26,
# 39, twice 0 (tuning 50/6/3/15, unseen7 14/5/1/0, unseen9 11/4/3/1, unseen11 12/3/0/1, unseen12 11/1/4/0, unseen13
# 7/3/6/0, unseen4 12/6/0/2; the rest unchanged); pairs precision 0.987, recall 0.658 (unchanged). unseen14 measured
# once more at d1930df: 13 scenes, 8, 1, 3, 1, twice 0 (unchanged: a pepper mill for a windmill, olive pickers' nets
# for the lemon nets, maple syrup for limoncello's syrup).
# unseen15: English, German, Spanish and Italian texts on ice fishing, Filder sauerkraut, the cork harvest of
# Extremadura and buffalo mozzarella (hole, auger, shanty, ladle, flag, pike, Kohl, Hobel, Topf, Salz, Stampfer, hacha,
# planchas, pintura, tapones, bufale, fango, latte, bastone, palline, salamoia), written and labelled (by each
# paragraph's opening words) before any run on them; one older item, comté's curds cut in a vat, labelled for the
# mozzarella curd line it shows by eye. Measured blind at b9db3b5 (the code before the round of footage15, its items in
# the catalogue): 15 scenes (the sauerkraut text makes 3), fitting 8, on subject 2, wrong 5, empty 0, twice 0 (fish on
# ice at a fish market, a pine's bark, a nutcracker being painted, wine bottles under the corks' line, a cheesemaker's
# copper vat of milk, which fits the buffalo milk line by eye but is labelled for comté only); all 339 scenes 224, 42,
# 33, 40, twice 0. After the round (ad817a1, 6a0db37: another kind of the line's thing, "pepper mill" under a windmill,
# is a look-alike; the generated nouns' kinds for what a picture shows that the video never names): unseen15 9, 2, 3,
# 1 (no longer blind); all 339 scenes 226, 42, 28, 43, twice 0 (unseen14 8/1/3/1 -> 8/2/0/3, unseen2 8/4/2/1 ->
# 9/4/2/0, tuning 50/6/3/15 -> 50/5/3/16, unseen8 unchanged; no set with more wrong picks); pairs precision 0.987,
# recall 0.658 -> 0.650 (a honey bee under a worker bee's line is now another kind of bee); scoring 0.73-1.19 s CPU per
# 60 s (at most 1.68; load average 3.5-5 on 2 cores).
# unseen16: English, French, Spanish and German texts on hop picking in Kent, Marseille soap, the tuna traps of
# Barbate and Spreewald gherkins (hops, cones, poles, strings, kiln, cowls, pockets, chaudrons, langue, mises, pains,
# cubes, tampon, piles, atunes, laberinto, redes, cuadrado, copo, lomo, Fließe, Kahn, Gurkenflieger, Salzlake, Fass),
# written and labelled (by the opening words of each sentence an item shows) before any run on them; two older items
# labelled for the line they show by eye (the Strait of Gibraltar for the tuna's passage, pickles in brine for the
# sour gherkins). Measured blind at 9100484 (the code of main, its items in the catalogue): 14 scenes (the hops and
# soap texts make 3), fitting 7, on subject 0, wrong 5, empty 2, twice 0 (English 2/0/0/1, German 3/0/1/0, Spanish
# 1/0/2/1, French 1/0/2/0: grape pickers for the Erntehelfer, who are no grape pickers; a trawler's fish for the
# tuna; a fishing boat in a harbour for "En el puerto"; bread dough for the soap's "pâte"; a memorial plaque for the
# soap's "plaques"); the hop garden's own pictures refused as showing nothing the line names (the list knows "hops",
# not "hop"). Its items in the catalogue took the 339 earlier scenes from 226/42/28/43 (round 15) to 218/47/31/43
# at the same code (the hop bines' tractor under the vendange's tractor, a brewery's steel tanks under the olive
# oil's): all 353 scenes 225, 47, 36, 45, twice 0; pairs precision 0.987, recall 0.641.
# unseen17: English, French, Italian and German texts on rope making at Chatham, Ardèche chestnuts, the traditional
# balsamic vinegar of Modena and Beelitz asparagus (strands, yarns, bobbins, hooks, top, twist, bogues, filets, claie,
# farine, crème, marrons, batteria, botti, rame, sottotetto, goccia, cucchiaio, boccette, Erdwälle, Folie, Stecher,
# Kopf, Stange, Messer, Suppe, Spargelkraut; a thing named only by a pronoun: "on les séchait", "miles of it"),
# written and labelled (by the opening words of each sentence an item shows) before any run on them. Measured blind
# at 83e94fc (the code of main b932f3a, its items in the catalogue): 14 scenes (the rope and chestnut texts make 3),
# fitting 9, on subject 0, wrong 3, empty 2, twice 0 (German 1/0/1/2, English 2/0/1/0, French 3/0/0/0, Italian 3/0/1/0):
# an oyster knife for the asparagus cutters' long knife ("Spargel", "Stecher", "Stange" unknown: only "Messer"
# searched), climbing ropes coiled on rocks for the strands laid into a rope ("strands", "top", "grooves" unknown),
# oak cider barrels in a barn for the balsamic barrels in the attic ("sottotetto" unknown); empty: the asparagus
# ridges under foil (searched "field earth"), the spears washed on the farm ("gewaschen" read as "Asche", ash).
# With its items in the catalogue the 353 earlier scenes score 219/45/43/46 at 83e94fc (round 16 recorded 225/47/36/45
# at 9100484 without them; new look-alikes picked: a reservoir's earth dam under the Hallig's "Damm", juniper berries
# and gin under the cranberries' "berries", whisky casks under the cooper's "fût", steel poles under the hops' poles,
# and some of the difference is downloads failing under load, see below): all 367 scenes
# 227, 45, 46, 49, twice 0 (one of them, the chestnut forest's line, empty by a download that failed under load).
# Round 17 (footage17: 8ffc7a8, ba3ef12; the lexicon only, no rule of relevance): plural forms per language (a
# Spanish plural that drops its singular's accent, "atunes", "camiones"; German -nen only after -innen, so "Tonnen"
# are no clay; a lower-case German word no compound, so "gewaschen" is no ash) and the nouns the lists lacked (the
# produce of field and kitchen and what crafts make, in five languages; "Erntehelfer" pickers, not grape pickers;
# French and Spanish "plaque", "placa" a slab first). All 367 scenes 227/45/46/49 -> 237/47/39/44, twice 0; unseen17
# (no longer blind) 8/0/3/3 -> 12/0/2/0 (left wrong: the oyster knife, "Stecher" and "Stange" still unknown; the
# climbing ropes); unseen16 5/0/8/1 -> 9/1/3/1; tuning 50/5/3/16 -> 51/5/2/16 (the fire trucks, "camiones"); the other
# per-set differences (unseen3 17/1/1/2 -> 16/2/1/2, unseen13 7/2/6/1 -> 8/2/6/0, unseen14 one each way, unseen15
# 8/1/4/2 -> 9/1/4/1) are downloads from the fake server that failed under load (machine load average 4.7-7.6) in one
# run or the other: the same queries and candidates, the best fitting one skipped (--verbose now prints an empty
# scene's whole reason). No set with more wrong picks. The same code run again: 237/45/40/45, six scenes otherwise
# (all such downloads, and one scene whose picture they took), among them unseen9 and unseen11 one more wrong pick
# each (the amber jeweller skipped for violins in a workshop; a woodworker's hands for the potter's); so a set's
# figure moves by one either way between two runs at this load. Pairs precision 0.987, recall 0.650 -> 0.658.
# Scoring 0.83-1.39 s CPU per 60 s by set (at most 2.03). Tried and dropped: English nouns that are verbs too, taken
# from the English names the generated list gives other languages' nouns ("cones", "poles", "pockets", "cowls":
# things in the plural where no subject goes before them); it needs a rule in videos/llm/visual.py, outside this
# round's files, and read too many verbs and adjectives as things without that rule ("down", "still", "colour").
# unseen18: Portuguese, English, Italian and German texts on the azulejo tiles of Lisbon, peat cutting on Lewis, the
# lace of Burano and Kiel sprats (the first Portuguese text: fachadas, padrão, contorno, pó de carvão, peças, forno,
# painéis, prédio, caixas; bank, spring, block, pyramids, trailers, stack, hearth; merlettaie, cuscino, ago, filo,
# centrino, punto, colletti, ventagli; Räuchereien, Kutter, Fang, Spieße, Ofen, Haut, Holzkisten, Schwanz), 95 items
# with look-alikes sharing the lines' words and captions in a third language, written and labelled (by the opening
# words of each sentence an item shows) before any run on them; four older items labelled for the line they show by
# eye (a peat bog for the moor, a smokehouse's fish for the Räuchereien, two pottery kilns firing for the "forno").
# Measured blind at 8c25de5 (the code of main 47ef392, its items in the catalogue): 14 scenes (the sprats text makes
# 2), fitting 3, on subject 0, wrong 5, empty 6, twice 0 (Portuguese 0/0/0/5: read as English, only "Lisboa" and
# "século XVIII" searched; German 0/0/2/0, English 2/0/1/0, Italian 1/0/2/1): a pizza oven under the smoking oven,
# oyster huts in a harbour under the Räuchereien, a sugarhouse's wood fire under the peats carried home, a potter's
# hands under "di mano in mano", a sword in a museum under the lace museum. Run again in the full bench at the same
# code: 4/0/4/6 (the German oven scene fitting). All 381 scenes at 8c25de5: 239, 44, 45, 53, twice 0.
# Round 18 (footage18: a430303, 1054b80; the lexicon only): Portuguese its own column (visual_nouns_pt.txt, plural and
# adjective forms, links, articles and contractions, words that need one, compounds) and 1,725 generated nouns from
# FreeDict por-eng and eng-por. unseen18 (no longer blind) 7, 0, 4, 3 (Portuguese 3/0/0/2; the others unchanged); all
# 381 scenes 242, 47, 45, 47, twice 0; the older sets' differences are run-to-run noise (no text of theirs is in
# Portuguese). Pairs, with ten Portuguese lines added: precision 0.953 -> 0.966, recall 0.612 -> 0.634.
# unseen19: Portuguese, French, Spanish and German texts on the calçada of Lisbon, the slate of Trélazé, the Fallas of
# Valencia and Nuremberg Lebkuchen (passeios, praças, joelhos, martelo, areia, maço, ondas, escola; ardoise, carrières,
# blocs, bâches, cabane, ciseau, feuilles, piles, toits; cartón, muñecos, corcho blanco, petardos, peinetas, ramos,
# Virgen, hogueras, bomberos; Gewürze, Handelswege, Honig, Mandeln, Nelken, Oblaten, Blech, Guss, Blechdosen), 94 items
# with look-alikes sharing the lines' words and captions in a third language, written and labelled before any run.
# Measured blind at d73cc17 (the code of main 8909da9): 15 scenes, fitting 5, on subject 1, wrong 6, empty 3 (a
# baker weighing flour, a honey dipper, lavender at a Provence market under the Lebkuchen lines, read as "Nürnberger":
# mountain; cork oaks under "corcho blanco"; peat blocks under the slate splitter's block; ocean waves under "as ondas
# pretas do chão lembram o mar"); in the all-sets run at the same code 6/1/5/3. Its items took the 381 older scenes
# to 233/47/48/53 at that code in a run under heavy load (before, 242-244/47/43-45/47 in other runs; two older scenes
# took a new item wrongly: a slate splitter's hut under the avalanche text's hut, molten iron in a foundry under the
# bell foundry, which fits that line by eye but is labelled for none). Round 19 (footage19: 509c17c, 34c5e8f):
# "reminds of" is a likeness, Portuguese prepositions in captions, "block" a homonym, German town adjectives no
# compounds, the title's dictionary-only thing searched where the line says it again, Portuguese pronouns for the
# title's thing, figures of speech not searched for; dough (Teig, impasto) and polystyrene ("corcho blanco").
# unseen19 (no longer blind) 10/1/0/4 in a run of its own, 7/1/1/6 in the all-sets run (empties: downloads that
# failed under load). All 396 scenes at 34c5e8f, one run each under heavy load (the lead's renders stopped these runs
# at times): before 239/48/53/56, after 237/49/53/57; the first sixteen sets 209/45/38/47 -> 205/45/43/46 (unseen14
# 8/2/1/2 -> 4/3/4/2, unseen11 12/2/0/2 -> 9/2/2/3), the last four 30/3/15/9 -> 32/4/10/11. unseen14 run again
# verbose: 5/3/3/2; its farrier and windmill scenes differ by downloads that failed, but cough syrup under the
# limoncello's syrup passed because the script's theme without "a mano"'s hand let it read like the video (+0.003
# before, refused), and a charcoal kiln came under the cuckoo-clock carver's line once "Hirsche und Vögel" carved
# into the wood were no longer searched: the searches' part of 34c5e8f is taken back (lexicon.literal stays, for
# the verdict). Not run again over all sets after that: the rest of the differences are not told from noise here.
# unseen20: German, English, French and Italian texts on raising the Bavarian Maibaum, the Highland Games at Braemar,
# the bouquinistes of Paris and the dried pasta of Gragnano (Maibaum, Fichte, Rinde, Stamm, Kränze, Zunftzeichen,
# Kran, Stangen, Blaskapelle, Brezen; caber, tree trunk, hammer, cane, pipe bands, kilts, swords, stage; bouquinistes,
# boîtes vertes, parapet, cadenas, gravures, cartes postales, affiches, péniches; semola, grano duro, trafile di
# bronzo, canne, stanze calde, sacchetti di carta), 87 items with look-alikes sharing the lines' words (a crane, a
# Christmas wreath, an English maypole with ribbons, a pole vaulter, a walking cane, a wrecking ball, plumbing
# pipes, ballet dancers, love padlocks, shipping containers, a cargo barge, fishing rods, bamboo canes, egg pasta,
# Naples laundry) and captions in a third language, written and labelled before any run on them. Measured blind at
# db02772 (the code of main): 13 scenes (the German and French texts make 2 each), fitting 6, on subject 1, wrong 6,
# empty 0, twice 0 (German 0/0/2/0, English 2/0/2/0, French 0/0/2/0, Italian 4/1/0/0): resin on a pine's bark under
# the Maibaum and the spruce ("Maibaum" in no list, so the maypoles show nothing the line names), a beaver's tree
# trunk under the painted Stamm and under the caber toss ("caber" in no list), a tug of war at a village fete under
# Braemar's games, old books on library shelves under the bouquinistes, an antique map under "cartes postales".
# Scoring 1.58 CPU-s per 60 s (at most 2.21).
# Round 20 (footage20: 29b184b, 06feec0, 7cdbfb0, b882633): nouns no list knows (videos/llm/unlisted.py: a word
# right after an article, a possessive, a number or "de", or a German capital, that no list has, kept as written) are
# shown by a candidate that says them in the singular or the plural ("figuras"/"figures", "caber", "Oblaten"), and
# searched beside the line's main thing when the title says them too ("Les bouquinistes de Paris"); a vehicle the
# video never names in front of the line's objects, or an animal it never names after "by", is the picture's
# subject (the bulldozer's marble block, the beaver's trunk); Fichte and Tanne are spruce, not pine. Taken back within
# the round (7cdbfb0): every such word searched (English "first", "minutes"; months), the dictionary list's English
# for them ("Gebläse" a blower: a glass blower under an organ's bellows; "Tropfen" a knob; "cinta" a ribbon), English
# nouns by likeness of spelling (printemps/printer, entrée/entrecote). All 409 scenes, one run each, at ce12bff
# (the round's start with unseen20's items) and at b882633: 254/51/53/51 -> 262/53/42/52, twice 0 (unseen6 12/2/4/3
# -> 14/3/2/2, unseen7 12/4/4/0 -> 13/4/3/0, unseen9 9/5/4/1 -> 10/4/2/3, unseen15 9/1/4/1 -> 10/2/2/1, unseen16
# 8/2/3/1 -> 9/2/2/1, unseen19 10/1/0/4 -> 11/1/0/3, unseen20 6/1/6/0 -> 9/1/3/0; worse: unseen10 10/3/2/2 ->
# 10/2/3/2, the bell foundry's molten iron, labelled for no line; unseen11 10/4/1/1 -> 9/6/0/1 and unseen14 8/2/1/2
# -> 7/2/1/3, from searching the title's word: general cenote pictures, whisky casks moved between the cooper's
# scenes). Without the title's words searched, over seven sets (unseen6, 9, 11, 14, 15, 16, 20): 68 fitting, 17
# wrong; with them 68 and 12. unseen20 (no longer blind) 9/1/3/0 in a run of its own too. Pairs: precision 0.966
# -> 0.968, recall 0.627 -> 0.672 (English 0.657 -> 0.743). Scoring 0.64-1.10 CPU-s per 60 s by set (at most 1.86;
# before 0.52-0.92, at most 1.45, in a run beside other work); unseen20 alone 1.91, at most 3.21.
# unseen21: Portuguese, German, English and Spanish texts of 12-13 sentences on the moliceiro boats of Aveiro, Lusatian
# Blaudruck, the coracles of the Teifi and the hórreos of Galicia (moliço, algas, ancinhos, adubo, casco, proa, cisne,
# painel, vela, vara, salinas, ovos moles; Model, Papp, Messingstifte, Küpe, Bad, Säure, Bahnen, Trachten; laths, bowl,
# hide, calico, pitch, paddle, net, sea trout; pies, losa, ratones, rendijas, mazorcas, teja, cruz, carros de bueyes),
# 114 items with look-alikes sharing the lines' words (a swan, Nazaré's fishing boats, a garden rake, soft boiled eggs,
# a fashion model, a bathtub, cardboard, a train, a football pitch, a salad bowl, a paddle board, a calico cat, apple
# pies, bare feet, a computer mouse, popcorn, an Indian ox cart) and captions in a third language, written and
# labelled before any run on them. Measured blind at 4eb6e53 (the code of main db280b1): 25 scenes, fitting 14, on
# subject 1, wrong 5, empty 5, twice 0 (Portuguese 5/0/0/2, German 3/1/1/1, English 5/0/1/0, Spanish 1/0/3/2).
# All 434 scenes at 4eb6e53 (the round's start, unseen21's items in the catalogue): 275, 52, 52, 55, twice 0 (the 409
# older ones 261/51/47/50; four of them took one of unseen21's new items wrongly: a printer dipping a wooden block
# and a printing block with brass pins under the Gutenberg text's printers, which the first fits by eye, seaweed on a
# lagoon's bottom under the salt pans' pink water, paving slabs under the organ pipes' alloy). Round 21 (footage21:
# 9ce5b68, 4062c7d, 8568277, 698c5da, e437ba8): a word of quantity or possession marks a noun no list knows ("muchos
# hórreos", "nos bouquinistes"); a candidate that says the title's noun no list knows shows the video's own thing, as
# one showing a thing the script names elsewhere (the moliceiro's painted panel); a noun no list knows "de" one of the
# line's things is what a candidate names with that thing in front ("las mazorcas de maíz": corn cobs); a part (roof,
# wall, door...) of a building or thing the video never names is another thing's part (a chateau's roof under a
# hórreo's); the line's thing of another material than the line says is another kind (marble slabs under "losas de
# pizarra"); bonfire, firecracker, doll and mallet in the lists (hoguera, petardo, muñeco, maço). All 434 scenes at
# e437ba8, one run each at a load average of 2-5: 275/52/52/55 -> 279/53/50/52, twice 0: unseen21 (no longer blind)
# 14/1/5/5 -> 17/2/4/2 (the same in a run of its own: scoring 2.06 CPU-s per 60 s, at most 2.99), unseen9
# 10/3/3/3 -> 10/4/2/3 (the lavender harvest's machine instead of wheat sheaves),
# unseen19 11/1/0/3 -> 12/1/0/2 (the cremà's burning monument, firecrackers at the mascletà), unseen11 9/6/0/1 ->
# 9/5/0/2 (the closed cenote's line empty, no longer a halocline diver); unseen13's Holzhammer line still wrong, by
# another item (a paver's wooden mallet, was a beaver's trunk); the other 17 sets unchanged scene for scene but for
# one fitting pick exchanged for another. Pairs precision 0.968, recall 0.672 (unchanged). Scoring 0.73-1.47 CPU-s per
# 60 s by set (at most 2.58). Left in unseen21: hay bales in a barn under the first hórreo line (the loose server
# ranks its 15 results by shared words and then by age, so "narrow barn hórreo" brings barns; searching the title's
# word first in the English searches too changed 46 of 507 paragraphs' searches, some into nonsense like "längste
# Gotthard", and was taken back before any run), paving slabs under the pillars' "losa redonda", a canal boat
# with tourists under the coracle's "the boat" (the line's boat is the title's coracle, which no list knows), an
# epoxy river table in a workshop under the cloths' "Bahnen" (read as trains); empty: the hull line (its only thing
# the swan of a likeness), the printer's "hölzernen Model" (a rule reading "a wooden block" for it still fell to the
# homonyms' bar, block and printer both, and let any "wooden X" be the line's: not kept).
# unseen22: French, Italian and English texts of 12 sentences on the santons of Provence, the trabucchi of the Gargano
# and the cheese rolling at Cooper's Hill (argile, moule, presse, éponge, étagères, four, pinceaux, berger, agneau,
# panier, crèche, foire, mousse, moulin; trabucchi, ragni, tronchi, scogli, antenne, rete, argano, banchi, cefali, pali,
# cavi, canapa; bank holiday, slope, case, wheel, finish line, rugby players, ambulance, fence, cows), 89 items with
# look-alikes sharing the lines' words (a daycare crèche, mussels, a kitchen sponge, a German shepherd, a funfair,
# chocolate mousse, a spider, TV antennas, network cables, a volleyball net, a tow truck's winch, school desks, hemp,
# a bank, a car wheel, a marathon's finish line) and captions in a third language, written and labelled before any
# run (two older pottery kilns labelled for the santons' firing). Measured blind at 63e86ff (the round's lexicon
# change de54794 made before the texts were written): 22 scenes, fitting 12, on subject 3, wrong 7, empty 0, twice 0
# (English 5/1/1/0, French 5/0/3/0, Italian 2/2/3/0): cheese moulds in a press under the slope's line, a stone church
# under "quand les églises étaient fermées", a papermaker's mould under the santon's plaster mould ("presse" read as
# a printing press), fish in a smoking oven under the shepherd and the fishwife, a trawler's net under the trabucco's,
# a salt worker under the mullets' line ("resiste al sale"), a rusty steel cable under the broken poles ("pali" read
# as shovels); "agli" (to the) read as garlic. Scoring 1.87 CPU-s per 60 s (at most 2.15).
# Round 22 (footage22: de54794, 30b3d93, b175494; the lexicon only): a German compound whose longer tail is a noun of
# no thing is no thing ("Zunftzeichen" no oaks hidden in "Zeichen", "Brandzeichen" no fire oak, "Maibaumbrauch" no
# smoke, "Eintrittspreis" no rice), nor the word itself ("Hinweis" no ice, "Einfluss" no river); "Bahnen" (lengths of
# cloth, lanes) no trains; Portuguese "cheias" (full) a flood only after an article; a word that counts what follows
# its "de" names that ("um maço de cigarros", "une botte de radis"; "um maço de madeira" stays a wooden mallet); an
# article or a preposition with its article is no thing ("agli scogli" no garlic); an Italian plural in -i is of a
# feminine in -a only for -ista, -ta, -ma nouns ("pali" no shovels); French "presse" a printing press only after an
# article or as "presse d'imprimerie". Over every bench text's paragraphs the round changes the things read in
# unseen7, 14, 20, 21 and 22 only. All 434 earlier scenes at de54794 (the catalogue without unseen22's items, as in
# round 21): 279/53/50/52 -> 280/53/49/52, twice 0 (unseen21 17/2/4/2 -> 18/2/3/2: lengths of indigo cloth under
# "Bahnen", was an epoxy river table; the Maibaum's Zunftzeichen line fitting). At b175494 with unseen22's items,
# all 456 scenes 293/56/58/49, twice 0; the 434 earlier ones 280/53/52/49: unseen10 10/2/3/2 -> 10/2/4/1 and unseen13
# 8/1/6/1 -> 8/1/7/0 take a new item wrongly (the santons' plaster mould under the bell founder's clay mould, the
# nativity crib's moss under the shingle roofs' moss); unseen14 7/2/1/3 -> 7/2/2/2 (cough syrup under the
# limoncello's syrup, a pick that flaps with the script's theme since round 19: here from "pali di castagno" no longer
# read as shovels; reproduced in runs of its own at 2723c55 and b175494), while the same change makes unseen22's broken
# poles line fitting, so it is kept (wrong picks: one less there, one more here). unseen22 (no longer blind) 12/3/7/0 ->
# 13/3/6/0 in the all-sets run and in a run of its own. Pairs precision 0.968, recall 0.672 (unchanged; "presse"
# needing an article had cost the Gutenberg press of a brief without one until "presse d'imprimerie" was listed).
# Scoring 0.71-1.49 CPU-s per 60 s by set (at most 2.18; load average 5-8). Left in unseen22: cheese moulds in a
# press under the slope's line ("Double Gloucester" is a name no search says), a stone church under "quand les
# églises étaient fermées", a papermaker's mould under the santon's plaster mould, fish in a smoking oven under the
# shepherd and the fishwife (the first searches pair things of two clauses, "lamb fish", and the loose server's 15
# results are older fish; "lamb" alone, which finds the santon shepherd, is never sent), a trawler's net under the
# trabucco's net, a salt worker under the mullets' line ("cefali" in no list; "resiste al sale").
# unseen23: German, Spanish, Italian and Portuguese texts of 11-12 sentences on a Black Forest chimney sweep, Basque
# pelota, the masks of Venice and the gold filigree of Gondomar (Leiter, Zylinder, Knöpfe, Kugel, Besen, Ruß, Klappe,
# Eimer, Kachelofen, Kleeblätter, Glücksschweine, Seil; frontón, pelota, corazón, boj, lana, cuero, cesta, muñeca,
# mimbre, tacos, corredores, juez, marcador, faja; stampo, gesso, colla, cartapesta, taglierino, carta vetrata, foglia
# d'oro, piume, becco, medico, telecamere, plastica, marchio; cadinho, barra, fieira, fio, cabelo, laminador, pinça,
# maçarico, ácido, coração, noivas, brincos, rainha, cruzes, Rua das Flores), 147 items with look-alikes sharing the
# lines' words (an engine cylinder, a Christmas bauble, a witch's broom, a clapperboard, a motorway cloverleaf, a piggy
# bank, car exhaust; tacos, runners, a judge's gavel, a heart model, a shopping basket, a handball throw; surgical and
# snorkelling masks, a plaster cast, autumn leaves, a toucan's beak, CCTV cameras; gold bars, electric wire, eyebrow
# tweezers, a welder's blowtorch, a steel rolling mill, heart balloons, a cemetery's crosses, a flower market) and
# captions in a third language, written and labelled before any run (two older items labelled for the new lines by
# eye: Venice Carnival masks, firewood stacked by a cabin). Measured blind at 12d8f75 (the code of main 274fc6d, its
# items in the catalogue): 30 scenes, fitting 12, on subject 3, wrong 9, empty 6, twice 0 (de 2/0/4/1, es 2/1/3/2,
# it 5/2/1/0, pt 3/0/1/3), the same in the all-sets run: a thatched roof under the chimney sweep's roofs, copper and
# steel cables under "Besen aus Draht" and "mit einem Seil" (read as cable), roofs under volcanic ash and a wicker
# picnic basket as pictures of the video's subject (found by the theme's first thing), a stone church under the
# frontón line (the fitting fronton refused: "Basque" read as a place), a hand made glass under "la mano desnuda",
# sewing thread under the goldsmith's "fio", Venice Carnival masks under the factory-made plastic masks. Scoring
# 2.08 CPU-s per 60 s (at most 2.63). All 486 scenes at 12d8f75: 300/58/71/57, twice 0; the 456 earlier ones
# 288/55/62/51 (one took a new item: a wine cellar under the vendanges' cellar; the rest against round 22's 293/56/58/49
# is run-to-run noise, two runs side by side). Round 23 (footage23): 46cf49d (German "aus" + a bare noun is what the
# thing is made of, German possessives before a noun, Seil a rope, a genitive in -es, "hand made"), 426b020 (a picture
# for the video's subject found by its theme's thing must show what the title names, read in the title's language; a
# people's or a calendar word is no place; a village roof no other building's; thread a homonym): all 486 scenes
# 300/58/71/57 -> 308/58/61/59, twice 0, no set with more wrong picks (unseen23, no longer blind, 15/3/3/9; unseen20
# 7/0/6/0 -> 9/0/4/0; unseen10, 19, 21, 22 one better each; unseen12's menhir, on subject, now empty). bb83edd (a
# line read in English only for the words its language does not have: "en deux parties" no party, "il mare" no horse;
# an elided word describes no noun before it: "dall'alto" no tall sea): all 486 scenes 305/61/61/59, twice 0 (wrong
# picks as at 426b020; fitting 3 fewer: the bell foundry's molten iron, wrong at 12d8f75 and fitting at 426b020, as in
# earlier rounds' runs; a cuckoo clockmaker and the Tancarville lorries now on subject, the latter as French "port" no
# longer read as English "port" beside "harbour"); unseen23 15/3/3/9. Scoring 0.73-1.50 CPU-s per 60 s by set (at most
# 2.36). Pairs precision 0.968, recall 0.672 (unchanged). Left in unseen23: a witch's broom under the wire broom, a rope
# maker under the sweep's safety rope, the carnival masks under the factory-made ones; empty: words no list has
# (Schornsteinfeger, Kachelofen as "old oven", pelota only in the dictionary list, maçarico, pinça as tongs, "peça" a
# pad in the dictionary list).
# unseen24: Portuguese, Italian, German and French texts of 11 sentences on the Arraiolos rugs of the Alentejo, the
# trulli of Alberobello, the pewter figures of Dießen and the wooden clogs of the Vosges (tela de juta, lã, ovelhas,
# caldeiras, meadas, varas, agulha, ponto cruzado, cravos, franjas, tanque, vitrina; trulli, pietra a secco, malta,
# cemento, cono, chiancarelle, pinnacolo, cupola, calce, zodiaco, tende, forno a legna, cisterna, alberghi; Zinn, Topf,
# Kelle, Form, Schiefer, Stichel, Reiter, Feile, Pinsel, Lupe, Krippen, Jahrmärkte, Krüge, Teller, Becher; sabotier,
# bouleau, hêtre, noyer, sève, hache, bûche, cuillère, gouge, paroir, établi, poêle, paille, pavés, cheminée), 133 items
# with look-alikes sharing the lines' words (Persian carpets, a steam boiler, a harpsichord and cloves, an army tank and
# a fish tank, knitting yarn, a cross-stitch kit; limes and a lime tree, camping tents, a horoscope, a pizza oven, a
# water tanker, St Peter's dome, Malta's harbour, a cement mixer; tin cans, a bricklayer's trowel, a cake mould, a slate
# roof, plastic soldiers, a show jumper, a Ferris wheel, beer steins, a nail file, solder, a steel mill's ladle; horse
# hooves on cobbles, a brake shoe, a wheel clamp, a yule log cake, a wooden spoon, a frying pan, drinking straws,
# plastic garden clogs, Christmas stockings) and captions in a third language, written and labelled before any run
# (one older item labelled for a new line by eye: molten tin for organ pipes; one new look-alike for an older one: a
# farrier trimming a hoof). Measured blind at 5db0afc: 25 scenes, fitting 9, on subject 1, wrong 9, empty 6, twice 0
# (de 3/0/2/1, fr 1/0/4/0, it 3/1/2/1, pt 2/0/1/4; scoring 2.57 CPU-s per 60 s, at most 3.24). All 511 scenes at
# 5db0afc 314/61/74/62, twice 0 (the 486 earlier ones 305/60/65/56). Round 24 (footage24): dd59f92 (a material alone is
# no thing named by it, "glass" no magnifying glass; scenery naming a place the script never names is elsewhere; a
# caption's "a mano" shows no hand), fe3fe6b (sabot a clog, "sabot de cheval" a hoof, sabotier, Zinn pewter): all 511
# scenes 317/62/66/66, twice 0 (unseen24 13/2/3/7, unseen23 15/3/5/7 -> 15/3/3/9, unseen6 14/3/2/2 -> 13/3/2/3: "the
# North Sea" read as a place "North"); 5b274a9 (compass words no names): unseen6 14/3/2/2, unseen24 13/2/3/7 in a run
# of the two sets. Pairs precision 0.968, recall 0.672 (unchanged). Left in unseen24: a village in the Ardèche
# ("antigos" of the script reads like "Antraigues"), a baker's stone oven (fits by eye, labelled for the bakery only),
# a shingle roof under the cistern line's relative clause.
# unseen25: English, Spanish, French and German texts of 11 sentences on the narrowboats of the English canals, the
# turrón of Jijona, the stained glass of Chartres and the shrimp fishers of Greetsiel (coal, locks, towpath, paddles,
# windlass, gates, balance beam, cabin, stern, roses and castles, tiller, tunnel, banks, bread; almendras, miel, bombos,
# piedras, pasta, caldera, masa, pala, tabletas, oblea, prensas, moldes, polvorones, cava; vitraux, verrier, diamant,
# grisaille, four, plomb, baguettes, rose, taches, dalles, caves, panneaux, coton, projections; Krabbenkutter, Watt,
# Ausleger, Netze, Grund, sieben, Möwen, Kisten, Lastwagen, Küchentisch, Marokko, Brötchen), 124 items with look-alikes
# sharing the lines' words (a padlock, canoe paddles, an anchor windlass, a gymnast's balance beam, a log cabin, red
# roses, Windsor Castle, a garden tiller, a motorway tunnel; a bass drum, a tablet computer, a chocolate bar, Italian
# pasta, a volcanic caldera, a snow shovel, a millstone, sparkling wine; a diamond ring, French baguettes, a garden
# rose, a wine cellar, road signs, a cotton field, a welder, fishing sinkers, a market stall in front of the
# cathedral; a red crab, a tower crane's jib, a flour sieve, a boiling lobster, a goal net, Marrakesh's market, a
# burger bun, king prawns) and captions in a third language, written and labelled before any run (four older items
# labelled for new lines by eye: a swan on a lake, gulls over the sea, honey in jars and on a dipper).
# Measured blind at 798e044 (the code of main 149070f): 21 scenes, fitting 5, on subject 2, wrong 10, empty 4, twice 0
# (de 1/0/4/0, en 3/1/2/0, es 0/1/2/2, fr 1/0/2/2; scoring 5.35 CPU-s per 60 s, at most 6.25, load 5-12): "Krabben"
# read as crabs (three crab pictures), fishing nets drying in a harbour under the cutters' booms, canal boats of
# anywhere as pictures of the video's subject ("canals" of the title), a wood fire under "sobre el fuego", a printing
# press in a museum under "prensas", a tug of war under "Pendant la guerre", a nutcracker in a workshop under the
# restorers' workshop; empty: "vitraux" unknown, "pièces" read as rooms, two scenes whose clips failed to download.
# Round 25 (footage25): 19d6484, c54b1af, 169eea5 (lexicon: stained glass, nutcracker, nougat, wafer, sandpaper;
# "Kutter" tried and taken back; "prensa" alone no printing press), a29b031 (objects in a building are the objects';
# a title's subject before its place; a place's other spelling only in a word the script capitalises), 72ce848 (a
# pronoun stands for the title's subject, not its place).
# unseen26: German, French, Italian and Portuguese texts of 10 sentences on horse logging in the Black Forest, the
# stilt shepherds of the Landes, the Sicilian puppet theatre of Palermo and the drying of salt cod (Kaltblüter,
# Geschirr, Kette, Ortscheit, Zügel, Hafer, Eimer, Lastwagen; échasses, lande, marais, bâton, bas, cape, pins, cour;
# pupi, marionette, armature, ottone, rame, aste, fili, spade, palco, fondale, quinte, testa; lugres, dóris, linha,
# camadas, varais, frota, pilhas, mercearias, couves, Terra Nova), 96 items with look-alikes sharing the lines'
# words (a stack of dishes, a gold chain, a bicycle chain, a cold-blooded lizard, a forestry harvester, a racehorse;
# a stilt bird, a circus stilt walker, a house on stilts, a relay baton, a superhero cape, bowling pins; a garden
# spade, a butterfly pupa, electric wires, a knight's armour in a museum, Prague marionettes, fencers; a pile of
# batteries, a Newfoundland dog, laundry on a clothesline, fresh cod on ice, spools of thread) and captions in a
# third language, written and labelled before any run. Measured blind at main ab6af4d (with 47c0187's clips of at most
# 30 s): 22 scenes, fitting 8, on subject 2, wrong 11, empty 1, twice 0 (de 1/1/3/0, fr 1/0/4/0, it 4/0/2/0, pt
# 2/1/2/1; scoring 2.84 CPU-s per 60 s, at most 3.45).
# Round 26 (foot26): first both codes in full, one after the other, on the 2,333-item catalogue: ac6ac38 (round 24)
# 323/67/75/67, ab6af4d (round 25) 329/64/70/69 (532 scenes, twice 0; unseen3 17/0/2/2 -> 16/1/2/2: a glass furnace in a
# glassworks refused as objects in a building, "Schmelzofen" read as an oven). Then 798b09c (a name no kind of its last
# word: tug of war, shaving horse), 507608a (a French "pièce" no room, an Italian "dipinto" a painting only after an
# article), 1a34c7e (stilt, schooner, draft horse), cc56cb6 (panel), 5b0839a and c1e182d (a subject around three of the
# line's things, with nothing unnamed, is the line's), 168212d (Schmelzofen a furnace). All 554 scenes at c1e182d:
# 342/64/74/74, twice 0 (the 532 older 330/63/69/70; unseen26 12/1/5/4; unseen23 16/2/4/8 by unseen26's sewing thread
# look-alike, as at ab6af4d with the new catalogue). Pairs precision 0.968, recall 0.672 (unchanged).
# unseen27: English, French, Spanish and German texts of 9 sentences on the village wheelwright, the cutlers of
# Thiers, the patios of Córdoba and the Harz miners' canaries (hub, spokes, felloes, tyre, ring, tongs, lathe, elm, ash;
# meule, lame, enclume, corne, abeille, ressort, roues, chiens, ivoire; patios, macetas, caña, bote, pozo, columnas,
# cola, jurado, cantos rodados; Grube, Stange, Roller, Holzbauer, Kraxen, Stube, Schiffe, Richter, Harz), 106 items
# with look-alikes sharing the lines' words (a network hub, bicycle spokes, car tyres, a metal lathe, a ring of fire,
# barbecue tongs, a Ferris wheel; a haystack, a cheese wheel, a French horn, a honey bee, coil springs, ivory tusks;
# a school playground, patio furniture, an oil well, a fishing rod, sugar cane, a beer, a boat, Greek columns, a
# courtroom jury; an electric scooter, a paint roller, a farmer, a gravel pit, a Kölsch glass, amber resin, the Canary
# Islands) and captions in a third language, written and labelled before any run (two older items labelled for new
# lines by eye: a knife sharpener grinding a blade on a wheel, a blacksmith forging a blade on an anvil). Measured
# blind at main 788cf24: 16 scenes, fitting 8, on subject 1, wrong 6, empty 1, twice 0 (de 2/0/2/0, en 2/1/1/0,
# es 1/0/2/1, fr 3/0/1/0; scoring 2.12 CPU-s per 60 s, at most 3.42).
# Round 27 (footage27): 8124a66 (a thing named only to qualify an object, "oak spokes", "la corne de vache"; a
# building's part on a place never named; people anyone could be; a slug cut after a possessive's "s"), c878f97 (an
# object named only as what the line's things are over), 86a9545 (a bare name is the title's two-word kind). unseen27
# 9/1/3/3; all
# 570 scenes at 86a9545 352/65/76/77, twice 0; main's code 3403b01 on the same catalogue 349/65/81/75 (no set more
# wrong; unseen10, unseen22 one wrong each now fitting). Pairs precision 0.968, recall 0.672 (unchanged).
# unseen28: Italian, Portuguese, English and German texts of 5-6 sentences on the Infiorata of Spello, the rooster of
# Barcelos, Up Helly Aa in Lerwick and the Black Forest's disc throwing (tappeti, quadri, gesso, squadre, finocchio,
# museo, asfalto; galo, juiz, peregrino, forno, corações, feira, campo; galley, shed, squad, torches, shields, halls;
# Scheiben, Bank, Sternschnuppen, Hasel, Stroh, Glut), 89 items with look-alikes (a Persian carpet, framed paintings,
# a plaster cast, a football team, fennel bulbs; a farm rooster, roast chicken, a judge's gavel, Camino pilgrims, a
# pizza oven, Valentine hearts, a funfair; a galley kitchen, a garden shed, a police squad, a camping torch; a window
# pane, bread slices, an archery target, a park bench, a bank, a meteor shower, hazelnuts) and captions in a third
# language, written and labelled before any run. Measured blind at main ab5eb40: 17 scenes, fitting 9, on subject 1,
# wrong 4, empty 3, twice 0 (de 1/0/2/1, en 2/1/0/1, it 3/0/2/1, pt 3/0/0/0; scoring 2.05 CPU-s per 60 s, at most 2.90).
# Round 28 (footage28): c47e78f (what only dates a moment; an open-air museum), 7932aa3 (a title's compound with a
# first part no list knows names a kind: Rückepferde, cranberries), 9466023 (German "aus" as "de"; "and"/"or" carry it).
# unseen28 9/1/2/5; all 587 scenes 361/66/78/82, main's code ac5311b on the same catalogue 360/66/82/79 (unseen26 5 -> 3
# wrong, unseen28 4 -> 2; no set more wrong). Pairs precision 0.968, recall 0.672 (unchanged).
# unseen29: Spanish, Portuguese, French and Italian texts of 6 sentences on the Tamborrada of San Sebastián, the rabelo
# boats of the Douro, pétanque in Provence and the Corsa dei Ceri of Gubbio (bandera, cocineros, soldados, tambor,
# barricas, palillos, compañía, marcha; pipas, socalcos, caves, vela, remo, rápidos, juntas de bois, regata; boules,
# platanes, cochonnet, pointer, tireur, carreau, Fanny; ceri, macchine, statua, brocche, capitani, camicia, corsa,
# basilica), 95 items with look-alikes (a flag on a government building, a chef in a kitchen, toy soldiers, a
# washing machine's drum, wine barrels, chopsticks, a protest march; tobacco pipes, candles, rice terraces, rafting in
# rapids, a rowing machine, oxen in a meadow, a yacht regatta; a piglet, a bowling ball, baubles, floor tiles, the ace
# of diamonds, a rifle shooter, a plane taking off, bocce; church candles, vintage racing cars, a water jug, marathon
# runners, shirts, a saint's statue, a ship's captain, St Peter's) and captions in a third language, written and
# labelled before any run (two of its wine-cellar look-alikes labelled for the vendanges' cellar line they show).
# Measured blind at main's code (0c4578c): 20 scenes, fitting 8, on subject 2, wrong 2, empty 8, twice 0 (es 2/1/0/2,
# fr 2/0/0/1, it 2/0/1/3, pt 2/1/1/2; scoring 4.42 CPU-s per 60 s, at most 5.58). All 607 scenes 363/70/85/89.
# Round 29 (footage29): 6debfbe (a picture for the video's subject shows its title's compound kind: unseen6's juniper),
# c315271 and 09f847f (the material of a thing said in one phrase with it, in the line or its brief), 32a24c2 (a
# Romance title's noun no list knows after a thing names its kind: rabelo boat), d78ceff (weather), bd56218 (a stone
# hearth is a hearth), c8043ef (from hand to hand). unseen29 7/2/0/11; all 607 scenes 355/71/78/103 at a load where nine
# scenes' fitting clips failed to download (alone again: unseen2, 3, 14, 15, 28 main's figures exactly, unseen9
# 10/4/2/3 against 9/4/3/3, unseen29 8/2/0/10).
# Pairs precision 0.968, recall 0.672 (unchanged).
SETS = {"tuning": (TEXTS, "Tuning texts"), "unseen": (_unseen("unseen"), "Unseen texts"),
        "unseen2": (_unseen("unseen2"), "Second unseen texts"), "unseen3": (_unseen("unseen3"), "Third unseen texts"),
        "unseen4": (_unseen("unseen4"), "Fourth unseen texts"), "unseen5": (_unseen("unseen5"), "Fifth unseen texts"),
        "unseen6": (_unseen("unseen6"), "Sixth unseen texts"), "unseen7": (_unseen("unseen7"), "Seventh unseen texts"),
        "unseen8": (_unseen("unseen8"), "Eighth unseen texts"),
        "unseen9": (_unseen("unseen9"), "Ninth unseen texts"), "unseen10": (_unseen("unseen10"), "Tenth unseen texts"),
        "unseen11": (_unseen("unseen11"), "Eleventh unseen texts"),
        "unseen12": (_unseen("unseen12"), "Twelfth unseen texts"),
        "unseen13": (_unseen("unseen13"), "Thirteenth unseen texts"),
        "unseen14": (_unseen("unseen14"), "Fourteenth unseen texts"),
        "unseen15": (_unseen("unseen15"), "Fifteenth unseen texts"),
        "unseen16": (_unseen("unseen16"), "Sixteenth unseen texts"),
        "unseen17": (_unseen("unseen17"), "Seventeenth unseen texts"),
        "unseen18": (_unseen("unseen18"), "Eighteenth unseen texts"),
        "unseen19": (_unseen("unseen19"), "Nineteenth unseen texts"),
        "unseen20": (_unseen("unseen20"), "Twentieth unseen texts"),
        "unseen21": (_unseen("unseen21"), "Twenty-first unseen texts"),
        "unseen22": (_unseen("unseen22"), "Twenty-second unseen texts"),
        "unseen23": (_unseen("unseen23"), "Twenty-third unseen texts"),
        "unseen24": (_unseen("unseen24"), "Twenty-fourth unseen texts"),
        "unseen25": (_unseen("unseen25"), "Twenty-fifth unseen texts"),
        "unseen26": (_unseen("unseen26"), "Twenty-sixth unseen texts"),
        "unseen27": (_unseen("unseen27"), "Twenty-seventh unseen texts"),
        "unseen28": (_unseen("unseen28"), "Twenty-eighth unseen texts"),
        "unseen29": (_unseen("unseen29"), "Twenty-ninth unseen texts")}
VERBOSE = "--verbose" in sys.argv
GENERIC = ["busy city street with traffic at rush hour", "abstract particles background, glowing dots",
           "woman working on a laptop in a cafe", "aerial view of a green forest",
           "happy people walking in a shopping mall"]


# --- The labelled set ---------------------------------------------------------------------------

def load_pairs() -> list[dict]:
    return [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line.strip()]


def _pool(texts: list[str]):
    from assets.sources.base import Candidate

    return [Candidate("bench", str(n), "image", 1920, 1080, description=t) for n, t in enumerate(texts)]


def judge_scene(row: dict, texts: list[str]):
    from assets.relevance import SceneContext
    from assets.scoring import score_pool
    from videos.llm.visual import things_in

    # The labelled set has no scripts: the line, its brief and the video's subject stand for the script.
    script = things_in(f"{row['line']} {row['brief']} {row['subject']}", row["lang"])
    scene = SceneContext(line=row["line"], brief=row["brief"], subject=row["subject"], query=row["brief"],
                         language=row["lang"], script_things=script, theme=row["subject"])
    fits, _ = score_pool(_pool(texts), scene=scene, frame=(1920, 1080), scene_seconds=6)
    return fits


def pick(fits) -> int | None:
    fitting = [(f.relevance, n) for n, f in enumerate(fits) if f.fits]
    return max(fitting)[1] if fitting else None


def evaluate_pairs(rows: list[dict], *, show: bool = True) -> dict:
    tally: Counter = Counter()
    per_language: dict[str, Counter] = {}
    for row in rows:
        labelled = [c["text"] for c in row["candidates"]]
        fits = judge_scene(row, labelled + GENERIC)
        lang = per_language.setdefault(row["lang"], Counter())
        for candidate, fit in zip(row["candidates"], fits, strict=False):
            key = ("tp" if candidate["fits"] else "fp") if fit.fits else ("fn" if candidate["fits"] else "tn")
            tally[key] += 1
            lang[key] += 1
        tally["generic_accepted"] += sum(f.fits for f in fits[len(labelled):])
        chosen = pick(fits)
        outcome = "empty" if chosen is None else "wrong" if chosen >= len(labelled) or \
            not row["candidates"][chosen]["fits"] else "fits"
        tally[f"scene_{outcome}"] += 1
        lang[f"scene_{outcome}"] += 1
        negatives = [c["text"] for c in row["candidates"] if not c["fits"]]
        worst = pick(judge_scene(row, negatives + GENERIC))
        tally["lookalike_only_" + ("empty" if worst is None else "wrong")] += 1
        if show and (outcome == "wrong" or worst is not None):
            print(f"   wrong pick: {row['line'][:60]!r}")
    if show:
        _print_tally(tally, per_language, len(rows))
    return tally


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "n/a"


def _print_tally(tally: Counter, per_language: dict[str, Counter], scenes: int) -> None:
    pairs = tally["tp"] + tally["fp"] + tally["fn"] + tally["tn"]
    print(f"Labelled set: {scenes} scenes, {pairs} line-candidate pairs ({PAIRS.relative_to(BASE)})")
    print(f"   verdict: precision {_ratio(tally['tp'], tally['tp'] + tally['fp'])}, recall "
          f"{_ratio(tally['tp'], tally['tp'] + tally['fn'])} (tp {tally['tp']}, fp {tally['fp']}, fn {tally['fn']}, "
          f"tn {tally['tn']}); generic clips accepted: {tally['generic_accepted']}")
    print(f"   scenes: pick fits {tally['scene_fits']}/{scenes} ({tally['scene_fits'] / scenes:.0%}), wrong "
          f"{tally['scene_wrong']}, empty {tally['scene_empty']}")
    print(f"   only look-alikes and generic clips offered: wrong {tally['lookalike_only_wrong']}/{scenes}, "
          f"empty {tally['lookalike_only_empty']}")
    for code, lang in sorted(per_language.items()):
        n = lang["scene_fits"] + lang["scene_wrong"] + lang["scene_empty"]
        print(f"   {code}: precision {_ratio(lang['tp'], lang['tp'] + lang['fp'])}, recall "
              f"{_ratio(lang['tp'], lang['tp'] + lang['fn'])}, scenes fitting {lang['scene_fits']}/{n}, wrong "
              f"{lang['scene_wrong']}")


def calibrate(rows: list[dict]) -> None:
    """Grid search of the verdict's thresholds: the most fitting scenes with no wrong pick (in both
    the normal and the look-alike-only case), on each half, judged on the other."""
    from assets import relevance

    grid = list(itertools.product((0.03, 0.035, 0.04, 0.045, 0.05, 0.06), (0.01, 0.015, 0.02, 0.025, 0.03),
                                  (0.0, 0.01, 0.02, 0.03), (0.04, 0.05, 0.06)))
    folds = [rows[0::2], rows[1::2]]

    def run(subset, values) -> tuple[int, int]:
        relevance.ACCEPT, relevance.FLOOR, relevance.COVER_FLOOR, relevance.SUPPORT_MARGIN = values
        tally = evaluate_pairs(subset, show=False)
        return tally["scene_wrong"] + tally["lookalike_only_wrong"], tally["scene_fits"]

    for n, (train, test) in enumerate((folds, folds[::-1])):
        best = min(grid, key=lambda values: (lambda wrong, fits: (wrong, -fits))(*run(train, values)))
        wrong, fits = run(test, best)
        print(f"fold {n + 1}: best on {len(train)} scenes: ACCEPT, FLOOR, COVER_FLOOR, MARGIN = {best}; "
              f"held out ({len(test)} scenes): fitting {fits}, wrong {wrong}")
    best = min(grid, key=lambda values: (lambda wrong, fits: (wrong, -fits))(*run(rows, values)))
    print(f"all {len(rows)} scenes: {best} -> wrong {run(rows, best)[0]}, fitting {run(rows, best)[1]}")


# --- Videos against a loose server ------------------------------------------------------------

def _django() -> tempfile.TemporaryDirectory:
    workdir = tempfile.TemporaryDirectory(prefix="footage-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "faceless_site.settings")
    os.environ.setdefault("FACELESS_DOTENV", "0")
    os.environ["DJANGO_DEBUG"] = "1"
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(48))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir.name}/bench.sqlite3"
    os.environ["MEDIA_ROOT"] = f"{workdir.name}/media"
    os.environ.pop("REDIS_URL", None)
    # Its own document-store database: searches cached by an earlier run (their links pointing at that
    # run's server) must not decide this run's figures.
    os.environ["MONGODB_DB"] = f"footage_bench_{secrets.token_hex(4)}"
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    return workdir


STOP = frozenset(["a", "an", "the", "of", "in", "on", "at", "to", "and", "or", "with", "for", "by", "from",
                  "over", "under", "into", "its", "their", "his", "her"])


def _stems(text: str) -> set[str]:
    """The words a loose server matches on: lower case, English plurals folded (tides/tide), no
    small words; whole words, so "volcan" (French) finds no "volcano"."""
    found = set()
    for word in re.findall(r"[^\W\d_]+", text.lower()):
        if word in STOP or len(word) < 2:
            continue
        if word.endswith("ies") and len(word) > 4:
            word = word[:-3] + "y"
        elif word.endswith(("ches", "shes", "xes", "sses")):
            word = word[:-2]
        elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
            word = word[:-1]
        found.add(word)
    return found


CLIP_SECONDS_MAX = 30.0


def clip_seconds(n: int) -> float:
    """The n-th catalogue clip's length, in the search's answer and in the file alike, as Pexels gives
    them. Past 30 s a clip only costs encoding time: the length score is the clip's share of the
    scene's seconds, capped at 1, and no scene runs 30 s, so every clip ranks as it did when the
    newest items ran 200-240 s (and their encoding outlasted its limit under load, so fitting clips
    failed to download and their scenes fell empty)."""
    return min(8.0 + n / 10, CLIP_SECONDS_MAX)


def _loose_pexels(catalogue: list[dict]):
    """A fake Pexels that answers the way the real one does on an ordinary day: the popular clips it
    returns for any search first, then every item that shares a word with the query (its hidden
    tags included), most shared words first; 15 a page. Photos carry `alt` (empty for some) and the
    page slug; videos only the slug. It understands English only: a query in another language finds
    the items whose words happen to be spelt the same ("lava", "port")."""
    from tests.fakes.stock_servers import PexelsHandler, StockItem

    # Each its own file (a photo its own colour, a clip its own label): the same file under two ids
    # would be one asset, counted as shown twice.
    items = []
    for n, entry in enumerate(catalogue):
        video = entry["kind"] == "video"
        items.append(StockItem(1000 + n, "video" if video else "image", *((1280, 720) if video else (1920, 1080)),
                               seconds=clip_seconds(n), words=entry["alt"], label=f"bench-{1000 + n}",
                               color=f"#{(n * 2654435761) % 0xFFFFFF:06x}"))
    words = [_stems(entry["alt"] + " " + " ".join(entry["tags"])) for entry in catalogue]

    class LoosePexels(PexelsHandler):
        LIMIT = 100_000

        def route(self, recorded):
            self.query_words = _stems(" ".join(recorded.query.get("query", [""])))
            return super().route(recorded)

        def items(self, kind: str):
            popular = [i for i, e in zip(items, catalogue, strict=True) if e.get("popular") and i.kind == kind]
            shared = [(len(self.query_words & w), n) for n, w in enumerate(words)
                      if items[n].kind == kind and not catalogue[n].get("popular") and self.query_words & w]
            return (popular + [items[n] for _, n in sorted(shared, key=lambda pair: (-pair[0], pair[1]))])[:15]

        def video(self, item):
            answer = super().video(item)
            answer["url"] = f"https://www.pexels.com/video/{_slug(catalogue[item.id - 1000]['alt'])}-{item.id}/"
            return answer

        def photo(self, item):
            entry = catalogue[item.id - 1000]
            answer = super().photo(item)
            answer["url"] = f"https://www.pexels.com/photo/{_slug(entry['alt'])}-{item.id}/"
            if entry.get("alt_missing"):  # no alt text, and a page slug of a few words only
                answer["alt"] = ""
                answer["url"] = f"https://www.pexels.com/photo/{_slug(entry['alt'], 3)}-{item.id}/"
            return answer

    return items, LoosePexels


def _slug(text: str, words: int = 12) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", plain)[:words])


def judge(entry: dict, narration: str, topic: str) -> str:
    """"fits" when the item shows what one of the scene's sentences says (labelled by hand, by the
    sentence's opening words), "on subject" when it belongs to the text only, "WRONG" otherwise."""
    if any(opening in " ".join(narration.split()) for opening in entry.get("fits", [])):
        return "fits"
    return "on subject" if entry["topic"] == topic else "WRONG"


def run_videos(texts: dict[Path, tuple[str, str]], label: str) -> Counter:
    from assets import relevance
    from assets.scoring import scene_seconds
    from assets.services import footage_match
    from tests.factories import make_channel, make_video
    from videos.services.writing import script_write

    catalogue = [json.loads(line) for line in CATALOGUE.read_text(encoding="utf-8").splitlines() if line.strip()]
    totals: Counter = Counter()
    per_language: dict[str, Counter] = {}
    cpu_per_minute = []
    for path, (language, topic) in texts.items():
        channel = make_channel(footage_sources=["pexels"], language=language, niche="", aspect_ratio="16:9")
        video = make_video(channel=channel, topic="", source_text=path.read_text(encoding="utf-8"))
        script = script_write(video=video)
        before = relevance.USAGE["score_seconds"]
        scenes = footage_match(video=video)
        cpu = relevance.USAGE["score_seconds"] - before
        seconds = sum(max(2.0, len(s.narration.split()) / 2.5) for s in scenes)
        if (longest := max(scene_seconds(s.narration, None) for s in scenes)) > CLIP_SECONDS_MAX:
            print(f"   (a scene of ~{longest:.0f} s: longer than the bench's clips, so their length counts)")
        cpu_per_minute.append(cpu * 60 / seconds)
        counts, used = Counter(), Counter()
        print(f"== {path.name} ({language}): {len(scenes)} scenes, {script.title!r}")
        for scene in scenes:
            scene.refresh_from_db()
            outcome, shown = "empty", ""
            if scene.asset_id:
                entry = catalogue[int(scene.asset.provider_id) - 1000]
                used[scene.asset.provider_id] += 1
                shown = entry["alt"]
                outcome = judge(entry, scene.narration, topic)
            counts[outcome] += 1
            print(f"   {outcome:10} {scene.narration[:58]!r:62} -> {shown[:50] or scene.footage_reason[:90]}")
            if VERBOSE:
                if not scene.asset_id:  # in full: a download that failed under load is no verdict on relevance
                    print(f"      reason {scene.footage_reason}")
                english = getattr(scene, "english_queries", [])
                print(f"      queries {scene.footage_queries} {english}, brief {scene.visual_brief!r}")
                picked = [c for c in scene.footage_candidates
                          if scene.asset_id and str(c.get("provider_id")) == scene.asset.provider_id]
                for c in picked[:1]:
                    print(f"      picked {c['score']:.3f} {c['description'][:50]!r}: {c['verdict']}")
                if outcome in ("empty", "WRONG", "on subject"):
                    for c in scene.footage_candidates[:4]:
                        print(f"      {c['score']:.3f} {c['fits']!s:5} {c['description'][:50]!r}: {c['verdict']}")
        counts["twice"] = sum(n - 1 for n in used.values() if n > 1)
        print(f"   fits {counts['fits']}, on subject {counts['on subject']}, wrong {counts['WRONG']}, "
              f"empty {counts['empty']}, shown twice {counts['twice']}; scoring CPU {cpu:.2f} s for "
              f"~{seconds:.0f} s of narration ({cpu * 60 / seconds:.2f} s per 60 s)")
        counts["scenes"] = len(scenes)
        totals.update(counts)
        per_language.setdefault(language, Counter()).update(counts)
    print(f"\n{label}: scenes, fitting, on subject, wrong, empty, shown twice")
    for code, lang in [*sorted(per_language.items()), ("ALL", totals)]:
        n = lang["scenes"]
        print(f"   {code:4} {n:3}  fitting {lang['fits']:3} ({lang['fits'] / n:4.0%})  "
              f"on subject {lang['on subject']:2}  wrong {lang['WRONG']:2}  empty {lang['empty']:2}"
              f"  twice {lang['twice']}")
    print(f"   scoring CPU per 60 s of narration: mean {sum(cpu_per_minute) / len(cpu_per_minute):.2f} s, max "
          f"{max(cpu_per_minute):.2f} s; texts embedded so far {relevance.USAGE['embedded']}")
    return totals


def run_all(names: list[str]) -> None:
    workdir = _django()
    from django.conf import settings

    from assets import relevance
    from tests.fakes.server import FakeServer

    catalogue = [json.loads(line) for line in CATALOGUE.read_text(encoding="utf-8").splitlines() if line.strip()]
    items, handler = _loose_pexels(catalogue)
    with FakeServer(handler) as pexels:
        pexels.state.data.update(key="bench-key", items=items)
        settings.PEXELS_BASE_URL, settings.PEXELS_API_KEY = pexels.url, "bench-key"
        settings.FOOTAGE_MAX_WAIT_SECONDS = 0
        # Pexels' own budget is 200 an hour: the figures below say how many searches a scene costs.
        settings.PEXELS_RATE_LIMIT_PER_HOUR = 100_000
        relevance.model()
        print(f"Model load: {relevance.USAGE['load_seconds']:.2f} s CPU (once per process)")
        for name in names:
            pexels.state.data["used"] = 0
            run_videos(*SETS[name])
            print(f"   searches sent to the stock server: {pexels.state.data.get('used', 0)}")
    workdir.cleanup()
    _drop_documents()


def _drop_documents() -> None:
    from django.conf import settings

    from faceless_site import docstore

    with contextlib.suppress(Exception):  # no document store running: nothing was cached
        docstore.get_client().drop_database(settings.MONGODB_DB)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", action="store_true", help="the labelled set only")
    parser.add_argument("--calibrate", action="store_true", help="search the verdict's thresholds")
    parser.add_argument("--verbose", action="store_true", help="the best candidates of empty and wrong scenes")
    parser.add_argument("--tuning", action="store_true", help="the tuning texts only, not the unseen ones")
    parser.add_argument("--videos", action="store_true", help="the videos only, not the labelled set")
    parser.add_argument("--no-unseen2", action="store_true", help="the tuning texts and the first unseen set only")
    parser.add_argument("--only", default="", help=f"comma-separated sets: {', '.join(SETS)}")
    args = parser.parse_args()
    names = args.only.split(",") if args.only else ["tuning"] if args.tuning else \
        ["tuning", "unseen"] if args.no_unseen2 else list(SETS)
    if unknown := [name for name in names if name not in SETS]:
        parser.error(f"no set called {', '.join(unknown)}; the sets are {', '.join(SETS)}")
    rows = load_pairs()
    started = time.process_time()
    if args.calibrate:
        calibrate(rows)
        return
    if not args.videos:
        evaluate_pairs(rows)
        print(f"   ({time.process_time() - started:.1f} s CPU)")
    if not args.pairs:
        run_all(names)


if __name__ == "__main__":
    main()
