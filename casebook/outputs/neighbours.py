"""Nearest-neighbour councils: for every council in the register, the ten most like it.

Open and reproducible, in the spirit of CIPFA's nearest-neighbour model but NOT that model: it uses
only what the register we ship (mySociety's, CC BY 4.0) says about each council.

The measure, as the methods page (templates/evidence.md.j2) states it:

1. Tier first. Councils doing the same job are compared with each other: county councils;
   district councils; single-tier councils (unitary, metropolitan, London boroughs, the City of
   London, Scottish and Welsh unitaries); Northern Ireland districts; combined and strategic
   authorities. Every council of the same tier ranks above every council of another tier.
2. Then the distance, smaller is nearer:
       |ln(population A / population B)| + |ln(density A / density B)|
       + 0.5 if the register types differ + 0.25 if the regions differ
   Population is the register's 2020 figure; density is population per square kilometre of the
   register's area. Logarithms make "twice as big" the same step for a town as for a city.
3. Ties go to the name, A to Z, so the list is the same on every build.

Only current councils with a population and an area in the register are candidates. A council
without them (bodies from supplementary.yml, some new combined authorities) has no neighbours:
pages say so rather than guess.
"""
from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

NEIGHBOUR_COUNT = 10
TYPE_WEIGHT = 0.5  # a different type within the same tier (e.g. London borough vs unitary)
REGION_WEIGHT = 0.25  # a different English region, or a different nation
SIMILAR_RATIO = 1.25  # "similar" population or density: within 25% of each other

# Register type code -> tier; codes the register does not use fall into their own tier.
TIERS = {
    "CTY": "county",
    "NMD": "district",
    "UA": "single-tier",
    "MD": "single-tier",
    "LBO": "single-tier",
    "CC": "single-tier",
    "SCO": "single-tier",
    "WPA": "single-tier",
    "NID": "northern-ireland-district",
    "COMB": "combined",
    "SRA": "combined",
}


@dataclass(frozen=True)
class Profile:
    """What the register says about one council's place: the facts the distance uses."""

    gss_code: str
    name: str
    type_code: str
    type_name: str
    region: str
    nation: str
    population: float | None  # 2020
    area: float | None  # square kilometres, as the register gives it
    lat: float | None
    long: float | None
    current: bool

    @property
    def tier(self) -> str:
        return TIERS.get(self.type_code, self.type_code)

    @cached_property  # read for every pair of councils when ranking: worked out once per profile
    def density(self) -> float | None:
        if not self.population or not self.area:
            return None
        return self.population / self.area

    @property
    def comparable(self) -> bool:
        return self.density is not None


@dataclass(frozen=True)
class Neighbour:
    """One nearest neighbour of a council, with its distance and the reasons, in plain words."""

    profile: Profile
    distance: float
    of: Profile = field(compare=False, repr=False)  # the council it neighbours

    @cached_property
    def reasons(self) -> tuple[str, ...]:
        # Only the few neighbours a page shows need words: a ranking holds every comparable council.
        return reasons(self.of, self.profile)


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def profile_from_row(row: dict[str, str]) -> Profile:
    return Profile(
        gss_code=row["gss-code"].strip(),
        name=row["official-name"].strip(),
        type_code=row["local-authority-type"].strip(),
        type_name=row["local-authority-type-name"].strip(),
        region=row["region"].strip(),
        nation=row["nation"].strip(),
        population=_number(row["pop-2020"]),
        area=_number(row["area"]),
        lat=_number(row["lat"]),
        long=_number(row["long"]),
        current=row["current-authority"].strip() == "True",
    )


def read_profiles(csv_path: Path) -> dict[str, Profile]:
    """GSS code -> profile, for every register row that has a GSS code."""
    with csv_path.open(encoding="utf-8", newline="") as handle:
        profiles = (profile_from_row(row) for row in csv.DictReader(handle))
        return {p.gss_code: p for p in profiles if p.gss_code}


def _log_ratio(a: float, b: float) -> float:
    return abs(math.log(a / b))


def distance(a: Profile, b: Profile) -> float:
    """The distance between two comparable councils (see the module docstring); tier is not in it."""
    assert a.population and b.population and a.density and b.density
    value = _log_ratio(a.population, b.population) + _log_ratio(a.density, b.density)
    value += TYPE_WEIGHT if a.type_code != b.type_code else 0.0
    value += REGION_WEIGHT if a.region != b.region else 0.0
    return value


def _similar(a: float, b: float) -> bool:
    return max(a, b) / min(a, b) <= SIMILAR_RATIO


def reasons(a: Profile, b: Profile) -> tuple[str, ...]:
    """Why b is like a, in the words pages show: "same type", "similar population" ..."""
    found = ["same type" if a.type_code == b.type_code else "same tier"] if a.tier == b.tier else ["another tier"]
    assert a.population and b.population and a.density and b.density
    if _similar(a.population, b.population):
        found.append("similar population")
    if _similar(a.density, b.density):
        found.append("similar density")
    if a.region == b.region:
        found.append("same region")
    return tuple(found)


def rank_councils(council: Profile, candidates: list[Profile]) -> list[Neighbour]:
    """Every comparable current candidate, nearest `council` first: same tier, then distance, then name."""
    if not council.comparable:
        return []
    tier = council.tier
    # Each distance once (the sort key keeps it): a ranking is ~400 councils, one per council page.
    keyed = sorted((c.tier != tier, distance(council, c), c.name, i) for i, c in enumerate(candidates) if c.gss_code != council.gss_code and c.current and c.comparable)
    return [Neighbour(candidates[i], gap, council) for _, gap, _, i in keyed]


def nearest_neighbours(council: Profile, candidates: list[Profile], count: int = NEIGHBOUR_COUNT) -> list[Neighbour]:
    """The `count` candidates nearest `council` (the head of `rank_councils`)."""
    return rank_councils(council, candidates)[:count]


class NeighbourTable:
    """Every council's profile and its ranking of the others, computed at most once per council."""

    def __init__(self, profiles: dict[str, Profile]) -> None:
        self.profiles = profiles
        self.candidates = sorted(profiles.values(), key=lambda p: p.name)
        self._rankings: dict[str, list[Neighbour]] = {}

    def profile(self, gss_code: str) -> Profile | None:
        return self.profiles.get(gss_code) if gss_code else None

    def ranking(self, gss_code: str) -> list[Neighbour]:
        """All other comparable councils, nearest first (empty for a council the register cannot place)."""
        if gss_code not in self._rankings:
            council = self.profile(gss_code)
            self._rankings[gss_code] = rank_councils(council, self.candidates) if council else []
        return self._rankings[gss_code]

    def neighbours(self, gss_code: str, count: int = NEIGHBOUR_COUNT) -> list[Neighbour]:
        return self.ranking(gss_code)[:count]


@lru_cache(maxsize=4)
def get_neighbour_table(csv_path: Path) -> NeighbourTable:
    return NeighbourTable(read_profiles(csv_path))
