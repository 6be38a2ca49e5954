"""Lighthouse on the built site served under /casebook/ as GitHub Pages serves it (gzip, cache headers).

Thresholds (issue 16): accessibility, best practices and SEO 100 on home, a case study, search, a
council page and the benchmark and self-assessment pages; performance
(mobile) at least 95 on the home page and a case study, at least 90 on search. Each page is run
twice: accessibility, best practices and SEO first, which also measures the host's speed
(Lighthouse's benchmark index), then performance with the CPU slowdown Lighthouse recommends for
that speed (tests/support/lighthouse.py says why). Reports are kept in test-artifacts/lighthouse/.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pytest

from casebook import addresses
from casebook.addresses import page_url
from tests.browser.conftest import ARTIFACTS
from tests.browser.sitepages import get_key_pages, is_built
from tests.support.lighthouse import LIGHTHOUSE, Report, recommended_cpu_slowdown, run_lighthouse
from tests.support.pagesserver import serve_like_pages
from tests.support.sitebuild import SUB_PATH

FULL_MARKS = ["accessibility", "best-practices", "seo"]
# Page name (tests/browser/sitepages.py) -> least performance score, or None for no performance check.
PAGES = {"home": 95, "case-study": 95, "search": 90, "council": None}
# The benchmark and self-assessment pages (issue 13): full marks, no performance threshold.
EXTRA_PAGES = {"benchmark": page_url(addresses.BENCHMARK), "assess": page_url(addresses.ASSESS)}
REPORTS = ARTIFACTS / "lighthouse"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pages_url(built_site, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built site under /casebook/ on a server that behaves like GitHub Pages."""
    if not LIGHTHOUSE.exists():
        if os.environ.get("CI"):
            pytest.fail("Lighthouse is not installed: `make test` runs scripts/install-node-tools.sh (npm ci)")
        pytest.skip("Lighthouse is not installed: run scripts/install-node-tools.sh (npm ci), as `make test` does")
    root = tmp_path_factory.mktemp("pages-root")
    (root / SUB_PATH).symlink_to(built_site.paths.site, target_is_directory=True)
    for base in serve_like_pages(root):
        yield base + SUB_PATH + "/"


def _checked_pages(built_site) -> dict[str, str]:
    pages = get_key_pages(built_site) | EXTRA_PAGES
    return {name: pages[name] for name in [*PAGES, *EXTRA_PAGES] if is_built(built_site, pages[name])}


def _report_path(name: str, kind: str) -> Path:
    REPORTS.mkdir(parents=True, exist_ok=True)
    return REPORTS / f"{name}.{kind}.json"


@pytest.mark.parametrize("name", [*PAGES, *EXTRA_PAGES])
def test_lighthouse_thresholds(built_site, pages_url: str, name: str) -> None:
    pages = _checked_pages(built_site)
    assert name in pages, f"the {name} page is missing from the build"
    url = pages_url + pages[name]
    quality = run_lighthouse(url, FULL_MARKS, _report_path(name, "quality"))
    print(quality.describe())
    assert {c: quality.scores[c] for c in FULL_MARKS} == dict.fromkeys(FULL_MARKS, 100), quality.describe()
    least = PAGES.get(name)
    if least is not None:
        slowdown = recommended_cpu_slowdown(quality.benchmark_index)
        speed: Report = run_lighthouse(url, ["performance"], _report_path(name, "performance"), cpu_slowdown=slowdown)
        print(speed.describe())
        assert speed.scores["performance"] >= least, speed.describe()
