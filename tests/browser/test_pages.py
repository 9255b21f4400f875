"""Every studio page in Chromium, on a desktop and a 390 px phone: no console errors (so no CSP
violation either), no sideways scrolling on the phone, and the keyboard reaches the main actions.
With FACELESS_SCREENSHOTS=1 it also writes the README screenshots to docs/screenshots/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.conftest import sign_in
from tests.browser.seed import seed_studio
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
SHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"


def _pages(data) -> list[tuple[str, str]]:
    return [
        ("dashboard", "/"),
        ("video-studio", f"/videos/{data['rendered'].pk}/"),
        ("video-draft", f"/videos/{data['drafted'].pk}/"),
        ("channel-settings", f"/channels/{data['channel'].slug}/settings/"),
        ("calendar", "/calendar/"),
        ("library", f"/library/?channel={data['channel'].slug}"),
        ("jobs", "/jobs/"),
        ("analytics", f"/analytics/?channel={data['channel'].slug}"),
        ("health", "/system/health/"),
        ("api-tokens", "/account/tokens/"),
    ]


def _shoot(page, name: str) -> None:
    if os.environ.get("FACELESS_SCREENSHOTS") == "1":
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.clock
@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_renders_cleanly(open_page, width):
    user = make_user(username="alice", is_staff=True)
    data = seed_studio(user)
    page = open_page(width=width)
    page.goto("/login/")
    _shoot(page, "login" if width > 400 else "login-phone")
    sign_in(page, "alice")
    for name, url in _pages(data):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").first.is_visible(), url
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        wide = page.evaluate("""[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right
            > window.innerWidth + 1 && !e.closest('.board, .table-wrap > *, .nav')).slice(0, 5)
            .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))""")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at {width}px: {wide}"
        _shoot(page, name if width > 400 else f"{name}-phone")
    assert page.errors_seen == []


def test_keyboard_reaches_the_studio_actions(open_page):
    user = make_user(username="alice")
    data = seed_studio(user)
    page = open_page()
    sign_in(page, "alice")
    page.goto(f"/videos/{data['rendered'].pk}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to content"
    focused = set()
    for _ in range(150):  # every scene card has its own fields, runner-ups and library search
        page.keyboard.press("Tab")
        focused.add(page.evaluate("document.activeElement.textContent.trim()"))
        if "Approve" in focused and any(text.startswith("Run whole pipeline") for text in focused):
            break
    assert "Approve" in focused
    assert any(text.startswith("Run whole pipeline") for text in focused)
    ring = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert ring != "none"
