"""Reads for the studio pages and the API, scoped by channels.selectors so that a video the user may
not see is a 404 everywhere. Each selector prefetches what its page shows, so a page's query count
does not grow with its rows."""

from __future__ import annotations

import operator
from collections.abc import Iterable
from datetime import timedelta
from functools import reduce
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from channels.selectors import channels_for_user, videos_for_user
from videos.models import Job, Render, Scene, Script, Video

BOARD_COLUMNS = [
    ("draft", "Draft"), ("scripted", "Scripted"), ("rendered", "Rendered"), ("approved", "Approved"),
    ("scheduled", "Scheduled"), ("published", "Published"), ("failed", "Failed"),
]
# Published videos stay on the board this long; older ones live in the calendar.
BOARD_PUBLISHED_DAYS = 30


def active_jobs_prefetch() -> Prefetch:
    return Prefetch("jobs", queryset=Job.objects.filter(state__in=Job.ACTIVE_STATES).order_by("created_at"),
                    to_attr="active_jobs")


# The board shows this many of the most recently changed videos per column; the paged list under
# it (video_list_for_user) reaches the rest, so a channel of 10,000 videos draws the same page.
BOARD_CARDS = 5
# Board columns that gather several statuses; any other column is its own status. A voiced video has
# narration but no render yet: on the board it is still being made from its script.
COLUMN_STATUSES = {"scripted": (Video.Status.SCRIPTED, Video.Status.VOICED)}


def column_statuses(column: str) -> tuple[str, ...]:
    return COLUMN_STATUSES.get(column, (column,))


def titles_prefetch(lookup: str = "scripts") -> Prefetch:
    """What `str(video)` needs (the current script's title), without the scripts' long texts.
    `lookup` reaches the videos' scripts from another model, e.g. "video__scripts" for jobs."""
    return Prefetch(lookup, queryset=Script.objects.only("id", "video_id", "version", "title"))


# SQLite parses "a OR b OR ..." as a tree at most 1,000 deep; the board asks in chunks below that
# (one query up to 57 channels).
_BOARD_PARTS = 400


def board_for_user(user: Any, channels: Iterable[Any] | None = None) -> list[dict[str, Any]]:
    """[{channel, role, columns: [(key, label, [videos], count)]}] for every channel the user can see
    (or the `channels` given, already scoped to the user): the count of each column and its
    BOARD_CARDS most recently changed videos. Each column's cards are one index range read (channel,
    status, updated_at), asked together in one query, so the work does not grow with the videos."""
    channels = list(channels_for_user(user) if channels is None else channels)
    since = timezone.now() - timedelta(days=BOARD_PUBLISHED_DAYS)
    on_board = Video.objects.filter(channel__in=[c.pk for c in channels]).exclude(
        status=Video.Status.PUBLISHED, published_at__lt=since)
    counts: dict[tuple[int, str], int] = {}
    for channel_id, status, n in on_board.order_by().values_list("channel_id", "status").annotate(n=Count("pk")):
        key = (channel_id, next((c for c, s in COLUMN_STATUSES.items() if status in s), status))
        counts[key] = counts.get(key, 0) + n
    newest = [on_board.filter(channel_id=channel.pk, status__in=column_statuses(key))
              .order_by("-updated_at", "-pk").values_list("pk", flat=True)[:BOARD_CARDS]
              for channel in channels for key, _label in BOARD_COLUMNS if counts.get((channel.pk, key))]
    cards: list[Video] = []
    for start in range(0, len(newest), _BOARD_PARTS):
        wanted = reduce(operator.or_, (Q(pk__in=part) for part in newest[start:start + _BOARD_PARTS]))
        cards.extend(Video.objects.filter(wanted).select_related("channel").defer("source_text")
                     .prefetch_related(titles_prefetch(), active_jobs_prefetch()).order_by("-updated_at", "-pk"))
    by_column: dict[tuple[int, str], list[Video]] = {}
    for video in cards:
        column = next((c for c, s in COLUMN_STATUSES.items() if video.status in s), video.status)
        by_column.setdefault((video.channel_id, column), []).append(video)
    from channels.permissions import role_for

    return [
        {"channel": channel, "role": role_for(user, channel),
         "columns": [(key, label, by_column.get((channel.pk, key), []), counts.get((channel.pk, key), 0))
                     for key, label in BOARD_COLUMNS]}
        for channel in channels
    ]


def video_list_for_user(user: Any, *, channels: Iterable[Any] | None = None, channel_id: int | None = None,
                        statuses: Iterable[str] = (), query: str = "") -> QuerySet[Video]:
    """The videos the user may see, newest change first, for the dashboard's list and GET /api/videos:
    filtered by channel and statuses, and by words in the topic or any script's title. Page it: its
    queries (count, page, titles) do not grow with the rows.

    `channels` are the user's channels when the caller has them already. The filter is a list of
    channel ids rather than a subquery, so the database walks its (channel, updated_at) index in
    order instead of sorting every video of the channel."""
    ids = ([c.pk for c in channels] if channels is not None
           else list(channels_for_user(user).order_by().values_list("pk", flat=True)))
    if channel_id is not None:
        ids = [pk for pk in ids if pk == channel_id]
    videos = Video.objects.select_related("channel").defer("source_text").filter(channel_id__in=ids)
    statuses = list(statuses)
    if statuses:
        videos = videos.filter(status__in=statuses)
    if query:
        titled = Script.objects.filter(video=OuterRef("pk"), title__icontains=query)
        videos = videos.filter(Q(topic__icontains=query) | Exists(titled))
    return videos.prefetch_related(titles_prefetch()).order_by("-updated_at", "-pk")


def upcoming_for_user(user: Any, *, limit: int = 10) -> QuerySet[Video]:
    return (videos_for_user(user).filter(status=Video.Status.SCHEDULED, scheduled_for__gte=timezone.now())
            .prefetch_related(titles_prefetch()).order_by("scheduled_for")[:limit])


def video_for_user(user: Any, pk: int) -> Video:
    """The video with everything the studio shows, or 404 when the user may not see it."""
    scripts = Script.objects.prefetch_related(
        Prefetch("scenes", queryset=Scene.objects.select_related("asset").order_by("position"))
    ).order_by("-version")
    qs = videos_for_user(user).select_related("channel__owner").prefetch_related(
        Prefetch("scripts", queryset=scripts),
        Prefetch("renders", queryset=Render.objects.order_by("-created_at")),
        Prefetch("jobs", queryset=Job.objects.order_by("-created_at"), to_attr="all_jobs"),
        "publications",
        "channel__memberships",
    )
    try:
        return qs.get(pk=pk)
    except Video.DoesNotExist:
        raise Http404("No such video.") from None


def scene_for_user(user: Any, pk: int) -> Scene:
    try:
        return Scene.objects.select_related("script__video__channel", "asset").get(
            pk=pk, script__video__in=videos_for_user(user).values("pk")
        )
    except Scene.DoesNotExist:
        raise Http404("No such scene.") from None


def jobs_for_user(user: Any) -> QuerySet[Job]:
    channel_ids = channels_for_user(user).values("pk")
    return Job.objects.select_related("video", "channel").filter(channel__in=channel_ids)


def job_for_user(user: Any, pk: int) -> Job:
    try:
        return jobs_for_user(user).get(pk=pk)
    except Job.DoesNotExist:
        raise Http404("No such job.") from None


SCENE_LIBRARY_RESULTS = 12


def scene_library_search(*, scene: Scene, query: str) -> list[Any]:
    """Images and clips of the scene's channel's library (its own and the shared items; never another
    channel's) matching `query`, best first (the newest first
    when the query is empty)."""
    from assets.models import Asset
    from assets.selectors import asset_search

    found = asset_search(query=query, channel=scene.script.video.channel).filter(
        kind__in=[Asset.Kind.VIDEO, Asset.Kind.IMAGE])  # the same as scene_footage_choices, searched
    return list(found[:SCENE_LIBRARY_RESULTS])


def scene_footage_choices(*, channel: Any) -> QuerySet[Any]:
    """What a scene of this channel may show: the images and clips of its library and the shared one."""
    from assets.models import Asset
    from assets.selectors import asset_search

    return asset_search(query="", channel=channel).filter(kind__in=[Asset.Kind.VIDEO, Asset.Kind.IMAGE])


def scene_design(scene: Scene, *, dates: tuple[str, ...] | None = None,
                 places: tuple[str, ...] | None = None) -> Any:
    """The design the scene shows when it has no usable footage (videos.render.designs.Design): the
    layout and words a person chose, or what the chooser reads in its narration. `dates` (for a
    timeline) and `places` (names written in full) are the script's; without them they are read
    from the script's scenes."""
    from videos.render.designs import choose, script_dates, script_places
    from videos.voice.base import WordTiming

    script = scene.script
    if dates is None or places is None:
        narrations = [s.narration for s in script.scenes.all()]
        dates = script_dates(narrations) if dates is None else dates
        places = script_places(narrations, script.language or "en") if places is None else places
    words = tuple(WordTiming(str(w["word"]), float(w["start"]), float(w["end"])) for w in scene.word_timings or [])
    return choose(scene.narration, on_screen_text=scene.on_screen_text, language=script.language or "en",
                  dates=dates, words=words, layout=scene.design_layout or "auto", text=scene.design_text,
                  places=places)


def script_footage_theme(*, script: Script, narrations: list[str] | None = None,
                         count: int = 2) -> tuple[list[str], list[str]]:
    """What the script keeps showing, in its language and in English (["phare", "récif"], ["lighthouse",
    "reef"]): the search for a scene that names nothing to film, and context for judging the rest."""
    from videos.llm.queries import script_theme

    if narrations is None:
        narrations = list(script.scenes.order_by("position").values_list("narration", flat=True))
    return script_theme(narrations, script.language or script.video.channel.language, title=script.title,
                        count=count)


def filmable_things(*, text: str, language: str = "en") -> frozenset[str]:
    """The filmable things a text names, in English ("câbles rouillés" -> cable), for comparing a scene's
    line with a stock item's description thing by thing."""
    from videos.llm.visual import things_in

    return things_in(text, language)


def broad_things() -> frozenset[str]:
    """Things too broad to tell one picture from another ("city", "people")."""
    from videos.llm.visual import BROAD

    return BROAD
