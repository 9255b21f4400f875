"""Footage for every scene: search the channel's sources in its order, rank what they offer by fit,
skip what the channel used in its last N videos, keep the best and store the runner-ups so a person
can swap. A scene nothing fits keeps no asset and says why; the renderer draws a background then.

Provider trouble never fails the job: a spent budget moves on to the next source (or waits a
little when every source is spent), and other errors become warnings on the job.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from typing import Any

from django.conf import settings

from assets.models import Asset
from assets.scoring import Fit, fit, scene_seconds
from assets.selectors import asset_used_in_recent_videos
from assets.services.library import asset_download
from assets.sources import get_source
from assets.sources.base import Candidate, FootageSource, RateLimited, SourceError
from assets.sources.library import LibrarySource
from videos.services.jobs import StepFailed

ORIENTATION = {"16:9": "landscape", "9:16": "portrait", "1:1": "square"}
GOOD_ENOUGH = 0.7  # a candidate this good stops the search: later sources' budgets are not spent
MIN_FIT = 0.35  # below this a designed scene serves the scene better
KEEP_CANDIDATES = 8
MAX_DOWNLOAD_TRIES = 3


class FootageError(ValueError):
    """A footage change the user asked for cannot be made; the message says why."""


@dataclass
class _Run:
    """One matching run: the channel's sources and what happened to each so far."""

    channel: Any
    ctx: Any
    sources: list[FootageSource]
    subjects: tuple[str, ...] = ()  # the video's topic and title, the channel's niche: for scenes that name
    # nothing filmable
    spent_until: dict[str, float] = field(default_factory=dict)
    broken: dict[str, str] = field(default_factory=dict)
    warned: set[str] = field(default_factory=set)

    def warn(self, message: str) -> None:
        if message not in self.warned and self.ctx is not None:
            self.ctx.warn(message)
        self.warned.add(message)

    def usable(self) -> list[FootageSource]:
        now = time.time()
        return [s for s in self.sources if s.name not in self.broken and self.spent_until.get(s.name, 0) <= now]


def step_match_footage(ctx) -> None:
    if ctx.video is None:
        raise StepFailed("Finding footage works on a video; this job has none.")
    footage_match(video=ctx.video, ctx=ctx)
    ctx.progress(100, "Footage found")


def _sources(channel, ctx) -> list[FootageSource]:
    chosen: list[FootageSource] = []
    for name in channel.footage_sources or ["library"]:
        try:
            source = LibrarySource(channel) if name == "library" else get_source(name)
        except SourceError as exc:
            problem = exc.message
        else:
            if source.unattended:
                chosen.append(source)
                continue
            problem = (f"{name.capitalize()} is offered when you pick a scene's footage yourself, not in "
                       "automatic matching: its API guidelines ask for non-automated use.")
        if ctx is not None:
            ctx.warn(problem)
    return chosen


def footage_match(*, video, ctx=None) -> list:
    """Choose footage for every scene of the video's current script; returns the scenes."""
    script = video.current_script
    if script is None:
        raise StepFailed("This video has no script yet: write the script first, then find footage.")
    channel = video.channel
    run = _Run(channel=channel, ctx=ctx, sources=_sources(channel, ctx),
               subjects=tuple(dict.fromkeys(part.strip() for part in (video.topic, script.title, channel.niche)
                                            if part.strip())))
    avoid_ids = asset_used_in_recent_videos(channel=channel, videos=channel.avoid_reuse_videos, exclude_video=video)
    avoid_keys = set(Asset.objects.filter(pk__in=avoid_ids).values_list("source", "provider_id"))
    scenes = list(script.scenes.order_by("position"))
    for index, scene in enumerate(scenes):
        if ctx is not None:
            ctx.raise_if_cancelled()
            ctx.progress(100 * index / len(scenes), "Finding footage",
                         f"Scene {index + 1} of {len(scenes)}: {_query(scene)[:80]}")
        _match_scene(scene, run, avoid_ids=avoid_ids, avoid_keys=avoid_keys)
        if scene.asset_id:  # one video does not show the same footage twice either
            avoid_ids.add(scene.asset_id)
            avoid_keys.add((scene.asset.source, scene.asset.provider_id))
    return scenes


def _query(scene) -> str:
    return scene.visual_query.strip() or " ".join(scene.narration.split()[:6])


def _match_scene(scene, run: _Run, *, avoid_ids: set[int], avoid_keys: set[tuple[str, str]]) -> None:
    ranked, problems = _gather(scene, run, avoid_ids=avoid_ids, avoid_keys=avoid_keys)
    if not _fitting(ranked) and _wait_for_budget(run):
        ranked, problems = _gather(scene, run, avoid_ids=avoid_ids, avoid_keys=avoid_keys)
    chosen, download_errors = _choose(ranked, run, avoid_ids=avoid_ids)
    scene.footage_candidates = [_stored(c, f) for c, f in ranked[:KEEP_CANDIDATES]]
    if chosen is None:
        scene.asset = None
        # The real cause first: candidates that fitted but could not be fetched say the source's error.
        causes = [f"every fitting candidate failed to download: {'; '.join(_unique(download_errors))}"] \
            if download_errors else []
        causes += problems
        why = "; ".join(causes) if causes else "no candidate fitted"
        scene.footage_reason = (f'No footage for "{_query(scene)[:60]}" ({why}): '
                                "the scene shows a design drawn from its words.")[:300]
    else:
        scene.asset, (candidate, scored) = chosen
        scene.footage_reason = describe(candidate, scored)[:300]
    scene.save(update_fields=["asset", "footage_reason", "footage_candidates"])


def _fitting(ranked: list[tuple[Candidate, Fit]]) -> bool:
    return bool(ranked) and ranked[0][1].score >= MIN_FIT


def _gather(scene, run: _Run, *, avoid_ids, avoid_keys) -> tuple[list[tuple[Candidate, Fit]], list[str]]:
    """Candidates for the scene's own footage query; when none fits (the scene names a person or a
    place no library item shows), for the video's subject instead."""
    ranked, problems = _gather_for(_query(scene), scene, run, avoid_ids=avoid_ids, avoid_keys=avoid_keys)
    for subject in run.subjects:
        if _fitting(ranked):
            break
        if subject.lower() == _query(scene).lower():
            continue
        broader, more = _gather_for(subject, scene, run, avoid_ids=avoid_ids, avoid_keys=avoid_keys)
        if _fitting(broader) or not ranked:
            ranked = broader
        problems += [p for p in more if p not in problems]
    return ranked, problems


def _gather_for(query: str, scene, run: _Run, *, avoid_ids, avoid_keys) -> tuple[list[tuple[Candidate, Fit]],
                                                                                  list[str]]:
    frame = run.channel.frame_size
    seconds = scene_seconds(scene.narration, scene.narration_seconds)
    orientation = ORIENTATION.get(run.channel.aspect_ratio, "landscape")
    pool: dict[tuple[str, str], tuple[Candidate, Fit]] = {}
    problems: list[str] = []
    for kind in ("video", "image"):
        for order, source in enumerate(run.usable()):
            found = _search(source, run, problems, query=query, kind=kind, orientation=orientation)
            for candidate in found:
                if candidate.asset_id in avoid_ids or candidate.key in avoid_keys:
                    continue
                scored = fit(candidate, frame=frame, scene_seconds=seconds, query=query, narration=scene.narration)
                # The channel's source order breaks ties.
                scored = replace(scored, score=round(scored.score - 0.001 * order, 4))
                if candidate.key not in pool or pool[candidate.key][1].score < scored.score:
                    pool[candidate.key] = (candidate, scored)
            if pool and max(f.score for _, f in pool.values()) >= GOOD_ENOUGH:
                break
        if _fitting(sorted(pool.values(), key=lambda cf: -cf[1].score)):
            break  # clips fit: no need to spend requests on stills
    ranked = sorted(pool.values(), key=lambda cf: -cf[1].score)
    return ranked, problems


def _search(source: FootageSource, run: _Run, problems: list[str], **search: str) -> list[Candidate]:
    try:
        return source.search(**search)
    except RateLimited as exc:
        run.spent_until[source.name] = time.time() + exc.retry_after
        usable = run.usable()
        following = [s.name.capitalize() for s in run.sources[run.sources.index(source) + 1:] if s in usable]
        then = f"trying {following[0]}" if following else "no other source is left"
        run.warn(f"{exc.message[:-1]}; {then}.")
        problems.append(f"{source.name.capitalize()} budget spent")
    except SourceError as exc:
        # A bad key or a broken service will not mend within this job: stop asking it.
        run.broken[source.name] = exc.message
        run.warn(exc.message)
        problems.append(exc.message.split(";")[0].split(":")[0])
    return []


def _wait_for_budget(run: _Run) -> bool:
    """When every stock budget is spent for only a short while, wait for the first to renew."""
    waiting = {name: until - time.time() for name, until in run.spent_until.items() if name not in run.broken}
    if not waiting or any(s.name != "library" for s in run.usable()):
        return False
    name, seconds = min(waiting.items(), key=lambda item: item[1])
    if seconds <= 0 or seconds > getattr(settings, "FOOTAGE_MAX_WAIT_SECONDS", 90):
        return False
    run.warn(f"Every footage source's request budget is spent; waited {int(seconds) + 1} s for "
             f"the {name.capitalize()} budget to renew.")
    from faceless_site.metrics import record_rate_limit_wait

    record_rate_limit_wait(provider=name, seconds=seconds)
    deadline = time.time() + seconds + 0.5
    while time.time() < deadline:
        if run.ctx is not None:
            run.ctx.progress(run.ctx.job.percent, "Waiting for a request budget",
                             f"{name.capitalize()} renews in {int(deadline - time.time()) + 1} s")
            run.ctx.raise_if_cancelled()
        time.sleep(min(5.0, max(0.0, deadline - time.time())))
    return True


def _unique(messages: list[str]) -> list[str]:
    return list(dict.fromkeys(message.rstrip(".") for message in messages))


def _choose(ranked: list[tuple[Candidate, Fit]], run: _Run, *,
            avoid_ids: set[int]) -> tuple[tuple[Asset, tuple[Candidate, Fit]] | None, list[str]]:
    """The first fitting candidate that downloads, and the download errors met on the way."""
    tries = 0
    errors: list[str] = []
    for candidate, scored in ranked:
        if scored.score < MIN_FIT or tries >= MAX_DOWNLOAD_TRIES:
            break
        tries += candidate.asset_id is None
        source = next((s for s in run.sources if s.name == candidate.provider), None)
        if source is None:
            continue
        try:
            asset = asset_download(candidate=candidate, source=source)
        except SourceError as exc:
            run.warn(f"{exc.message} Used the next candidate.")
            errors.append(exc.message)
            continue
        if asset.pk not in avoid_ids:  # a new id can still be a file the channel showed recently
            return (asset, (candidate, scored)), errors
    return None, errors


def describe(candidate: Candidate, scored: Fit) -> str:
    shape = "portrait" if candidate.height > candidate.width else "square" if candidate.height == candidate.width \
        else "landscape"
    length = f", {candidate.duration_seconds:.0f} s" if candidate.kind == "video" and candidate.duration_seconds else ""
    matched = f"; matches {', '.join(scored.matched[:5])}" if scored.matched else ""
    return (f"{candidate.provider.capitalize()} {candidate.kind}: {shape} {candidate.width}x{candidate.height}"
            f"{length}{matched} (fit {scored.score:.2f})")


def _stored(candidate: Candidate, scored: Fit) -> dict[str, Any]:
    return {**candidate.to_json(), "score": scored.score, "why": describe(candidate, scored)}
