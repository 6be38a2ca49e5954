"""Files that must agree with casebook/addresses.py about which docs/ paths are generated."""
from __future__ import annotations

import re

from casebook import addresses, project

GENERATED = set(addresses.GENERATED_DIRS) | set(addresses.GENERATED_FILES)


def test_gitignore_ignores_every_generated_path() -> None:
    ignored = (project.PROJECT_ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    listed = {line.removeprefix("docs/").rstrip("/") for line in ignored if line.startswith("docs/")}
    assert listed == GENERATED


def test_make_clean_removes_every_generated_path() -> None:
    makefile = (project.PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(r"^GENERATED := (.+)$", makefile, re.MULTILINE)
    assert match, "Makefile has no GENERATED list"
    assert set(match.group(1).split()) == GENERATED


def test_ci_runs_the_readme_test_command() -> None:
    ci = (project.PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (project.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in ci
    assert "make serve" in readme and "make test" in readme
