"""Nearest-neighbour councils: the distance on hand-checked examples, and the register as shipped."""
from __future__ import annotations

import math

import pytest

from casebook.outputs.neighbours import (
    NEIGHBOUR_COUNT,
    Profile,
    distance,
    get_neighbour_table,
    nearest_neighbours,
    reasons,
)
from casebook.project import PROJECT_ROOT

REGISTER_CSV = PROJECT_ROOT / "registers" / "uk_local_authorities.csv"


def _council(gss: str, population: float, area: float, type_code: str = "NMD", region: str = "South East", name: str = "") -> Profile:
    return Profile(gss, name or gss, type_code, type_code, region, "England", population, area, None, None, True)


def test_distance_adds_log_ratios_of_population_and_density() -> None:
    # Twice the people on the same land: ln 2 for population plus ln 2 for density.
    a, b = _council("A", 100_000, 100), _council("B", 200_000, 100)
    assert distance(a, b) == pytest.approx(2 * math.log(2))
    assert distance(b, a) == distance(a, b)  # symmetric


def test_distance_adds_fixed_weights_for_type_and_region() -> None:
    a = _council("A", 100_000, 100)
    assert distance(a, _council("B", 100_000, 100, type_code="UA")) == pytest.approx(0.5)
    assert distance(a, _council("C", 100_000, 100, region="London")) == pytest.approx(0.25)
    assert distance(a, _council("D", 100_000, 100, type_code="LBO", region="London")) == pytest.approx(0.75)


def test_ranking_puts_the_same_tier_first_then_distance_then_name() -> None:
    a = _council("A", 100_000, 100)
    near = _council("F", 110_000, 110)  # same density, 10% more people: ln 1.1 = 0.095
    other_region = _council("C", 100_000, 50, region="London")  # ln 2 + 0.25 = 0.943
    bigger = _council("B", 200_000, 100)  # 2 ln 2 = 1.386
    county = _council("D", 100_000, 100, type_code="CTY", name="County")  # distance 0.5, but another tier
    unitary = _council("E", 100_000, 100, type_code="UA", name="Borough")  # 0.5 too, another tier; B before C
    order = [n.profile.gss_code for n in nearest_neighbours(a, [a, county, unitary, bigger, other_region, near])]
    assert order == ["F", "C", "B", "E", "D"]


def test_hand_checked_pair_from_the_register() -> None:
    # Adur: 64,187 people on 42 km2; Hastings: 92,554 on 30 km2 (register, 2020), both South East districts.
    # ln(92554/64187) = 0.3660; densities 1528.3 and 3085.1 per km2, ln(3085.1/1528.3) = 0.7025; total 1.0685.
    table = get_neighbour_table(REGISTER_CSV)
    adur, hastings = table.profile("E07000223"), table.profile("E07000062")
    assert adur and hastings and hastings.name == "Hastings Borough Council"
    assert distance(adur, hastings) == pytest.approx(1.0685, abs=1e-4)


def test_reasons_are_plain_words() -> None:
    a = _council("A", 100_000, 100)
    assert reasons(a, _council("F", 110_000, 110)) == ("same type", "similar population", "similar density", "same region")
    assert reasons(a, _council("U", 300_000, 100, type_code="UA", region="London")) == ("another tier",)
    assert reasons(a, _council("L", 100_000, 100, type_code="CTY")) == ("another tier", "similar population", "similar density", "same region")


def test_a_council_the_register_cannot_place_has_no_neighbours() -> None:
    unknown = _council("X", 0, 0)
    assert nearest_neighbours(unknown, [_council("A", 100_000, 100)]) == []


def test_former_councils_are_never_neighbours() -> None:
    a = _council("A", 100_000, 100)
    former = Profile("Z", "Former", "NMD", "NMD", "South East", "England", 100_000, 100, None, None, False)
    assert nearest_neighbours(a, [former]) == []


def test_every_comparable_current_council_in_the_register_has_ten_neighbours_of_its_tier() -> None:
    table = get_neighbour_table(REGISTER_CSV)
    placed = [p for p in table.candidates if p.current and p.comparable]
    assert len(placed) > 390
    for council in placed:
        found = table.neighbours(council.gss_code)
        assert len(found) == NEIGHBOUR_COUNT, council.name
        assert council.gss_code not in {n.profile.gss_code for n in found}
        if council.tier in ("district", "single-tier", "county"):  # tiers with more than ten members
            assert all(n.profile.tier == council.tier for n in found), council.name
        distances = [n.distance for n in found if n.profile.tier == council.tier]
        assert distances == sorted(distances), council.name
