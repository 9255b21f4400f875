"""The subject of a text without a heading: the thing its opening names (or leads to, or says what it
is) that the most of its sentences come back to ("Ashford", "Erie Canal", "Torre de Belém")."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from videos.llm import phrases as phrasekit
from videos.llm import text as textkit
from videos.llm.text import Sentence
from videos.llm.titles.wordlists import (
    ARTICLES,
    AUXILIARIES,
    COPULA,
    HEAD_LINKS,
    INDEFINITE,
    NAME_LINKS,
    NOUN_FIRST,
    SUBJECT_ARTICLES,
    VERB_ENDINGS,
)


def opening_subject(lead: str, language: str) -> str:
    """The thing an expository text's first sentence is about, when that sentence opens with it (after
    a fronted phrase: "En los campos de Jalisco, el agave azul tarda..."): "Erie Canal", "agave azul"."""
    articles = SUBJECT_ARTICLES.get(language)
    if not articles:
        return ""
    tokens = re.findall(r"[\w'’-]+|[,;:]", lead)
    comma = next((n for n, piece in enumerate(tokens[:12]) if piece == ","), None)
    starts = [0] + ([comma + 1] if comma is not None else [])
    stop = textkit.STOPWORDS.get(language, frozenset())
    for start in starts:
        words = tokens[start:]
        if len(words) < 3 or words[0].lower().rstrip("'’") not in articles:
            continue
        rest = words[1:]
        if rest[0][:1].isupper():  # a name: "The Erie Canal", "la Repubblica di Venezia"
            phrase = [rest[0]]
            for n, word in enumerate(rest[1:], 1):
                linking = word.lower() in NAME_LINKS and n + 1 < len(rest) and rest[n + 1][:1].isupper()
                if not (word[:1].isupper() or linking):
                    break
                phrase.append(word)
            return " ".join(phrase)
        if language == "en":
            return ""  # "the blue agave takes": an English lower-case subject is too often "the way", "the idea"
        phrase = []  # "agave azul": a noun and at most one word after it that is no verb
        for word in rest[:2] if language in VERB_ENDINGS else rest[:1]:  # no verb list: the noun alone
            lower = word.lower()
            if (not word.isalpha() or lower in stop or lower in AUXILIARIES.get(language, ())
                    or (phrase and VERB_ENDINGS.get(language, re.compile("$^")).match(lower))):
                break
            phrase.append(lower)
        return " ".join(phrase) if phrase and len(phrase[0]) >= 4 else ""
    return ""


def head_word(phrase: str, language: str) -> str:
    """The word a phrase is about, by which the text comes back to it: "Lighthouse" of "Lighthouse of
    Alexandria", "canal" of "canal du Midi", "Bowl" of "Dust Bowl", "agave" of "agave azul"."""
    tokens = textkit.words(phrase)
    link = next((n for n, word in enumerate(tokens) if n and word.lower() in HEAD_LINKS), None)
    if link is not None:
        return tokens[link - 1]
    if tokens and language in NOUN_FIRST and not tokens[0][:1].isupper():
        return tokens[0]
    return tokens[-1] if tokens else ""


def _noun_phrase(tokens: Sequence[str], language: str) -> str:
    """The noun phrase `tokens` open with, after an article: a name ("Dust Bowl", "Torre de Belém",
    "Kölner Dom") or, where nouns come first, a noun with the name it is of ("canal du Midi")."""
    tokens = list(tokens)
    if tokens and re.match(r"(?i)^[ld]['’]", tokens[0]):
        tokens[0] = tokens[0][2:]  # "l'étang"
    elif tokens and tokens[0].lower() in ARTICLES.get(language, frozenset()):
        tokens = tokens[1:]
    phrase: list[str] = []
    for n, word in enumerate(tokens):
        linking = phrase and word.lower() in NAME_LINKS and n + 1 < len(tokens) and tokens[n + 1][:1].isupper()
        if (word[:1].isupper() and word.isalpha()) or linking:
            phrase.append(word)
        elif not phrase and n == 0 and language in NOUN_FIRST and word.isalpha() and len(word) >= 4 \
                and word.lower() not in textkit.STOPWORDS.get(language, frozenset()):
            phrase.append(word)  # "canal" of "canal du Midi", kept only with the name after it
        else:
            break
    if phrase and phrase[0][:1].islower() and len(phrase) == 1:
        return ""
    return " ".join(phrase)


def defined(sentence: str, language: str) -> str:
    """What a sentence says is a thing: "La tapisserie de Bayeux est une longue broderie", "Die Hanse war
    ein Bund", "Machu Picchu es una ciudadela" (the phrase is whole: nothing but it before the verb)."""
    if language not in COPULA:
        return ""
    match = re.match(rf"(?i)^(.{{2,60}}?)\s+(?:{COPULA[language]})\s+(?:{INDEFINITE[language]})(?:\s|$)", sentence)
    if not match:
        return ""
    tokens = textkit.words(match.group(1))
    if language == "en" and len(tokens) >= 3 and tokens[-1].islower() and tokens[-1].isalpha():
        tokens, noun = tokens[:-1], tokens[-1]  # "The Voynich manuscript": a name before its noun
    else:
        noun = ""
    phrase = _noun_phrase(tokens, language)
    whole = phrase and len(textkit.words(phrase)) == len(tokens) - (1 if phrase.split()[0] != tokens[0] else 0)
    return f"{phrase} {noun}".strip() if whole else ""


def _names(texts: Sequence[str], language: str) -> Counter[str]:
    """Names of two or more words inside sentences, linked by "di", "do", "of"... ("Ponte di Rialto")."""
    found: Counter[str] = Counter()
    for text in texts:
        tokens = textkit.words(text)
        after = 1
        for n, word in enumerate(tokens[1:], 1):
            if n >= after and word[:1].isupper():
                run = _noun_phrase(tokens[n:], language)
                after = n + max(1, len(run.split()))
                if " " in run and language != "de":
                    found[run] += 1
    return found


def _mentions(phrase: str, texts: Sequence[str], language: str) -> int:
    """How many sentences mention the phrase, or its head word ("la torre" mentions "Torre de Belém"), or
    its last ("beavers" mentions "pair of beavers"), whichever the text comes back to more."""
    tokens = textkit.words(phrase)
    whole = re.compile(rf"(?i)\b{re.escape(phrase)}\b")
    counts = []
    for word in {head_word(phrase, language), tokens[-1] if tokens else ""}:
        key = textkit.stem(word, language)[:6]
        counts.append(sum(any(textkit.stem(w, language)[:6] == key for w in textkit.words(text))
                          or bool(whole.search(text)) for text in texts))
    return max(counts)


def _definitions(texts: Sequence[str], language: str, capitalised: Counter) -> list[str]:
    """What the text's sentences say things are, in order ("tapisserie de Bayeux", "Hanse")."""
    found = []
    for text in texts:
        words = defined(text, language).split()
        while words and words[0][:1].isupper() and not capitalised[words[0].lower()]:
            words.pop(0)  # "Oggi Pompei è una...": a capital that only opens the sentence
        if words and words[0].lower() not in NAME_LINKS:
            found.append(" ".join(words))
    return found


def revealed(sentences: Sequence[Sentence], language: str, *, tails_only: bool = False) -> list[str]:
    """What an opening paragraph that sets a scene (a date, a storm, a person) names as it closes: the
    phrase after a colon that ends one of its sentences ("...ten years: the Dust Bowl") and the names in
    the first name its last sentence gives ("By then the Lighthouse of Alexandria had stood..."). Only when others
    follow: a text in one paragraph has no opening to close."""
    first = [s for s in sentences if s.paragraph == sentences[0].paragraph] if sentences else []
    if len(first) < 2 or len(first) == len(sentences):
        return []
    found = []
    for sentence in first:
        tail = re.search(r"[:—–]\s+([^:—–]+)$", sentence.text.rstrip(".!…"))
        if tail:
            found.append(_noun_phrase(textkit.words(tail.group(1))[:6], language))
    if tails_only:
        return [phrase for phrase in found if phrase]
    tokens = textkit.words(first[-1].text)
    stop = textkit.STOPWORDS.get(language, frozenset())
    for n, word in enumerate(tokens[1:], 1):
        if word[:1].isupper() and word.isalpha() and word.lower() not in stop:
            run = _noun_phrase(tokens[n:], language)
            if language != "de" or " " in run:  # a German capital is any noun; a run of them is a name
                found.append(run)
                break  # the first name it gives, not those of its asides ("no alto do morro do Corcovado")
    return [phrase for phrase in dict.fromkeys(found) if phrase and len(phrase) <= 30]


def subject(sentences: Sequence[Sentence], language: str, *, story: bool = False) -> str:
    """The thing the text's opening names that the most of its sentences come back to; in a story, the
    place or person its opening names ("the mill town of Ashford")."""
    if not sentences:
        return ""
    texts = [s.text for s in sentences]
    lead = texts[0]
    if textkit.CJK.search(lead):
        runs = [run for run in phrasekit.keyphrases(texts, language, top=30) if 2 <= len(run) <= 8]
        # A one-kanji noun the text keeps coming back to (雷, 潮) before its particle.
        runs += [char for char in dict.fromkeys(re.findall(r"([\u4e00-\u9fff])(?=[はがのをにも])", lead))
                 if sum(char in text for text in texts) >= max(4, len(texts) // 3)]
        counts = {run: sum(run in text for text in texts) + (2 if run in lead else 0) for run in runs}
        return max(runs, key=lambda run: (counts[run], len(run)), default="")
    usage = phrasekit._usage(texts, language)
    as_noun, as_verb, capitalised = usage
    candidates = list(phrasekit.names([lead], language)) + phrasekit.keyphrases(texts, language, top=15)
    lead_names = set(phrasekit.names([lead], language)) if story else set()
    # An opening that sets a scene names its subject as it closes (when the text comes back to it); a
    # sentence that says what a thing is is about it, and the first such sentence in the lead most of all.
    colon_tails = set(revealed(sentences, language, tails_only=True))
    shown = [found for found in revealed(sentences, language)
             if found in colon_tails or _mentions(found, texts, language) >= 2]
    definitions = _definitions(texts, language, capitalised)
    opening_says = [found for found in definitions[:1] if any(found in text for text in texts[:3])]
    candidates += shown + definitions
    lead_names |= set(shown) | set(opening_says)
    stop = textkit.STOPWORDS.get(language, frozenset())
    for position, word in enumerate(textkit.words(lead)):
        lower = word.lower()
        if lower in stop or len(word) < 3 or word.isdigit() or lower in phrasekit.NUMBER_WORDS:
            continue  # "Deux" is no subject
        single = textkit.stem(lower, language)
        noun = word[:1].isupper() if language == "de" else (
            as_noun[lower] + as_noun[single] > as_verb[lower] + as_verb[single] or capitalised[lower] > 0)
        if noun and (position or capitalised[lower]):
            candidates.append(word if capitalised[lower] or language == "de" else lower)
            if story and position and capitalised[lower] and language != "de" and lower not in phrasekit.NOT_THINGS:
                # "the mill town of Ashford": the place the text is set in (not "January"; "Boston's" is Boston)
                lead_names.add(re.sub(r"['’]s$", "", word))

    def mentions(phrase: str) -> int:
        return _mentions(phrase, texts, language)

    def score(phrase: str) -> tuple[float, int]:
        named = all(w[:1].isupper() for w in textkit.words(phrase) if w.lower() not in phrasekit.PHRASE_LINKS)
        in_lead = phrase.lower() in lead.lower() or phrase in shown or phrase in opening_says
        return (mentions(phrase) + ((2 if story else 1) if in_lead else 0) + (1 if named else 0)
                + (3 if phrase in lead_names else 0) + (1.5 if phrase == opening and opening[:1].isupper() else 0)
                + (2 if phrase in definitions else 0) + (1 if phrase in colon_tails else 0.5 if phrase in shown else 0),
                len(phrase))

    opening = opening_subject(lead, language)
    if story and not opening[:1].isupper():
        opening = ""  # a story is about the place or person its opening names, not "the night"
    candidates = [re.sub(r"['’]s$", "", c) for c in candidates]  # "Boston's North End": Boston
    candidates = [c for c in dict.fromkeys(candidates)
                  if c and len(c) <= 30 and (mentions(c) >= 2 or c in lead_names)]
    # What the first sentence is about, though the text says "it" after: a name ("Erie Canal"); a common
    # noun ("agave azul") only when nothing else is ("el agua del mar" opens a text about salt).
    if opening and opening.lower() not in phrasekit.NOT_THINGS and (
            opening[:1].isupper() or mentions(opening) >= 2 or not candidates):
        candidates.append(opening)
    best = max(candidates, key=score, default="")
    # "Carrow" is the village of "Carrow Bridge", "Camino" the "Camino de Santiago", "Wuppertaler"
    # the "Wuppertaler Schwebebahn": the whole name, as the opening gives it.
    # (or a name the text gives twice whose head is a common word it uses: "ponte" is the "Ponte di Rialto")
    twice = [name for name, count in _names(texts, language).items() if count >= 2]
    whole = [*lead_names, *definitions, *phrasekit.names([lead], language),
             *(p for p in phrasekit.keyphrases(texts, language, top=15) if p in lead), *twice]
    def whole_name(name: str) -> bool:  # "volcán de La Palma", "Carrow Bridge"; not "town of Nome in Alaska"
        parts = name.split()
        head = best if name not in twice or best[:1].isupper() else best[:1].upper() + best[1:]
        return (len(parts) > 1 and len(name) <= 30 and head in (parts[0], parts[-1])
                and all(w in NAME_LINKS or w[:1].isupper() for w in parts[1:]))

    return next((name for name in whole if whole_name(name)), best)


