"""Council profiles on the built site: each lists its case studies and places each on its 3R matrix."""
from __future__ import annotations

import re
import urllib.parse
import urllib.request

import pytest

from casebook.outputs.neighbours import NEIGHBOUR_COUNT, get_neighbour_table
from casebook.outputs.related import index_corpus, related_case_studies, similar_council_candidates
from casebook.addresses import case_study_path, council_path, page_url

pytestmark = pytest.mark.slow


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def _section(html: str, heading_id: str) -> str:
    """The HTML from a heading with this id up to the next h2."""
    match = re.search(rf'<h2 [^>]*\bid="{heading_id}".*?(?=<h2 |</article>)', html, re.S)
    assert match, f"no section #{heading_id}"
    return match.group(0)


def _links(html: str, base: str) -> set[str]:
    return {urllib.parse.urljoin(base, href).split("#")[0] for href in re.findall(r'href="([^"]+)"', html)}


def _matrix_cells(html: str, base: str) -> dict[tuple[str, str], set[str]]:
    """(theme slug, stage id) -> case-study URLs linked from that cell of the council's matrix."""
    cells = re.findall(r'<td data-theme="([^"]+)" data-stage="([^"]+)"(?: class="[^"]*")?>(.*?)</td>', _section(html, "matrix"), re.S)
    return {(theme, stage): _links(body, base) for theme, stage, body in cells}


def _councils(built_site):
    return list(built_site.corpus.by_council().items())


def test_every_council_page_lists_and_places_each_of_its_case_studies(built_site) -> None:
    corpus = built_site.corpus
    cell_count = len(corpus.taxonomy.themes) * len(corpus.taxonomy.stages)
    for council, items in _councils(built_site):
        base = built_site.url(page_url(council_path(council)))
        html = _fetch(base)
        listed = _links(_section(html, "case-studies"), base)
        cells = _matrix_cells(html, base)
        assert len(cells) == cell_count, council.name
        for case_study in items:
            url = built_site.url(page_url(case_study_path(case_study)))
            assert url in listed, f"{case_study.slug} not listed on {council.name}'s page"
            holding = [key for key, links in cells.items() if url in links]
            assert holding == [(case_study.theme.slug, str(case_study.stage.id))], f"{case_study.slug} misplaced on {council.name}'s matrix"
        assert sum(len(links) for links in cells.values()) == len(items), council.name


def test_similar_councils_never_repeat_the_councils_own_case_studies(built_site) -> None:
    index = index_corpus(built_site.corpus)
    for council, items in _councils(built_site):
        base = built_site.url(page_url(council_path(council)))
        # Only links to case studies: the heading's own permalink points back at this page.
        similar = {url for url in _links(_section(_fetch(base), "similar-councils"), base) if "/case-studies/" in url}
        own = {built_site.url(page_url(case_study_path(cs))) for cs in items}
        assert not own & similar, council.name
        table = get_neighbour_table(built_site.paths.registers / "uk_local_authorities.csv")
        expected = {built_site.url(page_url(case_study_path(cs))) for cs in similar_council_candidates(index, council, table)}
        assert similar <= expected, council.name
        assert bool(similar) == bool(expected), council.name


def test_council_pages_show_ten_nearest_neighbours_with_reasons(built_site) -> None:
    table = get_neighbour_table(built_site.paths.registers / "uk_local_authorities.csv")
    pages = {c.gss_code for c, _ in _councils(built_site) if c.gss_code}
    for council, _ in _councils(built_site):
        html = _section(_fetch(built_site.url(page_url(council_path(council)))), "neighbours")
        expected = [n.profile.gss_code for n in table.neighbours(council.gss_code)]
        if not expected:
            assert "cannot say which councils" in html, council.name
            continue
        assert len(expected) == NEIGHBOUR_COUNT
        assert re.findall(r'<li data-gss="([^"]+)"', html) == expected, council.name
        assert html.count("Why: ") == NEIGHBOUR_COUNT, council.name
        linked = set(re.findall(r'<a href="[^"]+" data-gss="([^"]+)"', html))
        assert linked == pages & set(expected), council.name


def test_case_study_pages_link_their_related_case_studies(built_site) -> None:
    index = index_corpus(built_site.corpus)
    for case_study in built_site.corpus.case_studies:
        base = built_site.url(page_url(case_study_path(case_study)))
        html = _fetch(base)
        related = related_case_studies(index, case_study)
        if not related:
            assert 'id="related"' not in html
            continue
        found = re.findall(r'data-related="([^"]+)"', _section(html, "related"))
        assert found == [item.case_study.slug for item in related], case_study.slug
