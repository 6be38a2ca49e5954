"""Shared fixtures: throwaway project trees built from tiny corpora."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

import pytest

from casebook.project import PROJECT_ROOT, ProjectPaths, get_paths

TESTS = Path(__file__).resolve().parent
CORPORA = TESTS / "corpora"
HAND_WRITTEN_DOCS = [p for p in (PROJECT_ROOT / "docs").rglob("*") if p.is_file()]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite golden files from the current output")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def make_project(root: Path, files: dict[str, str | bytes] | None = None, corpus: str | None = None) -> ProjectPaths:
    """A project tree with the real templates, registers, config and hand-written docs."""
    for name in ("templates", "registers", "overrides"):
        shutil.copytree(PROJECT_ROOT / name, root / name)
    shutil.copy(PROJECT_ROOT / "mkdocs.yml", root / "mkdocs.yml")
    taxonomy = get_paths(root).taxonomy
    taxonomy.parent.mkdir(parents=True)
    shutil.copy(get_paths().taxonomy, taxonomy)
    for file in HAND_WRITTEN_DOCS:
        relative = file.relative_to(PROJECT_ROOT)
        if not _is_generated(relative.relative_to("docs").as_posix()):
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(file, root / relative)
    (root / "casestudies").mkdir()
    if corpus:
        for file in (CORPORA / corpus / "casestudies").iterdir():
            shutil.copy(file, root / "casestudies" / file.name)
    for name, content in (files or {}).items():
        target = root / "casestudies" / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return get_paths(root)


def _is_generated(path: str) -> bool:
    from casebook.write import is_generated

    return is_generated(path)


@pytest.fixture
def make_corpus(tmp_path: Path) -> Callable[..., ProjectPaths]:
    """make_corpus({"a.md": "..."}) or make_corpus(corpus="minimal") -> paths of a fresh project."""

    def factory(files: dict[str, str | bytes] | None = None, corpus: str | None = None) -> ProjectPaths:
        return make_project(tmp_path / "project", files, corpus)

    return factory


@pytest.fixture
def valid_text() -> str:
    """The text of one valid case study, for tests to vary."""
    return (CORPORA / "minimal" / "casestudies" / "alpha-shared-payroll.md").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory):
    """The shipped case studies built with --strict and served under /casebook/ (once per run)."""
    from tests.support.sitebuild import build_and_serve

    yield from build_and_serve(tmp_path_factory.mktemp("built-site"))
