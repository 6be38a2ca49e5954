"""Addresses: one pattern per page type, URLs under any sub-path, and a rename that touches nothing else."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from casebook import addresses
from casebook.addresses import engine_environment, is_reserved, page_url, relative_doc_path, relative_url
from casebook.project import PROJECT_ROOT
from tests.support.sitebuild import copy_project


@pytest.mark.parametrize(
    ("path", "url"),
    [("index.md", ""), ("case-studies/index.md", "case-studies/"), ("case-studies/a.md", "case-studies/a/"), ("model.md", "model/"), ("data/x.csv", "data/x.csv")],
)
def test_page_url(path: str, url: str) -> None:
    assert page_url(path) == url


@pytest.mark.parametrize(
    ("from_path", "to_path", "expected"),
    [
        ("index.md", "themes/a.md", "themes/a/"),
        ("themes/a.md", "case-studies/b.md", "../../case-studies/b/"),
        ("themes/index.md", "themes/a.md", "a/"),
        ("case-studies/b.md", "index.md", "../../"),
        ("case-studies/index.md", "case-studies/index.md", "./"),
        ("index.md", "themes/a.md#stage-1", "themes/a/#stage-1"),
    ],
)
def test_relative_url_never_starts_at_the_server_root(from_path: str, to_path: str, expected: str) -> None:
    assert relative_url(from_path, to_path) == expected


def test_relative_doc_path() -> None:
    assert relative_doc_path("themes/a.md", "case-studies/b.md#x") == "../case-studies/b.md#x"
    assert relative_doc_path("index.md", "model.md") == "model.md"


def test_generated_folders_and_files_come_from_the_patterns() -> None:
    folders = {pattern.split("/", 1)[0] for pattern in addresses.PATTERNS.values() if "/" in pattern}
    assert set(addresses.GENERATED_DIRS) == folders
    assert addresses.GENERATED_FILES == ("index.md", "model.md", "evidence.md")


def test_a_case_study_cannot_take_a_generated_page_name() -> None:
    assert is_reserved("index")  # case-studies/index.md is the list of all case studies
    assert not is_reserved("leeds-housing-hub")


def test_the_engine_gets_every_fixed_page_and_no_pattern() -> None:
    environment = engine_environment()
    assert environment["CASEBOOK_URL_SEARCH"] == "search/"
    assert environment["CASEBOOK_PAGE_INSIGHTS"] == "insights/index.md"
    assert environment["CASEBOOK_URL_FEED_ALL"] == "data/feeds/all.atom.xml"
    assert not any("{" in value for value in environment.values())


def _rename(copy: Path, name: str, old: str, new: str) -> None:
    module = copy / "casebook" / "addresses.py"
    text = module.read_text(encoding="utf-8")
    line = f'{name} = _declare("{name}", "{old}")'
    assert line in text
    module.write_text(text.replace(line, f'{name} = _declare("{name}", "{new}")'), encoding="utf-8")


@pytest.mark.slow
def test_renaming_a_page_type_is_a_change_to_the_addresses_module_alone(tmp_path: Path) -> None:
    """A copy of the project with the theme pages and the search page moved builds with --strict,
    and every link (templates, navigation, theme overrides) follows them."""
    paths = copy_project(tmp_path / "project")  # the shipped case studies: hand-written pages link to them
    shutil.copytree(PROJECT_ROOT / "casebook", paths.root / "casebook", ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
    shutil.copy(PROJECT_ROOT / "build_site.py", paths.root / "build_site.py")
    _rename(paths.root, "THEME", "themes/{slug}.md", "topics/{slug}.md")
    _rename(paths.root, "SEARCH", "search/index.md", "find/index.md")
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    completed = subprocess.run(
        [sys.executable, "build_site.py", "build", "--strict"], cwd=paths.root, capture_output=True, text=True, env=environment,
    )
    assert completed.returncode == 0, completed.stderr + completed.stdout
    site = paths.root / "site"
    assert (site / "topics" / "shared-services" / "index.html").is_file()
    assert not (site / "themes" / "shared-services").exists()
    assert (site / "find" / "index.html").is_file() and not (site / "search").exists()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="topics/shared-services/"' in home
    assert 'action="find/"' in home  # the header's search form, from the theme override
    assert 'href="find/?' in home  # the matrix's search links
    model = (site / "model" / "index.html").read_text(encoding="utf-8")  # a hand-written page: navigation
    assert 'href="../find/"' in model
