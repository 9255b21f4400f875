"""render_video: the plan in, one probed MP4 out.

Each scene is cut in pieces: its crossfade from the previous scene (so every boundary is
frame-exact), then the rest in two halves (or whole, if short). Each piece is encoded by its own
ffmpeg process (two at a time by default), with the scene's zoom or clip, the watermark and the
captions it shows (caption_images). The soundtrack is a separate job. The segments are then joined
by stream copy and muxed with the audio with faststart, so every frame is encoded exactly once and
memory stays flat however long the video is.

With a cache folder (cache.py), every piece and each chunk of the soundtrack are kept under a key
of all their inputs; a render after an edit encodes only the pieces and chunks whose key changed. A
piece's encode depends on nothing but its own inputs (the same threads and parameters whichever
piece starts last), so the frames are the same, bit for bit, as a full render's. So are the
samples, except after a narration edit: the update keeps the video's gain while the whole still
lands on -14 LUFS with it, where a full render would find its gain anew (within 0.3 LU of it).
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import ffmpeg
from django.conf import settings

from videos.render import audio, caption_images, captions, subtitles
from videos.render.cache import RenderCache, command_key, file_fingerprint, locked
from videos.render.designs import DESIGNS_VERSION, still_frame, with_designs
from videos.render.designs.canvas import Canvas
from videos.render.designs.feed import Feeds
from videos.render.errors import DiskFull, RenderError
from videos.render.fonts import bundled_font, caption_font, em_ratio, emoji_font, find_font
from videos.render.plan import RenderPlan, RenderResult, ScenePlan, Visual
from videos.render.probe import probe, readable_media, usable_visual
from videos.render.runner import Runner, Task
from videos.render.shorts import Loop, make_loop, shorts_picture
from videos.render.soundtrack import Soundtrack
from videos.render.thumbnail.step import ThumbnailStep, candidates, designs
from videos.render.visuals import SHARED_QUEUE, VisualContext, prescale_command, scene_visual, stamp, watermark

ProgressCallback = Callable[[float, str], None]
QUIET = ("-nostdin", "-hide_banner", "-loglevel", "error", "-nostats", "-progress", "pipe:1")


@dataclasses.dataclass(frozen=True)
class _Piece:
    """A run of one scene's frames encoded as one segment: the crossfade into it, half of the rest
    (or all of it), or the whole scene."""

    scene: int
    offset: int  # the first frame, counted from the scene's start
    frames: int

    @property
    def first(self) -> bool:
        return self.offset == 0


@dataclasses.dataclass
class _Job:
    plan: RenderPlan
    scenes: tuple[ScenePlan, ...]
    bounds: list[int]  # frame index where each scene starts, plus the total
    clip_seconds: dict[int, float]
    vctx: VisualContext
    tmp: Path
    warnings: list[str]
    loop: Loop | None = None  # the Shorts look's background loop (shorts.py)
    # What a frame of a scene costs to make, against a plain one (1): a clip's is decoded and scaled,
    # a detailed still's costs x264 more (for ordering the pieces, longest first).
    cost: dict[int, float] = dataclasses.field(default_factory=dict)

    @property
    def fps(self) -> int:
        return self.plan.output.fps

    def frames(self, index: int) -> int:
        return self.bounds[index + 1] - self.bounds[index]

    def ends_scene(self, piece: _Piece) -> bool:
        return piece.offset + piece.frames == self.frames(piece.scene)

    def span(self, index: int) -> float:
        """How long a scene's picture is on screen, counting the crossfade into the next one."""
        extra = self.plan.crossfade if index + 1 < len(self.scenes) else 0.0
        return self.frames(index) / self.fps + extra


def check_disk(*folders: Path) -> None:
    needed = settings.MIN_FREE_DISK_BYTES
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
        free = shutil.disk_usage(folder).free
        if free < needed:
            raise DiskFull(f"Only {free / 1024**3:.1f} GB is free where renders are written ({folder}); a render "
                           f"needs at least {needed / 1024**3:.1f} GB. Free some space and render again.")


def _vet_visuals(plan: RenderPlan, timeline: tuple[ScenePlan, ...], warn: Callable[[str], None],
                 ) -> tuple[tuple[ScenePlan, ...], dict[int, float], dict[int, float]]:
    """Scenes whose footage cannot be used show their design instead, with a warning; the clips'
    lengths, and what a frame of each scene with footage costs (_Job.cost)."""
    wanted = {(str(s.visual.path), s.visual.kind) for s in timeline
              if s.visual.kind in ("image", "video") and s.visual.path is not None}
    # Each check is an ffprobe (and for a clip two short decodes): run them side by side.
    with ThreadPoolExecutor(max_workers=max(1, min(4, len(wanted)))) as pool:
        checked = dict(zip(wanted, pool.map(lambda item: usable_visual(Path(item[0]), item[1]), wanted), strict=True))
    scenes, clip_seconds, cost = [], {}, {}
    for index, scene in enumerate(timeline):
        visual = scene.visual
        if visual.kind in ("image", "video") and visual.path is not None:
            info, reason = checked[(str(visual.path), visual.kind)]
            if info is None:
                label = "Intro" if scene.card else f"Scene {index + (0 if plan.intro_text.strip() else 1)}"
                warn(f"{label}: its footage (“{visual.name or Path(visual.path).name}”) {reason}; a designed scene "
                     "drawn from its words was used instead. Swap the footage and render again to fix it.")
                scene = dataclasses.replace(scene, visual=Visual("generated"))
            elif visual.kind == "video":
                clip_seconds[index] = info.duration
                cost[index] = CLIP_COST
            else:
                cost[index] = _still_cost(Path(visual.path), info.width * info.height)
        scenes.append(scene)
    return tuple(scenes), clip_seconds, cost


CLIP_COST = 1.5  # a clip is decoded from its keyframe and scaled every frame
# A design that moves to its last frame (a map's push-in) is drawn, piped and converted every frame:
# its piece took 4.5 s where one that settles took 2.5-2.7 and a still's 2.4-3.8 (one render's timeline).
MOVING_DESIGN_COST = 1.8


def _still_cost(path: Path, pixels: int) -> float:
    """A still's frames cost x264 more the more detail it has, which its file's bytes per pixel tell
    (measured on the render bench: a test card's 135 frames 1.8 s, a fractal's 3.1 s, a cellular
    automaton's about 4 s, at 0.015, 0.12 and 0.72 bytes a pixel)."""
    try:
        detail = path.stat().st_size / max(1, pixels)
    except OSError:
        detail = 0.0
    return 1.0 + min(1.0, 2.5 * detail)


def _frame_bounds(scenes: tuple[ScenePlan, ...], fps: int) -> list[int]:
    """Each scene's length is rounded to whole frames on its own (the soundtrack lays each scene's
    narration to the same length), so a change to one scene's length moves the later scenes but
    does not change their frame counts, and their cached segments stay valid."""
    bounds = [0]
    for scene in scenes:
        bounds.append(bounds[-1] + max(1, round(scene.duration * fps)))
    return bounds


# A short lookahead and no B-frames keep each 1080p encoder near 150 MB (about 185 MB with x264's
# veryfast defaults) and encode faster, for some more bits at the same CRF; YouTube re-encodes
# every upload anyway. Without B-frames each frame is shown in the order it is stored, so the
# pieces can be kept as raw H.264 and joined by reading them one after the other (one input for
# ffmpeg, not one per piece: opening each of 35 MP4 pieces cost about 30 ms). Measured with
# bench/render_bench.py, which encodes its plain baselines with the same parameters.
X264_PARAMS = "rc-lookahead=3:bframes=0"


# A scene's crossfade from the previous one is a piece of its own, and the rest of a long scene is
# cut in two halves. A piece then depends on as little as possible: after an edit, the next scene's
# crossfade is encoded again but not the rest of it, and a long edited scene's halves run on both
# cores at once. In a full render the short pieces start last, so the cores finish close together.
# Each extra piece costs 0.1-0.4 CPU-s (ffmpeg's start, a keyframe, a clip's seek from its keyframe):
# halves for every rest of 3 s or more cost a first render of twelve 5 s scenes about 3.5 CPU-s of 58
# (bench/render_bench.py, alternated rounds), so only a rest of 8 s or more is halved, where an
# update's wait for one core matters most and the start is a smaller share of the piece.
MIN_PIECE_FRAMES = 120


def _fade_frames(job: _Job, index: int) -> int:
    """How many of a scene's first frames fade in over the previous scene (0: none)."""
    fade = round(job.plan.crossfade * job.fps)
    if index == 0 or not fade or job.frames(index) <= fade or job.frames(index - 1) <= fade:
        return 0
    return fade


def _crossfade(job: _Job, piece: _Piece) -> bool:
    """A piece that is exactly a crossfade: the heaviest in memory (two pictures beside the encoder)."""
    return piece.first and 0 < _fade_frames(job, piece.scene) == piece.frames


def _pieces(job: _Job) -> list[_Piece]:
    """The segments in the order they start: the costliest first (by frames and what each costs,
    _Job.cost), so the last ones to finish are short. The crossfades (the shortest) go between the last
    of the others, one after each: the runner starts no two at once (two together made the render's
    peak memory), and with a longer piece to run beside each, no core waits for them."""
    pieces = []
    for index in range(len(job.scenes)):
        if not job.plan.split_scenes:  # a draft preview: each scene whole, its crossfade included
            pieces.append(_Piece(index, 0, job.frames(index)))
            continue
        start = _fade_frames(job, index)
        if start:
            pieces.append(_Piece(index, 0, start))
        rest = job.frames(index) - start
        if rest >= 2 * MIN_PIECE_FRAMES:
            pieces += [_Piece(index, start, rest // 2), _Piece(index, start + rest // 2, rest - rest // 2)]
        else:
            pieces.append(_Piece(index, start, rest))
    ordered = sorted(pieces, key=lambda p: -p.frames * job.cost.get(p.scene, 1.0))
    fades = [p for p in ordered if _crossfade(job, p)]
    others = [p for p in ordered if not _crossfade(job, p)]
    paired = max(0, len(others) - len(fades))
    interleaved = others[:paired]
    for number, fade in enumerate(fades):
        interleaved += [*others[paired + number:paired + number + 1], fade]
    return interleaved


def _picture(job: _Job, index: int, *, start: float, seconds: float, shared: bool = False, leaves: float = 0.0):
    """A scene's picture for [start, start + seconds) of it: its own footage or design, or in the
    Shorts look the background loop at the video's time (so it runs on across scenes). `shared`: the
    command reads other inputs beside this picture (a crossfade, a watermark). `leaves`: the moment
    the scene starts to leave, told to its design (a map's name goes there)."""
    scene = job.scenes[index]
    if leaves and scene.design is not None:
        scene = dataclasses.replace(scene, design=dataclasses.replace(scene.design, leaves=leaves))
    if job.loop is not None:
        return shorts_picture(job.loop, scene, job.vctx, first_frame=job.bounds[index] + round(start * job.fps),
                              start=start, seconds=seconds, span=job.span(index), index=index)
    return scene_visual(scene, job.vctx, start=start, seconds=seconds, span=job.span(index), index=index,
                        clip_seconds=job.clip_seconds.get(index, 0.0), shared=shared)


def _background_loop(job: _Job, runner: Runner, store: RenderCache | None, warn: Callable[[str], None]) -> None:
    """The Shorts look's loop, made (or taken from the cache) before the pieces that show it."""
    clip = Path(job.plan.background_loop)
    info, reason = usable_visual(clip, "video")
    if info is not None:
        try:
            job.loop = make_loop(clip=clip, output=job.plan.output, tmp=job.tmp, store=store,
                                 ffmpeg_binary=settings.FFMPEG_BINARY,
                                 run=lambda argv, frames: runner.run(
                                     [Task(label="background loop", total=frames, steps=[lambda: argv])],
                                     "Making the background loop"))
            runner.logs.append(f"[background loop] {clip.name}: {job.loop.method}, {job.loop.frames} frames, "
                               f"seam {job.loop.seam_ratio:.2f}x the median frame-to-frame change")
            return
        except ValueError as exc:
            reason = str(exc)
    warn(f"The background loop ({clip.name}) {reason}; each scene showed its own picture instead. Choose "
         "another clip in the channel settings.")


def _designed(job: _Job, index: int) -> bool:
    """The scene shows its design (no footage), on the channel's ground."""
    visual = job.scenes[index].visual
    return job.loop is None and (visual.kind not in ("image", "video") or visual.path is None)


def _ground_path(job: _Job) -> Path:
    out = job.plan.output
    return job.tmp / f"ground-{out.width}x{out.height}.bgr0"


def _cover(job: _Job, tail, head, *, frames: int, fade_frames: int):
    """The change between two designs: the next one slides in from the right over the previous one,
    eased, over the crossfade's frames, as one card over another; `frames` of this scene in all (its
    crossfade alone, or the whole scene in a draft preview). A dissolve laid the words of both over
    each other (a ghost of each at half strength); pushing the first out of the top left the middle
    frames bare above the captions. Sideways, the words of both stand at their height throughout."""
    out, fps = job.plan.output, job.fps
    under = tail.filter("format", "yuv420p")
    if frames > fade_frames:  # a draft preview's whole scene: the bare ground once the previous one has gone
        ground_path = _ground_path(job)
        if not ground_path.is_file():
            ground_path.write_bytes(bytes(Canvas(out.width, out.height, job.plan.style).ground().get_data()))
        ground = (ffmpeg.input(str(ground_path), f="rawvideo", pix_fmt="bgr0", s=f"{out.width}x{out.height}",
                               framerate=fps, thread_queue_size=SHARED_QUEUE)
                  .filter("format", "yuv420p").filter("loop", loop=-1, size=1, start=0)
                  .filter("settb", f"1/{fps}").filter("setpts", "N").filter("trim", end_frame=frames))
        under = ffmpeg.filter([ground, under], "overlay", format="yuv420", eof_action="pass")
    # How far the next one has come at frame n: 0 on the first frame (the previous scene as it was),
    # 1 on the last (this scene in place), smooth at both ends.
    done = f"min(1,n/{max(1, fade_frames - 1)})"
    eased = f"({done}*{done}*(3-2*{done}))"
    return ffmpeg.filter([under, head.filter("format", "yuv420p")], "overlay", format="yuv420",
                         x=f"{out.width}*(1-{eased})", y=0)


def _maps_meet(job: _Job, index: int) -> bool:
    """The scene before ends on a map and this one opens on a map: one dissolves into the other, as a
    map zooming out or over. Slid in, the next map's name and place stood off the frame while its land
    covered half of it (as designs.sequence does between its parts)."""
    before, after = job.scenes[index - 1].design, job.scenes[index].design
    last = before.parts[-1] if before is not None and before.parts else before
    first = after.parts[0] if after is not None and after.parts else after
    return last is not None and first is not None and last.layout == first.layout == "map"


def _segment_command(job: _Job, piece: _Piece, out: Path) -> list[str]:
    """A piece's command, without its captions (caption_images.with_captions adds them)."""
    plan, fps, frames, index = job.plan, job.fps, piece.frames, piece.scene
    fade_frames = _fade_frames(job, index)
    shared = bool(piece.first and fade_frames) or plan.watermark is not None  # other inputs beside the picture
    stream = _picture(job, index, start=piece.offset / fps, seconds=frames / fps, shared=shared)
    if piece.first and fade_frames:  # the crossfade piece: exactly the blended frames
        # A map into a map dissolves; the first map's name leaves as the dissolve begins, so that the two
        # names are not laid over each other at half strength (Portugal into Porto: both for 0.4 s).
        ends = job.frames(index - 1) / fps
        tail = _picture(job, index - 1, start=ends, seconds=fade_frames / fps, shared=True,
                        leaves=ends if _maps_meet(job, index) else 0.0)
        # The crossfade: this scene's first frames fade in (alpha) over the previous scene's last
        # ones. Only those frames are blended, in a piece of their own. (Debian's ffmpeg 5.1 xfade
        # works only in 4:4:4 and cost about five times as much per frame.)
        if _designed(job, index - 1) and _designed(job, index) and not _maps_meet(job, index):
            stream = _cover(job, tail, stream, frames=frames, fade_frames=fade_frames)
        elif frames == fade_frames:
            head = (stream.filter("format", "yuv420p").filter("format", "yuva420p")
                    .filter("fade", t="in", st=0, d=fade_frames / fps, alpha=1))
            stream = ffmpeg.filter([tail.filter("format", "yuv420p"), head], "overlay", format="yuv420")
        else:
            # A whole scene in one piece (a draft preview): the previous scene's last frames fade
            # out over this one's first, then this scene goes on alone.
            fading = (tail.filter("format", "yuv420p").filter("format", "yuva420p")
                      .filter("fade", t="out", st=0, d=fade_frames / fps, alpha=1))
            stream = ffmpeg.filter([stream.filter("format", "yuv420p"), fading], "overlay", format="yuv420",
                                   eof_action="pass")
        stream = stream.filter("setsar", 1)
    if plan.watermark is not None:
        stream = watermark(stream, plan.watermark, plan.output)
    if plan.label:
        stream = stamp(stream, plan.label, job.vctx)
    if index == 0 and piece.first:
        stream = stream.filter("fade", t="in", st=0, d=0.4)
    if index == len(job.scenes) - 1 and job.ends_scene(piece):
        stream = stream.filter("fade", t="out", st=f"{max(0.0, frames / fps - 0.6):.3f}", d=0.6)
    stream = stream.filter("format", "yuv420p")
    output = plan.output
    # Segments run `parallel` at a time, so each encoder gets its share of the cores. The same for
    # every piece, whichever starts last: x264's output depends on its threads, and a piece encoded
    # alone after an edit must be the same, bit for bit, as in a full render.
    cores = os.cpu_count() or 2
    threads = max(1, cores // max(1, plan.parallel))
    return (ffmpeg.output(stream, str(out), vcodec="libx264", preset=output.preset, crf=output.crf,
                          pix_fmt="yuv420p", r=output.fps, an=None, f="h264", threads=threads,
                          **{"frames:v": frames, "x264-params": X264_PARAMS})
            .global_args(*QUIET, "-filter_complex_threads", str(threads)).overwrite_output()
            .compile(cmd=settings.FFMPEG_BINARY))


def _write_subtitles(job: _Job, pieces: list[_Piece], out_path: Path, warn: Callable[[str], None],
                     ) -> tuple[list[str], list[list[subtitles.Look]], Path | None, Path | None]:
    """The captions' ASS header and each segment's looks (timed from its start, so a segment's frames
    do not depend on where it falls in the video; caption_images draws them), the whole video's ASS
    file for keeping, and the whole video's captions as SubRip (for YouTube, whatever the burnt-in
    style)."""
    plan, output = job.plan, job.plan.output
    style = plan.style
    # The Shorts look: large captions, a few words at a time, the word being spoken lit up.
    style_name = "shorts" if job.loop is not None and style.subtitle_style != "none" else style.subtitle_style
    max_words = subtitles.max_words_per_cue(output.width, output.height, style_name)
    line_width = subtitles.line_em(output.width, output.height, style_name)
    cues = []
    for index, scene in enumerate(job.scenes):
        if not scene.card:
            cues.extend(subtitles.build_cues(scene.words, job.bounds[index] / job.fps, max_words, 2 * line_width))
    if style_name == "shorts":
        cues = subtitles.word_by_word(cues)
    text = " ".join(w.word for cue in cues for w in cue.words)
    font, missing = caption_font(job.vctx.font, text, plan.language)
    if missing and style_name != "none":
        warn(missing)
    scale = 1.0 if font == job.vctx.font else em_ratio(font.path) / em_ratio(job.vctx.font.path)
    common = {"width": output.width, "height": output.height, "style_name": style_name,
              "font_family": font.family, "karaoke": style.karaoke and style_name != "shorts",
              "accent": style.accent_color, "emoji": emoji_font() is not None, "size_scale": scale}
    header, per_segment = None, []
    for piece in pieces:
        first = job.bounds[piece.scene] + piece.offset
        header, looks = subtitles.looks(cues, window=(first / job.fps, (first + piece.frames) / job.fps), **common)
        per_segment.append(looks)
    whole = out_path.with_suffix(".ass")
    partial = job.tmp / "whole.ass"
    caption_cues = []
    for index, scene in enumerate(job.scenes):
        if not scene.card:
            caption_cues.extend(captions.caption_cues(scene.words, job.bounds[index] / job.fps))
    srt = out_path.with_suffix(".srt")
    return (header or [], per_segment, whole if subtitles.write_ass(partial, cues, **common) else None,
            srt if captions.write_srt(job.tmp / "whole.srt", caption_cues) else None)


def _scene_starts(job: _Job) -> tuple[float, ...]:
    """Where each narrated scene (cards left out) starts in the finished video, in seconds."""
    return tuple(job.bounds[index] / job.fps for index, scene in enumerate(job.scenes) if not scene.card)


def _prepare(plan: RenderPlan, tmp: Path, warn: Callable[[str], None]) -> _Job:
    """Everything the soundtrack needs (the footage is checked afterwards, while it renders)."""
    scenes = plan.timeline()
    if not scenes:
        raise RenderError("There is nothing to render: the script has no scenes.")
    font = find_font(plan.style.font_name)
    if font.fallback and plan.style.font_name.strip().lower() != font.family.lower():
        warn(f"The font {plan.style.font_name!r} is not installed here; the bundled DejaVu Sans was used. "
             "Install the font or pick another in the channel settings.")
    if not font.path.is_file():
        font = bundled_font()
    music_info = readable_media(plan.music.path) if plan.music is not None else None
    if plan.music is not None and (music_info is None or not music_info.has_audio):
        warn(f"The music bed (“{plan.music.name or Path(plan.music.path).name}”) cannot be read; rendered without "
             "music.")
        plan = dataclasses.replace(plan, music=None)
    if plan.background_loop is not None:  # the loop runs on across scenes: nothing to crossfade
        plan = dataclasses.replace(plan, crossfade=0.0)
    vctx = VisualContext(output=plan.output, style=plan.style, font=font, work_dir=tmp, feeds=Feeds(tmp))
    return _Job(plan=plan, scenes=scenes, bounds=_frame_bounds(scenes, plan.output.fps),
                clip_seconds={}, vctx=vctx, tmp=tmp, warnings=[])


def _check_footage(job: _Job, warn: Callable[[str], None]) -> None:
    """The footage checked (its probes mostly wait on ffprobe) while each scene's design is chosen
    (pure Python, about 0.25 s a minute); the warnings are given here, in order, once both are done."""
    found: list[str] = []
    with ThreadPoolExecutor(max_workers=1) as pool:
        checking = pool.submit(_vet_visuals, job.plan, job.scenes, found.append)
        designed = with_designs(job.scenes, job.plan.language or "en")
        vetted, job.clip_seconds, job.cost = checking.result()
    job.scenes = tuple(dataclasses.replace(scene, design=chosen.design)
                       for scene, chosen in zip(vetted, designed, strict=True))
    out = job.plan.output
    for index in range(len(job.scenes)):
        if _designed(job, index) and job.scenes[index].design is not None and still_frame(
                job.scenes[index].design, job.plan.style, width=out.width, height=out.height, fps=out.fps,
                span=job.span(index)) is None:
            job.cost[index] = MOVING_DESIGN_COST
    for message in found:
        warn(message)
    if job.plan.watermark is not None and usable_visual(job.plan.watermark, "image")[0] is None:
        warn(f"The watermark (“{job.plan.watermark_name or Path(job.plan.watermark).name}”) cannot be read; "
             "rendered without it.")
        job.plan = dataclasses.replace(job.plan, watermark=None)


def _verify(path: Path, job: _Job) -> dict:
    info = probe(path, count_frames=True)
    expected_frames, output = job.bounds[-1], job.plan.output
    expected_seconds = expected_frames / job.fps
    problems = []
    if info is None or not info.has_video:
        raise RenderError("The finished video could not be read back; see the render log.")
    if (info.width, info.height) != (output.width, output.height):
        problems.append(f"size {info.width}x{info.height}, expected {output.width}x{output.height}")
    if info.frames != expected_frames:
        problems.append(f"{info.frames} frames, expected {expected_frames}")
    if not info.has_audio:
        problems.append("no audio stream")
    if abs(info.duration - expected_seconds) > 0.2:
        problems.append(f"{info.duration:.2f} s long, expected {expected_seconds:.2f} s")
    if problems:
        raise RenderError("The finished video failed its checks (" + "; ".join(problems) + "). Render again; "
                          "if it keeps failing, send the render log to support.")
    return {"duration": info.duration, "width": info.width, "height": info.height, "fps": info.fps,
            "frames": info.frames}


def _thumbnails(job: _Job, out_path: Path, store: RenderCache | None, warn: Callable[[str], None]) -> ThumbnailStep:
    """Three designed thumbnails over the video's best frame (videos.render.thumbnail)."""
    spans = [job.span(index) for index in range(len(job.scenes))]
    found = candidates(job.scenes, spans=spans, clip_seconds=job.clip_seconds, bounds=job.bounds, fps=job.fps,
                       at=job.plan.thumbnail_at)
    return ThumbnailStep(plan=job.plan, font_family=job.vctx.font.family, font_path=job.vctx.font.path,
                         found=found, tmp=job.tmp, out_path=out_path, store=store, warn=warn,
                         shown=designs(job.scenes))


def _key(job: _Job, argv: list[str], out: Path, candidates: list[Path | str | None]) -> str:
    """The key of a command that draws pictures: the command itself (with the files it reads from
    the render's folder, such as subtitles and on-screen text, by their bytes), and those of the
    `candidates` (footage, watermark, font) that it names."""
    command = " ".join(argv)
    # Those it reads, each once: a scene whose neighbour shows the same file must keep its key
    # when the neighbour changes to it or away from it.
    inputs = list(dict.fromkeys(str(path) for path in candidates if path is not None and str(path) in command))
    # A designed scene's pipe is named by what its frames are: the design, the look, the frames; a
    # still scaled once for the render by the still it is scaled from.
    names = {str(feed.path): feed.key for feed in job.vctx.feeds.named_in(argv)}
    names |= {str(raw): f"<still {file_fingerprint(path)}>" for path, raw in job.vctx.stills.items()
              if str(raw) in command}
    ground = _ground_path(job)
    if str(ground) in command:  # the designs' ground, by what it is drawn from (not its 8 MB read again)
        style = job.plan.style
        names[str(ground)] = f"<ground {style.primary_color} {style.accent_color} designs {DESIGNS_VERSION}>"
    return command_key(argv, work_dir=job.tmp, out=out, inputs=inputs, replacements=names)


def _segment_key(job: _Job, piece: _Piece, argv: list[str], out: Path) -> str:
    """Everything that determines a piece's frames: its command (the scene's picture and timing, the
    crossfade from the previous scene, the output settings), its subtitles and on-screen text, the
    designs it draws, and the footage, watermark and font it reads."""
    index = piece.scene
    candidates = [job.scenes[index].visual.path, job.plan.watermark, job.vctx.font.path]
    if index > 0:
        candidates.append(job.scenes[index - 1].visual.path)
    return _key(job, argv, out, candidates)


def _stored(store: RenderCache, key: str, path: Path, frames: int, made: float) -> Path:
    """A new segment goes into the cache once ffmpeg has reported writing all its frames (its
    closing progress line; reading a raw H.264 piece back to count them took longer than the join)."""
    if round(made) != frames or not path.is_file():
        return path  # joined from where it is: the check of the whole video reports the fault
    return store.store(key, path, SEGMENT_SUFFIX, frames)


SEGMENT_SUFFIX = ".h264"


def _timescale(fps: int) -> int:
    """The MP4 track's clock: ffmpeg's own choice for a stream at `fps` (doubled until at least
    10000), so every frame lasts a whole number of ticks."""
    scale = fps
    while scale < 10000:
        scale *= 2
    return scale


def _join_command(job: _Job, pieces_in_time: list[Path], soundtrack: Path, out: Path) -> list[str]:
    """The pieces are read as one H.264 stream (ffmpeg's concatf protocol: a list of files read one
    after the other, one line each), timed at the output's frame rate, and muxed with the
    soundtrack by stream copy."""
    listing = job.tmp / "segments.txt"
    for path in pieces_in_time:
        if "\n" in str(path) or "\r" in str(path):
            raise RenderError(f"A render folder's name holds a line break ({path.parent}); rename it and render again.")
    listing.write_text("".join(f"file:{path.resolve()}\n" for path in pieces_in_time), encoding="utf-8")
    video = ffmpeg.input(f"concatf:{listing.resolve()}", f="h264", r=job.fps).video
    # The soundtrack's AAC frames carry no timing of their own: starting it one frame early marks the
    # encoder's priming frame to be skipped (the MP4's edit list), as the encoder itself would.
    sound = ffmpeg.input(str(soundtrack), f="aac", itsoffset=f"{-audio.FRAME / audio.SAMPLE_RATE:.9f}").audio
    return (ffmpeg.output(video, sound, str(out), c="copy", movflags="+faststart",
                          video_track_timescale=_timescale(job.fps), f="mp4")
            .global_args(*QUIET).overwrite_output().compile(cmd=settings.FFMPEG_BINARY))


def _redone(job: _Job, fresh: list[_Piece]) -> tuple[tuple[int, ...], int]:
    """The narrated scenes (positions in plan.scenes) that fresh pieces re-encode, and how many there
    are. A scene whose only fresh piece is the crossfade into it, made again because the scene before
    it changed, is not counted: that is the change of the scene before."""
    crossfades = {p.scene for p in fresh if p.first and _fade_frames(job, p.scene) > 0}
    timeline = {p.scene for p in fresh if p.scene not in crossfades or not p.first}
    timeline |= {i for i in crossfades if i - 1 not in timeline}
    offset = 1 if job.plan.intro_text.strip() else 0
    narrated = sorted(i - offset for i in timeline if 0 <= i < len(job.scenes) and not job.scenes[i].card)
    return tuple(narrated), len(job.plan.scenes)


def render_video(plan: RenderPlan, *, work_dir: Path, out_path: Path, on_progress: ProgressCallback | None = None,
                 should_cancel: Callable[[], bool] | None = None,
                 on_warning: Callable[[str], None] | None = None, cache_dir: Path | None = None,
                 on_redo: Callable[[tuple[int, ...], int], None] | None = None,
                 cache: RenderCache | None = None) -> RenderResult:
    """Render the plan to `out_path` (written under a temporary name, probed, then renamed).

    `on_progress(percent, stage)` is called about twice a second; `should_cancel()` is polled and a
    True stops every ffmpeg at once. Raises RenderError (DiskFull) with a message for the user, or
    RenderCancelled; either way no temporary file is left behind.

    With a `cache_dir` (one per video), finished segments and the soundtrack are kept there, and a
    later render re-encodes only the pieces whose inputs changed; its output is the same, frame for
    frame, as a render without the cache. Two renders with the same cache folder run one after the
    other.

    `on_redo(scenes, total)` is called once it is known which of the plan's `total` narrated scenes
    are encoded again (0-based positions in `plan.scenes`); the others come from the cache. A crossfade
    re-encoded only because the scene before it changed counts for that scene, not its own.

    `cache` replaces the plain RenderCache of `cache_dir` (e.g. one that also keeps its entries in the
    media store, for other machines); `cache_dir` is still the folder the render locks."""
    report = on_progress or (lambda percent, stage: None)
    with locked(Path(cache_dir) if cache_dir else None, should_cancel=should_cancel,
                on_wait=lambda: report(0, "Waiting for the other update of this video to finish")):
        return _render(plan, Path(work_dir), Path(out_path), report, should_cancel, on_warning,
                       cache or (RenderCache(Path(cache_dir)) if cache_dir else None), on_redo)


def _render(plan: RenderPlan, work_dir: Path, out_path: Path, report: ProgressCallback,
            should_cancel: Callable[[], bool] | None, on_warning: Callable[[str], None] | None,
            store: RenderCache | None,
            on_redo: Callable[[tuple[int, ...], int], None] | None = None) -> RenderResult:
    started = time.monotonic()
    warnings: list[str] = []

    def warn(message: str) -> None:
        warnings.append(message)
        if on_warning:
            on_warning(message)

    check_disk(work_dir, out_path.parent)
    tmp = work_dir / f"render-{uuid.uuid4().hex[:10]}.work"
    tmp.mkdir(parents=True)
    partial_video = out_path.with_name(f"{out_path.stem}.partial.mp4")
    runner = Runner(work_dir=tmp, parallel=plan.parallel, should_cancel=should_cancel,
                    on_progress=lambda fraction, stage: None, feeds=None)
    try:
        report(1, "Preparing the render")
        job = _prepare(plan, tmp, warn)
        runner.feeds = job.vctx.feeds  # a command that reads a designed scene's pipe starts its writer
        # The soundtrack needs nothing from the footage: it starts now, in one of the slots.
        soundtrack = tmp / "soundtrack.aac"
        sounds = Soundtrack(scenes=job.scenes, bounds=job.bounds, fps=job.fps, music=job.plan.music,
                            tmp=tmp, out=soundtrack, store=store)
        sound = sounds.task
        sound.weight = job.bounds[-1] * 0.08 / sound.total  # short work: it counts as 8% of the frames
        runner.submit([sound])
        _check_footage(job, warn)
        if job.plan.background_loop is not None:
            _background_loop(job, runner, store, warn)
        pieces = _pieces(job)
        if job.loop is None:  # each still is scaled once, into the raw file its pieces read
            paths = dict.fromkeys(str(s.visual.path) for s in job.scenes if s.visual.kind == "image" and s.visual.path)
            job.vctx = dataclasses.replace(job.vctx, stills={path: tmp / f"still-{n:03d}.yuv"
                                                             for n, path in enumerate(paths)})
        header, looks, whole_ass, whole_srt = _write_subtitles(job, pieces, out_path, warn)
        segments = [tmp / f"segment-{number:04d}{SEGMENT_SUFFIX}" for number in range(len(pieces))]
        commands = [_segment_command(job, piece, segments[n]) for n, piece in enumerate(pieces)]
        # A piece's captions are keyed by what libass draws for it (the style, each look's text and
        # times), so that only the pieces encoded now have theirs drawn.
        keys = [_segment_key(job, piece, [*commands[n], *header, *map(repr, looks[n])], segments[n]) if store
                else "" for n, piece in enumerate(pieces)]
        fresh = []
        for n, piece in enumerate(pieces):
            kept = store.lookup(keys[n], SEGMENT_SUFFIX, piece.frames) if store else None
            if kept is None:
                fresh.append(n)
            else:
                segments[n] = kept
        # The stills the pieces to encode show are scaled in a free slot while the captions are drawn.
        wanted = {path: raw for path, raw in job.vctx.stills.items() if any(str(raw) in commands[n] for n in fresh)}
        scaled = None
        if wanted:
            scale = prescale_command(wanted, job.plan.output, settings.FFMPEG_BINARY, QUIET)
            scaled = Task(label="stills", total=len(wanted), steps=[lambda: scale])
            runner.submit([scaled])
        drawn, command = caption_images.draw(header, [looks[n] for n in fresh], width=job.plan.output.width,
                                             height=job.plan.output.height, fonts_dir=job.vctx.font.directory, tmp=tmp,
                                             ffmpeg_binary=settings.FFMPEG_BINARY)
        if command is not None:
            runner.commands.append(command)
        for n, shown in zip(fresh, drawn, strict=True):  # the captions last, over the finished picture
            commands[n] = caption_images.with_captions(commands[n], shown.runs(pieces[n].frames, job.fps), job.fps)
        if scaled is not None:
            runner.run([scaled], "Preparing the pictures")
        changed = sorted({pieces[n].scene for n in fresh})
        if on_redo is not None:
            on_redo(*_redone(job, [pieces[n] for n in fresh]))
        stage = ("Rendering scenes" if len(fresh) == len(pieces) else
                 f"Rendering {len(changed)} changed scene{'s' * (len(changed) != 1)} of {len(job.scenes)}")

        def keep(n: int) -> None:
            """Into the cache as soon as the piece is made, beside the pieces still encoding."""
            if store is not None:
                segments[n] = _stored(store, keys[n], segments[n], pieces[n].frames, encodes[n].done)

        # The thumbnails (unless they are kept, or not wanted) need none of the pieces: they start
        # halfway through them, so that the short pieces still end the render with both cores at work
        # and the join does not wait for them (last, they kept one core alone for about a second).
        thumbs = _thumbnails(job, out_path, store, warn) if plan.thumbnail else None
        encodes = {n: Task(label=f"scene {pieces[n].scene + 1} of {len(job.scenes)} (frames {pieces[n].offset + 1}-"
                                 f"{pieces[n].offset + pieces[n].frames})", total=pieces[n].frames,
                           steps=[lambda n=n: commands[n], lambda n=n: keep(n)], heavy=_crossfade(job, pieces[n]))
                   for n in fresh}
        ordered = list(encodes.values())
        if thumbs is not None and thumbs.task is not None:
            ordered.insert(len(ordered) // 2, thumbs.task)
        tasks = [sound, *ordered]
        runner.on_progress = lambda fraction, stage: report(3 + fraction * 87, stage)
        runner.run(tasks, stage)
        runner.on_progress = lambda fraction, stage: None  # the short steps below report their own stage
        report(91, "Joining scenes")
        in_time = sorted(range(len(pieces)), key=lambda n: (pieces[n].scene, pieces[n].offset))
        join = _join_command(job, [segments[n] for n in in_time], soundtrack, partial_video)
        runner.run([Task(label="join", total=1, steps=[lambda: join])], "Joining scenes")
        report(94, "Checking the video")
        checked = _verify(partial_video, job)
        if whole_ass is not None:
            (tmp / "whole.ass").replace(whole_ass)
        if whole_srt is not None:
            (tmp / "whole.srt").replace(whole_srt)
        partial_video.replace(out_path)
        made = thumbs.finish() if thumbs is not None else []
        if store is not None:
            store.trim(keep={*keys, *sounds.keys, *(thumbs.keys if thumbs else ())},
                       budget=settings.RENDER_CACHE_VIDEO_BYTES)
        report(100, "Rendered")
        return RenderResult(path=out_path, size_bytes=out_path.stat().st_size,
                            thumbnail_path=made[0][1] if made else None,
                            thumbnails=tuple({**info, "path": path} for info, path in made),
                            subtitles_path=whole_ass, captions_path=whole_srt, scene_starts=_scene_starts(job),
                            commands=tuple(runner.commands), log="\n\n".join(runner.logs),
                            warnings=tuple(warnings), render_seconds=time.monotonic() - started,
                            segments_encoded=len(fresh), segments_reused=len(pieces) - len(fresh), **checked)
    except OSError as exc:
        if exc.errno == 28:  # ENOSPC while writing lists, subtitles or renaming
            raise DiskFull("The disk filled up during the render. Free some space and render again; nothing "
                           "from this attempt was kept.") from exc
        raise
    finally:
        runner.kill_all()
        shutil.rmtree(tmp, ignore_errors=True)
        partial_video.unlink(missing_ok=True)
