"""Council matching: the names councils use for themselves find their register entry."""
from __future__ import annotations

import re

import pytest

from casebook.register import core_name, get_register
from casebook.project import PROJECT_ROOT

REGISTER = get_register(PROJECT_ROOT / "registers")


@pytest.mark.parametrize(("typed", "expected"), [
    ("Hart Council", "Hart District Council"),
    ("Greenwich Council", "Royal Borough of Greenwich"),
    ("Barnet Council", "London Borough of Barnet"),
    ("Wigan Council", "Wigan Metropolitan Borough Council"),
    ("Sheffield Metropolitan Borough Council", "Sheffield City Council"),
    ("Edinburgh Council", "City of Edinburgh Council"),
    ("Westminster City Council", "City of Westminster"),
    ("King's Lynn & West Norfolk Council", "Borough Council of Kings Lynn and West Norfolk"),
])
def test_titles_are_ignored_when_matching(typed: str, expected: str) -> None:
    assert REGISTER.suggest(typed) == [expected]


def test_core_name_drops_titles_and_punctuation() -> None:
    assert core_name("Royal Borough of Kingston-upon-Thames") == "kingston upon thames"
    assert core_name("Armagh City, Banbridge and Craigavon Borough Council") == "armagh banbridge and craigavon"


def test_misspelt_name_still_suggests_the_nearest_councils() -> None:
    assert REGISTER.suggest("Adur Distrct Council")[0] == "Adur District Council"
    assert REGISTER.suggest("Worthing Borugh Council")[0] == "Worthing Borough Council"


def test_every_register_name_in_its_common_forms_matches_its_council_first() -> None:
    """Each council's nice name, "<nice name> Council" and official name offer that council first;
    a former council may only give way to a current one that took over the name."""
    wrong = []
    for council in REGISTER.councils:
        for typed in (council.short_name, f"{council.short_name} Council", council.name):
            first = REGISTER.match(typed)[0]
            if first != council and not (first.current and not council.current):
                wrong.append(f"{typed!r} -> {first.name!r}, not {council.name!r}")
    assert wrong == []
    assert len(REGISTER.councils) > 450


def test_register_labels_are_plain_names_fit_for_facets() -> None:
    """Types, regions and nations label search facets: a date belongs in a body's `note`."""
    for council in REGISTER.councils:
        for label in (council.type_name, council.region, council.nation):
            assert not re.search(r"\d|\(", label), f"{council.name}: {label!r}; move the detail to `note`"
    assert REGISTER.find("North East Mayoral Combined Authority").note == "Established on 7 May 2024."
