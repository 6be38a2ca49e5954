"""The preview shows content problems in the browser, and clears them when the file is fixed.

`build_site.py serve` runs in a copy of the minimal fixture project; a case study is broken while
it runs, the page in Chromium shows the banner listing the problem (`file:line: field: message`),
the file is put right, and the banner goes. Waits poll the page with a deadline, never a fixed sleep.
"""
from __future__ import annotations

import time

import pytest
from playwright.sync_api import Page

from tests.preview.test_serve import _preview, _replace

pytestmark = pytest.mark.slow
CASE_STUDY = "alpha-shared-payroll.md"
PAGE = "case-studies/alpha-shared-payroll/"
BANNER = "#cb-preview-problems"
DEADLINE_S = 90


def _banner_text(page: Page) -> str | None:
    """The banner's text once the page's script has run; None if the page has no banner."""
    page.wait_for_load_state("load")
    page.wait_for_function("() => document.documentElement.dataset.cbPreviewChecked === 'yes'")
    banner = page.locator(BANNER)
    return banner.inner_text() if banner.count() else None


def _until(page: Page, url: str, wanted) -> str | None:
    """Reload `url` until `wanted(banner text)` holds; the deadline, not a pause, bounds the wait."""
    deadline = time.monotonic() + DEADLINE_S
    while True:
        page.goto(url)
        text = _banner_text(page)
        if wanted(text):
            return text
        if time.monotonic() > deadline:
            raise AssertionError(f"the banner was {text!r} at {url} after {DEADLINE_S}s")
        page.wait_for_timeout(250)  # between reloads of a live server; the deadline bounds the test


def test_a_broken_case_study_shows_a_banner_until_it_is_fixed(page: Page, make_corpus) -> None:
    paths = make_corpus(corpus="minimal")
    with _preview(paths, PAGE, "Alpha: a shared payroll service") as preview:
        url = preview.base + PAGE
        assert _until(page, url, lambda text: text is None) is None  # valid content: no banner
        _replace(paths.casestudies / CASE_STUDY, "\nstage: 1\n", "\nstage: Service level\n")
        text = _until(page, url, lambda text: text is not None)
        assert f"casestudies/{CASE_STUDY}:" in text and ": stage: 'Service level' is the name of 3R stage 1" in text
        assert "1 problem" in text
        assert page.get_by_role("alert").count() == 1
        # The last good page is still shown beneath the banner.
        assert "Alpha: a shared payroll service" in page.locator("h1").inner_text()
        _replace(paths.casestudies / CASE_STUDY, "\nstage: Service level\n", "\nstage: 1\n")
        assert _until(page, url, lambda text: text is None) is None


def test_problem_text_is_shown_as_text_never_as_markup(page: Page, make_corpus) -> None:
    """A title is content: a tag in a broken file's field must reach the banner as the characters typed."""
    paths = make_corpus(corpus="minimal")
    with _preview(paths, PAGE, "Alpha: a shared payroll service") as preview:
        _replace(paths.casestudies / CASE_STUDY, "\nstage: 1\n", "\nstage: <img src=x id=cb-injected>\n")
        text = _until(page, preview.base + PAGE, lambda text: text is not None)
        assert "<img src=x id=cb-injected>" in text
        assert page.locator("#cb-injected").count() == 0
