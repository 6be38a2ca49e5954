"""A failed build leaves the previous site/ exactly as it was; two builds of one commit are identical."""
from __future__ import annotations

import gzip
import hashlib
import os
import shutil
from pathlib import Path

import pytest

from casebook.pipeline import build_site, search_staging
from casebook.problems import BuildError, ContentInvalid
from casebook.project import ProjectPaths
from tests.support.sitebuild import copy_project

pytestmark = pytest.mark.slow


# Pagefind 1.5.2 writes the values inside each filter chunk in hash-map order, so the filter chunks
# (gzipped CBOR, named by their hash), the metadata chunk that names them and the entry file differ
# from run to run on identical input. Filter chunks are compared by their decompressed sizes instead;
# every other file (pages, sitemap.xml.gz, search index and fragments) must match byte for byte.


def is_unstable(path: str) -> bool:
    return path.startswith("pagefind/filter/") or path == "pagefind/pagefind-entry.json" or (path.startswith("pagefind/pagefind.") and path.endswith(".pf_meta"))


def tree_hash(folder: Path) -> dict[str, str]:
    """Every file under a folder by relative path, with the SHA-256 of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def stable_hash(folder: Path) -> tuple[dict[str, str], list[int]]:
    """tree_hash without Pagefind's unstable files, plus the sorted decompressed sizes of its filter chunks."""
    hashes = {path: digest for path, digest in tree_hash(folder).items() if not is_unstable(path)}
    sizes = sorted(len(gzip.decompress(p.read_bytes())) for p in (folder / "pagefind" / "filter").glob("*.pf_filter"))
    return hashes, sizes


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> ProjectPaths:
    """The shipped project, built once with --strict, and the hashes of its site/."""
    paths = copy_project(tmp_path_factory.mktemp("atomic") / "project")
    build_site(paths, strict=True)
    return paths


def test_failed_validation_leaves_site_untouched(built: ProjectPaths) -> None:
    before = tree_hash(built.site)
    broken = built.casestudies / "broken-case-study.md"
    broken.write_text("---\ntitle: Broken\nstage: 9\n---\nBody.\n", encoding="utf-8")
    try:
        with pytest.raises(ContentInvalid):
            build_site(built, strict=True)
    finally:
        broken.unlink()
    assert tree_hash(built.site) == before
    assert not built.site.with_name("site.new").exists()


def test_failed_site_engine_leaves_site_untouched(built: ProjectPaths) -> None:
    before = tree_hash(built.site)
    page = built.docs / "broken-link.md"
    page.write_text("# Broken\n\nSee [a page that is not there](missing-page.md).\n", encoding="utf-8")
    try:
        with pytest.raises(BuildError, match="missing-page.md"):
            build_site(built, strict=True)
    finally:
        page.unlink()
    assert tree_hash(built.site) == before
    assert not built.site.with_name("site.new").exists()


def test_failed_search_index_leaves_site_untouched(built: ProjectPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    """The index is built beside the engine; when it fails, the engine is stopped and nothing is swapped in."""
    before = tree_hash(built.site)
    failing = shutil.which("false")
    assert failing is not None
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", failing)  # Pagefind's package runs this instead of its binary
    with pytest.raises(BuildError, match=r"^the search indexer \(Pagefind\) [^\n]+$"):
        build_site(built, strict=True)
    assert tree_hash(built.site) == before
    assert not built.site.with_name("site.new").exists()
    assert not search_staging(built).exists()


def test_two_builds_of_one_commit_are_byte_identical(built: ProjectPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file, the gzipped sitemap included: its dates come from the content, not the clock."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = stable_hash(built.site)
    build_site(built, strict=True)
    assert stable_hash(built.site) == before


def test_a_build_on_another_day_is_identical(built: ProjectPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sitemap would otherwise carry the day of the build (MkDocs reads the clock)."""
    before = stable_hash(built.site)
    monkeypatch.setattr(os, "environ", dict(os.environ))
    fake_clock = built.root / "fake-clock"
    fake_clock.mkdir(exist_ok=True)
    # A sitecustomize module shifts the site engine's clock by a week; our pipeline must not care.
    (fake_clock / "sitecustomize.py").write_text(
        "import datetime as _d\n"
        "class _Later(_d.datetime):\n"
        "    @classmethod\n"
        "    def now(cls, tz=None):\n"
        "        return _d.datetime.now.__func__(_d.datetime, tz) + _d.timedelta(days=7)\n"
        "_d.datetime = _Later\n",
        encoding="utf-8",
    )
    os.environ["PYTHONPATH"] = str(fake_clock) + os.pathsep + os.environ.get("PYTHONPATH", "")
    build_site(built, strict=True)
    assert stable_hash(built.site) == before
