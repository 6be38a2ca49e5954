"""The search index: Pagefind run over the built site (only case-study pages are indexed).

Pagefind is driven through its command line (the binary ships in the `pagefind-bin` wheel), and the
build fails unless it indexed exactly the published case studies.
"""
from __future__ import annotations

import json
import posixpath
import subprocess
import sys
from pathlib import Path

from casebook import addresses
from casebook.problems import BuildError

INDEXER = [sys.executable, "-m", "pagefind"]


def index_glob() -> str:
    """Only case-study pages are indexed; list and hand-written pages stay out of results."""
    return posixpath.dirname(addresses.CASE_STUDY) + "/**/*.html"


def build_search_index(site_dir: Path, expected_pages: int) -> int:
    """Run Pagefind over a built site; fail unless it indexed exactly the published case studies."""
    command = INDEXER + ["--site", str(site_dir), "--glob", index_glob(), "--output-subdir", addresses.SEARCH_BUNDLE_DIR, "--force-language", "en", "--quiet"]
    # Heading permalinks ("¶") are not page text.
    command += ["--exclude-selectors", ".headerlink"]
    completed = subprocess.run(command, capture_output=True, text=True)
    if completed.returncode != 0:
        raise BuildError(f"the search indexer failed:\n{completed.stderr.strip() or completed.stdout.strip()}")
    indexed = indexed_page_count(site_dir / addresses.SEARCH_BUNDLE_DIR)
    if indexed != expected_pages:
        raise BuildError(f"the search index holds {indexed} pages but there are {expected_pages} case studies; is data-pagefind-body missing from templates/case_study.md.j2?")
    return indexed


def indexed_page_count(bundle: Path) -> int:
    """Pages in a Pagefind bundle, from its entry file (0 when nothing was indexed)."""
    entry = bundle / "pagefind-entry.json"
    if not entry.is_file():
        return 0
    languages = json.loads(entry.read_text(encoding="utf-8")).get("languages", {})
    return sum(language.get("page_count", 0) for language in languages.values())
