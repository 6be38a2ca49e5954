"""The evidence summary near the top of a case study and in its search result (casebook/outputs/trust.py)."""
from __future__ import annotations

from casebook.pipeline import check_content
from casebook.outputs.trust import evidence_summary


def test_summary_counts_figures_by_grade_strongest_first(make_corpus) -> None:
    corpus = check_content(make_corpus(corpus="minimal")).corpus
    by_slug = {cs.slug: cs for cs in corpus.case_studies}
    grades = corpus.taxonomy.evidence_grades
    assert evidence_summary(by_slug["alpha-shared-payroll"], grades) == "1 figure: 1 council-reported"
    assert evidence_summary(by_slug["beta-energy-company"], grades) == "1 figure: 1 audited"
