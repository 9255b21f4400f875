"""Reads for the library: search and credits data. Search runs on the relational Asset table:
PostgreSQL full-text search when the database is PostgreSQL, a plain `icontains` elsewhere."""

from __future__ import annotations

from django.db import connection
from django.db.models import Q, QuerySet

from assets.models import Asset


def asset_search(*, query: str, kind: str | None = None, channel=None) -> QuerySet[Asset]:
    """Library items matching `query` (title, tags, author, original name), best first.

    `channel`: the shared library plus that channel's own items; None: the shared library only.
    """
    assets = Asset.objects.all()
    assets = assets.filter(Q(channel__isnull=True) | Q(channel=channel)) if channel is not None \
        else assets.filter(channel__isnull=True)
    if kind:
        assets = assets.filter(kind=kind)
    words = [w for w in query.replace(",", " ").split() if w]
    if not words:
        return assets
    if connection.vendor == "postgresql":
        return _postgres_search(assets, " ".join(words))
    match = Q()
    for word in words:  # any word matches; items matching more words rank first below
        # "lighthouses" finds an item tagged "lighthouse" (PostgreSQL's full-text search stems the same way)
        word = word[:-1] if len(word) > 3 and word.lower().endswith("s") and not word.lower().endswith("ss") else word
        match |= Q(title__icontains=word) | Q(tags__icontains=word) | Q(description__icontains=word)
    return assets.filter(match)


def _postgres_search(assets: QuerySet[Asset], text: str) -> QuerySet[Asset]:
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    vector = (SearchVector("title", weight="A", config="english") + SearchVector("tags", weight="A", config="english")
              + SearchVector("description", weight="B", config="english")
              + SearchVector("author", "original_name", weight="C", config="english"))
    # "websearch" accepts what people type; OR-ing the words finds items that match some of them.
    search = SearchQuery(" or ".join(text.split()), search_type="websearch", config="english")
    return (assets.annotate(rank=SearchRank(vector, search)).filter(rank__gt=0)
            .order_by("-rank", "-created_at"))


def asset_used_in_recent_videos(*, channel, videos: int, exclude_video=None) -> set[int]:
    """Ids of assets used by the channel's last `videos` videos (other than `exclude_video`)."""
    from videos.models import Scene, Video

    if videos <= 0:
        return set()
    recent = Video.objects.filter(channel=channel)
    if exclude_video is not None:
        recent = recent.exclude(pk=exclude_video.pk)
    recent_ids = list(recent.order_by("-created_at", "-pk").values_list("pk", flat=True)[:videos])
    return set(Scene.objects.filter(script__video_id__in=recent_ids, asset__isnull=False)
               .values_list("asset_id", flat=True))
