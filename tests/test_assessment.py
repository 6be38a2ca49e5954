"""The self-assessment's questions file and scoring rule (casebook/outputs/assessment.py)."""
from __future__ import annotations

import copy

import pytest
import yaml

from casebook.outputs.assess_page import lessons, went_wrong
from casebook.outputs.assessment import ASSESSMENT_FILE, check_assessment, place, read_assessment
from casebook.problems import BuildError
from casebook.taxonomy import get_taxonomy

TAXONOMY = get_taxonomy()
STAGES = TAXONOMY.stages.ids()
RAW = yaml.safe_load(ASSESSMENT_FILE.read_text(encoding="utf-8"))


def _problems(change) -> list[str]:
    raw = copy.deepcopy(RAW)
    change(raw)
    return check_assessment(raw, TAXONOMY)[1]


def test_the_shipped_questions_are_valid_and_cover_every_theme() -> None:
    assessment = read_assessment(TAXONOMY)
    assert {q.theme for q in assessment.questions} == set(TAXONOMY.themes)
    for question in assessment.questions:
        assert [o.stage.id for o in question.options] == STAGES


@pytest.mark.parametrize(
    ("answers", "stage"),
    [([1, 1, 1, 1], 1), ([3, 3, 3, 3], 3), ([1, 3, 3, 2], 2), ([3, 3, 3, 1], 3), ([1, 3], 1), ([2, 3, 3], 3), ([2], 2), ([], None)],
)
def test_the_rule_is_the_highest_stage_more_than_half_reach(answers: list[int], stage: int | None) -> None:
    assert place(answers, STAGES) == stage


def test_every_problem_is_reported_at_once_with_its_place() -> None:
    def break_it(raw: dict) -> None:
        raw["questions"][0]["theme"] = "no-such-theme"
        raw["questions"][1]["options"][0]["stage"] = 9
        raw["questions"][2]["id"] = "Bad Id"
        raw["questions"][3]["help"] = ""
        raw["questions"][5]["id"] = raw["questions"][4]["id"]

    problems = _problems(break_it)
    assert "casebook/schema/assessment.yml: questions[0].theme: `no-such-theme` is not a theme (use one of shared-services, combined-authority, commercialisation)" in problems
    assert "casebook/schema/assessment.yml: questions[1].options[0].stage: `9` is not a 3R stage (use one of 1, 2, 3)" in problems
    assert "casebook/schema/assessment.yml: questions[1].options: needs exactly one option for each stage 1, 2, 3" in problems
    assert any(p.startswith("casebook/schema/assessment.yml: questions[2].id: `Bad Id`") for p in problems)
    assert "casebook/schema/assessment.yml: questions[3].help: missing or empty (write it in plain words)" in problems
    assert any("is used twice" in p for p in problems)


def test_a_theme_without_questions_is_refused() -> None:
    problems = _problems(lambda raw: raw.update(questions=[q for q in raw["questions"] if q["theme"] != "commercialisation"]))
    assert problems == ["casebook/schema/assessment.yml: questions: theme `commercialisation` has no question (add at least one)"]


def test_a_broken_file_stops_the_build_with_every_problem(tmp_path) -> None:
    bad = tmp_path / "assessment.yml"
    bad.write_text("questions:\n  - id: x\n    theme: shared-services\n", encoding="utf-8")
    with pytest.raises(BuildError) as raised:
        read_assessment(TAXONOMY, bad)
    assert "questions[0].question: missing" in str(raised.value) and "questions[0].options: must be a list" in str(raised.value)


def test_lessons_come_verbatim_from_the_case_study_section(make_corpus, valid_text) -> None:
    from casebook.pipeline import check_content

    bullets = "## Lessons for other councils\n\n- Agree the **exit** terms first [1].\n- Read [the report](https://example.org/r) early.\n"
    text = valid_text.replace("## Lessons for other councils", bullets).replace("## What went well and what did not", "## What went well and what did not\n\n- not a lesson\n")
    corpus = check_content(make_corpus({"one.md": text})).corpus
    assert corpus is not None
    (case_study,) = corpus.case_studies
    assert lessons(case_study) == ["Agree the exit terms first [1].", "Read the report early."]
    assert "not a lesson" not in lessons(case_study)
    assert went_wrong(case_study) in ("", "ended", "reported costs or losses")
