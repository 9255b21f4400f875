"""Extractive summaries the way an editor cuts a text: whole sentences, in their order, about as long
as the video, that still make sense together.

- Sentences are ranked by TextRank (the sentences that share the most with the rest of the text),
  with a bonus for the lead, each paragraph's (and each list item's) first sentence, sentences that
  explain ("because", "which is why"), events and striking examples (`salience`), and the words of
  the heading.
- A sentence is kept only with what it cannot be understood without (`references.antecedents`: "These
  two facts..." with both facts, 「この方法」 with the sentence that tells the method), a question
  with its answer, a line announcing a list with its items; a chain too long to fit is left out.
- The opening is the hook; the event a story turns on is never cut (`salience.main_event`); an
  explainer keeps its most striking example when it fits (`salience.striking_example`); the text's
  own last sentence, its payoff, closes the script when it fits; the script never ends on a question
  or a teaser.
- Lengths are speech time (`speech.speech_words`), so a budget means the same in every language.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from videos.llm import references, salience
from videos.llm import text as textkit
from videos.llm.speech import speech_words
from videos.llm.text import Sentence

# Sentences that give a reason or a consequence: an editor keeps these, since they make the facts
# make sense.
EXPLAINS = {
    "en": re.compile(r"\b(because|so that|which is why|that is why|this is why|the reason|this means|as a result|"
                     r"therefore|due to|caused by|causes|explains|thanks to|in order to)\b", re.IGNORECASE),
    "de": re.compile(r"\b(weil|deshalb|daher|darum|denn|dadurch|sodass|so dass|aufgrund)\b", re.IGNORECASE),
    "es": re.compile(r"\b(porque|por eso|por lo tanto|debido a|gracias a|así que|ya que)\b", re.IGNORECASE),
    "fr": re.compile(r"\b(parce que|c'est pourquoi|donc|grâce à|à cause de|car)\b", re.IGNORECASE),
    "ja": re.compile(r"(ため|から|ので|によって|その結果)"),
    "zh": re.compile(r"(因为|所以|因此|由于)"),
}
# Lines that promise what comes next, or ask for a click; a script must not stop on one.
TEASER = re.compile(r"(\?|？|:|：|…|\.\.\.)[\"'”’»)]*$|\b(find out|stay tuned|but that'?s not all|here'?s why|"
                    r"here are|what happened next|read on|more on that|coming up|subscribe|abonnez|suscríbete|"
                    r"abonniert)\b|チャンネル登録", re.IGNORECASE)
UNIT_MAX = 6  # sentences: a sentence that needs more than this to make sense is left out
ENDING_SHARE = 0.35  # of the budget: a longer ending is not forced in


def size(sentence: Sentence, language: str) -> float:
    return speech_words(sentence.text, language)


def is_teaser(sentence: Sentence) -> bool:
    return bool(TEASER.search(sentence.text))


def _heading_terms(heading: str, language: str) -> set[str]:
    return textkit._terms(heading, language) if heading else set()


def centrality(sentences: Sequence[Sentence], language: str) -> list[float]:
    """Each sentence's TextRank relative to the text's average (1.0 is average)."""
    ranks = textkit.textrank([s.text for s in sentences], language)
    mean = sum(ranks) / len(ranks) if ranks else 1.0
    return [rank / mean for rank in ranks]


def importance(sentences: Sequence[Sentence], language: str, heading: str = "",
               central: Sequence[float] | None = None) -> dict[int, float]:
    """Each sentence's score: its TextRank relative to the text's average, plus bonuses for the lead,
    each paragraph's first sentence (more for a list item's), sentences that explain, events,
    striking examples, the heading's words and the text's last sentence."""
    ranks = list(central) if central is not None else centrality(sentences, language)
    explains = EXPLAINS.get(language)
    named = _heading_terms(heading, language)
    scores: dict[int, float] = {}
    for position, (sentence, rank) in enumerate(zip(sentences, ranks, strict=True)):
        score = rank
        if position == 0:
            score += 2.0  # the lead states what the text is about
        elif sentences[position - 1].paragraph != sentence.paragraph:
            # An item's first sentence names the item ("The anglerfish carries its own lamp."): a
            # list article is its items.
            score += 1.5 if sentence.item else 0.3
        if explains and explains.search(sentence.text):
            score += 1.0
        score += 0.3 * salience.event_strength(sentence.text, language)
        if salience.is_striking(sentence.text, language):
            score += 0.8
        if named:
            score += 0.5 * len(named & textkit._terms(sentence.text, language))
        if position == len(sentences) - 1:
            score += 0.8  # the text was written towards its ending
        scores[sentence.index] = score
    return scores


def _is_lead_in(position: int, sentences: Sequence[Sentence], language: str) -> bool:
    """A short sentence that opens a paragraph and announces what follows ("The answer begins
    with the Moon.", "There is a second reason."): alone it says nothing."""
    if position == 0 or position + 1 >= len(sentences):
        return False
    sentence, following, previous = sentences[position], sentences[position + 1], sentences[position - 1]
    return (previous.paragraph != sentence.paragraph and following.paragraph == sentence.paragraph
            and textkit.count_words(sentence.text, language) <= 10)


def dependencies(sentences: Sequence[Sentence], language: str) -> dict[int, set[int]]:
    """For each position, the positions it cannot be kept without: the sentences it refers back to,
    the answer after a question or a colon, what a lead-in announces, a list's items."""
    back = references.antecedents(sentences, language)
    announced = references.announced(sentences, language)
    explains = EXPLAINS.get(language)
    needs: dict[int, set[int]] = {}
    for position, sentence in enumerate(sentences):
        found = set(back.get(position, ())) | set(announced.get(position, ()))
        following = position + 1
        if following < len(sentences):
            if is_teaser(sentence) or _is_lead_in(position, sentences, language):
                found.add(following)
            elif explains and explains.search(sentence.text) and position in back.get(following, ()):
                found.add(following)  # "...because of its shape. It is long, narrow and shallow."
        needs[position] = found
    return needs


def closure(position: int, needs: dict[int, set[int]], limit: int = UNIT_MAX) -> set[int] | None:
    """The sentence with everything it needs, and what those need; None when that is over `limit`."""
    unit, todo = {position}, [position]
    while todo:
        for other in needs.get(todo.pop(), ()):
            if other not in unit:
                unit.add(other)
                todo.append(other)
                if len(unit) > limit:
                    return None
    return unit


def _ending(sentences: Sequence[Sentence]) -> int | None:
    for position in range(len(sentences) - 1, 0, -1):
        if not is_teaser(sentences[position]):
            return position
    return None


@dataclass(frozen=True)
class Summary:
    kept: list[Sentence]
    scores: dict[int, float]  # by Sentence.index
    event: int | None  # the Sentence.index of the event the text turns on


def summary_of(sentences: Sequence[Sentence], target_words: float, language: str, *, teaser_free: bool = True,
               heading: str = "", measure: Callable[[Sentence, str], float] | None = None) -> Summary:
    """Whole sentences, in order, totalling about `target_words` speech words (or what `measure`
    counts); all of them if they fit."""
    sentences = list(sentences)
    measure = measure or size
    if not sentences:
        return Summary([], {}, None)
    central = centrality(sentences, language)
    scores = importance(sentences, language, heading, central)
    event_position = salience.main_event(sentences, language, central)
    event = None if event_position is None else sentences[event_position].index
    sizes = [measure(s, language) for s in sentences]
    if sum(sizes) <= target_words * 1.15:
        return Summary(_without_trailing_teasers(sentences) if teaser_free else sentences, scores, event)
    needs = dependencies(sentences, language)
    budget = target_words * 1.05
    chosen: set[int] = set()

    def cost(unit: set[int]) -> float:
        return sum(sizes[p] for p in unit - chosen)

    # The opening is the hook; the event the text turns on is never cut; the ending closes it when
    # it fits.
    examples = [] if salience.is_story(sentences, language) else salience.striking_examples(sentences, language, scores)
    forced = [(0, True), (event_position, True), *((example, None) for example in examples),
              (_ending(sentences) if teaser_free else None, False)]
    placed_example = False
    for position, must in forced:
        if position is None or (must is None and placed_example):
            continue
        unit = closure(position, needs, limit=len(sentences) if must else UNIT_MAX) or set()
        if unit and (must or (cost(unit) <= budget * ENDING_SHARE
                              and sum(sizes[p] for p in chosen) + cost(unit) <= budget)):
            chosen |= unit
            placed_example |= must is None  # the first example that fits; the others compete as usual
    # Then value for the time it takes: a long sentence must carry more to earn its seconds.
    order = sorted(range(len(sentences)), key=lambda p: (-scores[sentences[p].index] / max(4.0, sizes[p]) ** 0.5, p))
    used = sum(sizes[p] for p in chosen)
    for position in order:
        if position in chosen:
            continue
        unit = closure(position, needs)
        if unit is None:
            continue  # the chain of sentences it needs is too long: it cannot stand here
        extra = cost(unit)
        if used + extra <= budget:
            chosen |= unit
            used += extra
    kept = [sentences[p] for p in sorted(chosen)]
    return Summary(_without_trailing_teasers(kept) if teaser_free else kept, scores, event)


def summarise(sentences: Sequence[Sentence], target_words: float, language: str, *, teaser_free: bool = True,
              heading: str = "", measure: Callable[[Sentence, str], float] | None = None) -> list[Sentence]:
    return summary_of(sentences, target_words, language, teaser_free=teaser_free, heading=heading,
                      measure=measure).kept


def written_words(sentence: Sentence, language: str) -> float:
    """Words as written (characters at their rate for Japanese and Chinese): what a model's context holds."""
    return textkit.count_words(sentence.text, language)


def _without_trailing_teasers(kept: list[Sentence]) -> list[Sentence]:
    kept = list(kept)
    while len(kept) > 1 and is_teaser(kept[-1]):
        kept.pop()  # a script that ends on a question or a promise leaves the viewer hanging
    return kept
