"""`from-issue`: a submitted case-study issue form turned into casestudies/<slug>.md.

GitHub renders a submitted form as Markdown, one section per field: `### <label>`, a blank line,
then the answer (`_No response_` when an optional field is empty; the chosen option's text for a
dropdown). The answers are checked exactly as `validate` checks a file (scaffold.check_file_text),
and each problem is named by the question whose answer caused it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from casebook.contrib.issue_form import get_form_fields, option_text
from casebook.contrib.scaffold import BODY_HEADINGS, check_file_text, render_case_study_file
from casebook.problems import Problem
from casebook.register import Register
from casebook.schema import build_schema
from casebook.slugs import slugify
from casebook.taxonomy import Taxonomy
from casebook.validate import ABOVE_CLOSING_FENCE

NO_RESPONSE = "_No response_"
MAX_SLUG_LENGTH = 60
URL = re.compile(r"https?://[^\s|<>\"]+")


@dataclass(frozen=True)
class FormProblem:
    """Something to fix in a submitted form, named by the form's label."""

    label: str
    message: str

    def __str__(self) -> str:
        return f"**{self.label}**: {self.message}"


@dataclass
class Conversion:
    """The outcome of `from-issue`: a written file, or the problems to comment on the issue."""

    path: Path | None = None
    problems: list[FormProblem] = field(default_factory=list)

def read_issue_body(text: str) -> dict[str, str]:
    """Answers by field key from GitHub's rendered body; unknown `###` lines stay inside answers."""
    by_label = {form_field.label: form_field.key for form_field in get_form_fields()}
    labels = "|".join(re.escape(label) for label in sorted(by_label, key=len, reverse=True))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = re.split(rf"^###[ \t]+({labels}|Declaration)[ \t]*$", text, flags=re.MULTILINE)
    answers: dict[str, str] = {}
    for label, value in zip(parts[1::2], parts[2::2]):
        value = value.strip()
        if label in by_label and value != NO_RESPONSE:
            answers[by_label[label]] = value
    return answers


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _lines(text: str) -> list[str]:
    return [line.strip().removeprefix("- ").strip() for line in text.split("\n") if line.strip()]


def _choice(text: str, vocabulary_key: str, taxonomy: Taxonomy) -> Any:
    """The term id for a dropdown answer (its option text, or the bare id typed by hand)."""
    vocabulary = taxonomy.vocabularies[vocabulary_key]
    for term in vocabulary:
        if text.strip() in (option_text(term), str(term.id)):
            return term.id
    allowed = "; ".join(option_text(term) for term in vocabulary)
    raise ValueError(f"{text.strip()!r} is not one of the choices: {allowed}")


def _choices(text: str, vocabulary_key: str, taxonomy: Taxonomy) -> list[Any]:
    """The term ids of a multiple-choice answer: GitHub joins the chosen options' texts with ", ".

    Options are found by their whole text (a name may itself hold a comma), or typed as bare ids."""
    vocabulary = taxonomy.vocabularies[vocabulary_key]
    options = {option_text(term): term.id for term in vocabulary} | {str(term.id): term.id for term in vocabulary}
    pattern = "|".join(re.escape(option) for option in sorted(options, key=len, reverse=True))
    chosen, rest = [], text
    for match in re.finditer(rf"(?:^|(?<=,)|(?<=\n))\s*({pattern})\s*(?=,|\n|$)", text):
        chosen.append(options[match.group(1)])
        rest = rest.replace(match.group(1), "", 1)
    leftover = [part.strip() for part in re.split(r"[,\n]", rest) if part.strip()]
    if leftover:
        allowed = "; ".join(option_text(term) for term in vocabulary)
        raise ValueError(f"{leftover[0]!r} is not one of the choices: {allowed}")
    return list(dict.fromkeys(chosen))


def _year(text: str) -> int:
    if not re.fullmatch(r"\d{4}", text.strip()):
        raise ValueError(f"{text.strip()!r} is not a year; give four digits, such as 2019")
    return int(text)


def _source(line: str) -> dict[str, Any]:
    """`title | url | publisher | date`, or a line of text with an address in it."""
    parts = [part.strip() for part in line.split("|")]
    if len(parts) == 1:
        match = URL.search(line)
        if not match:
            raise ValueError(f"{line!r} has no address; write: title | https://address")
        parts = [(line[: match.start()] + line[match.end() :]).strip(" -–:,"), match.group(0)]
    source: dict[str, Any] = {"title": parts[0], "url": parts[1] if len(parts) > 1 else ""}
    for key, value in zip(("publisher", "date"), parts[2:4]):
        if value:
            source[key] = value
    if "date" in source and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", source["date"]):
        source["undated"] = source.pop("date")  # the form asks for a date, or why none can be known
    return source


def _tags(text: str) -> list[str]:
    tags = [slugify(tag) for tag in re.split(r"[,\n]", text)]
    return list(dict.fromkeys(tag for tag in tags if tag))


CONVERTERS = {
    "title": _one_line,
    "summary": _one_line,
    "stage_reasoning": _one_line,
    "councils": _lines,
    "started": _year,
    "ended": _year,
    "sources": lambda text: [_source(line) for line in _lines(text)],
    "tags": _tags,
    "headline_unavailable": _one_line,
}


def build_front_matter(answers: dict[str, str], taxonomy: Taxonomy, reviewed: date) -> tuple[dict[str, Any], list[FormProblem]]:
    """Front matter from the answers; answers that cannot be read become problems, not guesses."""
    front_matter: dict[str, Any] = {}
    problems: list[FormProblem] = []
    for form_field in get_form_fields():
        if form_field.key in BODY_HEADINGS or form_field.key not in answers:
            continue
        try:
            if form_field.multiple:
                front_matter[form_field.key] = _choices(answers[form_field.key], form_field.vocabulary, taxonomy)
            elif form_field.vocabulary:
                front_matter[form_field.key] = _choice(answers[form_field.key], form_field.vocabulary, taxonomy)
            else:
                front_matter[form_field.key] = CONVERTERS[form_field.key](answers[form_field.key])
        except ValueError as error:
            problems.append(FormProblem(form_field.label, str(error)))
    front_matter["reviewed"] = reviewed.isoformat()
    return _in_schema_order(front_matter, taxonomy), problems


def _in_schema_order(front_matter: dict[str, Any], taxonomy: Taxonomy) -> dict[str, Any]:
    order = list(build_schema(taxonomy)["properties"])
    return {key: front_matter[key] for key in sorted(front_matter, key=order.index)}


def build_body(answers: dict[str, str]) -> str:
    """The Markdown body: each section under its standard heading."""
    return "\n\n".join(f"## {heading}\n\n{answers.get(heading, '')}".rstrip() for heading in BODY_HEADINGS)


def get_slug(title: str) -> str:
    """A file name from the title, cut at a hyphen to stay short."""
    slug = slugify(title)
    if len(slug) > MAX_SLUG_LENGTH:
        slug = slug[:MAX_SLUG_LENGTH].rsplit("-", 1)[0]
    return slug


def _missing_body_problems(answers: dict[str, str]) -> list[FormProblem]:
    return [FormProblem(heading, "is empty; write this section") for heading in BODY_HEADINGS if not answers.get(heading)]


def convert_issue(text: str, folder: Path, taxonomy: Taxonomy, register: Register, reviewed: date) -> Conversion:
    """Turn a submitted form into `folder/<slug>.md`; write nothing if any answer needs fixing."""
    answers = read_issue_body(text)
    if not answers:
        return Conversion(None, [FormProblem("Form", "no answers found; open the case study with Issues, New issue, Case study")])
    front_matter, problems = build_front_matter(answers, taxonomy, reviewed)
    problems += _missing_body_problems(answers)
    slug = get_slug(front_matter.get("title", ""))
    if not slug:
        return Conversion(None, _in_form_order(problems + [FormProblem("Title", "is empty; give the case study a title")]))
    target = folder / f"{slug}.md"
    if target.exists():
        problems.append(FormProblem("Title", f"a case study with the file name `{target.name}` already exists; choose a different title"))
    file_text = render_case_study_file(front_matter, build_body(answers))
    problems += _validation_problems(file_text, slug, taxonomy, register, {p.label for p in problems})
    if problems:
        return Conversion(None, _in_form_order(problems))
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(file_text, encoding="utf-8")
    return Conversion(target, [])


def _validation_problems(file_text: str, slug: str, taxonomy: Taxonomy, register: Register, flagged: set[str]) -> list[FormProblem]:
    """Validate the would-be file exactly as `validate` does, and name each problem by its form label."""
    problems = check_file_text(file_text, slug, taxonomy, register)
    form_problems = [_form_problem(problem, file_text) for problem in problems]
    return [p for p in dict.fromkeys(form_problems) if p.label not in flagged]


def _form_problem(problem: Problem, file_text: str) -> FormProblem:
    """A file problem named by the question whose answer caused it."""
    if problem.field == "body":
        return FormProblem(_section_at(file_text, problem.line), problem.message.replace(ABOVE_CLOSING_FENCE, ""))
    key, line, rest = re.match(r"^([^.\[]*)(?:\[(\d+)\])?\.?(.*)$", problem.field).groups()  # type: ignore[union-attr]
    labels = {form_field.key: form_field.label for form_field in get_form_fields()}
    detail = ", ".join(part for part in (f"line {line}" if line else "", rest) if part)
    return FormProblem(labels.get(key, problem.field) + (f" ({detail})" if detail else ""), problem.message.replace(ABOVE_CLOSING_FENCE, ""))


def _in_form_order(problems: list[FormProblem]) -> list[FormProblem]:
    order = [form_field.label for form_field in get_form_fields()]
    return sorted(problems, key=lambda p: order.index(p.label.split(" (")[0]) if p.label.split(" (")[0] in order else len(order))


def _section_at(file_text: str, line: int) -> str:
    """The body heading above a file line."""
    for text in reversed(file_text.split("\n")[:line]):
        if text.startswith("## ") and text[3:] in BODY_HEADINGS:
            return text[3:]
    return "Text"


def render_problem_comment(problems: list[FormProblem]) -> str:
    """The issue comment listing what to fix."""
    items = "\n".join(f"- {problem}" for problem in problems)
    return (
        "Thank you for this case study. Some answers need a change before it can become a pull request:\n\n"
        f"{items}\n\n"
        "Edit the issue (the `...` menu at the top right of the first post, then **Edit**), fix these and save: "
        "the check runs again by itself.\n"
    )
