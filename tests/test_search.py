"""Search: index metadata from the model, search links and the search page."""
from __future__ import annotations

import html
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from casebook import addresses
from casebook.outputs.browse import compare_record
from casebook.model import Corpus
from casebook.pipeline import check_content, generate_docs
from casebook.outputs.search import (
    FACETS,
    SORTS,
    facet_options,
    facet_totals,
    index_filters,
    index_sorts,
    search_query,
    year_range,
)
from casebook.slugs import is_slug


def _corpus(make_corpus, corpus: str = "minimal") -> Corpus:
    result = check_content(make_corpus(corpus=corpus))
    assert result.corpus is not None, result.problems
    return result.corpus


@pytest.mark.parametrize(
    ("state", "query"),
    [
        ({"theme": "commercialisation", "stage": 1, "q": "energy"}, "theme=commercialisation&stage=1&q=energy"),
        ({"theme": ["a", "b"]}, "theme=a&theme=b"),
        ({"q": "", "theme": None, "region": []}, ""),
        ({"q": "waste & recycling"}, "q=waste+%26+recycling"),
    ],
)
def test_search_query(state: dict, query: str) -> None:
    assert search_query(**state) == query


def test_filters_follow_the_model(make_corpus) -> None:
    for case_study in _corpus(make_corpus).case_studies:
        filters = index_filters(case_study)
        assert filters["theme"] == [case_study.theme.id]
        assert filters["stage"] == [str(case_study.stage.id)]
        assert filters["status"] == [case_study.status.id]
        assert filters["started"] == [str(case_study.started)]
        assert sorted(filters["region"]) == sorted({c.region.lower().replace(" ", "-") for c in case_study.councils if c.region})
        assert ("saving" in filters) == case_study.has_quantified_saving
        assert all(is_slug(value) for values in filters.values() for value in values)


def test_every_page_has_every_sort_key(make_corpus) -> None:
    for case_study in _corpus(make_corpus).case_studies:
        sorts = index_sorts(case_study)
        assert set(sorts) == {key for _, key, _ in SORTS.values() if key}
        assert float(sorts["saving"]) == pytest.approx(case_study.annual_saving, abs=0.5)
        assert sorts["started"] == str(case_study.started)


def test_facet_options_cover_every_value_once(make_corpus) -> None:
    corpus = _corpus(make_corpus)
    options = facet_options(corpus)
    assert [facet.key for facet in FACETS] == list(options)
    for facet in FACETS:
        values = [option.value for option in options[facet.key]]
        assert len(values) == len(set(values))
        assert set(values) == {v for cs in corpus.case_studies for v in index_filters(cs)[facet.key]}
    # Vocabulary facets keep the taxonomy's order.
    theme_order = [str(t.id) for t in corpus.taxonomy.themes]
    assert [o.value for o in options["theme"]] == [t for t in theme_order if t in {o.value for o in options["theme"]}]


def test_year_range_spans_the_corpus(make_corpus) -> None:
    corpus = _corpus(make_corpus)
    years = year_range(corpus)
    started = [cs.started for cs in corpus.case_studies]
    assert years[0] == min(started) and years[-1] == max(started)
    assert years == list(range(years[0], years[-1] + 1))


def _page(paths, relative: str) -> str:
    return (paths.docs / relative).read_text(encoding="utf-8")


def test_case_study_page_leaves_the_index_to_the_records(make_corpus) -> None:
    """The index is built from the model (outputs/pagefind.py), so a page carries no index markup."""
    paths = make_corpus(corpus="minimal")
    corpus, _ = generate_docs(paths)
    for case_study in corpus.case_studies:
        text = _page(paths, addresses.CASE_STUDY.format(slug=case_study.slug))
        assert "pagefind" not in text and "search_body" not in text
        assert f'data-compare-slug="{case_study.slug}"' in text


def test_home_matrix_cells_link_to_the_filtered_search(make_corpus) -> None:
    paths = make_corpus(corpus="minimal")
    corpus, _ = generate_docs(paths)
    home = _page(paths, addresses.HOME)
    cells = re.findall(r'<td data-theme="([^"]+)" data-stage="([^"]+)">(.*?)</td>', home)
    assert len(cells) == len(corpus.taxonomy.themes) * len(corpus.taxonomy.stages)
    for theme_id, stage_id, cell in cells:
        members = [cs for cs in corpus.case_studies if cs.theme.id == theme_id and str(cs.stage.id) == stage_id]
        if not members:
            assert "href" not in cell
            continue
        href = html.unescape(re.search(r'href="([^"]+)"', cell).group(1))
        url = urlsplit(href)
        assert url.path == "search/"
        assert parse_qs(url.query) == {"theme": [theme_id], "stage": [stage_id]}
        assert f">{len(members)}</a>" in cell
        reporting = sum(1 for cs in members if cs.headline)
        assert (f"{reporting} of {len(members)} report it" if reporting else "None reported") in cell


def test_search_page_offers_every_facet_value(make_corpus) -> None:
    paths = make_corpus(corpus="minimal")
    corpus, _ = generate_docs(paths)
    page = _page(paths, addresses.SEARCH)
    for key, options in facet_options(corpus).items():
        for option in options:
            assert f'name="{key}" value="{option.value}"' in page
    assert "<noscript>" in page and "case-studies/" in page


def test_search_page_carries_the_unfiltered_counts(make_corpus) -> None:
    """The counts beside each option for the unfiltered view are in the page, so opening it loads no filter index."""
    paths = make_corpus(corpus="minimal")
    corpus, _ = generate_docs(paths)
    page = _page(paths, addresses.SEARCH)
    totals = facet_totals(corpus)
    for key, options in facet_options(corpus).items():
        for option in options:
            expected = sum(1 for cs in corpus.case_studies if option.value in index_filters(cs)[key])
            assert totals[key][option.value] == expected
            assert f'data-count="{option.value}" data-total="{expected}">({expected})</span>' in page
    savings = sum(1 for cs in corpus.case_studies if cs.has_quantified_saving)
    assert f'data-count="yes" data-total="{savings}">({savings})</span>' in page


def test_compare_data_is_written_for_every_case_study(make_corpus) -> None:
    paths = make_corpus(corpus="minimal")
    corpus, _ = generate_docs(paths)
    written = sorted(p.stem for p in (paths.docs / "compare").glob("*.json"))
    assert written == sorted(cs.slug for cs in corpus.case_studies)
    for case_study in corpus.case_studies:
        data = json.loads(_page(paths, addresses.COMPARE_DATA.format(slug=case_study.slug)))
        assert data == json.loads(json.dumps(compare_record(case_study)))
        assert [o["measure"] for o in data["outcomes"]] == [o.measure for o in case_study.outcomes]
        assert len(data["sources"]) == len(case_study.sources)
