"""The whole creator journey in Chromium against a live server and a real `manage.py qcluster`:
sign in, create a channel, upload library footage, create a video from a source text, watch the
pipeline's progress, play the render, swap a scene's footage, approve and schedule; then a second
user who sees none of it."""

from __future__ import annotations

import re
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from channels.models import Channel
from tests.browser.conftest import ffmpeg, sign_in
from tests.cluster import start_cluster, stop
from tests.factories import make_user
from videos.models import Job, Video

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.real_clock, pytest.mark.django_db(transaction=True)]

SOURCE = (
    "Lighthouses guided sailors for centuries. The first great tower stood at Alexandria.\n\n"
    "In 1822 Augustin Fresnel designed a lens of rings and prisms. Its beam reached thirty kilometres.\n\n"
    "Keepers polished the glass every morning and kept the lamp burning through every storm."
)
TAGS = "lighthouse lighthouses tower sea ship sailors lamp lens light keeper storm coast beam glass"


@pytest.fixture
def cluster(tmp_path):
    process = start_cluster(tmp_path)
    yield tmp_path
    stop(process)


def _footage_files(tmp_path: Path) -> list[Path]:
    files = []
    for n, colour in enumerate(["0x2f5bd3", "0xf59e0b", "0x1c7c4a", "0x6b8bb8"]):
        path = tmp_path / f"lighthouse-{n}.png"
        ffmpeg("-f", "lavfi", "-i", f"color=c={colour}:s=1280x720", "-frames:v", "1", str(path))
        files.append(path)
    return files


def _create_channel(page) -> Channel:
    page.get_by_role("link", name="New channel").click()
    page.get_by_label("Name").fill("Lighthouse Lore")
    page.get_by_label("Niche").fill("lighthouses and the sea")
    page.get_by_role("button", name="Create channel").click()
    page.wait_for_url("**/lighthouse-lore/settings/")
    # Only the local library for footage (no stock keys offline), and a short video.
    page.get_by_label("Footage sources, in order").fill("library")
    page.get_by_label("Target length (seconds)").fill("30")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Settings saved.")).to_be_visible()
    return Channel.objects.get(slug="lighthouse-lore")


def _upload_footage(page, files: list[Path]) -> None:
    for path in files:
        page.goto("/library/?channel=lighthouse-lore")
        page.get_by_label("Image, clip or music").set_input_files(str(path))
        page.get_by_label("Tags").fill(TAGS)
        page.get_by_label("Add to").select_option("lighthouse-lore")
        page.get_by_role("button", name="Upload").click()
        expect(page.get_by_text("Added “")).to_be_visible()


def _watch_pipeline(page, video: Video) -> list[int]:
    """Percentages the progress bar showed until the page reloaded with the render."""
    seen: list[int] = []
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and not page.locator("section.player video").count():
        bars = page.locator(".job progress")
        if bars.count():
            value = bars.first.get_attribute("value")
            if value is not None and (not seen or seen[-1] != int(value)):
                seen.append(int(value))
        failed = Job.objects.filter(video=video, state=Job.State.FAILED).first()
        assert failed is None, failed.error
        page.wait_for_timeout(500)
    return seen


@pytest.mark.clock
def test_a_creator_makes_a_video_and_a_stranger_sees_nothing(open_page, cluster, tmp_path):
    make_user(username="alice")
    make_user(username="bob")
    page = open_page()
    sign_in(page, "alice")
    channel = _create_channel(page)
    _upload_footage(page, _footage_files(tmp_path))

    page.goto("/")
    page.get_by_role("link", name="New video on Lighthouse Lore").click()
    page.get_by_label("Source text").fill(SOURCE)
    page.get_by_role("button", name="Create video").click()
    page.wait_for_url(re.compile(r"/videos/\d+/$"))
    video = Video.objects.get(channel=channel)
    assert page.locator(".job progress").count() == 1

    seen = _watch_pipeline(page, video)
    assert len(seen) >= 2 and seen == sorted(seen), seen
    assert page.locator("h1 .badge").inner_text() == "Rendered"
    assert Job.objects.get(video=video, kind="pipeline").state == Job.State.SUCCEEDED

    played = page.locator("section.player video").evaluate(
        "v => v.play().then(() => new Promise(done => setTimeout(() => done(v.currentTime), 1200)))")
    assert played > 0.3

    first_scene = page.locator("article.scene").first
    before = first_scene.locator(".footage > p.help").inner_text()
    first_scene.locator("summary", has_text="Alternatives").click()
    # One of the runners-up is the footage in use (which one depends on what the other scenes took).
    in_use = before.split(" — ")[0]
    first_scene.locator(".candidates button").filter(has_not_text=in_use).first.click()
    swapped = page.locator("article.scene").first
    expect(swapped.get_by_text("Footage swapped for")).to_be_visible()
    expect(swapped.locator(".footage > p.help")).to_contain_text("Chosen by alice")
    assert swapped.locator(".footage > p.help").inner_text() != before

    # The render no longer shows the footage: the page offers the update, not the approval.
    expect(page.get_by_role("button", name="Approve")).to_have_count(0)
    page.get_by_role("button", name="Update video").click()
    update = None
    for _ in range(600):
        update = Job.objects.filter(video=video, kind=Job.Kind.NARRATE_RENDER).first()
        if update is not None and update.state in Job.DONE_STATES:
            break
        page.wait_for_timeout(500)
    assert update is not None and update.state == Job.State.SUCCEEDED, update and update.error
    # The page reloads itself when its job ends (a reload from here would race it): the approval
    # is offered again only on the reloaded page.
    expect(page.get_by_role("button", name="Approve")).to_be_visible(timeout=20_000)
    expect(page.locator("h1 .badge")).to_have_text("Rendered")

    page.get_by_role("button", name="Approve").click()
    expect(page.locator("h1 .badge")).to_have_text("Approved")
    when = (timezone.localtime() + timedelta(days=2)).replace(hour=10, minute=30)
    page.get_by_label("Publish at").fill(when.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Schedule").click()
    expect(page.get_by_text("Scheduled for")).to_be_visible()
    expect(page.locator("h1 .badge")).to_have_text("Scheduled")
    page.goto("/")
    expect(page.get_by_role("heading", name="Next scheduled uploads")).to_be_visible()
    expect(page.locator(".upcoming").get_by_text(str(Video.objects.get(pk=video.pk)))).to_be_visible()
    assert page.errors_seen == []

    stranger = open_page()
    sign_in(stranger, "bob")
    assert "Lighthouse Lore" not in stranger.content()
    assert stranger.goto(f"/videos/{video.pk}/").status == 404
    assert stranger.goto(f"/channels/{channel.slug}/settings/").status == 404
    render = video.renders.first()
    assert stranger.goto(f"/videos/{video.pk}/renders/{render.pk}/file/").status == 404
