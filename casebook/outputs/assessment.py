"""The self-assessment's questions (casebook/schema/assessment.yml): read, checked, scored.

The questions are content: this module reads them, refuses a file that breaks the rules (all
problems at once, in the contributors' `file: field: what is wrong` form) and holds the one
scoring rule, which the page states in words and docs/assets/assess.js applies in the browser.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from casebook.problems import BuildError
from casebook.project import PACKAGE_DIR
from casebook.taxonomy import Taxonomy, Term

ASSESSMENT_FILE = PACKAGE_DIR / "schema" / "assessment.yml"
ASSESSMENT_LABEL = "casebook/schema/assessment.yml"  # how errors name the file, whatever the checkout
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

SCORING_RULE = (
    "A theme's stage is the highest stage that more than half of that theme's answered questions "
    "reach or go beyond. A tie goes to the lower stage, as the 3R model's rule for borderline cases does. "
    "Questions left blank do not count; a theme with no answers has no stage."
)


@dataclass(frozen=True)
class Option:
    id: str
    stage: Term
    text: str


@dataclass(frozen=True)
class Question:
    id: str
    theme: Term
    question: str
    help: str
    options: tuple[Option, ...]


@dataclass(frozen=True)
class Assessment:
    questions: tuple[Question, ...]

    def for_theme(self, theme: Term) -> list[Question]:
        return [q for q in self.questions if q.theme == theme]


def place(stages: list[int], stage_ids: list[int]) -> int | None:
    """The scoring rule: the highest stage that more than half of the answers reach or exceed."""
    if not stages:
        return None
    reached = [s for s in stage_ids if 2 * sum(1 for answer in stages if answer >= s) > len(stages)]
    return max(reached) if reached else min(stage_ids)


def _text(raw: dict[str, Any], key: str, where: str, problems: list[str]) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{ASSESSMENT_LABEL}: {where}.{key}: missing or empty (write it in plain words)")
        return ""
    return " ".join(value.split())


def _options(raw: Any, where: str, taxonomy: Taxonomy, problems: list[str]) -> tuple[Option, ...]:
    if not isinstance(raw, list):
        problems.append(f"{ASSESSMENT_LABEL}: {where}.options: must be a list with one option per 3R stage")
        return ()
    options, stage_ids = [], taxonomy.stages.ids()
    for number, item in enumerate(raw):
        at = f"{where}.options[{number}]"
        item = item if isinstance(item, dict) else {}
        option_id, stage = str(item.get("id", "")), item.get("stage")
        if not ID.match(option_id):
            problems.append(f"{ASSESSMENT_LABEL}: {at}.id: `{option_id}` is not an id (lower-case words joined by hyphens)")
        if stage not in stage_ids:
            problems.append(f"{ASSESSMENT_LABEL}: {at}.stage: `{stage}` is not a 3R stage (use one of {', '.join(map(str, stage_ids))})")
            continue
        options.append(Option(option_id, taxonomy.stages.get(stage), _text(item, "text", at, problems)))
    if sorted(o.stage.id for o in options) != stage_ids:
        problems.append(f"{ASSESSMENT_LABEL}: {where}.options: needs exactly one option for each stage {', '.join(map(str, stage_ids))}")
    if len({o.id for o in options}) != len(options):
        problems.append(f"{ASSESSMENT_LABEL}: {where}.options: two options share an id (give each its own)")
    return tuple(sorted(options, key=lambda o: o.stage.id))


def _question(raw: Any, where: str, taxonomy: Taxonomy, problems: list[str]) -> Question | None:
    if not isinstance(raw, dict):
        problems.append(f"{ASSESSMENT_LABEL}: {where}: must be a mapping with id, theme, question, help and options")
        return None
    question_id, theme_id = str(raw.get("id", "")), raw.get("theme")
    if not ID.match(question_id):
        problems.append(f"{ASSESSMENT_LABEL}: {where}.id: `{question_id}` is not an id (lower-case words joined by hyphens)")
    if theme_id not in taxonomy.themes.ids():
        problems.append(f"{ASSESSMENT_LABEL}: {where}.theme: `{theme_id}` is not a theme (use one of {', '.join(taxonomy.themes.ids())})")
        return None
    texts = (_text(raw, "question", where, problems), _text(raw, "help", where, problems))
    options = _options(raw.get("options"), where, taxonomy, problems)
    return Question(question_id, taxonomy.themes.get(theme_id), texts[0], texts[1], options)


def check_assessment(raw: Any, taxonomy: Taxonomy) -> tuple[Assessment, list[str]]:
    """The assessment in a parsed file, and every problem with it (an empty list when it is valid)."""
    problems: list[str] = []
    items = raw.get("questions") if isinstance(raw, dict) else None
    if not isinstance(items, list) or not items:
        return Assessment(()), [f"{ASSESSMENT_LABEL}: questions: missing (a list of questions)"]
    questions = [q for n, item in enumerate(items) if (q := _question(item, f"questions[{n}]", taxonomy, problems))]
    ids = [q.id for q in questions]
    problems += [f"{ASSESSMENT_LABEL}: questions: id `{i}` is used twice (ids are URL parameters and must be unique)" for i in sorted({i for i in ids if ids.count(i) > 1})]
    problems += [f"{ASSESSMENT_LABEL}: questions: theme `{t.id}` has no question (add at least one)" for t in taxonomy.themes if t not in {q.theme for q in questions}]
    problems += [f"{ASSESSMENT_LABEL}: questions: `council` cannot be a question id (the URL uses it for the council)" for i in ids if i == "council"]
    return Assessment(tuple(questions)), problems


def read_assessment(taxonomy: Taxonomy, path: Path = ASSESSMENT_FILE) -> Assessment:
    """The questions, or a BuildError listing every problem in the file."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise BuildError(f"{ASSESSMENT_LABEL}: not valid YAML ({error})") from None
    assessment, problems = check_assessment(raw, taxonomy)
    if problems:
        raise BuildError("\n".join(problems))
    return assessment
