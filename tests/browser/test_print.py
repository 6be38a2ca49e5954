"""Printed case studies (docs/assets/print.css): content only, sources' addresses shown, at most four A4 sheets.

Council officers attach printed case studies to committee reports. Each shipped case study is
printed with Chromium's own PDF output, as a person's "Save as PDF" would, and its sheets counted.
"""
from __future__ import annotations

import re
from typing import Iterator

import pytest
from playwright.sync_api import Browser, Page

from casebook.addresses import case_study_path, page_url
from tests.browser.conftest import DESKTOP
from tests.browser.sitepages import get_page_url, get_richest_case_study

MAX_SHEETS = 4
SCREEN_ONLY = [".md-header", ".md-sidebar--primary", ".cb-header-search", ".cb-compare-action", ".md-footer", ".cb-skip"]


def count_pdf_pages(pdf: bytes) -> int:
    """Page objects in a PDF as Chromium writes it (one uncompressed /Type /Page object per sheet)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


@pytest.fixture
def print_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


def test_every_shipped_case_study_prints_on_at_most_four_a4_sheets(print_page: Page, built_site) -> None:
    too_long = {}
    for case_study in built_site.corpus.case_studies:
        print_page.goto(built_site.url(page_url(case_study_path(case_study))))
        sheets = count_pdf_pages(print_page.pdf(format="A4", prefer_css_page_size=True))
        assert sheets >= 1, case_study.slug
        if sheets > MAX_SHEETS:
            too_long[case_study.slug] = sheets
    assert too_long == {}, f"printed on more than {MAX_SHEETS} A4 sheets: {too_long}"


def test_a_printed_case_study_keeps_content_and_drops_screen_controls(print_page: Page, built_site) -> None:
    print_page.goto(get_page_url(built_site, "case-study"))
    print_page.emulate_media(media="print")
    for selector in SCREEN_ONLY:
        for element in print_page.locator(selector).all():
            assert not element.is_visible(), f"{selector} shows in print"
    assert print_page.locator(".cb-facts").is_visible()
    assert print_page.locator(".cb-outcomes table").first.is_visible()


def test_a_printed_case_study_shows_each_sources_address_and_where_the_page_lives(print_page: Page, built_site) -> None:
    case_study = get_richest_case_study(built_site.corpus)
    print_page.goto(built_site.url(page_url(case_study_path(case_study))))
    print_page.emulate_media(media="print")
    after = print_page.eval_on_selector(".cb-sources a[href]", "a => getComputedStyle(a, '::after').content")
    assert case_study.sources[0].url in after
    footer = print_page.locator(".cb-print-footer")
    assert footer.is_visible()
    assert page_url(case_study_path(case_study)) in footer.inner_text()
    assert case_study.reviewed.strftime("%-d %B %Y") in footer.inner_text()
    print_page.emulate_media(media="screen")
    assert not footer.is_visible()


def test_the_page_count_reads_a_real_pdf(print_page: Page) -> None:
    """The counter can fail: a page forced onto five sheets counts five."""
    print_page.set_content("".join('<p style="break-after: page">sheet</p>' for _ in range(5)))
    assert count_pdf_pages(print_page.pdf(format="A4")) == 5
