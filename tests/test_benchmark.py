"""The benchmark (positions from case studies) and the council map, on the shipped corpus."""
from __future__ import annotations

import re
import urllib.request

import pytest

from casebook.outputs.benchmark import NOT_KNOWN, build_benchmarks, councils_counted, positions
from casebook.outputs.council_map import build_map
from casebook.outputs.neighbours import get_neighbour_table
from casebook.pipeline import check_content
from casebook.register import get_register
from casebook.project import get_paths

PATHS = get_paths()


@pytest.fixture(scope="module")
def corpus():
    result = check_content(PATHS)
    assert result.corpus is not None, result.problems
    return result.corpus


def test_a_position_is_the_highest_stage_of_the_councils_case_studies_in_the_theme(corpus) -> None:
    place = positions(corpus)
    for (council, theme), stage in place.items():
        stages = [cs.stage.id for cs in corpus.case_studies if cs.theme.id == theme and council in cs.councils]
        assert stage == max(stages)


def test_every_counted_council_is_in_exactly_one_column_of_each_table(corpus) -> None:
    register = get_register(PATHS.registers)
    counted = councils_counted(corpus, register)
    place = positions(corpus)
    for bench in build_benchmarks(corpus, register):
        assert bench.by_type.columns[-1] == NOT_KNOWN
        for table in (bench.by_type, bench.by_region):
            assert sum(cell.value for _, cells in table.rows for cell in cells) == len(counted)
            not_known = sum(cells[-1].value for _, cells in table.rows)
            assert not_known == len(counted) - sum(1 for (c, t) in place if t == bench.theme.id)
        assert bench.known == sum(1 for (c, t) in place if t == bench.theme.id)


def test_the_map_has_one_point_per_council_with_coordinates(corpus) -> None:
    table = get_neighbour_table(PATHS.registers / "uk_local_authorities.csv")
    council_map = build_map(corpus, table, PATHS.registers)
    assert {p.council for p in council_map.points} == set(corpus.by_council())
    located = [c for c in corpus.by_council() if (p := table.profile(c.gss_code)) and p.lat is not None]
    assert len(council_map.plotted) == len(located)
    for point in council_map.plotted:
        assert 0 <= point.x <= council_map.width and 0 <= point.y <= council_map.height, point.council.name


@pytest.mark.slow
@pytest.mark.parametrize("page", ["benchmark/", "councils/"])
def test_the_built_map_links_one_point_per_located_council(built_site, page: str) -> None:
    with urllib.request.urlopen(built_site.url(page), timeout=10) as response:
        html = response.read().decode("utf-8")
    table = get_neighbour_table(built_site.paths.registers / "uk_local_authorities.csv")
    councils = built_site.corpus.by_council()
    located = {c.gss_code for c in councils if (p := table.profile(c.gss_code)) and p.lat is not None}
    points = re.findall(r'<a href="[^"]+" class="cb-map__point" data-gss="([^"]*)" data-stage="(\d)" aria-label="([^"]+)"', html)
    assert sorted(gss for gss, _, _ in points) == sorted(located)
    assert all(label.strip() for _, _, label in points)
    assert len(re.findall(r'<tr data-gss="', html)) == len(councils)  # the same data as a table, every council
