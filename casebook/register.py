"""The council register: mySociety's UK local authorities plus our supplementary bodies."""
from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from casebook.slugs import slugify

REGISTER_CSV = "uk_local_authorities.csv"
SUPPLEMENTARY_YML = "supplementary.yml"


@dataclass(frozen=True, order=True)
class Council:
    """A council (or other public body) as the register describes it."""

    name: str
    short_name: str
    code: str
    gss_code: str
    type_name: str
    region: str
    nation: str
    current: bool
    source: str = "mySociety register"
    note: str = ""  # detail such as when the body was set up; `type_name` stays a plain name for facets
    population: int | None = None  # the register's 2020 estimate, where it gives one

    @property
    def slug(self) -> str:
        return slugify(self.name)


def _normalise(name: str) -> str:
    return " ".join(name.casefold().replace("&", "and").split())


# Words councils add to their names in different ways ("Hart District Council", "Hart Council",
# "Hart"): matching ignores them, so the name a council uses for itself finds its register entry.
TITLE_PHRASES = re.compile(r"\b(?:(?:london|royal) borough of|borough council of|council of the|city and county of|city of|county of)\b")
TITLE_WORDS = frozenset(
    "council borough district city metropolitan county royal corporation authority combined mayoral cca mca the".split()
)


def core_name(name: str) -> str:
    """A name without its titles and punctuation: "Royal Borough of Greenwich" -> "greenwich"."""
    text = re.sub(r"[^\w\s]", " ", re.sub(r"['\u2019]", "", _normalise(name)))
    words = [w for w in TITLE_PHRASES.sub(" ", text).split() if w not in TITLE_WORDS]
    while words and words[0] in ("of", "and"):
        words.pop(0)
    return " ".join(words) or " ".join(text.split())


@dataclass(frozen=True)
class Register:
    """Look up councils by official or alternative name."""

    councils: tuple[Council, ...]
    by_name: dict[str, Council]
    by_core: dict[str, tuple[Council, ...]] = field(default_factory=dict)

    def find(self, name: str) -> Council | None:
        """The council with exactly this official or alternative name (case and spacing aside)."""
        return self.by_name.get(_normalise(name))

    def match(self, name: str, count: int = 3) -> list[Council]:
        """Councils a typed name may mean, likeliest first: the exact name, then the same name
        without titles ("Hart Council" -> Hart District Council), then the nearest spellings."""
        exact = self.find(name)
        if exact is not None:
            return [exact]
        core = core_name(name)
        found = sorted(self.by_core.get(core, ()), key=lambda c: (not c.current, -_likeness(name, c)))
        if found:  # the same name but for its titles: nearer spellings would only distract
            return found[:count]
        for close in difflib.get_close_matches(core, list(self.by_core), n=count * 3, cutoff=0.75):
            found += [c for c in self.by_core[close] if c not in found]
        for close in difflib.get_close_matches(_normalise(name), list(self.by_name), n=count * 3, cutoff=0.6):
            found += [self.by_name[close]] if self.by_name[close] not in found else []
        if not found:
            official = {_normalise(c.name): c for c in self.councils}
            found = [official[m] for m in difflib.get_close_matches(_normalise(name), list(official), n=count, cutoff=0.4)]
        return found[:count]

    def suggest(self, name: str, count: int = 3) -> list[str]:
        """Official names a misspelt or differently titled name may mean, likeliest first."""
        return [council.name for council in self.match(name, count)]


def _council_from_row(row: dict[str, str]) -> Council:
    return Council(
        name=row["official-name"].strip(),
        short_name=row["nice-name"].strip(),
        code=row["local-authority-code"].strip(),
        gss_code=row["gss-code"].strip(),
        type_name=row["local-authority-type-name"].strip(),
        region=row["region"].strip(),
        nation=row["nation"].strip(),
        current=row["current-authority"].strip() == "True",
        population=_population(row.get("pop-2020", "")),
    )


def _population(raw: str) -> int | None:
    try:
        return int(float(raw)) or None
    except ValueError:
        return None


def _council_from_body(body: dict[str, str]) -> Council:
    return Council(
        name=body["name"].strip(),
        short_name=body.get("short_name", body["name"]).strip(),
        code="",
        gss_code=body.get("gss_code", "") or "",
        type_name=body["type"],
        region=body["region"],
        nation=body["nation"],
        current=bool(body.get("current", True)),
        source=body["source"],
        note=str(body.get("note") or "").strip(),
    )


def _index(entries: list[tuple[Council, list[str]]]) -> dict[str, Council]:
    """Map every official and alternative name to its council; official names win clashes."""
    by_name: dict[str, Council] = {}
    for council, alt_names in entries:
        for alt in alt_names:
            by_name.setdefault(_normalise(alt), council)
    for council, _ in entries:
        by_name[_normalise(council.name)] = council
    return by_name


def _likeness(name: str, council: Council) -> float:
    """How close a typed name is to a council's official or short name (1.0 is the same)."""
    typed = _normalise(name)
    return max(difflib.SequenceMatcher(None, typed, _normalise(n)).ratio() for n in (council.name, council.short_name))


def _index_cores(entries: list[tuple[Council, list[str]]]) -> dict[str, tuple[Council, ...]]:
    """Map each name's core to its councils: current councils first, then those whose own name it is."""
    by_core: dict[str, list[tuple[int, int, Council]]] = {}
    for council, alt_names in entries:
        for name in (council.name, council.short_name, *alt_names):
            rank = (0 if council.current else 1, 0 if name in (council.name, council.short_name) else 1, council)
            ranked = by_core.setdefault(core_name(name), [])
            if all(c is not council for _, _, c in ranked):
                ranked.append(rank)
    return {core: tuple(c for *_, c in sorted(ranked)) for core, ranked in by_core.items()}


def read_register(folder: Path) -> Register:
    """Read the register CSV and the supplementary YAML from a folder."""
    entries: list[tuple[Council, list[str]]] = []
    with (folder / REGISTER_CSV).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            alt_names = [a for a in row["alt-names"].split(",") if a.strip()] + [row["nice-name"]]
            entries.append((_council_from_row(row), alt_names))
    supplementary = yaml.safe_load((folder / SUPPLEMENTARY_YML).read_text(encoding="utf-8")) or {}
    for body in supplementary.get("bodies") or []:
        entries.append((_council_from_body(body), list(body.get("alt_names") or [])))
    councils = tuple(sorted({c for c, _ in entries}))
    return Register(councils, _index(entries), _index_cores(entries))


@lru_cache(maxsize=4)
def get_register(folder: Path) -> Register:
    return read_register(folder)
