"""Incremental updates: the time to the new video after one edit, against a full render, in one run.

    DJANGO_DEBUG=1 .venv/bin/python bench/incremental_bench.py          # the 60 s, 12-scene composition
    DJANGO_DEBUG=1 .venv/bin/python bench/incremental_bench.py --long   # the 10-minute, 120-scene one
    DJANGO_DEBUG=1 .venv/bin/python bench/incremental_bench.py --store  # media in an object store, two machines

The composition is render_bench.py's. First a full render (it fills the video's render cache, as a
first render does), then one scene's narration is edited (synthesised again, with new subtitles)
and the video updated, then one scene's footage is swapped, five times in a row to five different
pictures (SWAPS), the video updated after each. Each update's wall time is divided by the full
render's from the same run; the swaps are summed up by their median, and each is printed. Targets: at most 20% after the
narration edit and 15% after the footage swap (5% for either on the 10-minute video). The machine
may be shared, so figures from separate runs drift; the ratios within one run are what count.

`--store` measures the choice between a render cache per machine and one shared through the media
store (issue 28): the same composition with its inputs in a real S3 server (SeaweedFS, started here),
fetched into a machine's scratch folder as a job does, the output uploaded; machine A renders it and
updates it after a narration edit, then machine B (its own scratch folder, empty) updates it after a
footage swap, once with each kind of render cache. And the narration cache: a scene narrated by Piper
against the same scene taken from the store's narration cache, or kept per machine (uploaded again).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from render_bench import _cpu_seconds, composition_plan, make_inputs

from videos.render import Visual, render_video
from videos.services.production import DRAFT_LABEL
from videos.voice.espeak import EspeakVoice

EDITED_TEXT = "Keepers climbed the stairs at dusk to light the lamp."


def timed_render(label: str, plan, folder: Path, name: str, cache: Path, before=None):
    """The render's wall time, printed with its CPU seconds (its commands and this process's threads,
    as render_bench.py counts them): on a shared machine the CPU of an update moves less than its wall."""
    started, cpu_before = time.monotonic(), sum(_cpu_seconds())
    if before is not None:
        plan = before(plan)
    result = render_video(plan, work_dir=folder / "work", out_path=folder / f"{name}.mp4", cache_dir=cache)
    wall, cpu = time.monotonic() - started, sum(_cpu_seconds()) - cpu_before
    CPU[name] = cpu
    print(f"{label:<50} wall {wall:7.1f} s   CPU {cpu:6.1f} s   pieces encoded {result.segments_encoded:3d}, "
          f"kept {result.segments_reused:3d}", flush=True)
    return plan, wall


CPU: dict[str, float] = {}  # each render's CPU seconds, by its name


def edit_narration(folder: Path, index: int):
    def edit(plan):
        narration = EspeakVoice(voice="gmw/en-US", rate=170).synthesize(EDITED_TEXT, folder / "edited.wav")
        scenes = list(plan.scenes)
        scenes[index] = dataclasses.replace(scenes[index], narration_path=narration.path, words=narration.words)
        return dataclasses.replace(plan, scenes=tuple(scenes))
    return edit


def swap_footage(index: int, picture: Path):
    def swap(plan):
        scenes = list(plan.scenes)
        scenes[index] = dataclasses.replace(scenes[index], visual=Visual("image", picture))
        return dataclasses.replace(plan, scenes=tuple(scenes))
    return swap


# The pictures a scene's footage is swapped to, one after the other (each update is one swap): two
# fractals, a test card, and the two hardest pictures to encode in the composition, 1-bit cellular
# patterns whose every pixel changes as the picture zooms (about four times the bits per frame of
# the fractals). Real footage is closer to the first three.
SWAPS = [("fractal", "still-0.jpg"), ("fractal", "still-9.jpg"), ("test card", "still-4.jpg"),
         ("1-bit pattern", "still-2.jpg"), ("1-bit pattern", "still-3.jpg")]


def bench(folder: Path, scenes: int, target_edit: float, target_swap: float) -> None:
    plans, music = make_inputs(folder, scenes)
    plan = composition_plan(plans, music)
    cache = folder / "cache"
    seconds = scenes * 5
    plan, full = timed_render(f"full render, {seconds} s, {scenes} scenes", plan, folder, "full", cache)
    # The draft preview of the same video, from nothing (its own cache, as a first draft has).
    draft_plan = dataclasses.replace(plan, output=plan.output.draft(), label=DRAFT_LABEL, split_scenes=False,
                                   thumbnail=False)
    _, draft = timed_render(f"draft preview, {draft_plan.output.width}x{draft_plan.output.height} "
                            f"{draft_plan.output.fps} fps {draft_plan.output.preset}", draft_plan, folder, "draft",
                            folder / "draft-cache")
    middle = scenes // 2 - 1
    plan, edit = timed_render(f"after editing scene {middle + 1}'s narration", plan, folder, "edit", cache,
                              edit_narration(folder, middle))
    # A scene away from the edited one (a designed scene at first) gets each picture in turn.
    target = middle + 2
    swaps = []
    for number, (kind, name) in enumerate(SWAPS):
        plan, wall = timed_render(f"after swapping scene {target + 1}'s footage ({kind})", plan, folder,
                                  f"swap-{number}", cache, swap_footage(target, folder / name))
        swaps.append((wall, kind))
    walls = sorted(wall for wall, _ in swaps)
    print(f"\ndraft preview / full render:  {draft / full:6.1%}   (target: at most 20%)")
    print(f"narration edit / full render: {edit / full:6.1%}   (target: at most {target_edit:.0%})")
    print(f"footage swap / full render:   {statistics.median(walls) / full:6.1%}   median of {len(walls)} swaps "
          f"(target: at most {target_swap:.0%})")
    for wall, kind in swaps:
        print(f"    to a {kind:<14} {wall / full:6.1%}")
    swap_cpu = statistics.median(CPU[f"swap-{number}"] for number in range(len(SWAPS)))
    print(f"CPU seconds: full render {CPU['full']:.1f}, narration edit {CPU['edit']:.1f} "
          f"({CPU['edit'] / CPU['full']:.1%}), footage swap {swap_cpu:.1f} (median, {swap_cpu / CPU['full']:.1%})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--long", action="store_true", help="the 10-minute, 120-scene video instead")
    parser.add_argument("--store", action="store_true", help="per-machine against shared caches, media in S3")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; one run; the machine may be shared, so wall times are noisy\n")
    with tempfile.TemporaryDirectory(prefix="faceless-incremental-") as tmp:
        if args.store:
            from store_bench import store_bench

            store_bench(Path(tmp), 12)
        elif args.long:
            bench(Path(tmp), 120, 0.05, 0.05)
        else:
            bench(Path(tmp), 12, 0.20, 0.15)


if __name__ == "__main__":
    main()
