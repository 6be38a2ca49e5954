"""The preview's regeneration: the pages of the files just edited reach docs/ before any other."""
from __future__ import annotations

from pathlib import Path

import pytest

from casebook import write
from casebook.preview.cache import ContentCache
from casebook.preview.serve import project_relative, regenerate
from tests.support.editing import edit_file


def test_the_page_of_the_file_just_edited_is_written_first(make_corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    """Editing one case study after another: each time the page written first is the one just edited
    (not the one edited before, which the cache also remembers re-reading)."""
    paths = make_corpus(corpus="minimal")
    cache = ContentCache()
    assert regenerate(paths, cache)
    moved: list[str] = []
    real_move = write._move
    monkeypatch.setattr(write, "_move", lambda staged, target: (moved.append(target.relative_to(paths.docs).as_posix()), real_move(staged, target)))
    for name, old, new in [("alpha-shared-payroll.md", "Alpha: a shared payroll", "Alpha renamed: a shared payroll"), ("beta-energy-company.md", "Beta <energy>", "Beta renamed <energy>")]:
        moved.clear()
        edit_file(paths.casestudies / name, old, new)
        assert regenerate(paths, cache, {paths.casestudies / name})
        assert moved[0] == f"case-studies/{Path(name).stem}.md"
        assert len(moved) > 1  # the pages that list it follow


def test_project_relative_paths_match_however_the_watcher_spells_them(make_corpus) -> None:
    paths = make_corpus(corpus="minimal")
    spelt = [paths.casestudies / "a.md", paths.root / "casestudies" / ".." / "casestudies" / "b.md", Path("/elsewhere/c.md")]
    assert project_relative(paths, spelt) == ["casestudies/a.md", "casestudies/b.md"]
