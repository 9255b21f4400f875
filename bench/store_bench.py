"""Media in an object store (incremental_bench.py --store): the render cache per machine or shared,
and the narration cache. Two "machines" are two scratch folders on this one, sharing only the store.

Each row is the wall time of one step as a job does it: fetch the plan's inputs from the store into the
machine's scratch folder (or find them there), render with the video's render cache, upload the MP4.
"""

from __future__ import annotations

import contextlib
import dataclasses
import secrets
import shutil
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

from django.test.utils import override_settings
from render_bench import SENTENCES, composition_plan, make_inputs

from faceless_site import objectstore
from faceless_site.mediastore import files, scratch
from faceless_site.mediastore.config import storage_config
from videos.render import RenderPlan, Visual, render_video
from videos.render.cache import content_named
from videos.services.render_cache import SharedRenderCache, segments_folder
from videos.voice.espeak import EspeakVoice

EDITED_TEXT = "Keepers climbed the stairs at dusk to light the lamp."
BUCKET = "faceless-bench"


@dataclasses.dataclass(frozen=True)
class TimedSharedCache(SharedRenderCache):
    """The shared cache, counting the seconds spent keeping pieces (in the render's worker threads,
    beside the encodes) and fetching them."""

    seconds: dict = dataclasses.field(default_factory=lambda: {"store": 0.0, "fetch": 0.0})

    def store(self, key, source, suffix, frames=None):
        started = time.monotonic()
        try:
            return super().store(key, source, suffix, frames)
        finally:
            self.seconds["store"] += time.monotonic() - started

    def lookup(self, key, suffix, frames=None):
        started = time.monotonic()
        try:
            return super().lookup(key, suffix, frames)
        finally:
            self.seconds["fetch"] += time.monotonic() - started


@contextlib.contextmanager
def object_store(folder: Path) -> Iterator[dict]:
    key, secret = "bench-" + secrets.token_hex(4), secrets.token_urlsafe(24)
    server = objectstore.start(folder / "objectstore", access_key=key, secret_key=secret, buckets=(BUCKET,))
    config = storage_config("s3", bucket=BUCKET, endpoint=server.endpoint, access_key=key, secret_key=secret,
                            region="us-east-1", addressing_style="path")
    try:
        with override_settings(MEDIA_STORAGE="s3", STORAGES={"default": config, "staticfiles": {
                "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}):
            yield {"endpoint": server.endpoint}
    finally:
        objectstore.stop(server.process.pid)


@contextlib.contextmanager
def machine(folder: Path, name: str) -> Iterator[Path]:
    with override_settings(MEDIA_SCRATCH_DIR=folder / f"machine-{name}"):
        yield folder / f"machine-{name}"


def store_inputs(plan: RenderPlan) -> RenderPlan:
    """Every input of the plan into the store (as uploads and narration are); the plan then names them."""
    def named(path: Path | None, prefix: str) -> Path | None:
        if path is None:
            return None
        name = f"{prefix}/{path.name}"
        if not files.media_exists(name):
            copy = path.with_name(f".{path.name}.upload")
            shutil.copyfile(path, copy)
            files.media_save(copy, name)
        return Path(name)
    scenes = tuple(dataclasses.replace(s, narration_path=named(s.narration_path, "videos/1/narration"),
                                       visual=Visual(s.visual.kind, named(s.visual.path, "assets")))
                   for s in plan.scenes)
    music = dataclasses.replace(plan.music, path=named(plan.music.path, "assets")) if plan.music else None
    return dataclasses.replace(plan, scenes=scenes, music=music)


def local_plan(plan: RenderPlan) -> RenderPlan:
    """The named plan with each input fetched to this machine (what production's build_plan does)."""
    def local(path: Path | None) -> Path | None:
        return files.media_local(str(path)) if path is not None else None
    scenes = tuple(dataclasses.replace(s, narration_path=local(s.narration_path),
                                       visual=Visual(s.visual.kind, local(s.visual.path))) for s in plan.scenes)
    music = dataclasses.replace(plan.music, path=local(plan.music.path)) if plan.music else None
    return dataclasses.replace(plan, scenes=scenes, music=music)


def update(label: str, plan: RenderPlan, video_id: int, shared: bool, out_name: str) -> float:
    started = time.monotonic()
    here = local_plan(plan)
    fetched = time.monotonic() - started
    work = files.work_folder(f"videos/{video_id}/renders")
    folder = segments_folder(video_id)
    cache = TimedSharedCache(folder, prefix=f"videos/{video_id}/cache/segments/") if shared else None
    with content_named(scratch.inputs()):
        result = render_video(here, work_dir=work, out_path=work / f"{out_name}.mp4", cache_dir=folder, cache=cache)
    rendered = time.monotonic() - started
    files.media_save(result.path, f"videos/{video_id}/renders/{out_name}.mp4")
    wall = time.monotonic() - started
    kept = (f"; cache lookups {cache.seconds['fetch']:.1f} s, pieces stored {cache.seconds['store']:.1f} s in "
            "the encoding threads") if cache is not None else ""
    print(f"{label:<58} wall {wall:6.1f} s (inputs {fetched:4.1f}, render {rendered - fetched:5.1f}, upload "
          f"{wall - rendered:4.1f})  pieces encoded {result.segments_encoded:3d}, kept {result.segments_reused:3d}"
          f"{kept}", flush=True)
    return wall


def edit_narration(plan: RenderPlan, folder: Path, index: int) -> RenderPlan:
    narration = EspeakVoice(voice="gmw/en-US", rate=170).synthesize(EDITED_TEXT, folder / "edited.wav")
    files.media_save(narration.path, "videos/1/narration/edited.wav")
    scenes = list(plan.scenes)
    scenes[index] = dataclasses.replace(scenes[index], narration_path=Path("videos/1/narration/edited.wav"),
                                        words=narration.words)
    return dataclasses.replace(plan, scenes=tuple(scenes))


def swap_footage(plan: RenderPlan, index: int, name: str) -> RenderPlan:
    scenes = list(plan.scenes)
    scenes[index] = dataclasses.replace(scenes[index], visual=Visual("image", Path(f"assets/{name}")))
    return dataclasses.replace(plan, scenes=tuple(scenes))


def caches(folder: Path, stored: RenderPlan, scenes: int) -> None:
    middle, target = scenes // 2 - 1, scenes // 2 + 1
    results = {}
    for video_id, shared in ((11, False), (12, True)):
        kind = "shared through the store" if shared else "per machine"
        print(f"\nrender cache {kind}:")
        plan = stored
        with machine(folder, f"a{video_id}"):
            full = update("machine A: full render (fills the cache)", plan, video_id, shared, "full")
            plan = edit_narration(plan, folder, middle)
            edit = update(f"machine A: after editing scene {middle + 1}'s narration", plan, video_id, shared, "edit")
        with machine(folder, f"b{video_id}"):
            plan = swap_footage(plan, target, "still-0.jpg")
            swap = update(f"machine B: after swapping scene {target + 1}'s footage", plan, video_id, shared, "swap")
        results[kind] = (full, edit, swap)
    print()
    for kind, (full, edit, swap) in results.items():
        print(f"{kind:<26} narration edit on A {edit / full:6.1%} of its full render; footage swap on B "
              f"{swap / full:6.1%}")


def narration(folder: Path) -> None:
    """One scene's narration: made by Piper, taken from the store's cache (shared), or kept on the machine
    that made it (per machine: its file must still go to the store for the other machines to render)."""
    from videos.voice.piper import PiperVoice

    voice = PiperVoice()
    voice.synthesize(SENTENCES[0], folder / "warm.wav")  # the model loads once per worker
    made, from_store, from_machine = [], [], []
    for round_ in range(5):
        started = time.monotonic()
        spoken = voice.synthesize(SENTENCES[5], folder / f"piper-{round_}.wav")
        made.append(time.monotonic() - started)
        kept = f"videos/2/cache/narration/key-{round_}.wav"
        shutil.copyfile(spoken.path, folder / "kept.wav")
        files.media_save(folder / "kept.wav", kept)
        files.media_write(kept.removesuffix(".wav") + ".json", b'{"bytes": 1}')
        started = time.monotonic()  # production's cache hit: the record, the size, a copy inside the store
        files.media_read(kept.removesuffix(".wav") + ".json")
        files.media_size(kept)
        files.media_copy(kept, f"videos/2/narration/scene-5-{round_}.wav")
        from_store.append(time.monotonic() - started)
        shutil.copyfile(spoken.path, folder / "again.wav")
        started = time.monotonic()
        files.media_save(folder / "again.wav", f"videos/2/narration/scene-5-m{round_}.wav")
        from_machine.append(time.monotonic() - started)
    print(f"\nnarration cache, one 5 s scene (median of 5): Piper makes it in {statistics.median(made) * 1000:.0f} ms; "
          f"a hit in the store's cache costs {statistics.median(from_store) * 1000:.0f} ms on any machine; a hit in "
          f"a per-machine cache costs {statistics.median(from_machine) * 1000:.0f} ms (the upload) on the machine "
          f"that made it, and a new synthesis on every other")


def store_bench(folder: Path, scenes: int) -> None:
    plans, music = make_inputs(folder, scenes)
    plan = composition_plan(plans, music)
    with object_store(folder) as store:
        print(f"media in SeaweedFS at {store['endpoint']} (127.0.0.1), bucket {BUCKET}; scratch folders on this disk")
        with machine(folder, "uploader"):
            stored = store_inputs(plan)
        caches(folder, stored, scenes)
        with machine(folder, "narrator"):
            narration(folder)
