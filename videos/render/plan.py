"""The render plan: everything a render needs, as plain frozen values (no models, no settings)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from videos.render.designs.base import Design
from videos.render.look import Style
from videos.voice.base import WordTiming

FRAME_SIZES = {"16:9": (1920, 1080), "9:16": (1080, 1920), "1:1": (1080, 1080)}


@dataclass(frozen=True)
class Visual:
    kind: str  # "image", "video" or "generated"
    path: Path | None = None
    name: str = ""  # the file's own name (as uploaded), for messages: the library stores it under its hash


@dataclass(frozen=True)
class ScenePlan:
    duration: float
    narration_path: Path | None = None  # None for silent cards (intro, outro)
    words: tuple[WordTiming, ...] = ()
    on_screen_text: str = ""
    visual: Visual = Visual("generated")
    card: bool = False  # a title card: large centred text, no subtitles
    # What the scene shows when it has no usable footage (videos.render.designs); None: chosen from
    # its words when the render starts.
    design: Design | None = None


@dataclass(frozen=True)
class Music:
    path: Path
    volume_db: float = -18.0
    name: str = ""  # as Visual.name


@dataclass(frozen=True)
class Output:
    width: int = 1920
    height: int = 1080
    fps: int = 30
    preset: str = "veryfast"
    crf: int = 21

    @classmethod
    def for_aspect(cls, aspect_ratio: str, **overrides) -> Output:
        width, height = FRAME_SIZES[aspect_ratio]
        return cls(width=width, height=height, **overrides)

    def draft(self) -> Output:
        """The same frame shape at 480 lines (854x480 for 16:9) and at most 15 frames a second,
        x264's fastest preset and a lower quality: a preview to review, not to publish. (At 30
        frames a second a first draft took about a quarter of the full render's time.)"""
        scale = DRAFT_LINES / min(self.width, self.height)
        return Output(width=round(self.width * scale / 2) * 2, height=round(self.height * scale / 2) * 2,
                      fps=min(self.fps, DRAFT_FPS), preset="ultrafast", crf=26)


DRAFT_LINES = 480
DRAFT_FPS = 15


@dataclass(frozen=True)
class RenderPlan:
    scenes: tuple[ScenePlan, ...]
    output: Output = Output()
    style: Style = field(default_factory=Style)
    title: str = ""
    # The script's language code: the captions' and thumbnails' fonts, words and line breaks follow it.
    language: str = ""
    music: Music | None = None
    watermark: Path | None = None
    watermark_name: str = ""  # as Visual.name
    intro_text: str = ""
    outro_text: str = ""
    thumbnail_at: float | None = None  # seconds into the video; None picks the first scene's middle
    crossfade: float = 0.5
    card_seconds: float = 2.5
    parallel: int = 2
    # Words stamped in the top-left corner of every frame, such as "DRAFT PREVIEW"; "" for none.
    label: str = ""
    # Each scene in pieces (its crossfade, then the rest in two), so an update of one scene redoes
    # little and uses both cores; a draft preview makes each scene whole in one piece instead,
    # saving two ffmpeg starts (about a quarter of a CPU second each) per scene.
    split_scenes: bool = True
    thumbnail: bool = True  # a draft preview has none
    # The Shorts look: this clip, looped without a seam, behind every scene, with word-by-word captions.
    background_loop: Path | None = None
    extra: dict = field(default_factory=dict, hash=False, compare=False)

    def timeline(self) -> tuple[ScenePlan, ...]:
        """The scenes as rendered: intro and outro cards around the narrated scenes."""
        cards = []
        if self.intro_text.strip():
            cards.append(ScenePlan(duration=self.card_seconds, on_screen_text=self.intro_text.strip(), card=True,
                                   design=Design("title", headline=self.intro_text.strip())))
        cards.extend(self.scenes)
        if self.outro_text.strip():
            cards.append(ScenePlan(duration=self.card_seconds, on_screen_text=self.outro_text.strip(), card=True,
                                   design=Design("title", headline=self.outro_text.strip())))
        return tuple(cards)


@dataclass(frozen=True)
class RenderResult:
    path: Path
    duration: float
    width: int
    height: int
    fps: float
    size_bytes: int
    frames: int
    thumbnail_path: Path | None  # the first of `thumbnails`
    subtitles_path: Path | None
    commands: tuple[str, ...]
    log: str
    warnings: tuple[str, ...]
    render_seconds: float
    segments_encoded: int = 0  # pieces encoded by this render
    segments_reused: int = 0  # pieces taken from the video's render cache
    # Each thumbnail variant: {"layout", "label", "words", "bytes", "type_px_at_168", "contrast_at_168", "path"}.
    thumbnails: tuple[dict, ...] = ()
    captions_path: Path | None = None  # the narration's captions as SubRip, for YouTube
    scene_starts: tuple[float, ...] = ()  # where each narrated scene starts in the video, in seconds
