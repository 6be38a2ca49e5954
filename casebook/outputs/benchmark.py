"""Where councils stand: the highest 3R stage each council's published case studies reach, per theme.

Derived from published case studies, not a survey. A council's position in a theme is the highest
stage of any published case study in that theme that involves it (an initiative that ended still
counts: the model places what changed, and its status is reported beside it). A council with no
case study in a theme is "not known", never stage 0.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Callable

from casebook.outputs.charts import Cell, Chart, Table, render_bar_svg
from casebook import addresses
from casebook.model import Corpus
from casebook.outputs.neighbours import NeighbourTable
from casebook.register import Council, Register
from casebook.taxonomy import Term, stage_label

NOT_KNOWN = "Not known"

Positions = dict[tuple[Council, str], int]  # (council, theme id) -> highest stage id reached


def positions(corpus: Corpus) -> Positions:
    """(council, theme id) -> the highest stage its published case studies in that theme reach."""
    found: Positions = {}
    for case_study in corpus.case_studies:
        for council in case_study.councils:
            key = (council, case_study.theme.id)
            found[key] = max(found.get(key, 0), case_study.stage.id)
    return found


def councils_counted(corpus: Corpus, register: Register) -> list[Council]:
    """The councils a benchmark counts: every current council in the register, and any in a case study."""
    current = {c for c in register.councils if c.current and c.code}
    return sorted(current | {c for cs in corpus.case_studies for c in cs.councils}, key=lambda c: c.name)


@dataclass(frozen=True)
class ThemeBenchmark:
    theme: Term
    by_type: Table  # rows: council types; columns: each stage, then "Not known"
    by_region: Table
    charts: tuple[Chart, Chart]
    known: int  # councils with a position in this theme


def _table(caption: str, heading: str, groups: dict[str, list[Council]], theme: Term, place: Positions, stages: list[Term]) -> Table:
    rows = []
    for name in sorted(groups):
        counts = Counter(place.get((c, theme.id)) for c in groups[name])
        cells = tuple(Cell(counts[s.id], str(counts[s.id])) for s in stages) + (Cell(counts[None], str(counts[None])),)
        rows.append((name, cells))
    return Table(caption, heading, tuple(stage_label(s) for s in stages) + (NOT_KNOWN,), tuple(rows))


def _chart(chart_id: str, title: str, table: Table) -> Chart:
    """Bars for the known stages only (the not-known counts would dwarf them); the table has all."""
    known_rows = tuple((row, cells[:-1]) for row, cells in table.rows if any(c.value for c in cells[:-1]))
    known = Table(table.caption, table.row_heading, table.columns[:-1], known_rows)
    description = "Councils whose published case studies reach each stage. " + "; ".join(
        f"{row}: " + ", ".join(f"{c.text} at {col}" for col, c in zip(known.columns, cells)) for row, cells in known_rows
    ) + ("." if known_rows else "No council has a case study in this theme yet.")
    return Chart(chart_id, title, description, render_bar_svg(chart_id, title, description, known, 0, grouped=True), known)


def build_benchmarks(corpus: Corpus, register: Register) -> list[ThemeBenchmark]:
    place = positions(corpus)
    counted = councils_counted(corpus, register)
    stages = list(corpus.taxonomy.stages)
    by_type: dict[str, list[Council]] = {}
    by_region: dict[str, list[Council]] = {}
    for council in counted:
        by_type.setdefault(council.type_name or "Type not given", []).append(council)
        by_region.setdefault(council.region or council.nation or "Region not given", []).append(council)
    result = []
    for theme in corpus.taxonomy.themes:
        t_type = _table(f"{theme.name}: councils by highest stage reached, by council type", "Council type", by_type, theme, place, stages)
        t_region = _table(f"{theme.name}: councils by highest stage reached, by nation or region", "Nation or region", by_region, theme, place, stages)
        charts = (
            _chart(f"bench-{theme.slug}-type", f"{theme.name}: stage reached by council type", t_type),
            _chart(f"bench-{theme.slug}-region", f"{theme.name}: stage reached by nation or region", t_region),
        )
        known = sum(1 for (c, t) in place if t == theme.id)
        result.append(ThemeBenchmark(theme, t_type, t_region, charts, known))
    return result


@dataclass(frozen=True)
class NeighbourPosition:
    """One theme on a council page: the council's own position and its ten nearest neighbours'."""

    theme: Term
    own: int | None
    neighbours: list[tuple[str, str, int | None]]  # (GSS code, name, stage or None for not known)

    def count(self, stage: int | None) -> int:
        return sum(1 for _, _, s in self.neighbours if s == stage)


def neighbour_positions(council: Council, corpus: Corpus, table: NeighbourTable, by_gss: dict[str, Council], place: Positions) -> list[NeighbourPosition]:
    """For each theme, `council`'s position beside each of its nearest neighbours' (by GSS code); `place` is positions(corpus)."""
    stage_of: Callable[[str, str], int | None] = lambda gss, theme: place.get((by_gss[gss], theme)) if gss in by_gss else None
    rows = []
    for theme in corpus.taxonomy.themes:
        others = [(n.profile.gss_code, n.profile.name, stage_of(n.profile.gss_code, theme.id)) for n in table.neighbours(council.gss_code)]
        rows.append(NeighbourPosition(theme, place.get((council, theme.id)), others))
    return rows


INDEX_BENCHMARK = addresses.BENCHMARK


def render_benchmark_page(renderer, register: Register, council_map=None, published=()) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The benchmark page: per theme, a chart and a table by council type and by nation or region."""
    corpus: Corpus = renderer.corpus
    path, page = renderer.render(
        "benchmark.md.j2", INDEX_BENCHMARK, "Benchmark: where councils stand",
        "How many councils have reached each stage of the 3R model, by theme, council type and region, from published case studies.",
        benchmarks=build_benchmarks(corpus, register), counted=len(councils_counted(corpus, register)), map=council_map,
        published=list(published),
    )
    return {path: page}
