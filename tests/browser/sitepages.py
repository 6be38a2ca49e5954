"""Which pages of the built site the browser tests visit, chosen from the corpus, never hard-coded.

Representative pages come from the richest case study (most outcomes), so tables and charts are
on the pages checked. Every page named here must be in the build: a missing one fails the test
that asks for it (a build that lost its search page must not pass by skipping).
"""
from __future__ import annotations

import pytest

from casebook.model import CaseStudy, Corpus
from casebook import addresses
from casebook.addresses import case_study_path, council_path, page_url, stage_path, theme_path

# Every key page, in the order tests are parametrised.
PAGES = ("home", "theme", "stage", "council", "case-study", "all-list", "councils-a-z", "search", "compare", "data", "insights")


def get_richest_case_study(corpus: Corpus) -> CaseStudy:
    """The case study with the most outcomes (then the first by slug): its page has the most parts."""
    by_slug = sorted(corpus.case_studies, key=lambda cs: cs.slug)
    return max(by_slug, key=lambda cs: len(cs.outcomes))  # max keeps the first of equals


def get_key_pages(built_site) -> dict[str, str]:
    """Page name -> URL path (relative to the site root) of every key page."""
    cs = get_richest_case_study(built_site.corpus)
    return {
        "home": page_url(addresses.HOME),
        "theme": page_url(theme_path(cs.theme)),
        "stage": page_url(stage_path(cs.stage)),
        "council": page_url(council_path(cs.councils[0])),
        "case-study": page_url(case_study_path(cs)),
        "all-list": page_url(addresses.CASE_STUDIES),
        "councils-a-z": page_url(addresses.COUNCILS),
        "search": page_url(addresses.SEARCH),
        "compare": page_url(addresses.COMPARE),
        "data": page_url(addresses.DATA),
        "insights": page_url(addresses.INSIGHTS),
        "model": page_url(addresses.MODEL),
        "evidence": page_url(addresses.EVIDENCE),
    }


def is_built(built_site, url: str) -> bool:
    """Whether the build wrote a page at this URL path (a folder listing does not count)."""
    return (built_site.paths.site / url / "index.html").is_file()


def get_page_url(built_site, name: str) -> str:
    """The absolute URL of a named key page; fails the test when the build did not write it."""
    url = get_key_pages(built_site)[name]
    if not is_built(built_site, url):
        pytest.fail(f"the {name} page ({url or 'the home page'}) is missing from the build: {url}index.html was not written")
    return built_site.url(url)
