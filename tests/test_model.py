"""The model: typed case studies, corpus views and the like-for-like savings rule."""
from __future__ import annotations

from casebook.model import Corpus
from casebook.pipeline import check_content


def _corpus(make_corpus, files=None, corpus="minimal") -> Corpus:
    result = check_content(make_corpus(files, corpus))
    assert result.problems == [] and isinstance(result.corpus, Corpus)
    return result.corpus


def test_views_group_every_published_case_study(make_corpus) -> None:
    corpus = _corpus(make_corpus)
    by_theme = {t.id: [cs.slug for cs in items] for t, items in corpus.by_theme().items()}
    assert by_theme == {"shared-services": ["alpha-shared-payroll"], "combined-authority": [], "commercialisation": ["beta-energy-company"]}
    by_council = {c.name: [cs.slug for cs in items] for c, items in corpus.by_council().items()}
    assert by_council == {
        "Adur District Council": ["alpha-shared-payroll"],
        "Nottingham City Council": ["beta-energy-company"],
        "Worthing Borough Council": ["alpha-shared-payroll"],
    }
    assert sum(len(cell) for cell in corpus.matrix().values()) == 2
    assert len(corpus.matrix()) == len(corpus.taxonomy.themes) * len(corpus.taxonomy.stages)  # every cell, empty ones too


def test_register_fields_come_from_the_register(make_corpus) -> None:
    council = _corpus(make_corpus).case_studies[1].councils[0]
    assert (council.gss_code, council.type_name, council.region, council.nation) == ("E06000018", "Unitary authority", "East Midlands", "England")


def test_only_achieved_annual_pound_savings_count(make_corpus, valid_text: str) -> None:
    extra = """  - measure: "Target saving"
    value: 900000
    unit: GBP
    year: 2012
    basis: annual
    kind: saving
    evidence: estimate
    source: 1
  - measure: "Savings over five years"
    value: 1500000
    unit: GBP
    year: 2013
    basis: cumulative
    kind: saving
    evidence: audited
    source: 1
---"""
    text = valid_text.replace("    source: 1\n---", "    source: 1\n" + extra, 1)
    case_study = _corpus(make_corpus, {"a.md": text}, corpus=None).case_studies[0]
    assert [o.is_annual_saving for o in case_study.outcomes] == [True, False, False]
    assert case_study.annual_saving == 250000
    assert case_study.has_quantified_saving


def test_years_read_naturally(make_corpus) -> None:
    alpha, beta = _corpus(make_corpus).case_studies
    assert alpha.years == "2008 onwards"
    assert beta.years == "2015–2020"
