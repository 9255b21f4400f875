"""The words a thumbnail shows: three to five words of the title that carry it, not its first
five. A title reads as a few phrases ("Why the Moon | Pulls the Sea | Twice a Day"); the chosen
words are the run of three to five that holds the most weight: numbers, names, long and rare
words, and not articles or linking words, which never start or end it. Japanese and Chinese titles
are cut into phrases with budoux and get a run of phrases of about a dozen characters.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass

import pyphen

from videos.render.designs.numbers import WORDS as NUMBER_WORDS
from videos.render.thumbnail.text import Token, is_emoji, is_rtl

SPACELESS = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
CLAUSE_END = re.compile(r"[:;?!.…—–|]$|[：？！。、]$")
# Words that open a question or a promise: weak at the edge of a run, but not stopwords.
HOOKS = {"why", "how", "what", "when", "where", "who", "pourquoi", "comment", "quand", "warum", "wie", "por", "qué"}
# Words that open a noun phrase and belong with it, by language: a run may start on one (it shows the
# phrase whole), and starting on the word after one cuts the phrase ("[jedes] Jahr", "[le] canal"). With
# "about" and its kin, which belong with the number after them ("etwa 30.000 Schiffe"). Not the words
# that also join a preposition ("du", "do", "del": "[du] Midi" is part of a name).
DETERMINERS = {language: frozenset(words.split()) for language, words in {
    "en": "the an this these those every each its their his her about almost nearly over around",
    "fr": "le la les l' un une ce cette ces chaque son sa ses leur leurs environ près",
    "es": "el la los las un una unos unas este esta estos estas cada su sus casi",
    "it": "il lo la gli i un uno una ogni questo questa suo sua circa quasi oltre",
    "pt": "o a os as um uma cada este esta seu sua cerca quase",
    "de": "der die das den dem ein eine einen einem jedes jeder jede jeden dieser diese dieses etwa fast rund über",
}.items()}
MAX_CJK_CHARS = 14
MAX_CHARS = 26  # letters and spaces in the chosen run: more, and the type gets too small at 168x94
LONG_WORD = 14  # letters; a longer word makes the type small, and is cut in pieces if it must be shown
HYPHENATED_FROM = 12  # letters: a word this long may break where its language hyphenates it
PIECE = 9  # letters at most in a piece of a broken word


@functools.lru_cache(maxsize=1)
def _stopwords() -> dict[str, frozenset[str]]:
    from videos.stopwords import STOPWORDS

    return STOPWORDS


@functools.lru_cache(maxsize=2)
def _parser(language: str):
    import budoux

    return budoux.load_default_simplified_chinese_parser() if language == "zh" else \
        budoux.load_default_japanese_parser()


@dataclass(frozen=True)
class Headline:
    tokens: tuple[Token, ...]
    spaceless: bool
    language: str

    @property
    def text(self) -> str:
        return "".join(t.text + (" " if t.space_after else "") for t in self.tokens).strip()


def _bare(word: str) -> str:
    return "".join(c for c in word.lower() if c.isalnum() or c in "'’-")


def _weight(word: str, stop: frozenset[str], title_case: bool) -> float:
    bare = _bare(word)
    if not bare:
        return 0.3 if any(is_emoji(c) for c in word) else 0.0
    if bare in stop or bare.split("'")[-1] in stop or bare.split("’")[-1] in stop:
        return 0.0
    if bare in HOOKS:
        return 0.4
    if len(bare) > LONG_WORD:
        return 0.45  # never at the edge of a run, if a run can do without it
    weight = 1.0 + min(len(bare), 12) / 8
    if any(c.isdigit() for c in bare):
        weight += 1.5  # a number is what a viewer reads first
    if not title_case and word[:1].isupper():
        weight += 0.8  # a name, in a title not written in title case
    return weight


def _runs_of(words: list[str], weights: list[float], low: int, high: int, *,
            lead_ok: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    spans = []
    for length in range(low, high + 1):
        for start in range(0, len(words) - length + 1):
            end = start + length
            if weights[end - 1] < 0.5 or (weights[start] < 0.5 and not (
                    _bare(words[start]) in lead_ok and start + 1 < end and weights[start + 1] >= 0.5)):
                continue  # never ends on an article or a linking word, nor starts on one unless it opens a phrase
            if any(CLAUSE_END.search(w) for w in words[start:end - 1]):
                continue  # a run stays within one clause
            spans.append((start, end))
    return spans


def _named(words: list[str], start: int, end: int) -> bool:
    """words[start:end] are a whole name: capitalised, not opening the title, with none just before or after."""
    def capital(n: int) -> bool:
        return 0 <= n < len(words) and words[n][:1].isupper() and not (n == 0 or CLAUSE_END.search(words[n - 1]))

    return all(capital(n) for n in range(start, end)) and not capital(start - 1) and not capital(end)


def _score(span: tuple[int, int], words: list[str], weights: list[float], language: str = "",
           title_case: bool = True) -> float:
    start, end = span
    inside = weights[start:end]
    filler = sum(1 for w in inside[1:] if w < 0.5)  # an article or "about" opening the run heads its phrase
    score = sum(inside) - 0.9 * filler - 0.25 * (end - start) - 0.3 * (inside[0] < 0.5)
    if start == 0 or CLAUSE_END.search(words[start - 1]):
        score += 0.6  # starts where a clause starts
    elif _bare(words[start - 1]) in DETERMINERS.get(language, DETERMINERS["en"]) or (
            not title_case and start >= 2 and words[start - 1][:1].isupper() and words[start][:1].isupper()):
        score -= 1.0  # "[jedes] Jahr", "[le] canal", "[Enrico] Piaggio": the phrase began with the word before
    if end == len(words) or CLAUSE_END.search(words[end - 1]):
        score += 0.6  # and ends where it ends
    elif _leans_on_next(words[end - 1], words[end], language):
        score -= 2.0  # "vide" [il prototipo], "dos" [veces], "das größte" [Luftschiff]
    elif end + 2 <= len(words) and _bare(words[end]) in PAIR_JOINS and (
            end + 2 == len(words) or CLAUSE_END.search(words[end + 1])):
        score -= 1.5  # "sains" [et saufs], "safe" [and sound]: the last word of a pair said together, cut from it
    return score


PAIR_JOINS = frozenset({"and", "et", "y", "e", "und", "or", "ou", "o", "oder"})


def _leans_on_next(word: str, following: str, language: str) -> bool:
    """A last word that needs the next one: a number before what it counts, a short lowercase word
    (mostly a verb before its object), and in German a lowercase word before a noun (an adjective)."""
    bare = _bare(word)
    if any(c.isdigit() for c in bare) or bare in NUMBER_WORDS:
        return True
    if word[:1].islower() and len(bare) <= 4:
        return True
    return language == "de" and word[:1].islower() and following[:1].isupper()


def _clean(word: str) -> str:
    return word.strip(",;:—–|\"“”«»()[]").strip()


def headline(title: str, language: str = "") -> Headline:
    """The three to five words (or a dozen CJK characters) of `title` to print, with the heaviest
    one marked for emphasis."""
    title = " ".join(unicodedata.normalize("NFC", title or "").split())
    language = (language or "").split("-")[0].lower()
    if SPACELESS.search(title) and not re.search(r"[A-Za-z]{3,}\s+[A-Za-z]{3,}", title):
        return _spaceless(title, language if language in ("ja", "zh", "ko") else "ja")
    words = _join_numbers(_marks_joined(title.split()))
    if not words:
        return Headline((), False, language)
    stop = _stopwords().get(language or "en", _stopwords()["en"])
    letters = [w for w in words if w[:1].isalpha() and _bare(w) not in stop]
    title_case = len(letters) > 1 and sum(w[:1].isupper() for w in letters) >= 0.7 * len(letters)
    weights = [_weight(w, stop, title_case) for w in words]
    if len(words) <= 5 and len(" ".join(words)) <= MAX_CHARS:
        span = (0, len(words))
    else:
        spans = _runs_of(words, weights, min(3, len(words)), 5,
                         lead_ok=DETERMINERS.get(language, DETERMINERS["en"])) or _runs_of(
            words, [1.0] * len(words), 1, 5)
        if not title_case:  # a name of two words is a headline of its own ("Enrico Piaggio")
            spans += [(n, n + 2) for n in range(len(words) - 1) if _named(words, n, n + 2)]
        subject = next((n + 1 for n, w in enumerate(words[:4]) if w.endswith(":")), 0)
        if subject >= 2 and all(weights[n] > 0 for n in (0, subject - 1)):
            spans.append((0, subject))  # "Agave azul: ...": the title's subject, what the video is about
        short = [s for s in spans if len(" ".join(words[s[0]:s[1]])) <= MAX_CHARS] or [
            s for s in _runs_of(words, weights, 2, 2) if len(" ".join(words[s[0]:s[1]])) <= MAX_CHARS]
        span = max(short or spans, key=lambda s: (_score(s, words, weights, language, title_case) +
                                                  (0.8 if s == (0, subject) else 0), -s[0]))
    chosen = [(_clean(w) or w, weights[i]) for i, w in enumerate(words) if span[0] <= i < span[1]]
    heaviest = max(range(len(chosen)), key=lambda i: chosen[i][1])
    uppercase = language not in ("de",)  # German nouns keep their capitals in meaning, not in looks
    tokens = [piece for i, (word, _) in enumerate(chosen)
              for piece in _pieces(word.upper() if uppercase else word, emphasis=i == heaviest and len(chosen) > 1,
                                   language=language)]
    if is_rtl(title):
        tokens.reverse()
    return Headline(tuple(tokens), False, language)


def _marks_joined(words: list[str]) -> list[str]:
    """The words, with a mark standing alone ("Magma : Les ...", French spacing) joined to the word
    before it, so a run still ends where its clause ends."""
    joined: list[str] = []
    for word in words:
        if not _clean(word) and not any(is_emoji(c) for c in word):
            if joined and CLAUSE_END.search(word):
                joined[-1] += word
            continue
        joined.append(word)
    return joined


def _pieces(word: str, *, emphasis: bool, language: str = "") -> list[Token]:
    """A long word in pieces that join again unless a line ends there: a hyphenated one at its
    hyphens ("MONT-SAINT-" / "MICHEL", never "MONT-SAIN-" / "T-MICHEL"), a compound where its
    language hyphenates it ("Neu-schwan-stein"), else, if it is too long for large type, in even pieces."""
    if len(word) < HYPHENATED_FROM:
        return [Token(word, emphasis=emphasis)]
    parts = re.findall(r"[^-]+-*|-+", word)
    if len(parts) > 1:
        tokens = []
        for number, part in enumerate(parts):
            pieces = _pieces(part, emphasis=emphasis, language=language)
            if number + 1 < len(parts):
                pieces[-1] = Token(pieces[-1].text, emphasis=emphasis, space_after=False)
            tokens += pieces
        return tokens
    cuts = _syllable_cuts(word, language)
    if cuts:
        bounds = (0, *cuts, len(word))
        return [Token(word[a:b], emphasis=emphasis, hyphen=b < len(word)) for a, b in itertools.pairwise(bounds)]
    if len(word) <= LONG_WORD + 2:
        return [Token(word, emphasis=emphasis)]
    count = -(-len(word) // 11)
    size = -(-len(word) // count)
    parts = [word[i:i + size] for i in range(0, len(word), size)]
    return [Token(part, emphasis=emphasis, hyphen=i + 1 < len(parts)) for i, part in enumerate(parts)]


@functools.cache
def _hyphenator(language: str) -> pyphen.Pyphen | None:
    code = next((c for c in (language, f"{language}_{language.upper()}") if c in pyphen.LANGUAGES), None)
    return pyphen.Pyphen(lang=code) if code else None


def _syllable_cuts(word: str, language: str) -> tuple[int, ...]:
    """Where to break a long word, from its language's hyphenation patterns: as few cuts as leave
    pieces of at most PIECE letters, each piece at least three letters; () when none is known."""
    dictionary = _hyphenator(language) if language and word.isalpha() else None
    if dictionary is None:
        return ()
    allowed = [p for p in dictionary.positions(word) if 3 <= p <= len(word) - 3]
    cuts: list[int] = []
    start = 0
    while len(word) - start > PIECE:
        # the furthest break that keeps this piece short enough
        reach = [p for p in allowed if start + 3 <= p <= start + PIECE]
        if not reach:
            return ()
        start = reach[-1]
        cuts.append(start)
    return tuple(cuts)


def _join_numbers(words: list[str]) -> list[str]:
    """ "1 200" (French thousands) is one word, kept together by a no-break space."""
    joined: list[str] = []
    for word in words:
        if joined and re.fullmatch(r"\d{3}\W?", word) and re.fullmatch(r"\d{1,3}(?:\u00a0\d{3})*", joined[-1]):
            joined[-1] += "\u00a0" + word
        else:
            joined.append(word)
    return joined


def _phrase_weight(phrase: str) -> float:
    # Kanji and katakana carry meaning; hiragana is mostly particles and endings.
    return sum(1.0 if re.match(r"[\u30a0-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7afA-Za-z0-9]", c) else 0.3
               for c in phrase)


def _spaceless(title: str, language: str) -> Headline:
    phrases = [p for p in _parser(language).parse(title) if p.strip()]
    if sum(len(p.rstrip("：、。，,:？！?!")) for p in phrases) <= MAX_CJK_CHARS:
        chosen = phrases
    else:
        best, best_score = phrases[:1], -1.0
        for start in range(len(phrases)):
            for end in range(start + 1, len(phrases) + 1):
                run = phrases[start:end]
                if sum(len(p.rstrip("：、。，,:？！?!")) for p in run) > MAX_CJK_CHARS and end > start + 1:
                    break
                if any(CLAUSE_END.search(p) for p in run[:-1]):
                    break
                score = sum(_phrase_weight(p) for p in run)
                score += 1.5 * (start == 0 or bool(CLAUSE_END.search(phrases[start - 1])))
                if score > best_score:
                    best, best_score = run, score
        chosen = best
    chosen = [p.strip().rstrip("：、。，,:") or p for p in chosen]
    if language == "ja":  # a particle that ties the last phrase to what follows ends no headline ("210キロで")
        bare = re.sub(r"(?:から|まで|より|で|を|に|が|は|の|と|も|へ)$", "", chosen[-1])
        chosen[-1] = bare if len(bare) >= 2 else chosen[-1]
    heaviest = max(range(len(chosen)), key=lambda i: _phrase_weight(chosen[i]))
    tokens = tuple(Token(p, emphasis=i == heaviest and len(chosen) > 1, space_after=False)
                   for i, p in enumerate(chosen))
    return Headline(tokens, True, language)
