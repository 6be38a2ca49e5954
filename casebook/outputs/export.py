"""Export: the corpus as open data under docs/data/: JSON (export_json.py), CSV with a Data Package
(export_csv.py), Atom feeds (feed.py) and the "Open data" page that explains them, from the same
Corpus as the pages. Pure: every file goes to the build's collector for write.py to write.
"""
from __future__ import annotations

from casebook.addresses import (
    CASE_STUDIES_CSV, DATA, DATAPACKAGE, EXPORT_JSON, EXPORT_SCHEMA, FEED_ALL, FRONT_MATTER_SCHEMA, HOME, OUTCOMES_CSV,
    absolute_url, case_study_path, theme_feed_path, theme_path,
)
from casebook.collector import Collector
from casebook.outputs import feed
from casebook.outputs.citation import LICENCE_URL
from casebook.outputs.export_csv import FORMULA_STARTS, LIST_SEPARATOR, build_datapackage, case_study_columns, outcome_columns, outcome_rows, render_csv
from casebook.outputs.export_json import REGISTER_ATTRIBUTION, build_export, build_export_schema, dump_json
from casebook.render import SiteRenderer
from casebook.schema import build_schema, dump_schema

Page = str | bytes


def render_data_page(renderer: SiteRenderer) -> tuple[str, str]:
    """The "Open data" page, which explains and links every file."""
    corpus = renderer.corpus
    files = {
        "json": EXPORT_JSON, "schema": EXPORT_SCHEMA, "front_matter_schema": FRONT_MATTER_SCHEMA,
        "case_studies_csv": CASE_STUDIES_CSV, "outcomes_csv": OUTCOMES_CSV, "datapackage": DATAPACKAGE, "feed": FEED_ALL,
    }
    description = "Download the casebook as JSON, CSV and Atom feeds, with schemas, licence and attribution."
    return renderer.render(
        "data.md.j2", DATA, "Open data", description, files=files, feed_path=theme_feed_path,
        outcome_count=len(outcome_rows(corpus)), formula_starts=FORMULA_STARTS, separator=LIST_SEPARATOR.strip(),
        attribution=REGISTER_ATTRIBUTION, licence_url=LICENCE_URL,
    )


def render_exports(renderer: SiteRenderer, collector: Collector) -> None:
    """Every open-data file: data, schemas, feeds and the page that explains them."""
    corpus, site = renderer.corpus, renderer.site
    taxonomy = corpus.taxonomy
    pages: dict[str, Page] = {
        EXPORT_JSON: dump_json(build_export(corpus, site)),
        EXPORT_SCHEMA: dump_json(build_export_schema(taxonomy)),
        FRONT_MATTER_SCHEMA: dump_schema(build_schema(taxonomy)),
        CASE_STUDIES_CSV: render_csv(case_study_columns(taxonomy, site), list(corpus.case_studies)),
        OUTCOMES_CSV: render_csv(outcome_columns(taxonomy), outcome_rows(corpus)),
        DATAPACKAGE: dump_json(build_datapackage(corpus, site)),
    }
    collector.add_all(pages, claimant="the open data (outputs/export.py)")
    url_of = lambda path: absolute_url(site, path)  # noqa: E731 - a one-line adapter
    collector.add_all(feed.render_feeds(corpus, site, url_of, case_study_path, theme_path, HOME), claimant="the Atom feeds (outputs/feed.py)")
    collector.add(*render_data_page(renderer), claimant="the Open data page (outputs/export.py)")
