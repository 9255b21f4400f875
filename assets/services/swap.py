"""A person's footage choices in the studio: more options for a scene (Unsplash included, since a
person is choosing), and swapping a scene's footage for a candidate or a library item."""

from __future__ import annotations

from dataclasses import dataclass, field

from assets.models import Asset
from assets.relevance import SceneContext
from assets.scoring import scene_seconds, score_pool
from assets.services.library import asset_download
from assets.services.matching import ORIENTATION, FootageError, stored_candidate
from assets.sources import get_source
from assets.sources.base import Candidate, SourceError
from assets.sources.library import LibrarySource


@dataclass(frozen=True)
class FootageOptions:
    candidates: list[Candidate]
    problems: list[str] = field(default_factory=list)


def _check_can_edit(user, channel) -> None:
    from channels.permissions import can_edit

    if not can_edit(user, channel):
        raise FootageError("Only the channel's owners and editors can change its footage.")


def scene_footage_options(*, scene, user, query: str = "", sources: list[str] | None = None) -> FootageOptions:
    """Search for more candidates for one scene and add them to its list, so one can be swapped in."""
    channel = scene.script.video.channel
    _check_can_edit(user, channel)
    own = [q for q in scene.footage_queries or [] if isinstance(q, str)]
    english = [q for q in scene.english_queries or [] if isinstance(q, str)]
    language = scene.queries_language if not query and own else scene.script.language or channel.language
    if not query and english:  # most catalogues describe their items in English
        own, language = english, "en"
    query = (query or (own[0] if own else "") or scene.visual_query or " ".join(scene.narration.split()[:6])).strip()
    names = sources or [*channel.footage_sources, "unsplash"]
    known = {(c.get("provider"), c.get("provider_id")) for c in scene.footage_candidates}
    found, problems = [], []
    for name in dict.fromkeys(names):
        try:
            source = LibrarySource(channel) if name == "library" else get_source(name, channel=channel)
            for kind in ("video", "image"):
                found += source.search(query=query, kind=kind, orientation=ORIENTATION[channel.aspect_ratio],
                                       language=language)
        except SourceError as exc:
            problems.append(exc.message)
    seconds = scene_seconds(scene.narration, scene.narration_seconds)
    new = []
    for candidate in found:
        if candidate.key not in known:
            known.add(candidate.key)
            new.append(candidate)
    context = SceneContext(line=scene.narration, brief=scene.visual_brief or scene.visual_query or query,
                           subject=scene.script.title, language=(scene.script.language or channel.language)[:2])
    fits, _vectors = score_pool(new, scene=context, frame=channel.frame_size, scene_seconds=seconds) if new \
        else ([], None)
    scene.footage_candidates.extend(stored_candidate(c, f) for c, f in zip(new, fits, strict=True))
    scene.save(update_fields=["footage_candidates"])
    return FootageOptions(found, problems)


def scene_swap_footage(*, scene, asset: Asset | None = None, candidate_index: int | None = None, user):
    """Give the scene another asset: a library item, or one of its stored candidates (downloaded now
    if needed). The render that follows uses it; raises FootageError with what to do."""
    channel = scene.script.video.channel
    _check_can_edit(user, channel)
    if (asset is None) == (candidate_index is None):
        raise FootageError("Choose either a library item or one of the scene's candidates.")
    if asset is None:
        asset, why = _candidate_asset(scene, candidate_index)
    else:
        if asset.channel_id not in (None, channel.pk):
            raise FootageError("That library item belongs to another channel.")
        why = f"library item {asset}"
    if asset.kind not in (Asset.Kind.VIDEO, Asset.Kind.IMAGE):
        raise FootageError("A scene shows a clip or an image; music cannot be a scene's footage.")
    scene.asset = asset
    scene.footage_reason = f"Chosen by {user}: {why}"[:300]
    scene.footage_chosen = True  # a later "Find footage" keeps it unless asked to replace chosen footage
    scene.save(update_fields=["asset", "footage_reason", "footage_chosen"])
    return scene


def _candidate_asset(scene, index: int) -> tuple[Asset, str]:
    if not 0 <= index < len(scene.footage_candidates):
        raise FootageError("That candidate is no longer listed for this scene; search again.")
    data = scene.footage_candidates[index]
    candidate = Candidate.from_json(data)
    channel = scene.script.video.channel
    try:
        source = LibrarySource(channel) if candidate.provider == "library" else \
            get_source(candidate.provider, channel=channel)
        asset = asset_download(candidate=candidate, source=source)
    except Asset.DoesNotExist:
        raise FootageError("That library item was deleted; pick another candidate.") from None
    except SourceError as exc:
        raise FootageError(f"{exc.message} Your current footage is unchanged.") from None
    return asset, data.get("why") or candidate.provider
