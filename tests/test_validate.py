"""Each validation rule: the exact message and line, from file-pair fixtures in tests/fixtures/invalid/."""
from __future__ import annotations

import shutil
from pathlib import Path

import fastjsonschema
import pytest
from jsonschema.validators import validator_for

from casebook.load import load_text
from casebook.pipeline import check_content
from casebook.project import PROJECT_ROOT
from casebook.schema import DIALECT, build_schema
from casebook.taxonomy import get_taxonomy
from casebook.validate import compile_quick_check

FIXTURES = Path(__file__).parent / "fixtures" / "invalid"
CASES = sorted(FIXTURES.glob("*.md"))


@pytest.mark.parametrize("fixture", CASES, ids=[c.stem for c in CASES])
def test_invalid_file_reports_expected_problems(fixture: Path, make_corpus) -> None:
    paths = make_corpus()
    shutil.copy(fixture, paths.casestudies / fixture.name)
    expected = fixture.with_suffix(".expected.txt").read_text(encoding="utf-8")
    result = check_content(paths)
    assert "".join(f"{p}\n" for p in result.problems) == expected
    assert result.corpus is None


def test_every_fixture_has_an_expectation() -> None:
    assert len(CASES) >= 25
    for case in CASES:
        assert case.with_suffix(".expected.txt").read_text(encoding="utf-8").strip(), case.name


def test_valid_corpus_has_no_problems(make_corpus) -> None:
    result = check_content(make_corpus(corpus="minimal"))
    assert result.problems == []
    assert result.corpus is not None
    assert [cs.slug for cs in result.corpus.case_studies] == ["alpha-shared-payroll", "beta-energy-company"]
    assert [cs.slug for cs in result.corpus.drafts] == ["gamma-draft"]


def test_problems_in_several_files_are_all_reported(make_corpus, valid_text: str) -> None:
    paths = make_corpus({
        "one.md": valid_text.replace("stage: 1\n", "stage: 7\n"),
        "two.md": valid_text.replace("theme: shared-services", "theme: shared"),
        "three.md": valid_text,
    })
    problems = check_content(paths).problems
    assert [(p.path, p.field) for p in problems] == [("casestudies/one.md", "stage"), ("casestudies/two.md", "theme")]


def test_several_problems_in_one_file_are_all_reported(make_corpus, valid_text: str) -> None:
    text = valid_text.replace("stage: 1\n", "stage: 7\n").replace("status: active", "status: finished").replace("started: 2008", "started: 2099")
    problems = check_content(make_corpus({"many.md": text})).problems
    assert [p.field for p in problems] == ["stage", "status", "started"]


def test_alternative_council_name_is_accepted(make_corpus, valid_text: str) -> None:
    result = check_content(make_corpus({"alt.md": valid_text.replace("Adur District Council", "Adur")}))
    assert result.problems == []
    assert result.corpus.case_studies[0].councils[0].name == "Adur District Council"


def test_supplementary_body_is_accepted(make_corpus, valid_text: str) -> None:
    paths = make_corpus({"supp.md": valid_text.replace("Adur District Council", "Example Joint Committee")})
    (paths.registers / "supplementary.yml").write_text(
        "bodies:\n  - name: Example Joint Committee\n    type: Joint committee\n    nation: Wales\n    region: Wales\n    source: https://example.org/\n",
        encoding="utf-8",
    )
    result = check_content(paths)
    assert result.problems == []
    assert result.corpus.case_studies[0].councils[0].type_name == "Joint committee"


def test_bom_and_crlf_are_accepted(make_corpus, valid_text: str) -> None:
    data = b"\xef\xbb\xbf" + valid_text.replace("\n", "\r\n").encode("utf-8")
    result = check_content(make_corpus({"windows.md": data}))
    assert result.problems == []
    assert result.corpus.case_studies[0].title == "Alpha: a shared payroll service"


def test_crlf_file_reports_lines_like_lf(make_corpus, valid_text: str) -> None:
    text = valid_text.replace("stage: 1\n", "stage: 9\n").replace("\n", "\r\n")
    problems = check_content(make_corpus({"crlf.md": text.encode("utf-8")})).problems
    assert [str(p) for p in problems] == [
        "casestudies/crlf.md:8: stage: 9 is not a 3R stage; allowed: 1 (Service level), 2 (Customer level), 3 (Community level)"
    ]


def test_symlink_is_refused(make_corpus, valid_text: str, tmp_path: Path) -> None:
    paths = make_corpus()
    outside = tmp_path / "outside.md"
    outside.write_text(valid_text, encoding="utf-8")
    (paths.casestudies / "linked.md").symlink_to(outside)
    assert [str(p) for p in check_content(paths).problems] == ["casestudies/linked.md:1: file: is a symbolic link; commit the file itself"]


def test_oversized_file_is_refused(make_corpus, valid_text: str) -> None:
    problems = check_content(make_corpus({"huge.md": valid_text + "x" * 250_000})).problems
    assert len(problems) == 1
    assert "over the 200,000-byte limit" in problems[0].message


def test_names_that_clash_ignoring_case_are_refused(make_corpus, valid_text: str) -> None:
    paths = make_corpus({"same-name.md": valid_text, "Same-Name.md": valid_text})
    messages = [str(p) for p in check_content(paths).problems]
    assert "casestudies/same-name.md:1: file: file names clash when case is ignored (Same-Name.md, same-name.md); rename one" in messages
    assert "casestudies/Same-Name.md:1: file: file names clash when case is ignored (Same-Name.md, same-name.md); rename one" in messages


def test_non_markdown_file_is_refused(make_corpus) -> None:
    problems = check_content(make_corpus({"notes.txt": "hello"})).problems
    assert [str(p) for p in problems] == ["casestudies/notes.txt:1: file: is not a case study; only `.md` files belong in casestudies/"]


def test_placeholder_text_is_allowed_in_a_draft(make_corpus, valid_text: str) -> None:
    text = valid_text.replace("Merged two teams.", "TODO: write this section.").replace("reviewed:", "draft: true\nreviewed:")
    assert check_content(make_corpus({"unfinished.md": text})).problems == []


@pytest.mark.parametrize(("before", "after", "message"), [
    ("stage: 1\n", 'stage: "2"\n', "stage: '2' is text; write the number without quotes: 2"),
    ("stage: 1\n", "stage: Reinvention\n", "stage: 'Reinvention' is the name of 3R stage 3; write the number: 3 (allowed: 1 (Service level), 2 (Customer level), 3 (Community level))"),
    ("started: 2008", 'started: "2008"', "started: '2008' is text, not a number; write 2008 (no quotes)"),
    ("value: 250000", 'value: "£180,000"', "outcomes[1].value: '£180,000' is text, not a number; write 180000 (no £ sign, commas or quotes)"),
    ("value: 250000", 'value: "250,000"', "outcomes[1].value: '250,000' is text, not a number; write 250000 (no commas or quotes)"),
    ("A saving [1].", "A saving [1][2][3].", "body: [2], [3] cite a source that `sources` does not have (it lists 1); add the source or correct the number"),
])
def test_slips_get_plain_words(make_corpus, valid_text: str, before: str, after: str, message: str) -> None:
    problems = check_content(make_corpus({"slip.md": valid_text.replace(before, after)})).problems
    assert [f"{p.field}: {p.message}" for p in problems] == [message]


def test_a_field_indented_by_mistake_gets_plain_words(make_corpus, valid_text: str) -> None:
    problems = check_content(make_corpus({"indent.md": valid_text.replace("\nsummary:", "\n  summary:")})).problems
    assert [str(p) for p in problems] == [
        "casestudies/indent.md:3: front matter: YAML syntax error: a field is not expected here; indent this line like"
        " the fields around it, and put any value that holds a colon in double quotes"
    ]


EVERY_FILE = CASES + sorted((Path(__file__).parent / "corpora").glob("*/casestudies/*.md")) + sorted((PROJECT_ROOT / "casestudies").glob("*.md"))


def test_the_fast_and_the_full_schema_check_agree_on_every_fixture() -> None:
    """The compiled (draft 7) check may only say what the full 2020-12 check says, file by file."""
    schema = build_schema(get_taxonomy())
    fast, full = compile_quick_check(schema), validator_for(schema)(schema)
    checked = 0
    for file in EVERY_FILE:
        try:
            source, _ = load_text(file.read_text(encoding="utf-8"), f"casestudies/{file.name}")
        except UnicodeDecodeError:
            continue  # the fixture for a file that is not UTF-8: it never reaches the schema
        if source is None or source.front_matter is None:
            continue
        try:
            fast(source.front_matter)
            fast_valid = True
        except (fastjsonschema.JsonSchemaException, TypeError, ValueError):
            fast_valid = False
        assert fast_valid == full.is_valid(source.front_matter), file.name
        checked += 1
    assert checked >= 30


def test_the_schema_declares_its_dialect_once_and_the_fast_check_refuses_other_keywords() -> None:
    schema = build_schema(get_taxonomy())
    assert schema["$schema"] == DIALECT
    assert validator_for(schema).META_SCHEMA["$id"] == DIALECT
    with pytest.raises(ValueError, match="prefixItems"):
        compile_quick_check({"$schema": DIALECT, "type": "array", "prefixItems": [{"type": "string"}]})
