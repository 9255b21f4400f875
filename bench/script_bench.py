"""The offline writer on varied texts, read as an editor would read its scripts.

    DJANGO_DEBUG=1 .venv/bin/python bench/script_bench.py              # every text in bench/texts/
    DJANGO_DEBUG=1 .venv/bin/python bench/script_bench.py --seconds 45 # a shorter target
    DJANGO_DEBUG=1 .venv/bin/python bench/script_bench.py --scenes     # and print each scene

For each text it prints the title, the scene count, the estimated narration seconds against the
channel's target, the share of the source's sentences kept, the sentences cut mid-way (a scene
sentence that is not a whole sentence of the source; must be 0), whether the script ends on a
question or teaser, the tags and the footage queries. Then the language detector's build time.
"""

from __future__ import annotations

import argparse
import os
import sys
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

TEXTS = BASE / "bench" / "texts"
# The channel each text is written for: its language and niche.
CHANNELS = {"ja": ("ja", "科学"), "de": ("de", "Geschichte")}


def measure(path: Path, seconds: int, wpm: int, show_scenes: bool) -> None:
    source = path.read_text(encoding="utf-8")
    prefix = path.stem.split("_", 1)[0]
    language, niche = CHANNELS.get(prefix, ("en", path.stem.split("_", 1)[0]))
    brief = WritingBrief(topic="", source_text=source, niche=niche, audience="", tone="", language=language,
                         target_seconds=seconds, words_per_minute=wpm)
    started = time.monotonic()
    draft = OfflineWriter().write(brief)
    took = time.monotonic() - started
    source_sentences = [s.text for s in _parse(source, draft.language).sentences]
    kept = [s for scene in draft.scenes for s in textkit.split_sentences(scene.narration, draft.language)]
    cut = [s for s in kept if s not in source_sentences]
    estimate = estimated_seconds(draft.word_count, wpm)
    last = kept[-1] if kept else ""
    print(f"== {path.name} ({draft.language}, {len(source_sentences)} sentences, "
          f"{textkit.count_words(source, draft.language):.0f} words)")
    print(f"   title:    {draft.title!r} ({len(draft.title)} chars)")
    print(f"   scenes:   {len(draft.scenes)}; about {estimate:.0f} s against a target of {seconds} s")
    print(f"   kept:     {len(kept)}/{len(source_sentences)} sentences ({len(kept) / len(source_sentences):.0%}); "
          f"cut mid-way: {len(cut)}; ends on a teaser: {'yes' if TEASER.search(last) else 'no'}")
    print(f"   hook:     {draft.hook[:110]}")
    print(f"   tags:     {', '.join(draft.tags)}")
    print(f"   footage:  {' | '.join(scene.visual_query for scene in draft.scenes)}")
    print(f"   written in {took:.2f} s")
    for sentence in cut:
        print(f"   CUT: {sentence}")
    if show_scenes:
        for number, scene in enumerate(draft.scenes, 1):
            print(f"     {number:2}. [{scene.visual_query}] {scene.narration}")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--wpm", type=int, default=150)
    parser.add_argument("--scenes", action="store_true")
    parser.add_argument("names", nargs="*", help="text files under bench/texts/ (default: all)")
    args = parser.parse_args()
    started = time.monotonic()
    textkit.detect_language("The language detector is built once per process; this builds it.", "en")
    textkit.language_scores("x" * 130)
    print(f"language detector: built in {textkit.DETECTOR_BUILD_SECONDS[0]:.2f} s "
          f"({len(textkit.DETECTABLE)} languages, low-accuracy mode); first use {time.monotonic() - started:.2f} s\n")
    paths = [TEXTS / name for name in args.names] if args.names else sorted(TEXTS.glob("*.md"))
    for path in paths:
        measure(path, args.seconds, args.wpm, args.scenes)


if __name__ == "__main__":
    main()
