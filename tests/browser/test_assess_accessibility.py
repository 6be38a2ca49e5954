"""axe-core on the self-assessment (answered and not), the benchmark page and a council page, at
desktop and phone widths (the WCAG rules and helpers are those of test_accessibility.py)."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page

from casebook.outputs.assessment import read_assessment
from casebook.taxonomy import get_taxonomy
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.sitepages import get_page_url, is_built
from tests.browser.test_accessibility import describe, get_axe_violations

QUESTIONS = read_assessment(get_taxonomy()).questions
ANSWERED = "?" + "&".join(f"{q.id}={q.options[n % len(q.options)].id}" for n, q in enumerate(QUESTIONS)) + "&council=E07000223"


def _url(built_site, name: str) -> str:
    if name == "assess":
        return built_site.url("assess/")
    if name == "assess-answered":
        return built_site.url("assess/") + ANSWERED
    if name == "benchmark":
        if not is_built(built_site, "benchmark/"):
            pytest.skip("the benchmark page is not in this build yet")
        return built_site.url("benchmark/")
    return get_page_url(built_site, name)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("name", ["assess", "assess-answered", "benchmark", "council"])
def test_axe_finds_no_wcag_violations(page: Page, built_site, name: str, viewport: dict) -> None:
    page.set_viewport_size(viewport)
    page.goto(_url(built_site, name), wait_until="networkidle")
    if name.startswith("assess"):
        page.wait_for_selector("#cb-assess-form[data-state=done]")
    if name == "assess-answered":
        assert page.locator("#cb-assess-summary").is_visible()
    violations = get_axe_violations(page)
    assert not violations, describe(violations)
