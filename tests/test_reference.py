"""Generated contributor files stay in sync: the reference in CONTRIBUTING.md and the committed schema."""
from __future__ import annotations

import json

from casebook.cli import main
from casebook.contrib.reference import CONTRIBUTING_PATH, END, SCHEMA_PATH, START, insert_reference, render_reference, render_schema_file
from casebook.schema import build_schema
from casebook.project import PROJECT_ROOT
from casebook.taxonomy import get_taxonomy

REFRESH = "out of date: run `make regenerate` and commit ({})"


def test_reference_in_contributing_matches_the_schema() -> None:
    committed = (PROJECT_ROOT / CONTRIBUTING_PATH).read_text(encoding="utf-8")
    assert committed == insert_reference(committed, get_taxonomy()), REFRESH.format("reference")


def test_committed_schema_matches_the_schema() -> None:
    committed = (PROJECT_ROOT / SCHEMA_PATH).read_text(encoding="utf-8")
    assert committed == render_schema_file(get_taxonomy()), REFRESH.format("schema")
    assert json.loads(committed) == build_schema(get_taxonomy())


def test_reference_lists_every_field_and_every_vocabulary_value() -> None:
    taxonomy = get_taxonomy()
    reference = render_reference(taxonomy)
    schema = build_schema(taxonomy)
    for key in schema["properties"]:
        assert f"| `{key}` |" in reference
    for key in schema["properties"]["sources"]["items"]["properties"]:
        assert f"| `{key}` |" in reference
    for term in taxonomy.themes:
        assert f"`{term.id}` ({term.name})" in reference


def test_reference_check_fails_on_a_stale_copy_and_the_command_repairs_it(make_corpus, capsys) -> None:
    paths = make_corpus()
    stale = f"# Guide\n\n{START}\n| `title` | yes | old |\n{END}\n\nAfter.\n"
    (paths.root / CONTRIBUTING_PATH).write_text(stale, encoding="utf-8")
    assert main(["--root", str(paths.root), "reference", "--check"]) == 1
    assert "CONTRIBUTING.md is out of date; run `make regenerate`" in capsys.readouterr().err
    assert main(["--root", str(paths.root), "reference"]) == 0
    repaired = (paths.root / CONTRIBUTING_PATH).read_text(encoding="utf-8")
    assert repaired.startswith("# Guide\n\n") and repaired.endswith("\n\nAfter.\n")
    assert main(["--root", str(paths.root), "reference", "--check"]) == 0


def test_reference_without_markers_is_a_clear_error(make_corpus, capsys) -> None:
    paths = make_corpus()
    (paths.root / CONTRIBUTING_PATH).write_text("# Guide\n", encoding="utf-8")
    assert main(["--root", str(paths.root), "reference"]) == 1
    assert "has no `<!-- reference:start -->`" in capsys.readouterr().err
