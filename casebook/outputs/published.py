"""Published self-assessments: councils' own results, contributed as files in assessments/.

A council may publish the JSON its self-assessment downloaded (assess/), by pull request, as
`assessments/<GSS code>-<YYYY-MM-DD>.json`. Every file is checked on each build, with all problems
reported at once in the contributors' `file: field: what is wrong` form:

- it validates against the download's JSON Schema (assess/result.schema.json, made from the questions);
- its council is named, is in the register under that GSS code and matches the file name;
- its date is a real date, not in the future, and matches the file name;
- its result is what the stated scoring rule gives for its answers (so no result is typed in by hand).

The benchmark page shows these beside, and clearly apart from, the positions derived from case studies.
"""
from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from casebook.outputs.assessment import Assessment, place
from casebook.register import Register
from casebook.taxonomy import Taxonomy

FOLDER = "assessments"
FILE_NAME = re.compile(r"^(?P<gss>[ENSW][0-9]{8})-(?P<date>\d{4}-\d{2}-\d{2})\.json$")


@dataclass(frozen=True)
class Published:
    gss: str
    council: str
    date: str
    stages: dict[str, int | None]  # theme id -> placed stage
    path: str


def _check_result(record: dict[str, Any], assessment: Assessment, taxonomy: Taxonomy) -> list[str]:
    """The result must be what the rule gives for the answers."""
    by_question = {q.id: q for q in assessment.questions}
    problems = []
    stated = {r["theme"]: r["stage"] for r in record["result"]}
    for theme in taxonomy.themes:
        stages = [a["stage"] for a in record["answers"] if by_question[a["question"]].theme == theme]
        expected = place(stages, taxonomy.stages.ids())
        if stated.get(theme.id, "missing") != expected:
            problems.append(f"result: {theme.id} is {stated.get(theme.id, 'missing')}, but its answers give {expected} by the stated rule (download the file again from the assessment page)")
    return problems


def check_file(path: Path, label: str, schema: dict[str, Any], assessment: Assessment, register: Register, taxonomy: Taxonomy, today: datetime.date) -> tuple[Published | None, list[str]]:
    """One published file and its problems (each as `file: field: message`)."""
    name = FILE_NAME.match(path.name)
    if not name:
        return None, [f"{label}: file name: must be <GSS code>-<YYYY-MM-DD>.json, e.g. E07000223-2026-11-30.json"]
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return None, [f"{label}: file: not valid JSON ({error})"]
    errors = sorted(Draft202012Validator(schema).iter_errors(record), key=lambda e: list(e.absolute_path))
    if errors:
        return None, [f"{label}: {'.'.join(map(str, e.absolute_path)) or 'file'}: {e.message}" for e in errors]
    problems = []
    council = record["council"]
    if council is None:
        problems.append(f"{label}: council: a published assessment must name its council (choose it on the assessment page)")
    else:
        known = next((c for c in register.councils if c.gss_code == council["gss"]), None)
        if known is None:
            problems.append(f"{label}: council.gss: `{council['gss']}` is not in the register")
        elif known.name != council["name"]:
            problems.append(f"{label}: council.name: the register calls {council['gss']} `{known.name}`")
        if council["gss"] != name["gss"]:
            problems.append(f"{label}: council.gss: `{council['gss']}` does not match the file name's `{name['gss']}`")
    try:
        date = datetime.date.fromisoformat(record["date"])
        if date > today:
            problems.append(f"{label}: date: {record['date']} is in the future")
    except ValueError:
        problems.append(f"{label}: date: `{record['date']}` is not a real date (YYYY-MM-DD)")
    if record["date"] != name["date"]:
        problems.append(f"{label}: date: `{record['date']}` does not match the file name's `{name['date']}`")
    problems += [f"{label}: {p}" for p in _check_result(record, assessment, taxonomy)]
    if problems:
        return None, problems
    stages = {r["theme"]: r["stage"] for r in record["result"]}
    return Published(council["gss"], council["name"], record["date"], stages, label), []


def read_published(root: Path, schema: dict[str, Any], assessment: Assessment, register: Register, taxonomy: Taxonomy, today: datetime.date | None = None) -> tuple[list[Published], list[str]]:
    """Every published assessment under root/assessments/, newest first, and every problem found."""
    folder = root / FOLDER
    found, problems = [], []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        item, trouble = check_file(path, f"{FOLDER}/{path.name}", schema, assessment, register, taxonomy, today or datetime.date.today())
        problems += trouble
        if item:
            found.append(item)
    return sorted(found, key=lambda p: (p.date, p.council), reverse=True), problems
