"""Validate: check every loaded file against the schema, the taxonomy and the register.

Returns problems rather than raising, so one run reports everything wrong in every file.
"""
from __future__ import annotations

import bisect
import datetime
import difflib
import html
import re
from typing import Any, Callable, Iterable

import fastjsonschema
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from casebook.evidence import evidence_findings
from casebook.drafting import drafting_problems
from casebook.hints import schema_slip
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
# Raw HTML in bodies is refused (see docs/contribute.md): Markdown covers what a case study needs,
# and refusing is simpler to trust than sanitising. Autolinks such as <https://...> are Markdown.
# Nothing is exempt, not even code: this site's Markdown has no fenced code blocks, so text
# between ``` lines is live HTML, and matching Markdown's code-span rules exactly is fragile.
RAW_HTML = re.compile(r"<(?!https?://|mailto:)[A-Za-z!/?]")
# Where Markdown takes a URL: inline links and images `](target)` (the target may start on the
# next line) and reference definitions `[x]: target` (ditto).
INLINE_TARGET = re.compile(r"\]\(([^)]*)")
REFERENCE_TARGET = re.compile(r"^ {0,3}\[[^\]\n]*\]:[ \t]*\n?[ \t]*(\S+)", re.MULTILINE)
IMAGE_TARGET = re.compile(r"!\[[^\]]*\]\(\s*<?(https?:[^)\s>]*)", re.IGNORECASE)
SAFE_LINK = re.compile(r"^(?:https?://|mailto:|#|\.{1,2}/|/(?!/)|[\w.-]+(?:\.md)?(?:#[\w-]*)?$)", re.IGNORECASE)
# Browsers drop tabs, newlines and other controls inside URLs, so `java&#9;script:` still runs.
URL_NOISE = re.compile(r"[\x00-\x1f\x7f]")
# `{: onclick=... }` (Markdown attribute lists) would set any attribute; only ids and classes may be given.
ATTRIBUTE_LIST = re.compile(r"\{:?([^{}\n]*)\}")
SAFE_ATTRIBUTE = re.compile(r"^[#.][a-z][a-z0-9-]*$")
# Invisible characters a YAML escape ("\x85", "\u2028", "\u202e") can put into a value: they break the
# generated pages' own front matter or disguise text, so they are refused.
MULTILINE_FIELDS = {("summary",)}  # the model joins its lines
INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff\ufeff\ufffe\uffff]")

ABOVE_CLOSING_FENCE = " above the closing `---`"  # where a missing field goes (the issue form has no `---`)


class CaseStudyValidator:
    """Checks case-study files; one instance per taxonomy and register."""

    def __init__(self, taxonomy: Taxonomy, register: Register, today: datetime.date | None = None) -> None:
        self.taxonomy = taxonomy
        self.register = register
        self.today = today or datetime.date.today()
        self.schema = build_schema(taxonomy)
        self.validator = Draft202012Validator(self.schema)
        # jsonschema collects rich errors but is slow; a compiled check clears the common, valid
        # case about ten times faster, and only files it rejects are examined in detail. The schema
        # uses nothing beyond draft 7, which is what fastjsonschema compiles.
        self.quick_check = fastjsonschema.compile(dict(self.schema, **{"$schema": "http://json-schema.org/draft-07/schema#"}))

    def validate(self, source: SourceFile) -> list[Problem]:
        """Every problem in one file's front matter and body."""
        if source.front_matter is None:
            return []
        problems = self._schema_problems(source)
        bad_fields = {p.field.split("[")[0].split(".")[0] for p in problems}
        problems += self._register_problems(source, bad_fields)
        problems += self._date_problems(source, bad_fields)
        problems += self._outcome_source_problems(source, bad_fields)
        problems += [self._problem(source, path, message) for path, message in evidence_findings(source.front_matter, self.taxonomy, bad_fields)]
        problems += self._text_problems(source, bad_fields)
        problems += self._body_problems(source)
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
        for key in ("reviewed", "added", "checked"):
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
        body = source.body
        line_starts = [0] + [match.end() for match in re.finditer("\n", body)]
        found: list[tuple[int, str]] = []
        html_lines: set[int] = set()
        for match in RAW_HTML.finditer(body):
            line = bisect.bisect_right(line_starts, match.start())
            if line not in html_lines:  # the first tag on a line is enough to point at it
                html_lines.add(line)
                snippet = body[match.start() : match.start() + 12].split("\n")[0].strip()
                found.append((match.start(), f"raw HTML (`{snippet}`) is not allowed; write Markdown instead"))
        for match in [*INLINE_TARGET.finditer(body), *REFERENCE_TARGET.finditer(body)]:
            target = _link_target(match.group(1))
            if target and (not SAFE_LINK.match(target) or "\\" in target):
                found.append((match.start(1), f"link to {_show(target)} is not allowed; link to an http(s) address"))
        for match in IMAGE_TARGET.finditer(body):
            found.append((match.start(1), f"image from {_show(match.group(1))} is not allowed; pages load nothing from other sites"))
        for match in ATTRIBUTE_LIST.finditer(body):
            if _unsafe_attribute_list(match.group(0)):
                found.append((match.start(), f"attribute list `{match.group(0)[:40]}` is not allowed; only ids and classes such as `{{#costs}}` may be given"))
        return [Problem(source.path, source.body_line + bisect.bisect_right(line_starts, offset) - 1, "body", message) for offset, message in found]

    def _text_problems(self, source: SourceFile, bad_fields: set[str]) -> list[Problem]:
        problems = []
        for key_path, text in _strings(source.front_matter, ()):
            if str(key_path[0]) in bad_fields:
                continue
            invisible = INVISIBLE.search(text)
            if invisible:
                problems.append(self._problem(source, key_path, f"contains the invisible character U+{ord(invisible.group(0)):04X}; delete it"))
            elif _unsafe_attribute_list(text, allow_ids=False):  # values sit inside Markdown-processed HTML, where `{: onclick=...}` works
                problems.append(self._problem(source, key_path, f"`{_unsafe_attribute_list(text, allow_ids=False)[:40]}` is not allowed: curly braces set HTML attributes; remove them"))
            elif "\n" in text and key_path not in MULTILINE_FIELDS:
                # Values are placed inside HTML blocks of the generated Markdown; a blank line would end the block.
                problems.append(self._problem(source, key_path, "contains a line break; keep the value on one line"))
        return problems

    def _problem(self, source: SourceFile, key_path: KeyPath, message: str, line: int | None = None) -> Problem:
        return Problem(source.path, line if line is not None else source.line_of(key_path), field_name(key_path), message)


def _link_target(raw: str) -> str:
    """The URL a browser would follow for a Markdown link target (entities decoded, controls dropped)."""
    target = URL_NOISE.sub("", html.unescape(raw)).strip().removeprefix("<")
    return target.split(" ")[0].split(">")[0]


def _unsafe_attribute_list(text: str, allow_ids: bool = True) -> str:
    """The first `{...}` in text that would set more than an id or a class (or anything, unless `allow_ids`), or ""."""
    for match in ATTRIBUTE_LIST.finditer(text):
        if not allow_ids and match.group(1).strip():  # even `{4}` becomes an attribute (4="4")
            return match.group(0)
        # `key=value` and a bare `word` (read as word="word") set attributes, as do odd ids (`#__config`
        # would shadow the theme's own element); plain `#id` and `.class` are fine, and `{4}` is just text.
        if any(not SAFE_ATTRIBUTE.match(part) and ("=" in part or part[:1].isalpha() or part[:1] in "#.") for part in match.group(1).split()):
            return match.group(0)
    return ""


def _strings(value: Any, key_path: KeyPath) -> Iterable[tuple[KeyPath, str]]:
    """Every text value in the front matter, with its key path."""
    if isinstance(value, str):
        yield key_path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, key_path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, key_path + (index,))


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


def validate_files(sources: list[SourceFile], check: Callable[[SourceFile], list[Problem]], load_problems: list[Problem]) -> list[Problem]:
    """Problems in every file, found by `check` (a CaseStudyValidator's `validate`, or the preview's
    remembered results of it); a key already flagged while loading is not flagged again."""
    flagged = {(p.path, p.field) for p in load_problems}
    problems = list(load_problems)
    for source in sources:
        problems += [p for p in check(source) if (p.path, p.field) not in flagged]
    return sorted(set(problems))
