"""Progress, cancellation, a full disk, and the subtitle file, without a full render where possible."""

from __future__ import annotations

import threading
import time

import pytest

from tests.videos.render_helpers import Output, ffmpeg, simple_plan
from videos.render import DiskFull, RenderCancelled, audio, render_video
from videos.render.errors import RenderError
from videos.render.fonts import find_font
from videos.render.runner import Runner, Task, parse_progress
from videos.render.subtitles import ass_color, build_cues, write_ass
from videos.voice.base import WordTiming

SMALL = Output(width=640, height=360, preset="ultrafast")


def test_progress_lines_are_read_in_frames_and_microseconds():
    assert parse_progress("frame=42\n", "frames") == 42
    # out_time_ms holds microseconds, despite its name.
    assert parse_progress("out_time_ms=2500000\n", "seconds") == 2.5
    assert parse_progress("out_time_us=1000000", "seconds") == 1.0
    assert parse_progress("progress=continue", "frames") is None
    assert parse_progress("out_time_us=N/A", "seconds") is None


def test_two_heavy_tasks_never_run_at_once_and_a_light_one_takes_the_free_slot(tmp_path):
    started, running, most = [], {"heavy": 0}, {"heavy": 0}
    lock = threading.Lock()

    def step(name: str, heavy: bool):
        def run() -> None:
            with lock:
                started.append(name)
                running["heavy"] += heavy
                most["heavy"] = max(most["heavy"], running["heavy"])
            time.sleep(0.2)
            with lock:
                running["heavy"] -= heavy
        return run

    tasks = [Task(label=name, steps=[step(name, heavy)], total=1, heavy=heavy)
             for name, heavy in (("crossfade 1", True), ("crossfade 2", True), ("half", False))]
    runner = Runner(work_dir=tmp_path, parallel=2, on_progress=None, should_cancel=None)
    runner.run(tasks, "Rendering scenes")
    # The second crossfade waited for the first; the half behind it in the queue ran beside the first.
    assert started == ["crossfade 1", "half", "crossfade 2"]
    assert most["heavy"] == 1 and all(task.finished for task in tasks)



def test_a_bug_in_a_step_stops_the_render_with_where_it_was_raised(tmp_path, caplog):
    def broken() -> list[str]:
        table = {"a": 1}
        for key in table:  # the kind of race seen once in CI, made certain here
            table[key + "b"] = 2
        return ["true"]

    runner = Runner(work_dir=tmp_path, parallel=2, on_progress=None, should_cancel=None)
    with pytest.raises(RenderError) as raised:
        runner.run([Task(label="soundtrack", steps=[broken], total=1)], "Mixing")
    message = str(raised.value)
    assert message.startswith("Render step soundtrack failed: RuntimeError: dictionary changed size")
    assert "(at test_render_control.py:" in message and "in broken)" in message
    assert "Traceback" in caplog.text and "for key in table" in caplog.text  # the whole trace is in the log


WORDS = (WordTiming("Hello", 0.0, 0.4), WordTiming("there.", 0.4, 0.9), WordTiming("General", 1.0, 1.5),
         WordTiming("Kenobi!", 1.5, 2.0))


def test_cues_break_at_sentences_and_karaoke_times_each_word(tmp_path):
    cues = build_cues(WORDS, offset=10.0, max_words=7)
    assert [(c.start, c.end) for c in cues] == [(10.0, 10.9), (11.0, 12.0)]
    path = tmp_path / "k.ass"
    assert write_ass(path, cues, width=1920, height=1080, style_name="classic", font_family="DejaVu Sans",
                     karaoke=True, accent="#f59e0b")
    text = path.read_text()
    assert "PlayResY: 1080" in text and ",DejaVu Sans," in text
    assert "0:00:10.00,0:00:10.90" in text and "{\\k40}Hello {\\k50}there." in text
    assert ass_color("#f59e0b") == "&H000B9EF5" and ass_color("#f59e0b") in text


def test_subtitle_windows_shift_to_the_segment_and_none_writes_nothing(tmp_path):
    cues = build_cues(WORDS, offset=0.0, max_words=7)
    path = tmp_path / "w.ass"
    assert write_ass(path, cues, width=640, height=360, style_name="classic", font_family="X", karaoke=False,
                     accent="#ffffff", window=(1.0, 3.0))
    assert "Dialogue: 0,0:00:00.00,0:00:01.00,Main,,0,0,0,,General Kenobi!" in path.read_text()
    assert write_ass(path, cues, width=640, height=360, style_name="classic", font_family="X", karaoke=True,
                     accent="#ffffff", window=(1.7, 3.0))  # a segment starting mid-cue
    assert "Dialogue: 0,0:00:00.00,0:00:00.30,Main,,0,0,0,,{\\k0}General {\\k30}Kenobi!" in path.read_text()
    assert not write_ass(tmp_path / "n.ass", cues, width=640, height=360, style_name="none", font_family="X",
                         karaoke=False, accent="#ffffff")
    assert not (tmp_path / "n.ass").exists()


def test_a_cue_ends_where_the_next_begins_so_libass_never_stacks_them(tmp_path):
    # The first scene's last word ends a frame after the second scene (and its first cue) begins.
    cues = build_cues(WORDS[:2], offset=0.0, max_words=7) + build_cues(WORDS[2:], offset=-0.13, max_words=7)
    path = tmp_path / "o.ass"
    assert write_ass(path, cues, width=640, height=360, style_name="classic", font_family="X", karaoke=False,
                     accent="#ffffff")
    text = path.read_text()
    assert "Dialogue: 0,0:00:00.00,0:00:00.87,Main,,0,0,0,,Hello there." in text
    assert "Dialogue: 0,0:00:00.87,0:00:01.87,Main,,0,0,0,,General Kenobi!" in text


def test_fonts_are_found_or_fall_back_to_the_bundled_file():
    liberation = find_font("Liberation Sans")
    assert not liberation.fallback and liberation.path.name == "LiberationSans-Bold.ttf"
    missing = find_font("Definitely Not Installed")
    assert missing.fallback and missing.path.is_file() and "static/fonts" in str(missing.path)


@pytest.mark.slow
def test_cancelling_stops_ffmpeg_and_leaves_no_temporary_files(tmp_path):
    plan = simple_plan(tmp_path, output=Output(width=1920, height=1080, preset="medium"),
                       texts=["A long enough scene to cancel in the middle of its render, surely."] * 2)
    seen = []

    def cancel_once_started() -> bool:
        return any(percent > 5 for percent in seen)

    out = tmp_path / "out" / "video.mp4"
    with pytest.raises(RenderCancelled):
        render_video(plan, work_dir=tmp_path / "out", out_path=out,
                     on_progress=lambda percent, stage: seen.append(percent), should_cancel=cancel_once_started)
    assert list((tmp_path / "out").iterdir()) == []
    assert max(seen) < 90


def test_a_full_disk_fails_before_starting_and_leaves_nothing(tmp_path, settings):
    settings.MIN_FREE_DISK_BYTES = 10**18
    plan = simple_plan(tmp_path, output=SMALL)
    with pytest.raises(DiskFull, match="Free some space"):
        render_video(plan, work_dir=tmp_path / "out", out_path=tmp_path / "out" / "video.mp4")
    assert list((tmp_path / "out").iterdir()) == []


def block_log(blocks: list[tuple[float, str, str]]) -> str:
    """ebur128's info lines, one per 100 ms block: (t, M, FTPK of each channel)."""
    return "\n".join(f"[Parsed_ebur128_1 @ 0x1] t: {t:<10}  TARGET:-23 LUFS    M:{m:>6} S: -20.0     I: -21.0 LUFS"
                     f"       LRA:   0.0 LU  FTPK: {peak} {peak} dBFS  TPK: -3.0 -3.0 dBFS" for t, m, peak in blocks)


def test_each_chunk_counts_the_loudness_blocks_ending_in_its_own_samples():
    # A chunk made from 1 s before its own samples (48000..96000) to 0.5 s after.
    chunk = audio.Chunk(start=48000, end=96000, window_start=0, window_end=120000, scenes=())
    log = "Stream mapping: ...\n" + block_log([(0.9, "-10.0", "-1.0"), (1.0, "-20.0", "-6.0"), (1.1, "-21.0", "-7.0"),
                                               (2.0, "-inf", "-inf"), (2.1, "-30.0", "-0.5")])
    blocks = audio.parse_blocks(log, chunk, total=200000)
    assert blocks.momentary == (-21.0, float("-inf"))  # 1.0 s ends the chunk before; 2.1 s is the next one's
    assert blocks.true_peak == -7.0
    last = audio.Chunk(start=48000, end=96000, window_start=0, window_end=96000, scenes=())
    assert audio.parse_blocks(log, last, total=96000).momentary == (-21.0, float("-inf"), -30.0)
    # A last chunk shorter than a block (a one-frame closing scene) owns none: an empty share.
    tiny = audio.Chunk(start=95232, end=96000, window_start=0, window_end=96000, scenes=())
    assert audio.parse_blocks(block_log([(1.9, "-20.0", "-6.0")]), tiny, total=96000).momentary == ()
    with pytest.raises(RenderError, match="measurement"):
        audio.parse_blocks("ffmpeg crashed", chunk, total=200000)


def test_the_chunks_loudness_is_gated_as_one_programme_and_silence_is_refused():
    # EBU R128: blocks under -70 LUFS are dropped, then those 10 LU under the mean of the rest.
    loud = audio.Blocks(momentary=(-20.0, -20.0, -95.0), true_peak=-3.0)
    quiet = audio.Blocks(momentary=(-20.0, -35.0, float("-inf")), true_peak=-1.5)
    result = audio.combined([loud, quiet])
    assert result == audio.Loudness(-20.0, -1.5)  # the -35 block falls under the relative gate
    assert audio.combined([audio.Blocks((-20.0, -23.0), -4.0)]).integrated == pytest.approx(-21.25, abs=0.01)
    with pytest.raises(RenderError, match="silent"):
        audio.combined([audio.Blocks((-80.0, float("-inf")), -60.0)])


def test_the_gain_search_adds_what_the_limiter_took_and_stops_when_on_target():
    search = audio.LevelSearch()
    search.observe(audio.Loudness(-22.7, -4.1))
    assert search.next_trial() == pytest.approx(8.7)
    search.observe(audio.Loudness(-15.9, -1.9))  # the limiter took 1.9 LU
    assert search.next_trial() == pytest.approx(10.6)
    search.observe(audio.Loudness(-15.1, -1.9))  # +1.9 dB of gain gave only +0.8 LU
    gain, ceiling = search.final()
    assert gain == pytest.approx(10.6 + 1.1 * 1.9 / 0.8)  # along the line through both trials
    assert ceiling == pytest.approx(audio.TARGET_TRUE_PEAK - 0.1)  # the trials peaked 0.1 dB over it

    on_target = audio.LevelSearch()
    on_target.observe(audio.Loudness(-20.0, -12.0))
    assert on_target.next_trial() == pytest.approx(6.0)
    on_target.observe(audio.Loudness(-14.1, -1.2))  # a true peak 0.8 dB over the ceiling
    assert on_target.next_trial() is None
    gain, ceiling = on_target.final()  # the last 0.1 LU is made up too
    assert gain == pytest.approx(6.1) and ceiling == pytest.approx(audio.TARGET_TRUE_PEAK - 0.8)


@pytest.mark.slow
def test_a_silent_soundtrack_stops_the_render_it_ran_beside_and_leaves_nothing(tmp_path):
    # The soundtrack starts first and runs beside the footage checks and the scenes; its failure
    # must still stop everything with its own message.
    plan = simple_plan(tmp_path, output=SMALL, texts=["One scene.", "Another scene."])
    for scene in plan.scenes:
        ffmpeg("-f", "lavfi", "-i", "anullsrc=r=22050:cl=mono", "-t", f"{scene.duration}",
               str(scene.narration_path))
    out = tmp_path / "out" / "video.mp4"
    with pytest.raises(RenderError, match="soundtrack is silent"):
        render_video(plan, work_dir=tmp_path / "out", out_path=out)
    assert list((tmp_path / "out").iterdir()) == []
