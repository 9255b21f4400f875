"""The soundtrack as its own job: the scenes' narration laid end to end (silence under cards), the
music bed looped under it and ducked by the voice (sidechaincompress), then loudness-normalised to
-14 LUFS integrated with true peak under -1 dBTP in two passes (measure, then apply linearly)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import ffmpeg

from videos.render.errors import RenderError
from videos.render.plan import Music, ScenePlan

TARGET_LUFS = -14.0
TARGET_TRUE_PEAK = -1.5  # below the -1 dBTP limit, leaving room for the AAC encoder's overshoot
SAMPLE_RATE = 48000


def mix_graph(scenes: tuple[ScenePlan, ...], music: Music | None, total: float):
    """The voice, with the music ducked under it when there is music."""
    pieces = []
    for scene in scenes:
        if scene.narration_path is not None:
            piece = (ffmpeg.input(str(scene.narration_path)).audio
                     .filter("aresample", SAMPLE_RATE)
                     .filter("apad", whole_dur=f"{scene.duration:.4f}")
                     .filter("atrim", end=f"{scene.duration:.4f}"))
        else:
            piece = ffmpeg.input(f"anullsrc=r={SAMPLE_RATE}:cl=mono", f="lavfi", t=f"{scene.duration:.4f}").audio
        pieces.append(piece.filter("aformat", sample_fmts="fltp", sample_rates=SAMPLE_RATE,
                                   channel_layouts="mono").filter("asetpts", "PTS-STARTPTS"))
    voice = ffmpeg.concat(*pieces, v=0, a=1) if len(pieces) > 1 else pieces[0]
    voice = voice.filter("aformat", sample_fmts="fltp", sample_rates=SAMPLE_RATE, channel_layouts="stereo")
    if music is None:
        return voice
    split = voice.filter_multi_output("asplit", 2)
    speech, sidechain = split[0], split[1]
    bed = (ffmpeg.input(str(music.path), stream_loop=-1).audio
           .filter("atrim", end=f"{total:.4f}").filter("asetpts", "PTS-STARTPTS")
           .filter("aformat", sample_fmts="fltp", sample_rates=SAMPLE_RATE, channel_layouts="stereo")
           .filter("volume", f"{music.volume_db}dB")
           .filter("afade", t="out", st=f"{max(0.0, total - 1.5):.3f}", d=1.5))
    # Ducks the bed by up to ~15 dB while the voice speaks, recovering within half a second after.
    ducked = ffmpeg.filter([bed, sidechain], "sidechaincompress", threshold=0.015, ratio=12, attack=15,
                           release=450, makeup=1)
    return ffmpeg.filter([speech, ducked], "amix", inputs=2, duration="first", normalize=0)


def measure_command(scenes, music, total: float) -> list[str]:
    stream = mix_graph(scenes, music, total).filter(
        "loudnorm", I=TARGET_LUFS, TP=TARGET_TRUE_PEAK, LRA=11, print_format="json")
    return (ffmpeg.output(stream, "-", f="null")
            .global_args("-nostdin", "-hide_banner", "-nostats", "-progress", "pipe:1")
            .compile())


def parse_measurement(log: str) -> dict[str, str]:
    match = re.search(r"\{[^{}]*\"input_i\"[^{}]*\}", log, re.DOTALL)
    if not match:
        raise RenderError("The loudness measurement of the soundtrack failed; see the render log.", log=log)
    values = json.loads(match.group(0))
    if values.get("input_i") in ("-inf", "inf", None):
        raise RenderError("The soundtrack is silent. Check that the narration files hold speech, then "
                          "narrate again.", log=log)
    return values


def encode_command(scenes, music, total: float, measured: dict[str, str], out_path: Path) -> list[str]:
    stream = mix_graph(scenes, music, total).filter(
        "loudnorm", I=TARGET_LUFS, TP=TARGET_TRUE_PEAK, LRA=11, measured_I=measured["input_i"],
        measured_TP=measured["input_tp"], measured_LRA=measured["input_lra"],
        measured_thresh=measured["input_thresh"], offset=measured["target_offset"], linear="true",
    ).filter("aresample", SAMPLE_RATE).filter("aformat", sample_fmts="fltp", sample_rates=SAMPLE_RATE,
                                         channel_layouts="stereo").filter("atrim", end=f"{total:.4f}")
    return (ffmpeg.output(stream, str(out_path), acodec="aac", audio_bitrate="192k", ar=SAMPLE_RATE, f="mp4")
            .global_args("-nostdin", "-hide_banner", "-loglevel", "error", "-nostats", "-progress", "pipe:1")
            .overwrite_output().compile())
