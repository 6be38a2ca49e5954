"""The case-study issue form, generated from the taxonomy and the JSON Schema.

GitHub renders a submitted issue form as Markdown, one section per field: `### <label>`, a blank
line, then the answer. from_issue.py reads that text by the labels this module gives the form, so
the form and the reader cannot drift apart.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from casebook.contrib.scaffold import BODY_HEADINGS
from casebook.schema import build_schema
from casebook.slugs import slugify
from casebook.taxonomy import Taxonomy, Term, get_taxonomy

ISSUE_FORM_PATH = ".github/ISSUE_TEMPLATE/case-study.yml"
ISSUE_LABEL = "case-study"


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
    multiple: bool = False  # a dropdown that takes several choices (GitHub lists them joined by ", ")

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
        FormField("services", "Service areas", "dropdown", f"{schema['services']} Choose any that apply.", required=False, vocabulary="services", multiple=True),
        FormField("started", "Year started", "input", schema["started"], placeholder="2019"),
        FormField("ended", "Year ended", "input", schema["ended"], required=False),
        FormField("sources", "Sources", "textarea", SOURCES_HELP, placeholder="Partnership working | https://www.adur-worthing.gov.uk/about-the-councils/partnership-working/ | Adur & Worthing Councils"),
        FormField("tags", "Tags", "input", f"{schema['tags']} Separate them with commas.", required=False),
        FormField("headline_unavailable", "Headline figure", "textarea", headline_help(get_taxonomy())),
    )
    body = tuple(FormField(heading, heading, "textarea", BODY_HELP[heading]) for heading in BODY_HEADINGS)
    return front + body


SOURCES_HELP = (
    "Public sources for every fact and figure, one per line: title | address | publisher | date "
    "(the date as YYYY, YYYY-MM or YYYY-MM-DD; if it cannot be known, say why instead, e.g. `living web page, no publication date`). "
    "Cite them in the text as [1], [2] ... in this order."
)
def headline_help(taxonomy: Taxonomy) -> str:
    """The form records no figures as data, so the headline measure is either explained away or left to the reviewer."""
    measures = "; ".join(f"{theme.name.lower()}: {theme.headline_measure.name.lower()}" for theme in taxonomy.themes if theme.headline_measure)
    return (
        f"Each theme has a headline measure that makes case studies comparable ({measures}). "
        "If no public source gives it, say why (this is shown on the page). If one does, say which source gives it, "
        "e.g. `Source 1 gives the yearly saving`: a reviewer records the figure before publishing."
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
        if form_field.multiple:
            attributes["multiple"] = True
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
