"""The map of councils with case studies: an inline SVG of the UK with one linked point per council.

The outline is registers/uk_outline.json (Natural Earth, derived once by scripts/derive_uk_outline.py);
each point sits at the council's register coordinates, projected as the outline was. A point's
colour AND its shape give the highest 3R stage the council's case studies reach (circle, square,
triangle), so colour is never the only cue, and each point is a link with an accessible name.
The same data is given as a table; councils the register gives no coordinates are listed there only.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from casebook.model import Corpus
from casebook.outputs.neighbours import NeighbourTable
from casebook.register import Council

OUTLINE_FILE = "uk_outline.json"
# Stage -> (shape, colour). Colours are at least 3:1 on white and on the grey land (WCAG 1.4.11).
MARKS = {1: ("circle", "#1a5fb4"), 2: ("square", "#8f4700"), 3: ("triangle", "#26734d")}
SIZE = 4.2


@dataclass(frozen=True)
class MapPoint:
    council: Council
    stage: int  # highest stage of any of its case studies
    count: int  # its case studies
    x: float | None  # None: the register gives no coordinates
    y: float | None

    @property
    def shape(self) -> str:
        return MARKS.get(self.stage, MARKS[1])[0]

    @property
    def colour(self) -> str:
        return MARKS.get(self.stage, MARKS[1])[1]

    def marker(self) -> str:
        """The SVG shape of the point (safe markup: numbers only)."""
        x, y, r = self.x or 0.0, self.y or 0.0, SIZE
        if self.shape == "circle":
            return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{self.colour}" stroke="#fff" stroke-width="1"/>'
        if self.shape == "square":
            return f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}" fill="{self.colour}" stroke="#fff" stroke-width="1"/>'
        h = r * 1.2
        return f'<path d="M{x:.1f},{y - h:.1f}L{x + h:.1f},{y + h * 0.8:.1f}L{x - h:.1f},{y + h * 0.8:.1f}Z" fill="{self.colour}" stroke="#fff" stroke-width="1"/>'


@dataclass(frozen=True)
class CouncilMap:
    width: float
    height: float
    outline: str  # SVG path data (numbers and letters only, from our own file)
    points: list[MapPoint]  # every council with case studies, by name
    source: str

    @property
    def plotted(self) -> list[MapPoint]:
        """Points with coordinates, higher stages last so they are drawn on top of lower ones."""
        return sorted((p for p in self.points if p.x is not None), key=lambda p: (p.stage, p.council.name.casefold()))


def _project(outline: dict, lat: float, lon: float) -> tuple[float, float]:
    p = outline["projection"]
    cos0 = math.cos(math.radians(p["lat0"]))
    return p["pad"] + (lon - p["lon_min"]) * cos0 * p["scale"], p["pad"] + (p["lat_max"] - lat) * p["scale"]


def build_map(corpus: Corpus, table: NeighbourTable, registers: Path) -> CouncilMap:
    outline = json.loads((registers / OUTLINE_FILE).read_text(encoding="utf-8"))
    points = []
    for council, items in corpus.by_council().items():
        profile = table.profile(council.gss_code)
        xy = _project(outline, profile.lat, profile.long) if profile and profile.lat is not None and profile.long is not None else (None, None)
        points.append(MapPoint(council, max(cs.stage.id for cs in items), len(items), *xy))
    points.sort(key=lambda p: p.council.name.casefold())
    return CouncilMap(outline["width"], outline["height"], outline["path"], points, outline["source"])
