"""`from-issue`: submitted forms converted to files (or refused) exactly."""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml

from casebook.cli import main
from casebook.contrib.from_issue import convert_issue, read_issue_body
from casebook.contrib.issue_form import ISSUE_FORM_PATH
from casebook.project import PROJECT_ROOT
from casebook.register import read_register
from casebook.taxonomy import get_taxonomy

FIXTURES = Path(__file__).parent / "fixtures" / "issues"
GOOD = sorted(p for p in FIXTURES.glob("good-*.md") if not p.name.endswith(".expected.md"))
BAD = sorted(FIXTURES.glob("bad-*.md"))
REVIEWED = datetime.date(2026, 1, 15)


def _convert(fixture: Path, folder: Path):
    return convert_issue(fixture.read_text(encoding="utf-8"), folder, get_taxonomy(), read_register(PROJECT_ROOT / "registers"), REVIEWED)


def test_read_issue_body_skips_empty_answers_and_keeps_unknown_headings() -> None:
    answers = read_issue_body("### Title\r\n\r\nA title\r\n\r\n### Year ended\n\n_No response_\n\n### Context\n\nText\n### Not a field\nmore\n")
    assert answers == {"title": "A title", "Context": "Text\n### Not a field\nmore"}


@pytest.mark.parametrize("fixture", GOOD, ids=[f.stem for f in GOOD])
def test_good_issue_becomes_a_file_that_validates(fixture: Path, make_corpus, capsys) -> None:
    paths = make_corpus(corpus="minimal")
    result = _convert(fixture, paths.casestudies)
    assert result.problems == []
    assert result.path is not None
    assert result.path.read_text(encoding="utf-8") == fixture.with_suffix(".expected.md").read_text(encoding="utf-8")
    assert main(["--root", str(paths.root), "validate"]) == 0, capsys.readouterr().out


@pytest.mark.parametrize("fixture", BAD, ids=[f.stem for f in BAD])
def test_bad_issue_yields_the_expected_problems_and_no_file(fixture: Path, tmp_path: Path) -> None:
    result = _convert(fixture, tmp_path / "casestudies")
    expected = fixture.with_suffix(".expected.txt").read_text(encoding="utf-8")
    assert "".join(f"{p}\n" for p in result.problems) == expected
    assert result.path is None
    assert not (tmp_path / "casestudies").exists()


def test_same_title_as_an_existing_case_study_is_refused(tmp_path: Path) -> None:
    first = _convert(GOOD[0], tmp_path)
    second = _convert(GOOD[0], tmp_path)
    assert first.path is not None
    assert [str(p) for p in second.problems] == [f"**Title**: a case study with the file name `{first.path.name}` already exists; choose a different title"]


def test_from_issue_command_prints_the_path_or_the_comment(make_corpus, capsys) -> None:
    paths = make_corpus()
    root = ["--root", str(paths.root), "from-issue"]
    assert main(root + [str(GOOD[0]), "--reviewed", "2026-01-15"]) == 0
    assert capsys.readouterr().out == "casestudies/alpha-and-beta-a-shared-payroll-service.md\n"
    assert main(root + [str(FIXTURES / "bad-several-problems.md"), "--reviewed", "2026-01-15"]) == 1
    comment = capsys.readouterr().out
    assert comment.startswith("Thank you for this case study.")
    assert "- **Theme**: 'Sharing' is not one of the choices" in comment
    assert yaml.safe_load((PROJECT_ROOT / ISSUE_FORM_PATH).read_text(encoding="utf-8"))["labels"] == ["case-study"]


@pytest.mark.parametrize(("answer", "services"), [
    ("Legal services (legal), Waste and street services (waste)", ["legal", "waste"]),
    ("legal\nhr", ["legal", "hr"]),
    ("HR and payroll (hr), HR and payroll (hr)", ["hr"]),
])
def test_service_areas_are_read_from_the_chosen_options(answer: str, services: list[str]) -> None:
    from casebook.contrib.from_issue import build_front_matter

    front_matter, problems = build_front_matter({"services": answer}, get_taxonomy(), REVIEWED)
    assert problems == [] and front_matter["services"] == services


def test_an_unknown_service_area_is_named_in_the_comment() -> None:
    from casebook.contrib.from_issue import build_front_matter

    _, problems = build_front_matter({"services": "Legal services (legal), Cheese"}, get_taxonomy(), REVIEWED)
    assert [p.label for p in problems] == ["Service areas"]
    assert problems[0].message.startswith("'Cheese' is not one of the choices: Adult social care (adult-social-care); ")
