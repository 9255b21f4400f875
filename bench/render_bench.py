"""Render speed and memory: the fixed 60-second 1080p composition against plain encodes.

    DJANGO_DEBUG=1 .venv/bin/python bench/render_bench.py              # 60 s composition, median of 3 rounds
    DJANGO_DEBUG=1 .venv/bin/python bench/render_bench.py --rounds 1   # one round
    DJANGO_DEBUG=1 .venv/bin/python bench/render_bench.py --long       # and a 10-minute one (memory)
    DJANGO_DEBUG=1 .venv/bin/python bench/render_bench.py --stages     # one render, each command's cost

The composition: 12 scenes of 5 s (7 stills with a slow zoom, 2 clips, and 3 designed scenes chosen
from their lines as a scene without footage gets them: a map, a number counting up, a title card),
0.5 s crossfades, classic burned subtitles from espeak-ng word timings, a music bed ducked under the
narration, loudness normalised. It is compared with (a) a plain encode of 60 s of testsrc2 and (b) the encode of the
finished frames from raw YUV (the fair floor: the same pictures, no composition), both with the
same codec settings. Peak memory is the largest sum of RSS over the whole process tree. CPU counts
the commands and this process's own threads (the renderer draws designed scenes' frames in them),
less the memory polling's; "own" is that second part alone.
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "faceless_site.settings")

import django  # noqa: E402

django.setup()

from videos.render import Music, Output, RenderPlan, ScenePlan, Style, Visual, render_video  # noqa: E402
from videos.render.engine import X264_PARAMS  # noqa: E402
from videos.voice.espeak import EspeakVoice  # noqa: E402

SCENE_SECONDS = 5.0
# Scenes without footage: each shows the design its line gets (a map of Alexandria, "30 km"
# counting up, a title card), drawn by the renderer as in a real render.
DESIGNED = (1, 3, 6)
PRESET, CRF = "veryfast", 21
SENTENCES = [
    "Lighthouses guided sailors along dangerous coasts.", "The first great tower stood at Alexandria.",
    "Fresnel designed a lens of rings and prisms.", "Its beam reached thirty kilometres out to sea.",
    "Keepers polished the glass every single morning.", "They kept the lamp burning through every storm.",
    "Clockwork turned the lens through the night.", "Each light flashed its own pattern for ships.",
    "Fog signals warned sailors when the light was lost.", "Electric lamps replaced the oil burners.",
    "Automation sent most keepers home for good.", "Today many towers still stand on the rocks.",
]
STILL_SOURCES = [
    "mandelbrot=s=2400x1600:start_x=-0.75:start_y=0.1", "mandelbrot=s=1600x2400:start_x=-1.25:start_y=0.05",
    "cellauto=s=1920x1280:rule=110:full=1:seed=7", "life=s=1920x1280:mold=10:ratio=0.3:seed=7:death_color=#203040",
    "testsrc2=s=2048x1365", "mandelbrot=s=2000x2000:start_x=0.28:start_y=0.01",
    "gradients=s=1920x1080:n=5:seed=7", "smptehdbars=s=1920x1080", "rgbtestsrc=s=1280x720",
    "mandelbrot=s=3000x2000:start_x=-0.16:start_y=1.04",
]


PAGE = os.sysconf("SC_PAGE_SIZE")


class PeakMemory:
    """Polls /proc for the resident memory of a process and all its descendants."""

    def __init__(self, root_pid: int) -> None:
        self.root, self.peak, self._stop, self.own_cpu = root_pid, 0, threading.Event(), 0.0
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._outside: set[int] = set()  # processes seen not to descend from the root (a parent never returns)

    @staticmethod
    def _stat(pid: int) -> tuple[int, int] | None:
        """A process's parent and resident bytes, from one read of /proc/<pid>/stat."""
        try:
            with open(f"/proc/{pid}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            return None
        fields = stat[stat.rindex(b")") + 2:].split()
        return int(fields[1]), int(fields[21]) * PAGE  # stat(5): fields 4 and 24 (rss, in pages)

    def _tree_rss(self) -> int:
        # Each poll reads /proc/<pid>/stat of the tree's processes and of those it has not seen yet:
        # reading stat and statm of every process every 50 ms took 14% of a core from the render it
        # measured (1.4 CPU-s in 10 s, idle), 5% with stat alone.
        seen, alive = {}, {int(entry) for entry in os.listdir("/proc") if entry.isdigit()}
        self._outside &= alive  # a process that has gone frees its number, which a later one may take
        for pid in alive - self._outside:
            found = self._stat(pid)
            if found is not None:
                seen[pid] = found
        members, frontier = {self.root}, [self.root]
        children: dict[int, list[int]] = collections.defaultdict(list)
        for pid, (parent, _) in seen.items():
            children[parent].append(pid)
        while frontier:
            for child in children.get(frontier.pop(), ()):
                if child not in members:
                    members.add(child)
                    frontier.append(child)
        self._outside.update(pid for pid in seen if pid not in members)
        return sum(seen[pid][1] for pid in members if pid in seen)

    def _run(self) -> None:
        started = time.thread_time()
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, self._tree_rss())
        self.own_cpu = time.thread_time() - started  # the polling's own CPU, left out of the figures

    def __enter__(self) -> PeakMemory:
        self.peak = self._tree_rss()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def run(command: list[str]) -> None:
    subprocess.run(command, check=True, stdin=subprocess.DEVNULL, capture_output=True)


def make_inputs(folder: Path, scenes: int) -> tuple[list[ScenePlan], Path]:
    stills = []
    for index, source in enumerate(STILL_SOURCES):
        path = folder / f"still-{index}.jpg"
        run(["ffmpeg", "-y", "-f", "lavfi", "-i", source, "-frames:v", "1", "-q:v", "3", str(path)])
        stills.append(path)
    clips = []
    for index, source in enumerate(["testsrc2=s=1920x1080:r=25", "mandelbrot=s=1280x720:r=30"]):
        path = folder / f"clip-{index}.mp4"
        run(["ffmpeg", "-y", "-f", "lavfi", "-i", source, "-t", "3.5" if index else "8", "-c:v", "libx264",
             "-preset", "veryfast", "-pix_fmt", "yuv420p", str(path)])
        clips.append(path)
    music = folder / "music.m4a"
    run(["ffmpeg", "-y", "-f", "lavfi", "-i", "aevalsrc=0.2*sin(2*PI*220*t)*(0.6+0.4*sin(2*PI*0.5*t))+"
         "0.15*sin(2*PI*277*t)+0.12*sin(2*PI*330*t):s=48000:d=40", "-c:a", "aac", str(music)])
    voice = EspeakVoice(voice="gmw/en-US", rate=170)
    plans = []
    for index in range(scenes):
        text = SENTENCES[index % len(SENTENCES)]
        narration = voice.synthesize(text, folder / f"narration-{index}.wav")
        assert narration.duration < SCENE_SECONDS, "each sentence must fit its 5 s scene"
        position = index % 12
        visual = (Visual("video", clips[0]) if position == 4 else Visual("video", clips[1]) if position == 9
                  else Visual("generated") if position in DESIGNED
                  else Visual("image", stills[(index - index // 6) % len(stills)]))
        plans.append(ScenePlan(duration=SCENE_SECONDS, narration_path=narration.path, words=narration.words,
                               visual=visual))
    return plans, music


def _cpu_seconds() -> tuple[float, float]:
    """CPU of the commands run (children) and of this process, whose threads draw the designed
    scenes' frames."""
    children, itself = resource.getrusage(resource.RUSAGE_CHILDREN), resource.getrusage(resource.RUSAGE_SELF)
    return children.ru_utime + children.ru_stime, itself.ru_utime + itself.ru_stime


def timed(label: str, work) -> tuple[float, float, int]:
    before = _cpu_seconds()
    started = time.monotonic()
    with PeakMemory(os.getpid()) as memory:
        work()
    wall = time.monotonic() - started
    after = _cpu_seconds()
    commands, own = after[0] - before[0], after[1] - before[1] - memory.own_cpu
    # The renderer's own share is mostly the drawing of designed scenes (the rest is ffmpeg).
    print(f"{label:<44} wall {wall:7.1f} s   CPU {commands + own:7.1f} s (own {own:4.1f} s)   "
          f"peak memory {memory.peak / 2**20:7.0f} MB", flush=True)
    return wall, commands + own, memory.peak


def encode_args(out: Path) -> list[str]:
    # The same x264 parameters the renderer uses, so the ratio measures the composition, not the codec.
    return ["-c:v", "libx264", "-preset", PRESET, "-crf", str(CRF), "-x264-params", X264_PARAMS,
            "-pix_fmt", "yuv420p", "-r", "30", "-movflags", "+faststart", "-f", "mp4", str(out)]


def composition_plan(plans: list[ScenePlan], music: Path) -> RenderPlan:
    return RenderPlan(scenes=tuple(plans), output=Output(1920, 1080, 30, PRESET, CRF),
                      style=Style(subtitle_style="classic"), title="Lighthouses",
                      music=Music(music, -16), parallel=2)


def render_composition(folder: Path, plans: list[ScenePlan], music: Path, label: str):
    plan = composition_plan(plans, music)
    out = folder / f"composition-{len(plans)}.mp4"
    figures = timed(label, lambda: render_video(plan, work_dir=folder / "work", out_path=out))
    return out, figures


def one_round(folder: Path, plans: list[ScenePlan], music: Path) -> dict[str, tuple[float, float, int]]:
    """The composition, then the two plain encodes, one after the other on the same machine."""
    rendered, render = render_composition(folder, plans, music, "composition, 60 s (render_video)")
    plain = timed("plain encode of 60 s testsrc2", lambda: run(
        ["ffmpeg", "-y", "-f", "lavfi", "-i", "testsrc2=s=1920x1080:r=30", "-t", "60",
         *encode_args(folder / "plain.mp4")]))
    raw = folder / "frames.yuv"
    run(["ffmpeg", "-y", "-i", str(rendered), "-f", "rawvideo", "-pix_fmt", "yuv420p", str(raw)])
    floor = timed("encode of the finished frames from raw YUV", lambda: run(
        ["ffmpeg", "-y", "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", "1920x1080", "-r", "30", "-i", str(raw),
         *encode_args(folder / "floor.mp4")]))
    raw.unlink()
    return {"render": render, "plain": plain, "floor": floor}


class _TimedPopen(subprocess.Popen):
    """A command run under /usr/bin/time, its wall, CPU and largest RSS kept in RECORDS (--stages)."""

    RECORDS: list[tuple[float, float, float, list[str]]] = []

    def __init__(self, args, *rest, **options) -> None:
        self._times = None
        if isinstance(args, list) and args and Path(str(args[0])).name in ("ffmpeg", "ffprobe"):
            handle, self._times = tempfile.mkstemp(prefix="times-")
            os.close(handle)
            self._argv = [str(a) for a in args]
            args = ["/usr/bin/time", "-f", "%e %U %S %M", "-o", self._times, *self._argv]
        super().__init__(args, *rest, **options)

    def wait(self, timeout=None):
        code = super().wait(timeout)
        if self._times:
            fields = Path(self._times).read_text().split()[-4:]
            os.unlink(self._times)
            self._times = None
            wall, user, system, rss_kb = (float(v) for v in fields) if len(fields) == 4 else (0.0,) * 4
            self.RECORDS.append((wall, user + system, rss_kb / 1024, self._argv))
        return code


def _stage(argv: list[str]) -> str:
    """What a command of the render does, from its arguments."""
    command = " ".join(argv)
    if Path(argv[0]).name == "ffprobe":
        return "ffprobe (footage, output check)"
    kinds = [("captions.ass", "captions drawn (libass)"), ("concatf:", "join"), ("sound-", "soundtrack encode"),
             ("ebur128", "soundtrack mix and trials"), ("-xerror", "footage checks (decode)"),
             ("-frames:v 1 -vf", "thumbnail frame"), ("thumbnail-frames", "thumbnail ranking")]
    for marker, label in kinds:
        if marker in command:
            return label
    if "segment-" not in command:
        return "stills scaled once" if "still-" in command else "other"
    shows = [name for marker, name in ((".fifo", "design"), ("clip-", "clip"), (".yuv", "still")) if marker in command]
    return ("crossfade piece " if "alpha=1" in command else "piece ") + "+".join(shows)


def stages(folder: Path, plans: list[ScenePlan], music: Path) -> None:
    """One render with each command timed, summed by what it does; then the floor encode."""
    plain, subprocess.Popen = subprocess.Popen, _TimedPopen  # every command started, the renderer's included
    out, (wall, cpu, _) = render_composition(folder, plans, music, "composition, 60 s (render_video)")
    sums: dict[str, list[float]] = collections.defaultdict(lambda: [0, 0.0, 0.0, 0.0, 0.0])
    for seconds, used, rss, argv in _TimedPopen.RECORDS:
        entry = sums[_stage(argv)]
        frames = re.search(r"-frames:v (\d+) .*segment-", " ".join(argv))
        entry[0] += 1
        entry[1] += seconds
        entry[2] += used
        entry[3] += int(frames.group(1)) if frames else 0
        entry[4] = max(entry[4], rss)
    print(f"\n{'stage':<34}{'runs':>5}{'wall s':>8}{'CPU s':>8}{'frames':>8}{'ms/frame':>9}{'max RSS MB':>11}")
    for label, (runs, seconds, used, frames, rss) in sorted(sums.items(), key=lambda item: -item[1][2]):
        per_frame = f"{1000 * used / frames:9.1f}" if frames else " " * 9
        print(f"{label:<34}{runs:>5}{seconds:>8.1f}{used:>8.1f}{int(frames):>8}{per_frame}{rss:>11.0f}")
    commands = sum(entry[2] for entry in sums.values())
    print(f"{'the renderer itself (Python)':<34}{'':>5}{'':>8}{cpu - commands:>8.1f}   (mostly designed frames drawn)")
    subprocess.Popen = plain
    raw = folder / "frames.yuv"
    run(["ffmpeg", "-y", "-i", str(out), "-f", "rawvideo", "-pix_fmt", "yuv420p", str(raw)])
    timed("encode of the finished frames from raw YUV", lambda: run(
        ["ffmpeg", "-y", "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", "1920x1080", "-r", "30", "-i", str(raw),
         *encode_args(folder / "floor.mp4")]))
    raw.unlink()
    print(f"render wall {wall:.1f} s, CPU {cpu:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--long", action="store_true", help="also render a 10-minute video (memory check)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds to take the median of (default 3)")
    parser.add_argument("--stages", action="store_true", help="one render, each command's wall, CPU and memory")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="faceless-bench-") as tmp:
        folder = Path(tmp)
        print(f"ffmpeg preset {PRESET}, CRF {CRF}, 1920x1080, 30 fps, {os.cpu_count()} cores, "
              f"{'stages of one render' if args.stages else f'{args.rounds} round(s)'}\n")
        plans, music = make_inputs(folder, 12)
        if args.stages:
            stages(folder, plans, music)
            return
        rounds = []
        for number in range(1, args.rounds + 1):
            print(f"round {number}")
            rounds.append(one_round(folder, plans, music))
        wall = {key: statistics.median(r[key][0] for r in rounds) for key in rounds[0]}
        cpu = {key: statistics.median(r[key][1] for r in rounds) for key in rounds[0]}
        render_peak = max(r["render"][2] for r in rounds)
        ratios = [r["render"][0] / r["floor"][0] for r in rounds]
        each = ", ".join(f"{ratio:.2f}x" for ratio in ratios)
        print("\nmedians (wall / CPU seconds):")
        for key, label in (("render", "render"), ("floor", "encode of the same frames"), ("plain", "plain testsrc2")):
            print(f"  {label:<28} {wall[key]:6.1f} s / {cpu[key]:6.1f} s")
        print(f"render / plain testsrc2 encode:     {wall['render'] / wall['plain']:5.2f}x")
        print(f"render / encode of the same frames: {wall['render'] / wall['floor']:5.2f}x   (target: at most 1.5x; "
              f"each round: {each})")
        # The machine's speed drifts between rounds; each round's ratio compares runs made minutes apart.
        print(f"median of the rounds' ratios:       {statistics.median(ratios):5.2f}x")
        print(f"CPU seconds, render / same frames:  {cpu['render'] / cpu['floor']:5.2f}x")
        print(f"realtime factor: {60 / wall['render']:5.2f}x realtime "
              f"({wall['render'] / 60:.2f} s per second of video)")
        print(f"peak memory (process tree, largest round): {render_peak / 2**20:.0f} MB   (target: under 600 MB)")
        if args.long:
            long_folder = folder / "long"
            long_folder.mkdir()
            long_plans, long_music = make_inputs(long_folder, 120)
            _, (long_wall, _, long_peak) = render_composition(long_folder, long_plans, long_music,
                                                              "composition, 10 min (render_video)")
            print(f"10-minute peak memory: {long_peak / 2**20:.0f} MB vs {render_peak / 2**20:.0f} MB for 1 minute; "
                  f"{long_wall / 600:.2f} s per second of video")


if __name__ == "__main__":
    main()
