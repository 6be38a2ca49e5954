"""The search index: Pagefind indexes exactly the case-study pages, or the build fails."""
from __future__ import annotations

from pathlib import Path

import pytest

from casebook import addresses
from casebook.outputs.pagefind import build_search_index, indexed_page_count
from casebook.problems import BuildError


def test_indexer_refuses_a_site_without_marked_pages(tmp_path: Path) -> None:
    page = tmp_path / "case-studies" / "a" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text("<html><body><main><h1>A</h1><p>Words.</p></main></body></html>", encoding="utf-8")
    with pytest.raises(BuildError, match="holds 1 pages but there are 2 case studies"):
        build_search_index(tmp_path, expected_pages=2)


def test_indexer_indexes_only_case_study_pages(tmp_path: Path) -> None:
    for path, body in {"case-studies/a/index.html": "<div data-pagefind-body><h1>A</h1>energy</div>", "model/index.html": "<h1>Model</h1>energy"}.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(f"<html lang='en'><body>{body}</body></html>", encoding="utf-8")
    assert build_search_index(tmp_path, expected_pages=1) == 1
    assert indexed_page_count(tmp_path / addresses.SEARCH_BUNDLE_DIR) == 1
