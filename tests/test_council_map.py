"""The council map (casebook/outputs/council_map.py): one point per council, projected, marked by stage."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from casebook import addresses
from casebook.model import Corpus
from casebook.outputs.council_map import MARKS, CouncilMap, build_map
from casebook.outputs.neighbours import NeighbourTable, get_neighbour_table
from casebook.pipeline import check_content
from casebook.project import PROJECT_ROOT
from casebook.render import render_site
from casebook.siteconfig import read_site_config
from tests.support.variants import vary

REGISTERS = PROJECT_ROOT / "registers"
TABLE: NeighbourTable = get_neighbour_table(REGISTERS / "uk_local_authorities.csv")
SHAPES = {"circle": "circle", "square": "rect", "triangle": "path"}


@pytest.fixture
def corpus(make_corpus, valid_text) -> Corpus:
    """Minimal corpus (Adur + Worthing at stage 1, Nottingham at 2) plus a stage 3 for Worthing and Leeds,
    and a combined authority the register gives no location."""
    files = {
        "worthing-three.md": vary(valid_text, councils=["Worthing Borough Council", "Leeds City Council"], stage=3),
        "deal.md": vary(valid_text, theme="combined-authority", councils=["Cambridgeshire and Peterborough Combined Authority"], stage=2),
    }
    result = check_content(make_corpus(files, corpus="minimal"))
    assert result.problems == [] and result.corpus is not None, result.problems
    return result.corpus


@pytest.fixture
def council_map(corpus: Corpus) -> CouncilMap:
    return build_map(corpus, TABLE, REGISTERS)


def _located(gss: str) -> bool:
    profile = TABLE.profile(gss)
    return bool(profile and profile.lat is not None and profile.long is not None)


def test_one_point_per_council_with_its_highest_stage_and_count(corpus: Corpus, council_map: CouncilMap) -> None:
    groups = corpus.by_council()
    assert [p.council for p in council_map.points] == sorted(groups, key=lambda c: c.name.casefold())
    for point in council_map.points:
        assert point.stage == max(cs.stage.id for cs in groups[point.council])
        assert point.count == len(groups[point.council])
    worthing = next(p for p in council_map.points if p.council.name == "Worthing Borough Council")
    assert (worthing.stage, worthing.count) == (3, 2)


def test_councils_without_coordinates_are_listed_but_not_plotted(council_map: CouncilMap) -> None:
    unplaced = [p for p in council_map.points if not _located(p.council.gss_code)]
    assert [p.council.name for p in unplaced] == ["Cambridgeshire and Peterborough Combined Authority"]
    assert all(p.x is None and p.y is None for p in unplaced)
    assert {p.council for p in council_map.plotted} == {p.council for p in council_map.points if _located(p.council.gss_code)}


def test_points_are_projected_inside_the_view_box_north_up(council_map: CouncilMap) -> None:
    plotted = council_map.plotted
    assert len(plotted) >= 4
    for point in plotted:
        assert 0 <= point.x <= council_map.width and 0 <= point.y <= council_map.height, point.council.name
    by_lat = sorted(plotted, key=lambda p: TABLE.profile(p.council.gss_code).lat)
    assert [p.y for p in by_lat] == sorted((p.y for p in by_lat), reverse=True)  # further north: higher up
    by_long = sorted(plotted, key=lambda p: TABLE.profile(p.council.gss_code).long)
    assert [p.x for p in by_long] == sorted(p.x for p in by_long)  # further east: further right


def test_higher_stages_are_drawn_last(council_map: CouncilMap) -> None:
    stages = [p.stage for p in council_map.plotted]
    assert stages == sorted(stages)


def test_shape_and_colour_both_give_the_stage(council_map: CouncilMap) -> None:
    assert len({shape for shape, _ in MARKS.values()}) == len({colour for _, colour in MARKS.values()}) == len(MARKS)
    assert {p.stage for p in council_map.plotted} == set(MARKS)
    for point in council_map.plotted:
        element = ET.fromstring(point.marker())
        shape, colour = MARKS[point.stage]
        assert (point.shape, point.colour) == (shape, colour)
        assert element.tag == SHAPES[shape] and element.get("fill") == colour


def test_each_marker_is_centred_on_its_point(council_map: CouncilMap) -> None:
    for point in council_map.plotted:
        element = ET.fromstring(point.marker())
        if element.tag == "circle":
            centre = float(element.get("cx")), float(element.get("cy"))
        elif element.tag == "rect":
            centre = float(element.get("x")) + float(element.get("width")) / 2, float(element.get("y")) + float(element.get("height")) / 2
        else:
            xs = [float(n) for n in re.findall(r"[ML]([-\d.]+),", element.get("d"))]
            centre = (min(xs) + max(xs)) / 2, point.y  # the triangle's apex is above the point, its base below
        assert centre[0] == pytest.approx(point.x, abs=0.1) and centre[1] == pytest.approx(point.y, abs=0.1)


def test_the_rendered_map_links_every_point_with_an_accessible_name(corpus: Corpus, council_map: CouncilMap) -> None:
    page = render_site(corpus, PROJECT_ROOT / "templates", read_site_config(PROJECT_ROOT / "mkdocs.yml"))[addresses.COUNCILS]
    svg = re.search(r"<svg[^>]*cb-map__svg.*?</svg>", page, re.S)
    assert svg, "no map on the councils page"
    links = ET.fromstring(svg.group(0)).findall("{http://www.w3.org/2000/svg}a")
    assert [a.get("data-gss") for a in links] == [p.council.gss_code for p in council_map.plotted]
    for a, point in zip(links, council_map.plotted):
        assert a.get("href", "").rstrip("/").endswith(point.council.slug)
        label = a.get("aria-label", "")
        assert label.startswith(point.council.name) and f"stage {point.stage}" in label and str(point.count) in label
    table = re.search(r"<table>.*?</table>", page[svg.end():], re.S)
    assert table and all(p.council.name in table.group(0) for p in council_map.points)
    assert "the register gives no location" in table.group(0)
