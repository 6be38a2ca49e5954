"""Export: the corpus as open data under docs/data/ (JSON + its JSON Schema, CSVs + a Frictionless
Data Package, Atom feeds and the "Open data" page), from the same Corpus as the pages.

Pure: `render_exports` adds each docs/ path -> text or bytes to the build's collector for write.py to write. Column and field
lists are declared once here; the CSV header, rows and Table Schemas all come from them.
"""
from __future__ import annotations

import copy
import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any, Callable, Generic, Mapping, TypeVar

from casebook.addresses import CASE_STUDIES_CSV, DATA, DATAPACKAGE, EXPORT_JSON, EXPORT_SCHEMA, FEED_ALL, FRONT_MATTER_SCHEMA, HOME, OUTCOMES_CSV, absolute_url, case_study_path, theme_feed_path, theme_path
from casebook.outputs import feed
from casebook.outputs.citation import LICENCE_ID, LICENCE_URL, edition_date
from casebook.collector import Collector
from casebook.model import CaseStudy, Corpus, Outcome, Source
from casebook.register import Council
from casebook.render import SiteRenderer
from casebook.schema import build_schema, dump_schema
from casebook.slugs import SLUG_PATTERN
from casebook.taxonomy import Taxonomy


REGISTER_ATTRIBUTION = (
    "Local authority names and codes: mySociety, UK Local Authority Names and Codes "
    "(https://github.com/mysociety/uk_local_authority_names_and_codes), CC BY 4.0."
)
REGISTER_URL = "https://github.com/mysociety/uk_local_authority_names_and_codes"
LIST_SEPARATOR = "; "
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NULL = {"type": "null"}

T = TypeVar("T")
Page = str | bytes


# --- JSON ------------------------------------------------------------------------------------

def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, NULL], "description": schema.get("description", "")}


def _council_schema() -> dict[str, Any]:
    text = {"type": "string"}
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["name", "short_name", "code", "gss_code", "type", "region", "nation", "current", "register"],
        "properties": {
            "name": dict(text, description="Official name, as in the register."),
            "short_name": dict(text, description="Shorter everyday name."),
            "code": dict(text, description="mySociety's local-authority code (empty for bodies outside that register)."),
            "gss_code": dict(text, description="ONS GSS code of the area (empty if the body has none)."),
            "type": dict(text, description="Type of authority, e.g. Non-metropolitan district."),
            "region": dict(text, description="English region, or the nation outside England."),
            "nation": dict(text, description="England, Scotland, Wales or Northern Ireland."),
            "current": {"type": "boolean", "description": "False for authorities that have been abolished."},
            "register": dict(text, description="Where these fields come from (mySociety register, or our own source)."),
        },
    }


def _source_schema(front_matter_source: dict[str, Any]) -> dict[str, Any]:
    schema = copy.deepcopy(front_matter_source)
    properties = schema["properties"]
    properties["number"] = {"type": "integer", "minimum": 1, "description": "Number of the source on the page (1 = first)."}
    for optional in ("publisher", "date"):
        properties[optional] = _nullable(properties[optional])
    schema["required"] = list(properties)
    return schema


def build_export_schema(taxonomy: Taxonomy) -> dict[str, Any]:
    """JSON Schema of casestudies.json: the front-matter schema, plus URLs and register fields."""
    front_matter = build_schema(taxonomy)
    fields = copy.deepcopy(front_matter["properties"])
    fields.pop("draft")  # only published case studies are exported
    for optional in set(fields) - set(front_matter["required"]) - {"outcomes", "tags"}:
        fields[optional] = _nullable(fields[optional])
    fields["councils"] = {"type": "array", "minItems": 1, "items": _council_schema(), "description": fields["councils"]["description"]}
    fields["sources"]["items"] = _source_schema(fields["sources"]["items"])
    outcome_fields = fields["outcomes"]["items"]["properties"]
    outcome_fields["confirmed_by"] = _nullable(outcome_fields["confirmed_by"])  # null: not yet checked for a second source
    fields["outcomes"]["items"]["required"] = list(outcome_fields)
    item = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "slug": {"type": "string", "pattern": SLUG_PATTERN.pattern, "description": "Identifier from the file name."},
            "url": {"type": "string", "format": "uri", "description": "Web address of the case-study page."},
            "source_file": {"type": "string", "description": "Path of the Markdown source in the repository."},
            **fields,
        },
    }
    item["required"] = list(item["properties"])
    vocabulary = {"type": "array", "items": {"type": "object", "required": ["id", "name", "description"]}}
    return {
        "$schema": front_matter["$schema"],
        "$id": "casestudies.schema.json",
        "title": "Transformation Casebook: published case studies (export, version 1)",
        "type": "object",
        "additionalProperties": False,
        "required": ["$schema", "name", "url", "licence", "attribution", "updated", "count", "vocabularies", "case_studies"],
        "properties": {
            "$schema": {"type": "string"},
            "name": {"type": "string", "description": "Name of the casebook."},
            "url": {"type": "string", "format": "uri", "description": "Home page of the casebook."},
            "licence": {"type": "object", "required": ["id", "url"], "description": "Licence of the casebook's content."},
            "attribution": {"type": "string", "description": "Credit owed for the council register fields."},
            "updated": {"type": "string", "format": "date", "description": "Date of this edition (newest content date, or SOURCE_DATE_EPOCH)."},
            "count": {"type": "integer", "minimum": 0, "description": "Number of case studies."},
            "vocabularies": {"type": "object", "additionalProperties": vocabulary, "description": "Names and meanings of the ids used in the case studies."},
            "case_studies": {"type": "array", "items": item, "description": "Published case studies, sorted by slug."},
        },
    }


def _council_record(council: Council) -> dict[str, Any]:
    return {
        "name": council.name, "short_name": council.short_name, "code": council.code, "gss_code": council.gss_code,
        "type": council.type_name, "region": council.region, "nation": council.nation, "current": council.current,
        "register": council.source,
    }


def _source_record(source: Source) -> dict[str, Any]:
    return {"title": source.title, "url": source.url, "publisher": source.publisher or None, "date": source.date or None, "number": source.number}


def _outcome_record(outcome: Outcome) -> dict[str, Any]:
    return {
        "measure": outcome.measure, "value": outcome.value, "unit": outcome.unit, "year": outcome.year,
        "basis": outcome.basis.id, "kind": outcome.kind.id, "evidence": outcome.evidence.id, "source": outcome.source.number,
        "confirmed_by": None if outcome.confirmed_by is None else [s.number for s in outcome.confirmed_by], "headline": outcome.headline,
    }


def case_study_record(case_study: CaseStudy, url: str) -> dict[str, Any]:
    """One case study as plain JSON data: front-matter fields with register fields filled in."""
    cs = case_study
    return {
        "slug": cs.slug, "url": url, "source_file": cs.path, "title": cs.title, "summary": cs.summary,
        "councils": [_council_record(c) for c in cs.councils],
        "theme": cs.theme.id, "stage": cs.stage.id, "stage_reasoning": cs.stage_reasoning or None, "status": cs.status.id,
        "started": cs.started, "ended": cs.ended, "reviewed": cs.reviewed.isoformat(),
        "added": cs.added.isoformat() if cs.added else None,
        "checked": cs.checked.isoformat() if cs.checked else None, "headline_unavailable": cs.headline_unavailable or None,
        "sources": [_source_record(s) for s in cs.sources],
        "outcomes": [_outcome_record(o) for o in cs.outcomes],
        "tags": list(cs.tags),
    }


def build_export(corpus: Corpus, site: Mapping[str, Any]) -> dict[str, Any]:
    """The whole casestudies.json document."""
    vocabularies = {
        key: [{"id": t.id, "name": t.name, "description": t.description} for t in vocabulary]
        for key, vocabulary in corpus.taxonomy.vocabularies.items()
    }
    return {
        "$schema": "casestudies.schema.json",
        "name": site["name"],
        "url": site["site_url"],
        "licence": {"id": LICENCE_ID, "url": LICENCE_URL},
        "attribution": REGISTER_ATTRIBUTION,
        "updated": edition_date(corpus).date().isoformat(),
        "count": len(corpus.case_studies),
        "vocabularies": vocabularies,
        "case_studies": [case_study_record(cs, absolute_url(site, case_study_path(cs))) for cs in corpus.case_studies],
    }


def _dump_json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# --- CSV and Table Schema --------------------------------------------------------------------

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
        Column("tags", "string", f"Keywords, {sep}.", lambda cs: _joined(cs.tags)),
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
    return path.split("/", 1)[1]


# --- Assembly --------------------------------------------------------------------------------

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
        EXPORT_JSON: _dump_json(build_export(corpus, site)),
        EXPORT_SCHEMA: _dump_json(build_export_schema(taxonomy)),
        FRONT_MATTER_SCHEMA: dump_schema(build_schema(taxonomy)),
        CASE_STUDIES_CSV: render_csv(case_study_columns(taxonomy, site), list(corpus.case_studies)),
        OUTCOMES_CSV: render_csv(outcome_columns(taxonomy), outcome_rows(corpus)),
        DATAPACKAGE: _dump_json(build_datapackage(corpus, site)),
    }
    collector.add_all(pages, claimant="the open data (outputs/export.py)")
    url_of = lambda path: absolute_url(site, path)  # noqa: E731 - a one-line adapter
    collector.add_all(feed.render_feeds(corpus, site, url_of, case_study_path, theme_path, HOME), claimant="the Atom feeds (outputs/feed.py)")
    collector.add(*render_data_page(renderer), claimant="the Open data page (outputs/export.py)")
