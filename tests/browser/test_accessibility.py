"""WCAG 2.2 AA in a real browser: axe-core finds no violations, charts and tables carry their meaning.

axe-core comes bundled in axe-playwright-python; it runs with the WCAG 2.0, 2.1 and 2.2 A and AA
rule sets on each key page, at desktop and phone widths (the layouts differ: the phone one has a
drawer and a collapsed header).
"""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.sitepages import get_page_url

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
AXE_PAGES = ["home", "theme", "stage", "council", "case-study", "search", "data", "insights", "model", "evidence"]


def get_axe_violations(page: Page) -> list[dict]:
    """axe-core's WCAG A/AA violations on the page as it is now."""
    return Axe().run(page, options=AXE_OPTIONS).response["violations"]


def describe(violations: list[dict]) -> str:
    """One line per failing element, so a failure says what to fix without re-running."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"{violation['id']} ({violation['impact']}): {node['target']} {summary}")
    return "\n".join(lines)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("name", AXE_PAGES)
def test_axe_finds_no_wcag_violations(page: Page, built_site, name: str, viewport: dict) -> None:
    page.set_viewport_size(viewport)
    page.goto(get_page_url(built_site, name), wait_until="networkidle")
    if name == "search":
        page.wait_for_selector("#cb-search[data-state=done]")  # checked with its results shown
    violations = get_axe_violations(page)
    assert not violations, describe(violations)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_axe_on_a_comparison_and_its_failure_message(page: Page, built_site, viewport: dict) -> None:
    """The compare table (built from the page's templates) and the message for an unknown id pass too."""
    slugs = [cs.slug for cs in built_site.corpus.case_studies[:2]]
    page.set_viewport_size(viewport)
    page.goto(get_page_url(built_site, "compare") + "?ids=" + ",".join([*slugs, "no-such-case-study"]))
    page.wait_for_selector("#cb-compare[data-state=failed]")
    expect(page.locator("#cb-compare-table thead th[data-slug]")).to_have_count(2)
    violations = get_axe_violations(page)
    assert not violations, describe(violations)


@pytest.mark.parametrize("query", ["q=council", "theme=no-such-theme"], ids=["open-filters", "failure-message"])
def test_axe_on_a_phone_with_the_search_filters_open(page: Page, built_site, query: str) -> None:
    """The folded filters, opened, and the failure message a bad link shows, pass too."""
    page.set_viewport_size(PHONE)
    page.goto(get_page_url(built_site, "search") + f"?{query}")
    page.wait_for_selector("#cb-search[data-state=done], #cb-search[data-state=failed]")
    page.locator("#cb-search-toggle").click()
    violations = get_axe_violations(page)
    assert not violations, describe(violations)


def test_axe_reports_a_real_violation(page: Page, built_site) -> None:
    """The check can fail: a contrast failure injected into the home page is found."""
    page.goto(get_page_url(built_site, "home"))
    page.evaluate("""() => {
        const p = document.createElement('p');
        p.textContent = 'Pale text';
        p.style.color = '#eeeeee';
        document.querySelector('article').prepend(p);
    }""")
    assert "color-contrast" in {v["id"] for v in get_axe_violations(page)}


def test_the_matrix_is_a_table_with_row_and_column_headers(page: Page, built_site) -> None:
    page.goto(get_page_url(built_site, "home"))
    matrix = page.locator(".cb-matrix table")
    assert matrix.locator("caption").inner_text().strip()
    stages = built_site.corpus.taxonomy.stages
    themes = built_site.corpus.taxonomy.themes
    assert matrix.locator("thead th[scope=col]").count() == len(list(stages)) + 1
    assert matrix.locator("tbody th[scope=row]").count() == len(list(themes))


def test_the_outcomes_table_has_column_and_row_headers(page: Page, built_site) -> None:
    page.goto(get_page_url(built_site, "case-study"))
    table = page.locator(".cb-outcomes table")
    rows = table.locator("tbody tr")
    assert rows.count() > 0
    assert table.locator("thead th[scope=col]").count() >= 2
    assert table.locator("tbody th[scope=row]").count() == rows.count()


CHART_TEXT_ALTERNATIVES = """() => {
    // Every picture in the content: img, svg not hidden from assistive technology, canvas.
    const content = document.querySelector('article');
    const pictures = [...content.querySelectorAll('img, svg, canvas')]
        .filter(el => !el.closest('[aria-hidden="true"]'));
    const named = el => {
        if (el.tagName === 'IMG') return el.hasAttribute('alt');
        const label = el.getAttribute('aria-label') || '';
        const labelledby = (el.getAttribute('aria-labelledby') || '').split(/\\s+/)
            .map(id => document.getElementById(id)).filter(Boolean).map(n => n.textContent).join(' ');
        const title = el.querySelector(':scope > title');
        return (label + labelledby + (title ? title.textContent : '')).trim() !== '';
    };
    return { count: pictures.length, unnamed: pictures.filter(el => !named(el)).map(el => el.outerHTML.slice(0, 120)) };
}"""


@pytest.mark.parametrize("name", ["home", "council", "case-study", "insights", "data"])
def test_every_chart_or_picture_has_a_text_alternative(page: Page, built_site, name: str) -> None:
    page.goto(get_page_url(built_site, name))
    result = page.evaluate(CHART_TEXT_ALTERNATIVES)
    assert result["unnamed"] == []
