"""Every command the contributor docs give works as written: a make target, or .venv/bin/python."""
from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from casebook.cli import build_parser
from casebook.project import PROJECT_ROOT

DOCS = ("README.md", "CONTRIBUTING.md", "docs/contribute.md")
COMMAND = re.compile(r"`((?:make|[\w./-]*python[\w.]*) [^`]+)`|^((?:make|[\w./-]*python[\w.]*) [^#\n]+?)\s*(?:#|$)", re.MULTILINE)
MAKEFILE = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
TARGETS = set(re.findall(r"^([a-z][\w-]*):", MAKEFILE, re.MULTILINE))


def _commands() -> list[tuple[str, str]]:
    found = []
    for doc in DOCS:
        found += [(doc, quoted or block) for quoted, block in COMMAND.findall((PROJECT_ROOT / doc).read_text(encoding="utf-8"))]
    return list(dict.fromkeys(found))


@pytest.mark.parametrize(("doc", "command"), _commands(), ids=lambda value: value)
def test_documented_command_runs_without_activating_anything(doc: str, command: str) -> None:
    program, *words = shlex.split(command)
    if program == "make":
        assert words[0] in TARGETS, f"{doc}: `{command}`: the Makefile has no `{words[0]}` target"
    elif words[:1] == ["build_site.py"]:
        assert program == ".venv/bin/python", f"{doc}: `{command}` needs .venv activated; write `.venv/bin/python build_site.py` or a make target"
        subcommand = [w for w in words[1:] if w not in ("|", "...")][:1]
        if subcommand:
            build_parser().parse_args(subcommand + (["x"] if subcommand == ["from-issue"] else []))


def test_docs_name_make_new() -> None:
    assert ("CONTRIBUTING.md", "make new") in _commands() and ("docs/contribute.md", "make new") in _commands()


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_new_sets_up_the_venv_on_a_fresh_clone(tmp_path: Path) -> None:
    """On a clone with no .venv, `make new` creates it and installs the pinned packages first."""
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt"):
        shutil.copy(PROJECT_ROOT / name, tmp_path / name)
    dry_run = subprocess.run(["make", "--no-print-directory", "-n", "new", "PYTHON=python3", 'ARGS=--title "A title"'], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert dry_run.stdout.splitlines() == [
        "python3 -m venv .venv",
        ".venv/bin/python -m pip install --quiet --upgrade pip",
        ".venv/bin/python -m pip install --quiet -r requirements.txt",
        "touch .venv/.runtime-installed",
        '.venv/bin/python build_site.py new --title "A title"',
    ]


def _python_without_our_packages() -> str | None:
    for python in ("/usr/bin/python3", shutil.which("python3")):
        if python and subprocess.run([python, "-c", "import frontmatter"], capture_output=True).returncode != 0:
            return python
    return None


@pytest.mark.skipif(_python_without_our_packages() is None or not (PROJECT_ROOT / ".venv" / "bin" / "python").exists(), reason="needs .venv and a Python without our packages")
def test_build_site_started_with_another_python_uses_the_venv() -> None:
    """`python build_site.py new` (CONTRIBUTING's old advice) works without activating .venv."""
    run = subprocess.run([_python_without_our_packages(), "build_site.py", "new", "--help"], cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "3R stages (--stage):" in run.stdout
