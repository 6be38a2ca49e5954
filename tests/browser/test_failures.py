"""When something goes wrong, the reader sees what and where to go, and the component says "failed".

Each failure is made real in the browser (a blocked request, a server error, a bad link), never
simulated in the page's code: the search index or a script that does not load, a compare record the
server refuses, a URL asking for values the page does not offer or carrying markup. No page may be
left "busy", and nothing from the URL may become markup.
"""
from __future__ import annotations

import re

from playwright.sync_api import Page, Route, expect

from casebook import addresses
from tests.browser.sitepages import get_page_url

SEARCH_FAILED = "#cb-search[data-state=failed]"
SEARCH_DONE = "#cb-search[data-state=done]"
COMPARE_FAILED = "#cb-compare[data-state=failed]"
# A value no facet, year or sort offers, and one that would be markup if it were inserted as such.
UNKNOWN = "no-such-value"
MARKUP = '<img src="x" id="injected">'
COMPARE_RECORDS = "**/" + addresses.COMPARE_DATA.replace("{slug}", "*")


def _abort(route: Route) -> None:
    route.abort()


def _server_error(route: Route) -> None:
    route.fulfill(status=500, body="broken")


def assert_failure_shown(page: Page, root: str, *reasons: str) -> None:
    """The failure block is visible, says each reason, and offers the full list as a way forward."""
    block = page.locator(f"{root} [data-failure]")
    expect(block).to_be_visible()
    for reason in reasons:
        expect(block).to_contain_text(reason)
    expect(block.get_by_role("link", name="All case studies")).to_be_visible()


def test_search_index_that_does_not_load(page: Page, built_site) -> None:
    page.route(f"**/{addresses.SEARCH_BUNDLE_DIR}/**", _abort)
    page.goto(get_page_url(built_site, "search") + "?q=council")
    page.wait_for_selector(SEARCH_FAILED)
    assert_failure_shown(page, "#cb-search", "The search index could not be loaded", "Reload the page")
    expect(page.locator("#cb-search form")).to_be_hidden()  # a form that cannot work is not offered


def test_search_script_that_does_not_load(page: Page, built_site) -> None:
    page.route("**/assets/search.js", _server_error)
    page.goto(get_page_url(built_site, "search"))
    page.wait_for_selector(SEARCH_FAILED)
    assert_failure_shown(page, "#cb-search", "could not be started")


def test_search_that_breaks_after_starting(page: Page, built_site) -> None:
    """The index loads, but the result details (Pagefind's fragments) cannot be fetched."""
    page.route(f"**/{addresses.SEARCH_BUNDLE_DIR}/fragment/**", _abort)
    page.goto(get_page_url(built_site, "search") + "?q=council")
    page.wait_for_selector(SEARCH_FAILED)
    assert_failure_shown(page, "#cb-search", "The search stopped with an error", "Try again")


def test_search_link_asking_for_what_the_page_does_not_offer(page: Page, built_site) -> None:
    theme = built_site.corpus.case_studies[0].theme.id
    page.goto(get_page_url(built_site, "search") + f"?q=council&theme={UNKNOWN}&sort={UNKNOWN}&from=1066")
    page.wait_for_selector(SEARCH_FAILED)
    assert_failure_shown(page, "#cb-search", f"Theme “{UNKNOWN}”", f"Sort by “{UNKNOWN}”", "“1066”", "left out")
    # The rest of the link still applies: the results are for the words.
    expect(page.locator("#cb-search-q")).to_have_value("council")
    expect(page.locator("#cb-search-results > li").first).to_be_visible()
    # Choosing again clears the message and the failure.
    page.locator(f"input[name=theme][value='{theme}']").check()
    page.wait_for_selector(SEARCH_DONE)
    expect(page.locator("#cb-search [data-failure]")).to_be_hidden()
    assert UNKNOWN not in page.url


def test_search_link_with_markup_shows_it_as_text(page: Page, built_site) -> None:
    page.goto(get_page_url(built_site, "search") + f"?theme={MARKUP}&q={MARKUP}")
    page.wait_for_selector(SEARCH_FAILED)
    assert_failure_shown(page, "#cb-search", MARKUP)
    expect(page.locator("#cb-search-q")).to_have_value(MARKUP)
    assert page.locator("#injected").count() == 0


def test_compare_records_the_server_refuses(page: Page, built_site) -> None:
    slugs = [cs.slug for cs in built_site.corpus.case_studies[:2]]
    page.route(COMPARE_RECORDS, _server_error)
    page.goto(get_page_url(built_site, "compare") + "?ids=" + ",".join(slugs))
    page.wait_for_selector(COMPARE_FAILED)
    assert_failure_shown(page, "#cb-compare", "could not be loaded", "500", "reload the page")
    expect(page.locator("#cb-compare-region")).to_be_hidden()


def test_compare_records_that_cannot_be_fetched(page: Page, built_site) -> None:
    slugs = [cs.slug for cs in built_site.corpus.case_studies[:2]]
    page.route(COMPARE_RECORDS, _abort)
    page.goto(get_page_url(built_site, "compare") + "?ids=" + ",".join(slugs))
    page.wait_for_selector(COMPARE_FAILED)
    assert_failure_shown(page, "#cb-compare", "could not be loaded")


def test_compare_link_with_markup_or_unknown_ids(page: Page, built_site) -> None:
    """An id breaking the slug rule is never fetched; both kinds are named, as text, and the rest compared."""
    slugs = [cs.slug for cs in built_site.corpus.case_studies[:2]]
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(get_page_url(built_site, "compare") + "?ids=" + ",".join([*slugs, MARKUP, UNKNOWN]))
    page.wait_for_selector(COMPARE_FAILED)
    assert_failure_shown(page, "#cb-compare", f"“{MARKUP}”", f"“{UNKNOWN}”")
    assert page.locator("#injected").count() == 0
    assert [url for url in requested if re.search(r"img|%3Cimg", url, re.IGNORECASE) and url.endswith(".json")] == []
    # The two that exist are still compared.
    expect(page.locator("#cb-compare-table thead th[data-slug]")).to_have_count(2)
