"""Real-browser fixtures: one headless Chromium per test session, a fresh page per test.

Debian's Chromium (/usr/bin/chromium) is used where it is installed; otherwise Playwright's own
browser (scripts/install-browser.sh installs one of the two before the tests run).
On failure, screenshots of the page at desktop and phone widths go to test-artifacts/.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from casebook.project import PROJECT_ROOT

SYSTEM_CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium tries to reach Google at start-up, which a
# closed network refuses and which would also show up as requests leaving the site.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
ARTIFACTS = PROJECT_ROOT / "test-artifacts"


def get_executable_path() -> str | None:
    """Debian's Chromium if present, else None: Playwright then uses the browser it installed."""
    return str(SYSTEM_CHROMIUM) if SYSTEM_CHROMIUM.exists() else None


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """One headless Chromium for all the browser tests: starting it costs more than most tests.

    Package scope, not session: Playwright's sync API allows one instance per thread at a time, so
    this one must stop when the browser tests end, before other tests (benchmarks) start their own.
    """
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=get_executable_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A new desktop-sized page in its own context (no shared cookies or storage between tests)."""
    context = browser.new_context(viewport=DESKTOP)
    new_page = context.new_page()
    yield new_page
    if _failed(request.node):
        save_screenshots(new_page, request.node.nodeid)
    context.close()


def save_screenshots(page: Page, nodeid: str) -> list[Path]:
    """Full-page screenshots of the page as it was left, at desktop and phone widths."""
    if page.is_closed() or page.url in ("", "about:blank"):
        return []
    ARTIFACTS.mkdir(exist_ok=True)
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid).strip("_")
    saved = []
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        target = ARTIFACTS / f"{stem}.{name}.png"
        page.screenshot(path=str(target), full_page=True)
        saved.append(target)
    return saved


def _failed(item: pytest.Item) -> bool:
    report = getattr(item, "rep_call", None)
    return bool(report and report.failed)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    """Keep each phase's report on the test item, so fixtures can tell whether the test failed."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
