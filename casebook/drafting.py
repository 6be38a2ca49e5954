"""Unfinished text: placeholder words left in, and citations that point at no source.

A fresh scaffold reads "TODO: write this section." under each heading; it may stay that way
only while the file is a draft. Citations are checked even when `sources` is missing, because
that is when every `[n]` and `source: n` has lost its target.
"""
from __future__ import annotations

import bisect
import re
from typing import Any

from casebook.content_safety import strings
from casebook.hints import PLACEHOLDER, citation_markers
from casebook.load import KeyPath, SourceFile, field_name
from casebook.problems import Problem

DRAFT_HINT = "or add `draft: true` while you work on it (drafts stay off the site)"


def drafting_problems(source: SourceFile, bad_fields: set[str]) -> list[Problem]:
    """Placeholder text in a file that is not a draft, and citations with no source to point at."""
    data = source.front_matter or {}
    problems = [] if data.get("draft") is True else _placeholder_problems(source, data)
    if "sources" not in bad_fields or "sources" not in data:
        problems += _citation_problems(source, data, bad_fields)
    return problems


def _placeholder_problems(source: SourceFile, data: dict[str, Any]) -> list[Problem]:
    problems = []
    for key_path, text in strings(data, ()):
        if PLACEHOLDER.search(text):
            problems.append(_at_key(source, key_path, f"{_quote(text)} is placeholder text; write the real value, {DRAFT_HINT}"))
    for number, line in enumerate(source.body.split("\n")):
        if PLACEHOLDER.search(line):
            message = f"{_quote(line.strip())} is placeholder text; write the section in its place, {DRAFT_HINT}"
            problems.append(Problem(source.path, source.body_line + number, "body", message))
    return problems


def _citation_problems(source: SourceFile, data: dict[str, Any], bad_fields: set[str]) -> list[Problem]:
    """`source: n` and `[n]` beyond the sources list (or with no list at all)."""
    sources = data.get("sources")
    count = len(sources) if isinstance(sources, list) else 0
    missing = "sources" not in data
    problems = []
    if missing and "outcomes" not in bad_fields:
        for index, outcome in enumerate(data.get("outcomes") or []):
            number = outcome.get("source") if isinstance(outcome, dict) else None
            if isinstance(number, int):
                message = f"points to source {number}, but the file has no `sources` list; add the sources, numbered from 1"
                problems.append(_at_key(source, ("outcomes", index, "source"), message))
    line_starts = [0] + [match.end() for match in re.finditer("\n", source.body)]
    by_line: dict[int, list[int]] = {}
    for offset, number in citation_markers(source.body):
        if number > count or number < 1:
            by_line.setdefault(bisect.bisect_right(line_starts, offset) - 1, []).append(number)
    for line, numbers in sorted(by_line.items()):
        unique = list(dict.fromkeys(numbers))
        markers, cite = ", ".join(f"[{n}]" for n in unique), "cites" if len(unique) == 1 else "cite"
        if missing:
            message = f"{markers} {cite} a source, but the file has no `sources` list; add the sources, numbered in the order the text cites them"
        else:
            message = f"{markers} {cite} a source that `sources` does not have (it lists {count}); add the source or correct the number"
        problems.append(Problem(source.path, source.body_line + line, "body", message))
    return problems


def _at_key(source: SourceFile, key_path: KeyPath, message: str) -> Problem:
    return Problem(source.path, source.line_of(key_path), field_name(key_path), message)


def _quote(text: str) -> str:
    shown = text if len(text) <= 50 else text[:47] + "..."
    return '"' + shown.replace('"', "'") + '"'
