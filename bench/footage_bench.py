"""Footage that shows what the line says: the relevance verdict on a labelled set, and "Find footage"
on the offline writer's scripts against a loose stock server full of look-alikes.

    .venv/bin/python bench/footage_bench.py               # both parts
    .venv/bin/python bench/footage_bench.py --pairs       # the labelled set only (no database)
    .venv/bin/python bench/footage_bench.py --calibrate   # search the thresholds (two-fold, held-out figures)

Labelled set (tests/data/footage_pairs.jsonl: lines in English, French, Spanish and German with
ambiguous words, each with candidates marked fitting or not): every scene's pool is its candidates
plus popular generic clips, as a real search returns them. It prints the verdict's precision and
recall over the pairs, then per scene: the pick fits, is wrong, or the scene is left empty; and the
worst case, the same scene when the server returns only look-alikes and generic clips.

Videos: the offline writer writes each text of bench/texts/ (the English ones; the others need
their own language's catalogue) and bench/footage_texts/; "Find footage" runs with the real code
against a fake Pexels on 127.0.0.1 that answers loosely, as the real ones do: every item sharing a
word with the query (in any of its languages), after five popular generic clips that come back for
every search, from bench/footage_catalogue.jsonl (each item tagged with the text it belongs to, or
"lookalike"/"generic", and the things it depicts). A pick fits when it belongs to the text and
depicts something the scene's line names; "on subject" when it belongs to the text only; wrong
otherwise. CPU is the process time spent scoring (embedding included), per 60 s of narration; the
model's load is printed apart.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import secrets
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
PAIRS = BASE / "tests" / "data" / "footage_pairs.jsonl"
CATALOGUE = BASE / "bench" / "footage_catalogue.jsonl"
TEXTS = {  # file -> (language, catalogue topic)
    BASE / "bench" / "texts" / "history_printing_press.md": ("en", "printing"),
    BASE / "bench" / "texts" / "science_tides.md": ("en", "tides"),
    BASE / "bench" / "texts" / "list_deep_sea_animals.md": ("en", "deepsea"),
    BASE / "bench" / "texts" / "news_city_bikes.md": ("en", "bikes"),
    BASE / "bench" / "texts" / "story_lighthouse_keeper.md": ("en", "lighthouse"),
    BASE / "bench" / "footage_texts" / "fr_ponts.md": ("fr", "ponts"),
    BASE / "bench" / "footage_texts" / "es_volcanes.md": ("es", "volcanes"),
}
VERBOSE = "--verbose" in sys.argv
GENERIC = ["busy city street with traffic at rush hour", "abstract particles background, glowing dots",
           "woman working on a laptop in a cafe", "aerial view of a green forest",
           "happy people walking in a shopping mall"]


# --- The labelled set ---------------------------------------------------------------------------

def load_pairs() -> list[dict]:
    return [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line.strip()]


def _pool(texts: list[str]):
    from assets.sources.base import Candidate

    return [Candidate("bench", str(n), "image", 1920, 1080, description=t) for n, t in enumerate(texts)]


def judge_scene(row: dict, texts: list[str]):
    from assets.relevance import SceneContext
    from assets.scoring import score_pool

    scene = SceneContext(line=row["line"], brief=row["brief"], subject=row["subject"], query=row["brief"])
    fits, _ = score_pool(_pool(texts), scene=scene, frame=(1920, 1080), scene_seconds=6)
    return fits


def pick(fits) -> int | None:
    fitting = [(f.relevance, n) for n, f in enumerate(fits) if f.fits]
    return max(fitting)[1] if fitting else None


def evaluate_pairs(rows: list[dict], *, show: bool = True) -> dict:
    tally: Counter = Counter()
    per_language: dict[str, Counter] = {}
    for row in rows:
        labelled = [c["text"] for c in row["candidates"]]
        fits = judge_scene(row, labelled + GENERIC)
        lang = per_language.setdefault(row["lang"], Counter())
        for candidate, fit in zip(row["candidates"], fits, strict=False):
            key = ("tp" if candidate["fits"] else "fp") if fit.fits else ("fn" if candidate["fits"] else "tn")
            tally[key] += 1
            lang[key] += 1
        tally["generic_accepted"] += sum(f.fits for f in fits[len(labelled):])
        chosen = pick(fits)
        outcome = "empty" if chosen is None else "wrong" if chosen >= len(labelled) or \
            not row["candidates"][chosen]["fits"] else "fits"
        tally[f"scene_{outcome}"] += 1
        lang[f"scene_{outcome}"] += 1
        negatives = [c["text"] for c in row["candidates"] if not c["fits"]]
        worst = pick(judge_scene(row, negatives + GENERIC))
        tally["lookalike_only_" + ("empty" if worst is None else "wrong")] += 1
        if show and (outcome == "wrong" or worst is not None):
            print(f"   wrong pick: {row['line'][:60]!r}")
    if show:
        _print_tally(tally, per_language, len(rows))
    return tally


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "n/a"


def _print_tally(tally: Counter, per_language: dict[str, Counter], scenes: int) -> None:
    pairs = tally["tp"] + tally["fp"] + tally["fn"] + tally["tn"]
    print(f"Labelled set: {scenes} scenes, {pairs} line-candidate pairs ({PAIRS.relative_to(BASE)})")
    print(f"   verdict: precision {_ratio(tally['tp'], tally['tp'] + tally['fp'])}, recall "
          f"{_ratio(tally['tp'], tally['tp'] + tally['fn'])} (tp {tally['tp']}, fp {tally['fp']}, fn {tally['fn']}, "
          f"tn {tally['tn']}); generic clips accepted: {tally['generic_accepted']}")
    print(f"   scenes: pick fits {tally['scene_fits']}/{scenes} ({tally['scene_fits'] / scenes:.0%}), wrong "
          f"{tally['scene_wrong']}, empty {tally['scene_empty']}")
    print(f"   only look-alikes and generic clips offered: wrong {tally['lookalike_only_wrong']}/{scenes}, "
          f"empty {tally['lookalike_only_empty']}")
    for code, lang in sorted(per_language.items()):
        n = lang["scene_fits"] + lang["scene_wrong"] + lang["scene_empty"]
        print(f"   {code}: precision {_ratio(lang['tp'], lang['tp'] + lang['fp'])}, recall "
              f"{_ratio(lang['tp'], lang['tp'] + lang['fn'])}, scenes fitting {lang['scene_fits']}/{n}, wrong "
              f"{lang['scene_wrong']}")


def calibrate(rows: list[dict]) -> None:
    """Grid search of the verdict's thresholds: the most fitting scenes with no wrong pick (in both
    the normal and the look-alike-only case), on each half, judged on the other."""
    from assets import relevance

    grid = list(itertools.product((0.03, 0.035, 0.04, 0.045, 0.05, 0.06), (0.01, 0.015, 0.02, 0.025, 0.03),
                                  (0.0, 0.01, 0.02, 0.03), (0.04, 0.05, 0.06)))
    folds = [rows[0::2], rows[1::2]]

    def run(subset, values) -> tuple[int, int]:
        relevance.ACCEPT, relevance.FLOOR, relevance.COVER_FLOOR, relevance.SUPPORT_MARGIN = values
        tally = evaluate_pairs(subset, show=False)
        return tally["scene_wrong"] + tally["lookalike_only_wrong"], tally["scene_fits"]

    for n, (train, test) in enumerate((folds, folds[::-1])):
        best = min(grid, key=lambda values: (lambda wrong, fits: (wrong, -fits))(*run(train, values)))
        wrong, fits = run(test, best)
        print(f"fold {n + 1}: best on {len(train)} scenes: ACCEPT, FLOOR, COVER_FLOOR, MARGIN = {best}; "
              f"held out ({len(test)} scenes): fitting {fits}, wrong {wrong}")
    best = min(grid, key=lambda values: (lambda wrong, fits: (wrong, -fits))(*run(rows, values)))
    print(f"all {len(rows)} scenes: {best} -> wrong {run(rows, best)[0]}, fitting {run(rows, best)[1]}")


# --- Videos against a loose server ------------------------------------------------------------

def _django() -> tempfile.TemporaryDirectory:
    workdir = tempfile.TemporaryDirectory(prefix="footage-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "faceless_site.settings")
    os.environ.setdefault("FACELESS_DOTENV", "0")
    os.environ["DJANGO_DEBUG"] = "1"
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(48))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir.name}/bench.sqlite3"
    os.environ["MEDIA_ROOT"] = f"{workdir.name}/media"
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    return workdir


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[^\W\d_]+", text.lower()) if len(w) > 2}


def run_videos() -> None:
    workdir = _django()
    from django.conf import settings

    from assets import relevance
    from assets.services import footage_match
    from tests.factories import make_channel, make_video
    from tests.fakes.server import FakeServer
    from tests.fakes.stock_servers import PexelsHandler, StockItem
    from videos.services.writing import script_write

    catalogue = [json.loads(line) for line in CATALOGUE.read_text(encoding="utf-8").splitlines() if line.strip()]
    # Each its own colour: the same file under two ids would count as reuse.
    items = [StockItem(1000 + n, "image", 1920, 1080, words=entry["text"], color=f"#{(n * 2654435761) % 0xFFFFFF:06x}")
             for n, entry in enumerate(catalogue)]

    class LoosePexels(PexelsHandler):
        LIMIT = 100_000

        def route(self, recorded):
            self.query_words = _stems(" ".join(recorded.query.get("query", [""])))
            return super().route(recorded)

        def items(self, kind: str):
            if kind != "image":
                return []
            popular = [i for i, e in zip(items, catalogue, strict=True) if e["keys"] == ["*"]]
            loose = [i for i, e in zip(items, catalogue, strict=True)
                     if e["keys"] != ["*"] and self.query_words & (_stems(" ".join(e["keys"])) | _stems(e["text"]))]
            return (popular + loose)[:15]

    totals: Counter = Counter()
    cpu_per_minute = []
    with FakeServer(LoosePexels) as pexels:
        pexels.state.data.update(key="bench-key", items=items)
        settings.PEXELS_BASE_URL, settings.PEXELS_API_KEY = pexels.url, "bench-key"
        settings.FOOTAGE_MAX_WAIT_SECONDS = 0
        relevance.model()
        print(f"Model load: {relevance.USAGE['load_seconds']:.2f} s CPU (once per process)")
        for path, (language, topic) in TEXTS.items():
            channel = make_channel(footage_sources=["pexels"], language=language, niche=topic,
                                   aspect_ratio="16:9")
            video = make_video(channel=channel, topic="", source_text=path.read_text(encoding="utf-8"))
            script = script_write(video=video)
            before = relevance.USAGE["score_seconds"]
            scenes = footage_match(video=video)
            cpu = relevance.USAGE["score_seconds"] - before
            seconds = sum(max(2.0, len(s.narration.split()) / 2.5) for s in scenes)
            cpu_per_minute.append(cpu * 60 / seconds)
            counts, used = Counter(), Counter()
            print(f"== {path.name} ({language}): {len(scenes)} scenes, {script.title!r}")
            for scene in scenes:
                scene.refresh_from_db()
                outcome, shown = "empty", ""
                if scene.asset_id:
                    entry = catalogue[int(scene.asset.provider_id) - 1000]
                    used[scene.asset.provider_id] += 1
                    shown = entry["text"]
                    on_subject = entry["topic"] == topic
                    depicts = {w[:5] for w in entry["depicts"]} & _stems(scene.narration)
                    outcome = "fits" if on_subject and depicts else "on subject" if on_subject else "WRONG"
                counts[outcome] += 1
                print(f"   {outcome:10} {scene.narration[:58]!r:62} -> {shown[:50] or scene.footage_reason[:90]}")
                if VERBOSE and outcome in ("empty", "WRONG"):
                    print(f"      queries {scene.footage_queries}, brief {scene.visual_brief!r}")
                    for c in scene.footage_candidates[:4]:
                        print(f"      {c['score']:.3f} {c['fits']!s:5} {c['description'][:50]!r}: {c['verdict']}")
            counts["twice"] = sum(n - 1 for n in used.values() if n > 1)
            print(f"   fits {counts['fits']}, on subject {counts['on subject']}, wrong {counts['WRONG']}, "
                  f"empty {counts['empty']}, shown twice {counts['twice']}; scoring CPU {cpu:.2f} s for "
                  f"~{seconds:.0f} s of narration ({cpu * 60 / seconds:.2f} s per 60 s)")
            totals.update(counts)
            totals["scenes"] += len(scenes)
    n = totals["scenes"]
    print(f"ALL: {n} scenes: fitting {totals['fits']} ({totals['fits'] / n:.0%}), on subject "
          f"{totals['on subject']} ({(totals['fits'] + totals['on subject']) / n:.0%} with them), wrong "
          f"{totals['WRONG']}, empty {totals['empty']}, shown twice {totals['twice']}; scoring CPU per 60 s: "
          f"mean {sum(cpu_per_minute) / len(cpu_per_minute):.2f} s, max {max(cpu_per_minute):.2f} s; "
          f"texts embedded {relevance.USAGE['embedded']}")
    workdir.cleanup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", action="store_true", help="the labelled set only")
    parser.add_argument("--calibrate", action="store_true", help="search the verdict's thresholds")
    parser.add_argument("--verbose", action="store_true", help="the best candidates of empty and wrong scenes")
    args = parser.parse_args()
    rows = load_pairs()
    started = time.process_time()
    if args.calibrate:
        calibrate(rows)
        return
    evaluate_pairs(rows)
    print(f"   ({time.process_time() - started:.1f} s CPU)")
    if not args.pairs:
        run_videos()


if __name__ == "__main__":
    main()
