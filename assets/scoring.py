"""How well a candidate fits a scene. Relevance decides: the candidate's text scored by meaning
against the scene's line, brief and the video's subject (assets.relevance), with a verdict that it
fits or not. Among candidates that fit about as well, quality breaks the tie: how much survives
cropping to the channel's frame, whether the resolution fills that frame, and whether a clip lasts
as long as the scene."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assets import relevance as meaning
from assets.sources.base import Candidate

QUALITY_WEIGHTS = {"framing": 0.4, "resolution": 0.35, "length": 0.25}
STILL_LENGTH_SCORE = 0.6  # a still can be panned for any length, but a clip reads better
TIE = 0.01  # relevances this close are a tie, which quality breaks


@dataclass(frozen=True)
class Fit:
    score: float  # what ranks candidates: the relevance, and the line's things the candidate shows
    relevance: float
    lift: float  # relevance above the best generic clip's for this scene
    quality: float
    framing: float
    resolution: float
    length: float
    matched: tuple[str, ...]  # the scene's words the candidate's text has
    fits: bool
    why: str  # the verdict in a few words


def candidate_text(candidate: Candidate) -> str:
    """What the candidate says about itself: its title or description, tags (Commons categories,
    Pixabay tags), or the Pexels page slug."""
    return meaning.candidate_text(candidate.description, candidate.tags)


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


def score_pool(candidates: list[Candidate], *, scene: meaning.SceneContext, frame: tuple[int, int],
               scene_seconds: float) -> tuple[list[Fit], np.ndarray]:
    """A Fit for each candidate of one scene's results (judged against each other: a candidate that
    stands out from the pool is more likely what the line means), and their embeddings."""
    relevances, vectors = meaning.score(scene, [candidate_text(c) for c in candidates])
    pool = [r.score for r in relevances]
    verdicts = [meaning.verdict(rel, pool) if candidate_text(c) else (False, "the source says nothing about it")
                for c, rel in zip(candidates, relevances, strict=True)]
    # A candidate as relevant as one that fits fits too, however crowded the pool is with good results.
    best_fitting = max((rel.score for rel, (ok, _) in zip(relevances, verdicts, strict=True) if ok), default=None)
    fits = []
    for candidate, rel, (ok, why) in zip(candidates, relevances, verdicts, strict=True):
        if not ok and best_fitting is not None and rel.lift >= meaning.FLOOR and rel.score >= best_fitting - TIE \
                and candidate_text(candidate) and not rel.judged_by_things:  # text-less candidates never fit
            ok, why = True, f"relevance {rel.score:.3f}, as high as a candidate that fits"
        parts = {"framing": framing(candidate, frame), "resolution": resolution(candidate, frame),
                 "length": length(candidate, scene_seconds)}
        quality = sum(QUALITY_WEIGHTS[name] * value for name, value in parts.items())
        ranking = rel.score + meaning.SUPPORT_WEIGHT * max(rel.support, 0) if rel.judged_by_things else rel.score
        ranking -= meaning.TERSE_PENALTY if rel.terse and rel.judged_by_things and rel.strength <= 1 else 0.0
        fits.append(Fit(round(ranking, 4), rel.score, rel.lift, round(quality, 3), round(parts["framing"], 3),
                        round(parts["resolution"], 3), round(parts["length"], 3), rel.shows or rel.shared, ok, why))
    return fits, vectors


def scene_seconds(narration: str, measured: float | None) -> float:
    # Before narration is synthesised, estimate its length at a typical 150 words a minute, by
    # syllables (characters for Japanese and Chinese, which have no spaces to count words by).
    from videos.llm.speech import speech_seconds

    return measured if measured else max(2.0, speech_seconds(narration, "", 150))
