"""One espeak-ng synthesis in a fresh process: `python espeak_child.py` reads {"text", "voices",
"rate"} as JSON on stdin and writes one JSON line (the word events, or an error) followed by the
audio as 16-bit mono PCM at espeak-ng's rate.

libespeak-ng keeps synthesis state in its process from one call to the next, and nothing in its API
resets it (espeak_Cancel does not; espeak_Terminate followed by espeak_Initialize hangs in 1.51):
the same text came out up to 52 ms longer after some texts than after others, and a few samples
different on every repeat. A process that has said nothing before says a text the same way every
time, so every synthesis gets one. This file imports nothing from the project (it runs with -I).
"""

from __future__ import annotations

import ctypes
import json
import sys


def main() -> int:
    request = json.loads(sys.stdin.buffer.read())
    out = sys.stdout.buffer
    try:
        from pyttsx3.drivers import _espeak as espeak
    except (ImportError, OSError, RuntimeError) as exc:
        out.write(json.dumps({"error": "unavailable", "detail": str(exc)[:300]}).encode() + b"\n")
        return 0
    rate = espeak.Initialize(espeak.AUDIO_OUTPUT_SYNCHRONOUS, 500, None, 0)
    if rate != request["sample_rate"]:
        out.write(json.dumps({"error": "rate", "detail": str(rate)}).encode() + b"\n")
        return 0
    audio: list[bytes] = []
    events: list[tuple[int, float]] = []

    def callback(samples, count, event_list):
        index = 0
        while event_list[index].type != espeak.EVENT_LIST_TERMINATED:
            event = event_list[index]
            if event.type == espeak.EVENT_WORD:
                events.append((event.text_position - 1, event.audio_position / 1000.0))
            index += 1
        if count > 0:
            audio.append(ctypes.string_at(samples, count * 2))
        return 0

    espeak.SetSynthCallback(callback)
    if not any(espeak.SetVoiceByName(name.encode()) == espeak.EE_OK for name in request["voices"]):
        out.write(json.dumps({"error": "voice"}).encode() + b"\n")
        return 0
    espeak.SetParameter(espeak.RATE, int(request["rate"]), 0)
    status = espeak.Synth(request["text"].encode("utf-8"), flags=espeak.CHARS_UTF8)
    espeak.Synchronize()
    ok = status == espeak.EE_OK
    out.write(json.dumps({"events": events} if ok else {"error": "synth", "detail": str(status)}).encode() + b"\n")
    if ok:
        out.write(b"".join(audio))
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
