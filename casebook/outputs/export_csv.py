"""Open data as CSV: casestudies.csv and outcomes.csv, described by a Frictionless Data Package.

Column lists are declared once here; the CSV header, rows and Table Schemas all come from them.
"""
from __future__ import annotations

import csv
import io
import posixpath
from dataclasses import dataclass, field
from typing import Any, Callable, Generic, Mapping, TypeVar

from casebook.addresses import CASE_STUDIES_CSV, OUTCOMES_CSV, absolute_url, case_study_path, folder_of
from casebook.model import CaseStudy, Corpus, Outcome
from casebook.outputs.citation import LICENCE_ID, LICENCE_URL
from casebook.outputs.dates import edition_date
from casebook.outputs.headlines import headline_of
from casebook.outputs.export_json import REGISTER_ATTRIBUTION, REGISTER_URL
from casebook.schema import build_schema
from casebook.taxonomy import Taxonomy

LIST_SEPARATOR = "; "
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

T = TypeVar("T")


@dataclass(frozen=True)
class OutcomeRow:
    """One outcome figure with the case study it belongs to and its place in that case study."""

    case_study: CaseStudy
    number: int
    outcome: Outcome


@dataclass(frozen=True)
class Column(Generic[T]):
    """A CSV column and its Table Schema field, declared together."""

    name: str
    type: str
    description: str
    value: Callable[[T], Any]
    constraints: dict[str, Any] = field(default_factory=dict)

    def schema(self) -> dict[str, Any]:
        spec: dict[str, Any] = {"name": self.name, "type": self.type, "description": self.description}
        return spec | ({"constraints": self.constraints} if self.constraints else {})


def _joined(values: Any) -> str:
    return LIST_SEPARATOR.join(str(v) for v in values)


def _vocabulary_column(taxonomy: Taxonomy, key: str, name: str, description: str, value: Callable[[T], Any]) -> Column[T]:
    ids = taxonomy.vocabularies[key].ids()
    kind = "integer" if all(isinstance(i, int) for i in ids) else "string"
    return Column(name, kind, description, value, {"required": True, "enum": ids})


def case_study_columns(taxonomy: Taxonomy, site: Mapping[str, Any]) -> list[Column[CaseStudy]]:
    """Columns of casestudies.csv, one row per published case study."""
    described = build_schema(taxonomy)["properties"]
    sep = f"separated by '{LIST_SEPARATOR.strip()} '"
    return [
        Column("slug", "string", "Identifier from the file name; links outcomes.csv rows to their case study.", lambda cs: cs.slug, {"required": True, "unique": True}),
        Column("url", "string", "Web address of the case-study page.", lambda cs: absolute_url(site, case_study_path(cs))),
        Column("title", "string", described["title"]["description"], lambda cs: cs.title),
        Column("summary", "string", described["summary"]["description"], lambda cs: cs.summary),
        Column("councils", "string", f"Official names of the councils, {sep}.", lambda cs: _joined(c.name for c in cs.councils)),
        Column("council_gss_codes", "string", f"ONS GSS codes of the councils, in the same order, {sep} (empty where a body has none).", lambda cs: _joined(c.gss_code for c in cs.councils)),
        Column("council_types", "string", f"Authority types of the councils, in the same order, {sep}.", lambda cs: _joined(c.type_name for c in cs.councils)),
        Column("council_regions", "string", f"Regions of the councils, in the same order, {sep}.", lambda cs: _joined(c.region for c in cs.councils)),
        Column("council_nations", "string", f"Nations of the councils, in the same order, {sep}.", lambda cs: _joined(c.nation for c in cs.councils)),
        _vocabulary_column(taxonomy, "themes", "theme", described["theme"]["description"], lambda cs: cs.theme.id),
        _vocabulary_column(taxonomy, "stages", "stage", described["stage"]["description"], lambda cs: cs.stage.id),
        Column("stage_reasoning", "string", described["stage_reasoning"]["description"], lambda cs: cs.stage_reasoning),
        _vocabulary_column(taxonomy, "statuses", "status", described["status"]["description"], lambda cs: cs.status.id),
        Column("started", "integer", described["started"]["description"], lambda cs: cs.started, {"required": True}),
        Column("ended", "integer", described["ended"]["description"] + " Empty while it runs.", lambda cs: cs.ended),
        Column("reviewed", "date", described["reviewed"]["description"], lambda cs: cs.reviewed.isoformat(), {"required": True}),
        Column("added", "date", described["added"]["description"] + " Empty if not recorded.", lambda cs: cs.added.isoformat() if cs.added else None),
        Column("checked", "date", described["checked"]["description"] + " Empty if not recorded.", lambda cs: cs.checked.isoformat() if cs.checked else None),
        Column("headline_unavailable", "string", described["headline_unavailable"]["description"], lambda cs: cs.headline_unavailable),
        Column("headline_measure", "string", "Id of the theme's headline measure, if the case study reports it.", lambda cs: h.measure.id if (h := headline_of(cs)) else None),
        Column("headline_value", "number", "The case study's headline figure in pounds (a net loss is negative); empty if it reports none.", lambda cs: h.value if (h := headline_of(cs)) else None),
        Column("headline_per_resident", "number", "Headline figure divided by the register's 2020 population, for measures shown per resident.", lambda cs: h.per_resident if (h := headline_of(cs)) else None),
        Column("tags", "string", f"Keywords, {sep}.", lambda cs: _joined(cs.tags)),
        Column("services", "string", f"Service areas (ids from the taxonomy's `services`), {sep}.", lambda cs: _joined(service.id for service in cs.services)),
        Column("source_count", "integer", "Number of public sources listed.", lambda cs: len(cs.sources)),
        Column("outcome_count", "integer", "Number of outcome figures (rows in outcomes.csv).", lambda cs: len(cs.outcomes)),
    ]


def outcome_columns(taxonomy: Taxonomy) -> list[Column[OutcomeRow]]:
    """Columns of outcomes.csv, one row per outcome figure."""
    described = build_schema(taxonomy)["properties"]["outcomes"]["items"]["properties"]
    return [
        Column("slug", "string", "The case study this figure belongs to (casestudies.csv slug).", lambda r: r.case_study.slug, {"required": True}),
        Column("outcome", "integer", "Position of the figure in its case study (1 = first).", lambda r: r.number, {"required": True}),
        _vocabulary_column(taxonomy, "themes", "theme", "Theme of the case study.", lambda r: r.case_study.theme.id),
        _vocabulary_column(taxonomy, "stages", "stage", "3R stage of the case study.", lambda r: r.case_study.stage.id),
        Column("measure", "string", described["measure"]["description"], lambda r: r.outcome.measure),
        Column("value", "number", described["value"]["description"], lambda r: r.outcome.value, {"required": True}),
        Column("unit", "string", described["unit"]["description"], lambda r: r.outcome.unit),
        Column("year", "string", described["year"]["description"], lambda r: r.outcome.year),
        _vocabulary_column(taxonomy, "bases", "basis", described["basis"]["description"], lambda r: r.outcome.basis.id),
        _vocabulary_column(taxonomy, "outcome_kinds", "kind", described["kind"]["description"], lambda r: r.outcome.kind.id),
        _vocabulary_column(taxonomy, "evidence_grades", "evidence", described["evidence"]["description"], lambda r: r.outcome.evidence.id),
        Column("source", "integer", described["source"]["description"], lambda r: r.outcome.source.number),
        Column("source_title", "string", "Title of that source.", lambda r: r.outcome.source.title),
        Column("source_url", "string", "Web address of that source.", lambda r: r.outcome.source.url),
        Column("confirmed_by", "string", f"{described['confirmed_by']['description']} Numbers separated by '{LIST_SEPARATOR.strip()} '; empty if none recorded.", lambda r: _joined(s.number for s in r.outcome.confirmed_by or ())),
        Column("headline", "boolean", described["headline"]["description"], lambda r: "true" if r.outcome.headline else "false", {"required": True}),
    ]


def outcome_rows(corpus: Corpus) -> list[OutcomeRow]:
    return [OutcomeRow(cs, n, o) for cs in corpus.case_studies for n, o in enumerate(cs.outcomes, start=1)]


def guard_formula(text: str) -> str:
    """Prefix an apostrophe to text a spreadsheet would run as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _cell(column: Column[T], item: T) -> str:
    value = column.value(item)
    if value is None:
        return ""
    # Only text is guarded: numbers and dates are typed, and -5 in a number column is a number.
    return guard_formula(str(value)) if column.type == "string" else str(value)


def render_csv(columns: list[Column[T]], items: list[T]) -> str:
    """RFC 4180 CSV with a header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.name for c in columns])
    writer.writerows([_cell(c, item) for c in columns] for item in items)
    return buffer.getvalue()


def _resource(name: str, path: str, title: str, columns: list[Column[Any]], keys: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": name, "path": path, "title": title, "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
        "schema": {"fields": [c.schema() for c in columns], "missingValues": [""], **keys},
    }


def build_datapackage(corpus: Corpus, site: Mapping[str, Any]) -> dict[str, Any]:
    """A Frictionless Data Package describing both CSVs with Table Schemas."""
    taxonomy = corpus.taxonomy
    outcome_keys = {
        "primaryKey": ["slug", "outcome"],
        "foreignKeys": [{"fields": "slug", "reference": {"resource": "casestudies", "fields": "slug"}}],
    }
    return {
        "name": "transformation-casebook",
        "title": site["name"],
        "description": site["description"],
        "homepage": site["site_url"],
        "created": edition_date(corpus).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "licenses": [{"name": LICENCE_ID, "path": LICENCE_URL, "title": "Creative Commons Attribution 4.0"}],
        "sources": [{"title": REGISTER_ATTRIBUTION, "path": REGISTER_URL}],
        "resources": [
            _resource("casestudies", _file(CASE_STUDIES_CSV), "Case studies, one row each", case_study_columns(taxonomy, site), {"primaryKey": "slug"}),
            _resource("outcomes", _file(OUTCOMES_CSV), "Outcome figures, one row each", outcome_columns(taxonomy), outcome_keys),
        ],
    }


def _file(path: str) -> str:
    """A data file's path relative to the data folder, as the package and page refer to it."""
    return posixpath.relpath(path, folder_of(CASE_STUDIES_CSV))
