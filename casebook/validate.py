"""Validate: check every loaded file against the schema, the taxonomy and the register.

Returns problems rather than raising, so one run reports everything wrong in every file.
"""
from __future__ import annotations

import datetime
import difflib
import re
from typing import Any, Iterable

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from casebook.load import KeyPath, SourceFile, _field_name
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
# Raw HTML in bodies is refused (see CONTRIBUTING.md): Markdown covers what a case study needs,
# and refusing is simpler to trust than sanitising. Autolinks such as <https://...> are Markdown.
RAW_HTML = re.compile(r"<(?!https?://|mailto:)[A-Za-z!/?]")
FENCED_CODE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"`[^`\n]*`")
LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
SAFE_LINK = re.compile(r"^(?:https?://|mailto:|#|\.{0,2}/|[\w.-]+(?:\.md)?(?:#[\w-]*)?$)", re.IGNORECASE)


class CaseStudyValidator:
    """Checks case-study files; one instance per taxonomy and register."""

    def __init__(self, taxonomy: Taxonomy, register: Register, today: datetime.date | None = None) -> None:
        self.taxonomy = taxonomy
        self.register = register
        self.today = today or datetime.date.today()
        self.schema = build_schema(taxonomy)
        self.validator = Draft202012Validator(self.schema)

    def validate(self, source: SourceFile) -> list[Problem]:
        """Every problem in one file's front matter and body."""
        if source.front_matter is None:
            return []
        problems = self._schema_problems(source)
        bad_fields = {p.field.split("[")[0].split(".")[0] for p in problems}
        problems += self._register_problems(source, bad_fields)
        problems += self._date_problems(source, bad_fields)
        problems += self._outcome_source_problems(source, bad_fields)
        problems += self._body_problems(source)
        return problems

    # --- schema -----------------------------------------------------------------------------

    def _schema_problems(self, source: SourceFile) -> list[Problem]:
        errors = sorted(self.validator.iter_errors(source.front_matter), key=lambda e: list(map(str, e.absolute_path)))
        problems: list[Problem] = []
        for error in _leaf_errors(errors):
            problems += self._describe(source, error)
        return problems

    def _describe(self, source: SourceFile, error: ValidationError) -> list[Problem]:
        key_path: KeyPath = tuple(error.absolute_path)
        if error.validator == "required":
            missing = error.message.split("'")[1]
            return [self._problem(source, key_path + (missing,), f"is required; {self._describe_field(key_path + (missing,))}", line=source.line_of(key_path) if key_path else 1)]
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
        if error.validator == "enum" and vocabulary_key:
            vocabulary = self.taxonomy.vocabularies[vocabulary_key]
            allowed = ", ".join(term.label for term in vocabulary)
            return f"{_show(value)} is not a {vocabulary.noun}{_did_you_mean(value, vocabulary.ids())}; allowed: {allowed}"
        if error.validator == "type":
            wanted = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            return f"should be {' or '.join(TYPE_NAMES[t] for t in wanted)}, not {_show(value)}"
        if error.validator == "pattern" and schema.get("pattern", "").startswith("^https?"):
            return f"{_show(value)} is not allowed; use a public http:// or https:// address"
        if error.validator in ("pattern", "format"):
            return f"{_show(value)} is not in the right form; {schema.get('description', '')}".rstrip("; ")
        if error.validator == "maxLength":
            return f"is {len(value)} characters, over the limit of {schema['maxLength']}; shorten it"
        if error.validator in ("minLength", "minItems"):
            return f"is empty; {schema.get('description', 'give a value')}"
        if error.validator == "uniqueItems":
            return "lists the same value twice; remove the repeat"
        if error.validator in ("minimum", "maximum"):
            return f"{_show(value)} is out of range; {schema.get('description', '')}".rstrip("; ")
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
                message = f"{_show(name)} is not in the council register{hint} (bodies the register lacks go in registers/supplementary.yml)"
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
        for key in ("reviewed", "added"):
            if key not in bad_fields and key in data:
                problems += self._date_value_problems(source, key, data[key])
        return problems

    def _date_value_problems(self, source: SourceFile, key: str, value: str) -> list[Problem]:
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            return [self._problem(source, (key,), f"{_show(value)} is not a real date; use YYYY-MM-DD")]
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

    def _body_problems(self, source: SourceFile) -> list[Problem]:
        problems = []
        prose = INLINE_CODE.sub("", FENCED_CODE.sub(lambda m: "\n" * m.group(0).count("\n"), source.body))
        for offset, line in enumerate(prose.split("\n")):
            html = RAW_HTML.search(line)
            if html:
                problems.append(Problem(source.path, source.body_line + offset, "body", f"raw HTML (`{line[html.start():html.start() + 12].strip()}`) is not allowed; write Markdown instead"))
            for target in LINK_TARGET.findall(line):
                if target and not SAFE_LINK.match(target):
                    problems.append(Problem(source.path, source.body_line + offset, "body", f"link to {_show(target)} is not allowed; link to an http(s) address"))
        return problems

    def _problem(self, source: SourceFile, key_path: KeyPath, message: str, line: int | None = None) -> Problem:
        return Problem(source.path, line if line is not None else source.line_of(key_path), _field_name(key_path), message)


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


def _show(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def validate_files(sources: list[SourceFile], validator: CaseStudyValidator, load_problems: list[Problem]) -> list[Problem]:
    """Problems in every file; a key already flagged while loading is not flagged again."""
    flagged = {(p.path, p.field) for p in load_problems}
    problems = list(load_problems)
    for source in sources:
        problems += [p for p in validator.validate(source) if (p.path, p.field) not in flagged]
    return sorted(set(problems))
