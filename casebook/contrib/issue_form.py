"""The case-study issue form: generated from the taxonomy, and a submitted form turned into a file.

GitHub renders a submitted issue form as Markdown, one section per field:
`### <label>`, a blank line, then the answer (`_No response_` when an optional field is empty;
the chosen option's text for a dropdown). `read_issue_body` splits that text by the labels this
module gave the form, so the form and the parser cannot drift apart.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from casebook.problems import Problem
from casebook.register import Register
from casebook.contrib.scaffold import BODY_HEADINGS, check_file_text, render_case_study_file
from casebook.schema import build_schema
from casebook.slugs import slugify
from casebook.taxonomy import Taxonomy, Term, get_taxonomy
from casebook.validate import ABOVE_CLOSING_FENCE

ISSUE_FORM_PATH = ".github/ISSUE_TEMPLATE/case-study.yml"
ISSUE_LABEL = "case-study"
NO_RESPONSE = "_No response_"
MAX_SLUG_LENGTH = 60
URL = re.compile(r"https?://[^\s|<>\"]+")


@dataclass(frozen=True)
class FormField:
    """One question of the form; `key` is the front-matter key or body heading it fills."""

    key: str
    label: str
    kind: str  # input | textarea | dropdown
    help: str
    required: bool = True
    vocabulary: str = ""  # taxonomy key, for dropdowns
    placeholder: str = ""


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


def get_form_fields() -> tuple[FormField, ...]:
    """Every question, in form order: front matter first, then one text box per body heading."""
    schema = build_schema_properties()
    front = (
        FormField("title", "Title", "input", schema["title"], placeholder="Adur and Worthing: two councils, one officer structure"),
        FormField("summary", "Summary", "textarea", schema["summary"]),
        FormField("councils", "Councils", "textarea", f"{schema['councils']} One per line.", placeholder="Adur District Council\nWorthing Borough Council"),
        FormField("theme", "Theme", "dropdown", schema["theme"], vocabulary="themes"),
        FormField("stage", "3R stage", "dropdown", schema["stage"], vocabulary="stages"),
        FormField("stage_reasoning", "Why this stage", "textarea", schema["stage_reasoning"]),
        FormField("status", "Status", "dropdown", schema["status"], vocabulary="statuses"),
        FormField("started", "Year started", "input", schema["started"], placeholder="2019"),
        FormField("ended", "Year ended", "input", schema["ended"], required=False),
        FormField("sources", "Sources", "textarea", SOURCES_HELP, placeholder="Partnership working | https://www.adur-worthing.gov.uk/about-the-councils/partnership-working/ | Adur & Worthing Councils"),
        FormField("tags", "Tags", "input", f"{schema['tags']} Separate them with commas.", required=False),
    )
    body = tuple(FormField(heading, heading, "textarea", BODY_HELP[heading]) for heading in BODY_HEADINGS)
    return front + body


SOURCES_HELP = (
    "Public sources for every fact and figure, one per line: title | address | publisher | date "
    "(publisher and date may be left out). Cite them in the text as [1], [2] ... in this order."
)
BODY_HELP = {
    "Context": "The councils, the place and the problem they faced. Markdown, no HTML.",
    "What was done": "What the councils actually did, when, and how it was governed.",
    "Outcomes": "What happened, with figures and the source of each, e.g. [2]. Say plainly where evidence is weak.",
    "What went well and what did not": "Report failures and problems as plainly as successes.",
    "Lessons for other councils": "Short, practical lessons, each backed by the story above.",
}


def build_schema_properties() -> dict[str, str]:
    """Each front-matter field's description from the JSON Schema (descriptions do not vary with the taxonomy)."""
    properties = build_schema(get_taxonomy())["properties"]
    return {key: value.get("description", "") for key, value in properties.items()}


# --- the form -------------------------------------------------------------------------------------


def option_text(term: Term) -> str:
    """How a taxonomy term appears in a dropdown, e.g. `1 – Service level (Efficiency)`."""
    if isinstance(term.id, int):
        return f"{term.id} – {term.name} ({term.short_name})" if term.short_name else f"{term.id} – {term.name}"
    return f"{term.name} ({term.id})"


def _dropdown_help(form_field: FormField, taxonomy: Taxonomy) -> str:
    vocabulary = taxonomy.vocabularies[form_field.vocabulary]
    lines = [f"- **{option_text(term)}**: {term.question or term.description}" for term in vocabulary]
    return form_field.help + "\n\n" + "\n".join(lines)


def _form_element(form_field: FormField, taxonomy: Taxonomy) -> dict[str, Any]:
    attributes: dict[str, Any] = {"label": form_field.label, "description": form_field.help}
    if form_field.kind == "dropdown":
        attributes["description"] = _dropdown_help(form_field, taxonomy)
        attributes["options"] = [option_text(term) for term in taxonomy.vocabularies[form_field.vocabulary]]
    if form_field.placeholder:
        attributes["placeholder"] = form_field.placeholder
    return {
        "type": form_field.kind,
        "id": slugify(form_field.key),
        "attributes": attributes,
        "validations": {"required": form_field.required},
    }


FORM_INTRO = (
    "Thank you for sharing a case study. Fill in each box in plain English; a bot turns your answers "
    "into a file and opens a pull request for review, or comments here with anything to fix. "
    "Every fact needs a public source. See CONTRIBUTING.md for what makes a good case study."
)
DECLARATION = "I wrote this in my own words, and every fact and figure comes from a public source listed above."


def build_issue_form(taxonomy: Taxonomy) -> dict[str, Any]:
    """GitHub's issue-form definition, with the taxonomy's current themes, stages and statuses."""
    body: list[dict[str, Any]] = [{"type": "markdown", "attributes": {"value": FORM_INTRO}}]
    body += [_form_element(form_field, taxonomy) for form_field in get_form_fields()]
    body.append({
        "type": "checkboxes",
        "id": "declaration",
        "attributes": {"label": "Declaration", "options": [{"label": DECLARATION, "required": True}]},
    })
    return {
        "name": "Case study",
        "description": "Propose a council transformation case study (no coding needed).",
        "title": "Case study: ",
        "labels": [ISSUE_LABEL],
        "body": body,
    }


def render_issue_form(taxonomy: Taxonomy) -> str:
    """The form as YAML, with a note that it is generated."""
    note = "# Generated by `make regenerate` from casebook/schema/taxonomy.yml; do not edit by hand.\n"
    return note + yaml.dump(build_issue_form(taxonomy), Dumper=_FormDumper, sort_keys=False, allow_unicode=True, width=100)


class _FormDumper(yaml.SafeDumper):
    """Writes multi-line text as `|` blocks, so the committed form reads like the form."""


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_FormDumper.add_representer(str, _represent_text)


# --- reading a submitted form ---------------------------------------------------------------------


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
}


def build_front_matter(answers: dict[str, str], taxonomy: Taxonomy, reviewed: date) -> tuple[dict[str, Any], list[FormProblem]]:
    """Front matter from the answers; answers that cannot be read become problems, not guesses."""
    front_matter: dict[str, Any] = {}
    problems: list[FormProblem] = []
    for form_field in get_form_fields():
        if form_field.key in BODY_HEADINGS or form_field.key not in answers:
            continue
        try:
            if form_field.vocabulary:
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
        return FormProblem(_section_at(file_text, problem.line), problem.message)
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
