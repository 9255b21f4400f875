"""The credits a video's description carries for the footage it uses, as each source asks."""

from __future__ import annotations

from assets.models import Asset

SOURCE_LINES = {
    Asset.Source.PEXELS: "Stock footage provided by Pexels: https://www.pexels.com",
    Asset.Source.PIXABAY: "Stock footage provided by Pixabay: https://pixabay.com",
}


def asset_credit_line(asset: Asset) -> str:
    """One line for one asset, e.g. "Video by Jane Doe on Pexels: https://www.pexels.com/video/..."."""
    kind = {"video": "Video", "image": "Photo", "audio": "Music"}.get(asset.kind, "Media")
    if asset.attribution:  # the line its licence asks for (CC BY, CC BY-SA...), as the archive words it
        return asset.attribution
    if asset.source in (Asset.Source.WIKIMEDIA, Asset.Source.OPENVERSE, Asset.Source.NASA):
        by = f" by {asset.author}" if asset.author else ""
        licence = f", {asset.licence}" if asset.licence else ""
        return f"{asset.title or kind}{by} via {asset.get_source_display()}{licence}" + (
            f": {asset.page_url}" if asset.page_url else "")
    if asset.source == Asset.Source.UNSPLASH:
        from assets.sources.unsplash import with_utm

        author = f"{asset.author} ({asset.author_url})" if asset.author_url else asset.author or "unknown"
        return f"Photo by {author} on Unsplash ({with_utm('https://unsplash.com/')})"
    if asset.source in (Asset.Source.LIBRARY, Asset.Source.GENERATED):
        if not asset.author:
            return ""
        line = f"{asset.title or kind} by {asset.author}"
        line += f" ({asset.licence})" if asset.licence else ""
        return line + (f": {asset.page_url}" if asset.page_url else "")
    by = f" by {asset.author}" if asset.author else ""
    return f"{kind}{by} on {asset.get_source_display()}" + (f": {asset.page_url}" if asset.page_url else "")


def video_credits(*, video) -> str:
    """Credit lines for every asset the video's current script uses (and its music bed)."""
    script = video.current_script
    assets: list[Asset] = []
    if script is not None:
        for scene in script.scenes.select_related("asset").order_by("position"):
            if scene.asset is not None and scene.asset not in assets:
                assets.append(scene.asset)
    music = video.channel.music
    if isinstance(music, Asset) and music not in assets:
        assets.append(music)
    lines = [line for line in (asset_credit_line(a) for a in assets) if line]
    if not lines:
        return ""
    sources = [SOURCE_LINES[s] for s in SOURCE_LINES if any(a.source == s for a in assets)]
    return "\n".join(["Credits:", *lines, *sources])
