"""Property-based tests (hypothesis): nothing is lost, and no input crashes validation.

Corpora are generated from the taxonomy and the council register, written into a throwaway
project (one per test, built with tempfile because hypothesis re-runs the test body many times),
and put through the real pipeline. The generated docs/ pages are then read back: every case
study must appear exactly once on each page it belongs to and nowhere else.
"""
from __future__ import annotations

import csv
import datetime
import json
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from casebook.outputs.pagefind import case_study_records
from casebook.pipeline import check_content, generate_docs
from casebook.register import read_register
from casebook.project import PROJECT_ROOT, ProjectPaths
from casebook.taxonomy import get_taxonomy
from casebook.content_safety import unsafe_attribute_list as _unsafe_attribute_list
from tests.conftest import make_project

TAXONOMY = get_taxonomy()
REGISTER = read_register(PROJECT_ROOT / "registers")
COUNCIL_NAMES = [council.name for council in REGISTER.councils]
PROBLEM_LINE = re.compile(r"casestudies/[^:\n]+:\d+: [^\n]+: [^\n]+")  # one line each, path:line first
SLOW_DATA = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]


def examples(count: int) -> settings:
    """Few examples and no deadline: each one runs the real pipeline over a temporary tree."""
    return settings(max_examples=count, deadline=None, suppress_health_check=SLOW_DATA)

# Characters that break naive templating: quotes, YAML/Markdown/HTML syntax, non-ASCII.
AWKWARD = list("\"':<>&*|#{}[]\\`_!%@-") + [" ", "é", "ŵ", "—", "€", "😀", "ß", "Ω"]
PRINTABLE = st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Cf", "Zl", "Zp"))


def texts(max_size: int) -> st.SearchStrategy[str]:
    """Non-empty one-line text full of awkward characters."""
    text = st.text(st.one_of(st.sampled_from(AWKWARD), PRINTABLE), min_size=1, max_size=max_size).map(str.strip)
    return text.filter(lambda t: t and not _unsafe_attribute_list(t, allow_ids=False))  # `{onclick=...}` is refused by design


@dataclass
class Spec:
    """The front matter of one generated case study, in file order."""

    slug: str
    data: dict[str, Any]

    @property
    def draft(self) -> bool:
        return bool(self.data.get("draft"))


@dataclass
class Serialised:
    text: str
    key_lines: dict[tuple[Any, ...], int] = field(default_factory=dict)


def _scalar(value: Any) -> str:
    # JSON strings are valid YAML double-quoted scalars.
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else json.dumps(value)


def serialise(data: dict[str, Any], body: str = "## Context\n\nGenerated.\n") -> Serialised:
    """Write front matter line by line, recording the line of every key and list item."""
    lines, key_lines = ["---"], {}
    for key, value in data.items():
        key_lines[(key,)] = len(lines) + 1
        if not isinstance(value, list) or not value:
            lines.append(f"{key}: {_scalar(value)}")
            continue
        lines.append(f"{key}:")
        for index, item in enumerate(value):
            key_lines[(key, index)] = len(lines) + 1
            if not isinstance(item, dict):
                lines.append(f"  - {_scalar(item)}")
                continue
            for position, (sub_key, sub_value) in enumerate(item.items()):
                key_lines[(key, index, sub_key)] = len(lines) + 1
                lines.append(f"  {'- ' if position == 0 else '  '}{sub_key}: {_scalar(sub_value)}")
    lines.append("---")
    return Serialised("\n".join(lines) + "\n" + body, key_lines)


@st.composite
def sources(draw: st.DrawFn) -> dict[str, Any]:
    # AMP paths (`/amp`, `.amp`) are refused as sources, so none is drawn here.
    path = draw(st.from_regex(r"[a-z0-9/_.-]{0,20}", fullmatch=True).filter(lambda p: "amp" not in p.split("/") and not p.endswith(".amp")))
    source = {"title": draw(texts(60)), "url": "https://example.org/" + path, "publisher": draw(texts(30))}
    if draw(st.booleans()):
        source["date"] = draw(st.sampled_from(["2019", "2020-07", "2021-03-31"]))
    else:
        source["undated"] = draw(texts(40))
    return source


@st.composite
def outcomes(draw: st.DrawFn, source_count: int) -> dict[str, Any]:
    return {
        "measure": draw(texts(60)),
        # Pence, not arbitrary floats: YAML 1.1 reads `1e-05` (no dot) as text, which validation rightly refuses.
        "value": draw(st.one_of(st.integers(-10**9, 10**9), st.integers(-10**11, 10**11).map(lambda pence: pence / 100))),
        "unit": draw(st.sampled_from(["GBP", "percent", "jobs", "homes"])),
        "year": draw(st.one_of(st.integers(1990, 2024), st.integers(1990, 2023).map(lambda y: f"{y}/{(y + 1) % 100:02d}"))),
        "basis": draw(st.sampled_from(TAXONOMY.bases.ids())),
        "kind": draw(st.sampled_from(TAXONOMY.outcome_kinds.ids())),
        "evidence": draw(st.sampled_from(TAXONOMY.evidence_grades.ids())),
        "source": draw(st.integers(1, source_count)),
    }


@st.composite
def front_matter(draw: st.DrawFn, drafts: bool = True) -> dict[str, Any]:
    """Valid front matter drawn from the taxonomy and the register."""
    started = draw(st.integers(1990, 2024))
    data: dict[str, Any] = {
        "title": draw(texts(80)),
        "summary": draw(texts(120)),
        "councils": draw(st.lists(st.sampled_from(COUNCIL_NAMES), min_size=1, max_size=3, unique=True)),
        "theme": draw(st.sampled_from(TAXONOMY.themes.ids())),
        "stage": draw(st.sampled_from(TAXONOMY.stages.ids())),
        "status": draw(st.sampled_from(TAXONOMY.statuses.ids())),
        "started": started,
    }
    if draw(st.booleans()):
        data["ended"] = draw(st.integers(started, 2024))
    data["reviewed"] = draw(st.dates(min_value=datetime.date(2015, 1, 1), max_value=datetime.date(2025, 12, 31))).isoformat()
    data["sources"] = draw(st.lists(sources(), min_size=1, max_size=3))
    data["outcomes"] = draw(st.lists(outcomes(len(data["sources"])), max_size=3))
    data["headline_unavailable"] = draw(texts(60))  # no outcome is marked `headline: true`
    if draw(st.booleans()):
        data["stage_reasoning"] = draw(texts(60))
    if drafts and draw(st.integers(0, 5)) == 0:
        data["draft"] = True
    return data


SLUGS = st.from_regex(r"[a-z0-9]{1,12}(-[a-z0-9]{1,8}){0,2}", fullmatch=True).filter(lambda s: s != "index")


@st.composite
def corpora(draw: st.DrawFn, min_size: int, max_size: int) -> list[Spec]:
    slugs = draw(st.lists(SLUGS, min_size=min_size, max_size=max_size, unique=True))
    return [Spec(slug, draw(front_matter())) for slug in slugs]


@st.composite
def large_corpora(draw: st.DrawFn) -> list[Spec]:
    """Hundreds of case studies: a few rich front matters, spread over random facets and councils."""
    bases = draw(st.lists(front_matter(drafts=False), min_size=3, max_size=5))
    facets = st.tuples(st.integers(0, len(bases) - 1), st.sampled_from(TAXONOMY.themes.ids()), st.sampled_from(TAXONOMY.stages.ids()),
                       st.lists(st.sampled_from(COUNCIL_NAMES), min_size=1, max_size=2, unique=True), st.integers(0, 9))
    rows = draw(st.lists(facets, min_size=120, max_size=250))
    specs = []
    for number, (base, theme, stage, councils, draft) in enumerate(rows):
        data = dict(bases[base], theme=theme, stage=stage, councils=councils, title=f"{bases[base]['title']} {number}")
        if draft == 0:
            data["draft"] = True
        specs.append(Spec(f"study-{number}", data))
    return specs


@contextmanager
def project() -> Iterator[ProjectPaths]:
    """A throwaway project with the real templates, registers and config."""
    with tempfile.TemporaryDirectory() as folder:
        paths = make_project(Path(folder) / "project")
        yield paths


def write_corpus(paths: ProjectPaths, files: dict[str, str | bytes]) -> None:
    shutil.rmtree(paths.casestudies)
    paths.casestudies.mkdir()
    for name, content in files.items():
        target = paths.casestudies / name
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


# --- nothing lost -------------------------------------------------------------------------------


def _count(page: Path, slug: str) -> int:
    return page.read_text(encoding="utf-8").count(f'data-slug="{slug}"') if page.is_file() else 0


def _item_pages(docs: Path) -> list[Path]:
    """Every generated page that lists case studies as items."""
    return sorted(p for folder in ("case-studies", "themes", "stages", "councils") for p in (docs / folder).glob("*.md"))


def assert_nothing_lost(paths: ProjectPaths, specs: list[Spec]) -> None:
    docs = paths.docs
    published = [s for s in specs if not s.draft]
    pages = _item_pages(docs)
    texts_by_page = {p: p.read_text(encoding="utf-8") for p in pages}
    for spec in published:
        data = spec.data
        own = docs / "case-studies" / f"{spec.slug}.md"
        assert own.is_file(), spec.slug
        own_text = own.read_text(encoding="utf-8")
        assert own_text.count(f"Generated by build_site.py from casestudies/{spec.slug}.md") == 1
        assert own_text.count(f"<h1>{escape(data['title'])}</h1>") == 1, "title missing or not escaped"
        expected = {docs / "case-studies" / "index.md", docs / "themes" / f"{TAXONOMY.themes.get(data['theme']).slug}.md",
                    docs / "stages" / f"{TAXONOMY.stages.get(data['stage']).slug}.md"}
        expected |= {docs / "councils" / f"{REGISTER.find(name).slug}.md" for name in data["councils"]}
        for page, text in texts_by_page.items():
            count = text.count(f'data-slug="{spec.slug}"')
            assert count == (1 if page in expected else 0), f"{spec.slug} appears {count} times in {page.relative_to(docs)}"
    for spec in specs:
        if spec.draft:
            assert not (docs / "case-studies" / f"{spec.slug}.md").exists()
            assert all(f'data-slug="{spec.slug}"' not in text for text in texts_by_page.values())
    case_study_pages = {p.stem for p in (docs / "case-studies").glob("*.md")} - {"index"}
    assert case_study_pages == {s.slug for s in published}, "distinct slugs must give distinct pages"
    assert_exports_complete(docs, published)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_COLUMNS = ("title", "summary", "councils", "stage_reasoning", "measure", "source_title")


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def assert_exports_complete(docs: Path, published: list[Spec]) -> None:
    """JSON, CSV and feeds: one record per published case study (one row per outcome), no drafts."""
    expected = sorted(s.slug for s in published)
    records = json.loads((docs / "data" / "casestudies.json").read_text(encoding="utf-8"))["case_studies"]
    assert sorted(r["slug"] for r in records) == expected
    rows = _csv(docs / "data" / "casestudies.csv")
    assert sorted(r["slug"] for r in rows) == expected
    outcome_rows = _csv(docs / "data" / "outcomes.csv")
    assert Counter(r["slug"] for r in outcome_rows) == Counter({s.slug: len(s.data["outcomes"]) for s in published if s.data["outcomes"]})
    by_slug = {s.slug: s.data for s in published}
    for row in rows:  # exact text, except the apostrophe that stops a spreadsheet running a formula
        assert row["title"] in (by_slug[row["slug"]]["title"], "'" + by_slug[row["slug"]]["title"])
    for row in rows + outcome_rows:
        assert not any(row.get(column, "").startswith(FORMULA_STARTS) for column in TEXT_COLUMNS), row
    feed = (docs / "data" / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    for spec in published:
        assert feed.count(f"/case-studies/{spec.slug}/</id>") == 1, spec.slug
        for theme in TAXONOMY.themes:
            theme_feed = (docs / "data" / "feeds" / f"{theme.slug}.atom.xml").read_text(encoding="utf-8")
            assert theme_feed.count(f"/case-studies/{spec.slug}/</id>") == (theme.id == spec.data["theme"])


def build_and_check(paths: ProjectPaths, specs: list[Spec]) -> None:
    write_corpus(paths, {f"{s.slug}.md": serialise(s.data).text for s in specs})
    result = check_content(paths)
    assert [str(p) for p in result.problems] == []
    corpus, _ = generate_docs(paths)
    assert_nothing_lost(paths, specs)
    # The search index gets a record per published case study, at its page's address, and no other.
    assert sorted(record.url for record in case_study_records(corpus)) == sorted(f"/case-studies/{s.slug}/" for s in specs if not s.draft)


def test_every_case_study_appears_once_on_each_of_its_pages() -> None:
    with project() as paths:

        @examples(8)
        @given(corpora(1, 20))
        def check(specs: list[Spec]) -> None:
            build_and_check(paths, specs)

        check()


def test_hundreds_of_case_studies_are_all_listed() -> None:
    with project() as paths:

        @examples(2)
        @given(large_corpora())
        def check(specs: list[Spec]) -> None:
            build_and_check(paths, specs)

        check()


def test_a_slug_that_would_overwrite_an_index_page_is_refused() -> None:
    with project() as paths:
        write_corpus(paths, {"index.md": "---\ntitle: Index\n---\n"})
        problems = [str(p) for p in check_content(paths).problems]
        assert problems == ["casestudies/index.md:1: file: file name `index.md` is taken by a generated page; choose another name"]


# --- mutation: exactly one problem, naming the key and its line ------------------------------------

REQUIRED = ["title", "summary", "councils", "theme", "stage", "status", "started", "sources", "reviewed"]
REQUIRED_SOURCE = ["title", "url", "publisher"]
REQUIRED_OUTCOME = ["measure", "value", "unit", "year", "basis", "evidence", "source"]
VOCABULARY_FIELDS = {"theme": "themes", "stage": "stages", "status": "statuses"}
OUTCOME_VOCABULARY_FIELDS = {"basis": "bases", "kind": "outcome_kinds", "evidence": "evidence_grades"}


def field_name(key_path: tuple[Any, ...]) -> str:
    name = ""
    for part in key_path:
        name += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name


def _single_problem(paths: ProjectPaths, text: str) -> tuple[str, int]:
    write_corpus(paths, {"mutant.md": text})
    problems = check_content(paths).problems
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0].field, problems[0].line


@st.composite
def removals(draw: st.DrawFn) -> tuple[dict[str, Any], tuple[Any, ...]]:
    """Valid front matter and the key path of one required key to remove."""
    data = draw(front_matter(drafts=False))
    choices: list[tuple[Any, ...]] = [(key,) for key in REQUIRED]
    choices += [("sources", i, key) for i in range(len(data["sources"])) for key in REQUIRED_SOURCE]
    choices += [("outcomes", i, key) for i in range(len(data["outcomes"])) for key in REQUIRED_OUTCOME]
    return data, draw(st.sampled_from(choices))


def test_removing_any_required_key_gives_one_problem_at_its_line() -> None:
    with project() as paths:

        @examples(40)
        @given(removals())
        def check(case: tuple[dict[str, Any], tuple[Any, ...]]) -> None:
            data, key_path = case
            before = serialise(data)
            if len(key_path) == 1:  # a missing field is reported at the closing `---`, where it goes
                mutant = {k: v for k, v in data.items() if k != key_path[0]}
                expected_line = serialise(mutant).text.split("\n").index("---", 1) + 1
            else:
                key, index, sub_key = key_path
                items = [dict(item) for item in data[key]]
                del items[index][sub_key]
                mutant = dict(data, **{key: items})
                expected_line = serialise(mutant).key_lines[(key, index)]
            if key_path == ("sources",):  # each outcome's `source: n` now points at nothing: said too
                write_corpus(paths, {"mutant.md": serialise(mutant).text})
                problems = check_content(paths).problems
                lines = serialise(mutant).key_lines
                dangling = [(f"outcomes[{i + 1}].source", lines[("outcomes", i, "source")]) for i in range(len(data["outcomes"]))]
                assert sorted((p.field, p.line) for p in problems) == sorted([("sources", expected_line)] + dangling)
            else:
                assert _single_problem(paths, serialise(mutant).text) == (field_name(key_path), expected_line)
            assert key_path in before.key_lines  # the unmutated text had the key that was removed

        check()


NOT_IN_VOCABULARY = st.one_of(texts(20), st.integers(-1000, 1000), st.just(""))


@st.composite
def vocabulary_mutations(draw: st.DrawFn) -> tuple[dict[str, Any], tuple[Any, ...]]:
    """Valid front matter with one vocabulary value (or council) replaced by an unknown one."""
    data = draw(front_matter(drafts=False))
    choices: list[tuple[Any, ...]] = [(key,) for key in VOCABULARY_FIELDS]
    choices += [("councils", i) for i in range(len(data["councils"]))]
    choices += [("outcomes", i, key) for i in range(len(data["outcomes"])) for key in OUTCOME_VOCABULARY_FIELDS]
    key_path = draw(st.sampled_from(choices))
    if key_path[0] == "councils":
        value = draw(texts(40).filter(lambda name: REGISTER.find(name) is None))
        data["councils"] = [value if i == key_path[1] else name for i, name in enumerate(data["councils"])]
        return data, key_path
    vocabulary = VOCABULARY_FIELDS.get(key_path[-1]) or OUTCOME_VOCABULARY_FIELDS[key_path[-1]]
    value = draw(NOT_IN_VOCABULARY.filter(lambda v: v not in TAXONOMY.vocabularies[vocabulary].ids()))
    if len(key_path) == 1:
        data[key_path[0]] = value
    else:
        data["outcomes"] = [dict(item, **{key_path[2]: value}) if i == key_path[1] else item for i, item in enumerate(data["outcomes"])]
    return data, key_path


def test_a_value_outside_its_vocabulary_gives_one_problem_at_its_line() -> None:
    with project() as paths:

        @examples(40)
        @given(vocabulary_mutations())
        def check(case: tuple[dict[str, Any], tuple[Any, ...]]) -> None:
            data, key_path = case
            serialised = serialise(data)
            assert _single_problem(paths, serialised.text) == (field_name(key_path), serialised.key_lines[key_path])

        check()


# --- no input crashes validation ------------------------------------------------------------------

YAML_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20), st.dates()),
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(st.one_of(st.text(max_size=10), st.integers()), children, max_size=4)),
    max_leaves=12,
)


def _assert_only_problems(check: Callable[[], Any]) -> None:
    result = check()  # any exception fails the test: content problems must never be tracebacks
    assert all(PROBLEM_LINE.fullmatch(str(p)) for p in result.problems), [str(p) for p in result.problems]


def test_arbitrary_bytes_give_problems_not_tracebacks() -> None:
    with project() as paths:

        @examples(50)
        @given(st.sampled_from([b"", b"---\n", b"---\ntitle: x\n"]), st.binary(max_size=400), st.sampled_from([b"", b"\n---\n", b"\n---\nbody <b>"]))
        def check(prefix: bytes, noise: bytes, suffix: bytes) -> None:
            write_corpus(paths, {"noise.md": prefix + noise + suffix})
            _assert_only_problems(lambda: check_content(paths))

        check()


def test_random_yaml_front_matter_gives_problems_not_tracebacks() -> None:
    import yaml

    with project() as paths:

        @examples(50)
        @given(st.one_of(YAML_VALUES.map(lambda v: yaml.safe_dump(v, allow_unicode=True)), st.text(max_size=200)))
        def check(front: str) -> None:
            write_corpus(paths, {"random.md": f"---\n{front}\n---\nBody.\n"})
            _assert_only_problems(lambda: check_content(paths))

        check()


@st.composite
def type_confusions(draw: st.DrawFn) -> str:
    """A valid case study with one value (at any depth) replaced by a random YAML value."""
    import yaml

    data = draw(front_matter(drafts=False))
    paths: list[tuple[Any, ...]] = [(k,) for k in data] + [(k, i) for k, v in data.items() if isinstance(v, list) for i in range(len(v))]
    paths += [(k, i, s) for k, v in data.items() if isinstance(v, list) for i, item in enumerate(v) if isinstance(item, dict) for s in item]
    key_path = draw(st.sampled_from(paths))
    value = draw(YAML_VALUES)
    target: Any = data
    for part in key_path[:-1]:
        target = target[part]
    target[key_path[-1]] = value
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\nBody.\n"


def test_a_value_of_any_type_anywhere_gives_problems_not_tracebacks() -> None:
    with project() as paths:

        @examples(40)
        @given(type_confusions())
        def check(text: str) -> None:
            write_corpus(paths, {"confused.md": text})
            _assert_only_problems(lambda: check_content(paths))

        check()


def test_pathological_front_matter_gives_one_problem() -> None:
    """Inputs found by hand that once crashed the loader, or might."""
    cases = {
        "nested.md": "---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n",
        "huge-flow-list.md": "---\ntags: [" + "a, " * 60_000 + "]\n---\n",
        "list-key.md": "---\n? [a, b]\n: 1\n---\n",
        "surrogate.md": '---\ntitle: "\\ud800"\n---\n',
        "binary-tag.md": "---\ntitle: !!binary aGVsbG8=\n---\n",
        "python-tag.md": "---\ntitle: !!python/object/apply:os.system [ls]\n---\n",
    }
    with project() as paths:
        write_corpus(paths, cases)
        problems = check_content(paths).problems
        assert {p.path for p in problems} == {f"casestudies/{name}" for name in cases}
