"""Validate: check every loaded file against the schema, the taxonomy and the register.

Returns problems rather than raising, so one run reports everything wrong in every file.
"""
from __future__ import annotations

import datetime
import difflib
from typing import Any, Callable, Iterable

import fastjsonschema
from jsonschema.validators import validator_for
from jsonschema.exceptions import ValidationError

from casebook.evidence import ABOVE_CLOSING_FENCE, evidence_findings
from casebook.drafting import drafting_problems
from casebook.hints import schema_slip
from casebook.content_safety import body_problems, show, text_problems
from casebook.load import KeyPath, SourceFile, field_name
from casebook.problems import Problem
from casebook.register import Register
from casebook.schema import build_schema
from casebook.taxonomy import Taxonomy

TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "array": "a list",
    "object": "a set of `key: value` fields",
    "boolean": "true or false",
}


class CaseStudyValidator:
    """Checks case-study files; one instance per taxonomy and register."""

    def __init__(self, taxonomy: Taxonomy, register: Register, today: datetime.date | None = None) -> None:
        self.taxonomy = taxonomy
        self.register = register
        self.today = today or datetime.date.today()
        self.schema = build_schema(taxonomy)
        self.validator = validator_for(self.schema)(self.schema)  # the dialect the schema declares
        # jsonschema collects rich errors but is slow; a compiled check clears the common, valid
        # case about ten times faster, and only files it rejects are examined in detail.
        self.quick_check = compile_quick_check(self.schema)

    def validate(self, source: SourceFile) -> list[Problem]:
        """Every problem in one file's front matter and body."""
        if source.front_matter is None:
            return []
        problems = self._schema_problems(source)
        bad_fields = {p.field.split("[")[0].split(".")[0] for p in problems}
        problems += self._register_problems(source, bad_fields)
        problems += self._date_problems(source, bad_fields)
        problems += self._outcome_source_problems(source, bad_fields)
        problems += [self._problem(source, path, message, line=self._line_for(source, path)) for path, message in evidence_findings(source.front_matter, self.taxonomy, bad_fields)]
        problems += text_problems(source, bad_fields)
        problems += body_problems(source)
        problems += drafting_problems(source, bad_fields)
        return problems

    # --- schema -----------------------------------------------------------------------------

    def _schema_problems(self, source: SourceFile) -> list[Problem]:
        try:
            self.quick_check(source.front_matter)
            return []
        except (fastjsonschema.JsonSchemaException, TypeError, ValueError):
            pass  # not valid (or not checkable quickly): let jsonschema say exactly what is wrong
        errors = sorted(self.validator.iter_errors(source.front_matter), key=lambda e: list(map(str, e.absolute_path)))
        problems: list[Problem] = []
        for error in _leaf_errors(errors):
            problems += self._describe(source, error)
        return problems

    def _describe(self, source: SourceFile, error: ValidationError) -> list[Problem]:
        key_path: KeyPath = tuple(error.absolute_path)
        if error.validator == "required":
            missing = error.message.split("'")[1]
            if not key_path:  # point at the closing `---`, where a missing field goes
                return [self._problem(source, (missing,), f"is required; add it{ABOVE_CLOSING_FENCE}: {self._describe_field((missing,)).removeprefix('add it: ')}", line=source.body_line - 1)]
            return [self._problem(source, key_path + (missing,), f"is required; {self._describe_field(key_path + (missing,))}", line=source.line_of(key_path))]
        if error.validator == "additionalProperties":
            allowed = sorted(error.schema["properties"])
            return [
                self._problem(source, key_path + (extra,), f"unknown field{_did_you_mean(extra, allowed)}; allowed: {', '.join(allowed)}")
                for extra in sorted(set(error.instance) - set(allowed))
            ]
        return [self._problem(source, key_path, self._message(error))]

    def _message(self, error: ValidationError) -> str:
        schema, value = error.schema, error.instance
        vocabulary_key = schema.get("x-vocabulary")
        slip = schema_slip(error.validator, schema, value, self.taxonomy)
        if slip:  # a stage written by name, a figure written as text ("£180,000")
            return slip
        if error.validator == "enum" and vocabulary_key:
            vocabulary = self.taxonomy.vocabularies[vocabulary_key]
            allowed = ", ".join(term.label for term in vocabulary)
            return f"{show(value)} is not a {vocabulary.noun}{_did_you_mean(value, vocabulary.ids())}; allowed: {allowed}"
        if error.validator == "type":
            wanted = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            return f"should be {' or '.join(TYPE_NAMES[t] for t in wanted)}, not {show(value)}"
        if error.validator == "pattern" and schema.get("pattern", "").startswith("^https?"):
            return f"{show(value)} is not allowed; use a public http:// or https:// address"
        if error.validator in ("pattern", "format"):
            return f"{show(value)} is not in the right form; {schema.get('description', '')}".rstrip("; ")
        if error.validator == "maxLength":
            return f"is {len(value)} characters, over the limit of {schema['maxLength']}; shorten it"
        if error.validator in ("minLength", "minItems"):
            return f"is empty; {schema.get('description', 'give a value')}"
        if error.validator == "uniqueItems":
            return "lists the same value twice; remove the repeat"
        if error.validator in ("minimum", "maximum"):
            return f"{show(value)} is out of range; {schema.get('description', '')}".rstrip("; ")
        return error.message

    def _describe_field(self, key_path: KeyPath) -> str:
        schema: dict[str, Any] = self.schema
        for part in key_path:
            schema = schema["items"] if isinstance(part, int) else schema.get("properties", {}).get(part, {})
        if "x-vocabulary" in schema:
            vocabulary = self.taxonomy.vocabularies[schema["x-vocabulary"]]
            return f"one of: {', '.join(term.label for term in vocabulary)}"
        description = schema.get("description", "")
        return f"add it: {description[:1].lower()}{description[1:]}" if description else "add it"

    # --- cross-field and register checks -------------------------------------------------------

    def _register_problems(self, source: SourceFile, bad_fields: set[str]) -> list[Problem]:
        if "councils" in bad_fields:
            return []
        problems = []
        for index, name in enumerate(source.front_matter["councils"]):  # type: ignore[index]
            if self.register.find(name) is None:
                suggestions = self.register.suggest(name)
                hint = f"; did you mean {' or '.join(repr(s) for s in suggestions)}?" if suggestions else ""
                message = f"{show(name)} is not in the council register{hint} (bodies the register lacks go in registers/supplementary.yml)"
                problems.append(self._problem(source, ("councils", index), message))
        return problems

    def _date_problems(self, source: SourceFile, bad_fields: set[str]) -> list[Problem]:
        data = source.front_matter or {}
        problems = []
        for key in ("started", "ended"):
            if key not in bad_fields and key in data and data[key] > self.today.year:
                problems.append(self._problem(source, (key,), f"{data[key]} is in the future; give the year it actually happened"))
        if not {"started", "ended"} & bad_fields and "ended" in data and data["ended"] < data["started"]:
            problems.append(self._problem(source, ("ended",), f"{data['ended']} is before `started` ({data['started']}); check both years"))
        for key in ("reviewed", "added", "checked"):
            if key not in bad_fields and key in data:
                problems += self._date_value_problems(source, key, data[key])
        return problems

    def _date_value_problems(self, source: SourceFile, key: str, value: str) -> list[Problem]:
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            return [self._problem(source, (key,), f"{show(value)} is not a real date; use YYYY-MM-DD")]
        if day > self.today:
            return [self._problem(source, (key,), f"{value} is in the future; give the date the facts were checked")]
        return []

    def _outcome_source_problems(self, source: SourceFile, bad_fields: set[str]) -> list[Problem]:
        data = source.front_matter or {}
        if {"outcomes", "sources"} & bad_fields:
            return []
        count = len(data["sources"])
        problems = []
        for index, outcome in enumerate(data.get("outcomes", [])):
            if outcome["source"] > count:
                message = f"{outcome['source']} points past the last source; use a number from 1 to {count}"
                problems.append(self._problem(source, ("outcomes", index, "source"), message))
            if isinstance(outcome["year"], int) and outcome["year"] > self.today.year:
                problems.append(self._problem(source, ("outcomes", index, "year"), f"{outcome['year']} is in the future; targets are `evidence: estimate` with the year they were set"))
        return problems

    def _line_for(self, source: SourceFile, key_path: KeyPath) -> int | None:
        """A missing top-level field is placed at the closing `---`, where it would go; others at their key."""
        return source.body_line - 1 if len(key_path) == 1 and key_path not in source.key_lines else None

    def _problem(self, source: SourceFile, key_path: KeyPath, message: str, line: int | None = None) -> Problem:
        return Problem(source.path, line if line is not None else source.line_of(key_path), field_name(key_path), message)


def _leaf_errors(errors: Iterable[ValidationError]) -> list[ValidationError]:
    """One error per failing value (a wrong type hides the rest); every missing or unknown key."""
    by_value: dict[tuple[Any, ...], ValidationError] = {}
    key_errors: list[ValidationError] = []
    for error in errors:
        if error.validator in ("required", "additionalProperties"):
            key_errors.append(error)
            continue
        path = tuple(error.absolute_path)
        current = by_value.get(path)
        if current is None or (error.validator == "type" and current.validator != "type"):
            by_value[path] = error
    return key_errors + list(by_value.values())


def _did_you_mean(value: Any, allowed: Iterable[Any]) -> str:
    options = [str(a) for a in allowed]
    matches = difflib.get_close_matches(str(value), options, n=1, cutoff=0.6)
    return f" (did you mean `{matches[0]}`?)" if matches else ""


# Keywords that mean the same in the schema's dialect (2020-12) and in draft 7, the newest that
# fastjsonschema compiles. Any other keyword (e.g. 2020-12's prefixItems, dependentRequired,
# unevaluatedProperties) would be ignored silently by the fast path, so it is refused instead.
SHARED_KEYWORDS = frozenset({
    "$schema", "$id", "title", "description", "type", "enum", "const", "properties", "required", "additionalProperties",
    "items", "minItems", "maxItems", "uniqueItems", "minLength", "maxLength", "pattern", "format", "minimum", "maximum",
    "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "anyOf", "allOf", "oneOf", "not", "default", "examples",
})


def compile_quick_check(schema: dict[str, Any]) -> Callable[[Any], Any]:
    """fastjsonschema's compiled check of `schema`, refusing a keyword the two dialects read differently."""
    unshared = sorted(_keywords(schema) - SHARED_KEYWORDS)
    if unshared:
        raise ValueError(f"the fast schema check (draft 7) would ignore {', '.join(unshared)}; teach compile_quick_check or drop the fast path")
    # `format` only annotates in 2020-12 (dates are checked by the date rules), so the fast path must not assert it.
    return fastjsonschema.compile(dict(schema, **{"$schema": "http://json-schema.org/draft-07/schema#"}), use_formats=False)


def _keywords(schema: Any) -> set[str]:
    """Every keyword a schema uses (not property names, not our own `x-` annotations)."""
    if not isinstance(schema, dict):
        return set()
    found = {key for key in schema if not key.startswith("x-")}
    for key, value in schema.items():
        if key == "properties":
            found |= set().union(*(_keywords(sub) for sub in value.values()))
        elif key in ("items", "additionalProperties", "not") or (key in ("anyOf", "allOf", "oneOf") and isinstance(value, list)):
            found |= set().union(*(_keywords(sub) for sub in (value if isinstance(value, list) else [value])))
    return found


def validate_files(sources: list[SourceFile], check: Callable[[SourceFile], list[Problem]], load_problems: list[Problem]) -> list[Problem]:
    """Problems in every file, found by `check` (a CaseStudyValidator's `validate`, or the preview's
    remembered results of it); a key already flagged while loading is not flagged again."""
    flagged = {(p.path, p.field) for p in load_problems}
    problems = list(load_problems)
    for source in sources:
        problems += [p for p in check(source) if (p.path, p.field) not in flagged]
    return sorted(set(problems))
