"""Voice quality and speed: every installed voice speaks the same six sentences.

    DJANGO_DEBUG=1 .venv/bin/python bench/voice_bench.py            # every voice, then the 60 s script
    DJANGO_DEBUG=1 .venv/bin/python bench/voice_bench.py --no-script

Per voice (Piper's bundled en_US-joe-medium, espeak-ng's en-US, and every Piper voice in VOICES_DIR),
each in its own process: the model's load time, the real-time factor of synthesis (seconds of work
per second of audio, after loading), the process's peak memory (ru_maxrss, with Django loaded), and
the word error rate of pocketsphinx's US English recognizer on the audio against the text with
numbers spelled as they are spoken. A lower WER means a listener (and a recognizer) understands more.

The script run narrates a ten-sentence script of about a minute the way the narrate job does: the
model loaded once, scenes spread over VOICE_PARALLEL_SCENES threads, word times included. It prints
wall and CPU seconds: on a shared machine the wall time says little, CPU seconds over the cores used
is what an idle machine would take.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "faceless_site.settings")

SENTENCES = [
    "In 1969, Neil Armstrong stepped onto the Moon while 600 million people watched.",
    "Marie Curie won two Nobel prizes, one in physics and one in chemistry.",
    "Why does the Eiffel Tower grow about 15 centimetres taller every summer?",
    "The Great Wall of China is not one wall but many, built over 2,000 years.",
    "Ada Lovelace wrote the first computer program for Charles Babbage's engine.",
    "By 1885, Karl Benz had built a car with three wheels and a top speed of 16 kilometres an hour.",
]

SCRIPT = [
    "The first lighthouse at Alexandria stood for nearly sixteen centuries, guiding ships home at night.",
    "Its keepers burned wood and later oil at the top of a tower taller than any building of its time.",
    "Travellers wrote about it for a thousand years, and its name became the word for lighthouse in many "
    "languages.",
    "In 1303 an earthquake damaged it badly, and by 1480 its stones were used to build a fortress.",
    "Divers found blocks of it in the harbour in 1994, lying where they had fallen.",
    "Why did it last so long? Because it was built of granite and limestone, and because people kept "
    "repairing it.",
    "Today, lighthouses are run by machines, but the idea has not changed since the days of Alexandria.",
    "A light on a high place tells a sailor where the land is, and where the danger lies.",
    "Some of the old keepers kept diaries, and a few of them can still be read in museums today.",
    "So next time you see a lighthouse, remember the tower that started it all, more than two thousand "
    "years ago.",
]


def _setup():
    import django

    django.setup()


def make_voice(engine: str, name: str):
    if engine == "piper":
        from videos.voice.piper import PiperVoice

        return PiperVoice(voice=name)
    from videos.voice.espeak import EspeakVoice

    return EspeakVoice(voice=name, language="en")


def word_error_rate(reference: list[str], heard: list[str]) -> tuple[int, int]:
    """(edits, reference length): substitutions, insertions and deletions of words."""
    previous = list(range(len(heard) + 1))
    for i, ref_word in enumerate(reference, 1):
        current = [i]
        for j, heard_word in enumerate(heard, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ref_word != heard_word)))
        previous = current
    return previous[-1], len(reference)


def recognise(wav: Path) -> list[str]:
    import numpy as np
    from pocketsphinx import Decoder

    from videos.voice.align import ALIGN_RATE, read_mono, resample

    samples, rate = read_mono(wav)
    audio = np.clip(resample(samples, rate, ALIGN_RATE), -32768, 32767).astype(np.int16).tobytes()
    decoder = Decoder(loglevel="FATAL", samprate=ALIGN_RATE)
    decoder.start_utt()
    decoder.process_raw(audio, full_utt=True)
    decoder.end_utt()
    hypothesis = decoder.hyp()
    return [w.split("(")[0] for w in (hypothesis.hypstr.split() if hypothesis else [])]


def one_voice(engine: str, name: str) -> dict:
    """Runs in a child process, so its peak memory is this voice's alone."""
    _setup()
    from videos.voice.spoken import spoken_text

    voice = make_voice(engine, name)
    folder = Path(tempfile.mkdtemp(prefix="voice-bench-"))
    started = time.perf_counter()
    voice.synthesize("Ready.", folder / "warm.wav")  # loads the model; not counted in the real-time factor
    load_seconds = time.perf_counter() - started
    work = audio = 0.0
    edits = words = 0
    for number, sentence in enumerate(SENTENCES):
        started = time.perf_counter()
        narration = voice.synthesize(sentence, folder / f"{number}.wav")
        work += time.perf_counter() - started
        audio += narration.duration
        heard = recognise(narration.path)
        e, n = word_error_rate(spoken_text(sentence), heard)
        edits, words = edits + e, words + n
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"voice": f"{engine}:{name}", "load_s": load_seconds, "rtf": work / audio, "audio_s": audio,
            "peak_mb": peak_mb, "wer": edits / words, "engine": narration.engine}


def script_run() -> dict:
    _setup()
    from django.conf import settings

    from videos.voice.piper import BUNDLED_VOICE, PiperVoice

    folder = Path(tempfile.mkdtemp(prefix="voice-script-"))
    voice = PiperVoice(voice=BUNDLED_VOICE)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu_before = usage.ru_utime + usage.ru_stime
    started = time.perf_counter()
    with ThreadPoolExecutor(max(1, settings.VOICE_PARALLEL_SCENES)) as pool:
        narrations = list(pool.map(lambda item: voice.synthesize(item[1], folder / f"scene-{item[0]}.wav"),
                                   enumerate(SCRIPT)))
    wall = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"audio_s": sum(n.duration for n in narrations), "wall_s": wall, "scenes": len(narrations),
            "cpu_s": usage.ru_utime + usage.ru_stime - cpu_before,
            "parallel": settings.VOICE_PARALLEL_SCENES, "threads": settings.VOICE_THREADS_PER_SCENE,
            "words_timed": sum(len(n.words) for n in narrations)}


def _child(*args: str) -> dict:
    result = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-script", action="store_true", help="skip the 60-second script run")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        result = script_run() if args.child[0] == "script" else one_voice(args.child[0], args.child[1])
        print(json.dumps(result))
        return
    _setup()
    from videos.voice.piper import BUNDLED_VOICE, voice_files

    voices = [("piper", BUNDLED_VOICE), ("espeak", "gmw/en-US")]
    voices += [("piper", v.id) for v in voice_files().values() if not v.bundled]
    print(f"cores: {os.cpu_count()}, load average at start: {os.getloadavg()[0]:.1f}")
    print(f"{'voice':34} {'load s':>7} {'RTF':>6} {'peak MB':>8} {'WER':>6}")
    for engine, name in voices:
        row = _child(engine, name)
        print(f"{row['voice']:34} {row['load_s']:7.2f} {row['rtf']:6.3f} {row['peak_mb']:8.0f} {row['wer']:6.2f}")
    if not args.no_script:
        row = _child("script")
        print(f"\n60 s script, Piper {BUNDLED_VOICE}: {row['scenes']} scenes, {row['audio_s']:.1f} s of narration "
              f"in {row['wall_s']:.1f} s wall, {row['cpu_s']:.1f} CPU s (model load included; {row['parallel']} "
              f"scenes at a time x {row['threads']} thread), {row['words_timed']} words timed")
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
