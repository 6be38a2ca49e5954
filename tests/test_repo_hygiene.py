"""Files that must agree with casebook/settings.py about which docs/ paths are generated."""
from __future__ import annotations

import re

from casebook import settings

GENERATED = set(settings.GENERATED_DIRS) | set(settings.GENERATED_FILES)


def test_gitignore_ignores_every_generated_path() -> None:
    ignored = (settings.PROJECT_ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    listed = {line.removeprefix("docs/").rstrip("/") for line in ignored if line.startswith("docs/")}
    assert listed == GENERATED


def test_make_clean_removes_every_generated_path() -> None:
    makefile = (settings.PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(r"^GENERATED := (.+)$", makefile, re.MULTILINE)
    assert match, "Makefile has no GENERATED list"
    assert set(match.group(1).split()) == GENERATED


def test_ci_runs_the_readme_test_command() -> None:
    ci = (settings.PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (settings.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in ci
    assert "make serve" in readme and "make test" in readme
