"""Every built page is findable: its own <title> and a non-empty meta description of its own."""
from __future__ import annotations

import re
from collections import defaultdict
from html import unescape

import pytest

from tests.support.pagetext import site_pages

pytestmark = pytest.mark.slow


def _head_tag(html: str, pattern: str) -> str:
    match = re.search(pattern, html, re.DOTALL)
    return unescape(match.group(1)).strip() if match else ""


def _titles_and_descriptions(site) -> dict[str, tuple[str, str]]:
    """Page path -> (title, meta description) for every HTML page of the built site."""
    found = {}
    for path, file in site_pages(site).items():
        html = file.read_text(encoding="utf-8")
        found[path] = (_head_tag(html, r"<title>(.*?)</title>"), _head_tag(html, r'<meta name="description" content="([^"]*)"'))
    return found


def _shared(values: dict[str, str]) -> dict[str, list[str]]:
    pages = defaultdict(list)
    for path, value in values.items():
        pages[value].append(path)
    return {value: paths for value, paths in pages.items() if len(paths) > 1}


def test_every_page_has_a_title_and_a_description(built_site) -> None:
    found = _titles_and_descriptions(built_site.paths.site)
    assert len(found) > 100
    assert [path for path, (title, _) in found.items() if not title] == []
    assert [path for path, (_, description) in found.items() if not description] == []


def test_no_two_pages_share_a_title(built_site) -> None:
    found = _titles_and_descriptions(built_site.paths.site)
    assert _shared({path: title for path, (title, _) in found.items()}) == {}


def test_no_two_pages_share_a_description(built_site) -> None:
    found = _titles_and_descriptions(built_site.paths.site)
    assert _shared({path: description for path, (_, description) in found.items()}) == {}
