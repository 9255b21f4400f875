"""How well a candidate fits a scene, from 0 to 1: relevance of its tags and description to the
scene's visual query and narration, how much survives cropping to the channel's frame, whether
its resolution fills that frame, and whether a clip lasts as long as the scene."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assets.sources.base import Candidate

WEIGHTS = {"relevance": 0.4, "framing": 0.25, "resolution": 0.2, "length": 0.15}
STILL_LENGTH_SCORE = 0.6  # a still can be panned for any length, but a clip reads better
UNKNOWN_RELEVANCE = 0.3  # the provider matched it to the query but says nothing we can check
STOPWORDS = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "he", "her", "his",
    "in", "into", "is", "it", "its", "of", "on", "or", "over", "she", "so", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "those", "to", "under", "up", "was", "we", "were", "what",
    "when", "where", "which", "while", "who", "will", "with", "you", "your", "our", "out", "about", "after",
    "before", "just", "very", "can",
))


@dataclass(frozen=True)
class Fit:
    score: float
    relevance: float
    framing: float
    resolution: float
    length: float
    matched: tuple[str, ...]


def words(text: str) -> set[str]:
    found = set()
    for word in re.findall(r"[a-z0-9]+", text.lower()):
        if word in STOPWORDS or len(word) < 3:
            continue
        plural = word.endswith("s") and not word.endswith("ss") and len(word) > 3
        found.add(word[:-1] if plural else word)  # storms ~ storm, bees ~ bee
    return found


def relevance(candidate: Candidate, *, query: str, narration: str) -> tuple[float, tuple[str, ...]]:
    described = words(" ".join(candidate.tags) + " " + candidate.description)
    if not described:
        return UNKNOWN_RELEVANCE, ()
    query_words, narration_words = words(query), words(narration) - words(query)
    query_hit = described & query_words
    narration_hit = described & narration_words
    query_part = len(query_hit) / len(query_words) if query_words else 0.0
    narration_part = min(1.0, len(narration_hit) / 3)  # three narration words in common is a strong match
    return 0.75 * query_part + 0.25 * narration_part, tuple(sorted(query_hit | narration_hit))


def framing(candidate: Candidate, frame: tuple[int, int]) -> float:
    """The share of the candidate left after cropping it to the frame's aspect ratio."""
    if not candidate.width or not candidate.height:
        return 0.0
    ratio, target = candidate.width / candidate.height, frame[0] / frame[1]
    return min(ratio / target, target / ratio)


def resolution(candidate: Candidate, frame: tuple[int, int]) -> float:
    """1 when the cropped picture fills the frame without upscaling; less the more it must be enlarged."""
    if not candidate.width or not candidate.height:
        return 0.0
    target = frame[0] / frame[1]
    crop_w, crop_h = min(candidate.width, candidate.height * target), min(candidate.height, candidate.width / target)
    upscale = max(frame[0] / crop_w, frame[1] / crop_h)
    return min(1.0, 1 / upscale)


def length(candidate: Candidate, scene_seconds: float) -> float:
    if candidate.kind != "video":
        return STILL_LENGTH_SCORE
    if not candidate.duration_seconds:
        return 0.0
    return min(1.0, candidate.duration_seconds / max(scene_seconds, 0.1))


def fit(candidate: Candidate, *, frame: tuple[int, int], scene_seconds: float, query: str, narration: str) -> Fit:
    rel, matched = relevance(candidate, query=query, narration=narration)
    parts = {"relevance": rel, "framing": framing(candidate, frame), "resolution": resolution(candidate, frame),
             "length": length(candidate, scene_seconds)}
    score = sum(WEIGHTS[name] * value for name, value in parts.items())
    return Fit(round(score, 4), round(rel, 3), round(parts["framing"], 3), round(parts["resolution"], 3),
               round(parts["length"], 3), matched)


def scene_seconds(narration: str, measured: float | None) -> float:
    # Before narration is synthesised, estimate its length at a typical 150 words a minute, by
    # syllables (characters for Japanese and Chinese, which have no spaces to count words by).
    from videos.llm.speech import speech_seconds

    return measured if measured else max(2.0, speech_seconds(narration, "", 150))
