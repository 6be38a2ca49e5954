"""Each case study's headline figure: its theme's like-for-like measure (taxonomy `headline_measure`).

One figure per case study, the outcome marked `headline: true`, so the matrix, the charts, the
compare page and the open data compare like with like within a theme. A net return is signed (a
loss, an outcome of kind `cost`, counts as negative), and devolved funding is also shown per
resident where the council register gives the area's population. Nothing is summed across
themes, and no figure is worked out from other figures: per resident is a plain division, labelled.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from casebook.model import CaseStudy, Outcome
from casebook.taxonomy import HeadlineMeasure

PER_RESIDENT_MEASURES = {"devolved-funding"}
NONE_REPORTED = "None reported"


@dataclass(frozen=True)
class Headline:
    measure: HeadlineMeasure
    outcome: Outcome
    value: float  # signed: a net loss is negative
    population: int | None  # residents the per-resident figure divides by, where known

    @property
    def per_resident(self) -> float | None:
        return self.value / self.population if self.population else None

    @property
    def text(self) -> str:
        from casebook.render import format_value  # imported here: render imports the outputs

        return format_value(self.value, self.outcome.unit)

    @property
    def per_resident_text(self) -> str:
        return f"£{self.per_resident:,.2f} per resident" if self.per_resident is not None else ""

    @property
    def summary(self) -> str:
        """`£40,000,000 (£13.82 per resident), Council-reported` as one line."""
        per = f" ({self.per_resident_text})" if self.per_resident_text else ""
        return f"{self.text}{per}, {self.outcome.evidence.name}"


def headline_of(case_study: CaseStudy) -> Headline | None:
    """The case study's headline figure, or None where it marks none (it then says why)."""
    measure, outcome = case_study.theme.headline_measure, case_study.headline
    if measure is None or outcome is None:
        return None
    value = -abs(outcome.value) if outcome.kind.id == "cost" else outcome.value
    population = area_population(case_study) if measure.id in PER_RESIDENT_MEASURES else None
    return Headline(measure, outcome, value, population)


def area_population(case_study: CaseStudy) -> int | None:
    """The combined authority's population if the register gives it, else its councils' added
    together when every one is known (listing both would count residents twice)."""
    authorities = [c.population for c in case_study.councils if "combined" in c.type_name.casefold()]
    if any(authorities):
        return max(p for p in authorities if p)
    populations = [c.population for c in case_study.councils]
    return sum(populations) if populations and all(populations) else None  # type: ignore[arg-type]


def cell_headlines(items: list[CaseStudy]) -> str:
    """What a matrix cell says about its case studies' headline figures: how many report one."""
    if not items:
        return ""
    count = sum(1 for cs in items if headline_of(cs) is not None)
    return f"{count} of {len(items)} report it" if count else NONE_REPORTED


def headline_text(case_study: CaseStudy) -> str:
    """What the compare page and search show: the figure, or "None reported"."""
    headline = headline_of(case_study)
    return headline.summary if headline else NONE_REPORTED


# Open data (casebook/outputs/export.py): the headline of each case study in casestudies.json.
HEADLINE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["measure", "outcome", "value", "unit", "per_resident", "population"],
    "description": "The theme's headline measure as this case study reports it (null: none, see headline_unavailable).",
    "properties": {
        "measure": {"type": "string", "description": "Id of the theme's headline measure in the taxonomy."},
        "outcome": {"type": "integer", "minimum": 1, "description": "Which outcome gives it (1 = first)."},
        "value": {"type": "number", "description": "The figure; a net loss is negative."},
        "unit": {"type": "string"},
        "per_resident": {"type": ["number", "null"], "description": "value divided by population, where the measure is shown per resident."},
        "population": {"type": ["integer", "null"], "description": "The council register's 2020 population of the area, where known."},
    },
}


def headline_record(cs: CaseStudy) -> dict[str, Any] | None:
    """The headline as open data (casestudies.json), or None."""
    h = headline_of(cs)
    if h is None:
        return None
    return {
        "measure": h.measure.id, "outcome": cs.outcomes.index(h.outcome) + 1, "value": h.value, "unit": h.outcome.unit,
        "per_resident": h.per_resident, "population": h.population,
    }
