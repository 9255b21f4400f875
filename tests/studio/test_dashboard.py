"""The dashboard with many videos: the board draws a few cards per column and the list below pages,
filters and searches, with the same number of queries for 5 videos as for 50."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import ApiClient
from tests.factories import make_channel, make_script, make_video
from videos.models import Job, Video
from videos.selectors import BOARD_CARDS

pytestmark = pytest.mark.django_db
STATUSES = ["draft", "scripted", "voiced", "rendered", "approved", "failed"]


def _fill(channel, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        video = make_video(channel=channel, topic=f"Topic number {n}", status=STATUSES[n % len(STATUSES)])
        if n % 2:
            make_script(video, title=f"Scripted title {n}")
        if n % 3 == 0:
            Job.objects.create(kind="pipeline", video=video, channel=channel, step_key="pipeline", state="running")


def _queries(client, url: str, **headers) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=headers)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def _rows(body: str) -> int:
    return body.count('class="video-row"')


def _cards(body: str) -> int:
    return body.count('class="vcard"')


URLS = ["/", "/?page=2", "/?status=draft", "/?q=title", "/?q=number&status=scripted&page=2"]


def test_queries_are_the_same_for_5_and_50_videos(as_alice, channel, alice):
    _fill(channel, 5)
    second = make_channel(owner=alice)
    _fill(second, 1)
    few = {url: _queries(as_alice, url)[0] for url in URLS}
    _fill(channel, 45, start=5)
    _fill(second, 10, start=50)
    many = {url: _queries(as_alice, url)[0] for url in URLS}
    assert many == few


def test_the_page_draws_the_same_number_of_videos_for_50_as_for_5000(as_alice, channel):
    Video.objects.bulk_create([Video(channel=channel, topic=f"Bulk {n}", status="draft") for n in range(300)])
    body = _queries(as_alice, "/")[1]
    assert _cards(body) == BOARD_CARDS  # one column holds them all; it shows the newest few
    assert _rows(body) == 25
    assert '<span>Draft</span><span>300</span>' in body
    assert f"?channel={channel.slug}&amp;status=draft#videos" in body and "All 300" in body
    assert "300 videos, page 1 of 12" in body


def test_pages_hold_every_video_once_newest_change_first(as_alice, channel):
    _fill(channel, 30)
    first, second = _queries(as_alice, "/")[1], _queries(as_alice, "/?page=2")[1]
    titles = re.findall(r'class="video-row">\s*<a href="/videos/(\d+)/"', first + second)
    assert len(titles) == len(set(titles)) == 30
    assert titles == [str(pk) for pk in Video.objects.order_by("-updated_at", "-pk").values_list("pk", flat=True)]
    assert 'rel="next"' in first and 'rel="prev"' in second and "page 2 of 2" in second
    assert _queries(as_alice, "/?page=99")[1].count('class="video-row"') == 5  # past the end: the last page


def test_filter_by_status_and_search_titles_and_topics(as_alice, channel, bobs_channel):
    lighthouse = make_video(channel=channel, topic="Why lighthouses are striped", status="draft")
    lens = make_video(channel=channel, topic="Glass", status="rendered")
    make_script(lens, title="The Fresnel LENS")
    make_video(channel=channel, topic="Bees", status="voiced")
    make_video(channel=bobs_channel, topic="Lens of a bird's eye")
    body = _queries(as_alice, "/?q=lens")[1]
    assert _rows(body) == 1 and "The Fresnel LENS" in body and "bird" not in body
    body = _queries(as_alice, "/?q=LIGHTHOUSE")[1]
    assert _rows(body) == 1 and f"/videos/{lighthouse.pk}/" in body
    body = _queries(as_alice, "/?status=scripted")[1]  # the Scripted column holds voiced videos too
    assert _rows(body) == 1 and "Bees" in body
    assert _rows(_queries(as_alice, "/?status=rendered&q=lighthouse")[1]) == 0
    assert _rows(_queries(as_alice, "/?status=nonsense")[1]) == 3  # an unknown status is no filter


def test_an_htmx_request_for_the_list_gets_the_list_alone(as_alice, channel):
    _fill(channel, 30)
    queries, body = _queries(as_alice, "/?page=2", **{"HX-Request": "true", "HX-Target": "videos"})
    assert body.strip().startswith('<div id="videos"')
    assert _rows(body) == 5 and "<html" not in body and 'class="board"' not in body
    full_queries = _queries(as_alice, "/?page=2")[0]
    assert queries < full_queries


def test_the_list_is_labelled_and_reachable_by_keyboard(as_alice, channel):
    _fill(channel, 30)
    body = _queries(as_alice, "/")[1]
    for field in ("video-q", "video-status"):
        assert f'<label for="{field}">' in body and f'id="{field}"' in body
    assert 'role="search"' in body and '<button type="submit">Show</button>' in body
    assert 'aria-label="Pages of videos"' in body and 'href="?page=2#videos"' in body


def test_the_api_list_searches_and_its_queries_do_not_grow(alice, channel):
    api = ApiClient(alice)
    _fill(channel, 5)

    def count(params):
        with CaptureQueriesContext(connection) as captured:
            response = api.get("/videos", params)
        assert response.status_code == 200
        return len(captured), response.json()

    searches = ({}, {"q": "title"}, {"status": "draft"}, {"offset": 2, "limit": 2})
    count({})  # the token's first use records when it was used: one write, once
    few = [count(p)[0] for p in searches]
    _fill(channel, 45, start=5)
    assert [count(p)[0] for p in searches] == few
    data = count({"q": "SCRIPTED TITLE 7"})[1]
    assert data["count"] == 1 and data["items"][0]["title"] == "Scripted title 7"
    assert count({"q": "number 4"})[1]["count"] == 11  # 4, 40-49
