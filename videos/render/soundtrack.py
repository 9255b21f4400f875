"""The soundtrack of a render, in chunks of a dozen scenes (audio.Chunk), each mixed, measured and
encoded to AAC on its own, kept in the render cache, and joined frame by frame into one ADTS stream.
The mixing, measuring and encoding commands are in audio.py; this module decides which of them a
render runs, from what the cache keeps."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import ffmpeg

from videos.render import audio
from videos.render.cache import RenderCache, command_key
from videos.render.errors import RenderError
from videos.render.plan import Music, ScenePlan
from videos.render.runner import Task, fix_binary


class Soundtrack:
    """The soundtrack in chunks (audio.Chunk), each mixed, measured and encoded on its own and kept
    in the render cache under a key of its window's mix, so an edit mixes and encodes again only
    the chunks it changes (a scene whose length changes moves the music under every later one, so
    those are made again too).

    The gain is the video's: the chunks' measurements are combined into one integrated loudness.
    With nothing kept, the mix is measured, one or two trials with the limiter find the gain that
    lands on -14 LUFS (audio.LevelSearch), and every chunk is encoded with it, measured as it is
    encoded. After an edit, the gain the video had is tried first: the changed chunks are encoded
    with it and, if the whole still lands within 0.3 LU of the target with its true peak under the
    ceiling, the other chunks are kept as they are; if not, the gain is found again and every chunk
    encoded again. All of it runs as one task, each step deciding from the ones before."""

    LEVEL_KEY = "soundtrack-level"

    def __init__(self, *, scenes: tuple[ScenePlan, ...], bounds: list[int], fps: int, music: Music | None,
                 tmp: Path, out: Path, store: RenderCache | None) -> None:
        """`bounds`: the frame where each scene starts, plus the total; `tmp` the render's folder."""
        rate = audio.SAMPLE_RATE
        self.tmp, self.out, self.store = tmp, out, store
        self.starts = [round(frame * rate / fps) for frame in bounds]
        self.total = self.starts[-1]
        timed = tuple(dataclasses.replace(s, duration=(bounds[i + 1] - bounds[i]) / fps) for i, s in enumerate(scenes))
        self.chunks = audio.plan_chunks(timed, self.starts)
        self.music = music
        self.wavs = [tmp / f"mix-{n:03d}.wav" for n in range(len(self.chunks))]
        self.mix_keys = []
        for n, chunk in enumerate(self.chunks):
            argv = fix_binary(audio.mix_command(chunk, music, self.total, self.wavs[n]))
            inputs = [scene.narration_path for scene, _, _ in chunk.scenes] + [music.path if music else None]
            self.mix_keys.append(command_key(argv, work_dir=tmp, out=self.wavs[n], inputs=inputs))
        self.measured: dict[int, audio.Blocks] = {}
        self.trials: dict[int, audio.Blocks] = {}
        self.encoded: dict[int, tuple[Path, audio.Blocks]] = {}
        self.level = self._kept_level()
        self.gain: tuple[float, float] | None = None  # what the chunks are encoded with
        self.search = audio.LevelSearch()
        self.trying: float | None = None
        self.pending: tuple[str, int] | None = None  # the command that ran last, to read its log
        self.keys: set[str] = {self.LEVEL_KEY}
        seconds = self.total / rate
        self.task = Task(label="soundtrack", steps=self._steps(), total=seconds * 3, unit="seconds",
                         drop_lines="TARGET:")

    # Keys and kept entries ------------------------------------------------------------------
    @staticmethod
    def _derived(key: str, *parts: object) -> str:
        return hashlib.sha256("|".join([key, *map(str, parts)]).encode()).hexdigest()[:32]

    def _lookup_blocks(self, key: str) -> audio.Blocks | None:
        self.keys.add(key)
        path = self.store.lookup(key, ".loud") if self.store else None
        if path is None:
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return audio.Blocks(tuple(float(v) for v in data["momentary"]), float(data["true_peak"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _keep_blocks(self, key: str, blocks: audio.Blocks) -> None:
        if self.store is None:
            return
        path = self.tmp / f"{key}.loud"
        path.write_text(json.dumps({"momentary": blocks.momentary, "true_peak": blocks.true_peak}), encoding="utf-8")
        self.store.store(key, path, ".loud")

    def _kept_level(self) -> tuple[float, float] | None:
        path = self.store.lookup(self.LEVEL_KEY, ".loud") if self.store else None
        try:
            data = json.loads(path.read_text(encoding="utf-8")) if path else None
            return (float(data["gain"]), float(data["ceiling"])) if data else None
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _encoded_keys(self, n: int, gain: tuple[float, float]) -> tuple[str, str]:
        return (self._derived(self.mix_keys[n], "aac", *gain), self._derived(self.mix_keys[n], "aac-loudness", *gain))

    def _kept_encode(self, n: int, gain: tuple[float, float]) -> bool:
        """Whether chunk n's encode with `gain` is kept (and then it is taken)."""
        aac_key, loud_key = self._encoded_keys(n, gain)
        self.keys |= {aac_key, loud_key}
        blocks = self._lookup_blocks(loud_key)
        path = self.store.lookup(aac_key, ".aac") if self.store and blocks else None
        if path is None:
            return False
        self.encoded[n] = (path, blocks)
        return True

    # Steps ----------------------------------------------------------------------------------
    def _source(self, n: int):
        """A chunk's mix: its WAV when this render mixed it, else mixed again from the narration."""
        if self.wavs[n].is_file():
            return ffmpeg.input(str(self.wavs[n])).audio
        return audio.chunk_mix(self.chunks[n], self.music, self.total)

    def _read(self) -> None:
        """Take in the measurement of the command that just ran."""
        if self.pending is None:
            return
        kind, n = self.pending
        self.pending = None
        blocks = audio.parse_blocks(self.task.stderr_paths[-1].read_text(errors="replace"), self.chunks[n],
                                    self.total)
        if kind == "mix":
            self.measured[n] = blocks
            self._keep_blocks(self._derived(self.mix_keys[n], "mix"), blocks)
        elif kind == "trial":
            self.trials[n] = blocks
            self._keep_blocks(self._derived(self.mix_keys[n], "trial", self.trying), blocks)
        else:
            aac_key, loud_key = self._encoded_keys(n, self.gain)
            self._keep_blocks(loud_key, blocks)
            path = self.store.store(aac_key, self.tmp / f"sound-{n:03d}.aac", ".aac") if self.store else (
                self.tmp / f"sound-{n:03d}.aac")
            self.encoded[n] = (path, blocks)

    def _mix(self, n: int) -> list[str] | None:
        """Mix (and measure) chunk n, unless it is kept with the gain the video had."""
        self._read()
        if not self._changed(n):
            return None
        if n not in self.measured:
            kept = self._lookup_blocks(self._derived(self.mix_keys[n], "mix"))
            if kept is not None and self.level is not None:
                self.measured[n] = kept  # the gain will be tried first: no need to mix for it yet
                return None
        self.pending = ("mix", n)
        return fix_binary(audio.mix_command(self.chunks[n], self.music, self.total, self.wavs[n]))

    def _changed(self, n: int) -> bool:
        """With the video's former gain, whether chunk n must be made (it is not kept with it)."""
        return self.level is None or not self._kept_encode(n, self.level)

    def _encode(self, n: int) -> list[str] | None:
        self._read()
        if self.gain is None or n in self.encoded or self._kept_encode(n, self.gain):
            return None
        self.pending = ("encode", n)
        return fix_binary(audio.encode_command(self._source(n), *self.gain, self.tmp / f"sound-{n:03d}.aac"))

    def _try_former_gain(self) -> None:
        """The chunks not kept are encoded next with the gain the video had, if it had one."""
        self._read()
        if self.level is not None and self.gain is None:
            self.gain = self.level

    def _check_former_gain(self) -> None:
        """Whether the whole, with those chunks, still lands on the target; if not, start again."""
        self._read()
        if self.level is None or self.gain != self.level:
            return
        result = audio.combined([self.encoded[n][1] for n in range(len(self.chunks))])
        if audio.close_enough(result) and result.true_peak <= audio.TARGET_TRUE_PEAK + 0.5:
            return
        self.gain = None  # the edit moved the loudness too far: find the gain again
        self.encoded.clear()
        self.level = None

    def _measure_missing(self, n: int) -> list[str] | None:
        self._read()
        if self.gain is not None or n in self.measured:
            return None
        kept = self._lookup_blocks(self._derived(self.mix_keys[n], "mix"))
        if kept is not None:
            self.measured[n] = kept
            return None
        self.pending = ("mix", n)
        return fix_binary(audio.mix_command(self.chunks[n], self.music, self.total, self.wavs[n]))

    def _next_trial(self) -> None:
        self._read()
        if self.gain is not None:
            return
        if self.search.measured is None:
            self.search.observe(audio.combined([self.measured[n] for n in range(len(self.chunks))]))
        elif self.trials:
            self.search.observe(audio.combined([self.trials[n] for n in range(len(self.chunks))]))
        self.trials = {}
        gain = self.search.next_trial() if len(self.search.trials) < 2 else None
        self.trying = None if gain is None else round(gain, 2)
        if self.trying is None:
            final_gain, ceiling = self.search.final()
            self.gain = (round(final_gain, 2), round(ceiling, 2))

    def _trial(self, n: int) -> list[str] | None:
        self._read()
        if self.trying is None:
            return None
        kept = self._lookup_blocks(self._derived(self.mix_keys[n], "trial", self.trying))
        if kept is not None:
            self.trials[n] = kept
            return None
        self.pending = ("trial", n)
        return fix_binary(audio.trial_command(self._source(n), self.trying))

    def _join(self) -> None:
        """The chunks' own AAC frames, one after the other, as one ADTS stream."""
        self._read()
        with open(self.out, "wb") as joined:
            for n, chunk in enumerate(self.chunks):
                frames = adts_frames(self.encoded[n][0].read_bytes())
                joined.write(b"".join(frames[chunk.kept_frames(len(frames), self.total)]))
        if self.store is not None and self.gain != self.level:
            path = self.tmp / "level.loud"
            path.write_text(json.dumps({"gain": self.gain[0], "ceiling": self.gain[1]}), encoding="utf-8")
            self.store.store(self.LEVEL_KEY, path, ".loud")

    def _steps(self) -> list[Callable[[], list[str] | None]]:
        count = range(len(self.chunks))
        steps: list[Callable[[], list[str] | None]] = [
            *(lambda n=n: self._mix(n) for n in count),
            self._try_former_gain, *(lambda n=n: self._encode(n) for n in count), self._check_former_gain,
            *(lambda n=n: self._measure_missing(n) for n in count)]
        for _ in range(2):  # one or two trials
            steps += [self._next_trial, *(lambda n=n: self._trial(n) for n in count)]
        steps += [self._next_trial, *(lambda n=n: self._encode(n) for n in count), self._join]
        return steps


def adts_frames(data: bytes) -> list[bytes]:
    """An ADTS stream cut into its frames (each header gives its frame's length)."""
    frames, at = [], 0
    while at + 7 <= len(data):
        if data[at] != 0xFF or data[at + 1] & 0xF0 != 0xF0:
            raise RenderError("A kept piece of the soundtrack is damaged; render again.")
        length = ((data[at + 3] & 0x03) << 11) | (data[at + 4] << 3) | (data[at + 5] >> 5)
        if length < 7:
            raise RenderError("A kept piece of the soundtrack is damaged; render again.")
        frames.append(data[at:at + length])
        at += length
    return frames
