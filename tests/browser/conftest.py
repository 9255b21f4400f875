"""Debian's Chromium driven by Playwright against pytest-django's live server."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session", autouse=True)
def _allow_orm_beside_playwright():
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make between
    # browser steps are still plain synchronous code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, live_server):
    """open_page(width=1280) -> a page in a fresh context; console errors and CSP violations are
    collected on page.errors_seen so a test can assert there were none."""
    contexts = []

    def _open(width: int = 1280, height: int = 860):
        context = browser.new_context(viewport={"width": width, "height": height}, base_url=live_server.url)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.errors_seen = []
        page.on("console", lambda msg: msg.type == "error" and page.errors_seen.append(msg.text))
        page.on("pageerror", lambda exc: page.errors_seen.append(str(exc)))
        page.on("response", lambda r: r.status >= 400 and page.errors_seen.append(f"{r.status} {r.url}"))
        page.on("dialog", lambda dialog: dialog.accept())
        return page

    yield _open
    for context in contexts:
        context.close()


def sign_in(page, username: str, password: str = "correct horse battery staple") -> None:  # noqa: S107
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")


_generated: dict[tuple[str, ...], bytes] = {}


def ffmpeg(*args: str) -> None:
    """ffmpeg with its output last. What it generates from lavfi sources alone is made once per worker
    and copied after: the seeded studio of every browser test has the same pictures and clips."""
    *making, output = args
    generated = args.count("-i") == sum(1 for n, arg in enumerate(args[:-1]) if arg == "-f" and args[n + 1] == "lavfi")
    if generated and tuple(making) in _generated:
        Path(output).write_bytes(_generated[tuple(making)])
        return
    subprocess.run([shutil.which("ffmpeg") or "ffmpeg", "-v", "error", "-y", *args], check=True)
    if generated:
        _generated[tuple(making)] = Path(output).read_bytes()
