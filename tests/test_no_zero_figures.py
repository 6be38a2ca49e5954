"""No summary page of the built site shows "£0" (issue 17: a theme without figures says "None reported",
and a zero would read as "saved nothing"). Every HTML page of the shipped site is read, as readers get
it, except case-study pages: there a figure is shown as its source gives it, and a source may report
a real zero (a fund that paid out nothing in its first year), with its grade and source beside it."""
from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.slow
# "£0" as a whole figure ("£0", "£0 a year"), not the start of "£0.25" or "£0,5" style figures.
ZERO_POUNDS = re.compile(r"£0(?![\d.,]\d)")


def test_no_page_shows_a_zero_pound_figure(built_site) -> None:
    site = built_site.paths.site
    pages = sorted(page for page in site.rglob("*.html") if not page.relative_to(site).as_posix().startswith("case-studies/"))
    assert len(pages) > 50
    offending = [f"{page.relative_to(site)}: …{match.string[max(match.start() - 60, 0):match.end() + 20]}…"
                 for page in pages for match in ZERO_POUNDS.finditer(page.read_text(encoding="utf-8"))]
    assert offending == []
