"""Addresses: where every generated file goes in docs/, and the URL the site gives it.

This is the one module that writes a page path. Everything else asks it: the renderer, the
exports and feeds, the search index, the writer (which folders are generated), the loader (which
case-study names are taken), and the theme overrides and MkDocs navigation, which get addresses
from the environment the pipeline gives the site engine (`engine_environment`).

Paths are relative to docs/. MkDocs serves `x/y.md` at `x/y/` (use_directory_urls), which
`page_url` mirrors; other files keep their path.

Adding a page type is one line here: `ASSESS = _declare("ASSESS", "assess/index.md")`; then
render it at `addresses.ASSESS` (templates link to it as `md(addresses.ASSESS)`). Its folder
becomes generated (`GENERATED_DIRS`: wiped and rewritten each build), case studies can no longer
take a name that would land on it, and the theme and the navigation can refer to it as
`CASEBOOK_URL_ASSESS` / `CASEBOOK_PAGE_ASSESS` (`!ENV` in mkdocs.yml). A new top-level folder
also goes in .gitignore and the Makefile's `GENERATED` (tests/test_repo_hygiene.py fails until it
does). Renaming a page type is a change to its line alone (tests/test_addresses.py builds a site
with one renamed to show it).
"""
from __future__ import annotations

import functools
import posixpath
from typing import Any, Mapping, Protocol

PATTERNS: dict[str, str] = {}  # name -> path pattern; `{slug}` marks one file per item


def _declare(name: str, pattern: str) -> str:
    PATTERNS[name] = pattern
    return pattern


# --- Pages (Markdown, turned into HTML by the site engine) --------------------------------------
HOME = _declare("HOME", "index.md")
CASE_STUDIES = _declare("CASE_STUDIES", "case-studies/index.md")
CASE_STUDY = _declare("CASE_STUDY", "case-studies/{slug}.md")
THEMES = _declare("THEMES", "themes/index.md")
THEME = _declare("THEME", "themes/{slug}.md")
STAGES = _declare("STAGES", "stages/index.md")
STAGE = _declare("STAGE", "stages/{slug}.md")
SERVICES = _declare("SERVICES", "services/index.md")  # browse by service area (taxonomy `services`)
SERVICE = _declare("SERVICE", "services/{slug}.md")
COUNCILS = _declare("COUNCILS", "councils/index.md")
COUNCIL = _declare("COUNCIL", "councils/{slug}.md")
SEARCH = _declare("SEARCH", "search/index.md")
COMPARE = _declare("COMPARE", "compare/index.md")
INSIGHTS = _declare("INSIGHTS", "insights/index.md")  # "Outcomes at a glance": charts and their tables
DATA = _declare("DATA", "data/index.md")  # "Open data": explains the files below
ASSESS = _declare("ASSESS", "assess/index.md")  # "Where is my council on the 3R model?" (self-assessment)
BENCHMARK = _declare("BENCHMARK", "benchmark/index.md")  # where councils stand, from published case studies
MODEL = _declare("MODEL", "model.md")  # "The 3R model": its levels and questions, read from the taxonomy
EVIDENCE = _declare("EVIDENCE", "evidence.md")  # "Evidence and methods": grades and measures, read from the taxonomy

# --- Data files ---------------------------------------------------------------------------------
COMPARE_DATA = _declare("COMPARE_DATA", "compare/{slug}.json")  # what the compare page shows for one case study
EXPORT_JSON = _declare("EXPORT_JSON", "data/casestudies.json")
EXPORT_SCHEMA = _declare("EXPORT_SCHEMA", "data/casestudies.schema.json")
FRONT_MATTER_SCHEMA = _declare("FRONT_MATTER_SCHEMA", "data/case-study.schema.json")
CASE_STUDIES_CSV = _declare("CASE_STUDIES_CSV", "data/casestudies.csv")
OUTCOMES_CSV = _declare("OUTCOMES_CSV", "data/outcomes.csv")
DATAPACKAGE = _declare("DATAPACKAGE", "data/datapackage.json")
FEED_ALL = _declare("FEED_ALL", "data/feeds/all.atom.xml")
FEED_THEME = _declare("FEED_THEME", "data/feeds/{slug}.atom.xml")
ASSESS_COUNCILS = _declare("ASSESS_COUNCILS", "assess/councils.json")  # register names -> GSS code, for the type-ahead
ASSESS_NEIGHBOURS = _declare("ASSESS_NEIGHBOURS", "assess/neighbours.json")  # every council's ten nearest neighbours
ASSESS_PLANS = _declare("ASSESS_PLANS", "assess/plans.json")  # the self-assessment's plans: case studies and lessons by theme and stage
ASSESS_SCHEMA = _declare("ASSESS_SCHEMA", "assess/result.schema.json")  # JSON Schema of the assessment download

# Pagefind's index and scripts: a folder of the built site (not of docs/), written by the indexer.
SEARCH_BUNDLE_DIR = "pagefind"


class HasSlug(Protocol):
    @property
    def slug(self) -> str: ...


def path_of(pattern: str, item: HasSlug) -> str:
    """The docs/ path of one item's file: `path_of(THEME, theme)` -> `themes/shared-services.md`."""
    return pattern.format(slug=item.slug)


def case_study_path(case_study: HasSlug) -> str:
    return path_of(CASE_STUDY, case_study)


def theme_path(theme: HasSlug) -> str:
    return path_of(THEME, theme)


def stage_path(stage: HasSlug) -> str:
    return path_of(STAGE, stage)


def service_path(service: HasSlug) -> str:
    return path_of(SERVICE, service)


def council_path(council: HasSlug) -> str:
    return path_of(COUNCIL, council)


def theme_feed_path(theme: HasSlug) -> str:
    return path_of(FEED_THEME, theme)


def compare_data_path(case_study: HasSlug) -> str:
    return path_of(COMPARE_DATA, case_study)


def folder_of(pattern: str) -> str:
    """The folder of docs/ a pattern's files live in (`case-studies/{slug}.md` -> `case-studies`)."""
    return posixpath.dirname(pattern)


# --- What is generated ------------------------------------------------------------------------
# Everything under these folders of docs/ (and these single files) is generated: wiped and
# rewritten on every build, ignored by git.
GENERATED_DIRS: tuple[str, ...] = tuple(dict.fromkeys(p.split("/", 1)[0] for p in PATTERNS.values() if "/" in p))
GENERATED_FILES: tuple[str, ...] = tuple(p for p in PATTERNS.values() if "/" not in p)
FIXED_PATHS: frozenset[str] = frozenset(p for p in PATTERNS.values() if "{" not in p)


def is_reserved(slug: str) -> bool:
    """True if a case study with this slug would be written where another generated file goes (e.g. `index`)."""
    return CASE_STUDY.format(slug=slug) in FIXED_PATHS


# --- URLs ---------------------------------------------------------------------------------------

def page_url(path: str) -> str:
    """The URL (relative to the site root) MkDocs gives a docs/ file: `a/b.md` -> `a/b/`; other files as they are."""
    if not path.endswith(".md"):
        return path
    stem = path[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@functools.lru_cache(maxsize=65536)  # pure, and called tens of thousands of times per build
def relative_url(from_path: str, to_path: str) -> str:
    """A link from one docs/ page to another file that works under any sub-path."""
    to_url, anchor = (to_path.split("#", 1) + [""])[:2]
    target = page_url(to_url)
    relative = posixpath.relpath("/" + target, "/" + page_url(from_path)) if target else posixpath.relpath("/", "/" + page_url(from_path))
    relative = "./" if relative == "." else relative + ("/" if target.endswith("/") or not target else "")
    return relative + (f"#{anchor}" if anchor else "")


def relative_doc_path(from_path: str, to_path: str) -> str:
    """A Markdown link between docs/ files (`../themes/x.md#a`), which the site engine checks and rewrites."""
    to_file, anchor = (to_path.split("#", 1) + [""])[:2]
    relative = posixpath.relpath(to_file, posixpath.dirname(from_path) or ".")
    return relative + (f"#{anchor}" if anchor else "")


def absolute_url(site: Mapping[str, Any], path: str) -> str:
    """The public URL of a docs/ file."""
    return site["site_url"] + page_url(path)


def engine_environment() -> dict[str, str]:
    """What the theme overrides and mkdocs.yml's navigation read with `!ENV`: every fixed page's
    docs/ path (`CASEBOOK_PAGE_SEARCH=search/index.md`) and URL (`CASEBOOK_URL_SEARCH=search/`)."""
    environment: dict[str, str] = {}
    for name, pattern in PATTERNS.items():
        if "{" not in pattern:
            environment[f"CASEBOOK_PAGE_{name}"] = pattern
            environment[f"CASEBOOK_URL_{name}"] = page_url(pattern)
    return environment
