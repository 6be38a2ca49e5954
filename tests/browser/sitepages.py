"""Which pages of the built site the browser tests visit, chosen from the corpus, never hard-coded.

Representative pages come from the richest case study (most outcomes), so tables and charts are
on the pages checked. Pages other issues add (search, data, insights) are checked once they exist.
"""
from __future__ import annotations

import pytest

from casebook.model import CaseStudy, Corpus
from casebook.addresses import case_study_path, council_path, page_url, stage_path, theme_path

# Pages every build has, and pages that appear only once the feature that makes them is built.
REQUIRED = ("home", "theme", "stage", "council", "case-study", "all-list", "councils-a-z")
OPTIONAL = {"search": "search/", "data": "data/", "insights": "insights/"}


def get_richest_case_study(corpus: Corpus) -> CaseStudy:
    """The case study with the most outcomes (then the first by slug): its page has the most parts."""
    by_slug = sorted(corpus.case_studies, key=lambda cs: cs.slug)
    return max(by_slug, key=lambda cs: len(cs.outcomes))  # max keeps the first of equals


def get_key_pages(built_site) -> dict[str, str]:
    """Page name -> URL path (relative to the site root) for every page that exists in this build."""
    cs = get_richest_case_study(built_site.corpus)
    pages = {
        "home": "",
        "theme": page_url(theme_path(cs.theme)),
        "stage": page_url(stage_path(cs.stage)),
        "council": page_url(council_path(cs.councils[0])),
        "case-study": page_url(case_study_path(cs)),
        "all-list": "case-studies/",
        "councils-a-z": "councils/",
    }
    pages.update({name: url for name, url in OPTIONAL.items() if is_built(built_site, url)})
    return pages


def is_built(built_site, url: str) -> bool:
    """Whether the build wrote a page at this URL path (a folder listing does not count)."""
    return (built_site.paths.site / url / "index.html").is_file()


def get_page_url(built_site, name: str) -> str:
    """The absolute URL of a named page; missing optional pages are reported as skips, not passes."""
    pages = get_key_pages(built_site)
    if name not in pages:
        pytest.skip(f"the {name} page ({OPTIONAL.get(name)}) is not in this build yet")
    return built_site.url(pages[name])
