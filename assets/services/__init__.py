"""Writes for the media library: uploads, stock downloads, footage matching, swaps and credits."""

from __future__ import annotations

from assets.services.credits import video_credits
from assets.services.library import AssetRejected, asset_download, asset_upload
from assets.services.matching import FootageError, footage_match
from assets.services.swap import FootageOptions, scene_footage_options, scene_swap_footage

__all__ = ["AssetRejected", "FootageError", "FootageOptions", "asset_download", "asset_upload", "footage_match",
           "scene_footage_options", "scene_swap_footage", "video_credits"]
