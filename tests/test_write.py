"""The writer: only generated paths, unchanged files untouched, stale files removed."""
from __future__ import annotations

import os

import pytest

from casebook.problems import BuildError
from casebook.write import is_generated, write_pages


def test_refuses_to_write_hand_written_paths(tmp_path) -> None:
    with pytest.raises(BuildError, match="about.md"):
        write_pages({"about.md": "x"}, tmp_path)
    assert not (tmp_path / "about.md").exists()


def test_writes_changed_and_leaves_unchanged_files_alone(tmp_path) -> None:
    write_pages({"themes/a.md": "one", "themes/b.md": "two"}, tmp_path)
    os.utime(tmp_path / "themes" / "a.md", (1, 1))
    report = write_pages({"themes/a.md": "one", "themes/b.md": "changed"}, tmp_path)
    assert report.unchanged == ["themes/a.md"]
    assert report.written == ["themes/b.md"]
    assert (tmp_path / "themes" / "a.md").stat().st_mtime == 1
    assert (tmp_path / "themes" / "b.md").read_text() == "changed"


def test_removes_stale_generated_pages_but_not_hand_written_ones(tmp_path) -> None:
    (tmp_path / "about.md").write_text("hand-written")
    write_pages({"case-studies/old.md": "x", "case-studies/kept.md": "y", "councils/gone/deep.md": "z"}, tmp_path)
    report = write_pages({"case-studies/kept.md": "y"}, tmp_path)
    assert sorted(report.removed) == ["case-studies/old.md", "councils/gone/deep.md"]
    assert (tmp_path / "about.md").read_text() == "hand-written"
    assert not (tmp_path / "councils" / "gone").exists()


@pytest.mark.parametrize(("path", "generated"), [("index.md", True), ("case-studies/a.md", True), ("about.md", False), ("assets/casebook.css", False)])
def test_is_generated(path: str, generated: bool) -> None:
    assert is_generated(path) is generated


def test_streamed_files_reach_docs_only_on_commit(tmp_path) -> None:
    """A build that fails after rendering some pages leaves docs/ as it was (issue 15: pages are
    streamed to disk as rendered, the atomic build is kept)."""
    from casebook.write import DocsWriter

    docs = tmp_path / "docs"
    write_pages({"themes/a.md": "one"}, docs)
    writer = DocsWriter(docs)
    writer.add("themes/a.md", "changed")
    writer.add("themes/b.md", "new")
    assert (docs / "themes" / "a.md").read_text() == "one" and not (docs / "themes" / "b.md").exists()
    writer.abort()
    assert (docs / "themes" / "a.md").read_text() == "one" and not writer.staging.exists()
    writer = DocsWriter(docs)
    writer.add("themes/b.md", "new")
    report = writer.commit()
    assert report.written == ["themes/b.md"] and report.removed == ["themes/a.md"]
    assert (docs / "themes" / "b.md").read_text() == "new" and not writer.staging.exists()


def test_early_paths_reach_docs_at_once(tmp_path) -> None:
    """The preview's edited pages are written when rendered, the rest only on commit."""
    from casebook.write import DocsWriter

    docs = tmp_path / "docs"
    writer = DocsWriter(docs, early={"case-studies/edited.md"})
    writer.add("case-studies/edited.md", "new title")
    writer.add("case-studies/index.md", "list")
    assert (docs / "case-studies" / "edited.md").read_text() == "new title"
    assert not (docs / "case-studies" / "index.md").exists()
    assert writer.commit().written == ["case-studies/edited.md", "case-studies/index.md"]
