"""The browser tests' page list fails, never skips, when the build lost a page they check."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.browser.sitepages import PAGES, get_key_pages, get_page_url


def _site_with(built_site, root: Path, names: set[str]) -> SimpleNamespace:
    """A stand-in for the built site whose folder holds only the named key pages."""
    for name, url in get_key_pages(built_site).items():
        if name in names:
            (root / url).mkdir(parents=True, exist_ok=True)
            (root / url / "index.html").write_text("<!doctype html>", encoding="utf-8")
    return SimpleNamespace(corpus=built_site.corpus, paths=SimpleNamespace(site=root), url=built_site.url)


@pytest.mark.parametrize("missing", ["search", "data", "insights"])
def test_a_missing_page_fails_the_test_that_needs_it(built_site, tmp_path: Path, missing: str) -> None:
    site = _site_with(built_site, tmp_path, set(PAGES) - {missing})
    with pytest.raises(pytest.fail.Exception, match=f"the {missing} page"):
        get_page_url(site, missing)
    assert get_page_url(site, "home") == built_site.url("")


def test_every_key_page_is_in_the_real_build(built_site) -> None:
    for name in PAGES:
        assert get_page_url(built_site, name).startswith(built_site.base_url)
