"""The preview's cache: check_content with a ContentCache gives exactly what a full check gives."""
from __future__ import annotations

from pathlib import Path

from casebook.pipeline import check_content
from casebook.preview.cache import ContentCache
from casebook.project import ProjectPaths
from tests.support.editing import edit_file


def _same(paths: ProjectPaths, cache: ContentCache) -> None:
    full, cached = check_content(paths), check_content(paths, cache)
    assert cached.problems == full.problems
    assert cached.file_count == full.file_count
    assert cached.corpus == full.corpus


def test_an_edited_case_study_is_read_again(make_corpus, valid_text: str) -> None:
    paths = make_corpus({"beta.md": valid_text})
    cache = ContentCache()
    _same(paths, cache)
    edit_file(paths.casestudies / "beta.md", 'title: "Alpha', 'title: "Changed')
    _same(paths, cache)
    assert check_content(paths, cache).corpus.case_studies[0].title.startswith("Changed")


def test_a_newly_broken_and_a_fixed_file_are_reported_as_a_full_check_would(make_corpus, valid_text: str) -> None:
    paths = make_corpus({"beta.md": valid_text.replace("theme: shared-services", "theme: sharing"), "gamma.md": valid_text})
    cache = ContentCache()
    _same(paths, cache)
    edit_file(paths.casestudies / "beta.md", "theme: sharing", "theme: shared-services")
    edit_file(paths.casestudies / "gamma.md", "stage: 1", "stage: 7")
    _same(paths, cache)
    assert [p.path for p in check_content(paths, cache).problems] == ["casestudies/gamma.md"]


def test_added_removed_and_clashing_files_fall_back_to_a_full_check(make_corpus, valid_text: str) -> None:
    paths = make_corpus({"beta.md": valid_text, "Beta.md": "no front matter", "notes.txt": "x"})
    cache = ContentCache()
    _same(paths, cache)
    edit_file(paths.casestudies / "beta.md", "stage: 1", "stage: 2")  # the clash problem must survive an edit
    _same(paths, cache)
    (paths.casestudies / "Beta.md").unlink()
    (paths.casestudies / "notes.txt").unlink()
    _same(paths, cache)
    assert check_content(paths, cache).problems == []
