"""Trust at a glance: the evidence summary a case-study page and its search result show near the top.

Citation markers that link to their sources are in casebook/markers.py (validation uses them too).
"""
from __future__ import annotations

from collections import Counter

from casebook.model import CaseStudy
from casebook.taxonomy import Vocabulary


def evidence_summary(case_study: CaseStudy, grades: Vocabulary) -> str:
    """"9 figures: 1 audited, 6 council-reported, 2 press-reported": grade names from the
    taxonomy, strongest grade first; "" when the case study reports no figures."""
    if not case_study.outcomes:
        return ""
    counts = Counter(outcome.evidence.id for outcome in case_study.outcomes)
    parts = ", ".join(f"{counts[grade.id]} {grade.name.lower()}" for grade in grades if counts[grade.id])
    total = len(case_study.outcomes)
    return f"{total} {'figure' if total == 1 else 'figures'}: {parts}"
