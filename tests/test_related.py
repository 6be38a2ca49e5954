"""Related case studies and similar councils: the ranking rules, on small corpora made for each rule."""
from __future__ import annotations

import pytest

from casebook.model import CaseStudy, Corpus
from casebook.pipeline import check_content
from casebook.register import Council
from casebook.outputs.related import (
    RELATED_LIMIT,
    index_corpus,
    place_on_matrix,
    related_case_studies,
    similar_council_candidates,
    similar_council_case_studies,
    similar_council_count,
)
from casebook.outputs.neighbours import get_neighbour_table
from casebook.project import PROJECT_ROOT, get_paths
from tests.support.variants import vary

# Councils from the register, chosen for their type and region.
ADUR = "Adur District Council"  # Non-metropolitan district, South East
WORTHING = "Worthing Borough Council"  # Non-metropolitan district, South East
CAMBRIDGE = "Cambridge City Council"  # Non-metropolitan district, East of England
BRIGHTON = "Brighton and Hove City Council"  # Unitary authority, South East
LEEDS = "Leeds City Council"  # Metropolitan district, Yorkshire and The Humber
NOTTINGHAM = "Nottingham City Council"  # Unitary authority, East Midlands


@pytest.fixture
def corpus_of(make_corpus, valid_text):
    """corpus_of({"slug": {front-matter changes}}) -> the Corpus of those variations of one valid file."""

    def build(variants: dict[str, dict]) -> Corpus:
        files = {f"{slug}.md": vary(valid_text, title=f"Case {slug}", **changes) for slug, changes in variants.items()}
        result = check_content(make_corpus(files))
        assert result.problems == [], result.problems
        assert result.corpus is not None
        return result.corpus

    return build


def _case(corpus: Corpus, slug: str) -> CaseStudy:
    return next(cs for cs in corpus.case_studies if cs.slug == slug)


def _related_slugs(corpus: Corpus, slug: str, limit: int = RELATED_LIMIT) -> list[str]:
    return [r.case_study.slug for r in related_case_studies(index_corpus(corpus), _case(corpus, slug), limit)]


def _council(corpus: Corpus, name: str) -> Council:
    return next(c for c in corpus.by_council() if c.name == name)


NEIGHBOURS = get_neighbour_table(PROJECT_ROOT / "registers" / "uk_local_authorities.csv")


def _similar_slugs(corpus: Corpus, name: str, limit: int = 10) -> list[str]:
    return [r.case_study.slug for r in similar_council_case_studies(index_corpus(corpus), _council(corpus, name), NEIGHBOURS, limit)]


SAME_CELL = {"theme": "shared-services", "stage": 1}
OTHER_CELL = {"theme": "commercialisation", "stage": 2}


def test_same_theme_and_stage_outranks_council_type_and_tags(corpus_of) -> None:
    corpus = corpus_of({
        "target": {**SAME_CELL, "councils": [ADUR], "tags": ["payroll", "hr"]},
        "a-other-cell-same-type-same-tags": {**OTHER_CELL, "councils": [CAMBRIDGE], "tags": ["payroll", "hr"]},
        "z-same-cell-nothing-else": {**SAME_CELL, "councils": [LEEDS], "tags": ["energy"]},
    })
    assert _related_slugs(corpus, "target") == ["z-same-cell-nothing-else", "a-other-cell-same-type-same-tags"]


def test_council_type_outranks_shared_tags(corpus_of) -> None:
    corpus = corpus_of({
        "target": {**SAME_CELL, "councils": [ADUR], "tags": ["payroll", "hr"]},
        "a-same-tags": {**SAME_CELL, "councils": [LEEDS], "tags": ["payroll", "hr"]},
        "b-same-type": {**SAME_CELL, "councils": [CAMBRIDGE], "tags": ["energy"]},
        "c-elsewhere-same-tags": {**OTHER_CELL, "councils": [LEEDS], "tags": ["payroll", "hr"]},
        "d-elsewhere-same-type": {**OTHER_CELL, "councils": [CAMBRIDGE], "tags": ["energy"]},
    })
    assert _related_slugs(corpus, "target") == ["b-same-type", "a-same-tags", "d-elsewhere-same-type", "c-elsewhere-same-tags"]


def test_more_shared_tags_rank_higher_then_slug_breaks_ties(corpus_of) -> None:
    corpus = corpus_of({
        "target": {**OTHER_CELL, "councils": [NOTTINGHAM], "tags": ["energy", "failure", "trading-company"]},
        "d-one-tag": {**OTHER_CELL, "councils": [LEEDS], "tags": ["energy"]},
        "c-two-tags": {**OTHER_CELL, "councils": [LEEDS], "tags": ["energy", "failure"]},
        "b-one-tag": {**OTHER_CELL, "councils": [LEEDS], "tags": ["failure"]},
        "a-no-tags": {**OTHER_CELL, "councils": [LEEDS], "tags": ["housing"]},
    })
    assert _related_slugs(corpus, "target") == ["c-two-tags", "b-one-tag", "d-one-tag", "a-no-tags"]


def test_unrelated_self_and_drafts_are_left_out(corpus_of) -> None:
    corpus = corpus_of({
        "target": {**SAME_CELL, "councils": [ADUR], "tags": ["payroll"]},
        "unrelated": {**OTHER_CELL, "councils": [LEEDS], "tags": ["energy"]},
        "draft-in-same-cell": {**SAME_CELL, "councils": [WORTHING], "tags": ["payroll"], "draft": True},
    })
    assert _related_slugs(corpus, "target") == []


@pytest.mark.parametrize("limit", [1, 3, RELATED_LIMIT])
def test_at_most_the_limit_best_first(corpus_of, limit: int) -> None:
    others = {f"same-cell-{n}": {**SAME_CELL, "councils": [LEEDS], "tags": ["x"]} for n in range(RELATED_LIMIT + 2)}
    corpus = corpus_of({"target": {**SAME_CELL, "councils": [ADUR], "tags": ["payroll"]}, **others})
    assert _related_slugs(corpus, "target", limit) == sorted(others)[:limit]


def test_reasons_name_what_is_shared(corpus_of) -> None:
    corpus = corpus_of({
        "target": {**SAME_CELL, "councils": [ADUR], "tags": ["payroll", "hr"]},
        "other": {**SAME_CELL, "councils": [CAMBRIDGE], "tags": ["hr"]},
    })
    (related,) = related_case_studies(index_corpus(corpus), _case(corpus, "target"))
    text = " ".join(related.reasons)
    assert "same theme and stage" in text and "Non-metropolitan district" in text and "hr" in text and "payroll" not in text


def _independent_key(target: CaseStudy, other: CaseStudy) -> tuple[bool, bool, int, str]:
    """The ranking rule written out again from the brief, to check the index-based version."""
    same_cell = (other.theme, other.stage) == (target.theme, target.stage)
    same_type = bool({c.type_name for c in target.councils} & {c.type_name for c in other.councils})
    return (not same_cell, not same_type, -len(set(target.tags) & set(other.tags)), other.slug)


def _is_related(target: CaseStudy, other: CaseStudy) -> bool:
    key = _independent_key(target, other)
    return other.slug != target.slug and (not key[0] or not key[1] or key[2] < 0)


def test_shipped_corpus_follows_the_ranking_rule() -> None:
    corpus = check_content(get_paths()).corpus
    assert corpus is not None
    index = index_corpus(corpus)
    for target in corpus.case_studies:
        expected = sorted((o for o in corpus.case_studies if _is_related(target, o)), key=lambda o: _independent_key(target, o))
        chosen = [r.case_study for r in related_case_studies(index, target)]
        assert [cs.slug for cs in chosen] == [cs.slug for cs in expected[:RELATED_LIMIT]], target.slug


def test_similar_councils_follow_the_neighbour_ranking_without_own(corpus_of) -> None:
    corpus = corpus_of({
        "own": {"councils": [ADUR, LEEDS]},
        "z-worthing": {"councils": [WORTHING]},
        "c-cambridge": {"councils": [CAMBRIDGE]},
        "a-brighton": {"councils": [BRIGHTON]},
        "d-nottingham": {"councils": [NOTTINGHAM]},
    })
    adur = _council(corpus, ADUR)
    rank = {n.profile.name: i for i, n in enumerate(NEIGHBOURS.ranking(adur.gss_code))}
    by_council = {"z-worthing": WORTHING, "c-cambridge": CAMBRIDGE, "a-brighton": BRIGHTON, "d-nottingham": NOTTINGHAM}
    expected = sorted(by_council, key=lambda slug: rank[by_council[slug]])
    assert _similar_slugs(corpus, ADUR) == expected
    assert expected[:2] == ["z-worthing", "c-cambridge"]  # districts (Adur's tier) before unitary councils


def test_similar_councils_list_is_capped(corpus_of) -> None:
    corpus = corpus_of({"own": {"councils": [ADUR]}, **{f"district-{n}": {"councils": [CAMBRIDGE]} for n in range(4)}})
    assert _similar_slugs(corpus, ADUR, limit=3) == ["district-0", "district-1", "district-2"]


def test_similar_council_reasons(corpus_of) -> None:
    corpus = corpus_of({"own": {"councils": [ADUR]}, "other": {"councils": [WORTHING]}})
    (item,) = similar_council_case_studies(index_corpus(corpus), _council(corpus, ADUR), NEIGHBOURS)
    rank = [n.profile.name for n in NEIGHBOURS.ranking(_council(corpus, ADUR).gss_code)].index(WORTHING) + 1
    assert item.reasons[0].startswith(f"{WORTHING}, ")
    assert "same type" in item.reasons[0] and "same region" in item.reasons[0]
    assert str(rank) in item.reasons[0]


def test_place_on_matrix_puts_each_case_study_in_its_cell_only(corpus_of) -> None:
    corpus = corpus_of({"a": {**SAME_CELL}, "b": {**OTHER_CELL}})
    cells = place_on_matrix(corpus, list(corpus.case_studies))
    assert len(cells) == len(corpus.taxonomy.themes) * len(corpus.taxonomy.stages)
    for case_study in corpus.case_studies:
        holding = [cell for cell, items in cells.items() if case_study in items]
        assert holding == [(case_study.theme, case_study.stage)]



def test_similar_council_count_matches_the_candidates() -> None:
    """The council page's count is the length of the full candidate list, computed without building it."""
    corpus = check_content(get_paths()).corpus
    assert corpus is not None
    index = index_corpus(corpus)
    for council in corpus.by_council():
        assert similar_council_count(index, council, NEIGHBOURS) == len(similar_council_candidates(index, council, NEIGHBOURS))
