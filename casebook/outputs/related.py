"""Related case studies, computed from the corpus (never hand-picked).

Two questions, two pure functions over an index of the corpus (`index_corpus`):

- `related_case_studies`: for one case study, up to five others ranked by same theme and stage
  first, then councils of the same type, then the number of shared tags, then slug.
- `similar_council_case_studies`: for one council, case studies from the councils most like it,
  nearest first by the nearest-neighbour measure (casebook/outputs/neighbours.py), excluding the
  council's own case studies.

Both look candidates up in an index built once per corpus and stop as soon as the list is full,
so a page costs about the size of a few small groups rather than the whole corpus (a corpus of
10,000 would otherwise take 10,000 x 10,000 comparisons).
"""
from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import islice
from typing import Iterable, Iterator

from casebook.model import CaseStudy, Corpus
from casebook.outputs.neighbours import NeighbourTable
from casebook.register import Council
from casebook.taxonomy import Term

RELATED_LIMIT = 5
SIMILAR_COUNCILS_LIMIT = 10

# A feature a case study can share with another: ("type", council type) or ("tag", tag).
Feature = tuple[str, str]
# A theme x stage cell, as (theme id, stage id); None in an index key stands for "the whole corpus".
Cell = tuple[str, int]


@dataclass(frozen=True)
class Related:
    """A case study chosen for another page, with the reasons it was chosen (for the reader)."""

    case_study: CaseStudy
    reasons: tuple[str, ...]


def council_types(case_study: CaseStudy) -> frozenset[str]:
    """The register types of a case study's councils (a blank type is not a likeness)."""
    return frozenset(c.type_name for c in case_study.councils if c.type_name)


def _cell(case_study: CaseStudy) -> Cell:
    return (case_study.theme.id, case_study.stage.id)


def _features(case_study: CaseStudy) -> list[Feature]:
    return sorted({("type", t) for t in council_types(case_study)} | {("tag", t) for t in case_study.tags})


@dataclass(frozen=True)
class RelatedIndex:
    """The corpus grouped the ways the rankings ask about; every list of slugs is in slug order."""

    by_slug: dict[str, CaseStudy]
    cells: dict[str, Cell]
    types: dict[str, frozenset[str]]
    groups: dict[tuple[Cell | None, Feature | None], list[str]]  # (cell or whole corpus, feature or all)
    by_gss: dict[str, list[str]]  # council GSS code -> slugs of its case studies
    council_names: dict[str, frozenset[str]]
    # Worked out once per index on first use (see `_rankable`), not per council page.
    memo: dict[str, object] = field(default_factory=dict, compare=False, repr=False)


def index_corpus(corpus: Corpus) -> RelatedIndex:
    """Group the corpus's published case studies by cell, council type, tag and region."""
    groups: dict[tuple[Cell | None, Feature | None], list[str]] = defaultdict(list)
    by_gss: dict[str, list[str]] = defaultdict(list)
    ordered = sorted(corpus.case_studies, key=lambda item: item.slug)
    for cs in ordered:
        groups[(_cell(cs), None)].append(cs.slug)
        for feature in _features(cs):
            groups[(_cell(cs), feature)].append(cs.slug)
            groups[(None, feature)].append(cs.slug)
        for gss in sorted({c.gss_code for c in cs.councils if c.gss_code}):
            by_gss[gss].append(cs.slug)
    return RelatedIndex(
        by_slug={cs.slug: cs for cs in ordered},
        cells={cs.slug: _cell(cs) for cs in ordered},
        types={cs.slug: council_types(cs) for cs in ordered},
        groups=dict(groups),
        by_gss=dict(by_gss),
        council_names={cs.slug: frozenset(c.name for c in cs.councils) for cs in ordered},
    )


def _tier(case_study: CaseStudy, index: RelatedIndex, in_cell: bool, share_type: bool) -> Iterator[str]:
    """Slugs of one tier, best first (more shared tags, then slug), produced lazily.

    A tier is: inside or outside the case study's cell x sharing a council type or not.
    """
    own_cell, types = _cell(case_study), index.types[case_study.slug]
    scope = own_cell if in_cell else None

    def member(slug: str) -> bool:
        return (
            slug != case_study.slug
            and (index.cells[slug] == own_cell) == in_cell
            and bool(index.types[slug] & types) == share_type
        )

    counts = Counter(s for tag in case_study.tags for s in index.groups.get((scope, ("tag", tag)), ()))
    tagged = sorted((s for s in counts if member(s)), key=lambda s: (-counts[s], s))
    yield from tagged
    if share_type:
        rest: Iterable[str] = heapq.merge(*(index.groups.get((scope, ("type", t)), ()) for t in sorted(types)))
    elif in_cell:
        rest = index.groups[(own_cell, None)]
    else:
        return  # outside the cell, a case study sharing neither type nor tag is not related
    yield from (s for s in rest if s not in counts and member(s))


def _candidates(case_study: CaseStudy, index: RelatedIndex) -> Iterator[str]:
    """Every related slug, best first; later tiers are only computed if earlier ones run short."""
    for in_cell, share_type in ((True, True), (True, False), (False, True), (False, False)):
        yield from _tier(case_study, index, in_cell, share_type)


def _unique(slugs: Iterator[str]) -> Iterator[str]:
    seen: set[str] = set()
    for slug in slugs:
        if slug not in seen:
            seen.add(slug)
            yield slug


def _reasons(index: RelatedIndex, case_study: CaseStudy, other: CaseStudy) -> tuple[str, ...]:
    reasons: list[str] = []
    if index.cells[other.slug] == index.cells[case_study.slug]:
        reasons.append(f"same theme and stage ({other.theme.name}, stage {other.stage.id})")
    types = sorted(index.types[case_study.slug] & index.types[other.slug])
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
    chosen = islice(_unique(_candidates(case_study, index)), limit)
    return [Related(index.by_slug[slug], _reasons(index, case_study, index.by_slug[slug])) for slug in chosen]


def _similar_ranked(index: RelatedIndex, council: Council, table: NeighbourTable) -> Iterator[Related]:
    """Case studies of other councils, nearest council first; each once, under its nearest council."""
    seen: set[str] = set()
    for rank, neighbour in enumerate(table.ranking(council.gss_code), start=1):
        for slug in index.by_gss.get(neighbour.profile.gss_code, ()):
            if slug in seen or council.name in index.council_names[slug]:
                continue
            seen.add(slug)
            why = f"{neighbour.profile.name}, {_ordinal(rank)} nearest council: " + ", ".join(neighbour.reasons)
            yield Related(index.by_slug[slug], (why,))


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def similar_council_candidates(index: RelatedIndex, council: Council, table: NeighbourTable) -> list[CaseStudy]:
    """Every case study of another council the register can compare with `council`, nearest council first."""
    return [item.case_study for item in _similar_ranked(index, council, table)]


def similar_council_count(index: RelatedIndex, council: Council, table: NeighbourTable) -> int:
    """len(similar_council_candidates(...)) without walking the ranking.

    The ranking holds every council the register can compare, so the count is every case study
    with such a council other than `council`, less those involving `council` by name. Walking all
    ~400 rankings for every council page cost 6 % of the render stage at 1,000 case studies.
    """
    own = table.profile(council.gss_code)
    if own is None or not own.comparable:
        return 0
    rankable, by_name = _rankable(index, table)
    mine = set(index.by_gss.get(council.gss_code, ())) | by_name.get(council.name, set())
    left_out = {slug for slug in mine if slug in rankable and (council.name in index.council_names[slug] or rankable[slug] == {council.gss_code})}
    return len(rankable) - len(left_out)


def _rankable(index: RelatedIndex, table: NeighbourTable) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """slug -> codes of its councils a ranking can hold (slugs with none left out); council name -> slugs."""
    key = f"rankable:{id(table)}"
    if key not in index.memo:
        codes = {p.gss_code for p in table.candidates if p.current and p.comparable}
        rankable: dict[str, set[str]] = defaultdict(set)
        for gss, slugs in index.by_gss.items():
            if gss in codes:
                for slug in slugs:
                    rankable[slug].add(gss)
        by_name: dict[str, set[str]] = defaultdict(set)
        for slug, names in index.council_names.items():
            for name in names:
                by_name[name].add(slug)
        index.memo[key] = (dict(rankable), dict(by_name))
    return index.memo[key]  # type: ignore[return-value]


def similar_council_case_studies(index: RelatedIndex, council: Council, table: NeighbourTable, limit: int = SIMILAR_COUNCILS_LIMIT) -> list[Related]:
    """Up to `limit` case studies from the councils most like `council`, best first.

    Ranked by the nearest-neighbour measure (same tier first, then population, density, type and
    region; see casebook/outputs/neighbours.py), then slug within one council. Case studies that
    involve `council` itself are left out (its own page lists those). A council the register
    cannot place (no population or area) has none.
    """
    return list(islice(_similar_ranked(index, council, table), limit))


def place_on_matrix(corpus: Corpus, items: list[CaseStudy]) -> dict[tuple[Term, Term], list[CaseStudy]]:
    """(theme, stage) -> those of `items` in that cell, for every cell of the taxonomy (a council's matrix)."""
    cells: dict[tuple[Term, Term], list[CaseStudy]] = {(t, s): [] for t in corpus.taxonomy.themes for s in corpus.taxonomy.stages}
    for case_study in items:
        cells[(case_study.theme, case_study.stage)].append(case_study)
    return cells
