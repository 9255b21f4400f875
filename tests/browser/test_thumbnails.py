"""The thumbnail picker in Chromium: three real variants of the video's title, chosen with the mouse
(htmx swaps the partial), on a desktop and a phone, with no console error. With
FACELESS_SCREENSHOTS=1 it writes docs/screenshots/video-thumbnails.png."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings

from faceless_site.mediastore import files
from tests.browser.conftest import ffmpeg, sign_in
from tests.browser.seed import seed_studio
from tests.factories import make_user
from videos.models import Render, Video
from videos.render.thumbnail import Candidate, make_thumbnails

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def with_thumbnails(render: Render, frames: list[Path]) -> None:
    media = files.work_folder("")
    folder = files.work_folder(f"renders/{render.video_id}")
    made = make_thumbnails(title="Why lighthouses are striped", language="en", font_family="DejaVu Sans",
                           primary_color="#1e293b", accent_color="#f59e0b",
                           candidates=[Candidate(path, "image") for path in frames],
                           out_paths={n: folder / f"video.thumb-{n}.jpg" for n in ("frame", "panel", "poster")})
    render.thumbnails = [{**t.as_dict(), "file": t.path.relative_to(media).as_posix()} for t in made]
    for thumbnail in render.thumbnails:  # into the media store (nothing to do with the local folder)
        files.media_save(media / thumbnail["file"], thumbnail["file"])
    render.thumbnail = render.thumbnails[0]["file"]
    render.save(update_fields=["thumbnails", "thumbnail"])


@pytest.mark.parametrize("width", [1280, 390])
def test_a_person_picks_the_thumbnail_that_is_uploaded(open_page, width):
    user = make_user(username="alice")
    data = seed_studio(user)
    video = data["rendered"]
    render = video.renders.get(draft=False)
    # The seeded library's flat frames are refused as blank; the picture with detail is chosen.
    detailed = files.work_folder("seed") / "detail.png"
    ffmpeg("-f", "lavfi", "-i", "mandelbrot=s=1280x720:start_scale=0.4", "-frames:v", "1", str(detailed))
    with_thumbnails(render, [*sorted(files.work_folder("seed").glob("frame*.png")), detailed])
    page = open_page(width=width)
    sign_in(page, "alice")
    page.goto(f"/videos/{video.pk}/")
    section = page.locator("#thumbnails")
    section.scroll_into_view_if_needed()
    assert section.locator("img").count() == 3
    assert all(section.locator("img").nth(n).evaluate("i => i.naturalWidth") == 1280 for n in range(3))
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    if os.environ.get("FACELESS_SCREENSHOTS") == "1" and width > 400:
        section.screenshot(path=str(Path(settings.BASE_DIR) / "docs" / "screenshots" / "video-thumbnails.png"))

    section.get_by_text("Designed poster").click()
    section.get_by_role("button", name="Use this thumbnail").click()
    page.locator(".thumbnail-choice.chosen", has_text="Designed poster").wait_for()  # the partial swapped in
    render.refresh_from_db()
    assert render.thumbnail.endswith("video.thumb-poster.jpg")
    assert Video.objects.get(pk=video.pk).thumbnail_layout == "poster"
    assert page.errors_seen == []
