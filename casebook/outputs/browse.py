"""Browse: the search page, the compare page and the per-case-study data the compare page reads.

Pure like render.py: adds path -> content to the build's collector for write.py. The compare data is built from the
model at build time, one small JSON file per case study, so comparing four case studies costs
four small requests however large the corpus grows.
"""
from __future__ import annotations

import json
from typing import Any

from casebook import addresses
from casebook.collector import Collector
from casebook.model import CaseStudy, Outcome
from casebook.addresses import case_study_path, compare_data_path, council_path, page_url, stage_path, theme_path
from casebook.outputs.headlines import headline_text
from casebook.render import SiteRenderer, format_value
from casebook.outputs.search import FACETS, SAVING_FILTER, SORTS, YEAR_FILTER, facet_options, facet_totals, year_range
from casebook.slugs import SLUG_PATTERN


def render_browse_pages(renderer: SiteRenderer, collector: Collector) -> None:
    """The search page, the compare page and one compare-data file per published case study."""
    collector.add(*_search_page(renderer), claimant="the search page (outputs/browse.py)")
    collector.add(*_compare_page(renderer), claimant="the compare page (outputs/browse.py)")
    for case_study in renderer.corpus.case_studies:
        collector.add(compare_data_path(case_study), compare_json(case_study), claimant=f"the compare data of {case_study.path}")


def _search_page(renderer: SiteRenderer) -> tuple[str, str]:
    corpus = renderer.corpus
    return renderer.render(
        "search.md.j2",
        addresses.SEARCH,
        "Search case studies",
        "Search the case studies by words, theme, 3R stage, status, place, council type, year and savings.",
        facets=FACETS,
        options=facet_options(corpus),
        totals=facet_totals(corpus),
        years=year_range(corpus),
        sorts=SORTS,
        sorts_json=json.dumps({value: [key, direction] for value, (_, key, direction) in SORTS.items()}),
        year_filter=YEAR_FILTER,
        saving_filter=SAVING_FILTER,
        bundle=addresses.SEARCH_BUNDLE_DIR,
    )


def _compare_page(renderer: SiteRenderer) -> tuple[str, str]:
    return renderer.render(
        "compare.md.j2",
        addresses.COMPARE,
        "Compare case studies",
        "Two to four case studies side by side: councils, theme, stage, years, status, outcomes and sources.",
        compare_record=addresses.COMPARE_DATA,
        slug_pattern=SLUG_PATTERN.pattern,
    )


def compare_record(case_study: CaseStudy) -> dict[str, Any]:
    """Everything the compare page shows for one case study; URLs are relative to the site root."""
    cs = case_study
    return {
        "slug": cs.slug,
        "title": cs.title,
        "url": page_url(case_study_path(cs)),
        "summary": cs.summary,
        "councils": [
            {"name": c.name, "type": c.type_name, "region": c.region, "nation": c.nation, "url": page_url(council_path(c))}
            for c in cs.councils
        ],
        "theme": {"id": cs.theme.id, "name": cs.theme.name, "url": page_url(theme_path(cs.theme))},
        "stage": {"id": cs.stage.id, "name": cs.stage.name, "url": page_url(stage_path(cs.stage))},
        "status": cs.status.name,
        "years": cs.years,
        "started": cs.started,
        "ended": cs.ended,
        "annual_saving": format_value(cs.annual_saving, "GBP") if cs.annual_saving else "",
        # The theme's like-for-like measure: "£40,000,000 (£13.61 per resident), Council-reported" or "None reported".
        "headline": {"measure": cs.theme.headline_measure.name if cs.theme.headline_measure else "", "figure": headline_text(cs), "why_not": cs.headline_unavailable},
        "outcomes": [_outcome_record(outcome) for outcome in cs.outcomes],
        "sources": [
            {"number": s.number, "title": s.title, "url": s.url, "publisher": s.publisher, "date": s.date}
            for s in cs.sources
        ],
    }


def _outcome_record(outcome: Outcome) -> dict[str, Any]:
    return {
        "measure": outcome.measure,
        "figure": format_value(outcome.value, outcome.unit),
        "basis": outcome.basis.name,
        "year": str(outcome.year),
        "kind": outcome.kind.name,
        "evidence": outcome.evidence.name,
        "source": outcome.source.number,
    }


def compare_json(case_study: CaseStudy) -> str:
    """The compare record as compact, stable JSON (sorted keys, so rebuilds are byte-identical)."""
    return json.dumps(compare_record(case_study), ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
