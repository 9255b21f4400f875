"""Keyphrases: the concrete noun phrases of a text ("Bay of Fundy", "spring tides", "full moon over
the sea"), for footage searches and tags. yake ranks candidate phrases statistically; its fragments
("Fundy rises higher", "Moon pulls") are dropped by shape, judged from how the text itself uses each
word (after "the" it is a thing, after "it" a verb), since no part-of-speech model ships offline.
Japanese and Chinese phrases are runs of kanji and katakana."""

from __future__ import annotations

import re
from collections import Counter

from videos.llm.text import CJK, CJK_RUN, STOPWORDS, ensure_period, words


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


CJK_PARTICLES = frozenset("のはがをにでとへもや")
# A word right after one of these is used as a noun ("the tide", "their boats"); right after one of
# the VERB_MARKERS it is used as a verb ("it pulls", "to climb"). Together they tell "spring tides"
# (a phrase to search footage for) from "Moon pulls" (a clause yake also offers).
NOUN_MARKERS = {
    "en": _wordset("""the a an its his her their our your my this that these those every each some many several
        few no any two three four five six seven eight nine ten twelve hundred thousand"""),
    "es": _wordset("el la los las un una unos unas su sus este esta estos estas cada"),
    "fr": _wordset("le la les l un une des du au aux sa son ses leur leurs ce cette ces chaque"),
    "it": _wordset("il lo la i gli le l un uno una suo sua suoi sue questo questa questi queste ogni"),
    "pt": _wordset("o a os as um uma uns umas seu sua seus suas este esta estes estas cada"),
}
VERB_MARKERS = {
    "en": _wordset("""i you he she it we they which who that to will would can could may might must should does
        did do not also then still just often never always are is was were be been has have had"""),
    # With the modal verbs an infinitive follows ("puede reunir", "peut réunir").
    "es": _wordset("se no lo le les que puede pueden podía podían debe deben suele suelen quiere quieren"),
    "fr": _wordset("il elle ils elles on ne se qui peut peuvent pouvait doit doivent veut veulent"),
    "it": _wordset("si non che ne ci mi ti li lo può possono deve devono vuole vogliono"),
    "pt": _wordset("se não que lhe lhes pode podem deve devem quer querem"),
}
# Number words: a count is never the thing a phrase is about ("reunir cincuenta mil abejas" is no
# phrase to search footage for; "abejas" is). English's are in NOT_THINGS below.
NUMBER_WORDS = _wordset("""
    dos tres cuatro cinco seis siete ocho nueve diez once doce veinte treinta cuarenta cincuenta sesenta
    setenta ochenta noventa cien ciento cientos mil millón millones
    deux trois quatre cinq six sept huit neuf dix onze douze vingt trente quarante cinquante soixante cent
    cents mille million millions milliard milliards
    zwei drei vier fünf sechs sieben acht neun zehn elf zwölf zwanzig dreißig vierzig fünfzig hundert
    tausend million millionen milliarde milliarden
    due tre quattro cinque sei sette otto nove dieci venti trenta quaranta cinquanta cento mille milione
    milioni
    dois duas quatro cinco seis sete oito nove dez vinte trinta quarenta cinquenta cem mil milhão milhões""")
SUBJECT_OF = _wordset("is are was were has have had can will would could does did")


# Object pronouns the Romance languages put before a verb, the same words as their articles: at the
# sentence's end, "le traversent" is no thing called "traversent".
_CLITICS = {"fr": frozenset({"le", "la", "les"}), "es": frozenset({"lo", "la", "los", "las"}),
            "it": frozenset({"lo", "la", "li", "le"}), "pt": frozenset({"o", "a", "os", "as"})}
_PLURAL_VERB_ENDINGS = {"fr": ("ent",), "es": ("an", "en", "aron", "ieron"), "it": ("ano", "ono", "arono", "irono"),
                        "pt": ("am", "em", "aram", "eram")}


def _usage(sentences: list[str], language: str) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """How each word (lower case) is used: after a noun marker, after a verb marker, and
    capitalised where it does not begin the sentence."""
    as_noun: Counter[str] = Counter()
    as_verb: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    nouns, verbs = NOUN_MARKERS.get(language, frozenset()), VERB_MARKERS.get(language, frozenset())
    for sentence in sentences:
        tokens = words(sentence)
        for position, token in enumerate(tokens):
            lower = token.lower()
            before = tokens[position - 1].lower() if position else ""
            if language in _CLITICS and before in _CLITICS[language] and position == len(tokens) - 1 and \
                    lower.endswith(_PLURAL_VERB_ENDINGS[language]):
                as_verb[lower] += 1  # "des véhicules le traversent": an object pronoun, then its verb
                continue
            if before in nouns or (position > 1 and tokens[position - 2].lower() in nouns
                                   and ("-" in before or before.endswith(("al", "ful", "ic", "ous", "ive", "ern",
                                                                        "est")))):
                as_noun[lower] += 1
            if before in verbs:
                as_verb[lower] += 1
            after = tokens[position + 1].lower() if position + 1 < len(tokens) else ""
            if language == "en" and after in SUBJECT_OF and before not in verbs:
                as_noun[lower] += 1  # "the vampire squid is": the subject of a verb is a thing
            if position and token[:1].isupper():
                capitalised[lower] += 1
    return as_noun, as_verb, capitalised


NAME = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s+(?:(?:of|the|de|del|la|las|los|von|van|der|du|des)\s+)*"
                  r"[A-ZÀ-ÖØ-Þ][\w'’-]+)+")
# Words that are never the things a phrase is about (English): numbers, days and months, adverbs
# of place, and past tenses that do not end in -ed.
NOT_THINGS = _wordset("""one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds
    thousand thousands million millions billion first second third monday tuesday wednesday thursday friday
    saturday sunday january february march april june july august september october november december back
    inside outside away up down out off around together apart ahead along began became came went saw made took dug
    rose tore swept sank struck broke threw flew drove hid shook spoke woke hung rang swam
    gave found brought built wrote stood grew knew told left kept held ran led lost won sold named called
    largest biggest smallest end beginning start middle rest part half number kind sort lot way time times year
    years month months week weeks day days today tomorrow yesterday result reason idea fact thing things""")
# Inside a footage phrase only these small words may stand: "full moon over the sea", "Bay of Fundy".
PHRASE_LINKS = _wordset("of over on in under at the by for with de del la le les el los las du des da")
ARTICLES = _wordset("the a an la le les el los las")
PREPOSITION_LINKS = PHRASE_LINKS - ARTICLES


def names(sentences: list[str], language: str) -> Counter[str]:
    """Names of two or more capitalised words ("Augustin Fresnel", "Bay of Fundy") and how often
    each is mentioned; a capital that only begins a sentence is no evidence."""
    counts: Counter[str] = Counter()
    stop = STOPWORDS.get(language, frozenset())
    for sentence in sentences:
        for match in NAME.finditer(sentence):
            tokens = match.group(0).split()
            possessive = next((n for n, t in enumerate(tokens) if re.search(r"['’]s$", t)), None)
            if possessive is not None:  # "John Kemp Starley's Rover": the name ends at the 's
                tokens = [*tokens[:possessive], re.sub(r"['’]s$", "", tokens[possessive])]
            while tokens and tokens[0].lower() in stop | PHRASE_LINKS:  # "The Pharos" at a sentence start
                tokens = tokens[1:]
            if match.start() == 0 and len(tokens) == 2 and tokens[0].lower() in stop:
                continue
            german_noise = language == "de" and not {"von", "vom", "zu"} & set(tokens)
            if len(tokens) >= 2 and not german_noise and not any(ch.isdigit() for ch in "".join(tokens)):
                counts[" ".join(tokens)] += 1
    return counts


def _modifier_ok(token: str, usage: tuple[Counter[str], Counter[str], Counter[str]]) -> bool:
    as_noun, as_verb, _capitalised = usage
    lower = token.lower()
    if lower.endswith("ly") or (as_verb[lower] and as_verb[lower] >= as_noun[lower]):
        return False
    if lower.endswith("ed") and as_noun[lower] < 2:
        return False  # "named", "lifted": a past tense, unless the text says "the frozen ..." often
    # "rises", "pulls": a word ending in s that the text never uses as a noun is a verb here.
    return not (lower.endswith("s") and not lower.endswith("ss") and not as_noun[lower])


def _phrase_shape_ok(phrase: str, language: str, usage: tuple[Counter[str], Counter[str], Counter[str]]) -> bool:
    tokens = words(phrase)
    if not tokens or len(tokens) > 5 or any(t.isdigit() for t in tokens):
        return False
    stop = STOPWORDS.get(language, frozenset())
    lowered = [t.lower() for t in tokens]
    if language == "en" and any(t in NOT_THINGS for t in lowered):
        return False
    if any(t in NUMBER_WORDS for t in lowered):
        return False
    if lowered[0] in stop or lowered[-1] in stop:
        return False
    if any(t in ARTICLES and n and lowered[n - 1] not in PREPOSITION_LINKS for n, t in enumerate(lowered)):
        return False  # "explains the Bay", "scierie le traversaient": an article after a verb, not after "of", "de"
    if any(t in stop and t not in PHRASE_LINKS for t in lowered):
        return False  # "rises higher than a ...", "Sun and the Moon": a clause, not a thing
    as_noun, as_verb, capitalised = usage
    content = [t for t in tokens if t.lower() not in PHRASE_LINKS]
    if all(capitalised[t.lower()] for t in content):
        return True  # "Isaac Newton", "Moon": capitalised inside sentences
    if len(tokens) == 1:
        # A single common word ("twice", "slip") finds nothing specific; a long noun the text uses
        # as a thing ("the anglerfish", "a woodlouse") does.
        # Elsewhere than in English a noun the text keeps coming back to ("la colmena", "las abejas")
        # is what it is about.
        recurring = language != "en" and len(tokens[0]) >= 5 and as_noun[lowered[0]] >= 2
        return (language in NOUN_MARKERS and (len(tokens[0]) >= 9 or recurring) and tokens[0].isalpha()
                and as_noun[lowered[0]] > as_verb[lowered[0]])
    if language == "de":  # German nouns are capitalised: "Hochland von Äthiopien", not "Jahrhundert tranken"
        return all(t[:1].isupper() for t in content)
    if language not in NOUN_MARKERS:
        return True
    def is_noun(word: str) -> bool:
        if word.endswith("ing") and as_noun[word] < 2:
            return False  # "oldest working": a participle, unless the text keeps using it as a thing
        return as_noun[word] > as_verb[word] or (capitalised[word] > 0 and not as_verb[word])

    # Each part before a link word ends in a noun too: "sea in the Bay", not "boats lying on the mud".
    heads = [lowered[n - 1] for n in range(1, len(lowered)) if lowered[n] in PHRASE_LINKS
             and lowered[n - 1] not in PHRASE_LINKS] + [lowered[-1]]
    return all(is_noun(head) for head in heads) and all(_modifier_ok(t, usage) for t in content[:-1])


def keyphrases(sentences: list[str], language: str, *, top: int = 12, exclude: tuple[str, ...] = (),
               context: list[str] | None = None) -> list[str]:
    """Concrete noun phrases of the text, most telling first: "Bay of Fundy", "spring tides",
    "full moon". yake ranks candidate phrases; its fragments ("Fundy rises higher", "Moon pulls")
    are dropped by shape: a phrase must be a name, or end in a word the text uses as a noun, with
    no verb before it. A single capitalised word gives way to the longer name it is part of.
    `context`: the whole text, when `sentences` are one scene of it (how its words are used)."""
    if not sentences:
        return []
    joined = "".join(sentences)
    if HANGUL.search(joined):
        return _korean_nouns(sentences, top=top, exclude=exclude)
    if CJK.search(joined):
        if re.search(r"[\u3040-\u30ff]", joined):
            return _cjk_phrases(sentences, top=top, exclude=exclude)
        return _chinese_terms(sentences, top=top, exclude=exclude)
    import yake

    body = "\n".join(ensure_period(s) for s in sentences)
    try:
        extractor = yake.KeywordExtractor(lan={"cs": "cz"}.get(language, language), n=5, top=top * 8,
                                          dedup_lim=0.9)
        ranked = [phrase for phrase, _score in extractor.extract_keywords(body)]
    except (OSError, ValueError, KeyError):
        ranked = []
    usage = _usage(context or sentences, language)
    named = names(context or sentences, language)
    excluded = {" ".join(e.lower().split()) for e in exclude if e}
    chosen: list[str] = []
    for phrase in ranked:
        phrase = re.sub(r"['’]s$", "", " ".join(phrase.split()))
        if not _phrase_shape_ok(phrase, language, usage):
            continue
        last = phrase.split()[-1]
        if any(name.startswith(last + " ") and name not in phrase for name in named):
            continue  # "steps of the Gull" cuts the name "Gull Rock" in half
        longer = [name for name, count in named.most_common() if count >= 1
                  and re.search(rf"\b{re.escape(phrase)}\b", name, re.IGNORECASE)]
        phrase = longer[0] if longer else _as_written(phrase, context or sentences)
        inside = [name for name in named if phrase[:1].islower() and f" {name}" in f" {phrase}"
                  and not phrase.endswith(f" of {name}")]
        phrase = inside[0] if inside else phrase  # "engineer Augustin Fresnel" is the name "Augustin Fresnel"
        if not phrase:
            continue  # yake joined words the text never puts side by side ("Starley Rover" for "Starley's Rover")
        if " " not in phrase and not usage[2][phrase.lower()]:
            phrase = phrase.lower()  # "Residents" opening a sentence is no name
        lower = phrase.lower()
        if lower in excluded or any(lower in c.lower() or c.lower() in lower for c in chosen):
            continue  # "Bay of Fundy" already says "Fundy"
        chosen.append(phrase)
        if len(chosen) >= top:
            break
    return chosen


def _as_written(phrase: str, sentences: list[str]) -> str:
    """The phrase as the text spells it inside a sentence, "" when the text never says it; a capital
    that only starts a sentence ("Small fish swim...") is not kept."""
    pattern = re.compile(rf"\b{re.escape(phrase)}\b", re.IGNORECASE)
    initial = ""
    for sentence in sentences:
        for match in pattern.finditer(sentence):
            if match.start() > 0 and sentence[: match.start()].strip(" \"'“‘«(¿¡"):
                return match.group(0)
            initial = initial or match.group(0)
    if initial and " " in initial and not initial[1:2].isupper() and not all(
            word[:1].isupper() for word in initial.split() if word.lower() not in PHRASE_LINKS):
        return initial[0].lower() + initial[1:]  # "Small fish" opening a sentence; a name ("Hinrich Behrens") stays
    return initial


def _cjk_phrases(sentences: list[str], *, top: int, exclude: tuple[str, ...]) -> list[str]:
    # Runs of kanji/hanzi and katakana are the nouns of Japanese and Chinese text (particles and
    # verb endings are hiragana); the most repeated runs name its subjects.
    counts: Counter[str] = Counter()
    for sentence in sentences:
        for match in CJK_RUN.finditer(sentence):
            run, after = match.group(0), sentence[match.end():match.end() + 1]
            # An amount ("一日", "十五メートル") is no thing to film; a kanji run that hiragana other
            # than a particle follows is the stem of a verb or adjective ("細長い").
            if not 2 <= len(run) <= 8 or run[0] in "一二三四五六七八九十百千万億約数何":
                continue
            if "\u3040" <= after <= "\u309f" and after not in CJK_PARTICLES:
                continue
            counts[run] += 1
    excluded = set(exclude)
    ranked = sorted(counts, key=lambda run: (-counts[run] * len(run), run))
    return [run for run in ranked if run not in excluded][:top]


HANGUL = re.compile(r"[\uac00-\ud7af]")
# Korean particles after a noun ("달의", "조수는", "바닷물이"); what is left is the noun.
KOREAN_PARTICLES = ("에서는", "에서", "에는", "으로", "에게", "까지", "부터", "은", "는", "이", "가", "을", "를", "의",
                    "에", "도", "로", "와", "과")
# Characters of Chinese function words: a term containing one is a fragment of a clause.
CHINESE_FUNCTION = frozenset("的是在了和被也有一这那个就都而及与着或等使让由从到对向把为所以因此"
                             "但如果会能可要说很更最越每两")


def _korean_nouns(sentences: list[str], *, top: int, exclude: tuple[str, ...]) -> list[str]:
    counts: Counter[str] = Counter()
    for sentence in sentences:
        for token in words(sentence):
            if token.endswith(("다", "요", "고", "며", "면", "서", "지")):
                continue  # verb and adjective endings
            stem = _without_particle(token)
            if stem != token:
                stem = _without_particle(stem)  # "반대쪽에도": two particles
                if len(stem) >= 2 and HANGUL.search(stem) and stem not in ("때문", "하나"):
                    counts[stem] += 1
    ranked = sorted(counts, key=lambda noun: (-counts[noun], -len(noun), noun))
    return [noun for noun in ranked if noun not in exclude][:top]


def _without_particle(token: str) -> str:
    return next((token[: -len(p)] for p in KOREAN_PARTICLES if token.endswith(p) and len(token) > len(p)), token)


def _chinese_terms(sentences: list[str], *, top: int, exclude: tuple[str, ...]) -> list[str]:
    # No spaces and no kana: terms are the two- to four-character strings the text repeats, without
    # the characters of function words; a longer term absorbs the shorter ones inside it.
    counts: Counter[str] = Counter()
    for sentence in sentences:
        for run in CJK_RUN.findall(sentence):
            for size in (2, 3, 4):
                counts.update(run[n:n + size] for n in range(len(run) - size + 1))
    terms = [term for term, count in counts.items() if count >= 2 and not CHINESE_FUNCTION & set(term)]
    kept = [term for term in terms
            if not any(term != other and term in other and counts[other] >= counts[term] for other in terms)]
    ranked = sorted(kept, key=lambda term: (-counts[term] * len(term), term))
    return [term for term in ranked if term not in exclude][:top]
