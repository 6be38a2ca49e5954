"""Change history: each case-study page lists the commits to its file, and says so when git history is missing."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from casebook.history import read_history
from casebook.pipeline import check_content, render_pages

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
PAGE = "case-studies/alpha-shared-payroll.md"
FILE = "casestudies/alpha-shared-payroll.md"


def _commit(root: Path, message: str, day: str) -> None:
    when = f"{day}T12:00:00+00:00"
    environment = dict(os.environ, GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True)
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", message],
        check=True, env=environment,
    )


def _page(root_paths) -> str:  # type: ignore[no-untyped-def]
    result = check_content(root_paths)
    assert result.corpus is not None, result.problems
    return str(render_pages(result.corpus, root_paths)[PAGE])


def test_two_commits_to_one_file_are_both_listed(make_corpus) -> None:
    paths = make_corpus(corpus="minimal")
    subprocess.run(["git", "init", "-q", str(paths.root)], check=True)
    _commit(paths.root, "Add the Alpha payroll case study", "2026-01-10")
    source = paths.root / FILE
    source.write_text(source.read_text(encoding="utf-8").replace("Merged two teams.", "Merged the two payroll teams."), encoding="utf-8")
    _commit(paths.root, "Say which teams were merged", "2026-03-05")

    page = _page(paths)
    assert 'First published on <time datetime="2026-01-10">10 January 2026</time>.' in page
    assert '<li><time datetime="2026-03-05">5 March 2026</time>: Say which teams were merged</li>' in page
    assert '<li><time datetime="2026-01-10">10 January 2026</time>: Add the Alpha payroll case study</li>' in page
    assert page.index("Say which teams") < page.index("Add the Alpha")  # newest first
    history = read_history(paths.root)
    assert [c.reason for c in history.of(FILE)] == ["Say which teams were merged", "Add the Alpha payroll case study"]


def test_a_build_without_git_history_still_works_and_says_so(make_corpus) -> None:
    paths = make_corpus(corpus="minimal")  # a temporary folder outside any repository
    assert not read_history(paths.root).available
    assert "built without the repository's git history" in _page(paths)


def test_a_shallow_clone_is_treated_as_having_no_history(make_corpus, tmp_path: Path) -> None:
    paths = make_corpus(corpus="minimal")
    subprocess.run(["git", "init", "-q", str(paths.root)], check=True)
    _commit(paths.root, "First", "2026-01-10")
    _commit_file = paths.root / FILE
    _commit_file.write_text(_commit_file.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    _commit(paths.root, "Second", "2026-01-11")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{paths.root}", str(clone)], check=True)
    assert not read_history(clone).available


def test_a_renamed_case_study_keeps_the_history_of_its_old_name(make_corpus) -> None:
    paths = make_corpus(corpus="minimal")
    subprocess.run(["git", "init", "-q", str(paths.root)], check=True)
    old = paths.root / "casestudies" / "alpha-payroll.md"
    (paths.root / FILE).rename(old)
    _commit(paths.root, "Add the Alpha payroll case study", "2026-01-10")
    subprocess.run(["git", "-C", str(paths.root), "mv", "casestudies/alpha-payroll.md", FILE], check=True)
    _commit(paths.root, "Rename the Alpha case study after its slug", "2026-02-01")
    source = paths.root / FILE
    source.write_text(source.read_text(encoding="utf-8").replace("Merged two teams.", "Merged the two payroll teams."), encoding="utf-8")
    _commit(paths.root, "Say which teams were merged", "2026-03-05")

    history = read_history(paths.root)
    assert [c.reason for c in history.of(FILE)] == [
        "Say which teams were merged", "Rename the Alpha case study after its slug", "Add the Alpha payroll case study",
    ]
    assert history.of("casestudies/alpha-payroll.md") == ()
    assert 'First published on <time datetime="2026-01-10">10 January 2026</time>.' in _page(paths)
