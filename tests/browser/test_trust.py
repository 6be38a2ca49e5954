"""Trust at a glance on a phone (issue 17 §2): outcomes as cards, citation markers that link to sources."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import PHONE
from tests.browser.sitepages import get_page_url

# Every outcome's evidence cell and source link, with where they sit on the screen.
OUTCOME_BOXES = """() => [...document.querySelectorAll('.cb-outcomes tbody tr')].map(row => {
    const evidence = row.querySelector('td[data-label="Evidence"]');
    const source = row.querySelector('td[data-label="Source"] a');
    const box = element => element.getBoundingClientRect();
    return {
        measure: row.querySelector('th').textContent.trim().slice(0, 50),
        evidence: [box(evidence).left, box(evidence).right],
        source: [box(source).left, box(source).right],
        sourceHref: source.getAttribute('href'),
    };
})"""

# Caption lines that run past the right edge of the screen.
CAPTIONS_CUT = """() => [...document.querySelectorAll('article caption')]
    .filter(caption => caption.getBoundingClientRect().width > 0)
    .filter(caption => caption.getBoundingClientRect().right > document.documentElement.clientWidth + 1
        || caption.getBoundingClientRect().left < -1)
    .map(caption => caption.textContent.trim().slice(0, 60))"""


@pytest.fixture
def phone_case_study(page: Page, built_site) -> Page:
    page.set_viewport_size(PHONE)
    page.goto(get_page_url(built_site, "case-study"), wait_until="networkidle")
    return page


def test_every_outcomes_evidence_and_source_are_on_screen_at_375px(phone_case_study: Page) -> None:
    outcomes = phone_case_study.evaluate(OUTCOME_BOXES)
    assert outcomes, "the richest case study shows no outcomes table"
    width = PHONE["width"]
    for outcome in outcomes:
        for part in ("evidence", "source"):
            left, right = outcome[part]
            assert 0 <= left and right <= width, f"{outcome['measure']!r}: its {part} sits at {left:.0f}-{right:.0f} px, outside the {width} px screen"
    assert phone_case_study.evaluate("document.documentElement.scrollWidth") <= width


def test_captions_are_not_cut_at_375px(phone_case_study: Page, built_site) -> None:
    for name in ("case-study", "home", "council"):
        phone_case_study.goto(get_page_url(built_site, name), wait_until="networkidle")
        assert phone_case_study.evaluate(CAPTIONS_CUT) == [], f"a caption on the {name} page runs off the screen"


def test_a_citation_marker_links_to_its_source_and_back(phone_case_study: Page) -> None:
    marker = phone_case_study.locator("article a.cb-cite-ref[href='#source-1']").first
    assert marker.text_content() == "[1]"
    marker.click()
    phone_case_study.wait_for_url("**#source-1")
    source = phone_case_study.locator("#source-1")
    assert source.is_visible()
    back = source.locator("a.cb-backref").first
    back.click()
    phone_case_study.wait_for_url("**#cite-1-1")
    assert phone_case_study.locator("#cite-1-1").is_visible()


def test_the_evidence_summary_comes_before_the_body(phone_case_study: Page) -> None:
    summary = phone_case_study.locator(".cb-evidence-summary")
    assert summary.text_content().startswith("Evidence: ")
    assert "figure" in summary.text_content()
    assert summary.bounding_box()["y"] < phone_case_study.locator("#outcomes-in-figures").bounding_box()["y"]
