"""Evidence checks: source addresses, second sources (`confirmed_by`) and the theme's headline measure.

Kept apart from validate.py, which checks the schema and the register: these rules read the
front matter as a whole (an outcome against the sources list, the theme's measure, the other
outcomes), and each returns (key path, message) pairs for the validator to place and word.
"""
from __future__ import annotations

from typing import Any, Iterator

from casebook.load import KeyPath
from casebook.source_rules import get_source_rules, source_findings
from casebook.taxonomy import Taxonomy

Finding = tuple[KeyPath, str]
ABOVE_CLOSING_FENCE = " above the closing `---`"  # where a missing field goes (the issue form has no `---`)


def evidence_findings(data: dict[str, Any], taxonomy: Taxonomy, bad_fields: set[str]) -> list[Finding]:
    """Every problem with source addresses, `confirmed_by`, `headline` and `headline_unavailable` in one file."""
    # Where the schema has already said what is wrong, cross-checks would only add noise.
    findings = [] if "sources" in bad_fields else source_findings(data, get_source_rules())
    if "sources" not in bad_fields and data.get("draft") is not True:  # a draft may find its dates later
        findings += _date_findings(data["sources"])
    if {"outcomes", "sources", "theme", "headline_unavailable"} & bad_fields:
        return findings
    outcomes = data.get("outcomes", [])
    findings += _confirmation_findings(outcomes, len(data["sources"]))
    findings += _headline_findings(data, outcomes, taxonomy)
    findings += _missing_headline_findings(data, outcomes, taxonomy)
    return findings


def _date_findings(sources: list[dict[str, Any]]) -> list[Finding]:
    """Each source gives its publication date, or says in `undated` why none can be known."""
    findings: list[Finding] = []
    for index, source in enumerate(sources):
        if "date" not in source and "undated" not in source:
            findings.append((("sources", index, "date"), (
                "is required; give when it was published (YYYY, YYYY-MM or YYYY-MM-DD), or if no date can be known "
                "say why in `undated` (e.g. `undated: \"living web page, no publication date\"`)"
            )))
        elif "date" in source and "undated" in source:
            findings.append((("sources", index, "undated"), "the source has a `date`, so it is not undated; remove this field"))
    return findings


def _confirmation_findings(outcomes: list[dict[str, Any]], count: int) -> Iterator[Finding]:
    for index, outcome in enumerate(outcomes):
        for position, number in enumerate(outcome.get("confirmed_by", [])):
            key_path = ("outcomes", index, "confirmed_by", position)
            if number > count:
                yield key_path, f"{number} points past the last source; use a number from 1 to {count}"
            elif number == outcome["source"]:
                yield key_path, f"{number} is this figure's own `source`; list only other sources that confirm it independently"


def _headline_findings(data: dict[str, Any], outcomes: list[dict[str, Any]], taxonomy: Taxonomy) -> list[Finding]:
    measure = taxonomy.themes.get(data["theme"]).headline_measure
    marked = [index for index, outcome in enumerate(outcomes) if outcome.get("headline") is True]
    findings: list[Finding] = []
    for index in marked:
        key_path = ("outcomes", index, "headline")
        outcome = outcomes[index]
        if measure is None:
            findings.append((key_path, f"theme `{data['theme']}` declares no headline measure; remove `headline`"))
        elif (outcome["unit"], outcome["basis"]) != (measure.unit, measure.basis):
            findings.append((key_path, (
                f"the theme's headline measure ({measure.name}) is {measure.unit}, {measure.basis}; this figure is "
                f"{outcome['unit']}, {outcome['basis']}: mark the figure that matches, or remove `headline` and say why in `headline_unavailable`"
            )))
    for index in marked[1:]:
        findings.append((("outcomes", index, "headline"), f"outcome {marked[0] + 1} is already the headline; only one outcome may have `headline: true`"))
    if marked and "headline_unavailable" in data:
        findings.append((("headline_unavailable",), f"outcome {marked[0] + 1} has `headline: true`, so the headline is available; remove this field"))
    return findings


def _missing_headline_findings(data: dict[str, Any], outcomes: list[dict[str, Any]], taxonomy: Taxonomy) -> list[Finding]:
    """A published case study reports its theme's headline measure or says why it cannot (drafts may wait)."""
    measure = taxonomy.themes.get(data["theme"]).headline_measure
    if measure is None or data.get("draft") is True or "headline_unavailable" in data:
        return []
    if any(outcome.get("headline") is True for outcome in outcomes):
        return []
    return [(("headline_unavailable",), (
        f"is required when no outcome has `headline: true`; mark the outcome that reports the theme's headline measure "
        f"({measure.name}: {measure.unit}, {measure.basis}) with `headline: true`, or add "
        f"`headline_unavailable: \"why no public figure exists\"`{ABOVE_CLOSING_FENCE}"
    ))]
