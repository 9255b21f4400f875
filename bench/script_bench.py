"""The offline writer on varied texts, read as an editor would read its scripts.

    DJANGO_DEBUG=1 .venv/bin/python bench/script_bench.py              # every text in bench/texts/
    DJANGO_DEBUG=1 .venv/bin/python bench/script_bench.py --seconds 45 # a shorter target
    DJANGO_DEBUG=1 .venv/bin/python bench/script_bench.py --scenes     # and print each scene
    DJANGO_DEBUG=1 .venv/bin/python bench/script_bench.py --narrate    # and narrate each script

For each text it prints the title, the scene count, the estimated narration seconds against the
channel's target, the share of the source's sentences kept, the sentences cut mid-way (a scene
sentence that is not a whole sentence of the source; must be 0), the kept sentences whose
antecedent was dropped ("These two facts..." without the facts; must be 0), whether the sentence
the text turns on (marked by hand below, as an editor reads the text) is kept, whether it ends on a
question or teaser, the tags and the footage queries. Then a table of all texts.

`--narrate` narrates every scene with the voice this machine has for the language, the way the
pipeline does (one synthesis per scene): Piper's bundled en_US-joe-medium (and espeak-ng as a
second English voice), espeak-ng for French, Spanish and German. No voice here speaks Japanese
(espeak-ng reads kanji as "Chinese letter"), so Japanese is timed at the Kokoro voice's measured
5.74 characters a second (183 characters in 31.9 s, integrations.md §17): a rate, not a narration.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "faceless_site.settings")

import django  # noqa: E402

django.setup()

from videos.llm import text as textkit  # noqa: E402
from videos.llm.base import WritingBrief, estimated_seconds  # noqa: E402
from videos.llm.offline import TEASER, OfflineWriter, _parse  # noqa: E402
from videos.llm.references import antecedents  # noqa: E402

TEXTS = BASE / "bench" / "texts"
# The channel each text is written for: its language and niche.
CHANNELS = {"ja": ("ja", "科学"), "de": ("de", "Geschichte"), "fr": ("fr", "histoire"), "es": ("es", "ciencia")}
# What each text turns on, as an editor reads it: the event of a story, the example an explainer is
# remembered by ("" where the text has no single one). A script that drops it has lost the point.
MUST = {
    "story_ashford_dam.md": "the dam gave way",
    "story_lighthouse_keeper.md": "held the beam steady on the reef",
    "fr_story_pont.md": "la troisième arche s'effondra",
    "de_story_lawine.md": "löste sich oberhalb der Hütte eine Lawine",
    "ja_story_inamura.md": "巨大な津波が村を襲い",
    "history_printing_press.md": "began printing with movable metal type",
    "science_sky_colours.md": "Krakatoa",
    "es_science_rayos.md": "la electricidad se abre paso de golpe",
    "fr_science_sel.md": "La mer Morte",
    "ja_science_tides.md": "ファンディ湾",
    # Written after the writer was tuned on the texts above, as unseen texts:
    "story_carrow_mine.md": "an explosion tore through the tunnels",
    "es_story_incendio.md": "las llamas cruzaron la sierra",
    "fr_science_volcans.md": "Saint Helens",
    "ja_science_kaminari.md": "約三万度",
}
KOKORO_CHARACTERS_PER_SECOND = 183 / 31.9


def _voices(language: str, wpm: int) -> list[tuple[str, object]]:
    from videos.voice.espeak import EspeakVoice
    from videos.voice.piper import PiperVoice

    if language == "en":
        return [("piper joe", PiperVoice(rate=wpm)), ("espeak-ng", EspeakVoice(language="en", rate=wpm))]
    if language in ("fr", "es", "de"):
        return [("espeak-ng", EspeakVoice(language=language, rate=wpm))]
    return []


def narrated(draft, wpm: int, folder: Path) -> list[tuple[str, float]]:
    """(voice, seconds) of the whole script, narrated scene by scene as the pipeline does."""
    if draft.language == "ja":
        characters = sum(len(scene.narration) for scene in draft.scenes)
        return [("Kokoro rate", characters / KOKORO_CHARACTERS_PER_SECOND)]
    found = []
    for name, voice in _voices(draft.language, wpm):
        total = sum(voice.synthesize(scene.narration, folder / f"{number}.wav").duration
                    for number, scene in enumerate(draft.scenes))
        found.append((name, total))
    return found


def measure(path: Path, seconds: int, wpm: int, show_scenes: bool, narrate: bool, folder: Path) -> dict:
    source = path.read_text(encoding="utf-8")
    prefix = path.stem.split("_", 1)[0]
    language, niche = CHANNELS.get(prefix, ("en", path.stem.split("_", 1)[0]))
    brief = WritingBrief(topic="", source_text=source, niche=niche, audience="", tone="", language=language,
                         target_seconds=seconds, words_per_minute=wpm)
    started = time.monotonic()
    draft = OfflineWriter().write(brief)
    took = time.monotonic() - started
    sentences = list(_parse(source, draft.language).sentences)
    source_sentences = [s.text for s in sentences]
    kept = [s for scene in draft.scenes for s in textkit.split_sentences(scene.narration, draft.language)]
    cut = [s for s in kept if s not in source_sentences]
    positions = {source_sentences.index(s) for s in kept if s in source_sentences}
    needs = antecedents(sentences, draft.language)
    dangling = [source_sentences[p] for p in sorted(positions) if not needs[p] <= positions]
    must = MUST.get(path.name, "")
    narration = " ".join(scene.narration for scene in draft.scenes)
    estimate = estimated_seconds(draft.word_count, wpm)
    last = kept[-1] if kept else ""
    print(f"== {path.name} ({draft.language}, {len(source_sentences)} sentences, "
          f"{textkit.count_words(source, draft.language):.0f} words)")
    print(f"   title:    {draft.title!r} ({len(draft.title)} chars)")
    print(f"   scenes:   {len(draft.scenes)}; about {estimate:.0f} s against a target of {seconds} s")
    print(f"   kept:     {len(kept)}/{len(source_sentences)} sentences ({len(kept) / len(source_sentences):.0%}); "
          f"cut mid-way: {len(cut)}; antecedent dropped: {len(dangling)}; "
          f"ends on a teaser: {'yes' if TEASER.search(last) else 'no'}")
    if must:
        print(f"   turns on: {must!r} {'kept' if must in narration else 'DROPPED'}")
    print(f"   hook:     {draft.hook[:110]}")
    print(f"   tags:     {', '.join(draft.tags)}")
    print(f"   footage:  {' | '.join(scene.visual_query for scene in draft.scenes)}")
    print(f"   written in {took:.2f} s")
    for sentence in cut:
        print(f"   CUT: {sentence}")
    for sentence in dangling:
        print(f"   DANGLING: {sentence}")
    voices = narrated(draft, wpm, folder) if narrate else []
    for name, spoken in voices:
        print(f"   narrated: {spoken:.1f} s by {name}; estimate {estimate:.1f} s ({(estimate - spoken) / spoken:+.0%})")
    if show_scenes:
        for number, scene in enumerate(draft.scenes, 1):
            print(f"     {number:2}. [{scene.visual_query}] {scene.narration}")
    print()
    return {"name": path.stem, "language": draft.language, "title": draft.title,
            "kept": f"{len(kept)}/{len(source_sentences)} ({len(kept) / len(source_sentences):.0%})",
            "dangling": len(dangling), "cut": len(cut), "must": ("yes" if must in narration else "NO") if must else "-",
            "estimate": estimate, "voices": voices}


def table(rows: list[dict]) -> None:
    print("| text | lang | title | kept | antecedent dropped | turns on kept | estimate | narrated (error) |")
    print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        spoken = "; ".join(f"{seconds:.1f} s {name} ({(row['estimate'] - seconds) / seconds:+.0%})"
                           for name, seconds in row["voices"]) or "-"
        print(f"| {row['name']} | {row['language']} | {row['title']} | {row['kept']} | {row['dangling']} | "
              f"{row['must']} | {row['estimate']:.1f} s | {spoken} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--wpm", type=int, default=150)
    parser.add_argument("--scenes", action="store_true")
    parser.add_argument("--narrate", action="store_true", help="narrate each script with the voices here")
    parser.add_argument("names", nargs="*", help="text files under bench/texts/ (default: all)")
    args = parser.parse_args()
    started = time.monotonic()
    textkit.detect_language("The language detector is built once per process; this builds it.", "en")
    textkit.language_scores("x" * 130)
    print(f"language detector: built in {textkit.DETECTOR_BUILD_SECONDS[0]:.2f} s "
          f"({len(textkit.DETECTABLE)} languages, low-accuracy mode); first use {time.monotonic() - started:.2f} s\n")
    paths = [TEXTS / name for name in args.names] if args.names else sorted(TEXTS.glob("*.md"))
    with tempfile.TemporaryDirectory(prefix="script-bench-") as folder:
        rows = [measure(path, args.seconds, args.wpm, args.scenes, args.narrate, Path(folder)) for path in paths]
    table(rows)


if __name__ == "__main__":
    main()
