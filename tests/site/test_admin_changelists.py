"""Every changelist of the project's admin runs the same number of queries for 2 rows as for 8: a
column that shows a related object (a video's title comes from its current script) must not query
once per row."""

from __future__ import annotations

import datetime

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assets.models import Asset
from channels.models import ChannelMembership
from publishing.models import Publication, QuotaUsage, YouTubeAccount
from tests.factories import make_channel, make_script, make_user, make_video
from videos.models import Job, Render

pytestmark = pytest.mark.django_db
PROJECT_APPS = {"assets", "faceless_channels", "publishing", "videos", "faceless_site"}


def _rows(n: int, start: int) -> None:
    """n rows of every model the project's admin lists, each with the relations its columns show."""
    for i in range(start, start + n):
        owner = make_user()
        channel = make_channel(owner=owner)
        ChannelMembership.objects.create(channel=channel, user=make_user(), role="editor")
        video = make_video(channel=channel, topic=f"Topic {i}")
        make_script(video, title=f"Title {i}")
        Render.objects.create(video=video, file=f"renders/{i}.mp4", width=1920, height=1080, duration_seconds=30)
        Job.objects.create(kind="pipeline", video=video, channel=channel, step_key="pipeline", state="running")
        Job.objects.create(kind="write_script", video=video, channel=channel, step_key="write_script",
                           state="failed", error="The model did not answer.")
        Publication.objects.create(video=video, state="scheduled")
        YouTubeAccount.objects.create(channel=channel, user=owner, youtube_channel_id=f"UC{i}", title=f"Yt {i}",
                                      encrypted_credentials="x")
        QuotaUsage.objects.create(project="p", day=datetime.date(2026, 1, 1) + datetime.timedelta(days=i),
                                  bucket="units", used=i)
        Asset.objects.create(channel=channel, kind="image", source="upload", title=f"Asset {i}",
                             file=f"assets/{i}.png", sha256=f"{i:064x}")


def _changelists() -> list[str]:
    return [reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
            for model in admin.site._registry if model._meta.app_label in PROJECT_APPS]


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_every_changelist_runs_the_same_queries_for_2_rows_as_for_8(client):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    urls = _changelists()
    assert len(urls) >= 9
    _rows(2, 0)
    few = {url: _count(client, url) for url in urls}
    _rows(6, 2)
    many = {url: _count(client, url) for url in urls}
    grew = {url: (few[url], many[url]) for url in urls if many[url] != few[url]}
    assert not grew, f"queries (2 rows, 8 rows) per changelist: {grew}"
