"""Home -> a matrix cell -> a case study -> its council -> back, by mouse and by keyboard alone.

The keyboard journey uses the skip link on every page and checks each element that takes focus:
it shows a focus indicator, is not hidden behind the sticky header or off screen, and comes after
the previous one in the document (a logical order).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from casebook.addresses import case_study_path, council_path, page_url
from tests.browser.conftest import PHONE
from tests.browser.sitepages import get_page_url

MAX_TABS = 150
FOCUS_INFO = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    // The part of the element inside the viewport; its middle must show the element itself,
    // not the sticky header or anything else drawn on top (WCAG 2.4.11).
    const top = Math.max(rect.top, 0), bottom = Math.min(rect.bottom, innerHeight);
    const left = Math.max(rect.left, 0), right = Math.min(rect.right, innerWidth);
    const onTop = bottom > top && right > left ? document.elementFromPoint((left + right) / 2, (top + bottom) / 2) : null;
    return {
        id: el.id, tag: el.tagName, text: (el.innerText || '').trim().slice(0, 80), href: el.href || '',
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
        shadow: style.boxShadow !== 'none',
        focusVisible: el.matches(':focus-visible'),
        shown: !!onTop && (el.contains(onTop) || onTop.contains(el)) && style.visibility !== 'hidden' && parseFloat(style.opacity) > 0,
        order: [...document.querySelectorAll('*')].indexOf(el),
    };
}"""


@dataclass
class Focus:
    id: str
    tag: str
    text: str
    href: str
    outline: bool
    shadow: bool
    focusVisible: bool  # noqa: N815 - the key JavaScript returns
    shown: bool
    order: int


def focused(page: Page) -> Focus:
    return Focus(**page.evaluate(FOCUS_INFO))


def assert_focus_is_visible(focus: Focus) -> None:
    assert focus.focusVisible, f"{focus.tag} {focus.text!r} does not match :focus-visible"
    assert focus.outline or focus.shadow, f"{focus.tag} {focus.text!r} has no outline or box-shadow when focused"
    assert focus.shown, f"{focus.tag} {focus.text!r} is focused but hidden or off screen"


def skip_to_content(page: Page) -> None:
    """The first Tab reaches a visible skip link; Enter moves focus to the start of the content."""
    page.keyboard.press("Tab")
    skip = focused(page)
    assert skip.text == "Skip to main content"
    assert_focus_is_visible(skip)
    page.keyboard.press("Enter")
    assert focused(page).id == "cb-main"


def tab_to(page: Page, href_part: str) -> list[Focus]:
    """Press Tab until a link whose URL contains `href_part` has focus, checking every stop on the way."""
    stops = [focused(page)]
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        stop = focused(page)
        assert_focus_is_visible(stop)
        assert stop.order > stops[-1].order, f"focus went back up the page to {stop.tag} {stop.text!r}"
        stops.append(stop)
        if href_part in stop.href:
            return stops
    raise AssertionError(f"no link to {href_part} within {MAX_TABS} presses of Tab")


def first_matrix_cell(page: Page) -> tuple[str, str, str]:
    """(theme id, stage id, link) of the first matrix cell that has case studies."""
    cell = page.locator(".cb-matrix td[data-theme]:has(a)").first
    return cell.get_attribute("data-theme"), cell.get_attribute("data-stage"), cell.locator("a").get_attribute("href")


def in_cell(built_site, theme: str, stage: str) -> dict[str, object]:
    """Slug -> case study for the case studies in one cell of the matrix."""
    return {
        cs.slug: cs
        for cs in built_site.corpus.case_studies
        if str(cs.theme.id) == theme and str(cs.stage.id) == stage
    }


def heading(text: str) -> re.Pattern[str]:
    """A heading's text, followed by nothing but its permalink sign."""
    return re.compile(rf"^{re.escape(text)}\W*$")


RESULT_LINK = "article li a[href*='/case-studies/']"


def test_home_to_cell_to_case_study_to_council_and_back_by_mouse(page: Page, built_site) -> None:
    page.goto(get_page_url(built_site, "home"))
    theme, stage, _ = first_matrix_cell(page)
    expected = in_cell(built_site, theme, stage)
    page.locator(f".cb-matrix td[data-theme='{theme}'][data-stage='{stage}'] a").click()
    result = page.locator(RESULT_LINK).first
    expect(result).to_be_visible()
    cell_url = page.url
    slug = result.get_attribute("href").rstrip("/").rsplit("/", 1)[-1]
    assert slug in expected
    case_study = expected[slug]

    result.click()
    assert page.url == built_site.url(page_url(case_study_path(case_study)))
    expect(page.locator("article h1")).to_have_text(heading(case_study.title))

    council = case_study.councils[0]
    page.locator(".cb-facts a", has_text=council.name).first.click()
    assert page.url == built_site.url(page_url(council_path(council)))
    expect(page.locator("article h1")).to_have_text(heading(council.name))
    expect(page.locator(f"article a[href$='case-studies/{slug}/']").first).to_be_visible()

    page.go_back()
    expect(page.locator("article h1")).to_have_text(heading(case_study.title))
    page.go_back()
    assert page.url == cell_url
    expect(page.locator(f"{RESULT_LINK}[href$='/{slug}/']")).to_be_visible()


def test_home_to_cell_to_case_study_to_council_and_back_by_keyboard(page: Page, built_site) -> None:
    page.goto(get_page_url(built_site, "home"))
    theme, stage, cell_href = first_matrix_cell(page)
    expected = in_cell(built_site, theme, stage)

    skip_to_content(page)
    tab_to(page, cell_href.lstrip("./"))
    page.keyboard.press("Enter")
    expect(page.locator(RESULT_LINK).first).to_be_visible()

    skip_to_content(page)
    slug = tab_to(page, "/case-studies/")[-1].href.rstrip("/").rsplit("/", 1)[-1]
    assert slug in expected
    case_study = expected[slug]
    page.keyboard.press("Enter")
    expect(page.locator("article h1")).to_have_text(heading(case_study.title))

    council = case_study.councils[0]
    skip_to_content(page)
    tab_to(page, page_url(council_path(council)))
    page.keyboard.press("Enter")
    expect(page.locator("article h1")).to_have_text(heading(council.name))

    # Back is the browser's own control (Alt+Left is handled outside the page in headless Chromium).
    page.go_back()
    expect(page.locator("article h1")).to_have_text(heading(case_study.title))


def test_the_skip_link_is_first_and_works_on_a_phone(page: Page, built_site) -> None:
    page.set_viewport_size(PHONE)
    page.goto(get_page_url(built_site, "case-study"))
    skip_to_content(page)
    page.keyboard.press("Tab")
    first = focused(page)
    assert_focus_is_visible(first)
    assert first.order > page.evaluate("[...document.querySelectorAll('*')].indexOf(document.getElementById('cb-main'))")


@pytest.mark.parametrize("name", ["home", "case-study"])
def test_tabbing_from_the_top_never_focuses_something_hidden(page: Page, built_site, name: str) -> None:
    """At phone width the navigation drawer is off screen: its links must not take focus until opened."""
    page.set_viewport_size(PHONE)
    page.goto(get_page_url(built_site, name))
    for _ in range(25):
        page.keyboard.press("Tab")
        stop = focused(page)
        if stop.tag == "BODY":
            break
        assert_focus_is_visible(stop)


@pytest.mark.parametrize("key", ["Enter", " "], ids=["enter", "space"])
def test_the_navigation_drawer_opens_and_closes_by_keyboard_on_a_phone(page: Page, built_site, key: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(get_page_url(built_site, "home"))
    button = page.locator(".md-header .cb-drawer-button")
    button.focus()
    expect(button).to_have_attribute("aria-expanded", "false")
    page.keyboard.press(key)
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(page.locator(".md-sidebar--primary a[href]").first).to_be_focused()
    # The drawer slides in (a CSS transition): check the focus once it has arrived.
    page.wait_for_function("() => document.getAnimations().every((animation) => animation.playState !== 'running')")
    assert_focus_is_visible(focused(page))
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()
    expect(page.locator(".md-sidebar--primary a[href]").first).to_be_hidden()
