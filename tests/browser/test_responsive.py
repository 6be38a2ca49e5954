"""At 375 px wide (a small phone) no page scrolls sideways; wide tables scroll inside their own box."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import PHONE
from tests.browser.sitepages import PAGES, get_page_url

PAGE_WIDTHS = """() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
    // Elements sticking out past the right edge, to say what to fix when the page scrolls.
    culprits: [...document.querySelectorAll('body *')]
        .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .filter(el => !el.closest('.md-sidebar--primary'))
        .slice(0, 5).map(el => el.tagName + '.' + el.className),
})"""

TABLE_BOXES = """() => [...document.querySelectorAll('article table')].map(table => {
    // The nearest ancestor that scrolls sideways, if any.
    let box = table.parentElement;
    while (box && box.tagName !== 'ARTICLE' && !['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) {
        box = box.parentElement;
    }
    const scrolls = box && box.tagName !== 'ARTICLE';
    return {
        caption: (table.caption ? table.caption.textContent : table.outerHTML).trim().slice(0, 60),
        fits: table.getBoundingClientRect().width <= table.parentElement.getBoundingClientRect().width + 1,
        scrolls,
        boxFits: scrolls && box.getBoundingClientRect().right <= document.documentElement.clientWidth + 1,
        boxFocusable: scrolls && (box.tabIndex >= 0 || !!box.querySelector('a[href], button, input, [tabindex]')),
    };
})"""


@pytest.fixture
def phone_page(page: Page) -> Page:
    page.set_viewport_size(PHONE)
    return page


@pytest.mark.parametrize("name", PAGES)
def test_no_page_scrolls_sideways_on_a_phone(phone_page: Page, built_site, name: str) -> None:
    phone_page.goto(get_page_url(built_site, name), wait_until="networkidle")
    widths = phone_page.evaluate(PAGE_WIDTHS)
    assert widths["client"] == PHONE["width"]
    assert widths["scroll"] <= widths["client"], f"scrolls sideways; sticking out: {widths['culprits']}"


@pytest.mark.parametrize("name", ["home", "case-study", "council", "insights", "data"])
def test_wide_tables_scroll_inside_their_own_box(phone_page: Page, built_site, name: str) -> None:
    phone_page.goto(get_page_url(built_site, name), wait_until="networkidle")
    for table in phone_page.evaluate(TABLE_BOXES):
        if not table["fits"]:
            assert table["scrolls"], f"table {table['caption']!r} is wider than its column and does not scroll"
            assert table["boxFits"], f"the scroll box of {table['caption']!r} is wider than the screen"
            assert table["boxFocusable"], f"keyboard users cannot scroll {table['caption']!r}"


def test_a_page_that_scrolls_sideways_is_caught(phone_page: Page, built_site) -> None:
    """The check can fail: a fixed-width block pushes the page wider than the screen."""
    phone_page.goto(get_page_url(built_site, "home"))
    phone_page.evaluate("() => { const d = document.createElement('div'); d.style.width = '600px'; d.textContent = 'wide'; document.querySelector('article').append(d); }")
    widths = phone_page.evaluate(PAGE_WIDTHS)
    assert widths["scroll"] > widths["client"]
