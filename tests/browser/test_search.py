"""The search page in a real browser: facets, words, sort, URL state, matrix links, no JavaScript.

Expected results are computed from the built corpus, never written down, so the tests follow the
case studies as they are added.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Callable
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from casebook.model import CaseStudy
from casebook.outputs.search import index_filters, search_query
from tests.browser.sitepages import get_page_url

DONE = "#cb-search[data-state=done]"


def open_search(page: Page, built_site, query: str = "") -> None:
    page.goto(get_page_url(built_site, "search") + (f"?{query}" if query else ""))
    page.wait_for_selector(DONE)


def search_after(page: Page, action: Callable[[], object]) -> None:
    """Do `action`, then wait until the search it starts has finished.

    The state is marked first, so the "done" of the search before cannot pass for this one: only
    a new search sets data-state again (busy, then done).
    """
    page.eval_on_selector("#cb-search", "(root) => { root.dataset.state = 'waiting-for-the-test'; }")
    action()
    page.wait_for_selector(DONE)


def result_slugs(page: Page) -> list[str]:
    """Every result's slug, pressing "Show more" until all are listed."""
    more = page.locator("#cb-search-more")
    while more.is_visible():
        count = page.locator("#cb-search-results > li").count()
        more.click()
        page.wait_for_function(f"() => document.querySelectorAll('#cb-search-results > li').length > {count}")
    return page.eval_on_selector_all("#cb-search-results > li", "items => items.map(i => i.dataset.slug)")


def matching(corpus, **chosen: list[str]) -> set[str]:
    """Slugs of case studies with any chosen value in every chosen facet (the page's rule)."""
    def matches(cs: CaseStudy) -> bool:
        filters = index_filters(cs)
        return all(set(values) & set(filters.get(key, [])) for key, values in chosen.items())

    return {cs.slug for cs in corpus.case_studies if matches(cs)}


def _biggest(corpus, key: str) -> str:
    counts = Counter(value for cs in corpus.case_studies for value in index_filters(cs)[key])
    return counts.most_common(1)[0][0]


def _page_text(cs: CaseStudy) -> str:
    """Roughly what the index holds for a page: its text, key facts, outcome table and sources."""
    parts = [cs.title, cs.summary, cs.body, cs.stage_reasoning, cs.theme.name, cs.stage.name, cs.status.name, *cs.tags]
    parts += [s.name for s in cs.services]  # the page lists its service areas by name
    parts += [f"{c.name} {c.type_name} {c.region}" for c in cs.councils]
    parts += [f"{o.measure} {o.basis.name} {o.evidence.name}" for o in cs.outcomes]
    parts += [f"{s.title} {s.publisher}" for s in cs.sources]
    return " ".join(parts).casefold()


def _rare_word(corpus, candidates: set[str]) -> tuple[str, set[str]]:
    """A word from a candidate's title that appears in some, but not all, candidates' text."""
    for slug in sorted(candidates):
        cs = next(c for c in corpus.case_studies if c.slug == slug)
        for word in sorted(re.findall(r"[a-z]{7,}", cs.title.casefold()), key=len, reverse=True):
            having = {c.slug for c in corpus.case_studies if c.slug in candidates and re.search(rf"\b{word}\b", _page_text(c))}
            # Skip words with variants ("structured", "worth" for "worthing", "invest" for
            # "investment"): the index matches stems, which can be four letters shorter than the
            # word, and this test matches whole words, so only words without variants compare fairly.
            variants = {c.slug for c in corpus.case_studies if re.search(rf"\b{word[:-4]}", _page_text(c))}
            if 0 < len(having) < len(candidates) and variants & candidates == having:
                return word, having
    pytest.fail("no title word separates the candidates; the test needs a corpus where one does")


def test_facets_give_exactly_the_matching_case_studies(page: Page, built_site) -> None:
    corpus = built_site.corpus
    theme = _biggest(corpus, "theme")
    stages = sorted({str(cs.stage.id) for cs in corpus.case_studies if cs.theme.id == theme})[:2]
    open_search(page, built_site)
    search_after(page, page.locator(f"input[name=theme][value='{theme}']").check)
    for stage in stages:
        search_after(page, page.locator(f"input[name=stage][value='{stage}']").check)
    expected = matching(corpus, theme=[theme], stage=stages)
    assert set(result_slugs(page)) == expected
    expect(page.locator("#cb-search-status")).to_have_text(re.compile(rf"^{len(expected)} case stud"))
    assert parse_qs(urlsplit(page.url).query) == {"theme": [theme], "stage": stages}


def _counts(page: Page, key: str) -> dict[str, int]:
    texts = page.eval_on_selector_all(f"[data-facet='{key}'] .cb-facet__count", "spans => spans.map(s => [s.dataset.count, s.textContent])")
    return {value: int(text.strip("()")) for value, text in texts}


def test_counts_beside_each_option_without_and_with_a_filter(page: Page, built_site) -> None:
    """Opening the page shows the counts baked in at build time and fetches no filter index; ticking
    a facet shows, beside the other facets' options, how many of its results each would give."""
    corpus = built_site.corpus
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    open_search(page, built_site)
    assert _counts(page, "stage") == dict(Counter(str(cs.stage.id) for cs in corpus.case_studies))
    assert not [url for url in fetched if url.endswith(".pf_filter")]
    theme = _biggest(corpus, "theme")
    search_after(page, page.locator(f"input[name=theme][value='{theme}']").check)
    within = Counter(str(cs.stage.id) for cs in corpus.case_studies if cs.theme.id == theme)
    stage_counts = _counts(page, "stage")
    assert {value: count for value, count in stage_counts.items() if count} == dict(within)
    # The ticked facet counts as if it were not ticked: its values are alternatives.
    assert _counts(page, "theme") == dict(Counter(cs.theme.id for cs in corpus.case_studies))


def test_words_and_facets_together_and_the_url_restores_them(page: Page, built_site, browser) -> None:
    corpus = built_site.corpus
    theme = _biggest(corpus, "theme")
    word, expected = _rare_word(corpus, matching(corpus, theme=[theme]))
    open_search(page, built_site, search_query(theme=theme))
    search_after(page, lambda: (page.fill("#cb-search-q", word), page.press("#cb-search-q", "Enter")))
    assert set(result_slugs(page)) == expected
    shared = page.url
    assert parse_qs(urlsplit(shared).query) == {"theme": [theme], "q": [word]}

    fresh = browser.new_context().new_page()
    fresh.goto(shared)
    fresh.wait_for_selector(DONE)
    assert set(result_slugs(fresh)) == expected
    expect(fresh.locator("#cb-search-q")).to_have_value(word)
    expect(fresh.locator(f"input[name=theme][value='{theme}']")).to_be_checked()
    fresh.context.close()


def test_back_and_forward_restore_the_view(page: Page, built_site) -> None:
    corpus = built_site.corpus
    theme = _biggest(corpus, "theme")
    status = _biggest(corpus, "status")
    open_search(page, built_site, search_query(theme=theme))
    first = set(result_slugs(page))
    search_after(page, page.locator(f"input[name=status][value='{status}']").check)
    assert set(result_slugs(page)) == matching(corpus, theme=[theme], status=[status])
    search_after(page, page.go_back)
    expect(page.locator(f"input[name=status][value='{status}']")).not_to_be_checked()
    assert set(result_slugs(page)) == first == matching(corpus, theme=[theme])
    search_after(page, page.go_forward)
    expect(page.locator(f"input[name=status][value='{status}']")).to_be_checked()


def test_year_range_and_saving_filters(page: Page, built_site) -> None:
    corpus = built_site.corpus
    years = sorted({cs.started for cs in corpus.case_studies})
    low, high = years[len(years) // 4], years[(3 * len(years)) // 4]
    open_search(page, built_site, search_query(**{"from": low, "to": high, "saving": "yes"}))
    expected = {cs.slug for cs in corpus.case_studies if low <= cs.started <= high and cs.has_quantified_saving}
    assert set(result_slugs(page)) == expected


def test_sort_by_largest_saving(page: Page, built_site) -> None:
    corpus = built_site.corpus
    open_search(page, built_site, search_query(sort="saving"))
    slugs = result_slugs(page)
    savings = {cs.slug: cs.annual_saving for cs in corpus.case_studies}
    assert sorted(slugs) == sorted(savings)
    ordered = [savings[slug] for slug in slugs]
    assert ordered == sorted(ordered, reverse=True)


def test_matrix_cells_open_the_filtered_view(page: Page, built_site) -> None:
    corpus = built_site.corpus
    page.goto(built_site.url())
    cells = page.locator("td[data-theme][data-stage] a")
    targets = [(cells.nth(i).get_attribute("href"), cells.nth(i).inner_text()) for i in range(cells.count())]
    assert targets, "the home matrix has no linked cells"
    for index, (_, count) in enumerate(targets):
        page.goto(built_site.url())
        cell = page.locator("td[data-theme][data-stage]").filter(has=page.locator("a")).nth(index)
        theme, stage = cell.get_attribute("data-theme"), cell.get_attribute("data-stage")
        cell.locator("a").click()
        page.wait_for_selector(DONE)
        expected = matching(corpus, theme=[theme], stage=[stage])
        assert set(result_slugs(page)) == expected
        assert int(count) == len(expected)
        expect(page.locator(f"input[name=theme][value='{theme}']")).to_be_checked()
        expect(page.locator(f"input[name=stage][value='{stage}']")).to_be_checked()


def test_header_search_opens_the_search_page(page: Page, built_site) -> None:
    page.goto(built_site.url("model/"))
    page.fill("#cb-header-q", "council")
    page.press("#cb-header-q", "Enter")
    page.wait_for_selector(DONE)
    assert urlsplit(page.url).path == urlsplit(get_page_url(built_site, "search")).path
    expect(page.locator("#cb-search-q")).to_have_value("council")
    assert result_slugs(page)


def test_without_javascript_the_page_points_to_the_full_list(browser, built_site) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(get_page_url(built_site, "search"))
    expect(page.locator("#cb-search")).to_be_hidden()
    link = page.locator("noscript a, .cb-search__nojs a").first
    page.goto(get_page_url(built_site, "search") + (link.get_attribute("href") or ""))
    listed = page.eval_on_selector_all("li[data-slug]", "items => items.map(i => i.dataset.slug)")
    assert sorted(set(listed)) == sorted(cs.slug for cs in built_site.corpus.case_studies)
    context.close()
