"""What a script can do without a model saying it: a title from the text's first sentence, footage
queries and tags from its noun phrases, a description from its opening, and the hook made the
narration's first words. Shared by the LLM writers (for fields a reply left out) and the offline
writer."""

from __future__ import annotations

import difflib
import re

from videos.llm import phrases as phrasekit
from videos.llm import text as textkit
from videos.llm.base import TITLE_MAX

# Where a sentence may be cut into a phrase that still reads whole: after a clause.
CLAUSE_BREAK = re.compile(r"(?:[,;:—–]\s|\s(?:and|but|which|while|because|so|when|where|as)\s|[、，；：])")


def title_from_sentence(sentence: str, limit: int = TITLE_MAX) -> str:
    """The sentence as a title when it fits, else its longest opening clause that does, never
    cut inside a word or a clause; "" when not even the first clause fits."""
    sentence = " ".join(sentence.split()).rstrip(".!…。！")
    if len(sentence) <= limit:
        return sentence
    best = ""
    for match in CLAUSE_BREAK.finditer(sentence):
        phrase = sentence[: match.start()].rstrip(" ,;:—–、，；：")
        if len(phrase) > limit:
            break
        if len(textkit.words(phrase)) >= 3 or textkit.CJK.search(phrase):
            best = phrase
    return best


def first_sentence(narration: str, language: str) -> str:
    sentences = textkit.split_sentences(narration, language)
    return sentences[0] if sentences else narration


def footage_query(narration: str, language: str, context: list[str], fallback: str = "") -> str:
    """The scene's most telling concrete noun phrase ("full moon over the sea"), or `fallback`
    (the video's subject) when it names nothing that can be filmed."""
    phrases = phrasekit.keyphrases(textkit.split_sentences(narration, language) or [narration], language,
                                 top=2, context=context)
    return phrases[0] if phrases else fallback


def tags_for(sentences: list[str], language: str, *, niche: str = "", title: str = "", count: int = 12) -> list[str]:
    """Noun phrases of the narration ("Bay of Fundy", "spring tides"), not the niche verbatim and
    not single common words."""
    return phrasekit.keyphrases(sentences, language, top=count, exclude=(niche, title))


def description_from(sentences: list[str], language: str, *, words: int = 45) -> str:
    opening, count = [], 0.0
    for sentence in sentences:
        if count > words and opening:
            break
        opening.append(sentence)
        count += textkit.count_words(sentence, language)
    return textkit.join_sentences(opening, language)


def hook_opens(hook: str, narration: str, language: str, *, later: str = "") -> tuple[str, str]:
    """(hook, first narration) such that the narration begins with the hook: a hook that is
    already the first sentence (or nearly) stays; one that is not spoken is put in front, so the
    viewer hears the line the title and thumbnail promise. `later`: the rest of the narration; a
    hook said there already is not said twice (the opening sentence becomes the hook)."""
    hook = " ".join(hook.split())
    first = first_sentence(narration, language)
    if not hook:
        return first, narration
    if narration.startswith(hook):
        return hook, narration
    if difflib.SequenceMatcher(None, hook.lower(), first.lower()).ratio() >= 0.8:
        return first, narration  # the model reworded its own opening a little: the spoken one is the hook
    if hook.rstrip(".!?。！？") in f"{narration} {later}":
        return first, narration
    spoken_hook = textkit.ensure_period(hook, language)
    return spoken_hook, textkit.join_sentences([spoken_hook, narration], language)
