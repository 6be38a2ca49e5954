"""Related case studies, computed from the corpus (never hand-picked).

Two questions, two pure functions over an index of the corpus (`index_corpus`):

- `related_case_studies`: for one case study, up to five others ranked by same theme and stage
  first, then councils of the same type, then the number of shared tags, then slug.
- `similar_council_case_studies`: for one council, case studies from councils of the same type
  first, then from the same region, excluding the council's own case studies.

Both look candidates up in an index built once per corpus, so a page costs about the size of its
candidate groups rather than the whole corpus (a corpus of 10,000 would otherwise take
10,000 x 10,000 comparisons).
"""
from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass
from itertools import islice
from typing import Iterator

from casebook.model import CaseStudy, Corpus
from casebook.register import Council
from casebook.taxonomy import Term

RELATED_LIMIT = 5
SIMILAR_COUNCILS_LIMIT = 10

# A feature a case study can share with another: ("type", council type) or ("tag", tag).
Feature = tuple[str, str]
# A theme x stage cell, as (theme id, stage id); None stands for "anywhere in the corpus".
Cell = tuple[str, int]


@dataclass(frozen=True)
class Related:
    """A case study chosen for another page, with the reasons it was chosen (for the reader)."""

    case_study: CaseStudy
    reasons: tuple[str, ...]


def council_types(case_study: CaseStudy) -> frozenset[str]:
    """The register types of a case study's councils (blank types are not a likeness)."""
    return frozenset(c.type_name for c in case_study.councils if c.type_name)


def _cell(case_study: CaseStudy) -> Cell:
    return (case_study.theme.id, case_study.stage.id)


def _features(case_study: CaseStudy) -> frozenset[Feature]:
    return frozenset({("type", t) for t in council_types(case_study)} | {("tag", t) for t in case_study.tags})


@dataclass(frozen=True)
class RelatedIndex:
    """Slugs of case studies grouped the ways the ranking asks about; every list is in slug order.

    Build it once per corpus with `index_corpus`; each look-up then costs about the size of the
    groups involved rather than the size of the corpus.
    """

    by_slug: dict[str, CaseStudy]
    groups: dict[tuple[Cell | None, Feature | None], list[str]]  # (cell or anywhere, feature or all)
    councils: dict[tuple[str, str], list[str]]  # ("type" | "region", value) -> slugs


def index_corpus(corpus: Corpus) -> RelatedIndex:
    """Group the corpus's published case studies by cell, council type, tag and region."""
    groups: dict[tuple[Cell | None, Feature | None], list[str]] = defaultdict(list)
    councils: dict[tuple[str, str], list[str]] = defaultdict(list)
    for cs in sorted(corpus.case_studies, key=lambda item: item.slug):
        groups[(_cell(cs), None)].append(cs.slug)
        for feature in sorted(_features(cs)):
            groups[(_cell(cs), feature)].append(cs.slug)
            groups[(None, feature)].append(cs.slug)
        for key in sorted({("type", c.type_name) for c in cs.councils} | {("region", c.region) for c in cs.councils}):
            if key[1]:  # a blank region or type is not a likeness
                councils[key].append(cs.slug)
    return RelatedIndex({cs.slug: cs for cs in corpus.case_studies}, dict(groups), dict(councils))


def _rank_key(case_study: CaseStudy, other: CaseStudy) -> tuple[bool, int, str]:
    """Sort key among candidates in one tier: a shared council type, then more shared tags, then slug."""
    shared_tags = len(set(case_study.tags) & set(other.tags))
    return (not (council_types(case_study) & council_types(other)), -shared_tags, other.slug)


def _sharing(case_study: CaseStudy, index: RelatedIndex, cell: Cell | None) -> list[CaseStudy]:
    """Others sharing a council type or a tag with `case_study` (within `cell`, or anywhere), ranked."""
    slugs = {slug for feature in _features(case_study) for slug in index.groups.get((cell, feature), ())}
    slugs.discard(case_study.slug)
    return sorted((index.by_slug[s] for s in slugs), key=lambda other: _rank_key(case_study, other))


def _candidates(case_study: CaseStudy, index: RelatedIndex) -> Iterator[CaseStudy]:
    """Candidates best first, lazily: the same cell (sharing something, then the rest by slug),
    then case studies elsewhere that share a council type or tag. Repeats are the caller's to skip."""
    cell = _cell(case_study)
    yield from _sharing(case_study, index, cell)
    yield from (index.by_slug[s] for s in index.groups[(cell, None)] if s != case_study.slug)
    # Only reached when the cell has too few others: the corpus-wide groups can be large.
    yield from (other for other in _sharing(case_study, index, None) if _cell(other) != cell)


def _unique(items: Iterator[CaseStudy]) -> Iterator[CaseStudy]:
    seen: set[str] = set()
    for item in items:
        if item.slug not in seen:
            seen.add(item.slug)
            yield item


def _reasons(case_study: CaseStudy, other: CaseStudy) -> tuple[str, ...]:
    reasons: list[str] = []
    if _cell(other) == _cell(case_study):
        reasons.append(f"same theme and stage ({other.theme.name}, stage {other.stage.id})")
    types = sorted(council_types(case_study) & council_types(other))
    if types:
        reasons.append("councils of the same type (" + ", ".join(types) + ")")
    tags = sorted(set(case_study.tags) & set(other.tags))
    if tags:
        reasons.append("shared tags (" + ", ".join(tags) + ")")
    return tuple(reasons)


def related_case_studies(index: RelatedIndex, case_study: CaseStudy, limit: int = RELATED_LIMIT) -> list[Related]:
    """Up to `limit` case studies related to `case_study`, best first.

    Ranked by: same theme and stage; then a council of the same register type; then more shared
    tags; then slug, so equal candidates always come out in the same order. A case study in
    another cell is related only if it shares a council type or a tag.
    """
    # Most pages are settled by the first few candidates; slicing the generator keeps it cheap.
    chosen = list(islice(_unique(_candidates(case_study, index)), limit))
    return [Related(other, _reasons(case_study, other)) for other in chosen]


def _council_key(council: Council, other: CaseStudy) -> tuple[bool, bool, str]:
    types = {c.type_name for c in other.councils}
    regions = {c.region for c in other.councils}
    return (council.type_name not in types, council.region not in regions, other.slug)


def _council_reasons(council: Council, other: CaseStudy) -> tuple[str, ...]:
    reasons = []
    if council.type_name and council.type_name in {c.type_name for c in other.councils}:
        reasons.append(f"same type ({council.type_name})")
    if council.region and council.region in {c.region for c in other.councils}:
        reasons.append(f"same region ({council.region})")
    return tuple(reasons)


def similar_council_candidates(index: RelatedIndex, council: Council) -> list[CaseStudy]:
    """Every case study from a council of the same type or region as `council`, but not its own."""
    slugs = set(index.councils.get(("type", council.type_name), ())) if council.type_name else set()
    slugs |= set(index.councils.get(("region", council.region), ())) if council.region else set()
    return [index.by_slug[s] for s in sorted(slugs) if council not in index.by_slug[s].councils]


def similar_council_case_studies(index: RelatedIndex, council: Council, limit: int = SIMILAR_COUNCILS_LIMIT) -> list[Related]:
    """Up to `limit` case studies from councils like `council`, best first.

    Ranked by: a council of the same register type; then a council in the same region; then slug.
    Case studies that involve `council` itself are left out (its own page lists those).
    """
    candidates = similar_council_candidates(index, council)
    chosen = heapq.nsmallest(limit, candidates, key=lambda other: _council_key(council, other))
    return [Related(other, _council_reasons(council, other)) for other in chosen]


def place_on_matrix(corpus: Corpus, items: list[CaseStudy]) -> dict[tuple[Term, Term], list[CaseStudy]]:
    """(theme, stage) -> those of `items` in that cell, for every cell of the taxonomy (a council's matrix)."""
    cells: dict[tuple[Term, Term], list[CaseStudy]] = {(t, s): [] for t in corpus.taxonomy.themes for s in corpus.taxonomy.stages}
    for case_study in items:
        cells[(case_study.theme, case_study.stage)].append(case_study)
    return cells
