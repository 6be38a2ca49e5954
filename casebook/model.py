"""Model: turn validated front matter into typed case studies and a corpus with its views."""
from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterable

from casebook.load import SourceFile
from casebook.register import Council, Register
from casebook.taxonomy import Taxonomy, Term


@dataclass(frozen=True)
class Source:
    number: int
    title: str
    url: str
    publisher: str = ""
    date: str = ""
    undated: str = ""  # why no date can be known, when `date` is empty


@dataclass(frozen=True)
class Outcome:
    measure: str
    value: float
    unit: str
    year: int | str
    basis: Term
    kind: Term
    evidence: Term
    source: Source
    # Other sources that independently confirm the figure; None = not yet checked, () = checked, none found.
    confirmed_by: tuple[Source, ...] | None = None
    headline: bool = False

    @property
    def is_annual_saving(self) -> bool:
        """Only achieved annual savings in pounds are summed: other bases, units or targets are not like for like."""
        return self.kind.id == "saving" and self.basis.id == "annual" and self.unit == "GBP" and self.evidence.id != "estimate"


@dataclass(frozen=True)
class CaseStudy:
    slug: str
    path: str
    title: str
    summary: str
    councils: tuple[Council, ...]
    theme: Term
    stage: Term
    status: Term
    started: int
    ended: int | None
    reviewed: datetime.date
    added: datetime.date | None
    sources: tuple[Source, ...]
    outcomes: tuple[Outcome, ...]
    tags: tuple[str, ...]
    stage_reasoning: str
    body: str
    draft: bool
    checked: datetime.date | None = None
    headline_unavailable: str = ""
    services: tuple[Term, ...] = ()  # service areas, in taxonomy order

    @property
    def years(self) -> str:
        if self.ended is None:
            return f"{self.started} onwards"
        return str(self.started) if self.ended == self.started else f"{self.started}–{self.ended}"

    @property
    def annual_saving(self) -> float:
        """Largest annual saving in pounds this case study reports (0 if none): figures for
        different years are alternatives, not parts, so they are never added together."""
        return max((o.value for o in self.outcomes if o.is_annual_saving), default=0)

    @property
    def headline(self) -> Outcome | None:
        """The outcome that reports the theme's headline measure, if one is marked."""
        return next((o for o in self.outcomes if o.headline), None)

    @property
    def has_quantified_saving(self) -> bool:
        return any(o.kind.id == "saving" for o in self.outcomes)


@dataclass(frozen=True)
class Corpus:
    """Every published case study, sorted by slug, with the drafts kept apart."""

    case_studies: tuple[CaseStudy, ...]
    drafts: tuple[CaseStudy, ...]
    taxonomy: Taxonomy

    def by_theme(self) -> dict[Term, list[CaseStudy]]:
        return self._group(lambda cs: [cs.theme], self.taxonomy.themes)

    def by_stage(self) -> dict[Term, list[CaseStudy]]:
        return self._group(lambda cs: [cs.stage], self.taxonomy.stages)

    def by_service(self) -> dict[Term, list[CaseStudy]]:
        """Service areas that have case studies, in taxonomy order."""
        return {term: items for term, items in self._group(lambda cs: list(cs.services), self.taxonomy.services).items() if items}

    def by_council(self) -> dict[Council, list[CaseStudy]]:
        groups: dict[Council, list[CaseStudy]] = defaultdict(list)
        for case_study in self.case_studies:
            for council in case_study.councils:
                groups[council].append(case_study)
        return dict(sorted(groups.items(), key=lambda item: item[0].name.casefold()))

    def matrix(self) -> dict[tuple[Term, Term], list[CaseStudy]]:
        """(theme, stage) -> case studies, for every cell including empty ones."""
        cells = {(theme, stage): [] for theme in self.taxonomy.themes for stage in self.taxonomy.stages}
        for case_study in self.case_studies:
            cells[(case_study.theme, case_study.stage)].append(case_study)
        return cells

    def _group(self, keys: Any, vocabulary: Iterable[Term]) -> dict[Term, list[CaseStudy]]:
        groups: dict[Term, list[CaseStudy]] = {term: [] for term in vocabulary}
        for case_study in self.case_studies:
            for key in keys(case_study):
                groups[key].append(case_study)
        return groups


def _sources(raw: list[dict[str, Any]]) -> tuple[Source, ...]:
    return tuple(
        Source(number, item["title"].strip(), item["url"].strip(), item.get("publisher", "").strip(), str(item.get("date", "")), item.get("undated", "").strip())
        for number, item in enumerate(raw, start=1)
    )


def _outcomes(raw: list[dict[str, Any]], sources: tuple[Source, ...], taxonomy: Taxonomy) -> tuple[Outcome, ...]:
    return tuple(
        Outcome(
            measure=item["measure"].strip(),
            value=item["value"],
            unit=item["unit"].strip(),
            year=item["year"],
            basis=taxonomy.bases.get(item["basis"]),
            kind=taxonomy.outcome_kinds.get(item.get("kind", "other")),
            evidence=taxonomy.evidence_grades.get(item["evidence"]),
            source=sources[item["source"] - 1],
            confirmed_by=tuple(sources[n - 1] for n in item["confirmed_by"]) if "confirmed_by" in item else None,
            headline=item.get("headline", False),
        )
        for item in raw
    )


def build_case_study(source: SourceFile, taxonomy: Taxonomy, register: Register) -> CaseStudy:
    """A CaseStudy from a file that validated without problems."""
    data = source.front_matter or {}
    sources = _sources(data["sources"])
    councils = tuple(dict.fromkeys(register.find(name) for name in data["councils"]))
    return CaseStudy(
        slug=source.slug,
        path=source.path,
        title=data["title"].strip(),
        summary=" ".join(data["summary"].split()),
        councils=councils,  # type: ignore[arg-type]
        theme=taxonomy.themes.get(data["theme"]),
        stage=taxonomy.stages.get(data["stage"]),
        status=taxonomy.statuses.get(data["status"]),
        started=data["started"],
        ended=data.get("ended"),
        reviewed=datetime.date.fromisoformat(data["reviewed"]),
        added=datetime.date.fromisoformat(data["added"]) if "added" in data else None,
        sources=sources,
        outcomes=_outcomes(data.get("outcomes", []), sources, taxonomy),
        tags=tuple(sorted(set(data.get("tags", [])))),
        stage_reasoning=data.get("stage_reasoning", "").strip(),
        body=source.body.strip() + "\n",
        draft=bool(data.get("draft", False)),
        checked=datetime.date.fromisoformat(data["checked"]) if "checked" in data else None,
        headline_unavailable=" ".join(data.get("headline_unavailable", "").split()),
        services=tuple(term for term in taxonomy.services if term.id in data.get("services", [])),
    )


def build_corpus(sources: list[SourceFile], taxonomy: Taxonomy, register: Register) -> Corpus:
    """The corpus of valid files; drafts are kept apart from what is published."""
    case_studies = sorted((build_case_study(s, taxonomy, register) for s in sources), key=lambda cs: cs.slug)
    return Corpus(
        case_studies=tuple(cs for cs in case_studies if not cs.draft),
        drafts=tuple(cs for cs in case_studies if cs.draft),
        taxonomy=taxonomy,
    )
