"""The issue form: generated from the taxonomy, one question per field."""
from __future__ import annotations

import dataclasses

from casebook.cli import main
from casebook.contrib.issue_form import ISSUE_FORM_PATH, build_issue_form, get_form_fields, render_issue_form
from casebook.project import PROJECT_ROOT
from casebook.schema import build_schema
from casebook.taxonomy import Term, get_taxonomy


def test_committed_form_matches_the_taxonomy() -> None:
    committed = (PROJECT_ROOT / ISSUE_FORM_PATH).read_text(encoding="utf-8")
    assert committed == render_issue_form(get_taxonomy()), "out of date: run `make regenerate` and commit"


def test_a_new_theme_changes_the_form_and_check_says_regenerate(make_corpus, capsys) -> None:
    taxonomy = get_taxonomy()
    themes = dataclasses.replace(taxonomy.themes, terms=taxonomy.themes.terms + (Term("housing", "Housing companies"),))
    extended = dataclasses.replace(taxonomy, vocabularies={**taxonomy.vocabularies, "themes": themes})
    assert "Housing companies (housing)" in render_issue_form(extended)
    assert render_issue_form(extended) != render_issue_form(taxonomy)
    paths = make_corpus()
    (paths.root / ISSUE_FORM_PATH).parent.mkdir(parents=True)
    (paths.root / ISSUE_FORM_PATH).write_text(render_issue_form(extended), encoding="utf-8")
    assert main(["--root", str(paths.root), "issue-form", "--check"]) == 1
    assert "out of date; run `make regenerate`" in capsys.readouterr().err
    assert main(["--root", str(paths.root), "issue-form"]) == 0
    assert main(["--root", str(paths.root), "issue-form", "--check"]) == 0


def test_form_ids_labels_and_options_are_unique() -> None:
    elements = [e for e in build_issue_form(get_taxonomy())["body"] if "id" in e]
    assert len({e["id"] for e in elements}) == len(elements)
    assert len({e["attributes"]["label"] for e in elements}) == len(elements)
    for element in elements:
        options = element["attributes"].get("options", [])
        assert len(set(map(str, options))) == len(options)


def test_form_asks_for_every_required_field() -> None:
    required = set(build_schema(get_taxonomy())["required"]) - {"reviewed"}  # filled in by the converter
    assert required <= {f.key for f in get_form_fields()}


def test_service_areas_are_a_multiple_choice_of_the_taxonomy() -> None:
    taxonomy = get_taxonomy()
    element = next(e for e in build_issue_form(taxonomy)["body"] if e.get("id") == "services")
    assert element["type"] == "dropdown" and element["attributes"]["multiple"] is True
    assert element["validations"]["required"] is False  # optional, as in the schema
    assert element["attributes"]["options"] == [f"{t.name} ({t.id})" for t in taxonomy.services]
