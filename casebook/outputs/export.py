"""Export: the corpus as open data under docs/data/: JSON (export_json.py), CSV with a Data Package
(export_csv.py), Atom feeds (feed.py) and the "Open data" page that explains them, from the same
Corpus as the pages. Pure: every file goes to the build's collector for write.py to write.
"""
from __future__ import annotations

import csv
import io
import json
import posixpath
from dataclasses import dataclass
from typing import Mapping

from casebook.addresses import (
    CASE_STUDIES_CSV, DATA, DATAPACKAGE, EXPORT_JSON, EXPORT_SCHEMA, FEED_ALL, FRONT_MATTER_SCHEMA, HOME, OUTCOMES_CSV,
    absolute_url, case_study_path, theme_feed_path, theme_path,
)
from casebook.collector import Collector
from casebook.outputs import feed
from casebook.outputs.citation import LICENCE_URL
from casebook.outputs.dates import edition_date
from casebook.outputs.export_csv import FORMULA_STARTS, LIST_SEPARATOR, build_datapackage, case_study_columns, outcome_columns, outcome_rows, render_csv
from casebook.outputs.export_json import REGISTER_ATTRIBUTION, build_export, build_export_schema, dump_json
from casebook.render import SiteRenderer
from casebook.schema import build_schema, dump_schema

Page = str | bytes

# What a reader downloads, in the order the page lists them, and what each holds (in reader words).
READER_FILES = (
    (CASE_STUDIES_CSV, "One row per case study: its councils, theme, 3R stage, status, dates, service areas and headline figure."),
    (OUTCOMES_CSV, "One row per outcome figure, with its year, basis, evidence grade and source, and the case study it belongs to."),
    (EXPORT_JSON, "Every case study with all its fields, its councils' register details, web address, sources and outcome figures."),
)
# Files for people writing code against the data: the "For developers" section.
DEVELOPER_FILES = (
    (DATAPACKAGE, "A Frictionless Data Package describing both CSV files: each column's name, type, allowed values and keys."),
    (EXPORT_SCHEMA, "The JSON Schema that casestudies.json conforms to."),
    (FRONT_MATTER_SCHEMA, "The JSON Schema of a case study's source file (its front matter), as contributors write it."),
)


@dataclass(frozen=True)
class Download:
    name: str
    path: str
    holds: str
    size: str  # as a reader reads it: "12.3 kB"
    rows: str  # data rows, or "" where a file has no rows


def file_size(size: int) -> str:
    """A size in the units a download link shows: bytes, kB or MB (powers of 1,000)."""
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1000:.1f} kB"
    return f"{size / 1_000_000:.1f} MB"


def row_count(path: str, content: Page) -> str:
    """Data rows of a written file: CSV records after the header, or the case studies in the JSON."""
    text = content.decode("utf-8") if isinstance(content, bytes) else content
    if path.endswith(".csv"):
        return f"{max(sum(1 for _ in csv.reader(io.StringIO(text))) - 1, 0):,}"
    if path == EXPORT_JSON:
        return f"{len(json.loads(text)['case_studies']):,}"
    return ""


def describe_downloads(files: Mapping[str, Page], listed: tuple[tuple[str, str], ...]) -> list[Download]:
    """Each listed file as written to docs/ by this build: its size and rows come from its content."""
    downloads = []
    for path, holds in listed:
        content = files[path]
        size = len(content.encode("utf-8") if isinstance(content, str) else content)
        downloads.append(Download(posixpath.basename(path), path, holds, file_size(size), row_count(path, content)))
    return downloads


def code_lists(renderer: SiteRenderer) -> list[tuple[str, object]]:
    """The CSV columns that hold codes, each with the terms whose ids it holds."""
    taxonomy = renderer.corpus.taxonomy
    measures = [theme.headline_measure for theme in taxonomy.themes if theme.headline_measure]
    return [
        ("theme", taxonomy.themes), ("stage", taxonomy.stages), ("status", taxonomy.statuses),
        ("services", taxonomy.services), ("headline_measure", measures), ("basis", taxonomy.bases),
        ("kind", taxonomy.outcome_kinds), ("evidence", taxonomy.evidence_grades),
    ]


def render_data_page(renderer: SiteRenderer, files: Mapping[str, Page]) -> tuple[str, str]:
    """The "Open data" page, which explains and links every file, given the files this build wrote."""
    corpus = renderer.corpus
    links = {"case_studies_csv": CASE_STUDIES_CSV, "outcomes_csv": OUTCOMES_CSV, "feed": FEED_ALL}
    description = "Download the casebook as spreadsheets (CSV), JSON and Atom feeds, with sizes, dates, licence and attribution."
    edition = edition_date(corpus)
    return renderer.render(
        "data.md.j2", DATA, "Open data", description, files=links, feed_path=theme_feed_path,
        outcome_count=len(outcome_rows(corpus)), formula_starts=FORMULA_STARTS, separator=LIST_SEPARATOR.strip(),
        attribution=REGISTER_ATTRIBUTION, licence_url=LICENCE_URL, edition=f"{edition.day} {edition:%B %Y}",
        downloads=describe_downloads(files, READER_FILES), developer_files=describe_downloads(files, DEVELOPER_FILES),
        codes=code_lists(renderer),
    )


def render_exports(renderer: SiteRenderer, collector: Collector) -> None:
    """Every open-data file: data, schemas, feeds and the page that explains them."""
    corpus, site = renderer.corpus, renderer.site
    taxonomy = corpus.taxonomy
    pages: dict[str, Page] = {
        EXPORT_JSON: dump_json(build_export(corpus, site), compact=True),
        EXPORT_SCHEMA: dump_json(build_export_schema(taxonomy)),
        FRONT_MATTER_SCHEMA: dump_schema(build_schema(taxonomy)),
        CASE_STUDIES_CSV: render_csv(case_study_columns(taxonomy, site), list(corpus.case_studies)),
        OUTCOMES_CSV: render_csv(outcome_columns(taxonomy), outcome_rows(corpus)),
        DATAPACKAGE: dump_json(build_datapackage(corpus, site)),
    }
    collector.add_all(pages, claimant="the open data (outputs/export.py)")
    url_of = lambda path: absolute_url(site, path)  # noqa: E731 - a one-line adapter
    collector.add_all(feed.render_feeds(corpus, site, url_of, case_study_path, theme_path, HOME), claimant="the Atom feeds (outputs/feed.py)")
    collector.add(*render_data_page(renderer, pages), claimant="the Open data page (outputs/export.py)")
