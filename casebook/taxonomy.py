"""The casebook's vocabularies (themes, 3R stages, statuses ...), read from schema/taxonomy.yml."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from casebook.project import ProjectPaths, get_paths
from casebook.slugs import slugify


@dataclass(frozen=True)
class HeadlineMeasure:
    """The one figure that makes a theme's case studies comparable (e.g. recurring annual saving)."""

    id: str
    name: str
    unit: str
    basis: str
    kind: str
    description: str = ""


@dataclass(frozen=True, order=True)
class Term:
    """One value of a controlled vocabulary, e.g. a theme or an evidence grade."""

    id: Any
    name: str
    description: str = ""
    short_name: str = ""
    question: str = ""
    # Themes only: the like-for-like measure their case studies report (see taxonomy.yml).
    headline_measure: HeadlineMeasure | None = field(default=None, compare=False)

    @property
    def slug(self) -> str:
        return slugify(self.name) if isinstance(self.id, int) else str(self.id)

    @property
    def label(self) -> str:
        """How the value is offered in a hint: `1 (Service level)` or `shared-services`."""
        return f"{self.id} ({self.name})" if isinstance(self.id, int) else str(self.id)



def stage_label(stage: Term) -> str:
    """A 3R stage as readers see it everywhere: `Stage 1: Service level`."""
    return f"Stage {stage.id}: {stage.name}"


@dataclass(frozen=True)
class Vocabulary:
    """An ordered list of terms, looked up by id."""

    key: str
    noun: str
    terms: tuple[Term, ...]

    def ids(self) -> list[Any]:
        return [term.id for term in self.terms]

    def get(self, term_id: Any) -> Term:
        for term in self.terms:
            if term.id == term_id:
                return term
        raise KeyError(term_id)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)


# key in taxonomy.yml -> the noun used in messages ("`x` is not a theme")
VOCABULARY_NOUNS = {
    "themes": "theme",
    "stages": "3R stage",
    "statuses": "status",
    "bases": "basis",
    "evidence_grades": "evidence grade",
    "outcome_kinds": "outcome kind",
    "services": "service area",
}


@dataclass(frozen=True)
class Taxonomy:
    """Every vocabulary of the casebook."""

    vocabularies: dict[str, Vocabulary]

    def __getattr__(self, key: str) -> Vocabulary:
        try:
            return self.vocabularies[key]
        except KeyError as missing:
            raise AttributeError(key) from missing


def _read_terms(raw: list[dict[str, Any]]) -> tuple[Term, ...]:
    return tuple(
        Term(
            id=item["id"],
            name=item["name"],
            description=item.get("description", ""),
            short_name=item.get("short_name", ""),
            question=item.get("question", ""),
            headline_measure=_read_measure(item.get("headline_measure")),
        )
        for item in raw
    )


def _read_measure(raw: dict[str, Any] | None) -> HeadlineMeasure | None:
    if raw is None:
        return None
    return HeadlineMeasure(
        id=raw["id"], name=raw["name"], unit=raw["unit"], basis=raw["basis"], kind=raw["kind"],
        description=" ".join(raw.get("description", "").split()),
    )


def read_taxonomy(path: Path) -> Taxonomy:
    """Read a taxonomy file into vocabularies, in the order the file gives."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Taxonomy(
        {key: Vocabulary(key, noun, _read_terms(raw[key])) for key, noun in VOCABULARY_NOUNS.items()}
    )


def get_taxonomy(paths: ProjectPaths | None = None) -> Taxonomy:
    """A project's taxonomy (this checkout's by default), read afresh: never cached, so a
    running preview sees an edited theme name at its next rebuild."""
    return read_taxonomy((paths or get_paths()).taxonomy)
