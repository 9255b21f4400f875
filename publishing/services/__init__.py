"""Publishing services. The job runner imports the steps by these names
(`publishing.services.step_publish`, `...step_sync_analytics`, `...step_autopilot`), and the
django-q2 schedules call `publish_due`, `analytics_sync_all` and `autopilot_all`."""

from __future__ import annotations

from publishing.services.accounts import youtube_account_disconnect, youtube_account_link
from publishing.services.analytics import analytics_sync_all, channel_analytics_sync, step_sync_analytics
from publishing.services.autopilot import autopilot_all, channel_autopilot, step_autopilot
from publishing.services.publish import publication_publish, publish_due, step_publish
from publishing.services.schedule import next_free_slot, publication_schedule, publication_unschedule
from publishing.services.targets import PublishError

__all__ = [
    "PublishError", "analytics_sync_all", "autopilot_all", "channel_analytics_sync", "channel_autopilot",
    "next_free_slot", "publication_publish", "publication_schedule", "publication_unschedule", "publish_due",
    "step_autopilot", "step_publish", "step_sync_analytics", "youtube_account_disconnect", "youtube_account_link",
]
