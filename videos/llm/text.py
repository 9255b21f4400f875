"""Plain-text analysis for the writers, on well-kept libraries where they do the job better than
rules of our own: paragraphs and headings (ours: markdown and notes), sentences (pysbd, 22
languages, and 。！？ for Chinese, Japanese and Korean), the language of a text (lingua, built once
per process for the languages the writers know), the importance of each sentence (TextRank), and
word counts that work for languages written without spaces. Keyphrases are in `phrases`."""

from __future__ import annotations

import math
import re
import threading
import time
from dataclasses import dataclass
from functools import cache
from typing import Any

from videos.stopwords import STOPWORDS  # the stop words live apart, so the renderer need not import videos.llm

# The languages the prompts name (videos.llm.prompts.LANGUAGE_NAMES) plus Norwegian Bokmål, in
# lingua's low-accuracy mode: it loads in about 0.5 s here (the full models of these 24 languages
# took 12.8 s on a busy 2-core machine, all 75 languages 18 s) and is reliable from about 120
# characters; shorter texts keep the channel's language unless their script settles it.
DETECTABLE = ("en", "de", "es", "fr", "it", "pt", "nl", "pl", "sv", "da", "nb", "fi", "tr", "ru", "uk", "ja",
              "ko", "zh", "hi", "ar", "id", "cs", "el", "ro")
# Languages whose writing has no spaces between words: a "word" of speech is about this many
# characters (NHK news reads about 300 characters a minute, Mandarin broadcasts about 250, against
# about 150 English words), so a channel's words-per-minute works for them too.
CHARACTERS_PER_WORD = {"ja": 2.0, "zh": 1.7}
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
CJK_RUN = re.compile(r"[\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")


WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
BULLET = re.compile(r"^\s*(?:[-*•·–—]|\d{1,3}[.)]|[a-z][.)])\s+", re.IGNORECASE)
MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
URL = re.compile(r"https?://\S+|www\.\S+")
TERMINAL = re.compile(r"[.!?…。！？][\"'”’»)\]」』）]*$")


@dataclass(frozen=True)
class Sentence:
    text: str
    paragraph: int
    index: int  # position in the whole text
    item: bool = False  # in an item of a list (a bullet or a numbered paragraph)

    @property
    def words(self) -> list[str]:
        return WORD.findall(self.text)


@dataclass(frozen=True)
class Document:
    heading: str
    sentences: tuple[Sentence, ...]


def words(text: str) -> list[str]:
    return WORD.findall(text)


def base_language(code: str) -> str:
    return (code or "").split("-")[0].split("_")[0].lower()


def is_spaceless(language: str) -> bool:
    return base_language(language) in CHARACTERS_PER_WORD


def count_words(text: str, language: str = "") -> float:
    """Words as speech counts them: Chinese and Japanese characters count at their language's rate
    (a text with kana is Japanese), everything else by the words between spaces."""
    characters = len(CJK.findall(text))
    rest = len(WORD.findall(CJK.sub(" ", text)))
    if not characters:
        return float(rest)
    rate = CHARACTERS_PER_WORD.get(base_language(language))
    if rate is None:
        rate = CHARACTERS_PER_WORD["ja" if re.search(r"[\u3040-\u30ff]", text) else "zh"]
    return rest + characters / rate


def join_sentences(sentences: list[str], language: str) -> str:
    return ("" if is_spaceless(language) else " ").join(sentences)


# --- Language --------------------------------------------------------------------------------------

_detector_lock = threading.Lock()
DETECTOR_BUILD_SECONDS: list[float] = []  # measured once per process, for the bench and doctor


@cache
def _detector() -> Any:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    started = time.monotonic()
    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in DETECTABLE]
    detector = (LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode()
                .with_preloaded_language_models().build())
    DETECTOR_BUILD_SECONDS.append(round(time.monotonic() - started, 2))
    return detector


def language_scores(text: str) -> list[tuple[str, float]]:
    """(language code, confidence 0-1), most likely first."""
    with _detector_lock:
        detector = _detector()
    values = detector.compute_language_confidence_values(text[:4000])
    return [(value.language.iso_code_639_1.name.lower().replace("nb", "no"), value.value) for value in values]


def detect_language(text: str, default: str) -> str:
    """The text's language (ISO 639-1), or `default` when the text is too short to tell or the
    channel's own language is nearly as likely."""
    sample = " ".join(text.split())[:4000]
    script = _script_language(sample)
    if script:
        return default if base_language(default) == script else script
    if len(sample) < 120:
        return default
    scores = language_scores(sample)
    if not scores:
        return default
    best, confidence = scores[0]
    base = base_language(default)
    if base not in DETECTABLE and base != "no":
        return default  # a language the detector does not know: it cannot say the text is not in it
    channel = dict(scores).get(base, 0.0)
    if best == base or channel >= confidence * 0.8:
        return default
    return best if confidence >= 0.5 else default


def _script_language(sample: str) -> str:
    # Kana is only Japanese and Hangul only Korean; Han characters without kana are Chinese.
    letters = [ch for ch in sample if ch.isalpha()]
    if not letters:
        return ""
    kana = sum("\u3040" <= ch <= "\u30ff" for ch in letters)
    hangul = sum("\uac00" <= ch <= "\ud7af" or "\u1100" <= ch <= "\u11ff" for ch in letters)
    han = sum(bool(CJK.match(ch)) for ch in letters) - kana
    if hangul > len(letters) * 0.3:
        return "ko"
    if kana + han > len(letters) * 0.3:
        return "ja" if kana else "zh"
    return ""


# --- Paragraphs and sentences ------------------------------------------------------------------------

def _clean_line(line: str) -> str:
    line = MARKDOWN_LINK.sub(r"\1", line)
    line = URL.sub("", line)
    line = re.sub(r"^\s*#{1,6}\s*", "", line)
    line = re.sub(r"(\*\*|__|\*|`)", "", line)
    return " ".join(line.split())


def _is_heading(line: str) -> bool:
    size = count_words(line)
    return 0 < size <= 12 and not re.search(r"[.!?…:;,。！？：]$", line)


def ensure_period(text: str, language: str = "") -> str:
    if TERMINAL.search(text):
        return text
    return text.rstrip(":;,、") + ("。" if is_spaceless(language) or CJK.search(text[-1:]) else ".")


def paragraphs_of(text: str, items: list[int] | None = None) -> tuple[str, list[str]]:
    """(first heading, paragraphs), with each bullet a paragraph of its own sentence. Headings (a
    short line alone, a markdown heading, a short line introducing bullets) are not narrated.
    `items`, when given, receives the numbers of the paragraphs that are list items."""
    heading, paragraphs = "", []
    items = [] if items is None else items
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    for block in blocks:
        lines = [raw for raw in block.split("\n") if _clean_line(raw)]
        current: list[str] = []
        for position, raw in enumerate(lines):
            line = _clean_line(raw)
            next_is_bullet = position + 1 < len(lines) and bool(BULLET.match(lines[position + 1]))
            if BULLET.match(raw):
                paragraphs.extend([" ".join(current)] if current else [])
                current = []
                items.append(len(paragraphs))
                paragraphs.append(ensure_period(_clean_line(BULLET.sub("", raw))))
            elif _is_heading(line.rstrip(":")) and (len(lines) == 1 or raw.lstrip().startswith("#")
                                                     or (next_is_bullet and not current)):
                paragraphs.extend([" ".join(current)] if current else [])
                current = []
                if not heading and not line.endswith(":"):
                    heading = line  # later headings only end a section
            else:
                current.append(line)
        if current:
            paragraphs.append(" ".join(current))
    kept = [n for n, p in enumerate(paragraphs) if words(p)]
    items[:] = [kept.index(n) for n in items if n in kept]
    return heading, [paragraphs[n] for n in kept]


@cache
def _segmenter(language: str) -> Any:
    import pysbd
    from pysbd.languages import LANGUAGE_CODES

    return pysbd.Segmenter(language=language if language in LANGUAGE_CODES else "en", clean=False)


def split_sentences(paragraph: str, language: str) -> list[str]:
    """Whole sentences (pysbd's rules for the language: "Dr. Smith", "U.S.", "3.5 km", 。！？);
    a last sentence without its full stop gets one."""
    language = base_language(language)
    if language == "ko" or (CJK.search(paragraph) and language not in ("ja", "zh")):
        language = "ja" if re.search(r"[\u3040-\u30ff]", paragraph) else "zh" if CJK.search(paragraph) else "en"
    if language == "ko":
        pieces = re.findall(r"[^.!?。！？]+(?:[.!?。！？]+[\"'”’»)\]]*|$)", paragraph)
    else:
        pieces = _segmenter(language).segment(paragraph)
    sentences = [" ".join(piece.split()) for piece in pieces]
    sentences = _rejoin_german_ordinals(sentences) if language == "de" else sentences
    sentences = [s for s in sentences if words(s)]
    if sentences:
        sentences[-1] = ensure_period(sentences[-1], language)
    return sentences


def _rejoin_german_ordinals(sentences: list[str]) -> list[str]:
    # pysbd's German rules end a sentence at "im 19. Jahrhundert"; an ordinal never ends one.
    joined: list[str] = []
    for sentence in sentences:
        if joined and re.search(r"(?:^|\s)\d{1,2}\.$", joined[-1]):
            joined[-1] = f"{joined[-1]} {sentence}"
        else:
            joined.append(sentence)
    return joined


def parse(text: str, language: str) -> Document:
    items: list[int] = []
    heading, paragraphs = paragraphs_of(text, items)
    sentences: list[Sentence] = []
    for number, paragraph in enumerate(paragraphs):
        for sentence in split_sentences(paragraph, language):
            sentences.append(Sentence(sentence, number, len(sentences), item=number in items))
    return Document(heading=heading, sentences=tuple(sentences))


def stem(word: str, language: str) -> str:
    """A light singular form, so "lighthouses" and "lighthouse" count as one word."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if language == "en" and (len(word) > 4 or word.endswith("ees")):
        if word.endswith("ies"):
            return word[:-3] + "y"
        if word.endswith(("sses", "shes", "ches", "xes")):
            return word[:-2]
        if word.endswith("s") and not word.endswith(("ss", "us", "is", "os")):
            return word[:-1]
    if language in ("es", "fr") and len(word) > 4 and word.endswith("s") and not word.endswith("es"):
        return word[:-1]
    return word


# --- Importance of sentences (TextRank) ---------------------------------------------------------------

def _terms(sentence: str, language: str) -> set[str]:
    if CJK.search(sentence):
        # No spaces: overlapping character pairs stand in for words.
        runs = CJK_RUN.findall(sentence)
        return {run[n:n + 2] for run in runs for n in range(len(run) - 1)} | {
            stem(w, language) for w in words(CJK.sub(" ", sentence)) if len(w) > 2}
    stop = STOPWORDS.get(language, STOPWORDS["en"])
    return {stem(w, language) for w in words(sentence) if len(w) > 2 and w.lower() not in stop
            and not w.isdigit()}


def textrank(sentences: list[str], language: str, *, damping: float = 0.85) -> list[float]:
    """Each sentence's PageRank in the graph of sentences linked by the words they share
    (Mihalcea and Tarau's TextRank similarity: shared words over the log of both lengths),
    by power iteration with numpy."""
    import numpy

    count = len(sentences)
    if count == 0:
        return []
    terms = [_terms(sentence, language) for sentence in sentences]
    weights = numpy.zeros((count, count))
    for first in range(count):
        for second in range(first + 1, count):
            shared = len(terms[first] & terms[second])
            if shared:
                norm = math.log(len(terms[first]) + 1) + math.log(len(terms[second]) + 1)
                weights[first, second] = weights[second, first] = shared / norm
    totals = weights.sum(axis=1)
    # A sentence sharing no words hands its rank to all alike (the usual dangling-node rule).
    transition = numpy.where(totals[:, None] > 0, weights / numpy.maximum(totals, 1e-12)[:, None], 1.0 / count)
    ranks = numpy.full(count, 1.0 / count)
    for _ in range(100):
        updated = (1 - damping) / count + damping * transition.T @ ranks
        if numpy.abs(updated - ranks).sum() < 1e-9:
            ranks = updated
            break
        ranks = updated
    return [float(rank) for rank in ranks]
