"""The embedded writer: turns a source text (an article, notes, a story) into a script with no model
and no network, deterministically, the way an editor would cut it. It cannot invent facts, so it
needs a source text.

- The summary (`summary.summarise`): the text's most important whole sentences, in order, each with
  the sentences it refers back to, the opening as the hook, the event a story turns on never cut,
  and its own ending as the last scene when it fits. Lengths are speech time (`speech`), so the
  script lasts about the channel's target in any language.
- Scenes end where sentences end, aiming at 8 s of speech (5-12 s).
- The title (`titles.title_for`): the text's heading, else a topic the user typed, else its subject
  and its hook ("Ashford: the dam gave way"), never a sentence cut off.
- Tags, the description and footage queries come from the sentences the script keeps: the text's
  concrete noun phrases (`phrases.keyphrases`) that it comes back to, never a name that only a cut
  sentence mentions.
- Topic ideas are the named things of the channel's sources, each with the passage about it, so the
  offline writer can write the video it suggests.
"""

from __future__ import annotations

import re
import time
from typing import ClassVar

from videos.llm import derive, references, titles
from videos.llm import phrases as phrasekit
from videos.llm import text as textkit
from videos.llm.base import (
    SCENE_SECONDS_AIM,
    SCENE_SECONDS_MAX,
    SCENE_SECONDS_MIN,
    SceneDraft,
    ScriptDraft,
    TopicIdea,
    WriterUnavailable,
    WritingBrief,
    enforce_limits,
)
from videos.llm.summary import TEASER, size, summarise, summary_of, written_words
from videos.llm.text import Sentence

__all__ = ["TEASER", "OfflineWriter", "condense", "group_scenes", "spoken", "summarise"]

PROMPT_VERSION = "offline-v3"
LABELS = {
    "en": "In this video", "de": "In diesem Video", "es": "En este vídeo", "fr": "Dans cette vidéo",
    "ja": "この動画では", "zh": "本视频",
}


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words too general to be a tag on their own, though a text may repeat them.
GENERIC = {
    "en": _set("direction way thing things part side place kind point result reason example problem moment "
                "number lot people time day year years world end abandoned"),
    "fr": _set("trouvaille direction façon manière chose moment fois partie côté exemple raison problème "
                "résultat endroit centaines milliers mécanisme gens temps jour année monde fin"),
    "es": _set("dirección manera forma cosa momento vez parte lado ejemplo razón problema resultado lugar "
                "diferencia gente tiempo día año mundo fin"),
    "de": _set("richtung weise sache moment mal teil seite beispiel grund problem ergebnis ort art minute "
                "minuten monate jahre jahr zeit tag leute welt ende"),
    "ja": _set("方法 仕事 位置 場合 時間 部分 理由 結果 問題 様子 場所 自分 最初 最後 全体 反対側 以上 以下 程度 "
                "必要 可能 関係 意味 状態 種類 言葉 周り 全部 途中 目的 原因 影響 変化 効果 危険 夕方 今日 人々"),
}
IDEA_MIN_SENTENCES = 3  # a passage shorter than this makes no video


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
        summary = summary_of(document.sentences, brief.target_words, language, heading=document.heading)
        chosen = summary.kept
        kept = [s.text for s in chosen]
        phrases = phrasekit.keyphrases(kept, language, top=15, exclude=(brief.niche,), context=every)
        phrases = _subject_first(phrases, f"{document.heading} {brief.topic}", language)
        scenes = _scenes(group_scenes(chosen, brief, language), language, every, phrases)
        story = titles.is_story(document.sentences, language)
        title = (titles.title_for(heading=document.heading, topic=brief.topic, source_text=brief.source_text,
                                  sentences=document.sentences, kept=chosen, scores=summary.scores,
                                  event=summary.event if story else None, language=language)
                 or (phrases[0] if phrases else "") or brief.niche or "Untitled")
        tags = _tags(phrases, kept, every, language)
        draft = ScriptDraft(
            title=title, hook=kept[0], description=_description(kept, tags, language),
            tags=tuple(tags[:12]), scenes=scenes, language=language, provider=self.name,
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
        scene = Sentence(draft.scenes[index].narration, 0, 0)
        words = max(size(scene, language), brief.words_for(SCENE_SECONDS_MIN))
        picked = summarise(spare, round(words), language, teaser_free=False)
        every = [s.text for s in document.sentences]
        return _scene(picked, language, every, draft.scenes[index].visual_query)

    def suggest_topics(self, brief: WritingBrief, n: int, existing: list[str]) -> list[TopicIdea]:
        """Without a model the only honest ideas are in the channel's own material: the named people,
        places and things its source texts (in `brief.source_text`) come back to, each with the
        passage about it, so that the video it becomes has a source to be written from."""
        language = textkit.detect_language(brief.source_text, brief.language) if brief.source_text.strip() else ""
        ideas = topic_ideas(brief.source_text, language) if language else []
        if not ideas:
            raise WriterUnavailable("Suggesting new topics needs an LLM writer (add Ollama, Anthropic or an "
                                    "OpenAI-compatible endpoint to the channel's writer order); without one, ideas "
                                    "come only from names in the channel's source texts, and there are none yet.")
        return ideas[: n * 3]


def _parse(source_text: str, language: str) -> textkit.Document:
    document = textkit.parse(source_text, language)
    sentences = tuple(Sentence(spoken(s.text, language), s.paragraph, s.index, s.item) for s in document.sentences)
    return textkit.Document(heading=document.heading, sentences=sentences)


def topic_ideas(source_text: str, language: str) -> list[TopicIdea]:
    """The named things the sources come back to (two or more mentions; most first), each with its
    passage: the paragraphs that mention it, in order. Japanese and Chinese names are the repeated
    runs of kanji and katakana. A thing mentioned in fewer than three sentences makes no video."""
    paragraphs = textkit.paragraphs_of(source_text)[1]
    sentences = _parse(source_text, language).sentences
    texts = [s.text for s in sentences]
    if textkit.CJK.search(source_text):
        generic = GENERIC.get(textkit.base_language(language), frozenset())
        candidates = [run for run in phrasekit.keyphrases(texts, language, top=40) if run not in generic]
        counted = [(run, sum(run in text for text in texts)) for run in candidates]
        # Katakana marks a name from abroad (ファンディ湾); longer runs are more specific (浜口儀兵衛).
        counted.sort(key=lambda item: (-item[1] - (1 if re.search(r"[\u30a0-\u30ff]", item[0]) else 0), -len(item[0])))
        names = [run for run, count in counted if count >= 2]
    else:
        names = [name for name, count in phrasekit.names(texts, language).most_common() if count >= 1]
    ideas = []
    for name in names:
        passage = [p for p in paragraphs if name in p]
        said = sum(len(textkit.split_sentences(p, language)) for p in passage)
        if said >= IDEA_MIN_SENTENCES or (passage and len(names) <= 3 and said >= 2):
            ideas.append(TopicIdea(topic=name, passage="\n\n".join(passage)))
    return ideas


def _mentions(word: str, texts: list[str], language: str) -> int:
    """Sentences that name the word: in any form ("tides", "tide"), German also inside compounds
    ("Lawine" in "Lawinenwarndienst"), Japanese and Chinese as a run of characters."""
    if textkit.CJK.search(word):
        return sum(word in text for text in texts)
    key = textkit.stem(word, language)
    german = textkit.base_language(language) == "de" and len(key) >= 4
    return sum(any(textkit.stem(w, language) == key or (german and w.lower().startswith(key))
                   for w in textkit.words(text)) for text in texts)


def _tags(phrases: list[str], kept: list[str], every: list[str], language: str) -> list[str]:
    """What a viewer would search for, from the sentences the video says: its names and noun phrases,
    single words only when the text comes back to them (twice or more), then the nouns the kept
    sentences repeat most ("sel", "minéraux"); never a word too general to mean anything alone."""
    base = textkit.base_language(language)
    generic = GENERIC.get(base, frozenset())
    tags = []
    for phrase in phrases:
        if phrase.lower() in generic or phrase in generic:
            continue
        several = len(textkit.words(phrase)) > 1 or (textkit.CJK.search(phrase) and len(phrase) >= 3)
        if several or phrasekit.HANGUL.search(phrase) or _mentions(phrase, every, language) >= 2:
            tags.append(phrase)
    if textkit.CJK.search(" ".join(kept)) or phrasekit.HANGUL.search(" ".join(kept)):
        return tags
    as_noun, as_verb, capitalised = phrasekit._usage(every, language)
    stop = textkit.STOPWORDS.get(base, frozenset())
    numbers = frozenset(references.NUMBERS.get(base, {}))
    counts: dict[str, int] = {}
    for word in {w for text in kept for w in textkit.words(text)}:
        lower = word.lower()
        single = textkit.stem(lower, language)
        if base == "de":
            noun = capitalised[lower] > 0  # capitalised inside a sentence, not only at its start ("Sein Herz")
        else:
            noun = as_noun[lower] + as_noun[single] > as_verb[lower] + as_verb[single]
        if noun and len(word) >= 3 and lower not in stop | generic | numbers and not word.isdigit():
            counts[word if base == "de" or capitalised[lower] else lower] = _mentions(word, kept, language)
    taken = " ".join(tags).lower()
    for word, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        if count >= 3 and word.lower() not in taken and textkit.stem(word.lower(), language) not in taken:
            tags.append(word)
            taken += " " + word.lower()
    return tags


def condense(source_text: str, words: int, language: str) -> str:
    """The source cut down to about `words` whole sentences, paragraphs kept; for LLM writers whose
    context would not hold a very long source."""
    language = textkit.detect_language(source_text, language)
    document = textkit.parse(source_text, language)
    chosen = summarise(document.sentences, words, language, measure=written_words)
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
    sizes = [size(s, language) for s in sentences]

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
        scenes.append(SceneDraft(narration=narration, visual_query=query, on_screen_text=_first_date(narration)))
    return tuple(scenes)


def _scene(group: list[Sentence], language: str, context: list[str], subject: str) -> SceneDraft:
    narration = textkit.join_sentences([s.text for s in group], language)
    return SceneDraft(narration=narration, visual_query=derive.footage_query(narration, language, context, subject),
                      on_screen_text=_first_date(narration))


def _first_date(narration: str) -> str:
    """The scene's first date, read as its designed scene reads it: "fast 2000 Metern" is a height,
    not the year 2000, and "En 708," a year."""
    from videos.render.designs.numbers import find_dates  # the renderer's package, loaded only when writing

    dates = find_dates(narration)
    return dates[0][2] if dates else ""


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
