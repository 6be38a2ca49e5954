"""Charts for the "Outcomes at a glance" page: figures from the corpus, drawn as accessible SVG.

No chart library: each chart is a small hand-written SVG (role="img", <title> and <desc>),
scaled by its viewBox to any width, with the same figures as an HTML table beside it. Every
chart is built from one `Table`, so the picture and the table cannot disagree.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Callable
from xml.sax.saxutils import escape, quoteattr

from casebook.model import Corpus
from casebook.outputs.headlines import NONE_REPORTED, PER_RESIDENT_MEASURES, headline_of
from casebook.taxonomy import Term, stage_label

# Geometry in viewBox units. At a 375px phone the 420-unit width shrinks by about 0.8, so
# 15-unit text stays about 12px; CSS caps the width on wide screens.
WIDTH = 420
PAD = 8
FONT = 15
BAR_HEIGHT = 16
CHAR_WIDTH = 0.6 * FONT  # a generous average for the system sans-serif fonts

# Colours with their contrast on white (the page background): text uses currentColor (the
# page's own text colour); bars need 3:1 as graphics (WCAG 1.4.11), these exceed 4.5:1.
COLOUR_BAR = "#3f51b5"  # indigo, the theme's primary colour: 6.9:1
COLOUR_ENDED = "#b3261e"  # red: 6.5:1
COLOUR_AXIS = "#595959"  # grey: 7:1

Money = Callable[[float], str]


@dataclass(frozen=True)
class Cell:
    value: float
    text: str


@dataclass(frozen=True)
class Table:
    """The figures of one chart: a row header and one cell per column for each row."""

    caption: str
    row_heading: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[Cell, ...]], ...]

    def cells(self) -> dict[tuple[str, str], Cell]:
        """(row, column) -> cell, the key the SVG marks draw their data-key from."""
        return {(row, column): cell for row, cells in self.rows for column, cell in zip(self.columns, cells)}


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    svg: str
    table: Table


# --- Figures from the model ------------------------------------------------------------------


def count_by_theme_and_stage(corpus: Corpus) -> dict[tuple[Term, Term], int]:
    """Number of published case studies in each theme x stage cell (empty cells included)."""
    return {cell: len(items) for cell, items in corpus.matrix().items()}


def initiatives_by_year(corpus: Corpus) -> list[tuple[int, int, int]]:
    """(year, started, ended) for every year from the first start to the last start or end."""
    started = Counter(cs.started for cs in corpus.case_studies)
    ended = Counter(cs.ended for cs in corpus.case_studies if cs.ended is not None)
    years = list(started) + list(ended)
    if not years:
        return []
    return [(year, started[year], ended[year]) for year in range(min(years), max(years) + 1)]


# --- Tables ----------------------------------------------------------------------------------


def _count(value: int) -> Cell:
    return Cell(value, str(value))


def table_theme_stage(corpus: Corpus) -> Table:
    counts = count_by_theme_and_stage(corpus)
    stages = tuple(corpus.taxonomy.stages)
    rows = tuple((theme.name, tuple(_count(counts[(theme, stage)]) for stage in stages)) for theme in corpus.taxonomy.themes)
    return Table("Number of case studies by theme and 3R stage", "Theme", tuple(stage_label(s) for s in stages), rows)


def table_headlines(corpus: Corpus, theme: Term, money: Money) -> Table:
    """One row per case study that reports the theme's headline measure, largest first."""
    measure = theme.headline_measure
    assert measure is not None
    found = [(cs, h) for cs in corpus.by_theme()[theme] if (h := headline_of(cs)) is not None]
    per_resident = measure.id in PER_RESIDENT_MEASURES
    rows = []
    for cs, h in sorted(found, key=lambda pair: (-(pair[1].per_resident or 0) if per_resident else -pair[1].value, pair[0].slug)):
        per = Cell(h.per_resident or 0, h.per_resident_text.removesuffix(" per resident") or "not known") if per_resident else None
        cells = (Cell(h.value, money(h.value)),) + ((per,) if per else ()) + (Cell(0, f"{h.outcome.year}, {h.outcome.evidence.name}"),)
        rows.append((short_title(cs.title), cells))
    columns = (measure.name,) + (("Per resident",) if per_resident else ()) + ("Year and evidence",)
    caption = f"{theme.name}: {measure.name.lower()}, one figure per case study" + ("" if rows else f" ({NONE_REPORTED.lower()})")
    return Table(caption, "Case study", columns, tuple(rows))


def short_title(title: str) -> str:
    """The part of a title before its colon ("Bristol Energy"), which fits a chart label."""
    head = title.split(":")[0].strip()
    return head if len(head) <= 40 else head[:39] + "…"


def table_timeline(corpus: Corpus) -> Table:
    rows = tuple((str(year), (_count(s), _count(e))) for year, s, e in initiatives_by_year(corpus) if s or e)
    return Table("Initiatives started and ended, by year (years with neither are left out)", "Year", ("Started", "Ended"), rows)


# --- SVG -------------------------------------------------------------------------------------


def _text(x: float, y: float, content: str, extra: str = "") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" font-size="{FONT}" fill="currentColor"{extra}>{escape(content)}</text>'


def _svg(chart_id: str, title: str, description: str, height: float, marks: list[str]) -> str:
    """An SVG that scales to its container, announced as one image with a title and description."""
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc"'
        f' viewBox="0 0 {WIDTH} {math.ceil(height)}" width="100%" class="cb-chart__svg"'
        ' font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif">'
    )
    labels = f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(description)}</desc>'
    return "\n".join([head + labels, *marks, "</svg>"])


def _number(value: float) -> str:
    """A value written in full (6400000, not 6.4e+06), so it can be read back exactly."""
    return f"{value:.0f}" if float(value).is_integer() else repr(float(value))


def _bar(key: str, x: float, y: float, width: float, height: float, colour: str, value: float) -> str:
    return (
        f'<rect data-key={quoteattr(key)} data-value="{_number(value)}" x="{x:.1f}" y="{y:.1f}"'
        f' width="{width:.1f}" height="{height:g}" fill="{colour}"/>'
    )


def render_bar_svg(chart_id: str, title: str, description: str, table: Table, column: int, grouped: bool) -> str:
    """Horizontal bars, label above each bar, value after it (fits a phone without rotated text).

    `grouped`: each table row is a group headed by its name, with one bar per column;
    otherwise one bar per row, for the given column.
    """
    pairs = [(row, col) for row, _ in table.rows for col in table.columns] if grouped else [(row, table.columns[column]) for row, _ in table.rows]
    cells = table.cells()
    longest = max((len(cells[p].text) for p in pairs), default=1)
    scale_max = max((abs(cells[p].value) for p in pairs), default=0) or 1
    bar_room = WIDTH - 2 * PAD - longest * CHAR_WIDTH - 6
    marks: list[str] = []
    y = PAD
    for index, (row, col) in enumerate(pairs):
        if grouped and (index == 0 or pairs[index - 1][0] != row):
            marks.append(_text(PAD, y + FONT, row, ' font-weight="700"'))
            y += FONT + 10
        marks.append(_text(PAD, y + FONT, col if grouped else row))
        y += FONT + 5
        cell = cells[(row, col)]
        width = bar_room * abs(cell.value) / scale_max  # a loss is drawn as long as a gain, in red
        marks.append(_bar(f"{row}|{col}", PAD, y, width, BAR_HEIGHT, COLOUR_BAR if cell.value >= 0 else COLOUR_ENDED, cell.value))
        marks.append(_text(PAD + width + 6, y + BAR_HEIGHT - 3, cell.text))
        y += BAR_HEIGHT + 12
    return _svg(chart_id, title, description, y + PAD, marks)


def _tick_step(largest: int) -> int:
    """Whole-number axis steps, at most about five ticks."""
    return max(1, math.ceil(largest / 5))


def _year_step(slot: float) -> int:
    """Label every 1, 2, 5 or 10 years so four-digit labels do not overlap."""
    needed = 4 * CHAR_WIDTH * 0.8 + 4
    return next((step for step in (1, 2, 5, 10, 20) if step * slot >= needed), 50)


def render_timeline_svg(chart_id: str, title: str, description: str, years: list[tuple[int, int, int]]) -> str:
    """Columns per year: started rise above the axis, ended hang below it (told apart by position,
    not only by colour)."""
    # `right` leaves room for half a year label centred under the last column.
    left, right, top, label_room = 34, WIDTH - 2 * CHAR_WIDTH, PAD + FONT + 12, FONT + 10
    largest = max([max(s, e) for _, s, e in years] + [1])
    half = 90.0
    axis_y = top + half
    slot = (right - left) / max(len(years), 1)
    unit = half / (math.ceil(largest / _tick_step(largest)) * _tick_step(largest))
    marks = [_text(PAD, PAD + FONT, "Above the line: started. Below the line: ended.")]
    marks += _axis_ticks(left, right, axis_y, unit, largest)
    for index, (year, started, ended) in enumerate(years):
        x = left + index * slot + slot * 0.15
        if started:
            marks.append(_bar(f"{year}|Started", x, axis_y - started * unit, slot * 0.7, started * unit, COLOUR_BAR, started))
        if ended:
            marks.append(_bar(f"{year}|Ended", x, axis_y, slot * 0.7, ended * unit, COLOUR_ENDED, ended))
        if year % _year_step(slot) == 0:
            marks.append(_text(x + slot * 0.35, axis_y + half + label_room, str(year), ' text-anchor="middle"'))
    marks.append(f'<line x1="{left}" x2="{right:g}" y1="{axis_y:g}" y2="{axis_y:g}" stroke="{COLOUR_AXIS}" stroke-width="1.5"/>')
    return _svg(chart_id, title, description, axis_y + half + label_room + PAD, marks)


def _axis_ticks(left: float, right: float, axis_y: float, unit: float, largest: int) -> list[str]:
    """Gridlines with whole-number labels, mirrored above (started) and below (ended) the axis."""
    step = _tick_step(largest)
    marks: list[str] = []
    for value in range(step, math.ceil(largest / step) * step + 1, step):
        for y in (axis_y - value * unit, axis_y + value * unit):
            marks.append(f'<line x1="{left}" x2="{right:g}" y1="{y:g}" y2="{y:g}" stroke="{COLOUR_AXIS}" stroke-width="0.5" stroke-dasharray="2 3"/>')
            marks.append(_text(left - 6, y + FONT / 3, str(value), ' text-anchor="end"'))
    return marks


# --- Charts ----------------------------------------------------------------------------------


def _describe(table: Table, column: int = 0) -> str:
    """A one-sentence reading of a table column, for the SVG <desc>."""
    return "; ".join(f"{row}: {cells[column].text}" for row, cells in table.rows) + "."


def chart_theme_stage(corpus: Corpus) -> Chart:
    table = table_theme_stage(corpus)
    description = "; ".join(
        f"{row}: " + ", ".join(f"{cell.text} at {col}" for col, cell in zip(table.columns, cells)) for row, cells in table.rows
    ) + "."
    title = "Case studies by theme and 3R stage"
    return Chart("chart-theme-stage", title, description, render_bar_svg("chart-theme-stage", title, description, table, 0, grouped=True), table)


def chart_headlines(corpus: Corpus, theme: Term, money: Money) -> Chart:
    """A theme's headline measure, one bar per case study; no picture when none reports it."""
    table = table_headlines(corpus, theme, money)
    measure = theme.headline_measure
    assert measure is not None
    column = 1 if measure.id in PER_RESIDENT_MEASURES else 0
    chart_id, title = f"chart-headline-{theme.slug}", f"{theme.name}: {measure.name.lower()}"
    if not table.rows:
        return Chart(chart_id, title, f"{NONE_REPORTED}.", "", table)
    description = f"{measure.name} reported by each case study. " + _describe(table, column)
    return Chart(chart_id, title, description, render_bar_svg(chart_id, title, description, table, column, grouped=False), table)


def chart_timeline(corpus: Corpus) -> Chart:
    table = table_timeline(corpus)
    years = initiatives_by_year(corpus)
    span = f"from {years[0][0]} to {years[-1][0]}" if years else "none yet"
    description = f"Initiatives started and ended each year, {span}. " + "; ".join(
        f"{row}: {cells[0].text} started, {cells[1].text} ended" for row, cells in table.rows
    ) + "."
    title = "Initiatives over time"
    return Chart("chart-timeline", title, description, render_timeline_svg("chart-timeline", title, description, years), table)


def build_charts(corpus: Corpus, money: Money) -> list[Chart]:
    """Every chart of the page, in page order; `money` formats pounds as the rest of the site does."""
    headlines = [chart_headlines(corpus, theme, money) for theme in corpus.taxonomy.themes if theme.headline_measure]
    return [chart_theme_stage(corpus), *headlines, chart_timeline(corpus)]
