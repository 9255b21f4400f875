"""Ranking on real scenes and candidates where the right pick is known: relevance by meaning
decides, framing, resolution and length break ties."""

from __future__ import annotations

import pytest

from assets.relevance import SceneContext
from assets.scoring import score_pool
from assets.sources.base import Candidate

PORTRAIT = (1080, 1920)
LANDSCAPE = (1920, 1080)


def clip(pid, width, height, seconds, text="", tags=()) -> Candidate:
    return Candidate("pexels", pid, "video", width, height, seconds, description=text, tags=tuple(tags))


def still(pid, width, height, text="") -> Candidate:
    return Candidate("pixabay", pid, "image", width, height, description=text)


def scored(candidates, *, frame, seconds, query, narration):
    fits, _ = score_pool(candidates, scene=SceneContext(line=narration, brief=query, query=query), frame=frame,
                         scene_seconds=seconds)
    return fits


def best(candidates, *, frame, seconds, query, narration) -> str:
    fits = scored(candidates, frame=frame, seconds=seconds, query=query, narration=narration)
    top = max(f.relevance for f in fits if f.fits)
    tied = [(c, f) for c, f in zip(candidates, fits, strict=True) if f.fits and f.relevance >= top - 0.01]
    return max(tied, key=lambda cf: cf[1].quality)[0].provider_id


SCENES = [
    pytest.param(
        dict(frame=PORTRAIT, seconds=10, query="lighthouse storm",
             narration="The old lighthouse kept its light burning through the worst storm of the century."),
        [clip("right", 1080, 1920, 12, "lighthouse in a storm"), clip("wrong", 640, 360, 3, "city traffic")],
        id="portrait lighthouse beats a short landscape city clip"),
    pytest.param(
        dict(frame=LANDSCAPE, seconds=8, query="rocket launch",
             narration="In 1957 a rocket lifted Sputnik into orbit from the steppe of Kazakhstan."),
        [clip("tall", 1080, 1920, 10, "rocket launch night"), clip("right", 1920, 1080, 9, "rocket launch pad"),
         clip("off-topic", 1920, 1080, 20, "birthday cake candles")],
        id="landscape channel prefers the landscape launch"),
    pytest.param(
        dict(frame=LANDSCAPE, seconds=15, query="coffee beans",
             narration="Coffee beans are roasted until they crack, releasing oils and aroma."),
        [clip("short", 1920, 1080, 4, "coffee beans roasting"), clip("right", 1920, 1080, 18, "coffee beans roast"),
         still("photo", 4000, 2250, "coffee beans")],
        id="a clip long enough for the scene beats a short one and a still"),
    pytest.param(
        dict(frame=LANDSCAPE, seconds=6, query="mountain sunrise",
             narration="At sunrise the mountain ridge glows orange above the valley fog."),
        [clip("low", 426, 240, 10, "mountain sunrise"), clip("right", 1920, 1080, 10, "sunrise over mountain ridge")],
        id="full HD beats a tiny clip of the same thing"),
    pytest.param(
        dict(frame=LANDSCAPE, seconds=6, query="honey bees",
             narration="A single hive of honey bees can visit millions of flowers in a season."),
        [clip("pretty", 3840, 2160, 30, "sunset beach palm"),
         clip("right", 1280, 720, 7, "", tags=("bee", "hive", "honey", "flower"))],
        id="relevance outweighs a prettier unrelated clip"),
]


@pytest.mark.parametrize(("scene", "candidates"), SCENES)
def test_the_known_right_candidate_ranks_first(scene, candidates):
    assert best(candidates, **scene) == "right"


def test_the_parts_of_a_fit():
    lighthouse, traffic = scored(
        [clip("a", 1080, 1920, 12, "lighthouse in a storm"), clip("b", 640, 360, 3, "city traffic")],
        frame=PORTRAIT, seconds=10, query="lighthouse storm", narration="A lighthouse in a storm.")
    assert (lighthouse.framing, lighthouse.resolution, lighthouse.length) == (1.0, 1.0, 1.0)
    assert lighthouse.matched == ("lighthouse", "storm") and lighthouse.fits
    assert not traffic.fits and traffic.matched == () and traffic.relevance < lighthouse.relevance - 0.05
    assert traffic.framing == pytest.approx(0.316, abs=0.01) and traffic.length == pytest.approx(0.3)


def test_look_alikes_that_share_the_lines_word_do_not_fit():
    narration = "The suspension bridge carries ten thousand cars a day across the bay."
    fits = scored([still("dental", 1920, 1080, "dental bridge, dentist fitting a tooth implant"),
                   still("cards", 1920, 1080, "friends playing the card game bridge at a table"),
                   still("street", 1920, 1080, "busy city street with traffic at rush hour"),
                   still("right", 1920, 1080, "golden gate suspension bridge in the fog, cars crossing")],
                  frame=LANDSCAPE, seconds=6, query="suspension bridge bay", narration=narration)
    assert [f.fits for f in fits] == [False, False, False, True]
