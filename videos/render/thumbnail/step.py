"""The thumbnails as a step of a render: their candidate frames from the plan's scenes, their key in
the video's render cache (the title, the channel's look and the footage they may show, so an edit
of the narration keeps them), and the files beside the video."""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

from django.conf import settings

from videos.render.cache import RENDERER_VERSION, RenderCache, file_fingerprint
from videos.render.designs import Design
from videos.render.plan import RenderPlan, ScenePlan
from videos.render.runner import Task
from videos.render.thumbnail import ORDER, Candidate, designed, make_thumbnails

log = logging.getLogger(__name__)

# Bump when a change here changes the pictures drawn for the same inputs.
THUMBNAIL_VERSION = "cairo-7"  # 2: stills scored from a reduced-size decode; 3: words never cut a phrase;
# 4: a long word broken where its language hyphenates it; 5: no word of one or two letters on a line alone;
# 6: without footage, the video's own map under the words (without a map, its number beside the panel);
# 7: the number beside the frame layout's words too, both on the scenes' own ground
INFO_SUFFIX = ".thumbinfo"


def candidates(scenes: Sequence[ScenePlan], *, spans: Sequence[float], clip_seconds: dict[int, float],
               bounds: Sequence[int], fps: int, at: float | None) -> list[Candidate]:
    """The scenes' own pictures (no card, no generated background); a clip offers three moments.
    With `at` (a time the person chose), the picture shown then, if it is footage."""
    found = []
    for index, scene in enumerate(scenes):
        visual = scene.visual
        if scene.card or visual.kind not in ("image", "video") or visual.path is None:
            continue
        if at is not None and not bounds[index] <= at * fps < bounds[index + 1]:
            continue
        if visual.kind == "image":
            found.append(Candidate(Path(visual.path), "image"))
            continue
        length = min(clip_seconds.get(index) or spans[index], spans[index])
        moments = [at - bounds[index] / fps] if at is not None else [length * share for share in (0.3, 0.5, 0.7)]
        clip = clip_seconds.get(index) or 0.0
        found += [Candidate(Path(visual.path), "video", (moment % clip) if clip else moment) for moment in moments]
    if at is not None and not found:
        return candidates(scenes, spans=spans, clip_seconds=clip_seconds, bounds=bounds, fps=fps, at=None)
    return found


def designs(scenes: Sequence[ScenePlan]) -> list[Design]:
    """The designs the scenes without footage show (no card): what a thumbnail may show when no
    frame of footage is usable."""
    return [scene.design for scene in scenes if scene.design is not None and not scene.card
            and (scene.visual.kind not in ("image", "video") or scene.visual.path is None)]


class ThumbnailStep:
    def __init__(self, *, plan: RenderPlan, font_family: str, font_path: Path, found: list[Candidate],
                 tmp: Path, out_path: Path, store: RenderCache | None, warn: Callable[[str], None],
                 shown: Sequence[Design] = ()) -> None:
        self.plan, self.font_family, self.found, self.store, self.warn = plan, font_family, found, store, warn
        self.tmp, self.out_path = tmp, out_path
        # only the one design a thumbnail may show is in the key: a change to another keeps them
        self.design = designed.chosen(shown)
        style = plan.style
        parts = [RENDERER_VERSION, THUMBNAIL_VERSION, plan.title, plan.language, style.primary_color,
                 style.accent_color, font_family, file_fingerprint(font_path),
                 *(f"{c.kind}:{c.at:.3f}:{file_fingerprint(c.path)}" for c in found),
                 self.design.fingerprint() if self.design is not None else ""]
        self.key = hashlib.sha256("\x01".join(parts).encode()).hexdigest()[:32]
        self.partials = {name: tmp / f"thumbnail-{name}.jpg" for name in ORDER}
        self.info: list[dict] = []
        self.failure = ""
        self.kept = self._from_cache()
        self.task = None if self.kept else Task(label="thumbnails", steps=[self._make], total=1)

    @property
    def keys(self) -> set[str]:
        return {f"{self.key}-{name}" for name in ORDER} | {f"{self.key}-info"}

    def _from_cache(self) -> bool:
        if self.store is None:
            return False
        record = self.store.lookup(f"{self.key}-info", INFO_SUFFIX)
        kept = {name: self.store.lookup(f"{self.key}-{name}", ".jpg") for name in ORDER}
        if record is None or any(path is None for path in kept.values()):
            return False
        for name, path in kept.items():
            shutil.copyfile(path, self.partials[name])
        self.info = json.loads(record.read_text(encoding="utf-8"))
        return True

    def _make(self) -> None:  # a runner step with no command: it returns None
        try:
            self._draw()
        except Exception as exc:  # the video matters more: it is kept without thumbnails
            log.exception("thumbnails.failed")
            self.info = []
            # Said from the render's own thread (finish), not this one: the warning may be written to the job row.
            self.failure = (f"The thumbnails could not be drawn ({type(exc).__name__}: {exc}); the video was made "
                            "without them. Render again to retry; if it fails again, send the render log to support.")

    def _draw(self) -> None:
        made = make_thumbnails(title=self.plan.title or "Untitled", language=self.plan.language,
                               font_family=self.font_family, primary_color=self.plan.style.primary_color,
                               accent_color=self.plan.style.accent_color, candidates=self.found,
                               out_paths=self.partials, designs=[self.design] if self.design else [],
                               ffmpeg=settings.FFMPEG_BINARY)
        self.info = [thumb.as_dict() for thumb in made]

    def finish(self) -> list[tuple[dict, Path]]:
        """Move the thumbnails beside the video (<name>.thumb-<layout>.jpg) and keep copies in the
        cache; returns each one's record and path, in ORDER."""
        if self.failure:
            self.warn(self.failure)
        done = []
        for entry in self.info:
            name = entry["layout"]
            final = self.out_path.with_name(f"{self.out_path.stem}.thumb-{name}.jpg")
            if self.store is not None and not self.kept:
                copy = self.tmp / f"thumbnail-{name}-kept.jpg"
                shutil.copyfile(self.partials[name], copy)
                self.store.store(f"{self.key}-{name}", copy, ".jpg")
            self.partials[name].replace(final)
            done.append((entry, final))
        if self.store is not None and not self.kept and done:
            record = self.tmp / "thumbnails.thumbinfo"
            record.write_text(json.dumps(self.info), encoding="utf-8")
            self.store.store(f"{self.key}-info", record, INFO_SUFFIX)
        return done
