"""The compare page and tick-to-compare in a real browser; expectations come from the built corpus."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Page, expect

from casebook.addresses import case_study_path, page_url
from casebook.render import format_value
from tests.browser.sitepages import get_page_url

DONE = "#cb-compare[data-state=done]"


def _pick(corpus, count: int) -> list:
    """Case studies spread across the corpus, preferring ones with outcome figures."""
    with_outcomes = [cs for cs in corpus.case_studies if cs.outcomes] or list(corpus.case_studies)
    step = max(1, len(with_outcomes) // count)
    return with_outcomes[::step][:count]


def _columns(page: Page) -> list[str]:
    return page.eval_on_selector_all("#cb-compare-table thead th[data-slug]", "cells => cells.map(c => c.dataset.slug)")


def test_a_comparison_url_renders_the_chosen_case_studies(page: Page, built_site) -> None:
    chosen = _pick(built_site.corpus, 3)
    page.goto(get_page_url(built_site, "compare") + "?ids=" + ",".join(cs.slug for cs in chosen))
    page.wait_for_selector(DONE)
    assert _columns(page) == [cs.slug for cs in chosen]
    for cs in chosen:
        cells = page.locator(f"#cb-compare-table td[data-slug='{cs.slug}']")
        text = " ".join(cells.all_inner_texts())
        for council in cs.councils:
            assert council.name in text
        assert cs.theme.name in text and cs.status.name in text and cs.years in text
        for outcome in cs.outcomes:
            assert outcome.measure in text
            assert format_value(outcome.value, outcome.unit) in text
            assert outcome.basis.name in text and outcome.evidence.name in text
        for source in cs.sources:
            assert source.title in text


def test_removing_one_updates_the_url(page: Page, built_site) -> None:
    chosen = _pick(built_site.corpus, 3)
    page.goto(get_page_url(built_site, "compare") + "?ids=" + ",".join(cs.slug for cs in chosen))
    page.wait_for_selector(DONE)
    page.get_by_role("button", name=f"Remove {chosen[0].title} from the comparison").click()
    page.wait_for_function(f"() => document.querySelectorAll('#cb-compare-table thead th[data-slug]').length === {len(chosen) - 1}")
    assert parse_qs(urlsplit(page.url).query) == {"ids": [",".join(cs.slug for cs in chosen[1:])]}
    page.go_back()
    page.wait_for_function(f"() => document.querySelectorAll('#cb-compare-table thead th[data-slug]').length === {len(chosen)}")


def test_too_few_or_unknown_ids_explain_themselves(page: Page, built_site) -> None:
    only = built_site.corpus.case_studies[0].slug
    page.goto(get_page_url(built_site, "compare") + f"?ids={only},no-such-case-study")
    page.wait_for_selector("#cb-compare[data-state=failed]")
    expect(page.locator("#cb-compare [data-failure]")).to_contain_text("“no-such-case-study”")
    expect(page.locator("#cb-compare-status")).to_contain_text("at least 2")
    expect(page.locator("#cb-compare-region")).to_be_hidden()


def test_one_choice_asks_for_another_without_failing(page: Page, built_site) -> None:
    only = built_site.corpus.case_studies[0].slug
    page.goto(get_page_url(built_site, "compare") + f"?ids={only}")
    page.wait_for_selector(DONE)
    expect(page.locator("#cb-compare-status")).to_contain_text("at least 2")
    expect(page.locator("#cb-compare [data-failure]")).to_be_hidden()


def test_ticking_list_items_leads_to_their_comparison(page: Page, built_site) -> None:
    chosen = _pick(built_site.corpus, 2)
    page.goto(get_page_url(built_site, "all-list"))
    for cs in chosen:
        page.locator(f"li[data-slug='{cs.slug}'] input[data-compare-slug]").check()
    go = page.locator(".cb-compare-tray__go")
    expect(go).to_have_attribute("href", f"{urlsplit(get_page_url(built_site, 'compare')).path}?ids={','.join(cs.slug for cs in chosen)}")
    go.click()
    page.wait_for_selector(DONE)
    assert _columns(page) == [cs.slug for cs in chosen]


def test_the_compare_button_on_a_case_study_page(page: Page, built_site) -> None:
    first, second = _pick(built_site.corpus, 2)
    for cs in (first, second):
        page.goto(built_site.url(page_url(case_study_path(cs))))
        button = page.locator(f"button[data-compare-slug='{cs.slug}']")
        expect(button).to_be_visible()
        button.click()
        expect(button).to_have_attribute("aria-pressed", "true")
    page.locator(".cb-compare-tray__go").click()
    page.wait_for_selector(DONE)
    assert _columns(page) == [first.slug, second.slug]


def test_without_javascript_no_compare_controls_show(browser, built_site) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(get_page_url(built_site, "all-list"))
    expect(page.locator(".cb-compare-pick").first).to_be_hidden()
    context.close()
