"""The embedded writer: turns a source text (an article, notes, a story) into a script with no model
and no network, deterministically. It cannot invent facts, so it needs a source text.

- Long sources are summarised extractively to the target length: sentences are scored by how many
  of the text's frequent content words they carry (plus a bonus for leads of the text and of
  paragraphs), the best are kept whole, and they are read in their original order. A sentence that
  leans on the one before ("They ...", "This ...") is kept only with it.
- Scenes are cut at sentence and paragraph boundaries, aiming at 8 s of speech (5-12 s) at the
  channel's speaking rate; only a sentence longer than a scene is split, at a comma.
- Visual queries are the text's main subject plus the scene's most specific nouns.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from typing import ClassVar

from videos.llm import text as textkit
from videos.llm.base import (
    SCENE_SECONDS_AIM,
    SCENE_SECONDS_MAX,
    SCENE_SECONDS_MIN,
    SceneDraft,
    ScriptDraft,
    WriterUnavailable,
    WritingBrief,
    cut_at_word,
    enforce_limits,
)
from videos.llm.text import Sentence

PROMPT_VERSION = "offline-v1"
YEAR = re.compile(r"\b(?:1[0-9]{3}|20[0-9]{2})\b(?:\s?(?:BC|AD|BCE|CE|v\. Chr\.|a\. C\.))?|\b\d{2,4}\s?(?:BC|BCE)\b")
LABELS = {
    "en": "In this video", "de": "In diesem Video", "es": "En este vídeo", "fr": "Dans cette vidéo",
}


class OfflineWriter:
    name: ClassVar[str] = "offline"
    model = ""

    def write(self, brief: WritingBrief) -> ScriptDraft:
        started = time.monotonic()
        if not brief.source_text.strip():
            raise WriterUnavailable(
                "The offline writer turns a source text into a script and cannot invent facts from a topic "
                "alone: paste a source text (an article, notes or a story), or configure an LLM writer "
                "(Ollama, Anthropic or an OpenAI-compatible endpoint) in the channel's writer order."
            )
        language = textkit.detect_language(brief.source_text, brief.language)
        document = _parse(brief.source_text, language)
        if not document.sentences:
            raise WriterUnavailable("The source text has no sentences to narrate; paste prose or notes.")
        keywords = _keywords(document, brief, language)
        chosen = summarise(document.sentences, brief.target_words, language, keywords)
        scenes = tuple(_scene(group, keywords, language) for group in group_scenes(chosen, brief))
        title = document.heading or brief.topic or _title_from(keywords)
        draft = ScriptDraft(
            title=title, hook=chosen[0].text, description=_description(chosen, keywords, language),
            tags=_tags(brief, keywords), scenes=scenes, language=language, provider=self.name,
            prompt_version=PROMPT_VERSION, seconds=round(time.monotonic() - started, 3),
        )
        return enforce_limits(draft)

    def rewrite_scene(self, brief: WritingBrief, draft: ScriptDraft, index: int, instruction: str) -> SceneDraft:
        """Say something else at this point: the source's best sentences that the script left out,
        from the stretch of text between the neighbouring scenes. Instructions need an LLM."""
        if instruction.strip():
            raise WriterUnavailable("The offline writer cannot follow instructions; configure an LLM writer, "
                                    "or edit the scene by hand.")
        language = draft.language or brief.language
        document = _parse(brief.source_text, language)
        spare = _unused_between(document.sentences, draft, index)
        if not spare:
            raise WriterUnavailable("The offline writer has no other sentences in the source for this scene; "
                                    "edit it by hand, or configure an LLM writer to rewrite it.")
        keywords = _keywords(document, brief, language)
        words = max(len(draft.scenes[index].narration.split()), brief.words_for(SCENE_SECONDS_MIN))
        picked = summarise(spare, words, language, keywords)
        return _scene(picked, keywords, language)

    def suggest_topics(self, brief: WritingBrief, n: int, existing: list[str]) -> list[str]:
        """Without a model the only honest ideas are in the channel's own material: the named people,
        places and things its source texts (in `brief.source_text`) mention most, as follow-ups."""
        language = textkit.detect_language(brief.source_text, brief.language) if brief.source_text else ""
        names = named_things(_parse(brief.source_text, language).sentences, language) if language else []
        if not names:
            raise WriterUnavailable("Suggesting new topics needs an LLM writer (add Ollama, Anthropic or an "
                                    "OpenAI-compatible endpoint to the channel's writer order); without one, ideas "
                                    "come only from names in the channel's source texts, and there are none yet.")
        return names[: n * 3]


def _parse(source_text: str, language: str) -> textkit.Document:
    document = textkit.parse(source_text, language)
    sentences = tuple(Sentence(spoken(s.text, language), s.paragraph, s.index) for s in document.sentences)
    return textkit.Document(heading=document.heading, sentences=sentences)


NAME = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s+(?:(?:of|the|de|del|la|las|los|von|van|der|du|des)\s+)*"
                  r"[A-ZÀ-ÖØ-Þ][\w'’-]+)*")


def named_things(sentences: tuple[Sentence, ...], language: str) -> list[str]:
    """Names of two or more capitalised words ("Augustin Fresnel", "Pharos of Alexandria"), most
    mentioned first. Single capitalised words are left out (every sentence starts with one)."""
    counts: Counter[str] = Counter()
    stop = textkit.STOPWORDS.get(language, frozenset())
    for sentence in sentences:
        for match in NAME.finditer(sentence.text):
            words = match.group(0).split()
            while words and words[0].lower() in stop:  # "The Pharos" at a sentence start
                words = words[1:]
            # German capitalises every noun, so two nouns side by side are no name: "von" makes one.
            german_noise = language == "de" and not {"von", "vom", "zu"} & set(words)
            if len(words) >= 2 and not german_noise and not any(ch.isdigit() for ch in "".join(words)):
                counts[" ".join(words)] += 1
    return [name for name, _count in counts.most_common()]


# --- Keywords ------------------------------------------------------------------------------------

def _keywords(document: textkit.Document, brief: WritingBrief, language: str) -> list[tuple[str, float]]:
    """Keywords by weight, each shown in its most common spelling (English shows the singular).
    A word counts double where it stands like a noun, and words of the heading and topic count
    six times more: they name what the text is about."""
    counts: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    for sentence in document.sentences:
        words = sentence.words
        nounish = textkit.noun_evidence(words, language)
        for position, word in enumerate(words):
            if textkit.is_content_word(word, language) and not _looks_abstract(word, language, position):
                stem = textkit.stem(word, language)
                counts[stem] += 2 if position in nounish else 1
                spellings.setdefault(stem, Counter())[word.lower()] += 1
    for word in textkit.words(f"{document.heading} {brief.topic}"):
        if textkit.is_content_word(word, language) and textkit.stem(word, language) in counts:
            counts[textkit.stem(word, language)] += 6
    ranked = counts.most_common()
    # "lighthouse" says more than "light": a top word that starts another strong top word yields to it.
    if len(ranked) > 1:
        top = ranked[0]
        longer = [item for item in ranked[1:4] if item[0].startswith(top[0]) and item[1] >= top[1] / 2]
        if longer:
            ranked.remove(longer[0])
            ranked.insert(0, (longer[0][0], top[1]))
    if language == "en":
        return [(stem, float(count)) for stem, count in ranked]
    return [(spellings[stem].most_common(1)[0][0], float(count)) for stem, count in ranked]


def _weights(keywords: list[tuple[str, float]], language: str) -> dict[str, float]:
    """Weight (0-1) by stem."""
    top = keywords[0][1] if keywords else 1.0
    return {textkit.stem(word, language): count / top for word, count in keywords}


# --- Summary ---------------------------------------------------------------------------------------

def _score(sentence: Sentence, weights: dict[str, float], language: str, first_of_paragraph: bool) -> float:
    stems = {textkit.stem(w, language) for w in sentence.words if textkit.is_content_word(w, language)}
    score = sum(weights.get(s, 0.0) for s in stems) / max(6, len(sentence.words)) ** 0.5
    if sentence.index == 0:
        score += 1.0  # the lead usually states what the text is about
    elif first_of_paragraph:
        score += 0.25
    return score


def _leans_on_previous(sentence: Sentence, language: str) -> bool:
    words = sentence.words
    return bool(words) and words[0].lower() in textkit.DEPENDENT_STARTS.get(language, frozenset())


def summarise(sentences: tuple[Sentence, ...] | list[Sentence], target_words: int, language: str,
              keywords: list[tuple[str, float]]) -> list[Sentence]:
    """Whole sentences, in order, totalling about `target_words`; all of them if they fit."""
    sentences = list(sentences)
    total = sum(len(s.words) for s in sentences)
    if total <= target_words * 1.15:
        return sentences
    weights = _weights(keywords, language)
    paragraph_starts = {s.index for n, s in enumerate(sentences) if n == 0 or sentences[n - 1].paragraph != s.paragraph}
    ranked = sorted(sentences, key=lambda s: -_score(s, weights, language, s.index in paragraph_starts))
    by_index = {s.index: s for s in sentences}
    chosen: dict[int, Sentence] = {}
    budget = target_words * 1.05
    for sentence in ranked:
        group = [sentence]
        previous = by_index.get(sentence.index - 1)
        if _leans_on_previous(sentence, language) and previous and previous.index not in chosen:
            group.insert(0, previous)
        used = sum(len(s.words) for s in chosen.values())
        if used + sum(len(s.words) for s in group) <= budget:
            chosen.update({s.index: s for s in group})
    if not chosen:  # one sentence longer than the whole video: keep the lead's words
        return [sentences[0]]
    return [chosen[i] for i in sorted(chosen)]


def condense(source_text: str, words: int, language: str) -> str:
    """The source cut down to about `words` whole sentences, paragraphs kept; for LLM writers whose
    context would not hold a very long source."""
    language = textkit.detect_language(source_text, language)
    document = textkit.parse(source_text, language)
    brief = WritingBrief(topic="", source_text="", niche="", audience="", tone="", language=language,
                         target_seconds=60, words_per_minute=150)
    chosen = summarise(document.sentences, words, language, _keywords(document, brief, language))
    paragraphs: dict[int, list[str]] = {}
    for sentence in chosen:
        paragraphs.setdefault(sentence.paragraph, []).append(sentence.text)
    body = "\n\n".join(" ".join(texts) for texts in paragraphs.values())
    return f"{document.heading}\n\n{body}" if document.heading else body


# --- Scenes ----------------------------------------------------------------------------------------

def _split_long(sentence: str, max_words: int) -> list[str]:
    """Split a sentence longer than a scene at the comma (or semicolon, colon, dash) nearest its middle."""
    words = sentence.split()
    if len(words) <= max_words:
        return [sentence]
    middle = len(words) / 2
    cuts = [n for n, word in enumerate(words[:-1], 1) if re.search(r"[,;:—–]$", word) or words[n] in ("—", "–")]
    if not cuts:
        cuts = [round(middle)]
    cut = min(cuts, key=lambda n: abs(n - middle))
    return _split_long(" ".join(words[:cut]), max_words) + _split_long(" ".join(words[cut:]), max_words)


def group_scenes(sentences: list[Sentence], brief: WritingBrief) -> list[list[Sentence]]:
    """Consecutive sentences grouped into scenes as close to 8 s as possible, none over 12 s and few
    under 5 s, preferring to change scene where a paragraph ends (a small dynamic programme)."""
    least, aim, most = (brief.words_for(s) for s in (SCENE_SECONDS_MIN, SCENE_SECONDS_AIM, SCENE_SECONDS_MAX))
    units = [Sentence(part, s.paragraph, s.index) for s in sentences for part in _split_long(s.text, most)]
    sizes = [len(unit.text.split()) for unit in units]

    def cost(start: int, end: int) -> float:  # the scene units[start:end]
        words = sum(sizes[start:end])
        crossings = sum(units[n].paragraph != units[n - 1].paragraph for n in range(start + 1, end))
        penalty = ((words - aim) / aim) ** 2 + 0.6 * crossings
        if words > most and end - start > 1:
            penalty += 50
        if words < least:
            penalty += 1 + 4 * ((least - words) / least) ** 2
        return penalty

    best = [0.0] + [float("inf")] * len(units)
    cut = [0] * (len(units) + 1)
    for end in range(1, len(units) + 1):
        for start in range(max(0, end - 12), end):
            total = best[start] + cost(start, end)
            if total < best[end]:
                best[end], cut[end] = total, start
    scenes, end = [], len(units)
    while end > 0:
        scenes.append(units[cut[end]:end])
        end = cut[end]
    return scenes[::-1]


def spoken(sentence: str, language: str) -> str:
    """Notes read aloud: "1817: Karl Drais builds..." becomes "In 1817, Karl Drais builds..."."""
    if language != "en":
        return sentence
    sentence = re.sub(r"^(\d{3,4}):\s+", r"In \1, ", sentence)
    sentence = re.sub(r"^(\d{3,4})s:\s+", r"In the \1s, ", sentence)
    return re.sub(r"^(Today|Now|Later|Then|Earlier|Meanwhile):\s+", r"\1, ", sentence)


def _scene(group: list[Sentence], keywords: list[tuple[str, float]], language: str) -> SceneDraft:
    narration = " ".join(s.text for s in group)
    year = YEAR.search(narration)
    return SceneDraft(narration=narration, visual_query=visual_query(narration, keywords, language),
                      on_screen_text=year.group(0) if year else "")


def visual_query(narration: str, keywords: list[tuple[str, float]], language: str) -> str:
    """The text's subject plus up to three of the scene's most specific, noun-like words."""
    weights = _weights(keywords, language)
    subject = keywords[0][0] if keywords else ""
    words = textkit.words(narration)
    nounish = textkit.noun_evidence(words, language)
    candidates: dict[str, tuple[float, str]] = {}
    for position, word in enumerate(words):
        if not textkit.is_content_word(word, language) or _looks_abstract(word, language, position):
            continue
        stem = textkit.stem(word, language)
        # Rare in the text but present here means specific to this scene; nouns can be filmed.
        score = 1.0 - weights.get(stem, 0.0) / 2 + (1.0 if position in nounish else 0.0)
        if score > candidates.get(stem, (-1.0, ""))[0]:
            candidates[stem] = (score, stem if language == "en" else word.lower())
    candidates.pop(textkit.stem(subject, language), None)
    chosen = [shown for _score, shown in sorted(candidates.values(), key=lambda item: -item[0])[:3]]
    return " ".join(([subject] if subject else []) + chosen)


def _looks_abstract(word: str, language: str, position: int = 1) -> bool:
    lower = word.lower()
    if language == "en":
        return lower.endswith(("ly", "ed", "ness", "ity", "ment", "ous", "ful", "less", "ive", "ible", "able"))
    if language == "de":
        # German nouns are capitalised; a lower-case word is a verb, adjective or particle.
        # The first word of a sentence is capitalised whatever it is, so it gives no evidence.
        return not word[:1].isupper() or position == 0
    if language == "es":
        # Adverbs, abstract nouns, participles, past tenses.
        return lower.endswith(("mente", "ción", "sión", "dad", "ado", "ido", "aba", "ían", "ó", "aron", "ieron"))
    if language == "fr":
        return lower.endswith(("ment", "tion", "ait", "aient", "é", "ée", "és"))
    return False


# --- Title, description, tags ------------------------------------------------------------------------

def _title_from(keywords: list[tuple[str, float]]) -> str:
    words = [word for word, _ in keywords[:3]]
    if not words:
        return "Untitled"
    return words[0].capitalize() + (": " + ", ".join(words[1:]) if len(words) > 1 else "")


def _description(chosen: list[Sentence], keywords: list[tuple[str, float]], language: str) -> str:
    opening, words = [], 0
    for sentence in chosen:
        if words > 45 and opening:
            break
        opening.append(sentence.text)
        words += len(sentence.words)
    topics = ", ".join(word for word, _ in keywords[:6])
    hashtags = " ".join("#" + word.replace("-", "") for word, _ in keywords[:3])
    label = LABELS.get(language, LABELS["en"])
    return f"{' '.join(opening)}\n\n{label}: {topics}.\n\n{hashtags}"


def _tags(brief: WritingBrief, keywords: list[tuple[str, float]]) -> tuple[str, ...]:
    tags = [cut_at_word(brief.niche, 60)] if brief.niche else []
    tags += [word for word, _ in keywords[:14]]
    return tuple(tags)


def _unused_between(sentences: tuple[Sentence, ...], draft: ScriptDraft, index: int) -> list[Sentence]:
    used = " ".join(scene.narration for scene in draft.scenes)

    def position_of(narration: str) -> int | None:
        for sentence in sentences:
            if sentence.text in narration:
                return sentence.index
        return None

    before = [position_of(s.narration) for s in draft.scenes[:index]]
    after = [position_of(s.narration) for s in draft.scenes[index + 1:]]
    low = max((p for p in before if p is not None), default=-1)
    high = min((p for p in after if p is not None), default=len(sentences))
    return [s for s in sentences if low < s.index < high and s.text not in used]
