"""Project paths: everything a build reads is under its root, the taxonomy too (so --root applies)."""
from __future__ import annotations

from pathlib import Path

from casebook.project import PROJECT_ROOT, TAXONOMY_FILE, get_paths


def test_every_path_is_under_the_root(tmp_path: Path) -> None:
    paths = get_paths(tmp_path)
    for folder in (paths.casestudies, paths.docs, paths.site, paths.templates, paths.registers, paths.mkdocs_config, paths.overrides, paths.taxonomy):
        assert folder.is_relative_to(tmp_path.resolve())


def test_the_default_project_is_this_checkout() -> None:
    assert get_paths().root == PROJECT_ROOT
    assert get_paths().taxonomy == TAXONOMY_FILE
