"""What the pages look like where the issue found them wrong (issue 24), measured in Chromium: video
clips in the footage picker drawn in the same 16:9 tiles as pictures, long URLs in job warnings
wrapped at their own punctuation on a phone (no word cut in two), and every column of the health and
jobs tables on a 390 px phone, without sideways scrolling."""

from __future__ import annotations

import pytest
from django.conf import settings

from tests.browser.conftest import ffmpeg, sign_in
from tests.browser.seed import seed_studio
from tests.factories import make_user
from videos.models import Job

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

URL = "https://videos.pexels.com/video-files/3571264/3571264-uhd_3840_2160_30fps.mp4?download=1&quality=uhd_3840x2160"
WARNING = f"Pexels could not download {URL} (the server stopped answering); used the next candidate."

# How many lines a run of text takes: the client rects of a Range over it, by their distinct tops.
LINES_OF = """([root, text]) => {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let node, start = null, seen = '';
  const nodes = [];
  while ((node = walker.nextNode())) { nodes.push([node, seen.length]); seen += node.data; }
  const from = seen.indexOf(text); if (from < 0) return -1;
  const range = document.createRange();
  for (const [n, offset] of nodes) {
    if (start === null && from < offset + n.data.length) { range.setStart(n, from - offset); start = n; }
    if (start !== null && from + text.length <= offset + n.data.length) {
      range.setEnd(n, from + text.length - offset); break;
    }
  }
  return new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))).size;
}"""


@pytest.fixture
def studio(db):
    user = make_user(username="alice", is_staff=True)
    data = seed_studio(user)
    Job.objects.create(kind="match_footage", video=data["rendered"], channel=data["channel"],
                       step_key="match_footage", state="succeeded", percent=100, stage="Done", warnings=[WARNING])
    return data


def test_video_clips_in_the_footage_picker_are_16_by_9_tiles_like_pictures(open_page, studio):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from assets.services import asset_upload

    clip = settings.MEDIA_ROOT / "portrait.mp4"  # an upright clip: its own shape would be a tall tile
    ffmpeg("-f", "lavfi", "-i", "testsrc2=s=270x480:r=25:d=2", "-c:v", "libx264", "-pix_fmt", "yuv420p", str(clip))
    asset_upload(file=SimpleUploadedFile("tall lighthouse.mp4", clip.read_bytes()), user=studio["channel"].owner,
                 channel=studio["channel"], tags="lighthouse", title="Tall lighthouse")
    scene = studio["rendered"].current_script.scenes.first()
    for width in (1280, 390):
        page = open_page(width=width)
        sign_in(page, "alice")
        page.goto(f"/videos/{studio['rendered'].pk}/")
        picker = page.locator(".scene-library").first
        picker.locator("summary").click()
        picker.get_by_role("button", name="Search").click()
        picker.locator(".candidates video").first.wait_for()
        on_its_own = open_page(width=width)  # the picker as a page of its own (without htmx)
        sign_in(on_its_own, "alice")
        on_its_own.goto(f"/scenes/{scene.pk}/library/?q=")
        on_its_own.locator(".candidates video").first.wait_for()
        for where in (picker, on_its_own):
            video = where.locator(".candidates video").first.bounding_box()
            image = where.locator(".candidates img").first.bounding_box()
            assert abs(video["width"] / video["height"] - 16 / 9) < 0.05, (width, video)
            assert abs(video["height"] - image["height"]) < 1.5, (width, video, image)


def test_a_long_url_in_a_job_warning_wraps_at_its_punctuation_on_a_phone(open_page, studio):
    page = open_page(width=390)
    sign_in(page, "alice")
    page.goto("/jobs/")
    warning = page.locator(".job-warning", has_text="Pexels could not download").first
    box = warning.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    handle = warning.element_handle()
    for word in ("download", "answering", "candidate", "videos.pexels.com", "video-files", "quality",
                 "uhd_3840_2160_30fps.mp4", "uhd_3840x2160"):
        assert page.evaluate(LINES_OF, [handle, word]) == 1, f"“{word}” is cut across lines"
    assert page.evaluate(LINES_OF, [handle, URL]) > 1  # the URL itself does wrap, at its / ? & and =
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


@pytest.mark.parametrize(("url", "column"), [("/system/health/", "Fix"), ("/jobs/", "Error")])
def test_every_column_of_a_table_shows_on_a_phone(open_page, studio, url, column):
    Job.objects.filter(state="failed").update(error="espeak-ng has no voice 'xx'. Pick a voice, then retry.")
    page = open_page(width=390)
    sign_in(page, "alice")
    page.goto(url)
    cells = page.locator(f"td[data-label='{column}']")
    assert cells.count() > 0
    for index in range(cells.count()):
        box = cells.nth(index).bounding_box()
        if box is None or box["height"] == 0:  # an empty cell is left out on a phone
            continue
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (column, index, box)
    label = page.evaluate("(cell) => getComputedStyle(cell, '::before').content",
                          cells.first.element_handle())
    assert column in label  # each value says which column it belongs to
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
