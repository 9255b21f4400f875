"""Publishing pages: the calendar of scheduled and published videos, and analytics charts."""

from __future__ import annotations

import calendar as cal
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from channels.selectors import channels_for_user, videos_for_user
from videos.models import Video


def _month(request: HttpRequest) -> date:
    try:
        year, month = (int(x) for x in request.GET.get("month", "").split("-"))
        return date(year, month, 1)
    except ValueError:
        today = timezone.localdate()
        return today.replace(day=1)


@login_required
@require_GET
def calendar_page(request: HttpRequest) -> HttpResponse:
    first = _month(request)
    weeks = cal.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    tz = timezone.get_current_timezone()
    start = datetime.combine(weeks[0][0], time.min, tzinfo=tz)
    end = datetime.combine(weeks[-1][-1] + timedelta(days=1), time.min, tzinfo=tz)
    videos = videos_for_user(request.user).filter(
        Q(status=Video.Status.SCHEDULED, scheduled_for__gte=start, scheduled_for__lt=end)
        | Q(status=Video.Status.PUBLISHED, published_at__gte=start, published_at__lt=end)
    ).prefetch_related("scripts")
    by_day: dict[date, list[dict[str, Any]]] = {}
    for video in videos:
        kind = "published" if video.status == Video.Status.PUBLISHED else "scheduled"
        when = timezone.localtime(video.published_at if kind == "published" else video.scheduled_for)
        by_day.setdefault(when.date(), []).append({"video": video, "kind": kind, "when": when})
    for items in by_day.values():
        items.sort(key=lambda item: item["when"])
    prev_month = (first - timedelta(days=1)).replace(day=1)
    next_month = (first + timedelta(days=32)).replace(day=1)
    context = {
        "first": first, "today": timezone.localdate(), "prev": prev_month, "next": next_month,
        "weeks": [[(day, by_day.get(day, [])) for day in week] for week in weeks],
        "agenda": sorted(by_day.items()),
    }
    return TemplateResponse(request, "studio/calendar.html", context)


def bar_chart(points: list[tuple[str, float]], *, width: int = 600, height: int = 200) -> dict[str, Any]:
    """Bars and labels for an inline SVG, computed here so the template only places them."""
    top = max((value for _label, value in points), default=0) or 1
    gap, left, bottom = 6, 32, 22
    slot = (width - left) / max(len(points), 1)
    bars = []
    for index, (label, value) in enumerate(points):
        bar_height = (height - bottom - 10) * value / top
        x = left + index * slot + gap / 2
        bars.append({"x": round(x, 1), "y": round(height - bottom - bar_height, 1), "w": round(slot - gap, 1),
                     "h": round(bar_height, 1), "label": label, "value": value,
                     "label_x": round(x + (slot - gap) / 2, 1), "show_label": len(points) <= 12 or index % 2 == 0})
    return {"bars": bars, "width": width, "height": height, "top": top, "base_y": height - bottom,
            "left": left}


@login_required
@require_GET
def publication_file(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """An exported file of a local publication, for whoever may see the video (Range for the player)."""
    from faceless_site.media import serve_file
    from publishing.export import EXPORTED_FILES
    from publishing.models import Publication

    publication = Publication.objects.filter(
        pk=pk, target=Publication.Target.LOCAL, video__in=videos_for_user(request.user).values("pk")).first()
    if publication is None or name not in EXPORTED_FILES or not publication.external_id:
        raise Http404("No such exported file.")
    return serve_file(request, f"{publication.external_id}/{name}", root=Path(settings.EXPORT_ROOT))


@login_required
@require_GET
def analytics_page(request: HttpRequest) -> HttpResponse:
    channels = list(channels_for_user(request.user))
    channel = next((c for c in channels if c.slug == request.GET.get("channel")), channels[0] if channels else None)
    context: dict[str, Any] = {"channels": channels, "channel": channel}
    if channel is not None:
        weeks = 12
        since = timezone.now() - timedelta(weeks=weeks)
        published = (Video.objects.filter(channel=channel, status=Video.Status.PUBLISHED, published_at__gte=since)
                     .annotate(week=TruncWeek("published_at")).values("week").annotate(n=Count("pk")))
        counts = {row["week"].date(): row["n"] for row in published}
        monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday())
        series = [(monday - timedelta(weeks=w)) for w in range(weeks - 1, -1, -1)]
        status_counts = dict(Video.objects.filter(channel=channel).values_list("status").annotate(n=Count("pk")))
        context["uses_youtube"] = _uses_youtube(channel)
        if context["uses_youtube"]:  # a channel that only exports locally has no YouTube numbers to chart
            context.update(_youtube_context(channel))
        context.update(
            published_chart=bar_chart([(d.strftime("%d %b"), counts.get(d, 0)) for d in series]),
            status_chart=bar_chart([(label, status_counts.get(value, 0)) for value, label in Video.Status.choices]),
            totals={"videos": sum(status_counts.values()), "published": status_counts.get("published", 0),
                    "failed": status_counts.get("failed", 0)},
        )
    return TemplateResponse(request, "studio/analytics.html", context)


def _uses_youtube(channel: Any) -> bool:
    """Publishes to YouTube now, is connected, or did before: only then can YouTube views exist."""
    from publishing.models import Publication, YouTubeAccount

    return ((channel.publish_target or settings.PUBLISH_DEFAULT_TARGET) == Publication.Target.YOUTUBE
            or YouTubeAccount.objects.filter(channel=channel).exists()
            or Publication.objects.filter(video__channel=channel, target=Publication.Target.YOUTUBE).exists())


def _youtube_daily(channel_id: int, days: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Daily YouTube numbers and per-video totals from the document store (publishing.services.analytics
    writes them). Raises DocumentStoreUnavailable when the store cannot be reached."""
    from pymongo.errors import PyMongoError

    from faceless_site import docstore
    from publishing.services.analytics import DAILY, TOTALS

    since = timezone.localdate(timezone=UTC) - timedelta(days=days)
    try:
        daily = list(docstore.collection(DAILY).find({"channel_id": channel_id}, {"_id": 0}))
        totals = list(docstore.collection(TOTALS).find({"channel_id": channel_id}, {"_id": 0})
                      .sort("views", -1).limit(20))
    except PyMongoError as exc:
        raise docstore.DocumentStoreUnavailable(f"The analytics store does not answer ({type(exc).__name__}).") from exc
    return [row for row in daily if str(row.get("day", "")) >= since.isoformat()], totals


def _youtube_context(channel: Any) -> dict[str, Any]:
    from faceless_site.docstore import DocumentStoreUnavailable

    days = 28
    try:
        daily, totals = _youtube_daily(channel.pk, days)
    except DocumentStoreUnavailable as exc:
        return {"youtube_error": str(exc)}
    views_by_day: dict[str, int] = {}
    for row in daily:
        views_by_day[str(row["day"])[:10]] = views_by_day.get(str(row["day"])[:10], 0) + int(row.get("views", 0))
    today = timezone.localdate()
    series = [today - timedelta(days=n) for n in range(days - 1, -1, -1)]
    videos = {v.pk: v for v in Video.objects.filter(pk__in=[t["video_id"] for t in totals]).prefetch_related("scripts")}
    return {
        "views_chart": bar_chart([(d.strftime("%d %b"), views_by_day.get(d.isoformat(), 0)) for d in series]),
        "video_totals": [{**t, "video": videos.get(t["video_id"])} for t in totals if t["video_id"] in videos],
        "youtube_views": sum(views_by_day.values()),
    }
