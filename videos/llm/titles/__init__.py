"""Titles for scripts written without a model: the subject and the hook in at most about 70
characters (40 for Japanese and Chinese), never a sentence cut off, in the text's language.

- The text's own heading, when it has one that fits; else a topic the user typed (not the source's
  first line, which `video_create` saves as a working title).
- Else built from the text: its subject (the thing its opening names that the most sentences come
  back to: "Ashford", "Saint-Aubin-sur-Loue", "rayos", 儀兵衛; or what its first sentence is about,
  though later sentences say "it": "Erie Canal", "agave azul") and its hook (a clause that stands
  alone, from the event a story turns on, else from its most telling sentence): "Ashford: the dam gave
  way", "Saint-Aubin-sur-Loue : la troisième arche s'effondra", 「【儀兵衛】巨大な津波が村を襲い、家々を
  次々とのみこみました」. A clause that leans on something said before ("it", "these", 「この」) or
  begins mid-thought ("and then", "which") is never a title.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from videos.llm import phrases as phrasekit
from videos.llm import references, salience
from videos.llm import text as textkit
from videos.llm.text import Sentence
from videos.llm.titles.subject import defined, head_word, opening_subject, revealed, subject
from videos.llm.titles.wordlists import (
    AUXILIARIES,
    CJK_BACK,
    CJK_TITLE_AIM,
    CLAUSE_BREAK,
    DA_WORD,
    GERMAN_BARE,
    JAPANESE_COPULA,
    NAME_LINKS,
    PRONOUNS,
    RELATIVES,
    STARTERS,
    SUBJECT_ARTICLES,
    SUBORDINATORS,
    TITLE_AIM,
    VERB_ENDINGS,
)

__all__ = ["defined", "head_word", "hook", "is_source_line", "is_story", "opening_subject", "revealed", "subject",
           "title_for"]


def aim(language: str) -> int:
    return CJK_TITLE_AIM if textkit.is_spaceless(language) else TITLE_AIM


def is_source_line(topic: str, source_text: str) -> bool:
    """Whether `topic` is the source's first line (or its start), as `video_create` saves it."""
    topic = " ".join(topic.replace("…", " ").split()).lstrip("# ").strip()
    first = next((line for line in source_text.splitlines() if line.strip()), "")
    first = " ".join(textkit._clean_line(first).split())
    return bool(topic) and bool(first) and first.startswith(topic)


def _fits(text: str, language: str) -> str:
    text = " ".join(text.split()).rstrip(".!…。！")
    if len(text) <= aim(language):
        return text
    for match in reversed(list(CLAUSE_BREAK.finditer(text))):
        clause = text[: match.start()].rstrip(" ,;:—–、，；：")
        if len(clause) <= aim(language) and len(textkit.words(clause)) >= 3:
            return clause  # a heading's first part: "The Last Night at Gull Rock — a story of the sea..."
    return ""


is_story = salience.is_story


@dataclass(frozen=True)
class Clause:
    text: str
    starts: bool  # it begins the sentence
    whole: bool  # it is the whole sentence
    spans: int  # how many pieces between clause breaks it spans
    before: str  # the sentence before it
    after_comma: bool  # a bare comma comes before it (not "and", "but", a semicolon)


def _clauses(sentence: str, language: str) -> list[Clause]:
    """Each run of the sentence's pieces between clause breaks."""
    sentence = sentence.rstrip().rstrip(".!?…。！？")
    breaks = list(CLAUSE_BREAK.finditer(sentence))
    inside = _inside_lists(sentence, breaks)
    cuts = [0] + [m.end() for n, m in enumerate(breaks) if n not in inside]
    ends = [m.start() for n, m in enumerate(breaks) if n not in inside] + [len(sentence)]
    breaks = [m for n, m in enumerate(breaks) if n not in inside]
    found = []
    for first, start in enumerate(cuts):
        comma = first > 0 and breaks[first - 1].group(0).strip() in (",", "、", "，")
        for end in ends[first:]:
            if textkit.is_spaceless(language) and end != len(sentence):
                continue  # a Japanese clause before 、 ends in a joining form ("襲い", "見て")
            clause = sentence[start:end].strip(" ,;:—–、，；：")
            if clause:
                found.append(Clause(clause, start == 0, start == 0 and end == len(sentence),
                                    ends.index(end) - first + 1, sentence[:start], comma))
    return found


def _inside_lists(sentence: str, breaks: list[re.Match]) -> set[int]:
    """The breaks inside a list of short items ("in Blau, Rot und Gelb"): a clause neither ends nor
    begins there, so a title never stops half-way through a list."""
    inside: set[int] = set()
    for n in range(len(breaks) - 1):
        comma, joined = breaks[n], breaks[n + 1]
        item = sentence[comma.end():joined.start()]
        if comma.group(0).strip() == "," and joined.group(0).strip(" ,") and 1 <= len(item.split()) <= 2:
            inside |= {n, n + 1}
    return inside


def _has_verb(tokens: list[str], language: str, usage: tuple) -> bool:
    as_noun, as_verb, _capitalised = usage
    auxiliaries, endings = AUXILIARIES.get(language), VERB_ENDINGS.get(language)
    if auxiliaries is None or endings is None:
        return True  # no lists for this language: trust the clause
    stop = textkit.STOPWORDS.get(language, frozenset())
    for position, token in enumerate(tokens):
        lower = token.lower()
        if lower in auxiliaries:
            return True
        if language == "de" and position and token[:1].islower() and lower not in stop and endings.search(lower):
            return True  # German nouns are capitalised: a lower-case word with a verb's ending
        if language != "de" and position and endings.search(lower) and as_noun[lower] == 0 \
                and tokens[position - 1].lower() not in phrasekit.NOUN_MARKERS.get(language, frozenset()):
            return True
        if lower not in stop and as_verb[lower] > as_noun[lower]:
            return True
    return False


def _main_verb_before(before: str, language: str, usage: tuple) -> bool:
    """Whether the part of the sentence before a clause has a verb of its own (not one inside a
    relative clause): then what follows a bare comma is an aside, not the main clause."""
    for piece in CLAUSE_BREAK.split(before):
        tokens = textkit.words(piece)
        relative = next((n for n, token in enumerate(tokens) if n and token.lower() in RELATIVES), len(tokens))
        if _has_verb(tokens[:relative], language, usage):
            return True
    return False


def _stands_alone(found: Clause, language: str, usage: tuple = (Counter(), Counter(), Counter())) -> bool:
    """Whether the clause reads as a title on its own: not leaning on what came before ("she saw",
    "these two"), not opening mid-thought ("because of the bell", "and then slips away"), not an
    aside after a comma ("..., a colour that most deep-sea animals cannot see"), and not an opening
    phrase without its clause ("At ten past four in the morning")."""
    clause, starts_sentence, whole, spans = found.text, found.starts, found.whole, found.spans
    if textkit.CJK.search(clause):
        return len(clause) >= 6 and not CJK_BACK.search(clause) and not references.leans_back(clause, language)
    tokens = textkit.words(clause)
    if len(tokens) < 3 or len(clause) < 15:
        return False
    lowered = [t.lower().replace("’", "'") for t in tokens]
    pronouns = PRONOUNS.get(language, frozenset())
    if set(lowered[:4]) & pronouns or references.leans_back(clause, language):
        return False
    if lowered[-1] in pronouns or (language == "de" and DA_WORD.match(lowered[0])):
        return False  # "...still climbed it", "Daraus wurde...": what it stands for was said before
    if starts_sentence and not whole and set(lowered) & pronouns:
        return False  # "Poucos anos depois do seu regresso": a fronted phrase whose "his" is in the rest
    if not whole and re.search(r"\S\s?[:;—–]\s", clause):
        return False  # "l'étang de Thau : le canal du Midi" runs over a colon from one thought into another
    if language == "fr" and any(word in ("le", "la", "les", "l") and VERB_ENDINGS["fr"].search(after)
                                and not after.endswith(("ment", "ments")) for word, after in pairwise(lowered)):
        return False  # "Un magma épais les retient": "les" stands for something said before
    first = lowered[0].split("'")[0]
    if first in SUBORDINATORS.get(language, frozenset()):
        return False
    if not whole and not _has_verb(tokens, language, usage):
        return False  # "La mer Morte, fermée et écrasée de soleil": a phrase, not a clause
    # (German articles double as relative pronouns, and a German relative clause follows a comma)
    relative = next((n for n, word in enumerate(lowered) if n and word in RELATIVES and language != "de"), None)
    if not whole and relative and not _has_verb(tokens[:relative], language, usage):
        return False  # "a round top where a fire burned at night": its only verb is the relative clause's
    aside = re.search(r",\s+(\w+)\b[^,]*$", clause)
    if not whole and aside and aside.group(1).lower() in RELATIVES \
            and not _has_verb(textkit.words(clause[:aside.start()]), language, usage):
        return False  # "la piña, que puede pesar más de cuarenta kilos": its only verb is in the aside
    if found.after_comma and _main_verb_before(found.before, language, usage):
        return False  # "..., a colour that most deep-sea animals cannot see": an aside on the clause before
    starters, stop = STARTERS.get(language, frozenset()), textkit.STOPWORDS.get(language, frozenset())
    if first in stop and first not in starters:
        # An opening phrase of time or place: only with the clause it opens ("At ten past four in the
        # morning, the dam gave way"; German puts the verb second: "Um zwei Uhr löste sich eine Lawine").
        verb_second = language == "de" and any(t[:1].islower() and t.lower() not in stop for t in tokens[1:])
        return starts_sentence and (whole or spans > 1 or verb_second)
    return starts_sentence or first in starters or tokens[0][:1].isupper()


def hook(kept: Sequence[Sentence], language: str, scores: dict[int, float], event: int | None,
         subject_phrase: str, dependent: frozenset[int] = frozenset()) -> str:
    """The title: the clause that best says what happens or what is striking, standing alone, with
    the subject in front when the clause does not name it and there is room ("Ashford: ...")."""
    limit = aim(language)
    best, best_score = "", float("-inf")
    lead_index = kept[0].index if kept else -1
    usage = phrasekit._usage([s.text for s in kept], language)
    subject_named = len(textkit.words(subject_phrase)) >= 2 and all(
        w[:1].isupper() for w in textkit.words(subject_phrase) if w.lower() not in NAME_LINKS)
    for sentence in kept:
        base = scores.get(sentence.index, 0.0)
        if sentence.index == event:
            base += 4.0
        base += 0.4 * salience.event_strength(sentence.text, language)
        if salience.is_striking(sentence.text, language):
            base += 1.0
        if sentence.text.rstrip().endswith(("?", "？")):
            base -= 2.0
        if sentence.index in dependent:
            base -= 1.5  # it builds on the sentence before: alone, it may not say what it means
        for found in _clauses(sentence.text, language):
            clause, whole = found.text, found.whole
            clause = JAPANESE_COPULA.sub("", clause) if language == "ja" else clause
            if len(clause) > limit or not _stands_alone(found, language, usage):
                continue
            score = base - abs(len(clause) - limit * 0.7) / limit  # neither a stub nor a crammed line
            if whole:
                score += 0.7  # a whole sentence is a whole thought
            if sentence.index == lead_index and not whole:
                score -= 3.0  # a part of the text's first sentence reads as that sentence cut off
            heads = textkit.words(subject_phrase)[-1:] + textkit.words(subject_phrase)[:1]  # "Bay" of Fundy
            # The head word names the subject as the name writes it ("the Bay of Fundy"), or in lower case as
            # what the clause is about ("The bay is special"), not in passing ("the first bridge": Tay Bridge).
            tokens = textkit.words(clause)
            about = [w.lower() for w in tokens[:2] if w.lower() not in SUBJECT_ARTICLES.get(language, ())][:1]
            named = bool(subject_phrase) and (subject_phrase.lower() in clause.lower() or any(
                word in tokens or word.lower() in about for word in heads if word[:1].isupper()))
            # "the Bay of Fundy" names its own subject, unless the subject is a name of its own ("Erie Canal"
            # is not named by "New York soon became the busiest port")
            named = named or (not subject_named and bool(phrasekit.names([clause], language)))
            titled = _capital(clause) if named else compose(subject_phrase, clause, language)
            if not named and subject_phrase and len(titled) <= limit:
                score += 1.0  # "Ashford: the dam gave way" names what the video is about
            elif not named:
                titled = _capital(clause)
                if subject_phrase and _names_another(clause, language):
                    score -= 3.0  # "Der Ingenieur Walter Basset brachte...": a title about someone else
            else:
                score += 1.0
            if score > best_score:
                best, best_score = titled, score
    return best


def _names_another(clause: str, language: str) -> bool:
    """Whether a clause names a person, place or thing (a name inside it), which a title without its own
    subject would then be about."""
    if phrasekit.names([clause], language):
        return True
    tokens = textkit.words(clause)
    if language != "de":
        return any(word[:1].isupper() for word in tokens[1:])
    # German capitalises every noun: a name follows a preposition bare ("aus London") or another name
    # ("Walter Basset"), where a noun mostly follows its article.
    return any(word[:1].isupper() and (before.lower() in GERMAN_BARE or (n > 1 and before[:1].isupper()))
               for n, (before, word) in enumerate(pairwise(tokens), 1))


def compose(subject_phrase: str, clause: str, language: str) -> str:
    if not clause:
        return _capital(subject_phrase)
    if not subject_phrase or subject_phrase.lower() in clause.lower():
        return _capital(clause)
    if language == "ja":
        return f"【{subject_phrase}】{clause}"
    if language == "zh":
        return f"{subject_phrase}：{clause}"
    separator = " : " if language == "fr" else ": "
    return f"{_capital(subject_phrase)}{separator}{_capital(clause) if language == 'en' else clause}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def title_for(*, heading: str, topic: str, source_text: str, sentences: Sequence[Sentence],
              kept: Sequence[Sentence], scores: dict[int, float], event: int | None, language: str) -> str:
    if heading and _fits(heading, language):
        return _fits(heading, language)
    typed = topic and not is_source_line(topic, source_text)
    if typed and len(textkit.words(topic)) > 3 and _fits(topic, language):
        return _fits(topic, language)  # a title the user wrote
    about = topic if typed else subject(sentences, language, story=event is not None)
    needs = references.antecedents(sentences, language)
    dependent = frozenset(sentences[position].index for position, found in needs.items() if found)
    return hook(kept, language, scores, event, about, dependent) or _capital(about)
