"""The nouns of a line that the hand-written list of filmable things does not know ("the caber toss", "les
bouquinistes", "auf dünne Oblaten", "enormes figuras"), found by where they stand, not word by word: no tagger
ships offline for six languages, and no list holds every craft's tools and every festival's figures.

A word stands as a noun right after an article, a possessive, a number, a word of quantity ("muchos") or
"de" (past one describing word in
French, Spanish, Italian and Portuguese: "de enormes figuras"); in German, any word with a capital inside a
sentence. Describing words, names, small words and forms of verbs are left out (a describing word before
the noun only when the list knows it as one), and so are the words of the list made from dictionaries, read
where they always were (visual.mentions: in another language than English only where the hand-written list
finds nothing; "Gebläse" read as a blower brought a glass blower under an organ's bellows). Each is kept as
written, as stock sites keep such words ("bouquinistes", "caber", "Oblaten", "mascletà"): a candidate that says
it, in the singular or the plural ("figuras", "figures"), shows that thing of the line (assets.relevance); the
title's such words are searched beside the line's main thing (videos.llm.queries).

Tried and not kept: searching every such word (in English, where the lists hold only filmable nouns, it
searched "first", "minutes", "chance"; in other languages months and centuries); naming it by the English noun
of the lists it is spelt like (semola, semolina; but printemps, printer; entrée, entrecote; sella, saddle); and
the multilingual embedding model reading one word alone, by its spelling ("hoguera" nearest to hoe and hook,
"Maibaum" to beam and bamboo among the list's English nouns), no translation.
"""

from __future__ import annotations

import re
from functools import lru_cache

from videos.llm.lexicon import DETERMINERS, LANGUAGES, LINKS, Thing, fold, forms, generated, lookup, tokens
from videos.llm.visual import Mention, _cities, mentions
from videos.stopwords import STOPWORDS

# English describing words and verb forms, by their endings: no nouns, though an article stands before them
# ("the traditional games", "the famous gathering").
NOT_NOUN_EN = re.compile(r"(?:al|ous|ful|ive|ic|able|ible|est|less|ary|ish|ing|ed|ly|ern|ese|ian)$")
# French, Spanish, Italian and Portuguese articles that are pronouns before a verb too, and those verbs' endings
CLITICS = frozenset(["lo", "los", "la", "las", "le", "les", "l", "li", "o", "os", "a", "as"])
VERB_ENDINGS = {"es": ("an", "en"), "fr": ("ent",), "it": ("ano", "ono"), "pt": ("am", "em")}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words of number and possession that stand before a noun as an article does, and that lexicon.DETERMINERS (read
# for the list's things too) does not hold: "muchos hórreos", "nos bouquinistes", "altri artigiani"
QUANTIFIERS = {
    "en": _words("most few other both such"),
    "fr": _words("nos notre vos votre mes mon ma tes ton ta certains certaines nombreux nombreuses"),
    "es": _words("muchos muchas algunos algunas otros otras pocos pocas nuestro nuestra nuestros nuestras mis tus "
                 "sus todos todas tantos tantas"),
    "it": _words("altri altre pochi poche nostro nostra nostri nostre miei mie tanti tante"),
    "pt": _words("outros outras poucos poucas nosso nossa nossos nossas meus minhas tantos tantas"),
}
WORD_MIN = 5  # shorter words are mostly small words of some language ("marzo" stays, "año" goes)
KIND = "unlisted"


def same_noun(word: str, other: str, language: str = "en", other_language: str = "en") -> bool:
    """Whether two words are one noun in the singular or the plural, in two languages: "figuras" and "figures",
    "Oblaten" and "oblaten", "mascletà" and "Mascleta"."""
    return bool({fold(f) for f in forms(word, language)} & {fold(f) for f in forms(other, other_language)})


def _small(language: str) -> frozenset[str]:
    return STOPWORDS.get(language, frozenset()) | STOPWORDS["en"]


def _stands_as_noun(words: list[str], n: int, language: str) -> bool:
    word = words[n]
    if language == "de":  # a capital inside a sentence, not the second of a name ("Anna Berger")
        name = words[n - 1][:1].isupper() and words[n - 1].lower() not in DETERMINERS["de"] if n else True
        return word[:1].isupper() and not name and word.lower() not in _cities()
    if not word[:1].islower():
        return False
    marks = DETERMINERS.get(language, frozenset()) | LINKS.get(language, set()) | QUANTIFIERS.get(language, frozenset())
    before = words[n - 1].lower() if n else ""
    if before in marks:
        pass
    elif language != "en" and n >= 2 and words[n - 2].lower() in marks and words[n - 1][:1].islower() and \
            words[n - 1].lower() not in _small(language) and _describing(words[n - 1], language):
        pass  # "de enormes figuras": a describing word before the noun
    else:
        return False
    if (before in CLITICS or before in QUANTIFIERS.get(language, ())) and \
            word.lower().endswith(VERB_ENDINGS.get(language, ())):
        return False  # "los pintan", "les vendent", "otros trabajan": a pronoun before a verb
    if language == "en":
        # "the venetian workshop": a word in front of a thing describes it
        after = lookup(words[n + 1], language, generated_too=False) if n + 1 < len(words) else None
        return not NOT_NOUN_EN.search(word.lower()) and (after is None or after.kind == "modifier")
    return True


def _describing(word: str, language: str) -> bool:
    thing = lookup(word, language, generated_too=False)
    return thing is not None and thing.kind == "modifier"


@lru_cache(maxsize=4096)
def unlisted(text: str, language: str) -> tuple[Mention, ...]:
    """The nouns of `text` the hand-written list does not know, each with its English (see the module)."""
    language = language if language in LANGUAGES else "en"
    found: list[Mention] = []
    position = 0
    for sentence in re.split(r"(?<=[.!?…:;])\s+", text):
        words = tokens(sentence, language)
        covered = {n for m in mentions(sentence, language) for n in range(m.position, m.position + len(m.said.split()))}
        for n, word in enumerate(words):
            listed = lookup(word, language, generated_too=False)
            if len(word) < WORD_MIN or not word.isalpha() or word.lower() in _small(language) or \
                    word.lower() in DETERMINERS.get(language, ()) | QUANTIFIERS.get(language, frozenset()) or \
                    not _stands_as_noun(words, n, language) or (listed is not None and not listed.generated):
                continue  # (a German compound the dictionary list knows whole comes back from it: "Maibaum")
            if generated(word, language) is not None or n in covered:
                continue  # the dictionary list's words are read where they always were (visual.mentions):
                # "Gebläse" as a blower would bring glass blowers, "Tropfen" a knob; "cinta transportadora" is one thing
            found.append(Mention(Thing(KIND, word.lower(), word, generated=True), word, word.lower(), position + n,
                                 word=word))
        position += len(words)
    return tuple(found)
