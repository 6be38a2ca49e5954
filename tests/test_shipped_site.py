"""The shipped case studies: all valid, all built, each reachable from every index it belongs to."""
from __future__ import annotations

import re
import urllib.parse
import urllib.request

import pytest

from casebook.pipeline import check_content
from casebook.addresses import case_study_path, council_path, page_url, stage_path, theme_path
from casebook.addresses import CASE_STUDIES
from casebook.project import get_paths

pytestmark = pytest.mark.slow


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def _linked_pages(built_site, page: str) -> set[str]:
    """Absolute URL paths of every link on a page of the served site."""
    base = built_site.url(page_url(page))
    html = _fetch(base)
    return {urllib.parse.urljoin(base, href).split("#")[0] for href in re.findall(r'href="([^"]+)"', html)}


def test_shipped_case_studies_are_valid() -> None:
    result = check_content(get_paths())
    assert result.problems == []
    assert len(result.corpus.case_studies) >= 5


def test_every_theme_has_a_shipped_case_study(built_site) -> None:
    themes = {cs.theme.id for cs in built_site.corpus.case_studies}
    assert themes == set(built_site.corpus.taxonomy.themes.ids())


def test_every_case_study_is_linked_from_each_index_it_belongs_to(built_site) -> None:
    corpus = built_site.corpus
    indexes = {CASE_STUDIES: corpus.case_studies}
    indexes.update({theme_path(t): items for t, items in corpus.by_theme().items()})
    indexes.update({stage_path(s): items for s, items in corpus.by_stage().items()})
    indexes.update({council_path(c): items for c, items in corpus.by_council().items()})
    for index, items in indexes.items():
        links = _linked_pages(built_site, index)
        for case_study in items:
            assert built_site.url(page_url(case_study_path(case_study))) in links, f"{case_study.slug} missing from {index}"


def test_every_case_study_page_is_served(built_site) -> None:
    for case_study in built_site.corpus.case_studies:
        html = _fetch(built_site.url(page_url(case_study_path(case_study))))
        assert f"casestudies/{case_study.slug}.md" in html
