"""The embedded writer: turns a source text (an article, notes, a story) into a script with no model
and no network, deterministically, the way an editor would cut it. It cannot invent facts, so it
needs a source text.

- Long sources are summarised extractively to the target length: sentences are ranked by TextRank
  (the sentences that share the most with the rest of the text), with a lead bonus and a bonus for
  sentences that explain ("because", "which is why"); the best are kept whole, in their original
  order. A sentence that leans on the one before ("They ...", "This is why ...") is kept only with
  it, a question only with its answer, and the script never ends on a question or a teaser.
- Scenes end where sentences end, aiming at 8 s of speech (5-12 s) at the channel's speaking rate;
  word counts work for Chinese and Japanese (`text.count_words`).
- The title is the text's own heading, else the topic, else the first sentence or its opening
  clause. Footage queries and tags are the text's concrete noun phrases (`phrases.keyphrases`).
"""

from __future__ import annotations

import re
import time
from typing import ClassVar

from videos.llm import derive
from videos.llm import phrases as phrasekit
from videos.llm import text as textkit
from videos.llm.base import (
    SCENE_SECONDS_AIM,
    SCENE_SECONDS_MAX,
    SCENE_SECONDS_MIN,
    SceneDraft,
    ScriptDraft,
    WriterUnavailable,
    WritingBrief,
    enforce_limits,
)
from videos.llm.text import Sentence

PROMPT_VERSION = "offline-v2"
YEAR = re.compile(r"\b(?:1[0-9]{3}|20[0-9]{2})\b(?:\s?(?:BC|AD|BCE|CE|v\. Chr\.|a\. C\.))?|\b\d{2,4}\s?(?:BC|BCE)\b")
LABELS = {
    "en": "In this video", "de": "In diesem Video", "es": "En este vídeo", "fr": "Dans cette vidéo",
    "ja": "この動画では", "zh": "本视频",
}
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
# Lines that promise what comes next; a script must not stop on one.
TEASER = re.compile(r"(\?|？|:|：|…|\.\.\.)[\"'”’»)]*$|\b(find out|stay tuned|but that'?s not all|here'?s why|"
                    r"here are|what happened next|read on|more on that|coming up)\b", re.IGNORECASE)


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
        every = [s.text for s in document.sentences]
        chosen = summarise(document.sentences, brief.target_words, language)
        kept = [s.text for s in chosen]
        phrases = phrasekit.keyphrases(every, language, top=15, exclude=(brief.niche,))
        phrases = _subject_first(phrases, f"{document.heading} {brief.topic}", language)
        scenes = _scenes(group_scenes(chosen, brief, language), language, every, phrases)
        title = (document.heading or brief.topic or derive.title_from_sentence(kept[0])
                 or (phrases[0] if phrases else "") or brief.niche or "Untitled")
        draft = ScriptDraft(
            title=title, hook=kept[0], description=_description(kept, phrases, language),
            tags=tuple(phrases[:12]), scenes=scenes, language=language, provider=self.name,
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
        words = max(textkit.count_words(draft.scenes[index].narration, language), brief.words_for(SCENE_SECONDS_MIN))
        picked = summarise(spare, round(words), language, teaser_free=False)
        every = [s.text for s in document.sentences]
        return _scene(picked, language, every, draft.scenes[index].visual_query)

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
    sentences = tuple(Sentence(spoken(s.text, language), s.paragraph, s.index, s.item) for s in document.sentences)
    return textkit.Document(heading=document.heading, sentences=sentences)


def named_things(sentences: tuple[Sentence, ...], language: str) -> list[str]:
    """Names of two or more capitalised words ("Augustin Fresnel", "Pharos of Alexandria"), most
    mentioned first. Single capitalised words are left out (every sentence starts with one)."""
    return [name for name, _count in phrasekit.names([s.text for s in sentences], language).most_common()]


# --- Summary ---------------------------------------------------------------------------------------

def _size(sentence: Sentence, language: str) -> float:
    return textkit.count_words(sentence.text, language)


SUBJECT_PRONOUNS = {"en": frozenset(["it", "they", "them", "he", "she", "him"])}
POSSESSIVES = {"en": frozenset(["its", "their", "his", "her"])}
PREPOSITIONS = {"en": frozenset(["on", "in", "at", "of", "with", "from", "to", "for", "by", "under", "over", "into",
                                 "near", "behind", "inside", "around"])}


def _leans_on_previous(sentence: Sentence, language: str) -> bool:
    """Whether the sentence needs the one before: it opens with "This", "They", "So"..., or its
    first clause says "it" before naming anything ("When it is threatened, it turns..."), or "its"
    right after a preposition ("A long spine on its head..."; but not "A boat had lost its engine")."""
    if language in textkit.DEPENDENT_OPENINGS:
        return sentence.text.startswith(textkit.DEPENDENT_OPENINGS[language])
    words = sentence.words
    if not words:
        return False
    if words[0].lower() in textkit.DEPENDENT_STARTS.get(language, frozenset()):
        return True
    opening = [w.lower() for w in textkit.words(re.split(r"[,;:]", sentence.text, maxsplit=1)[0])[:6]]
    if any(w[:1].isupper() for w in textkit.words(sentence.text)[1:len(opening)]):
        return False  # a name comes first: "On Tuesday, the council..."
    subjects, possessives = SUBJECT_PRONOUNS.get(language, frozenset()), POSSESSIVES.get(language, frozenset())
    prepositions = PREPOSITIONS.get(language, frozenset())
    return any(word in subjects or (word in possessives and position and opening[position - 1] in prepositions)
               for position, word in enumerate(opening))


def _is_teaser(sentence: Sentence) -> bool:
    return bool(TEASER.search(sentence.text))


def importance(sentences: list[Sentence], language: str) -> dict[int, float]:
    """Each sentence's score: its TextRank, relative to the text's average, plus a bonus for the
    text's lead and each paragraph's first sentence, and for sentences that explain."""
    ranks = textkit.textrank([s.text for s in sentences], language)
    mean = sum(ranks) / len(ranks) if ranks else 1.0
    explains = EXPLAINS.get(language)
    scores: dict[int, float] = {}
    for position, (sentence, rank) in enumerate(zip(sentences, ranks, strict=True)):
        score = rank / mean
        if position == 0:
            score += 2.0  # the lead states what the text is about
        elif sentences[position - 1].paragraph != sentence.paragraph:
            # An item's first sentence names the item ("The anglerfish carries its own lamp."): a
            # list article is its items.
            score += 1.5 if sentence.item else 0.3
        if explains and explains.search(sentence.text):
            score += 1.0
        scores[sentence.index] = score
    return scores


def _group(sentence: Sentence, by_index: dict[int, Sentence], language: str) -> list[Sentence]:
    """The sentence with what it cannot stand without: the sentence it leans on, and, for a
    question or a line ending in a colon, the answer after it."""
    group = [sentence]
    first = sentence
    while _leans_on_previous(first, language) and first.index - 1 in by_index and len(group) < 4:
        first = by_index[first.index - 1]
        group.insert(0, first)
    explains = EXPLAINS.get(language)
    following = by_index.get(sentence.index + 1)
    if explains and explains.search(sentence.text) and following and _leans_on_previous(following, language):
        group.append(following)  # "...because of its shape. It is long, narrow and shallow."
    last = group[-1]
    while (_is_teaser(last) or _is_lead_in(last, by_index, language)) and last.index + 1 in by_index \
            and len(group) < 4:
        last = by_index[last.index + 1]
        group.append(last)
    return group


def _is_lead_in(sentence: Sentence, by_index: dict[int, Sentence], language: str) -> bool:
    """A short sentence that opens a paragraph and announces what follows ("The answer begins
    with the Moon.", "There is a second reason."): alone it says nothing."""
    following = by_index.get(sentence.index + 1)
    previous = by_index.get(sentence.index - 1)
    opens = previous is None or previous.paragraph != sentence.paragraph
    return (opens and following is not None and following.paragraph == sentence.paragraph
            and _size(sentence, language) <= 10 and sentence.index > 0)


def summarise(sentences: tuple[Sentence, ...] | list[Sentence], target_words: int, language: str, *,
              teaser_free: bool = True) -> list[Sentence]:
    """Whole sentences, in order, totalling about `target_words`; all of them if they fit."""
    sentences = list(sentences)
    total = sum(_size(s, language) for s in sentences)
    if total <= target_words * 1.15:
        return sentences
    scores = importance(sentences, language)
    by_index = {s.index: s for s in sentences}
    chosen: dict[int, Sentence] = {}
    budget, used = target_words * 1.05, 0.0
    # The opening comes first (it is the hook); then value for the time it takes: a long sentence
    # must carry more to earn its seconds.
    for sentence in sorted(sentences, key=lambda s: (s is not sentences[0],
                                                       -scores[s.index] / max(4.0, _size(s, language)) ** 0.5,
                                                       s.index)):
        if sentence.index in chosen:
            continue
        group = [s for s in _group(sentence, by_index, language) if s.index not in chosen]
        before = group[0].index - 1
        if _leans_on_previous(group[0], language) and before in by_index and before not in chosen:
            continue  # the chain of sentences it leans on is longer than a group: it cannot stand here
        size = sum(_size(s, language) for s in group)
        if used + size <= budget:
            chosen.update({s.index: s for s in group})
            used += size
    if not chosen:  # one sentence longer than the whole video: keep the lead
        return [sentences[0]]
    kept = [chosen[i] for i in sorted(chosen)]
    while teaser_free and len(kept) > 1 and _is_teaser(kept[-1]):
        kept.pop()  # a script that ends on a question or a promise leaves the viewer hanging
    return kept


def condense(source_text: str, words: int, language: str) -> str:
    """The source cut down to about `words` whole sentences, paragraphs kept; for LLM writers whose
    context would not hold a very long source."""
    language = textkit.detect_language(source_text, language)
    document = textkit.parse(source_text, language)
    chosen = summarise(document.sentences, words, language)
    paragraphs: dict[int, list[str]] = {}
    for sentence in chosen:
        paragraphs.setdefault(sentence.paragraph, []).append(sentence.text)
    body = "\n\n".join(textkit.join_sentences(texts, language) for texts in paragraphs.values())
    return f"{document.heading}\n\n{body}" if document.heading else body


# --- Scenes ----------------------------------------------------------------------------------------

def group_scenes(sentences: list[Sentence], brief: WritingBrief, language: str = "en") -> list[list[Sentence]]:
    """Consecutive whole sentences grouped into scenes as close to 8 s as possible, none over 12 s
    unless one sentence alone is, and few under 5 s, preferring to change scene where a paragraph
    ends (a small dynamic programme)."""
    least, aim, most = (brief.words_for(s) for s in (SCENE_SECONDS_MIN, SCENE_SECONDS_AIM, SCENE_SECONDS_MAX))
    sizes = [_size(s, language) for s in sentences]

    def cost(start: int, end: int) -> float:  # the scene sentences[start:end]
        words = sum(sizes[start:end])
        crossings = sum(sentences[n].paragraph != sentences[n - 1].paragraph for n in range(start + 1, end))
        penalty = ((words - aim) / aim) ** 2 + 0.6 * crossings
        if words > most and end - start > 1:
            penalty += 50
        if words < least:
            penalty += 1 + 4 * ((least - words) / least) ** 2
        return penalty

    best = [0.0] + [float("inf")] * len(sentences)
    cut = [0] * (len(sentences) + 1)
    for end in range(1, len(sentences) + 1):
        for start in range(max(0, end - 12), end):
            total = best[start] + cost(start, end)
            if total < best[end]:
                best[end], cut[end] = total, start
    scenes, end = [], len(sentences)
    while end > 0:
        scenes.append(sentences[cut[end]:end])
        end = cut[end]
    return scenes[::-1]


def spoken(sentence: str, language: str) -> str:
    """Notes read aloud: "1817: Karl Drais builds..." becomes "In 1817, Karl Drais builds..."."""
    if language != "en":
        return sentence
    sentence = re.sub(r"^(\d{3,4}):\s+", r"In \1, ", sentence)
    sentence = re.sub(r"^(\d{3,4})s:\s+", r"In the \1s, ", sentence)
    return re.sub(r"^(Today|Now|Later|Then|Earlier|Meanwhile):\s+", r"\1, ", sentence)


def _subject_first(phrases: list[str], heading: str, language: str) -> list[str]:
    """The phrases with the one the heading or topic is about first ("Bay of Fundy" for "Why the
    Bay of Fundy Breathes"): it stands for the video in footage searches and tags."""
    named = {textkit.stem(word, language) for word in textkit.words(heading)
             if word.lower() not in textkit.STOPWORDS.get(language, frozenset())}
    about = [p for p in phrases if named & {textkit.stem(word, language) for word in textkit.words(p)}
             or (textkit.CJK.search(p) and p in heading)]
    return about[:1] + [p for p in phrases if p not in about[:1]]


def _scenes(groups: list[list[Sentence]], language: str, context: list[str],
            phrases: list[str]) -> tuple[SceneDraft, ...]:
    """Scenes whose footage queries are the text's most telling phrase each scene says, preferring
    one the scenes before have not used, so the footage changes with the story."""
    rank = {phrase.lower(): position for position, phrase in enumerate(phrases)}
    used: set[str] = set()
    scenes = []
    for group in groups:
        narration = textkit.join_sentences([s.text for s in group], language)
        candidates = phrasekit.keyphrases(textkit.split_sentences(narration, language), language, top=4,
                                        context=context)
        candidates.sort(key=lambda phrase: (phrase.lower() in used, rank.get(phrase.lower(), len(rank))))
        # A scene that names nothing to film shows the video's subject.
        query = candidates[0] if candidates else (phrases[0] if phrases else "")
        used.add(query.lower())
        year = YEAR.search(narration)
        scenes.append(SceneDraft(narration=narration, visual_query=query, on_screen_text=year.group(0) if year else ""))
    return tuple(scenes)


def _scene(group: list[Sentence], language: str, context: list[str], subject: str) -> SceneDraft:
    narration = textkit.join_sentences([s.text for s in group], language)
    year = YEAR.search(narration)
    return SceneDraft(narration=narration, visual_query=derive.footage_query(narration, language, context, subject),
                      on_screen_text=year.group(0) if year else "")


# --- Description -------------------------------------------------------------------------------------

def _description(kept: list[str], phrases: list[str], language: str) -> str:
    opening = derive.description_from(kept, language)
    if not phrases:
        return opening
    label = LABELS.get(language, LABELS["en"])
    hashtags = " ".join("#" + re.sub(r"\W", "", phrase.title()) for phrase in phrases[:3])
    return f"{opening}\n\n{label}: {', '.join(phrases[:6])}.\n\n{hashtags}"


def _unused_between(sentences: tuple[Sentence, ...], draft: ScriptDraft, index: int) -> list[Sentence]:
    """The source's sentences the script does not use, from after the last sentence of the scenes
    before `index` to before the first sentence of the scenes after it."""
    used = " ".join(scene.narration for scene in draft.scenes)

    def positions(scenes: tuple[SceneDraft, ...]) -> list[int]:
        return [s.index for s in sentences if any(s.text in scene.narration for scene in scenes)]

    low = max(positions(draft.scenes[:index]), default=-1)
    high = min(positions(draft.scenes[index + 1:]), default=len(sentences))
    return [s for s in sentences if low < s.index < high and s.text not in used]
