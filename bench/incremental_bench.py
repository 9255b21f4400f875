"""Incremental updates: the time to the new video after one edit, against a full render, in one run.

    DJANGO_DEBUG=1 .venv/bin/python bench/incremental_bench.py          # the 60 s, 12-scene composition
    DJANGO_DEBUG=1 .venv/bin/python bench/incremental_bench.py --long   # the 10-minute, 120-scene one

The composition is render_bench.py's. First a full render (it fills the video's render cache, as a
first render does), then one scene's narration is edited (synthesised again, with new subtitles)
and the video updated, then one scene's footage is swapped and the video updated. Each update's
wall time is divided by the full render's from the same run. Targets: at most 20% after the
narration edit and 15% after the footage swap (5% for either on the 10-minute video). The machine
may be shared, so figures from separate runs drift; the ratios within one run are what count.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from render_bench import composition_plan, make_inputs

from videos.render import Visual, render_video
from videos.voice.espeak import EspeakVoice

EDITED_TEXT = "Keepers climbed the stairs at dusk to light the lamp."


def timed_render(label: str, plan, folder: Path, name: str, cache: Path, before=None):
    started = time.monotonic()
    if before is not None:
        plan = before(plan)
    result = render_video(plan, work_dir=folder / "work", out_path=folder / f"{name}.mp4", cache_dir=cache)
    wall = time.monotonic() - started
    print(f"{label:<44} wall {wall:7.1f} s   pieces encoded {result.segments_encoded:3d}, "
          f"kept {result.segments_reused:3d}", flush=True)
    return plan, wall


def edit_narration(folder: Path, index: int):
    def edit(plan):
        narration = EspeakVoice(voice="gmw/en-US", rate=170).synthesize(EDITED_TEXT, folder / "edited.wav")
        scenes = list(plan.scenes)
        scenes[index] = dataclasses.replace(scenes[index], narration_path=narration.path, words=narration.words)
        return dataclasses.replace(plan, scenes=tuple(scenes))
    return edit


def swap_footage(index: int, source_index: int):
    def swap(plan):
        scenes = list(plan.scenes)
        picture = plan.scenes[source_index].visual.path
        scenes[index] = dataclasses.replace(scenes[index], visual=Visual("image", picture))
        return dataclasses.replace(plan, scenes=tuple(scenes))
    return swap


def bench(folder: Path, scenes: int, target_edit: float, target_swap: float) -> None:
    plans, music = make_inputs(folder, scenes)
    plan = composition_plan(plans, music)
    cache = folder / "cache"
    seconds = scenes * 5
    plan, full = timed_render(f"full render, {seconds} s, {scenes} scenes", plan, folder, "full", cache)
    middle = scenes // 2 - 1
    plan, edit = timed_render(f"after editing scene {middle + 1}'s narration", plan, folder, "edit", cache,
                              edit_narration(folder, middle))
    # A still scene swapped for another scene's still (scene 3's picture), away from the edited one.
    target = middle + 2
    plan, swap = timed_render(f"after swapping scene {target + 1}'s footage", plan, folder, "swap", cache,
                              swap_footage(target, 2))
    print(f"\nnarration edit / full render: {edit / full:6.1%}   (target: at most {target_edit:.0%})")
    print(f"footage swap / full render:   {swap / full:6.1%}   (target: at most {target_swap:.0%})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--long", action="store_true", help="the 10-minute, 120-scene video instead")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; one run; the machine may be shared, so wall times are noisy\n")
    with tempfile.TemporaryDirectory(prefix="faceless-incremental-") as tmp:
        if args.long:
            bench(Path(tmp), 120, 0.05, 0.05)
        else:
            bench(Path(tmp), 12, 0.20, 0.15)


if __name__ == "__main__":
    main()
