"""Search on a phone: the search box, the count and the results come first; the filters fold away.

At 375 px wide (a small phone, 812 px tall) the filters sit behind a "Filters (n chosen)" button
that says whether it is open (aria-expanded); what is chosen stays in the URL, as on a desk.
"""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Page, expect

from casebook.outputs.search import search_query
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.sitepages import get_page_url

DONE = "#cb-search[data-state=done]"
FIRST_RESULT_TOP = "() => document.querySelector('#cb-search-results > li').getBoundingClientRect().top + window.scrollY"


def open_search(page: Page, built_site, viewport: dict, query: str) -> None:
    page.set_viewport_size(viewport)
    page.goto(get_page_url(built_site, "search") + f"?{query}")
    page.wait_for_selector(DONE)


def filters_button(page: Page):
    return page.get_by_role("button", name="Filters (")


def test_the_first_result_is_on_the_first_screen_of_a_phone(page: Page, built_site) -> None:
    open_search(page, built_site, PHONE, "q=council")
    expect(page.locator("#cb-search-results > li").first).to_be_visible()
    top = page.evaluate(FIRST_RESULT_TOP)
    assert top < PHONE["height"], f"the first result starts {top:.0f} px down, below the first {PHONE['height']} px"


def test_the_filters_fold_behind_a_button_that_counts_the_choices(page: Page, built_site) -> None:
    theme = built_site.corpus.case_studies[0].theme.id
    open_search(page, built_site, PHONE, "q=council")
    button = filters_button(page)
    expect(button).to_have_text("Filters (0 chosen)")
    expect(button).to_have_attribute("aria-expanded", "false")
    box = page.locator(f"input[name=theme][value='{theme}']")
    expect(box).to_be_hidden()

    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(box).to_be_visible()
    page.eval_on_selector("#cb-search", "(root) => { root.dataset.state = 'waiting-for-the-test'; }")
    box.check()
    page.wait_for_selector(DONE)
    expect(button).to_have_text("Filters (1 chosen)")
    assert parse_qs(urlsplit(page.url).query) == {"q": ["council"], "theme": [str(theme)]}

    button.click()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(box).to_be_hidden()


def test_a_shared_link_shows_how_many_filters_it_chose(page: Page, built_site) -> None:
    years = sorted({cs.started for cs in built_site.corpus.case_studies})
    cs = built_site.corpus.case_studies[0]
    open_search(page, built_site, PHONE, search_query(theme=cs.theme.id, stage=cs.stage.id, **{"from": years[0]}))
    expect(filters_button(page)).to_have_text("Filters (3 chosen)")  # two ticked, one year range


def test_on_a_desk_the_filters_are_always_shown(page: Page, built_site) -> None:
    open_search(page, built_site, DESKTOP, "q=council")
    expect(page.locator("#cb-search-toggle")).to_be_hidden()
    expect(page.locator("#cb-search-facets")).to_be_visible()
