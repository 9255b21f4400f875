"""Footage for every scene: search the channel's sources with the scene's queries from strict to
broad, score what they offer by meaning against the scene's line, brief and the video's subject,
keep the best that fits and store the runner-ups so a person can swap. A scene nothing fits keeps
no asset and says why; the renderer draws a background then. A picture a person picked or uploaded
is kept: only scenes without one are matched, unless the person asks to replace chosen footage too.

No item is shown twice in one video (nor one the channel used in its last N videos), and adjacent
scenes look different: among candidates that fit about as well, one whose text reads like the
previous scene's pick gives way (maximal marginal relevance over the candidates' embeddings).

Provider trouble never fails the job: a spent budget moves on to the next source (or waits a
little when every source is spent), and other errors become warnings on the job. When every
fitting candidate of a cached search fails to download (its links expired), the scene is searched
again without the cache instead of being given up.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.conf import settings

from assets.models import Asset
from assets.relevance import ACCEPT, SceneContext, script_names, script_words
from assets.scoring import TIE, Fit, scene_seconds, score_pool
from assets.selectors import asset_used_in_recent_videos
from assets.services.library import asset_download
from assets.sources import get_source
from assets.sources.base import Candidate, FootageSource, RateLimited, SourceError
from assets.sources.library import LibrarySource
from videos.selectors import filmable_things, script_footage_theme
from videos.services.jobs import StepFailed

ORIENTATION = {"16:9": "landscape", "9:16": "portrait", "1:1": "square"}
ENOUGH_FITTING = 2  # this many fitting candidates (or one clearing ACCEPT) stop the search
KEEP_CANDIDATES = 8
MAX_DOWNLOAD_TRIES = 3
SIMILAR_LOOK = 0.9  # candidates' texts this alike (cosine) show much the same thing
THEME_THINGS = 10  # the script's recurring things that say what its pictures look like
# Across scenes: a scene is given only candidates this close to its best one (lift and things shown), each
# worth ASSIGN_FLOOR more than its lift (a fit at a generic clip's level is still a fit).
ASSIGN_MARGIN = 0.015
ASSIGN_FLOOR = 0.01
MMR_WEIGHT = 0.3  # relevance given up per unit of likeness above SIMILAR_LOOK to the previous pick (0.03 at most)


class FootageError(ValueError):
    """A footage change the user asked for cannot be made; the message says why."""


@dataclass
class _Scored:
    candidate: Candidate
    fit: Fit
    vector: np.ndarray
    broad: bool = False  # judged for the video's subject, the scene's line naming nothing any result shows


@dataclass
class _Run:
    """One matching run: the channel's sources and what happened to each so far."""

    channel: Any
    ctx: Any
    sources: list[FootageSource]
    subject: str = ""  # the script's title: scored with every scene
    theme: tuple[str, ...] = ()  # what the script keeps showing, in English ("lighthouse", "reef")
    script_things: frozenset[str] = frozenset()  # every filmable thing the script names, in English
    script_words: frozenset[str] = frozenset()  # every word of the script and its title (the places it names)
    script_names: frozenset[str] = frozenset()  # ... those written with a capital
    fallbacks: tuple[tuple[str, str], ...] = ()  # (query, language): the script's theme, the video's topic
    # and the channel's niche, for scenes that name nothing filmable
    language: str = "en"
    topic: str = ""  # the video's topic, when a few words: a fallback search of its own, the subject itself
    spent_until: dict[str, float] = field(default_factory=dict)
    broken: dict[str, str] = field(default_factory=dict)
    warned: set[str] = field(default_factory=set)
    previous: np.ndarray | None = None  # the previous scene's pick, to keep adjacent scenes different

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
    footage_match(video=ctx.video, ctx=ctx, replace_chosen=bool(ctx.params.get("replace_chosen")))
    ctx.progress(100, "Footage found")


def _sources(channel, ctx) -> list[FootageSource]:
    chosen: list[FootageSource] = []
    for name in channel.footage_sources or ["library"]:
        try:
            source = LibrarySource(channel) if name == "library" else get_source(name, channel=channel)
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


def footage_match(*, video, ctx=None, replace_chosen: bool = False) -> list:
    """Choose footage for every scene of the video's current script that a person has not chosen
    footage for (every scene with `replace_chosen`); returns the scenes."""
    script = video.current_script
    if script is None:
        raise StepFailed("This video has no script yet: write the script first, then find footage.")
    channel = video.channel
    scenes = list(script.scenes.select_related("asset").order_by("position"))
    language = script.language or channel.language
    native_theme, english_theme = script_footage_theme(script=script, narrations=[s.narration for s in scenes],
                                                       count=THEME_THINGS)
    topic = video.topic.strip() if len(video.topic.split()) <= 4 else ""
    run = _Run(channel=channel, ctx=ctx, sources=_sources(channel, ctx), subject=script.title or video.topic[:100],
               theme=tuple(dict.fromkeys(english_theme or native_theme)),
               fallbacks=tuple(dict.fromkeys((q, lang) for q, lang in [
                   *((q, "en") for q in english_theme[:1]), *((q, _base(language)) for q in native_theme[:1]),
                   (topic, _base(language))] if q))[:2],
               language=language, topic=topic,
               script_things=frozenset().union(*(filmable_things(text=s.narration, language=language) for s in scenes)),
               script_words=script_words([script.title or "", video.topic, *(s.narration for s in scenes)]),
               script_names=script_names([script.title or "", video.topic, *(s.narration for s in scenes)]))
    avoid_ids = asset_used_in_recent_videos(channel=channel, videos=channel.avoid_reuse_videos, exclude_video=video)
    avoid_keys = set(Asset.objects.filter(pk__in=avoid_ids).values_list("source", "provider_id"))
    kept = [s for s in scenes if s.footage_chosen and s.asset_id and not replace_chosen]
    for scene in kept:  # a person's picks are never shown twice either
        avoid_ids.add(scene.asset_id)
        avoid_keys.add((scene.asset.source, scene.asset.provider_id))
    if kept and ctx is not None:
        ctx.warn(f"Kept the footage you chose for {len(kept)} scene{'s' if len(kept) > 1 else ''}; "
                 "run Find footage with “replace chosen footage” to match those too.")
    # First every scene's candidates, then who gets what: a picture goes to the scene it fits best
    # rather than to the first scene that finds it (a scene taking the picture a later scene needed).
    gathered: dict[int, tuple[list[_Scored], list[str]]] = {}
    for index, scene in enumerate(scenes):
        if ctx is not None:
            ctx.raise_if_cancelled()
            ctx.progress(90 * index / len(scenes), "Finding footage",
                         f"Scene {index + 1} of {len(scenes)}: {_queries(scene, run)[0][0][:80]}")
        if scene not in kept:
            gathered[scene.pk] = _gather_scene(scene, run, avoid_ids=avoid_ids, avoid_keys=avoid_keys)
    plan = assign({pk: scored for pk, (scored, _) in gathered.items()})
    if ctx is not None:
        ctx.progress(90, "Finding footage", "Choosing each scene's picture")
    for scene in scenes:
        if scene in kept:
            run.previous = None
            continue
        claimed = {key for pk, key in plan.items() if pk != scene.pk}
        _match_scene(scene, run, *gathered[scene.pk], claimed=claimed, avoid_ids=avoid_ids, avoid_keys=avoid_keys)
        if scene.asset_id:  # one video does not show the same footage twice either
            avoid_ids.add(scene.asset_id)
            avoid_keys.add((scene.asset.source, scene.asset.provider_id))
    return scenes


def assign(pools: dict[int, list[_Scored]]) -> dict[int, tuple[str, str]]:
    """Which fitting candidate each scene gets, each item to one scene at most, so that the fits add
    up to the most (a maximum weight matching; a scene's weight for a candidate is how far it reads
    above a generic clip plus the line's things it shows): a picture goes to the scene it fits best,
    not to the first scene that finds it. A scene is only given its best candidates (within
    ASSIGN_MARGIN of its best): when those fit another scene better it gets none here, and looks
    again for pictures no other scene needs (_match_scene), rather than take a weak fit that may
    be a look-alike. Returns scene -> candidate key."""
    import networkx as nx

    graph = nx.Graph()
    for scene, scored in pools.items():
        weights = {}
        for item in scored:
            if item.fit.fits:
                weight = _weight(item)
                weights[item.candidate.key] = max(weight, weights.get(item.candidate.key, weight))
        best = max(weights.values(), default=0.0)
        for key, weight in weights.items():
            if weight >= best - ASSIGN_MARGIN:
                # Positive weights only (a fit is worth having): the floor keeps weak fits worth something.
                graph.add_edge(("scene", scene), ("item", key), weight=ASSIGN_FLOOR + max(weight, 0.0))
    plan = {}
    for a, b in nx.max_weight_matching(graph):
        scene, item = (a, b) if a[0] == "scene" else (b, a)
        plan[scene[1]] = item[1]
    return plan


def _weight(item: _Scored) -> float:
    """How well a fitting candidate suits its scene: how far it reads above a generic clip, plus the
    line's things it shows. A picture of the video's subject is worth less than one of a line: it goes
    to the scene it shows (the cranberry vines of the flooded beds, not the water reel's that names none)."""
    return 0.0 if item.broad else item.fit.lift + (item.fit.score - item.fit.relevance)


def _queries(scene, run: _Run) -> list[tuple[str, str]]:
    """(query, its language), strict to broad: the scene's searches in English when it has them, then
    in its own language."""
    language = scene.queries_language or run.language
    own = [q for q in (scene.footage_queries or []) if isinstance(q, str) and q.strip()]
    english = [q for q in (getattr(scene, "english_queries", None) or []) if isinstance(q, str) and q.strip()]
    if not own and not english:
        own = [scene.visual_query.strip() or " ".join(scene.narration.split()[:6])]
        language = run.language
    # Most catalogues describe their items in English: a scene's English searches go first, then the
    # same in its own language (for sources that search in it), each only while too little fits.
    pairs = [(q, "en") for q in english] + [(q, language) for q in own]
    return list(dict.fromkeys(pairs))


def _base(language: str) -> str:
    return (language or "").split("-")[0].lower()


def _context(scene, run: _Run) -> SceneContext:
    english = [q for q in (getattr(scene, "english_queries", None) or []) if isinstance(q, str)]
    brief = scene.visual_brief or scene.visual_query
    # The broadest searches are the script's recurring things ("hand" from "a mano" in another scene):
    # what the line itself does not name is no thing of the line, or any hand would show it.
    line = filmable_things(text=f"{scene.narration} {brief}", language=run.language)
    english = [q for q in english if q not in run.theme or filmable_things(text=q) & line] or english[:1]
    # ... nor is what a search adds to the line's words ("Vögel Schwarzwald" searched as "bird forest" under a
    # line about birds carved into wood): the brief takes the searches that name only the line's things.
    said = [q for q in english[1:] or english if filmable_things(text=q) <= line]
    if said and not set(" ".join(said).lower().split()) <= set(brief.lower().split()):
        brief = f"{brief}; {', '.join(said)}"
    subject = run.subject if not run.theme else f"{run.subject} ({', '.join(run.theme[:2])})"
    return SceneContext(line=scene.narration, brief=brief, subject=subject,
                        query=(english or [_queries(scene, run)[0][0]])[0], language=_base(run.language),
                        script_things=run.script_things, theme=", ".join(run.theme), script_words=run.script_words,
                        script_names=run.script_names)


def _gather_scene(scene, run: _Run, *, avoid_ids: set[int], avoid_keys: set[tuple[str, str]]):
    scored, problems = _gather(scene, run, avoid_ids=avoid_ids, avoid_keys=avoid_keys)
    if not _fitting(scored) and _wait_for_budget(run):
        scored, problems = _gather(scene, run, avoid_ids=avoid_ids, avoid_keys=avoid_keys)
    return scored, problems


def _match_scene(scene, run: _Run, scored: list[_Scored], problems: list[str], *, claimed: set[tuple[str, str]],
                 avoid_ids: set[int], avoid_keys: set[tuple[str, str]]) -> None:
    """The scene's pick among its candidates that no other scene was given and no scene shows yet."""
    # Candidates in avoid_keys here were shown by an earlier scene of this video (the channel's recent ones
    # were left out when searching): what fits went elsewhere, as with one claimed by a later scene.
    shown = [s for s in scored if s.fit.fits and (s.candidate.key in avoid_keys or s.candidate.asset_id in avoid_ids)]
    scored = [s for s in scored if s.candidate.key not in avoid_keys and s.candidate.asset_id not in avoid_ids]
    given_away = [s for s in scored if s.fit.fits and s.candidate.key in claimed] + shown
    left = [s for s in scored if s.candidate.key not in claimed]
    failed: set[tuple[str, str, str]] = set()
    # What fits it best went to another scene and what is left fits far worse (a look-alike, often):
    # search further for what no other scene needs before settling for it.
    weak = bool(given_away) and not any(
        s.fit.fits and _weight(s) >= max(map(_weight, given_away)) - ASSIGN_MARGIN for s in left)
    chosen, download_errors = (None, []) if weak else _choose(left, run, avoid_ids=avoid_ids, failed=failed)
    if chosen is None and given_away and not download_errors:
        more, _ = _gather(scene, run, avoid_ids=avoid_ids, avoid_keys=avoid_keys | claimed)
        more += [s for s in left if s.candidate.key not in {m.candidate.key for m in more}]
        # What only a search past the scene's best finds must fit clearly (two of the line's things, or well
        # above a generic clip): a weaker one is a look-alike as often as not (wind turbines on a ridge).
        # When what fits went to earlier scenes only (none claimed by a later one), what is left must fit
        # clearly too: the scene was empty before it searched further, and stays so rather than show a weak fit.
        found_before = {s.candidate.key for s in left} if any(s.candidate.key in claimed for s in given_away) \
            else set()
        chosen, download_errors = _choose([s for s in more if s.candidate.key in found_before or _strong(s)], run,
                                          avoid_ids=avoid_ids, failed=failed)
        scored = more + [s for s in scored if s.candidate.key not in {m.candidate.key for m in more}]
    if chosen is None and download_errors:
        # The cached search's links may have expired, or the fitting clips would not decode: search again,
        # fresh, leaving out the links that failed (an item with a new link is tried again), stills included.
        fresh, more = _gather(scene, run, avoid_ids=avoid_ids, avoid_keys=avoid_keys, fresh=True, failed=failed)
        chosen, later_errors = _choose([s for s in fresh if s.candidate.key not in claimed], run,
                                       avoid_ids=avoid_ids, failed=failed)
        download_errors += later_errors
        scored = fresh + [s for s in scored if s.candidate.key not in {f.candidate.key for f in fresh}]
        problems += [p for p in more if p not in problems]
    ranked = sorted(scored, key=lambda s: (not s.fit.fits, -s.fit.score))
    scene.footage_candidates = [stored_candidate(s.candidate, s.fit) for s in ranked[:KEEP_CANDIDATES]]
    if chosen is None:
        scene.asset = None
        run.previous = None
        scene.footage_reason = _why_none(scene, ranked, download_errors, problems, given_away)
    else:
        scene.asset, picked = chosen
        run.previous = picked.vector
        scene.footage_reason = describe(picked.candidate, picked.fit)[:300]
    scene.footage_chosen = False
    scene.save(update_fields=["asset", "footage_reason", "footage_candidates", "footage_chosen"])


def _why_none(scene, ranked: list[_Scored], download_errors: list[str], problems: list[str],
              given_away: list[_Scored] = ()) -> str:
    # The real cause first: candidates that fitted but could not be fetched say the source's error.
    causes = [f"every fitting candidate failed to download: {'; '.join(_unique(download_errors))}"] \
        if download_errors else []
    if not download_errors and given_away:
        causes.append(f'what fits ({given_away[0].candidate.provider.capitalize()} '
                      f'"{given_away[0].candidate.description[:40]}") shows another scene better')
    elif not download_errors and ranked:
        best = ranked[0]
        causes.append(f'no result shows what the line says (closest: {best.candidate.provider.capitalize()} '
                      f'"{best.candidate.description[:40] or ", ".join(best.candidate.tags[:3])}", {best.fit.why})')
    causes += problems
    why = "; ".join(causes) if causes else "no source found anything"
    subject = scene.visual_brief or scene.visual_query or " ".join(scene.narration.split()[:6])
    return f'No stock picture for "{subject[:60]}" ({why}): the scene shows a design drawn from its words.'[:300]


def _fitting(scored: list[_Scored]) -> bool:
    return any(s.fit.fits for s in scored)


def _enough(scored: list[_Scored]) -> bool:
    fitting = [s for s in scored if s.fit.fits]
    return len(fitting) >= ENOUGH_FITTING or any(s.fit.lift >= ACCEPT for s in fitting)


def _strong(item: _Scored) -> bool:
    """A fit that shows two of the line's things, or reads clearly like it: no broader search or
    other kind of item is worth the requests. One that shows a single thing ("tunnel" under a line
    about the Gotthard tunnel's opening) is kept while the scene's other searches look further."""
    # "low tide" and "tide" are one thing said twice
    return item.fit.fits and (item.fit.lift >= ACCEPT or len({m.split()[-1] for m in item.fit.matched}) >= 2)


def _gather(scene, run: _Run, *, avoid_ids, avoid_keys, fresh: bool = False,
            failed: set | frozenset = frozenset()) -> tuple[list[_Scored], list[str]]:
    """Candidates for the scene's queries, strict to broad, until enough fit; when none fits (the
    scene names a person or a place no source shows), for the video's subject instead."""
    context = _context(scene, run)
    pool: dict[tuple[str, str], Candidate] = {}
    problems: list[str] = []
    scored: list[_Scored] = []
    for query, language in _queries(scene, run):
        scored = _gather_for(query, language, scene, run, pool, problems, context, avoid_ids=avoid_ids,
                             avoid_keys=avoid_keys, fresh=fresh, failed=failed) or scored
        if any(_strong(s) for s in scored):
            return scored, problems
    if _fitting(scored):
        return scored, problems
    own = {q.lower() for q, _ in _queries(scene, run)}
    for subject, language in run.fallbacks:
        if subject.lower() in own:
            continue
        # A picture of the video's subject, judged against the subject, for a line that names nothing filmable.
        broader = SceneContext(line=run.subject, brief=subject, subject=run.channel.niche, query=subject, broad=True,
                               language=_base(language), script_things=run.script_things,
                               script_words=run.script_words, script_names=run.script_names,
                               # a picture for the theme's thing must show what the title names; the video's own
                               # topic is that subject
                               title_language=_base(run.language) if subject != run.topic else "",
                               theme=", ".join(dict.fromkeys([subject, *run.theme])))
        if not broader.things:
            continue  # nothing to tell its pictures by ("Gull Rock"): no picture rather than a rock concert
        wider = _gather_for(subject, language, scene, run, {}, problems, broader, avoid_ids=avoid_ids,
                            avoid_keys=avoid_keys, fresh=fresh, failed=failed)
        if _fitting(wider):
            return wider, problems
    return scored, problems


def _gather_for(query: str, language: str, scene, run: _Run, pool: dict, problems: list[str], context: SceneContext,
                *, avoid_ids, avoid_keys, fresh: bool, failed: set | frozenset = frozenset()) -> list[_Scored]:
    frame = run.channel.frame_size
    seconds = scene_seconds(scene.narration, scene.narration_seconds)
    orientation = ORIENTATION.get(run.channel.aspect_ratio, "landscape")
    scored: list[_Scored] = []
    for kind in ("video", "image"):
        for source in run.usable():
            if _base(language) not in ("en", "") and not getattr(source, "multilingual", True):
                continue  # its catalogue is in English: the scene's English search asks it
            found = _search(source, run, problems, query=query, kind=kind, orientation=orientation,
                            language=language, fresh=fresh)
            for candidate in found:
                if candidate.asset_id in avoid_ids or candidate.key in avoid_keys or \
                        (*candidate.key, candidate.download_url) in failed:
                    continue
                pool.setdefault(candidate.key, candidate)
            scored = _score(list(pool.values()), context, frame, seconds)
            if _enough(scored):
                return scored
        if any(_strong(s) and s.candidate.kind == "video" for s in scored):
            break  # clips fit well: no need to spend requests on stills
    return scored


def _score(candidates: list[Candidate], context: SceneContext, frame, seconds) -> list[_Scored]:
    if not candidates:
        return []
    fits, vectors = score_pool(candidates, scene=context, frame=frame, scene_seconds=seconds)
    return [_Scored(c, f, v, context.broad) for c, f, v in zip(candidates, fits, vectors, strict=True)]


def _search(source: FootageSource, run: _Run, problems: list[str], **search: Any) -> list[Candidate]:
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
        problems.append(exc.message.split(";")[0].split(":")[0].split(". ")[0])  # its first, plain sentence
    return []


def _wait_for_budget(run: _Run) -> bool:
    """When every stock budget is spent for only a short while, wait for the first to renew."""
    waiting = {name: until - time.time() for name, until in run.spent_until.items() if name not in run.broken}
    if not waiting or any(s.name != "library" and s.name not in waiting for s in run.usable()):
        return False
    name, seconds = min(waiting.items(), key=lambda item: item[1])
    if seconds <= 0:  # renewed while this scene's other searches ran (a busy machine): ask it again now, once
        del run.spent_until[name]
        run.warn(f"Every footage source's request budget was spent; the {name.capitalize()} budget renewed "
                 "and it was asked again.")
        return True
    if seconds > getattr(settings, "FOOTAGE_MAX_WAIT_SECONDS", 90):
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
    run.spent_until.pop(name, None)
    return True


def _unique(messages: list[str]) -> list[str]:
    return list(dict.fromkeys(message.rstrip(".") for message in messages))


def _ordered(scored: list[_Scored], previous: np.ndarray | None) -> list[_Scored]:
    """Fitting candidates best first: relevance decides, less what a pick that looks like the
    previous scene's gives up; among near-equals, framing, resolution and length decide."""
    def key(item: _Scored) -> tuple[float, float]:
        value = item.fit.score
        if previous is not None:
            value -= MMR_WEIGHT * max(0.0, float(item.vector @ previous) - SIMILAR_LOOK)
        return -int(value / TIE), -item.fit.quality

    return sorted((s for s in scored if s.fit.fits), key=key)


def _choose(scored: list[_Scored], run: _Run, *, avoid_ids: set[int],
            failed: set | None = None) -> tuple[tuple[Asset, _Scored] | None, list[str]]:
    """The first fitting candidate that downloads, and the download errors met on the way."""
    tries = 0
    errors: list[str] = []
    for item in _ordered(scored, run.previous):
        if tries >= MAX_DOWNLOAD_TRIES:
            break
        candidate = item.candidate
        tries += candidate.asset_id is None
        source = next((s for s in run.sources if s.name == candidate.provider), None)
        if source is None:
            continue
        try:
            asset = asset_download(candidate=candidate, source=source)
        except SourceError as exc:
            run.warn(f"{exc.message} Used the next candidate.")
            errors.append(exc.message)
            if failed is not None:
                failed.add((*candidate.key, candidate.download_url))
            continue
        if asset.pk not in avoid_ids:  # a new id can still be a file the channel showed recently
            return (asset, item), errors
    return None, errors


def describe(candidate: Candidate, scored: Fit) -> str:
    shape = "portrait" if candidate.height > candidate.width else "square" if candidate.height == candidate.width \
        else "landscape"
    length = f", {candidate.duration_seconds:.0f} s" if candidate.kind == "video" and candidate.duration_seconds else ""
    matched = f"; matches {', '.join(scored.matched[:5])}" if scored.matched else ""
    licence = f"; {candidate.licence}" if candidate.licence else ""
    return (f"{candidate.provider.capitalize()} {candidate.kind}: {shape} {candidate.width}x{candidate.height}"
            f"{length}{matched} (relevance {scored.score:.3f}){licence}")


def stored_candidate(candidate: Candidate, scored: Fit) -> dict[str, Any]:
    return {**candidate.to_json(), "score": scored.score, "fits": scored.fits, "matched": list(scored.matched),
            "verdict": scored.why, "quality": scored.quality, "why": describe(candidate, scored)}
