"""The self-assessment page (casebook/outputs/assess_page.py): plans from case studies, look-up data."""
from __future__ import annotations

import json
import re

import pytest

from casebook import addresses
from casebook.model import Corpus
from casebook.outputs.assess_page import (
    COUNCILS_DATA,
    INDEX_ASSESS,
    NEIGHBOURS_DATA,
    PLANS_DATA,
    RESULT_SCHEMA,
    build_plans,
    councils_json,
    neighbours_json,
    render_assess_pages,
    went_wrong,
)
from casebook.outputs.neighbours import get_neighbour_table
from casebook.pipeline import check_content
from casebook.project import PROJECT_ROOT
from casebook.register import get_register
from casebook.render import SiteRenderer
from casebook.siteconfig import read_site_config
from tests.support.variants import vary

REGISTERS = PROJECT_ROOT / "registers"
REGISTER = get_register(REGISTERS)
TABLE = get_neighbour_table(REGISTERS / "uk_local_authorities.csv")
LESSON = "## Lessons for other councils\n\n- Lesson from {slug}.\n"


def _with_lesson(text: str, slug: str, **changes: object) -> str:
    return vary(text, **changes).replace("## Lessons for other councils\n\nShare.\n", LESSON.format(slug=slug))


@pytest.fixture
def corpus(make_corpus, valid_text) -> Corpus:
    """Shared services at every stage (two at stage 2, one ended), commercialisation at stage 2 only (minimal)."""
    files = {
        "s1-b.md": _with_lesson(valid_text, "s1-b"),
        "s2-a.md": _with_lesson(valid_text, "s2-a", stage=2),
        "s2-ended.md": _with_lesson(valid_text, "s2-ended", stage=2, status="ended", ended=2012),
        "s3-a.md": _with_lesson(valid_text, "s3-a", stage=3),
    }
    result = check_content(make_corpus(files, corpus="minimal"))
    assert result.problems == [] and result.corpus is not None, result.problems
    return result.corpus


def test_one_plan_per_theme_and_stage(corpus: Corpus) -> None:
    plans = build_plans(corpus)
    taxonomy = corpus.taxonomy
    assert [(p.theme.id, p.stage.id) for p in plans] == [(t, s) for t in taxonomy.themes.ids() for s in taxonomy.stages.ids()]


def test_a_plan_holds_its_theme_at_the_placed_stage_and_the_next(corpus: Corpus) -> None:
    stage_ids = corpus.taxonomy.stages.ids()
    for plan in build_plans(corpus):
        at = stage_ids.index(plan.stage.id)
        wanted = set(stage_ids[at:at + 2])
        expected = [cs for cs in corpus.case_studies if cs.theme == plan.theme and cs.stage.id in wanted]
        assert sorted(cs.slug for cs in plan.studies) == sorted(cs.slug for cs in expected), (plan.theme.id, plan.stage.id)
        assert [(cs.stage.id, cs.slug) for cs in plan.studies] == sorted((cs.stage.id, cs.slug) for cs in plan.studies)


def test_the_shared_services_plans_by_hand(corpus: Corpus) -> None:
    plans = {(p.theme.id, p.stage.id): p for p in build_plans(corpus)}
    last = corpus.taxonomy.stages.ids()[-1]
    assert [cs.slug for cs in plans["shared-services", 1].studies] == ["alpha-shared-payroll", "s1-b", "s2-a", "s2-ended"]
    assert [cs.slug for cs in plans["shared-services", last].studies] == ["s3-a"]  # no stage after the last
    assert plans["combined-authority", 1].studies == []  # the only one is a draft


def test_what_went_wrong_is_at_the_placed_stage_only(corpus: Corpus) -> None:
    plans = {(p.theme.id, p.stage.id): p for p in build_plans(corpus)}
    assert [cs.slug for cs in plans["shared-services", 2].wrong] == ["s2-ended"]
    assert plans["shared-services", 1].wrong == []  # ended one is at stage 2, though it is in the stage 1 plan
    assert [cs.slug for cs in plans["commercialisation", 2].wrong] == ["beta-energy-company"]
    for plan in build_plans(corpus):
        assert all(cs.stage == plan.stage and went_wrong(cs) for cs in plan.wrong)


@pytest.fixture
def pages(corpus: Corpus) -> dict[str, str]:
    renderer = SiteRenderer(PROJECT_ROOT / "templates", corpus, read_site_config(PROJECT_ROOT / "mkdocs.yml"), REGISTERS)
    return render_assess_pages(renderer, REGISTER, TABLE)


def test_the_page_and_its_data_files_are_written(pages: dict[str, str]) -> None:
    assert set(pages) == {INDEX_ASSESS, COUNCILS_DATA, NEIGHBOURS_DATA, PLANS_DATA, RESULT_SCHEMA}
    assert json.loads(pages[RESULT_SCHEMA])["$id"].endswith(addresses.ASSESS_SCHEMA)


def test_the_page_names_its_data_files_and_lists_no_case_study(corpus: Corpus, pages: dict[str, str]) -> None:
    """The plans are data the page reads (at 10,000 case studies, as markup, they were 33 MiB of page)."""
    page = pages[INDEX_ASSESS]
    assert 'data-plans="plans.json"' in page and 'data-neighbours="neighbours.json"' in page
    assert 'data-study-url="../case-studies/{slug}/"' in page
    assert not any(cs.slug in page for cs in corpus.case_studies)


def _plans(pages: dict[str, str]) -> dict:
    return json.loads(pages[PLANS_DATA])


def test_each_lesson_is_with_its_case_study(corpus: Corpus, pages: dict[str, str]) -> None:
    data = _plans(pages)
    listed = {data["studies"][i]["slug"] for plan in data["plans"].values() for i in plan["studies"]}
    assert listed
    for study in data["studies"]:
        if study["slug"] in listed and study["slug"].startswith("s"):
            assert study["lessons"] == [f"Lesson from {study['slug']}."]
            assert study["from"] == study["title"].split(":")[0]
    plans = build_plans(corpus)
    assert listed == {cs.slug for p in plans for cs in p.studies}


def test_a_plan_in_the_data_lists_its_studies_in_order(corpus: Corpus, pages: dict[str, str]) -> None:
    data = _plans(pages)
    for plan in build_plans(corpus):
        entry = data["plans"][f"{plan.theme.id} {plan.stage.id}"]
        assert [data["studies"][i]["slug"] for i in entry["studies"]] == [cs.slug for cs in plan.studies]
        assert [data["studies"][i]["slug"] for i in entry["wrong"]] == [cs.slug for cs in plan.wrong][:3]
    assert len({s["slug"] for s in data["studies"]}) == len(data["studies"]), "each case study once"


def test_what_went_wrong_carries_the_reason_and_summary(corpus: Corpus, pages: dict[str, str]) -> None:
    data = _plans(pages)
    by_slug = {cs.slug: cs for cs in corpus.case_studies}
    wrong = [data["studies"][i] for plan in data["plans"].values() for i in plan["wrong"]]
    assert wrong
    for study in wrong:
        assert study["wrong"] == went_wrong(by_slug[study["slug"]]).capitalize()
        assert study["summary"] == by_slug[study["slug"]].summary


def test_neighbours_data_keeps_the_nearest_first(pages: dict[str, str]) -> None:
    data = json.loads(pages[NEIGHBOURS_DATA])
    names = [gss for gss, _ in data["councils"]]
    adur = "E07000223"
    expected = TABLE.neighbours(adur)
    listed = data["neighbours"][adur]
    assert [names[i] for i, _ in listed] == [n.profile.gss_code for n in expected]
    assert [data["reasons"][r] for _, r in listed] == [", ".join(n.reasons) for n in expected]
    assert len(data["neighbours"]) == sum(1 for gss in TABLE.profiles if TABLE.neighbours(gss))


def test_every_council_name_finds_a_current_council(pages: dict[str, str]) -> None:
    data = json.loads(pages[COUNCILS_DATA])
    assert data["names"] and set(data["names"].values()) <= set(data["councils"])
    worthing = REGISTER.find("Worthing Borough Council")
    assert worthing and data["councils"][worthing.gss_code][0] == worthing.name
    assert json.loads(councils_json(REGISTER)) == data and json.loads(neighbours_json(TABLE))["reasons"]
