"""A person's footage choice for one scene, from the studio, the API or the admin: a runner-up
candidate, any item of the channel's library, or a file uploaded on the spot (added to the channel's
library first). A footage change on the current script is a change of the video, as a scene edit is:
the render made before no longer shows it, so “Update video” is offered (video_script_changed)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from assets.models import Asset
from assets.services import FootageError, asset_upload, scene_swap_footage
from videos.models import Scene, Script, Video
from videos.services.script_state import video_script_changed

SCENE_KINDS = (Asset.Kind.VIDEO, Asset.Kind.IMAGE)


class NoSuchAsset(FootageError):
    """The asset id names nothing this scene may use: missing, or another channel's (the same answer,
    so that another channel's library cannot be probed)."""

    def __init__(self) -> None:
        super().__init__("No such item in this channel's library; search the library or pick a listed candidate.")


def scene_library_asset(*, scene: Scene, asset_id: int) -> Asset:
    """The library item `asset_id` if this scene's channel may use it (its own or the shared library)."""
    from assets.selectors import asset_search

    asset = asset_search(query="", channel=scene.script.video.channel).filter(pk=asset_id).first()
    if asset is None:
        raise NoSuchAsset()
    return asset


def _check_not_scheduled(scene: Scene) -> None:
    if scene.script.video.status == Video.Status.SCHEDULED:
        raise FootageError("This video is scheduled with its current render: unschedule it first, then change "
                           "its footage and update it.")


def scene_choose_footage(*, scene: Scene, user: Any, asset: Asset | None = None,
                         candidate_index: int | None = None) -> Scene:
    """Put a library item or one of the scene's candidates on the scene (assets.services checks who may,
    the channel and the kind). Raises FootageError with what to do."""
    _check_not_scheduled(scene)
    before = scene.asset_id
    with transaction.atomic():
        scene = scene_swap_footage(scene=scene, asset=asset, candidate_index=candidate_index, user=user)
        current = Script.objects.filter(video_id=scene.script.video_id).order_by("-version").values_list(
            "pk", flat=True).first()
        if scene.asset_id != before and scene.script_id == current:
            video_script_changed(video_id=scene.script.video_id)
    return scene


def scene_upload_footage(*, scene: Scene, user: Any, file: Any) -> Scene:
    """Add an uploaded image or clip to the channel's library (checked as any upload is: a real image
    or clip, within the size limit) and put it on the scene. Raises AssetRejected or FootageError."""
    from channels.permissions import can_edit

    channel = scene.script.video.channel
    if not can_edit(user, channel):
        raise FootageError("Only the channel's owners and editors can change its footage.")
    _check_not_scheduled(scene)
    asset = asset_upload(file=file, user=user, channel=channel)  # this channel's own item, always
    if asset.kind not in SCENE_KINDS:
        raise FootageError(f"“{asset}” is in the channel's library now, but a scene shows a clip or an image; "
                           "upload one of those for this scene.")
    return scene_choose_footage(scene=scene, user=user, asset=asset)
