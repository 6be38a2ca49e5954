"""The self-assessment page (assess/) and the small data files its script reads.

Pure like render.py: returns path -> content. The plan under each theme's result is chosen
here, from the case studies only (their "Lessons for other councils", their status and losses):
the site writes no lesson of its own. The plans are a data file (assess/plans.json), not markup
in the page: listed as HTML they made the page 3.4 MB at 1,000 case studies and 33 MiB at 10,000.
The browser script (docs/assets/assess.js) reads the file when a result first needs a plan, fills
the page's <template>s with its text (never as markup) and only chooses the order (the reader's
council's nearest neighbours first, from assess/neighbours.json).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casebook import addresses
from casebook.model import CaseStudy, Corpus
from casebook.outputs.assessment import SCORING_RULE, Assessment, read_assessment
from casebook.outputs.neighbours import NeighbourTable
from casebook.outputs.published import Published, read_published
from casebook.problems import BuildError
from casebook.register import Register
from casebook.taxonomy import Term

INDEX_ASSESS = addresses.ASSESS
COUNCILS_DATA = addresses.ASSESS_COUNCILS
NEIGHBOURS_DATA = addresses.ASSESS_NEIGHBOURS
PLANS_DATA = addresses.ASSESS_PLANS
RESULT_SCHEMA = addresses.ASSESS_SCHEMA
PLAN_LIMIT = 3  # case studies per theme in the plan: with their lessons, the plan prints on two A4 pages
WRONG_LIMIT = 3

LESSONS_HEADING = re.compile(r"^## Lessons for other councils\s*$", re.M)
MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")


def lessons(case_study: CaseStudy) -> list[str]:
    """The bullet points of a case study's "Lessons for other councils" section, as plain text."""
    match = LESSONS_HEADING.search(case_study.body)
    if not match:
        return []
    section = re.split(r"^## ", case_study.body[match.end():], maxsplit=1, flags=re.M)[0]
    items = [line[2:].strip() for line in section.splitlines() if line.startswith(("- ", "* "))]
    return [MARKDOWN_LINK.sub(r"\1", item).replace("**", "").replace("`", "") for item in items]


def went_wrong(case_study: CaseStudy) -> str:
    """Why a case study belongs under "what went wrong for others" ('' when it does not)."""
    if case_study.status.id == "ended":
        return "ended"
    if any(o.kind.id == "cost" for o in case_study.outcomes):
        return "reported costs or losses"
    return ""


@dataclass(frozen=True)
class Plan:
    """What the page offers for one theme at one stage."""

    theme: Term
    stage: Term
    studies: list[CaseStudy]  # at this stage and the next, by stage then slug
    wrong: list[CaseStudy]  # at this stage, ended or reporting losses


def build_plans(corpus: Corpus) -> list[Plan]:
    stage_ids = corpus.taxonomy.stages.ids()
    plans = []
    for theme in corpus.taxonomy.themes:
        in_theme = [cs for cs in corpus.case_studies if cs.theme == theme]
        for stage in corpus.taxonomy.stages:
            wanted = {stage.id, *stage_ids[stage_ids.index(stage.id) + 1:][:1]}
            studies = sorted((cs for cs in in_theme if cs.stage.id in wanted), key=lambda cs: (cs.stage.id, cs.slug))
            wrong = [cs for cs in in_theme if cs.stage == stage and went_wrong(cs)]
            plans.append(Plan(theme, stage, studies, wrong))
    return plans


def _study(case_study: CaseStudy, listed: bool, wrong: bool) -> dict[str, Any]:
    """What the page shows of one case study: in a plan's list (`listed`), under what went wrong, or both."""
    item: dict[str, Any] = {
        "slug": case_study.slug,
        "title": case_study.title,
        "councils": ", ".join(c.short_name for c in case_study.councils),
        "stage": case_study.stage.id,
    }
    if listed:
        item |= {
            "gss": [c.gss_code for c in case_study.councils if c.gss_code],
            "status": case_study.status.name,
            "years": case_study.years,
            "lessons": lessons(case_study),
            "from": case_study.title.split(":")[0],
        }
    if wrong:
        item |= {"wrong": went_wrong(case_study).capitalize(), "summary": case_study.summary}
    return item


def plans_json(plans: list[Plan]) -> str:
    """Every plan, each case study written once and referred to by position: {"studies": [...],
    "plans": {"<theme id> <stage id>": {"studies": [positions], "wrong": [positions]}}}."""
    listed = {cs.slug for plan in plans for cs in plan.studies}
    wrong = {cs.slug for plan in plans for cs in plan.wrong[:WRONG_LIMIT]}
    chosen = sorted({cs.slug: cs for plan in plans for cs in [*plan.studies, *plan.wrong[:WRONG_LIMIT]]}.items())
    position = {slug: i for i, (slug, _) in enumerate(chosen)}
    data = {
        "studies": [_study(cs, slug in listed, slug in wrong) for slug, cs in chosen],
        "plans": {
            f"{plan.theme.id} {plan.stage.id}": {
                "studies": [position[cs.slug] for cs in plan.studies],
                "wrong": [position[cs.slug] for cs in plan.wrong[:WRONG_LIMIT]],
            }
            for plan in plans
        },
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def councils_json(register: Register) -> str:
    """Every register council with a GSS code, and every name (official or other) that finds it."""
    councils = {c.gss_code: [c.name, c.short_name] for c in register.councils if c.gss_code and c.current}
    names = {name: c.gss_code for name, c in sorted(register.by_name.items()) if c.gss_code in councils}
    return json.dumps({"councils": councils, "names": names}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def neighbours_json(table: NeighbourTable) -> str:
    """Every council's ten nearest neighbours with the reasons, compactly: codes and reasons are listed
    once and referred to by position (read only when the reader names a council)."""
    codes = sorted(gss for gss in table.profiles if table.neighbours(gss))
    names = sorted({n.profile.gss_code for gss in codes for n in table.neighbours(gss)} | set(codes))
    reasons = sorted({", ".join(n.reasons) for gss in codes for n in table.neighbours(gss)})
    position, reason_at = {gss: i for i, gss in enumerate(names)}, {r: i for i, r in enumerate(reasons)}
    data = {
        "councils": [[gss, table.profiles[gss].name] for gss in names],
        "reasons": reasons,
        "neighbours": {gss: [[position[n.profile.gss_code], reason_at[", ".join(n.reasons)]] for n in table.neighbours(gss)] for gss in codes},
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def result_schema(assessment: Assessment, corpus: Corpus, site_url: str) -> dict[str, Any]:
    """The JSON Schema of the download: answers and result, with the question and option ids allowed."""
    stage_ids = corpus.taxonomy.stages.ids()
    answer_variants = [
        {
            "properties": {
                "question": {"const": q.id},
                "theme": {"const": q.theme.id},
                "option": {"enum": [o.id for o in q.options]},
                "stage": {"enum": [o.stage.id for o in q.options]},
            }
        }
        for q in assessment.questions
    ]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": addresses.absolute_url({"site_url": site_url}, RESULT_SCHEMA),
        "title": "A council's self-assessment on the 3R model (Transformation Casebook)",
        "type": "object",
        "required": ["assessment", "date", "council", "answers", "result", "scoring_rule"],
        "additionalProperties": False,
        "properties": {
            "assessment": {"const": "3R self-assessment"},
            "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
            "council": {
                "oneOf": [
                    {"type": "null"},
                    {"type": "object", "required": ["gss", "name"], "additionalProperties": False,
                     "properties": {"gss": {"type": "string", "pattern": "^[ENSW][0-9]{8}$"}, "name": {"type": "string"}}},
                ]
            },
            "answers": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["question", "theme", "option", "stage"],
                    "additionalProperties": False,
                    "properties": {"question": {"type": "string"}, "theme": {"type": "string"}, "option": {"type": "string"}, "stage": {"type": "integer"}},
                    "oneOf": answer_variants,
                },
            },
            "result": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["theme", "stage", "answered", "questions"],
                    "additionalProperties": False,
                    "properties": {
                        "theme": {"enum": corpus.taxonomy.themes.ids()},
                        "stage": {"enum": [*stage_ids, None]},
                        "answered": {"type": "integer", "minimum": 0},
                        "questions": {"type": "integer", "minimum": 1},
                    },
                },
            },
            "scoring_rule": {"type": "string"},
        },
    }


def render_assess_pages(renderer: Any, register: Register, table: NeighbourTable, assessment_file: Path | None = None) -> dict[str, str]:
    """The assess/ page, its plans, its council look-up files and the download's JSON Schema."""
    corpus: Corpus = renderer.corpus
    assessment = read_assessment(corpus.taxonomy, assessment_file) if assessment_file else read_assessment(corpus.taxonomy)
    path, page = renderer.render(
        "assess.md.j2", INDEX_ASSESS, "Where is my council on the 3R model?",
        "A self-assessment on the 3R model, with a plan built from other councils' case studies. Nothing leaves your browser.",
        assessment=assessment, rule=SCORING_RULE, plan_limit=PLAN_LIMIT, COUNCILS_DATA=COUNCILS_DATA,
        NEIGHBOURS_DATA=NEIGHBOURS_DATA, PLANS_DATA=PLANS_DATA, RESULT_SCHEMA=RESULT_SCHEMA,
    )
    pages = {path: page, PLANS_DATA: plans_json(build_plans(corpus)), COUNCILS_DATA: councils_json(register)}
    pages[RESULT_SCHEMA] = json.dumps(result_schema(assessment, corpus, renderer.site["site_url"]), indent=2) + "\n"
    pages[NEIGHBOURS_DATA] = neighbours_json(table)
    return pages


def published_assessments(root: Path, renderer: Any, register: Register) -> list[Published]:
    """Councils' published self-assessments (assessments/), or a BuildError listing every problem."""
    corpus: Corpus = renderer.corpus
    assessment = read_assessment(corpus.taxonomy)
    schema = result_schema(assessment, corpus, renderer.site["site_url"])
    found, problems = read_published(root, schema, assessment, register, corpus.taxonomy)
    if problems:
        raise BuildError("\n".join(problems))
    return found
