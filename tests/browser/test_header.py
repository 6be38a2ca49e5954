"""No header text is cut off at any width (issue 17): the site's name and the repository link show whole.

Material ends text that does not fit with an ellipsis; the casebook's header lets the name wrap and
keeps the repository link's name short. Checked at 320, 375, 768 and 1280 px, at the top of a page
and after scrolling past its heading (where Material would swap in the page's title).
"""
from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.sitepages import get_page_url

WIDTHS = (320, 375, 768, 1280)
# Every visible text box in the header, with whether its text overflows it or leaves the header.
HEADER_TEXT = """() => {
  const header = document.querySelector('.md-header').getBoundingClientRect();
  const boxes = document.querySelectorAll('.md-header .md-ellipsis, .md-header .md-source__repository');
  return [...boxes].filter((box) => {
    const style = getComputedStyle(box.parentElement);
    return box.getClientRects().length && getComputedStyle(box).visibility !== 'hidden' && style.opacity !== '0';
  }).map((box) => {
    const rect = box.getBoundingClientRect();
    return {
      text: box.textContent.trim(),
      cut: box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1,
      outside: rect.left < 0 || rect.right > window.innerWidth + 1 || rect.top < header.top - 1 || rect.bottom > header.bottom + 1,
    };
  });
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["home", "case-study"])
def test_header_text_is_never_cut_off(page: Page, built_site, name: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 812})
    page.goto(get_page_url(built_site, name))
    for where in ("top", "scrolled"):
        if where == "scrolled":
            page.mouse.wheel(0, 1500)
            page.wait_for_function("() => window.scrollY > 0")
        boxes = page.evaluate(HEADER_TEXT)
        assert any(box["text"] == "Transformation Casebook" for box in boxes), f"the site's name is not shown ({where})"
        if width >= 1280:
            assert any(box["text"] == "Source on GitHub" for box in boxes)
        for box in boxes:
            assert not box["cut"] and not box["outside"], f"{box['text']!r} is cut off at {width} px ({where})"
