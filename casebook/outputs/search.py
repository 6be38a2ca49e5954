"""Search: what each case study tells the search index: facets, sorts, metadata and search links.

The index itself is built by Pagefind from the model (pagefind.py: one record per case study, its text
from search_text.py), so a browser downloads only the chunks a query needs, never the whole corpus.
Each record's filters, sort keys and metadata come from here, and nowhere else.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import urlencode

from casebook.model import CaseStudy, Corpus
from casebook.slugs import slugify
from casebook.taxonomy import stage_label

# The value of the "has a quantified saving" filter; its absence means no.
YES = "yes"


@dataclass(frozen=True, order=True)
class FacetOption:
    """One value a facet can take: `value` goes in the URL and the index, `label` on screen."""

    value: str
    label: str


@dataclass(frozen=True)
class Facet:
    """A filter offered as checkboxes; `key` names it in the URL query and in the index."""

    key: str
    label: str
    values_of: Callable[[CaseStudy], list[FacetOption]]


def _councils(attribute: str) -> Callable[[CaseStudy], list[FacetOption]]:
    """Options from the councils' register entries; a joint case study has every council's value."""

    def options(case_study: CaseStudy) -> list[FacetOption]:
        labels = {getattr(council, attribute) for council in case_study.councils} - {""}
        return sorted(FacetOption(slugify(label), label) for label in labels)

    return options


# Checkbox facets, in the order the search page shows them. Within a facet, any ticked value
# matches; across facets, all must.
FACETS: tuple[Facet, ...] = (
    Facet("theme", "Theme", lambda cs: [FacetOption(str(cs.theme.id), cs.theme.name)]),
    Facet("service", "Service area", lambda cs: [FacetOption(str(term.id), term.name) for term in cs.services]),
    Facet("stage", "3R stage", lambda cs: [FacetOption(str(cs.stage.id), stage_label(cs.stage))]),
    Facet("status", "Status", lambda cs: [FacetOption(str(cs.status.id), cs.status.name)]),
    Facet("nation", "Nation", _councils("nation")),
    Facet("region", "Region", _councils("region")),
    Facet("type", "Council type", _councils("type_name")),
)
# How many case studies the compare page shows side by side; more would not fit a screen.
COMPARE_MIN = 2
COMPARE_MAX = 4
YEAR_FILTER = "started"
SAVING_FILTER = "saving"
# Sort orders: URL value -> (label, Pagefind sort key, direction). "" is relevance.
SORTS: dict[str, tuple[str, str, str]] = {
    "": ("Relevance", "", ""),
    "newest": ("Newest first", "started", "desc"),
    "saving": ("Largest annual saving", "saving", "desc"),
    "title": ("Title (A to Z)", "title", "asc"),
}


def index_filters(case_study: CaseStudy) -> dict[str, list[str]]:
    """Filter name -> values, as Pagefind indexes them for one case study."""
    filters = {facet.key: [option.value for option in facet.values_of(case_study)] for facet in FACETS}
    filters[YEAR_FILTER] = [str(case_study.started)]
    if case_study.has_quantified_saving:
        filters[SAVING_FILTER] = [YES]
    return filters


def index_sorts(case_study: CaseStudy) -> dict[str, str]:
    """Sort key -> value. Every page carries every key: Pagefind drops pages without one when sorting."""
    return {
        "started": str(case_study.started),
        "saving": f"{case_study.annual_saving:.0f}",
        # Casefolded so "a" and "B" sort as a reader expects.
        "title": case_study.title.casefold(),
    }


def index_meta(case_study: CaseStudy, evidence: str = "") -> dict[str, str]:
    """What a search result shows: title, summary, the facts line, the saving (formatted) and the slug.
    `evidence` is the case study's evidence summary ("9 figures: 1 audited, ..."), shown with the facts
    so a reader can judge a result before opening it; it is also its own `evidence` meta."""
    from casebook.render import format_value  # imported here: render imports the outputs

    councils = ", ".join(council.short_name for council in case_study.councils)
    facts = f"{councils} · {case_study.theme.name} · Stage {case_study.stage.id} · {case_study.status.name} · {case_study.years}"
    meta = {"title": case_study.title, "summary": case_study.summary, "slug": case_study.slug, "facts": f"{facts} · {evidence}" if evidence else facts}
    if evidence:
        meta["evidence"] = evidence
    if case_study.annual_saving:
        meta["saving"] = f"{format_value(case_study.annual_saving, 'GBP')} a year"
    return meta


def facet_options(corpus: Corpus) -> dict[str, list[FacetOption]]:
    """Every value each facet takes: vocabularies in taxonomy order, register values A to Z."""
    vocabularies = {"theme": corpus.taxonomy.themes, "service": corpus.taxonomy.services, "stage": corpus.taxonomy.stages, "status": corpus.taxonomy.statuses}
    options: dict[str, list[FacetOption]] = {}
    for facet in FACETS:
        found = {option for cs in corpus.case_studies for option in facet.values_of(cs)}
        if facet.key in vocabularies:
            order = [str(term.id) for term in vocabularies[facet.key]]
            options[facet.key] = sorted(found, key=lambda option: order.index(option.value))
        else:
            options[facet.key] = sorted(found, key=lambda option: option.label.casefold())
    return options


def facet_totals(corpus: Corpus) -> dict[str, dict[str, int]]:
    """Filter name -> value -> case studies with it: the counts the search page shows before anything
    is chosen, written into the page at build time so opening it loads no filter index."""
    totals: dict[str, dict[str, int]] = {facet.key: {} for facet in FACETS} | {SAVING_FILTER: {}}
    for case_study in corpus.case_studies:
        for key, values in index_filters(case_study).items():
            if key in totals:
                for value in values:
                    totals[key][value] = totals[key].get(value, 0) + 1
    return totals


def year_range(corpus: Corpus) -> list[int]:
    """Every year from the earliest start to the latest, for the year-started range controls."""
    years = [cs.started for cs in corpus.case_studies]
    return list(range(min(years), max(years) + 1)) if years else []


def search_query(**state: Any) -> str:
    """The query string of a search page view: `theme=commercialisation&stage=1&q=energy`.

    Lists become repeated keys (as an HTML form sends them); empty values are left out, so the
    same view always has the same URL.
    """
    pairs: list[tuple[str, str]] = []
    for key, value in state.items():
        values = value if isinstance(value, (list, tuple)) else [value]
        pairs += [(key, str(item)) for item in values if item not in (None, "")]
    return urlencode(pairs)


def template_globals() -> dict[str, Any]:
    """Helpers the page templates call to write search links and compare buttons."""
    return {
        "search_query": search_query,
        "facet_value": slugify,  # a register label's value in the `nation`, `region` and `type` facets
        "compare_min": COMPARE_MIN,
        "compare_max": COMPARE_MAX,
    }
