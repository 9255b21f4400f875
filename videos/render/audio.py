"""The soundtrack as its own job: the scenes' narration laid end to end (silence under cards) in
pieces of a few dozen scenes, the music bed looped under it and ducked by the voice
(sidechaincompress), then brought to -14 LUFS integrated with the true peak under -1 dBTP.

Loudness is set with a gain and a peak limiter, measured with ebur128 (EBU R128, true peak by
oversampling): a first pass mixes once, measuring the mix as it writes it to a float WAV (23 MB a
minute, in the render's work folder); one or two trials measure that WAV with a gain and the limiter,
and the encode uses the gain that lands on the target (see LevelSearch). TTS narration often peaks
18 dB or more above its loudness, more than -14 LUFS under -1 dBTP allows, so the limiter usually
works. (loudnorm's dynamic mode, used before, missed the target by 1.5 LU on such
narration and cost more CPU.)"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import ffmpeg

from videos.render.errors import RenderError
from videos.render.plan import Music, ScenePlan

TARGET_LUFS = -14.0
# Below the -1 dBTP limit, leaving room for the AAC encoder's overshoot (0.4 dB measured with the
# twoloop coder at 192 kbit/s, none with the fast coder used now).
TARGET_TRUE_PEAK = -2.0
MAX_GAIN_DB = 40.0  # a quieter mix than -54 LUFS is near silence, not quiet speech
SAMPLE_RATE = 48000


VOICE_PIECE_SCENES = 24  # scenes per voice piece: bounds the inputs, and so the memory, of one ffmpeg


def voice_command(scenes: tuple[ScenePlan, ...], out_path: Path) -> list[str]:
    """A run of scenes' narration laid end to end, each padded or cut to its scene's length (silence
    for a scene without narration), as one mono float WAV. The soundtrack is built from a few of
    these, so no ffmpeg opens every narration file of a long video at once."""
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
    return (ffmpeg.output(voice, str(out_path), acodec="pcm_f32le", f="wav")
            .global_args("-nostdin", "-hide_banner", "-loglevel", "error", "-nostats", "-progress", "pipe:1")
            .overwrite_output().compile())


def mix_graph(voice_paths: list[Path], music: Music | None, total: float):
    """The voice pieces in order, with the music ducked under them when there is music."""
    pieces = [ffmpeg.input(str(path)).audio for path in voice_paths]
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


@dataclass(frozen=True)
class Loudness:
    integrated: float  # LUFS
    true_peak: float  # dBTP


def _measured(stream, out: str = "-", **format_options) -> list[str]:
    """The stream through ebur128 (which passes it on unchanged) to `out`, by default nowhere."""
    stream = stream.filter("ebur128", peak="true", framelog="verbose")
    return (ffmpeg.output(stream, out, **(format_options or {"f": "null"}))
            .global_args("-nostdin", "-hide_banner", "-nostats", "-progress", "pipe:1")
            .overwrite_output().compile())


def _normalised(stream, gain_db: float, ceiling_db: float):
    """The mix with a gain, then a look-ahead limiter holding sample peaks under `ceiling_db`."""
    return (stream.filter("volume", f"{gain_db:.2f}dB", precision="float")
            .filter("alimiter", limit=f"{10 ** (ceiling_db / 20):.4f}", attack=5, release=60, level="false",
                    latency="true"))


def measure_command(voice_paths, music, total: float, mix_path: Path) -> list[str]:
    """Mix once: the mix is measured as it is written, as float samples (nothing clips), to
    `mix_path`, which the trials and the encode read instead of mixing again."""
    return _measured(mix_graph(voice_paths, music, total), str(mix_path), acodec="pcm_f32le", f="wav")


def _mix(mix_path: Path):
    return ffmpeg.input(str(mix_path)).audio


def parse_loudness(log: str) -> Loudness:
    summary = log[log.rfind("Summary:"):] if "Summary:" in log else ""
    integrated = re.search(r"I:\s+(-?[\d.]+) LUFS", summary)
    peak = re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary)
    if not integrated or not peak:
        raise RenderError("The loudness measurement of the soundtrack failed; see the render log.", log=log)
    if peak.group(1) == "-inf" or float(integrated.group(1)) <= -69.9:
        raise RenderError("The soundtrack is silent. Check that the narration files hold speech, then "
                          "narrate again.", log=log)
    return Loudness(float(integrated.group(1)), float(peak.group(1)))


def first_gain(measured: Loudness) -> float:
    return min(MAX_GAIN_DB, TARGET_LUFS - measured.integrated)


def trial_command(mix_path: Path, gain_db: float) -> list[str]:
    """A measurement of the mix with a gain and the limiter at the target peak."""
    return _measured(_normalised(_mix(mix_path), gain_db, TARGET_TRUE_PEAK))


def next_gain(trials: list[tuple[float, Loudness]]) -> float:
    """The gain that should land on the target, from the trials so far (gain, what it measured).
    The limiter takes away more loudness the harder it works, so after two trials the next gain is
    found on the line through them rather than by adding the shortfall again."""
    (gain, result), slope = trials[-1], 1.0
    if len(trials) > 1:
        (gain_a, result_a) = trials[-2]
        if abs(result.integrated - result_a.integrated) > 0.05:
            slope = (gain - gain_a) / (result.integrated - result_a.integrated)
            slope = min(4.0, max(1.0, slope))
    return min(MAX_GAIN_DB, gain + (TARGET_LUFS - result.integrated) * slope)


@dataclass
class LevelSearch:
    """The gain search of one soundtrack: `observe` each measurement in turn (the plain mix first,
    then each trial), ask `next_trial` for the gain to try, and `final` for what to encode with."""

    measured: Loudness | None = None
    trials: list[tuple[float, Loudness]] = field(default_factory=list)
    _trying: float = 0.0

    def observe(self, result: Loudness) -> None:
        if self.measured is None:
            self.measured = result
        else:
            self.trials.append((self._trying, result))

    def next_trial(self) -> float | None:
        """The gain to try next, or None when the last trial already landed on the target."""
        if self.trials and close_enough(self.trials[-1][1]):
            return None
        self._trying = next_gain(self.trials) if self.trials else first_gain(self.measured)
        return self._trying

    def final(self) -> tuple[float, float]:
        """The gain and the limiter's ceiling in dB."""
        last_gain, last = self.trials[-1]
        return (last_gain if close_enough(last) else next_gain(self.trials)), final_ceiling(self.trials)


def close_enough(result: Loudness) -> bool:
    return abs(result.integrated - TARGET_LUFS) <= 0.3


def final_ceiling(trials: list[tuple[float, Loudness]]) -> float:
    """True peaks between samples can pass a sample-peak limiter: the ceiling comes down by any
    excess the trials measured."""
    excess = max(0.0, max(result.true_peak for _, result in trials) - TARGET_TRUE_PEAK)
    return TARGET_TRUE_PEAK - excess


def encode_command(mix_path: Path, total: float, gain_db: float, ceiling_db: float, out_path: Path) -> list[str]:
    """The normalised mix as AAC. The fast coder, not Debian ffmpeg 5.1's default twoloop: on a
    bench soundtrack at 192 kbit/s it coded at 54 dB SNR against twoloop's 31, its decoded peaks
    matched the mix's (twoloop's overshot by 0.4 dB), and it took 40% of the CPU time. (FFmpeg made
    fast the default in 2018 for these reasons at higher bitrates; 5.1 has twoloop again.)"""
    stream = _normalised(_mix(mix_path), gain_db, ceiling_db).filter(
        "aformat", sample_fmts="fltp", sample_rates=SAMPLE_RATE, channel_layouts="stereo").filter(
        "atrim", end=f"{total:.4f}")
    return (ffmpeg.output(stream, str(out_path), acodec="aac", aac_coder="fast", audio_bitrate="192k", ar=SAMPLE_RATE,
                          f="mp4")
            .global_args("-nostdin", "-hide_banner", "-loglevel", "error", "-nostats", "-progress", "pipe:1")
            .overwrite_output().compile())
