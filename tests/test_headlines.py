"""Headline figures (casebook/outputs/headlines.py): one per case study, signed, per resident from the register."""
from __future__ import annotations

import dataclasses

import jsonschema
import pytest

from casebook.model import CaseStudy, Corpus
from casebook.outputs.headlines import (
    HEADLINE_SCHEMA,
    NONE_REPORTED,
    PER_RESIDENT_MEASURES,
    area_population,
    cell_headlines,
    headline_of,
    headline_record,
    headline_text,
)
from casebook.pipeline import check_content
from casebook.register import get_register
from casebook.project import PROJECT_ROOT
from tests.support.variants import vary

REGISTER = get_register(PROJECT_ROOT / "registers")
COMBINED = "Cambridgeshire and Peterborough Combined Authority"
DISTRICTS = ["Adur District Council", "Worthing Borough Council"]


def _outcome(value: float, **changes: object) -> dict:
    outcome = {"measure": "Figure", "value": value, "unit": "GBP", "year": 2012, "basis": "annual", "kind": "saving", "evidence": "audited", "source": 1}
    return {**outcome, **changes}


def _funding(value: float) -> dict:
    return _outcome(value, kind="investment", evidence="official-statistics", headline=True)


@pytest.fixture
def corpus(make_corpus, valid_text) -> Corpus:
    files = {
        "saving.md": vary(valid_text, outcomes=[_outcome(900_000), _outcome(400_000, headline=True)]),
        "loss.md": vary(valid_text, theme="commercialisation", councils=["Nottingham City Council"],
                        outcomes=[_outcome(38_000_000, kind="cost", basis="cumulative", headline=True)]),
        "return.md": vary(valid_text, theme="commercialisation", outcomes=[_outcome(5_000_000, kind="income", basis="cumulative", headline=True)]),
        "deal.md": vary(valid_text, theme="combined-authority", councils=[COMBINED, "Peterborough City Council"], outcomes=[_funding(20_000_000)]),
        "districts.md": vary(valid_text, theme="combined-authority", councils=DISTRICTS, outcomes=[_funding(3_000_000)]),
    }
    result = check_content(make_corpus(files, corpus="minimal"))
    assert result.problems == [] and result.corpus is not None, result.problems
    return result.corpus


def _by_slug(corpus: Corpus, slug: str) -> CaseStudy:
    (found,) = [cs for cs in corpus.case_studies if cs.slug == slug]
    return found


def _marked(cs: CaseStudy) -> list:
    return [o for o in cs.outcomes if o.headline]


def test_each_case_study_has_its_one_marked_outcome_or_none(corpus: Corpus) -> None:
    for cs in corpus.case_studies:
        marked, headline = _marked(cs), headline_of(cs)
        assert len(marked) <= 1
        if marked:
            assert headline is not None and headline.outcome is marked[0], cs.slug
            assert headline.measure is cs.theme.headline_measure
        else:
            assert headline is None and headline_text(cs) == NONE_REPORTED and headline_record(cs) is None, cs.slug


def test_the_marked_outcome_is_the_figure_not_the_largest(corpus: Corpus) -> None:
    cs = _by_slug(corpus, "saving")
    headline = headline_of(cs)
    assert headline is not None and headline.value == 400_000
    record = headline_record(cs)
    assert record is not None and record["outcome"] == 2 and record["value"] == 400_000 and record["measure"] == cs.theme.headline_measure.id


def test_a_loss_is_negative_and_a_return_positive(corpus: Corpus) -> None:
    loss, gain = headline_of(_by_slug(corpus, "loss")), headline_of(_by_slug(corpus, "return"))
    assert loss is not None and loss.value == -_by_slug(corpus, "loss").outcomes[0].value < 0
    assert gain is not None and gain.value == _by_slug(corpus, "return").outcomes[0].value > 0


def test_only_per_resident_measures_divide_by_population(corpus: Corpus) -> None:
    for cs in corpus.case_studies:
        headline = headline_of(cs)
        if headline and headline.measure.id not in PER_RESIDENT_MEASURES:
            # Adur and Worthing, Nottingham: the register knows their populations, but savings are not per resident.
            assert headline.population is None and headline.per_resident is None and headline.per_resident_text == ""


def test_a_combined_authority_divides_by_its_own_register_population(corpus: Corpus) -> None:
    cs = _by_slug(corpus, "deal")
    population = REGISTER.find(COMBINED).population
    assert population and population != sum(c.population or 0 for c in cs.councils)  # counting both would differ
    headline = headline_of(cs)
    assert headline is not None and headline.population == population
    assert headline.per_resident == pytest.approx(20_000_000 / population)
    assert f"£{20_000_000 / population:,.2f} per resident" in headline.summary


def test_councils_without_a_combined_authority_are_added_together(corpus: Corpus) -> None:
    cs = _by_slug(corpus, "districts")
    expected = sum(REGISTER.find(name).population for name in DISTRICTS)
    assert area_population(cs) == expected
    headline = headline_of(cs)
    assert headline is not None and headline.per_resident == pytest.approx(3_000_000 / expected)


def test_an_unknown_population_gives_no_per_resident_figure(corpus: Corpus) -> None:
    cs = _by_slug(corpus, "districts")
    unknown = dataclasses.replace(cs.councils[0], population=None)
    assert area_population(dataclasses.replace(cs, councils=[unknown, *cs.councils[1:]])) is None


def test_the_summary_names_the_evidence_grade(corpus: Corpus) -> None:
    cs = _by_slug(corpus, "loss")
    headline = headline_of(cs)
    assert headline is not None
    assert headline_text(cs) == headline.summary == f"{headline.text}, {cs.outcomes[0].evidence.name}"
    assert "38,000,000" in headline.text


def test_a_cell_counts_case_studies_reporting_a_figure(corpus: Corpus) -> None:
    commercial = [cs for cs in corpus.case_studies if cs.theme.id == "commercialisation"]
    reporting = sum(1 for cs in commercial if _marked(cs))
    assert 0 < reporting < len(commercial)  # beta (minimal corpus) reports none
    assert cell_headlines(commercial) == f"{reporting} of {len(commercial)} report it"
    none = [cs for cs in corpus.case_studies if not _marked(cs)]
    assert none and cell_headlines(none) == NONE_REPORTED  # not "0 of n"
    assert cell_headlines([]) == ""


def test_open_data_records_follow_the_published_schema(corpus: Corpus) -> None:
    records = [r for cs in corpus.case_studies if (r := headline_record(cs)) is not None]
    assert len(records) == sum(1 for cs in corpus.case_studies if _marked(cs))
    for record in records:
        jsonschema.validate(record, HEADLINE_SCHEMA)
