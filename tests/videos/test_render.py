"""Renders probed with ffprobe: size, frame rate, length, codecs, loudness, subtitles, ducking."""

from __future__ import annotations

import dataclasses
import itertools
import math
import subprocess
import time

import pytest

from tests.videos.render_helpers import (
    Music,
    Output,
    Style,
    Visual,
    band_level,
    ffmpeg,
    ffmpeg_pcm,
    ffprobe,
    gray_frame,
    loudness,
    make_clip,
    make_still,
    make_tone,
    narrate,
    simple_plan,
)
from videos.render import RenderPlan, ScenePlan, render_video

pytestmark = pytest.mark.slow

SMALL = Output(width=640, height=360, preset="ultrafast")


@pytest.mark.parametrize(("aspect", "size"), [("16:9", (1920, 1080)), ("9:16", (1080, 1920)), ("1:1", (1080, 1080))])
def test_each_aspect_ratio_renders_to_spec(tmp_path, aspect, size):
    visuals = [Visual("image", make_still(tmp_path / "still.png")), Visual("video", make_clip(tmp_path / "c.mp4"))]
    plan = simple_plan(tmp_path, aspect=aspect, visuals=visuals,
                       output=Output.for_aspect(aspect, preset="ultrafast"),
                       music=Music(make_tone(tmp_path / "music.wav", 220), -20))
    narration_seconds = sum(scene.duration for scene in plan.scenes)
    out = tmp_path / "out" / "video.mp4"
    result = render_video(plan, work_dir=tmp_path / "work", out_path=out)

    info = ffprobe(out)
    video = next(s for s in info["streams"] if s["codec_type"] == "video")
    audio = next(s for s in info["streams"] if s["codec_type"] == "audio")
    assert (video["width"], video["height"]) == size == (result.width, result.height)
    assert video["codec_name"] == "h264" and video["pix_fmt"] == "yuv420p"
    assert video.get("sample_aspect_ratio", "1:1") == "1:1"
    assert video["r_frame_rate"] == "30/1"
    assert audio["codec_name"] == "aac"
    assert abs(float(info["format"]["duration"]) - narration_seconds) <= 0.2
    # Each scene is rounded to whole frames on its own (the soundtrack follows the same lengths).
    assert int(video["nb_read_packets"]) == sum(round(s.duration * 30) for s in plan.scenes) == result.frames
    integrated, peak = loudness(out)
    assert abs(integrated - -14) <= 1.0
    assert peak <= -1.0
    head = out.read_bytes()[:200_000]
    assert head.find(b"moov") < head.find(b"mdat")  # faststart: the index comes first
    assert [t["layout"] for t in result.thumbnails] == ["frame", "panel", "poster"]
    assert result.thumbnail_path == result.thumbnails[0]["path"]
    for variant in result.thumbnails:
        assert variant["path"].stat().st_size == variant["bytes"] < 2 * 1024 * 1024
        thumb = next(s for s in ffprobe(variant["path"])["streams"])
        assert (thumb["codec_name"], thumb["width"], thumb["height"]) == ("mjpeg", 1280, 720)
    assert any(command.startswith("ffmpeg") and "libx264" in command for command in result.commands)
    assert list((tmp_path / "work").iterdir()) == []
    assert sorted(p.name for p in out.parent.iterdir()) == ["video.ass", "video.mp4", "video.srt",
                                                            "video.thumb-frame.jpg", "video.thumb-panel.jpg",
                                                            "video.thumb-poster.jpg"]
    assert result.captions_path.read_text(encoding="utf-8").startswith("1\n00:00:00,")
    assert result.scene_starts == (0.0, round(plan.scenes[0].duration * 30) / 30)


@pytest.mark.parametrize("style", ["classic", "bold", "minimal"])
def test_subtitles_are_burned_where_a_cue_is_shown(tmp_path, style):
    plan = simple_plan(tmp_path, output=SMALL, style=Style(subtitle_style="none"))
    plain = render_video(plan, work_dir=tmp_path / "w", out_path=tmp_path / "plain.mp4")
    styled = dataclasses.replace(plan, style=Style(subtitle_style=style, karaoke=style == "bold"))
    subtitled = render_video(styled, work_dir=tmp_path / "w", out_path=tmp_path / "subtitled.mp4")
    assert plain.subtitles_path is None and subtitled.subtitles_path.is_file()
    cue_time = plan.scenes[0].words[1].start + 0.1
    before = gray_frame(plain.path, cue_time, 640, 360)
    after = gray_frame(subtitled.path, cue_time, 640, 360)
    changed = sum(1 for a, b in zip(before, after, strict=True) if abs(a - b) > 40)
    assert changed > 640 * 360 * 0.005, "no subtitle text was drawn"


def test_music_is_ducked_under_speech(tmp_path):
    # A 60 Hz bed sits below the voice's pitch, so its band measures the music alone.
    plan = simple_plan(tmp_path, output=SMALL, intro_text="Intro", card_seconds=3.0,
                       texts=["Speech goes on here for a good while, without stopping at all, to duck the bed."],
                       music=Music(make_tone(tmp_path / "bed.wav", 60), -12))
    result = render_video(plan, work_dir=tmp_path / "w", out_path=tmp_path / "ducked.mp4")
    without_speech = band_level(result.path, 0.8, 1.6, 60)
    under_speech = band_level(result.path, 4.0, 2.0, 60)
    assert under_speech < without_speech - 6


def test_a_corrupt_asset_becomes_a_generated_background_with_a_warning(tmp_path):
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg" * 10)
    missing = tmp_path / "gone.mp4"
    warnings = []
    plan = simple_plan(tmp_path, output=SMALL, visuals=[Visual("image", broken), Visual("video", missing)])
    result = render_video(plan, work_dir=tmp_path / "w", out_path=tmp_path / "out.mp4", on_warning=warnings.append)
    assert result.frames == sum(round(s.duration * 30) for s in plan.scenes)
    assert len(warnings) == 2 and warnings == list(result.warnings)
    assert "broken.jpg" in warnings[0] and "designed scene" in warnings[0]
    assert "gone.mp4" in warnings[1] and "missing" in warnings[1]


def test_warnings_name_each_file_as_people_know_it_not_by_its_stored_hash(tmp_path):
    from videos.render.engine import _check_footage, _prepare

    hashed = "ab" * 32  # the library keeps files under their content hash
    picture, bed, mark = (tmp_path / f"{hashed}.{ext}" for ext in ("jpg", "mp3", "png"))
    for path in (picture, bed, mark):
        path.write_bytes(b"not media at all" * 10)
    plan = simple_plan(tmp_path, output=SMALL, visuals=[Visual("image", picture, name="Lighthouse at dusk.jpg"),
                                                        Visual("generated")],
                       music=Music(bed, -18, name="Calm bed.mp3"), watermark=mark, watermark_name="Logo.png")
    warnings: list[str] = []
    _check_footage(_prepare(plan, tmp_path, warnings.append), warnings.append)
    assert len(warnings) == 3, warnings
    assert "“Lighthouse at dusk.jpg”" in warnings[1] and "“Calm bed.mp3”" in warnings[0]
    assert "“Logo.png”" in warnings[2] and not any(hashed in w for w in warnings)


def test_a_clip_cut_short_becomes_a_generated_background_with_a_warning(tmp_path):
    whole = tmp_path / "whole.mp4"
    ffmpeg("-f", "lavfi", "-i", "testsrc2=s=640x360:r=30", "-t", "4", "-pix_fmt", "yuv420p", "-movflags", "+faststart",
           str(whole))
    cut = tmp_path / "cut.mp4"  # the index is whole, so it probes fine; the frames stop part way
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size * 6 // 10])
    plan = simple_plan(tmp_path, output=SMALL, visuals=[Visual("video", cut), Visual("generated")])
    result = render_video(plan, work_dir=tmp_path / "w", out_path=tmp_path / "out.mp4")
    assert result.frames == sum(round(s.duration * 30) for s in plan.scenes)
    assert len(result.warnings) == 1 and "cut.mp4" in result.warnings[0] and "damaged" in result.warnings[0]


def test_webm_and_ogg_clips_from_wikimedia_commons_render_without_warnings(tmp_path):
    webm, ogv = tmp_path / "tide.webm", tmp_path / "bridge.ogv"
    ffmpeg("-f", "lavfi", "-i", "testsrc2=s=480x270:r=25", "-t", "3", "-c:v", "libvpx-vp9", "-b:v", "300k", str(webm))
    ffmpeg("-f", "lavfi", "-i", "testsrc2=s=480x270:r=25", "-t", "3", "-c:v", "libtheora", str(ogv))
    plan = simple_plan(tmp_path, output=SMALL, visuals=[Visual("video", webm), Visual("video", ogv)])
    result = render_video(plan, work_dir=tmp_path / "w", out_path=tmp_path / "out.mp4")
    assert result.warnings == ()  # neither fell back to a generated background
    assert result.frames == sum(round(s.duration * 30) for s in plan.scenes)


def test_a_missing_font_falls_back_to_the_bundled_one(tmp_path):
    plan = simple_plan(tmp_path, output=SMALL, style=Style(font_name="No Such Font Family"))
    result = render_video(plan, work_dir=tmp_path / "w", out_path=tmp_path / "out.mp4")
    assert any("No Such Font Family" in w and "DejaVu Sans" in w for w in result.warnings)
    assert "static/fonts" in "\n".join(result.commands)


def test_watermark_sits_in_the_top_right_corner_and_progress_runs_to_100(tmp_path):
    mark = tmp_path / "mark.png"
    from tests.videos.render_helpers import ffmpeg

    ffmpeg("-f", "lavfi", "-i", "color=c=white:s=200x100", "-frames:v", "1", str(mark))
    plan = simple_plan(tmp_path, output=SMALL)
    plain = render_video(plan, work_dir=tmp_path / "w", out_path=tmp_path / "plain.mp4")
    percents = []
    marked = render_video(dataclasses.replace(plan, watermark=mark), work_dir=tmp_path / "w",
                          out_path=tmp_path / "marked.mp4", on_progress=lambda p, stage: percents.append(p))
    before, after = (gray_frame(r.path, 1.0, 640, 360) for r in (plain, marked))

    def corner(frame: bytes, left: int) -> float:
        pixels = [frame[y * 640 + x] for y in range(20, 40) for x in range(left, left + 40)]
        return sum(pixels) / len(pixels)

    assert corner(after, 560) > corner(before, 560) + 60  # a white mark at 70% opacity
    assert abs(corner(after, 20) - corner(before, 20)) < 5  # the left side is untouched
    assert percents == sorted(percents) and percents[-1] == 100


def test_peaky_narration_with_pauses_still_reaches_the_loudness_target(tmp_path):
    # espeak-ng speech peaks ~18 dB above its loudness; with pauses under a music bed the mix needs
    # about 6 dB of limiting to reach -14 LUFS under -1 dBTP (loudnorm's dynamic mode fell 1.5 LU short).
    texts = ["Lighthouses guided sailors along dangerous coasts.", "The first great tower stood at Alexandria.",
             "Fresnel designed a lens of rings and prisms.", "Its beam reached thirty kilometres out to sea."]
    scenes = tuple(ScenePlan(duration=5.0, narration_path=path, words=words, visual=Visual("generated"))
                   for path, _, words in narrate(tmp_path, texts))
    plan = RenderPlan(scenes=scenes, output=SMALL, style=Style(subtitle_style="none"), title="Lighthouses",
                      music=Music(make_tone(tmp_path / "bed.wav", 220), -16))
    result = render_video(plan, work_dir=tmp_path / "w", out_path=tmp_path / "out.mp4")
    integrated, peak = loudness(result.path)
    assert abs(integrated - -14) <= 0.5
    assert peak <= -1.0


def test_a_soundtrack_made_in_chunks_joins_without_a_gap_a_shift_or_a_click(tmp_path, monkeypatch):
    # A long video's soundtrack is made a dozen scenes at a time and the chunks' AAC frames joined;
    # with a chunk per scene, the joins must not be heard: the same length, the same loudness, and
    # within -35 dB of the soundtrack made in one chunk (-30 dB around each join).
    import array

    from videos.render import audio

    plan = simple_plan(tmp_path, output=SMALL, intro_text="Intro", card_seconds=1.0,
                       texts=["First scene.", "Second scene here.", "And a third."],
                       music=Music(make_tone(tmp_path / "bed.wav", 220), -16))
    whole = render_video(plan, work_dir=tmp_path / "w", out_path=tmp_path / "whole.mp4")
    monkeypatch.setattr(audio, "CHUNK_SCENES", 1)
    pieces = render_video(plan, work_dir=tmp_path / "w", out_path=tmp_path / "pieces.mp4")

    def mixes(result):  # the commands mixing a chunk of narration and music
        return sum("sidechaincompress" in command and "pcm_f32le" in command for command in result.commands)

    assert mixes(pieces) == 4 and mixes(whole) == 1  # the card and three scenes, each mixed once
    samples = [array.array("h", ffmpeg_pcm(path)) for path in (whole.path, pieces.path)]
    assert len(samples[0]) == len(samples[1])
    for result in (whole, pieces):
        integrated, peak = loudness(result.path)
        assert abs(integrated - -14) <= 0.5 and peak <= -1.0
    # The two may differ by their gains (each measured on its own): compare after matching them.
    dot = sum(a * b for a, b in zip(*samples, strict=True))
    scale = dot / sum(b * b for b in samples[1])
    assert 0.9 < scale < 1.1

    def residual_db(first: int, last: int) -> float:
        error = sum((a - scale * b) ** 2 for a, b in zip(samples[0][first:last], samples[1][first:last], strict=True))
        signal = sum(a * a for a in samples[0][first:last]) or 1
        return 10 * math.log10(error / signal + 1e-12)

    assert residual_db(0, len(samples[0])) < -35
    starts = [round(sum(s.duration for s in plan.timeline()[:i]) * 48000) * 2 for i in range(1, 4)]  # stereo
    for start in starts:  # 50 ms either side of each join: a click or a shift would be near 0 dB
        assert residual_db(max(0, start - 4800), start + 4800) < -30


def test_a_soundtrack_chunk_shorter_than_a_loudness_block_still_renders(tmp_path, monkeypatch):
    # A closing scene of one frame (33 ms) is a chunk of its own with a chunk per scene: it owns
    # no 100 ms block of the loudness measurement, which must not fail the render.
    from videos.render import audio

    monkeypatch.setattr(audio, "CHUNK_SCENES", 1)
    plan = simple_plan(tmp_path, output=SMALL, texts=["One scene with words.", "Two."])
    scenes = (plan.scenes[0], dataclasses.replace(plan.scenes[1], duration=1 / 30))
    result = render_video(dataclasses.replace(plan, scenes=scenes, crossfade=0.0), work_dir=tmp_path / "w",
                          out_path=tmp_path / "out.mp4")
    assert sum("-f adts" in command for command in result.commands) == 2
    integrated, peak = loudness(result.path)
    assert abs(integrated - -14) <= 0.5 and peak <= -1.0


def test_scenes_crossfade_over_the_first_half_second_of_the_next(tmp_path):
    white, black = tmp_path / "white.png", tmp_path / "black.png"
    for path, colour in ((white, "white"), (black, "black")):
        ffmpeg("-f", "lavfi", "-i", f"color=c={colour}:s=800x600", "-frames:v", "1", str(path))
    plan = simple_plan(tmp_path, output=SMALL, visuals=[Visual("image", white), Visual("image", black)],
                       texts=["The first scene is white.", "The second scene is black."])
    result = render_video(plan, work_dir=tmp_path / "w", out_path=tmp_path / "out.mp4")
    boundary = round(plan.timeline()[0].duration * 30)  # the first frame of the second scene

    def top_level(frame: int) -> float:
        """Mean brightness of the top of frame `frame` (subtitles sit at the bottom)."""
        raw = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", str(result.path), "-vf",
                              rf"select=eq(n\,{frame}),crop=640:120:0:0", "-frames:v", "1", "-f", "rawvideo",
                              "-pix_fmt", "gray", "-"], capture_output=True, check=True).stdout
        return sum(raw) / len(raw)

    levels = [top_level(boundary + offset) for offset in range(-1, 17)]
    assert levels[0] > 235  # the first scene's last frame: all white
    assert levels[1] > 215  # the fade starts from white...
    assert 100 < levels[8] < 160  # ...is half way a quarter second in...
    assert levels[15] < 40 and levels[16] < 15 and levels[17] < 15  # ...and done after 15 frames
    assert all(a >= b - 2 for a, b in itertools.pairwise(levels))  # steadily darker, never back


def test_a_scene_cut_in_two_pieces_zooms_on_without_a_jump(tmp_path):
    """A scene of 8 s or more is encoded in two halves; the second half must carry on the first's
    zoom and subtitles, not start them again."""
    plan = simple_plan(tmp_path, output=SMALL, visuals=[Visual("image", make_still(tmp_path / "still.png"))],
                       texts=["A single long scene, narrated slowly enough to last more than eight seconds, so "
                              "that its frames are encoded in two halves, one on each core, when it is edited."],
                       style=Style(karaoke=True))
    result = render_video(plan, work_dir=tmp_path / "w", out_path=tmp_path / "out.mp4")
    frames = round(plan.scenes[0].duration * 30)
    assert frames >= 240 and result.frames == frames
    assert sum("libx264" in command and "segment-" in command for command in result.commands) == 2
    half = frames // 2  # the second piece's first frame

    def gray(frame: int) -> bytes:
        return subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", str(result.path), "-vf",
                               rf"select=eq(n\,{frame})", "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray",
                               "-"], capture_output=True, check=True).stdout

    def change(a: int, b: int) -> float:
        first, second = gray(a), gray(b)
        return sum(abs(x - y) for x, y in zip(first, second, strict=True)) / len(first)

    steady = max(change(half - 3, half - 2), change(half + 2, half + 3))
    # A zoom started again from the beginning shows as a jump many times a frame's usual change.
    assert change(half - 1, half) < 2 * steady + 1.5
    assert change(half - 1, half) < change(half - 1, 2) / 3


def test_a_crossfade_starts_from_where_the_zooming_scene_left_off(tmp_path):
    still = make_still(tmp_path / "still.png")
    plan = simple_plan(tmp_path, output=SMALL, visuals=[Visual("image", still), Visual("generated")],
                       style=Style(subtitle_style="none"))
    result = render_video(plan, work_dir=tmp_path / "w", out_path=tmp_path / "out.mp4")
    boundary = round(plan.timeline()[0].duration * 30)  # the first frame of the crossfade
    frames = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-i", str(result.path), "-vf",
                             rf"select=between(n\,{boundary - 2}\,{boundary}),crop=320:180:0:0", "-vsync", "0",
                             "-f", "rawvideo", "-pix_fmt", "gray", "-"], capture_output=True, check=True).stdout
    size = 320 * 180
    before, last, first = (frames[i * size:(i + 1) * size] for i in range(3))

    def change(a: bytes, b: bytes) -> float:
        return sum(abs(x - y) for x, y in zip(a, b, strict=True)) / size

    # The top-left corner shows most of a zoom's drift; the fade's first frame is the scene going on.
    assert change(last, first) < 2 * change(before, last) + 1.5


def test_footage_is_checked_once_per_worker_until_the_file_changes(tmp_path, monkeypatch):
    from videos.render import probe as probe_module

    clip = make_clip(tmp_path / "clip.mp4")
    runs = []
    real_run = subprocess.run
    monkeypatch.setattr(probe_module.subprocess, "run", lambda *a, **k: runs.append(a[0][0]) or real_run(*a, **k))

    info, reason = probe_module.usable_visual(clip, "video")
    assert info is not None and reason == ""
    checks = len(runs)
    assert checks >= 2  # ffprobe, then the decode checks
    assert probe_module.usable_visual(clip, "video") == (info, "")
    assert len(runs) == checks  # an update of the video does not check the unchanged clip again

    data = clip.read_bytes()
    clip.write_bytes(data[: len(data) // 3])  # the same file cut short: checked again, and refused
    info, reason = probe_module.usable_visual(clip, "video")
    assert info is None and reason in ("corrupt or not a picture ffmpeg can read", "is damaged and cannot be decoded")
    assert len(runs) > checks


def test_the_stills_are_scaled_while_the_captions_are_drawn(tmp_path, monkeypatch):
    """Both must be done before the pieces start: the scaling runs in a free slot beside the drawing."""
    from videos.render import caption_images

    still = make_still(tmp_path / "still.png")
    plan = simple_plan(tmp_path, output=SMALL, texts=["One short line."], visuals=[Visual("image", still)])
    real, scaling = caption_images.draw, []

    def draw(*args, tmp, **kwargs):
        deadline = time.monotonic() + 10
        while not any(tmp.glob("still-*.yuv")) and time.monotonic() < deadline:
            time.sleep(0.01)
        scaling.append(any(tmp.glob("still-*.yuv")))
        return real(*args, tmp=tmp, **kwargs)

    monkeypatch.setattr(caption_images, "draw", draw)
    result = render_video(plan, work_dir=tmp_path / "work", out_path=tmp_path / "out.mp4")
    assert scaling == [True]
    assert result.frames == round(plan.scenes[0].duration * SMALL.fps)


def test_detailed_stills_and_clips_start_first_so_a_cheap_piece_ends_the_render(tmp_path):
    """Pieces of the same length were started in scene order; the render's last piece was then a
    fractal still that took 3.1 s while the other core waited, where a test card takes 1.8 s. Pieces
    start by their frames times what a frame costs: a clip's 1.5, a still's by its detail (bytes per
    pixel), a cellular automaton's the most."""
    from videos.render.engine import _check_footage, _pieces, _prepare

    flat, busy, clip = tmp_path / "flat.jpg", tmp_path / "busy.jpg", make_clip(tmp_path / "clip.mp4", 3)
    ffmpeg("-f", "lavfi", "-i", "smptehdbars=s=800x600", "-frames:v", "1", str(flat))
    ffmpeg("-f", "lavfi", "-i", "cellauto=s=800x600:rule=110:full=1:seed=7", "-frames:v", "1", "-q:v", "3", str(busy))
    texts = ["The lamp was lit at dusk.", "The keeper wound the clock.", "The ships passed the rock."]
    plan = simple_plan(tmp_path, output=SMALL, texts=texts,
                       visuals=[Visual("image", flat), Visual("image", busy), Visual("video", clip)])
    plan = dataclasses.replace(plan, scenes=tuple(dataclasses.replace(s, duration=3.0) for s in plan.scenes))
    job = _prepare(plan, tmp_path, print)
    _check_footage(job, print)
    rests = [piece.scene for piece in _pieces(job) if piece.frames > 15]
    # The first scene has no crossfade (90 frames, the others 75); by frames alone it was [2, 0, 1].
    assert rests == [1, 2, 0]  # the cellular automaton, the clip, the test card


def test_a_moving_design_starts_with_the_costly_pieces_and_a_settled_one_after(tmp_path):
    """A map pushes in to its last frame, so each of its frames is drawn, piped and converted: its
    piece took 4.5 s where a title card's (still after its reveal) took 2.5. At the cost of a plain
    frame it started last and ran alone at the end of the render."""
    from videos.render.engine import MOVING_DESIGN_COST, _check_footage, _pieces, _prepare

    flat = tmp_path / "flat.jpg"
    ffmpeg("-f", "lavfi", "-i", "smptehdbars=s=800x600", "-frames:v", "1", str(flat))
    texts = ["The lamp was lit at dusk.", "The first great tower stood at Alexandria.", "The keeper slept."]
    plan = simple_plan(tmp_path, output=SMALL, texts=texts,
                       visuals=[Visual("image", flat), Visual("generated"), Visual("generated")])
    plan = dataclasses.replace(plan, scenes=tuple(dataclasses.replace(s, duration=3.0) for s in plan.scenes))
    job = _prepare(plan, tmp_path, print)
    _check_footage(job, print)
    assert [job.scenes[1].design.layout, job.scenes[2].design.layout] == ["map", "title"]
    assert job.cost.get(1) == MOVING_DESIGN_COST and 2 not in job.cost
    rests = [piece.scene for piece in _pieces(job) if piece.frames > 15]
    assert rests == [1, 0, 2]  # by frames alone, [0, 1, 2]: the still's 90 before the map's 75


def test_the_thumbnails_start_among_the_pieces_not_after_the_last(tmp_path, monkeypatch):
    """Queued after the pieces, the thumbnails ran alone for about a second at the end of the render
    while the join waited for them."""
    from videos.render import runner as runner_module

    seen = []
    real = runner_module.Runner.run

    def run(self, tasks, stage):
        seen.append([task.label for task in tasks])
        return real(self, tasks, stage)

    monkeypatch.setattr(runner_module.Runner, "run", run)
    texts = ["The lamp was lit at dusk.", "The keeper wound the clock.", "The ships passed the rock.",
             "The fog came in at night."]
    plan = simple_plan(tmp_path, output=SMALL, texts=texts)
    result = render_video(plan, work_dir=tmp_path / "work", out_path=tmp_path / "out.mp4")
    assert result.thumbnails
    labels = next(labels for labels in seen if "thumbnails" in labels)
    pieces = [n for n, label in enumerate(labels) if label.startswith("scene ")]
    assert pieces[0] < labels.index("thumbnails") < pieces[-1]
