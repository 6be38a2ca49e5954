"""The case-study front-matter schema (JSON Schema 2020-12), built from the taxonomy.

The schema's structure lives here; its vocabularies come from taxonomy.yml, so a new theme is
a change to that file alone. `x-vocabulary` names the taxonomy list a field draws on, which
validation uses to word its hints.
"""
from __future__ import annotations

import json
from typing import Any

from casebook.taxonomy import Taxonomy

SCHEMA_ID = "case-study.schema.json"
# The JSON Schema dialect, declared once: the schema says it, and validate.py picks its validators by it.
DIALECT = "https://json-schema.org/draft/2020-12/schema"
YEAR = {"type": "integer", "minimum": 1900, "maximum": 2100}
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
URL_PATTERN = r"^https?://[^\s<>\"]+$"


def _vocabulary(taxonomy: Taxonomy, key: str, description: str) -> dict[str, Any]:
    vocabulary = taxonomy.vocabularies[key]
    kind = "integer" if all(isinstance(i, int) for i in vocabulary.ids()) else "string"
    return {"type": kind, "enum": vocabulary.ids(), "x-vocabulary": key, "description": description}


def _source_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["title", "url", "publisher"],
        "properties": {
            "title": {"type": "string", "minLength": 1, "description": "Title of the page or report."},
            "url": {"type": "string", "pattern": URL_PATTERN, "description": "The publisher's own public http(s) address for it: no feed or mirror copies, AMP pages, staging sites or tracking parameters."},
            "publisher": {"type": "string", "minLength": 1, "description": "Who published it (the organisation, e.g. `BBC News`, `Bristol City Council`)."},
            "date": {
                "type": ["string", "integer"],
                "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
                "description": "When it was published: YYYY, YYYY-MM or YYYY-MM-DD; required unless `undated` says why it cannot be known.",
            },
            "undated": {
                "type": "string",
                "minLength": 1,
                "maxLength": 120,
                "description": "Instead of `date`: why no publication date can be known, e.g. `living web page, no publication date`.",
            },
        },
    }


def _outcome_schema(taxonomy: Taxonomy) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["measure", "value", "unit", "year", "basis", "evidence", "source"],
        "properties": {
            "measure": {"type": "string", "minLength": 1, "description": "What the figure measures, in plain words."},
            "value": {"type": "number", "description": "The figure as a plain number in `unit` (money in whole pounds)."},
            "unit": {"type": "string", "minLength": 1, "maxLength": 30, "description": "`GBP` for money; otherwise a short word such as `percent`, `jobs`, `homes`."},
            "year": {
                "type": ["integer", "string"],
                "minimum": 1900,
                "pattern": r"^\d{4}/\d{2}$",
                "description": "Year the figure refers to: a calendar year (2019) or a quoted financial year (\"2019/20\").",
            },
            "basis": _vocabulary(taxonomy, "bases", "How the figure accrues: one-off, annual or cumulative."),
            "kind": _vocabulary(taxonomy, "outcome_kinds", "What the figure is (saving, income, cost, ...); annual GBP savings are summed on the site. Default `other`."),
            "evidence": _vocabulary(taxonomy, "evidence_grades", "How strong the evidence behind the figure is."),
            "source": {"type": "integer", "minimum": 1, "description": "Number of the entry in `sources` that gives this figure (1 = first)."},
            "confirmed_by": {
                "type": "array",
                "uniqueItems": True,
                "items": {"type": "integer", "minimum": 1},
                "description": "Numbers of other sources that independently confirm the figure; `[]` = checked, no second source found.",
            },
            "headline": {"type": "boolean", "description": "true marks the figure as the theme's headline measure (at most one per case study)."},
        },
    }


def build_schema(taxonomy: Taxonomy) -> dict[str, Any]:
    """The JSON Schema every case study's front matter must satisfy."""
    return {
        "$schema": DIALECT,
        "$id": SCHEMA_ID,
        "title": "Transformation Casebook case study (front matter, version 1)",
        "type": "object",
        "additionalProperties": False,
        "required": ["title", "summary", "councils", "theme", "stage", "status", "started", "sources", "reviewed"],
        "properties": {
            "title": {"type": "string", "minLength": 1, "maxLength": 150, "description": "Title of the case study."},
            "summary": {"type": "string", "minLength": 1, "maxLength": 300, "description": "One or two sentences, at most 300 characters."},
            "councils": {
                "type": "array",
                "minItems": 1,
                "uniqueItems": True,
                "items": {"type": "string", "minLength": 1},
                "description": "Official names of the councils involved, as in the council register.",
            },
            "theme": _vocabulary(taxonomy, "themes", "The transformation theme."),
            "stage": _vocabulary(taxonomy, "stages", "The 3R stage: 1 service level, 2 customer level, 3 community level."),
            "stage_reasoning": {"type": "string", "minLength": 1, "maxLength": 300, "description": "One line: why this stage was chosen."},
            "status": _vocabulary(taxonomy, "statuses", "Where the initiative stands."),
            "started": dict(YEAR, description="Year the initiative started."),
            "ended": dict(YEAR, description="Year it ended (omit while it runs); not before `started`."),
            "reviewed": {"type": "string", "pattern": DATE_PATTERN, "format": "date", "description": "Date the facts were last checked (YYYY-MM-DD)."},
            "added": {"type": "string", "pattern": DATE_PATTERN, "format": "date", "description": "Date the case study was first published (YYYY-MM-DD)."},
            "checked": {"type": "string", "pattern": DATE_PATTERN, "format": "date", "description": "Date the headline facts were checked against a second source (YYYY-MM-DD)."},
            "headline_unavailable": {"type": "string", "minLength": 1, "maxLength": 300, "description": "Why no public figure exists for the theme's headline measure; required, unless the file is a draft, when no outcome has `headline: true`."},
            "sources": {"type": "array", "minItems": 1, "items": _source_schema(), "description": "Public sources for the facts and figures, numbered from 1."},
            "outcomes": {"type": "array", "items": _outcome_schema(taxonomy), "description": "Figures that show what happened, each with its source."},
            "tags": {
                "type": "array",
                "uniqueItems": True,
                "items": {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$", "maxLength": 40},
                "description": "Short lower-case keywords, e.g. `energy`, `trading-company`.",
            },
            "services": {
                "type": "array",
                "uniqueItems": True,
                "items": _vocabulary(taxonomy, "services", "A service area from the taxonomy."),
                "description": "The service areas the councils share, run or change, e.g. `[legal, waste]`.",
            },
            "draft": {"type": "boolean", "description": "true keeps the case study off the site."},
        },
    }


def dump_schema(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
