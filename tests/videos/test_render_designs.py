"""Designed scenes in renders: streamed into each piece, moving, above the captions, kept in the
render cache by their design; and every text a person wrote drawn literally."""

from __future__ import annotations

import dataclasses
import subprocess

import numpy as np
import pytest

from tests.videos.render_helpers import Output, Style, Visual, ffprobe, make_still, simple_plan
from tests.videos.test_render_incremental import checksums, scene_pieces
from videos.render import RenderPlan, render_video
from videos.render.designs import choose

pytestmark = pytest.mark.slow

SMALL = Output(width=640, height=360, preset="ultrafast")
TEXTS = ["For more than two thousand years, lighthouses guided sailors home.",
         "Keepers trimmed the wicks, wound the clockwork, and polished the glass.",
         "Everything changed in 1822, when the new lens was lit."]


def frame_at(path, seconds: float, width: int = 640, height: int = 360) -> np.ndarray:
    raw = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-ss", f"{seconds:.3f}", "-i", str(path),
                          "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
                         capture_output=True, check=True).stdout
    return np.frombuffer(raw, dtype=np.uint8).reshape(height, width, 3).astype(int)


def accent_share(picture: np.ndarray) -> float:
    """How much of the picture is the channel's default accent (#f59e0b), roughly."""
    red, green, blue = picture[..., 0], picture[..., 1], picture[..., 2]
    return float(((red > 190) & (green > 110) & (green < 190) & (blue < 80)).mean())


@pytest.fixture(scope="module")
def designed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("designed")
    plan = simple_plan(folder, texts=TEXTS, output=SMALL, intro_text="Keepers of the light")
    cache = folder / "cache"
    result = render_video(plan, work_dir=folder / "work", out_path=folder / "first.mp4", cache_dir=cache)
    return folder, plan, cache, result


def test_scenes_without_footage_show_their_design_moving_above_the_captions(designed):
    _, plan, _, result = designed
    timeline = plan.timeline()
    starts = np.cumsum([0] + [round(s.duration * 30) for s in timeline]) / 30
    assert result.frames == round(starts[-1] * 30) == int(ffprobe(result.path)["streams"][0]["nb_read_packets"])
    assert not result.warnings and "design-0000.fifo" in "\n".join(result.commands)
    # The number scene: the count-up in the accent colour, in the upper part (the captions are below).
    number = frame_at(result.path, starts[1] + 2.0)
    assert accent_share(number[: int(360 * 0.7)]) > 0.01
    assert accent_share(number[int(360 * 0.8):]) < 0.002
    # It moves: the count-up, then a slow push-in, never a still slide.
    counting, counted, later = (frame_at(result.path, starts[1] + t) for t in (0.4, 2.0, 3.0))
    assert np.abs(counting - counted)[:250].mean() > 1.0
    assert np.abs(counted - later)[:250].mean() > 0.3
    # The list builds item by item.
    first_item, all_items = (frame_at(result.path, starts[2] + t) for t in (0.5, starts[3] - starts[2] - 0.6))
    assert (all_items[:250].max(axis=2) > 200).mean() > (first_item[:250].max(axis=2) > 200).mean() * 1.5
    # The intro card is a designed title card too.
    assert (frame_at(result.path, 1.5)[:250].max(axis=2) > 200).mean() > 0.01


def test_a_design_switch_redraws_that_scene_alone_and_matches_a_full_render(designed):
    folder, plan, cache, first = designed
    scenes = list(plan.scenes)
    scenes[1] = dataclasses.replace(scenes[1], design=choose(TEXTS[1], layout="title", text="The keeper's day"))
    edited = dataclasses.replace(plan, scenes=tuple(scenes))
    update = render_video(edited, work_dir=folder / "work", out_path=folder / "update.mp4", cache_dir=cache)
    full = render_video(edited, work_dir=folder / "work", out_path=folder / "full.mp4")
    # The switched scene's pieces and the next scene's crossfade from it; nothing else.
    assert update.segments_encoded == scene_pieces(scenes[1].duration) + 1
    assert update.segments_reused == first.segments_encoded - update.segments_encoded
    assert checksums(update.path, "0:v") == checksums(full.path, "0:v")


def test_on_screen_text_and_the_stamp_are_drawn_literally_percent_signs_and_all(tmp_path):
    """drawtext expands "%{...}" even from a file; "Over 90% of lights" used to draw nothing."""
    still = make_still(tmp_path / "still.png")
    plain = RenderPlan(scenes=(simple_plan(tmp_path, texts=["The lamps were lit at dusk."], output=SMALL,
                                           visuals=[Visual("image", still)]).scenes[0],),
                       output=SMALL, style=Style(subtitle_style="none"), thumbnail=False)
    texted = dataclasses.replace(plain, label="100% DRAFT", scenes=(dataclasses.replace(
        plain.scenes[0], on_screen_text="Over 90% of lights"),))
    before = render_video(plain, work_dir=tmp_path / "w", out_path=tmp_path / "plain.mp4")
    after = render_video(texted, work_dir=tmp_path / "w", out_path=tmp_path / "texted.mp4")
    a, b = frame_at(before.path, 0.8), frame_at(after.path, 0.8)
    changed = np.abs(a - b).max(axis=2) > 60
    assert changed[20:90, 150:490].mean() > 0.03, "the on-screen text was not drawn"
    assert changed[:40, :120].mean() > 0.05, "the stamp was not drawn"
    assert not after.warnings


def _luma_frames(path, start: float, count: int, width: int = 640, height: int = 360) -> np.ndarray:
    raw = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-ss", f"{start:.3f}", "-i", str(path),
                          "-frames:v", str(count), "-f", "rawvideo", "-pix_fmt", "gray", "-"],
                         capture_output=True, check=True).stdout
    return np.frombuffer(raw, dtype=np.uint8).reshape(count, height, width).astype(float)


def test_two_designed_scenes_never_show_both_their_words_at_once(tmp_path):
    """Between two title cards a plain crossfade laid the words of both over each other for half a
    second (a ghost of each at half strength); the first card's words leave before the next's come."""
    texts = ["The keepers lived on the rock all winter long.", "Their children learned to row before they walked."]
    plan = simple_plan(tmp_path, texts=texts, output=SMALL, style=Style(subtitle_style="none"), thumbnail=False)
    plan = dataclasses.replace(plan, scenes=tuple(
        dataclasses.replace(scene, design=choose(text, layout="title", text=words))
        for scene, text, words in zip(plan.scenes, texts, ["Winter on the rock", "Rowing before walking"],
                                      strict=True)))
    result = render_video(plan, work_dir=tmp_path / "w", out_path=tmp_path / "cards.mp4")
    cut = round(plan.scenes[0].duration * 30) / 30
    before, after = _luma_frames(result.path, cut - 0.2, 1)[0], _luma_frames(result.path, cut + 1.5, 1)[0]
    assert (np.abs(before - after) > 100).mean() > 0.01  # two cards with their own words

    def half_lit(picture) -> float:  # words half way between the ground and full strength
        return float(((picture > 90) & (picture < 150)).mean())

    change = _luma_frames(result.path, cut, 15)
    ghosts = [half_lit(frame) for frame in change]
    # As many as either card alone shows at its edges and as the second one's words come in (a
    # dissolve had five frames with 5 to 8 times as many).
    assert max(ghosts) < 3 * max(half_lit(before), half_lit(after)), ghosts
    # And words stand above the captions' band all through the change (pushing the first card out
    # of the top left the middle frames bare there, the second card's words still low).
    assert min((frame[:250] > 170).mean() for frame in change) > 0.3 * min((before[:250] > 170).mean(),
                                                                            (after[:250] > 170).mean())


def test_a_map_after_a_map_dissolves_into_it_and_other_designs_slide(tmp_path):
    """The Kinkaku-ji's map of Japan slid in over its map of Kyoto: half the frame was the new map's bare
    land, its name and place still off the frame."""
    plan = simple_plan(tmp_path, texts=["The temple stands in the north of Kyoto.", "Japan has many old temples.",
                                        "Everything changed in 1822, when the new lens was lit."], output=SMALL)
    assert [choose(t).layout for t in ("The temple stands in the north of Kyoto.", "Japan has many old temples.")] \
        == ["map", "map"]
    result = render_video(plan, work_dir=tmp_path / "work", out_path=tmp_path / "out.mp4")
    crossfades = [c for c in result.commands if "segment-" in c and "-frames:v 15 " in c]
    kinds = sorted("slide" if "x=640*" in c else "dissolve" if "alpha=1" in c else "?" for c in crossfades)
    assert kinds == ["dissolve", "slide"]  # Kyoto into Japan dissolves; the map into the date still slides


def test_a_maps_name_leaves_as_its_scene_dissolves_into_the_next_map(tmp_path):
    """Portugal dissolving into Porto showed both names, each at about half strength, for 0.4 s: the
    renderer's span counts the crossfade, so the first map's name stayed until the dissolve was over.
    Its name now leaves as the dissolve begins (as it does between two maps inside one scene)."""
    texts = ["The temple stands in the north of Kyoto.", "Japan has many old temples."]
    plan = simple_plan(tmp_path, texts=texts, output=SMALL, style=Style(subtitle_style="none"), thumbnail=False)
    result = render_video(plan, work_dir=tmp_path / "work", out_path=tmp_path / "maps.mp4")
    cut = round(plan.scenes[0].duration * 30) / 30
    kyoto, japan = _luma_frames(result.path, cut - 2 / 30, 1)[0], _luma_frames(result.path, cut + 0.7, 1)[0]
    band = slice(0, 360 // 3)  # where a map's name stands
    only_kyoto = (kyoto[band] > 200) & ~(japan[band] > 200)
    assert only_kyoto.sum() > 50
    # A fifth of the way into the dissolve: Kyoto's letters are no longer lit (they were at 0.8 strength).
    middle = _luma_frames(result.path, cut + 5 / 30, 1)[0]
    assert middle[band][only_kyoto].mean() < 140, middle[band][only_kyoto].mean()
