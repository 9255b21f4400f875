"""A design that has built up holds still: every frame from the still frame its layout names is the
same, bit for bit, so the renderer draws it once and ffmpeg holds it; what holds looks as it did
when every frame was drawn, and what never holds (a map closing in, a pulse) is drawn to the end."""

from __future__ import annotations

import subprocess

import numpy as np
import pytest

from tests.videos.test_designs_layouts import DATES, LINES
from videos.render.designs import Design, Stat, choose, frames, still_frame
from videos.render.designs.feed import Feeds, run_feeds
from videos.render.fonts import bundled_font
from videos.render.plan import Output, ScenePlan, Style, Visual
from videos.render.visuals import VisualContext, designed

FPS, SPAN = 30, 6.0
SEQUENCE = ("In 1881 a French company began digging across the isthmus of Panama. It was led by Ferdinand de "
            "Lesseps, who had built the Suez Canal.")
DESIGNS = {
    **{name: choose(line, dates=DATES if name == "timeline" else ()) for name, line in LINES.items()},
    "timeline, no date of its own": Design(layout="date", headline="1822", items=DATES, highlight=-1),
    "list, spoken late": Design(layout="list", headline="Each morning", items=("Trim the wicks", "Wind the clockwork",
                                                                               "Polish the glass"),
                                reveal=(0.5, 2.2, 3.9)),
    "quote and who": Design(layout="quote", headline="The light must never go out, whatever the storm, whatever "
                                                     "the cost, whoever is tired, for ships are out there.",
                            detail="A keeper's log"),
    "number with all": Design(layout="number", stats=(Stat(value=15, text="15", unit="metres", label="each wave",
                                                           prefix="more than"),)),
    "title and detail": Design(layout="title", headline="Behind every light stood a keeper", detail="1822 to 1990"),
    "map without a place": Design(layout="map", headline="Somewhere at sea"),
    "sequence": choose(SEQUENCE),
}
MOVING = {"map", "route", "timeline"}  # a map closes in to the end; a timeline's own date pulses


def drawn_frames(design: Design, first: int, count: int, transparent: bool) -> list[bytes]:
    return [bytes(f) for f in frames(design, Style(), width=320, height=180, fps=FPS, first=first, count=count,
                                     span=SPAN, transparent=transparent)]


@pytest.mark.parametrize("transparent", [False, True])
@pytest.mark.parametrize("name", list(DESIGNS))
def test_a_design_holds_still_from_the_frame_its_layout_names(name, transparent):
    design = DESIGNS[name]
    last = round(SPAN * FPS) - 1
    still = still_frame(design, Style(), width=320, height=180, fps=FPS, span=SPAN, transparent=transparent)
    if name in MOVING:
        assert still is None
        end = drawn_frames(design, last - 1, 2, transparent)
        assert end[0] != end[1], "it should move to its last frame"
        return
    assert still is not None and still < last, "a design that builds up should hold before the scene ends"
    held = drawn_frames(design, still, last + 1 - still, transparent)
    assert all(frame == held[0] for frame in held), "a frame after the still frame changed"


def piece_luma(folder, design: Design, *, start: float, seconds: float, span: float) -> tuple[np.ndarray, int]:
    """A designed piece through its ffmpeg graph (the feed writing its pipe), as luma planes, and
    how many frames were drawn."""
    folder.mkdir()
    out = Output(width=320, height=180, fps=FPS, preset="ultrafast")
    ctx = VisualContext(output=out, style=Style(), font=bundled_font(), work_dir=folder, feeds=Feeds(folder))
    scene = ScenePlan(duration=span, visual=Visual("generated"), design=design)
    argv = (designed(scene, ctx, start=start, seconds=seconds, span=span)
            .output("pipe:", f="rawvideo", pix_fmt="gray").global_args("-nostdin", "-v", "error")
            .compile())
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
    (feed,) = ctx.feeds.named_in(argv)
    finish = run_feeds([feed], alive=lambda: process.poll() is None)
    raw = process.stdout.read()
    assert process.wait() == 0 and not finish()
    return np.frombuffer(raw, dtype=np.uint8).reshape(-1, 180, 320).astype(int), feed.count


@pytest.mark.parametrize("start", [0.5, 3.0])
def test_a_held_design_is_drawn_once_and_still_pushes_in_as_when_every_frame_was_drawn(tmp_path, monkeypatch,
                                                                                         start):
    design = choose(LINES["number"])
    still = still_frame(design, Style(), width=320, height=180, fps=FPS, span=SPAN)
    held, drawn = piece_luma(tmp_path / "held", design, start=start, seconds=2.0, span=SPAN)
    assert drawn == max(1, still - round(start * FPS) + 1) < 60
    monkeypatch.setattr("videos.render.designs.still_frame", lambda *args, **kwargs: None)
    every, drawn = piece_luma(tmp_path / "every", design, start=start, seconds=2.0, span=SPAN)
    assert drawn == 60
    assert held.shape == every.shape == (60, 180, 320)
    # The same pictures: within a level or two (converted to YUV before the push-in, not after).
    assert np.abs(held - every).mean(axis=(1, 2)).max() < 1.0
    # It keeps moving once held: the push-in runs on every frame.
    assert np.abs(held[-1] - held[-30]).mean() > 0.3


def test_a_design_drawn_every_frame_is_converted_to_yuv_with_exact_luma(tmp_path):
    """A map closes in to the end, so each of its frames is converted to YUV: straight from the drawn
    `bgr0` (not repacked to 24-bit RGB first, whose converter cost more and drew most of the luma a
    level off), its luma is BT.601's of the drawn colours."""
    design = choose(LINES["map"])
    assert still_frame(design, Style(), width=320, height=180, fps=FPS, span=SPAN) is None
    luma, drawn = piece_luma(tmp_path / "map", design, start=1.0, seconds=0.5, span=SPAN)
    assert drawn == 15
    for frame, picture in zip(drawn_frames(design, 30, 15, transparent=False), luma, strict=True):
        bgr = np.frombuffer(frame, dtype=np.uint8).reshape(180, 320, 4)[..., :3].astype(float)
        exact = np.rint(16 + (65.481 * bgr[..., 2] + 128.553 * bgr[..., 1] + 24.966 * bgr[..., 0]) / 255)
        # `gray` reads the luma out at full range: a second rounding, a level or two on a few pixels.
        off = np.abs(picture - np.rint((exact - 16) * 255 / 219))
        assert off.max() <= 2 and (off == 0).mean() > 0.97  # through 24-bit RGB: 0.63
