"""Published self-assessments (assessments/): checked on every build, shown apart on the benchmark page.
Fixtures only: the files here are made by the test from the questions file, for a test council."""
from __future__ import annotations

import datetime
import json

import pytest

from casebook.outputs.assess_page import result_schema
from casebook.outputs.assessment import SCORING_RULE, place, read_assessment
from casebook.outputs.published import read_published
from casebook.pipeline import generate_docs
from casebook.problems import BuildError
from casebook.register import get_register
from casebook.project import PROJECT_ROOT
from casebook.taxonomy import get_taxonomy

TAXONOMY = get_taxonomy()
ASSESSMENT = read_assessment(TAXONOMY)
REGISTER = get_register(PROJECT_ROOT / "registers")
ADUR = ("E07000223", "Adur District Council")
TODAY = datetime.date(2026, 12, 1)


def _record(date: str = "2026-11-30", council=ADUR) -> dict:
    answers = [{"question": q.id, "theme": q.theme.id, "option": q.options[n % 3].id, "stage": q.options[n % 3].stage.id} for n, q in enumerate(ASSESSMENT.questions)]
    result = []
    for theme in TAXONOMY.themes:
        stages = [a["stage"] for a in answers if a["theme"] == theme.id]
        result.append({"theme": theme.id, "stage": place(stages, TAXONOMY.stages.ids()), "answered": len(stages), "questions": len(stages)})
    return {"assessment": "3R self-assessment", "date": date, "council": {"gss": council[0], "name": council[1]} if council else None,
            "answers": answers, "result": result, "scoring_rule": SCORING_RULE}


def _read(tmp_path, files: dict[str, dict | str]):
    folder = tmp_path / "assessments"
    folder.mkdir()
    for name, content in files.items():
        (folder / name).write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    schema = result_schema(ASSESSMENT, _corpus_stub(), "https://example.org/")
    return read_published(tmp_path, schema, ASSESSMENT, REGISTER, TAXONOMY, TODAY)


def _corpus_stub():
    class Stub:
        taxonomy = TAXONOMY
    return Stub()


def test_a_valid_file_is_read(tmp_path) -> None:
    found, problems = _read(tmp_path, {"E07000223-2026-11-30.json": _record()})
    assert problems == []
    (item,) = found
    assert (item.gss, item.council, item.date) == (*ADUR, "2026-11-30")
    assert set(item.stages) == {t.id for t in TAXONOMY.themes}


def test_every_problem_is_named_with_its_file_and_field(tmp_path) -> None:
    typed_in = _record()
    typed_in["result"][0]["stage"] = 3 if typed_in["result"][0]["stage"] != 3 else 1
    files = {
        "adur.json": _record(),
        "E07000223-2026-12-25.json": _record(date="2026-12-25"),
        "E07000224-2026-11-30.json": _record(),
        "E07000223-2026-11-29.json": _record(council=None),
        "E07000223-2026-11-28.json": dict(_record(date="2026-11-28"), council={"gss": ADUR[0], "name": "Adur"}),
        "E07000223-2026-11-27.json": dict(typed_in, date="2026-11-27"),
        "E07000223-2026-11-26.json": "{not json",
        "E07000223-2026-11-25.json": dict(_record(date="2026-11-25"), extra=1),
    }
    found, problems = _read(tmp_path, files)
    assert found == []
    text = "\n".join(problems)
    assert "assessments/adur.json: file name: must be <GSS code>-<YYYY-MM-DD>.json" in text
    assert "assessments/E07000223-2026-12-25.json: date: 2026-12-25 is in the future" in text
    assert "assessments/E07000224-2026-11-30.json: council.gss: `E07000223` does not match the file name's `E07000224`" in text
    assert "assessments/E07000223-2026-11-29.json: council: a published assessment must name its council" in text
    assert "assessments/E07000223-2026-11-28.json: council.name: the register calls E07000223 `Adur District Council`" in text
    assert "assessments/E07000223-2026-11-27.json: result: " in text and "by the stated rule" in text
    assert "assessments/E07000223-2026-11-26.json: file: not valid JSON" in text
    assert "assessments/E07000223-2026-11-25.json: file: Additional properties are not allowed" in text


def test_the_benchmark_page_shows_published_assessments_apart(make_corpus) -> None:
    paths = make_corpus(corpus="minimal")
    generate_docs(paths)
    page = (paths.docs / "benchmark" / "index.md").read_text(encoding="utf-8")
    assert "No council has published its self-assessment yet." in page
    (paths.root / "assessments").mkdir()
    (paths.root / "assessments" / "E07000223-2026-11-30.json").write_text(json.dumps(_record()), encoding="utf-8")
    generate_docs(paths)
    page = (paths.docs / "benchmark" / "index.md").read_text(encoding="utf-8")
    published = page.split("## Published self-assessments", 1)[1]
    assert '<tr data-gss="E07000223"><th scope="row">Adur District Council</th><td>2026-11-30</td>' in published
    assert "Councils' own views, kept apart" in published


def test_a_bad_published_file_stops_the_build(make_corpus) -> None:
    paths = make_corpus(corpus="minimal")
    (paths.root / "assessments").mkdir()
    (paths.root / "assessments" / "E07000223-2026-11-30.json").write_text("[]", encoding="utf-8")
    with pytest.raises(BuildError, match="assessments/E07000223-2026-11-30.json"):
        generate_docs(paths)
