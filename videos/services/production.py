"""Narration and rendering of a video's approved script: the `narrate_render` job step.

Narration is synthesised scene by scene, so each scene's length is measured, not guessed, and a
scene whose text and voice settings are unchanged is not synthesised again. The render then turns
the scenes, their footage and the channel's look into one MP4 (videos.render).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from faceless_site.mediastore import files, scratch
from faceless_site.mediastore.errors import MediaMissing
from videos.models import Render, Scene, Script, Video
from videos.render import Music, Output, RenderCancelled, RenderError, RenderPlan, ScenePlan, Style, Visual
from videos.render import render_video as render_plan
from videos.render.cache import content_named
from videos.render.designs import script_dates, script_places
from videos.selectors import scene_design
from videos.services.jobs import JobCancelled, JobContext, StepFailed, jobs_clean_leftovers
from videos.services.render_cache import render_cache_for, segments_folder
from videos.voice import VoiceError, get_voice, voice_signature
from videos.voice.base import Narration, WordTiming

NARRATE_SHARE = 25  # percent of the job's bar taken by narration; the render takes the rest


def _media(relative: str) -> Path:
    """A stored file on this machine's disk for ffmpeg (itself with the local store, a copy in the scratch
    folder else); a missing one is a path that does not exist, which the render reports by its name."""
    try:
        return files.media_local(relative)
    except MediaMissing:
        return Path(settings.MEDIA_ROOT) / relative


def _approved_script(video: Video, *, draft: bool = False) -> Script:
    """The script to narrate and render: the approved current one, or for a draft preview the
    current one as it stands (a draft is only looked at, never published)."""
    script = video.current_script
    if script is None:
        raise StepFailed("This video has no script yet. Write the script first, then narrate and render.")
    if not script.is_approved and not draft:
        raise StepFailed("Approve the script first: narration and rendering use the approved script only.")
    return script


def _scenes(script: Script, *, draft: bool = False) -> list[Scene]:
    scenes = list(script.scenes.select_related("asset").order_by("position"))
    if not scenes:
        raise StepFailed("The script has no scenes. Add at least one scene with narration, then try again.")
    empty = [str(scene.position + 1) for scene in scenes if not scene.narration.strip()]
    if empty:
        # A draft needs no approval, so it does not send the person to approve anything.
        then = "make the draft preview again" if draft else "approve the script again, and retry"
        raise StepFailed(f"Scene {', '.join(empty)} has no narration text. Write the narration (or delete the "
                         f"scene), then {then}.")
    return scenes


def _narration_path(video: Video, scene: Scene, signature: str) -> str:
    """The stored name of the scene's audio (by its text and voice settings)."""
    digest = hashlib.sha256(f"{signature}\n{' '.join(scene.narration.split())}".encode()).hexdigest()[:12]
    return f"videos/{video.pk}/narration/scene-{scene.position}-{digest}.wav"


def _synthesize_once(voice: Any, text: str, path: str, *, signature: str) -> Narration:
    """The scene's audio (stored as `path`) from the video's narration cache when the same text was
    narrated by the same engine and voice settings before (another script version, another position,
    an edit undone); else synthesised and kept there. The cache entry is a copy in the store (a hard
    link with the local folder), so the old file's clean-up below leaves it. The cache is in the
    media store, shared by every machine (README "Many machines": measured cheaper than narrating)."""
    wanted = voice.engine  # a fallback voice's audio is never kept under the chosen engine's key
    key = hashlib.sha256(f"{signature}\n{wanted}\n{' '.join(text.split())}".encode()).hexdigest()[:24]
    cached = f"{path.rsplit('/', 2)[0]}/cache/narration/{key}.wav"
    record = cached.removesuffix(".wav") + ".json"
    try:
        kept = json.loads(files.media_read(record))
        if files.media_size(cached) == kept["bytes"]:
            files.media_copy(cached, path)
            words = tuple(WordTiming(str(w["word"]), float(w["start"]), float(w["end"])) for w in kept["words"])
            return Narration(path=Path(path), duration=float(kept["duration"]), words=words,
                             engine=str(kept["engine"]))
    except (OSError, ValueError, KeyError, TypeError):  # not kept (MediaMissing), or a damaged record
        pass
    out = files.media_output(path)
    out.unlink(missing_ok=True)  # it may be a link to another entry, which writing in place would spoil
    narration = voice.synthesize(text, out)
    size = files.media_save(out, path)
    if narration.engine != wanted:
        return narration
    with contextlib.suppress(OSError):  # a cache that cannot be written costs only a later synthesis
        files.media_copy(path, cached)
        files.media_write(record, json.dumps({"bytes": size, "duration": narration.duration, "engine": narration.engine,
                                              "words": [w.as_dict() for w in narration.words]}).encode())
    return narration


def video_narrate(*, video: Video, ctx: JobContext | Any, draft: bool = False) -> list[Scene]:
    """Synthesise every scene of the approved script that changed since it was last narrated, up to
    VOICE_PARALLEL_SCENES at a time (the voice model is loaded once per process and shared).
    For a draft preview the script need not be approved, and the video's state is left as it is."""
    from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

    script = _approved_script(video, draft=draft)
    scenes = _scenes(script, draft=draft)
    channel = video.channel
    warnings: list[str] = []  # a fallback may happen in a worker thread; the job row is written from here
    try:
        # Refuses, saying what to install, when no voice here reads the channel's language.
        voice = get_voice(channel, on_fallback=warnings.append)
    except VoiceError as exc:
        raise StepFailed(f"Narration: {exc.message}") from exc
    while warnings:  # espeak-ng reading a language without a neural voice here: said before anything is made
        ctx.warn(warnings.pop(0))
    signature = voice_signature(channel)
    todo: list[tuple[Scene, str]] = []
    for scene in scenes:
        path = _narration_path(video, scene, signature)
        if not (scene.narration_file == path and scene.narration_seconds and files.media_exists(path)):
            todo.append((scene, path))  # else: same text, same voice: the audio we have is what we would make
    done = len(scenes) - len(todo)
    if done:
        ctx.progress(NARRATE_SHARE * done / len(scenes), "Narrating",
                     f"Reusing the narration of {done} of {len(scenes)} scenes" if todo
                     else f"Reusing the narration of all {len(scenes)} scenes")
    # Only an engine that says it is safe in threads and touches no database (Piper) runs in parallel.
    workers = settings.VOICE_PARALLEL_SCENES if getattr(voice, "parallel", False) else 1
    if workers <= 1 or len(todo) <= 1:
        for number, (scene, path) in enumerate(todo):
            ctx.raise_if_cancelled()
            ctx.progress(NARRATE_SHARE * (done + number) / len(scenes), "Narrating",
                         f"Narrating scene {scene.position + 1} of {len(scenes)}")
            try:
                narration = _synthesize_once(voice, scene.narration, path, signature=signature)
            except VoiceError as exc:
                raise StepFailed(f"Scene {scene.position + 1}: {exc.message}") from exc
            _keep_narration(scene, path, narration, warnings, ctx)
        if not draft:
            Video.objects.filter(pk=video.pk).update(status=Video.Status.VOICED, status_message="")
        return scenes
    with ThreadPoolExecutor(max_workers=workers) as pool:
        running = {pool.submit(_synthesize_once, voice, scene.narration, path, signature=signature): (scene, path)
                   for scene, path in todo}
        try:
            while running:
                ctx.progress(NARRATE_SHARE * done / len(scenes), "Narrating",
                             f"Narrating scene{'s' * (len(running) > 1)} "
                             f"{_numbers(sorted(s.position for s, _ in running.values()))} of {len(scenes)}")
                finished, _ = wait(running, timeout=1.0, return_when=FIRST_COMPLETED)
                ctx.raise_if_cancelled()
                for future in finished:
                    scene, path = running.pop(future)
                    try:
                        narration = future.result()
                    except VoiceError as exc:
                        raise StepFailed(f"Scene {scene.position + 1}: {exc.message}") from exc
                    _keep_narration(scene, path, narration, warnings, ctx)
                    done += 1
        finally:
            for future in running:
                future.cancel()
    if not draft:
        Video.objects.filter(pk=video.pk).update(status=Video.Status.VOICED, status_message="")
    return scenes


def _keep_narration(scene: Scene, path: str, narration: Any, warnings: list[str], ctx: Any) -> None:
    while warnings:
        ctx.warn(warnings.pop(0))
    folder, _, _ = path.rpartition("/")
    for old in files.media_list(folder + "/"):
        name = old.name.rpartition("/")[2]
        if old.name != path and name.startswith(f"scene-{scene.position}-") and name.endswith(".wav"):
            files.media_delete(old.name)
    scene.narration_file = path
    scene.narration_seconds = round(narration.duration, 4)
    scene.word_timings = [w.as_dict() for w in narration.words]
    scene.save(update_fields=["narration_file", "narration_seconds", "word_timings"])


def _visual(scene: Scene) -> Visual:
    asset = scene.asset
    if asset is None or asset.kind not in ("image", "video") or not asset.file:
        return Visual("generated")
    return Visual(asset.kind, _media(asset.file), name=_shown_name(asset))


def _shown_name(asset: Any) -> str:
    """What a person calls the file in messages: its name as uploaded (the library keeps it under its hash)."""
    return asset.original_name or asset.title or ""


def _words(scene: Scene) -> tuple[WordTiming, ...]:
    return tuple(WordTiming(str(w["word"]), float(w["start"]), float(w["end"])) for w in scene.word_timings or [])


def build_plan(*, video: Video, script: Script, scenes: list[Scene]) -> RenderPlan:
    channel = video.channel
    scene_plans = []
    dates = script_dates([scene.narration for scene in scenes])  # several: a date scene shows a timeline
    places = script_places([scene.narration for scene in scenes], script.language or channel.language)
    for scene in scenes:
        path = _media(scene.narration_file) if scene.narration_file else None
        if path is None or not path.is_file() or not scene.narration_seconds:
            raise StepFailed(f"Scene {scene.position + 1} has no narration audio. Narrate the video again.")
        scene_plans.append(ScenePlan(duration=scene.narration_seconds, narration_path=path, words=_words(scene),
                                     on_screen_text=scene.on_screen_text, visual=_visual(scene),
                                     design=scene_design(scene, dates=dates, places=places)))
    music = Music(_media(channel.music.file), channel.music_volume_db,
                  name=_shown_name(channel.music)) if channel.music_id else None
    mark = _media(channel.watermark.file) if channel.watermark_id else None
    loop = channel.background_loop
    loop_path = _media(loop.file) if loop is not None and loop.kind == "video" and loop.file else None
    return RenderPlan(
        scenes=tuple(scene_plans),
        output=Output.for_aspect(channel.aspect_ratio, preset=channel.render_preset or "veryfast",
                                 crf=channel.render_crf),
        style=Style(subtitle_style=channel.subtitle_style, karaoke=channel.karaoke, font_name=channel.font_name,
                    primary_color=channel.primary_color, accent_color=channel.accent_color),
        title=script.title, language=script.language or channel.language, music=music, watermark=mark,
        watermark_name=_shown_name(channel.watermark) if channel.watermark_id else "", intro_text=channel.intro_text,
        outro_text=channel.outro_text, parallel=settings.RENDER_PARALLEL_SEGMENTS, background_loop=loop_path,
    )


TITLE_EM = 30.0  # a chapter title: about 50 Latin letters or 30 Japanese characters


def scene_title(scene: Scene) -> str:
    """What a scene is called in the video's chapters: its on-screen text, or else the opening words
    of its narration up to the first clause break, cut between words (or phrases) to a short line."""
    from videos.phrases import join_words, split_words, width_em

    text = " ".join((scene.on_screen_text or "").split()) or " ".join(scene.narration.split())
    words: list[str] = []
    for word, _, _ in split_words(text):
        if words and width_em(join_words([*words, word])) > TITLE_EM:
            break
        words.append(word)
        if word.endswith((".", "!", "?", ":", ";", ",", "。", "！", "？", "、", "，", "：")) and len(words) > 1:
            break
    return join_words(words).rstrip(".,;:、。，：") if words else f"Scene {scene.position + 1}"


def _timeline(scenes: list[Scene], starts: tuple[float, ...], duration: float) -> list[dict[str, Any]]:
    """Each narrated scene's place in the finished video, for chapters."""
    ends = [*starts[1:], duration]
    return [{"start": round(start, 3), "end": round(end, 3), "title": scene_title(scene)}
            for scene, start, end in zip(scenes, starts, ends, strict=False)]


def _plan_key(plan: RenderPlan) -> str:
    # Copies of stored files are named by content wherever a machine keeps them: the key is the same on every one.
    return hashlib.sha256(repr(plan).replace(str(scratch.inputs()), "<inputs>").encode()).hexdigest()[:10]


def _clean_stale(folder: Path) -> None:
    """Leftovers of a render that was killed without a chance to clean up."""
    import shutil

    for stale in folder.glob("*.work"):
        shutil.rmtree(stale, ignore_errors=True)
    for stale in folder.glob("*.partial.*"):
        stale.unlink(missing_ok=True)


class _CancelCheck:
    """Asks the database at most once a second whether the job was cancelled."""

    def __init__(self, ctx: Any) -> None:
        self.ctx, self.checked_at, self.answer = ctx, 0.0, False

    def __call__(self) -> bool:
        if not self.answer and time.monotonic() - self.checked_at >= 1.0:
            self.checked_at = time.monotonic()
            self.answer = bool(self.ctx.cancelled())
        return self.answer


DRAFT_LABEL = "DRAFT PREVIEW"


def video_render(*, video: Video, ctx: JobContext | Any, base_percent: float = 0, share: float = 100,
                 draft: bool = False) -> Render:
    """Render the narrated scenes to MEDIA_ROOT/videos/<id>/renders/ and record the Render.

    A draft preview is the whole video at 480 lines and 15 frames a second with x264's fastest
    preset, each scene in one piece, stamped DRAFT PREVIEW in every frame. Its pieces go in the same
    render cache under keys of their own; the soundtrack is the same as the full render's, so
    whichever is made second reuses it. It is recorded as a draft Render, which is never the
    video's render (Video.latest_render), and the video's state is left as it is."""
    script = _approved_script(video, draft=draft)
    scenes = _scenes(script, draft=draft)
    plan = build_plan(video=video, script=script, scenes=scenes)
    if draft:
        plan = dataclasses.replace(plan, output=plan.output.draft(), label=DRAFT_LABEL, split_scenes=False,
                                   thumbnail=False)
    folder = files.work_folder(f"videos/{video.pk}/renders")
    _clean_stale(folder)
    if not files.is_local():  # only this machine sees its scratch folder: what killed steps of any video left
        jobs_clean_leftovers()
    out_path = folder / f"v{script.version}-{_plan_key(plan)}{'-draft' * draft}.mp4"

    redo: dict[str, Any] = {}

    def progress(percent: float, stage: str) -> None:
        if redo and stage.startswith("Rendering"):
            stage = "Rendering"  # the message says which scenes
        ctx.progress(base_percent + percent * share / 100, stage, _render_message(stage, **redo))

    def on_redo(scenes: tuple[int, ...], total: int) -> None:
        redo.update(scenes=scenes, total=total)

    try:
        with content_named(scratch.inputs()):  # stored inputs are keyed by content, not by this machine's paths
            result = render_plan(plan, work_dir=folder, out_path=out_path, on_progress=progress,
                                 should_cancel=_CancelCheck(ctx), on_warning=ctx.warn,
                                 cache_dir=segments_folder(video.pk), on_redo=on_redo,
                                 cache=render_cache_for(video.pk))
    except RenderCancelled as exc:
        raise JobCancelled() from exc
    except RenderError as exc:
        raise StepFailed(exc.message, details={"render_log": exc.log[-6000:]}) from exc
    thumbnail = result.thumbnail_path
    if draft:  # no thumbnail is designed for a draft; its own frame is the player's poster
        from videos.render.thumbnail.poster import poster

        thumbnail = poster(result.path, result.path.with_suffix(".jpg"), at=min(2.0, result.duration / 2))
    if not files.is_local():
        ctx.progress(base_percent + share * 0.99, "Storing the video", "")
    stored = _store_outputs(video, result, thumbnail=thumbnail)
    thumbnails = [{**{k: v for k, v in t.items() if k != "path"}, "file": stored[str(t["path"])]}
                  for t in result.thumbnails]
    chosen = next((t["file"] for t in thumbnails if t["layout"] == video.thumbnail_layout), "")
    fields = {
        "thumbnail": chosen or stored.get(str(thumbnail), ""),
        "thumbnails": thumbnails,
        "duration_seconds": round(result.duration, 3), "size_bytes": result.size_bytes, "width": result.width,
        "height": result.height, "fps": round(result.fps, 3), "render_seconds": round(result.render_seconds, 2),
        "command": "\n\n".join(result.commands), "log": result.log[-200_000:], "warnings": list(result.warnings),
        "captions": stored.get(str(result.captions_path), ""),
        "timeline": _timeline(scenes, result.scene_starts, result.duration),
    }
    with transaction.atomic():
        render, _ = Render.objects.update_or_create(video=video, script_version=script.version,
                                                    file=stored[str(result.path)], draft=draft, defaults=fields)
        if not draft:
            Video.objects.filter(pk=video.pk).update(status=Video.Status.RENDERED, status_message="")
    _observe(result.render_seconds, result.duration)
    return render


def _store_outputs(video: Video, result: Any, *, thumbnail: Path | None) -> dict[str, str]:
    """Put the render's files in the media store (nothing to do with the local folder, where they were
    made in place): subtitles, captions and thumbnails first, the video last, each whole or not at all.
    Only then is the Render recorded, so a render never points to a file the store does not hold.
    Returns each local path's stored name."""
    folder = f"videos/{video.pk}/renders/"
    made = [result.subtitles_path, result.captions_path, *(t["path"] for t in result.thumbnails), thumbnail,
            result.path]
    stored: dict[str, str] = {}
    for path in made:
        if path is not None and str(path) not in stored:
            files.media_save(Path(path), folder + Path(path).name)
            stored[str(path)] = folder + Path(path).name
    return stored


def _numbers(positions: tuple[int, ...] | list[int]) -> str:
    """1-based scene numbers: "4", "2 and 5", "1, 2 and 7"."""
    numbers = [str(p + 1) for p in positions]
    return numbers[0] if len(numbers) == 1 else f"{', '.join(numbers[:-1])} and {numbers[-1]}"


def _render_message(stage: str, *, scenes: tuple[int, ...] = (), total: int = 0) -> str:
    """What the render redoes and what it takes from the render cache, as the engine reported it."""
    if not total:
        return ""
    reused = total - len(scenes)
    reusing = f"reusing {reused} of {total} scenes" if reused else ""
    if stage != "Rendering":
        return reusing.capitalize()
    if not scenes:
        return f"Reusing all {total} scenes"
    if not reused:
        return f"Rendering all {total} scenes"
    doing = f"Rendering scene{'s' * (len(scenes) > 1)} {_numbers(scenes)} of {total}"
    return f"{doing}; {reusing}"


def _observe(render_seconds: float, video_seconds: float) -> None:
    try:
        from faceless_site.metrics import observe_render
    except ImportError:
        return
    observe_render(render_seconds=render_seconds, video_seconds=video_seconds)


def step_narrate_render(ctx: JobContext) -> None:
    """The job step: narrate what changed, then render; progress runs across both."""
    video = ctx.video
    if video is None:
        raise StepFailed("Narrate and render works on a video; this job has none.")
    video = Video.objects.select_related("channel", "channel__music", "channel__watermark",
                                         "channel__background_loop").get(pk=video.pk)
    script = video.current_script
    if ctx.params.get("draft"):
        video_narrate(video=video, ctx=ctx, draft=True)
        ctx.raise_if_cancelled()
        video_render(video=video, ctx=ctx, base_percent=NARRATE_SHARE, share=100 - NARRATE_SHARE, draft=True)
        ctx.progress(100, "Draft preview ready")
        return
    if ctx.params.get("update") and script is not None and not script.is_approved:
        # “Update video” approved the script as it was asked for; an edit since then was not asked for.
        raise StepFailed("The script was edited after “Update video” was pressed. Press “Update video” again "
                         "to render it as it is now.")
    video_narrate(video=video, ctx=ctx)
    ctx.raise_if_cancelled()
    video_render(video=video, ctx=ctx, base_percent=NARRATE_SHARE, share=100 - NARRATE_SHARE)
    ctx.progress(100, "Rendered")
