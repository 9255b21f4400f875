"""Writes visual_nouns_generated.tsv: the filmable nouns of German, French, Spanish, Italian and Portuguese that
the hand-written list (visual_nouns.txt) does not know, each with its English name, from Debian's
FreeDict dictionaries and WordNet. Run again after a change here:

    apt-get install wordnet-base dict-freedict-deu-eng dict-freedict-fra-eng dict-freedict-ita-eng \
        dict-freedict-spa-eng dict-freedict-eng-fra dict-freedict-eng-ita dict-freedict-eng-spa \
        dict-freedict-por-eng dict-freedict-eng-por
    .venv/bin/python -m videos.llm.visual_nouns_make

A word is kept when a translation of it is a noun whose WordNet senses include a thing a camera can
film (an artifact, an animal, a plant, a natural object, a food or a substance; not a place's part
like "top", not a person's role like "adherent", not a body part like "hand") in its most common
sense, or in its second when the first is a colour (amber). Only the word's first article in the
dictionary counts ("Schweizer" is Swiss before it is a milker; "Anhänger" an adherent), and from an
English-to-other dictionary only the main equivalent. The first such translation is its English
name, unless it has many meanings and a later one of the same article fewer ("bow, prow": prow).
The English names found so are listed too, for English text and the stock sites' descriptions,
unless they are verbs or adjectives too ("log", "hull", "hanging", "female"). Names ("Alps") and the
words the hand-written list calls ambiguous ("zwei Uhr") are left to it. The file is data, made by
this script; no list was copied by hand.
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

DICTD = Path("/usr/share/dictd")
WORDNET = Path("/usr/share/wordnet")
OUT = Path(__file__).with_name("visual_nouns_generated.tsv")
# WordNet's lexicographer files of things a camera can film, and the kind each gives in the list.
LEXNAMES = {6: "thing", 5: "animal", 20: "plant", 17: "thing", 13: "thing", 27: "thing"}
ATTRIBUTE = 7  # noun.attribute: a colour ("amber", "ivory")
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
SOURCES = {"de": ["deu-eng"], "fr": ["fra-eng", "eng-fra"], "es": ["spa-eng", "eng-spa"], "it": ["ita-eng", "eng-ita"],
           "pt": ["por-eng", "eng-por"]}
# Verbs look like this in the languages whose dictionaries here tell no part of speech: "pescare" is no fish.
# The languages whose dictionaries' English names are listed for English text too. Not Portuguese's: its
# dictionaries are in good part a medical glossary, and would make "device", "setup", "honesty" and
# "benjamin" things of every English line and caption.
ENGLISH_FROM = ("de", "fr", "es", "it")
# Dictionaries that tell no part of speech and whose English is an adjective as often as a noun: such a
# translation makes no noun of the word. (Italian's and Spanish's tell none either; left as they were.)
UNTAGGED = ("pt",)
INFINITIVE = {"fr": ("er", "ir", "oir"), "es": ("ar", "er", "ir"), "it": ("are", "ere", "ire"),
              "pt": ("ar", "er", "ir", "pôr")}


def _number(text: str) -> int:
    value = 0
    for char in text:
        value = value * 64 + B64.index(char)
    return value


def entries(name: str) -> list[tuple[str, str]]:
    """(headword, article text) of a dictd dictionary, in its order."""
    with gzip.open(DICTD / f"freedict-{name}.dict.dz") as packed:
        data = packed.read()
    found = []
    for line in (DICTD / f"freedict-{name}.index").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and not parts[0].startswith("00"):
            start, size = _number(parts[1]), _number(parts[2])
            found.append((parts[0], data[start:start + size].decode("utf-8", "replace")))
    return found


def _first_articles(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Each headword's first article, one without a field's label ("[arch.] base") when it has one:
    "Fuß" is a foot before it is an architect's base."""
    articles: dict[str, list[str]] = {}
    for headword, article in found:
        articles.setdefault(headword, []).append(article)
    return [(headword, next((a for a in texts if "[" not in a.split("\n", 2)[1][:3]), texts[0]))
            for headword, texts in articles.items()]


def wordnet_senses() -> dict[str, list[int]]:
    """Each noun's senses, most common first, as lexicographer file numbers; none for a name ("Alps",
    "Orion": WordNet writes them with a capital)."""
    lexfile: dict[str, int] = {}
    names: set[str] = set()
    common: set[str] = set()
    for line in (WORDNET / "data.noun").read_text(encoding="utf-8", errors="replace").splitlines():
        if line[:1].isdigit():
            offset, number, _, count, *rest = line.split(" ")
            lexfile[offset] = int(number)
            for lemma in rest[:2 * int(count, 16):2]:
                (names if lemma[:1].isupper() else common).add(lemma.replace("_", " ").lower())
    senses: dict[str, list[int]] = {word: [] for word in names - common}
    for line in (WORDNET / "index.noun").read_text(encoding="utf-8").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split()
        count = int(fields[2])
        senses.setdefault(fields[0].replace("_", " "), [lexfile[o] for o in fields[-count:] if o in lexfile])
    return senses


def _translations(article: str) -> list[str]:
    """The English words of a FreeDict article, in order: what follows the headword line, without
    notes, examples, cross-references, labels in brackets and part-of-speech marks."""
    found = []
    for line in article.splitlines()[1:]:
        line = line.strip()
        if not line or line.startswith(("see:", "Synonym", "Note:", '"', "Antonym")):
            continue
        line = re.sub(r"^\d+\.\s*", "", re.sub(r"\[[^]]*\]|<[^>]*>|\([^)]*\)", "", line))
        found += [word.strip().lower() for word in line.split(",") if word.strip()]
    return found


def _noun_article(article: str, language: str) -> bool:
    head = article.split("\n", 1)[0]
    marks = re.findall(r"<([^>]*)>", head)
    if marks:
        return any("n" in [m.strip() for m in mark.split(",")] for mark in marks)
    return True  # no part of speech given (Italian, Spanish): the translation's senses decide


def concrete(word: str, senses: dict[str, list[int]], depth: int) -> str | None:
    """The kind of list entry `word` makes when one of its `depth` most common senses is filmable."""
    for number in senses.get(word, [])[:depth]:
        if number in LEXNAMES:
            return LEXNAMES[number]
    return None


def _lemmas(part: str) -> set[str]:
    return {line.split()[0].replace("_", " ") for line in (WORDNET / f"index.{part}").read_text(
        encoding="utf-8").splitlines() if not line.startswith(" ")}


def _verb(word: str, verbs: set[str]) -> bool:
    """A verb, or a verb's -ing or -ed form ("log", "hanging", "painted")."""
    stems = [word]
    for ending in ("ing", "ed"):
        if word.endswith(ending):
            stem = word[: -len(ending)]
            stems += [stem, stem + "e", stem[:-1]]
    return any(stem in verbs for stem in stems)


def filmable(word: str, senses: dict[str, list[int]]) -> str | None:
    """The kind of thing `word` names when its most common sense is filmable, or its second when the
    first is the colour named after it: "amber" the resin, not "work", "corner" or "six" (a card)."""
    colour = (senses.get(word) or [0])[0] == ATTRIBUTE
    return concrete(word, senses, 1) or (concrete(word, senses, 2) if colour else None)


def generate() -> list[tuple[str, str, str, str]]:
    from videos.llm.lexicon import AMBIGUOUS, forms, word_index
    from videos.llm.text import STOPWORDS

    senses = wordnet_senses()
    # An English word that is a verb too ("log", "hull") reads as a thing only where the hand-written list says so.
    verbs = _lemmas("verb")
    # ... and one that is an adjective too ("female lobster") only when it names a colour after its matter (amber).
    adjectives = {word for word in _lemmas("adj") if (senses.get(word) or [0])[0] != ATTRIBUTE}
    rows: dict[tuple[str, str], tuple[str, str]] = {}
    english: dict[str, str] = {}
    decided: set[tuple[str, str]] = set()  # a word's first article in the dictionary decides what it is
    for language, names in SOURCES.items():
        single, _, _ = word_index(language)
        stop = STOPWORDS.get(language, frozenset())
        hand = AMBIGUOUS.get(language, frozenset())  # the hand-written list's to judge ("zwei Uhr")
        for name in names:
            reverse = name.startswith("eng-")
            for headword, article in _first_articles(entries(name)) if not reverse else entries(name):
                # The dictionary's first meaning only: "Schweizer" is Swiss before it is a milker; from English,
                # the word's main equivalent only (the first).
                pairs = [(native, headword.lower()) for native in _translations(article)[:1]] if reverse else \
                    [(headword, english_word) for english_word in _translations(article)] \
                    if _noun_article(article, language) else []
                best: tuple[str, str, str] | None = None
                for native, english_word in pairs:
                    key = native.lower()
                    if " " in key or len(key) < 3 or key in stop or (language, key) in decided or key in hand or \
                            any(f in single for f in forms(key, language)) or \
                            (language in INFINITIVE and key.endswith(INFINITIVE[language])) or \
                            not re.fullmatch(r"[^\W\d_]+", key):
                        continue
                    kind = filmable(english_word, senses)
                    if kind is None or len(english_word.split()) > 2:
                        continue
                    if language in UNTAGGED and english_word in adjectives:
                        continue  # "aconchegante" cozy, "afastado" remote, "único" sole: adjectives
                    # "bow, prow": a word of many meanings gives way to a later one of few in the same article.
                    if best is None or (len(senses[best[1]]) > 3 and len(senses[english_word]) < len(senses[best[1]])):
                        best = (key, english_word, kind)
                if not reverse:
                    decided.add((language, headword.lower()))
                if best is None:
                    continue
                key, english_word, kind = best
                decided.add((language, key))
                rows[(language, key)] = (english_word, kind)
                if language in ENGLISH_FROM and len(english_word) >= 3 and english_word not in STOPWORDS["en"] and \
                        not _verb(english_word, verbs) and english_word not in adjectives:
                    english[english_word] = kind
    en_single, _, _ = word_index("en")
    out = [(language, native, word, kind) for (language, native), (word, kind) in sorted(rows.items())]
    out += [("en", word, word, kind) for word, kind in sorted(english.items())
            if not any(f in en_single for f in forms(word, "en")) and word not in AMBIGUOUS["en"]]
    return out


def main() -> None:
    rows = generate()
    header = ("# Made by videos/llm/visual_nouns_make.py: language, word, English, kind. From the FreeDict\n"
              "# dictionaries (FreeDict contributors, GPL-2+, freedict.org) and WordNet 3.0 (Princeton University,\n"
              "# WordNet 3.0 licence), as Debian packages them.\n")
    OUT.write_text(header + "".join("\t".join(row) + "\n" for row in rows), encoding="utf-8")
    print(f"{len(rows)} rows -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
