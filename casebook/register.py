"""The council register: mySociety's UK local authorities plus our supplementary bodies."""
from __future__ import annotations

import csv
import difflib
from dataclasses import dataclass
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

    @property
    def slug(self) -> str:
        return slugify(self.name)


def _normalise(name: str) -> str:
    return " ".join(name.casefold().replace("&", "and").split())


@dataclass(frozen=True)
class Register:
    """Look up councils by official or alternative name."""

    councils: tuple[Council, ...]
    by_name: dict[str, Council]

    def find(self, name: str) -> Council | None:
        return self.by_name.get(_normalise(name))

    def suggest(self, name: str, count: int = 3) -> list[str]:
        """Official names closest to a misspelt one."""
        official = {_normalise(c.name): c.name for c in self.councils}
        matches = difflib.get_close_matches(_normalise(name), list(self.by_name), n=count * 3, cutoff=0.6)
        names: list[str] = []
        for match in matches:
            suggestion = self.by_name[match].name
            if suggestion not in names:
                names.append(suggestion)
        if not names:
            names = [official[m] for m in difflib.get_close_matches(_normalise(name), list(official), n=count, cutoff=0.4)]
        return names[:count]


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
    )


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
    return Register(councils, _index(entries))


@lru_cache(maxsize=4)
def get_register(folder: Path) -> Register:
    return read_register(folder)
