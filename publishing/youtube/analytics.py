"""YouTube Analytics v2: daily views, watch time and subscribers gained for one video."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from publishing.youtube.client import YouTubeClient

METRICS = ("views", "estimatedMinutesWatched", "subscribersGained")


@dataclass(frozen=True)
class DailyStats:
    day: str
    views: int
    minutes_watched: float
    subscribers_gained: int


def video_daily_stats(client: YouTubeClient, *, video_id: str, start: date, end: date) -> list[DailyStats]:
    # The Analytics API has its own quota, separate from the Data API ledger, so it is not charged.
    answer = client.call("reports.query", lambda service: service.reports().query(
        ids="channel==MINE", startDate=start.isoformat(), endDate=end.isoformat(), metrics=",".join(METRICS),
        dimensions="day", filters=f"video=={video_id}", sort="day"), charge=False)
    names = [header["name"] for header in answer.get("columnHeaders", [])]
    stats = []
    for row in answer.get("rows") or []:
        values = dict(zip(names, row, strict=False))
        stats.append(DailyStats(day=str(values["day"]), views=int(values.get("views") or 0),
                                minutes_watched=float(values.get("estimatedMinutesWatched") or 0),
                                subscribers_gained=int(values.get("subscribersGained") or 0)))
    return stats
