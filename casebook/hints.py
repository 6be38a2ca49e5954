"""Plain-English wording for the slips contributors make most often.

The YAML parser and the JSON Schema describe what they met ("mapping values are not allowed",
"should be a number"); these functions say what to type instead. Each returns None when it has
nothing better to say, and the caller keeps its general message.
"""
from __future__ import annotations

import re
from typing import Any

from casebook.taxonomy import Taxonomy, Vocabulary

# `key: value` on one line, possibly a list item (`- key: value`); the value is everything after.
KEY_LINE = re.compile(r"^(?P<indent>\s*(?:-\s+)?)(?P<key>[A-Za-z_][\w-]*):[ \t]+(?P<value>\S.*?)\s*$")
# A figure written as money or with separators: "£180,000", "180,000", " 2.5 ".
MONEY = re.compile(r"^\s*[£$€]?\s*(?P<digits>-?\d{1,3}(?:,\d{3})+|-?\d+)(?P<fraction>\.\d+)?\s*$")
# Citation markers in a body, alone or in a row (`[2]`, `[1][2]`), but not a link `[2](...)`, a
# reference `[x][2]` or a definition `[2]:`.
CITATIONS = re.compile(r"(?<![\]\\])(?:\[\d{1,3}\])+(?![(:\[])")
# Words that mark text as not yet written.
PLACEHOLDER = re.compile(r"\b(?:TODO|FIXME|TBC|TBD)\b|(?i:lorem ipsum)")


def yaml_slip(problem: str, lines: list[str], line_index: int) -> tuple[int, str, str] | None:
    """(line index, field, message) for a YAML syntax error caused by a common slip, or None.

    `lines` is the front matter, `line_index` the 0-based line the parser stopped at."""
    tabbed = _first_tab_indented(lines)
    if tabbed is not None and tabbed <= line_index:
        return tabbed, "front matter", "indented with a tab, which YAML does not allow; replace the tab with spaces, as on the lines around it"
    if ("mapping values are not allowed" in problem or "did not find expected key" in problem) and 0 <= line_index < len(lines):
        match = KEY_LINE.match(lines[line_index]) if "mapping values" in problem else None
        if match and match["value"][:1] not in "\"'[{|>" and re.search(r":(?:\s|$)", match["value"]):
            value = match["value"].replace("\\", "\\\\").replace('"', '\\"')
            return line_index, match["key"], (
                "the value has a colon followed by a space, which YAML reads as the start of another field; "
                f'put the whole value in double quotes: {match["key"]}: "{value}"'
            )
        return line_index, "front matter", (
            "YAML syntax error: a field is not expected here; indent this line like the fields around it, "
            "and put any value that holds a colon in double quotes"
        )
    return None


def _first_tab_indented(lines: list[str]) -> int | None:
    for index, line in enumerate(lines):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            return index
    return None


def schema_slip(check: str, schema: dict[str, Any], value: Any, taxonomy: Taxonomy) -> str | None:
    """Plain words for a value the schema refused with a failed `type` or `enum` check."""
    if check not in ("type", "enum"):
        return None
    if "x-vocabulary" in schema:
        return vocabulary_slip(value, taxonomy.vocabularies[schema["x-vocabulary"]])
    if check == "type" and schema["type"] in ("number", "integer"):
        return number_slip(value, whole=schema["type"] == "integer")
    return None


def vocabulary_slip(value: Any, vocabulary: Vocabulary) -> str | None:
    """A stage written by name (`stage: Service level`) or in quotes (`stage: "2"`): say which number to write."""
    if not all(isinstance(term.id, int) for term in vocabulary) or isinstance(value, (int, bool)):
        return None
    allowed = ", ".join(term.label for term in vocabulary)
    text = str(value).strip().casefold()
    for term in vocabulary:
        if text == str(term.id):
            return f"{value!r} is text; write the number without quotes: {term.id}"
        if text in (term.name.casefold(), term.short_name.casefold()):
            return f"{value!r} is the name of {vocabulary.noun} {term.id}; write the number: {term.id} (allowed: {allowed})"
    return f"{value!r} is not a {vocabulary.noun}; write one of the numbers: {allowed}"


def number_slip(value: Any, whole: bool) -> str | None:
    """A figure written as text (`"£180,000"`, `"2008"`): say the plain number to write, if it is one."""
    if not isinstance(value, str):
        return None
    match = MONEY.match(value)
    if match is None or (whole and match["fraction"]):
        return None
    figure = match["digits"].replace(",", "") + (match["fraction"] or "")
    extras = [what for what, present in (("£ sign", bool(re.search(r"[£$€]", value))), ("commas", "," in value)) if present]
    left_out = extras + ["quotes"]
    return f"{value!r} is text, not a number; write {figure} (no {', '.join(left_out[:-1]) + ' or ' if extras else ''}{left_out[-1]})"


def citation_markers(body: str) -> list[tuple[int, int]]:
    """(offset, source number) of each `[n]` marker in a body."""
    return [(run.start(), int(number)) for run in CITATIONS.finditer(body) for number in re.findall(r"\d+", run.group(0))]
