"""Open data as JSON: casestudies.json and its JSON Schema, from the same Corpus as the pages."""
from __future__ import annotations

import copy
import json
from typing import Any, Mapping

from casebook.addresses import absolute_url, case_study_path
from casebook.model import CaseStudy, Corpus, Outcome, Source
from casebook.outputs.citation import LICENCE_ID, LICENCE_URL
from casebook.outputs.dates import edition_date
from casebook.outputs.headlines import HEADLINE_SCHEMA, headline_record
from casebook.register import Council
from casebook.schema import build_schema
from casebook.slugs import SLUG_PATTERN
from casebook.taxonomy import Taxonomy

REGISTER_ATTRIBUTION = (
    "Local authority names and codes: mySociety, UK Local Authority Names and Codes "
    "(https://github.com/mysociety/uk_local_authority_names_and_codes), CC BY 4.0."
)
REGISTER_URL = "https://github.com/mysociety/uk_local_authority_names_and_codes"
NULL = {"type": "null"}


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
    for optional in ("publisher", "date", "undated"):
        properties[optional] = _nullable(properties[optional])
    schema["required"] = list(properties)
    return schema


def build_export_schema(taxonomy: Taxonomy) -> dict[str, Any]:
    """JSON Schema of casestudies.json: the front-matter schema, plus URLs and register fields."""
    front_matter = build_schema(taxonomy)
    fields = copy.deepcopy(front_matter["properties"])
    fields.pop("draft")  # only published case studies are exported
    for optional in set(fields) - set(front_matter["required"]) - {"outcomes", "tags", "services"}:
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
            "headline": _nullable(HEADLINE_SCHEMA),
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
    return {"title": source.title, "url": source.url, "publisher": source.publisher or None, "date": source.date or None, "undated": source.undated or None, "number": source.number}


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
        "services": [str(service.id) for service in cs.services],
        "headline": headline_record(cs),
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


def dump_json(data: Any, compact: bool = False) -> str:
    """Indented for files people read (schema, data package); `compact` for the whole-corpus export,
    the site's largest file, where indentation was a fifth of it (about 11 MB at 10,000 case studies)
    and browsers and data tools lay JSON out for reading themselves."""
    if compact:
        return json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n"
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
