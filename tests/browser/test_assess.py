"""The self-assessment (assess/) in a real browser. Expected stages come from the questions file and
the scoring rule in casebook/outputs/assessment.py, never from constants."""
from __future__ import annotations

import csv
import io
import json
import re
import urllib.request

import jsonschema
import pytest
from playwright.sync_api import Page, expect

from casebook.outputs.assessment import Assessment, place, read_assessment
from casebook.taxonomy import get_taxonomy

DONE = "#cb-assess-form[data-state=done]"
TAXONOMY = get_taxonomy()
QUESTIONS: Assessment = read_assessment(TAXONOMY)
STAGES = TAXONOMY.stages.ids()
ADUR = "E07000223"


def _open(page: Page, built_site, query: str = "") -> None:
    page.goto(built_site.url("assess/") + query)
    page.wait_for_selector(DONE)


def _choose(page: Page, choice: dict[str, str]) -> None:
    """Click the options (question id -> option id) as a reader would; the first answer reads the plans."""
    for question, option in choice.items():
        page.locator(f"input[name='{question}'][value='{option}']").check()
    page.wait_for_selector(DONE)


def _pattern(pick) -> dict[str, str]:
    """question id -> option id, the option chosen by pick(question index, question)."""
    return {q.id: pick(n, q).id for n, q in enumerate(QUESTIONS.questions)}


def _expected(choice: dict[str, str]) -> dict[str, str]:
    """theme id -> placed stage (as the page writes it), from the data file and the rule."""
    result = {}
    for theme in TAXONOMY.themes:
        stages = [o.stage.id for q in QUESTIONS.for_theme(theme) for o in q.options if choice.get(q.id) == o.id]
        placed = place(stages, STAGES)
        result[theme.id] = "none" if placed is None else str(placed)
    return result


def _placed(page: Page) -> dict[str, str]:
    items = page.eval_on_selector_all("#cb-assess-result > [data-theme]", "els => els.map(e => [e.dataset.theme, e.dataset.stage])")
    assert len(items) == len(TAXONOMY.themes), "one element per theme"
    return dict(items)


def _all_at(stage: int) -> dict[str, str]:
    return _pattern(lambda n, q: next(o for o in q.options if o.stage.id == stage))


MIXED = {
    "rotating": lambda n, q: q.options[n % len(q.options)],
    "mostly-high": lambda n, q: q.options[-1] if n % 4 else q.options[0],
    "tied": lambda n, q: q.options[0] if n % 2 else q.options[-1],
}


@pytest.mark.parametrize("stage", STAGES)
def test_every_option_of_one_stage_places_every_theme_there(page: Page, built_site, stage: int) -> None:
    _open(page, built_site)
    _choose(page, _all_at(stage))
    assert _placed(page) == {theme.id: str(stage) for theme in TAXONOMY.themes}


@pytest.mark.parametrize("name", sorted(MIXED))
def test_mixed_answers_follow_the_stated_rule(page: Page, built_site, name: str) -> None:
    choice = _pattern(MIXED[name])
    _open(page, built_site)
    _choose(page, choice)
    assert _placed(page) == _expected(choice)


def test_partly_answered_themes_count_only_their_answers(page: Page, built_site) -> None:
    first = QUESTIONS.questions[0]
    choice = {first.id: first.options[-1].id}
    _open(page, built_site)
    _choose(page, choice)
    assert _placed(page) == _expected(choice)
    assert list(_expected(choice).values()).count("none") == len(TAXONOMY.themes) - 1


def test_the_address_holds_the_answers_reload_and_history_work(page: Page, built_site) -> None:
    choice = _pattern(MIXED["rotating"])
    _open(page, built_site)
    _choose(page, choice)
    query = dict(re.findall(r"([^?&=]+)=([^&]*)", page.url))
    assert query == choice
    page.reload()
    page.wait_for_selector(DONE)
    assert _placed(page) == _expected(choice)
    page.go_back()  # one answer fewer
    last = QUESTIONS.questions[-1].id
    page.wait_for_function(f"() => !document.querySelector(\"input[name='{last}']:checked\")")
    assert _placed(page) == _expected({k: v for k, v in choice.items() if k != last})
    page.go_forward()
    page.wait_for_function(f"() => !!document.querySelector(\"input[name='{last}']:checked\")")
    assert _placed(page) == _expected(choice)


def test_recommended_case_studies_belong_to_their_theme(page: Page, built_site) -> None:
    themes = {cs.slug: cs.theme.id for cs in built_site.corpus.case_studies}
    for stage in STAGES:
        _open(page, built_site)
        _choose(page, _all_at(stage))
        pairs = page.eval_on_selector_all("#cb-assess-result > [data-theme] [data-slug]", "els => els.map(e => [e.closest('[data-theme]').dataset.theme, e.dataset.slug])")
        for theme, slug in pairs:
            assert themes[slug] == theme, slug
        studies = {s for t, s in pairs}
        expected = {cs.slug for cs in built_site.corpus.case_studies if cs.stage.id in (stage, stage + 1)}
        assert studies <= expected | {cs.slug for cs in built_site.corpus.case_studies if cs.stage.id == stage}


def test_the_plans_are_read_only_when_a_result_needs_them(page: Page, built_site) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    _open(page, built_site)
    assert not any(url.endswith("/plans.json") for url in requested)
    _choose(page, _all_at(STAGES[0]))
    assert sum(url.endswith("/plans.json") for url in requested) == 1
    assert page.locator("#cb-assess-result .cb-plan__studies > li").count() > 0


def test_a_named_council_puts_its_nearest_neighbours_first_with_reasons(page: Page, built_site) -> None:
    _open(page, built_site, f"?council={ADUR}")
    _choose(page, _all_at(STAGES[0]))
    assert page.input_value("#cb-assess-council") == "Adur District Council"
    assert f"council={ADUR}" in page.url
    reasons = page.locator("#cb-assess-result .cb-related__why:visible").all_inner_texts()
    assert any("nearest neighbours" in text for text in reasons)


def test_the_council_type_ahead_knows_alternative_names(page: Page, built_site) -> None:
    _open(page, built_site)
    page.fill("#cb-assess-council", "adur")  # the register's short name, in lower case
    page.dispatch_event("#cb-assess-council", "change")
    page.wait_for_function(f"() => location.search.includes('council={ADUR}')")


def test_untrusted_address_values_never_become_markup(page: Page, built_site) -> None:
    first = QUESTIONS.questions[0].id
    evil = "%3Cimg%20src%3Dx%20id%3Dpwned%3E"
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    _open(page, built_site, f"?{first}={evil}&council={evil}&other={evil}")
    assert page.locator("#pwned").count() == 0
    assert page.locator("input[type=radio]:checked").count() == 0
    assert page.input_value("#cb-assess-council") == ""
    assert errors == []


def _pdf_pages(pdf: bytes) -> int:
    counts = re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf, re.S) or re.findall(rb"/Count\s+(\d+)", pdf)
    assert counts, "no page count in the PDF"
    return max(int(c) for c in counts)


@pytest.mark.parametrize("pattern", [*[f"all-{s}" for s in STAGES], "rotating"])
def test_the_summary_and_plan_print_on_at_most_two_a4_pages(page: Page, built_site, pattern: str) -> None:
    choice = _pattern(MIXED["rotating"]) if pattern == "rotating" else _all_at(int(pattern.split("-")[1]))
    _open(page, built_site, f"?council={ADUR}")
    _choose(page, choice)
    assert 1 <= _pdf_pages(page.pdf(format="A4")) <= 2


def test_the_json_download_validates_against_the_published_schema(page: Page, built_site) -> None:
    choice = _pattern(MIXED["mostly-high"])
    _open(page, built_site, f"?council={ADUR}")
    _choose(page, choice)
    with page.expect_download() as info:
        page.click("#cb-assess-json")
    record = json.loads(open(info.value.path(), encoding="utf-8").read())
    with urllib.request.urlopen(built_site.url("assess/result.schema.json"), timeout=10) as response:
        schema = json.load(response)
    jsonschema.validate(record, schema)
    assert {a["question"]: a["option"] for a in record["answers"]} == choice
    assert {r["theme"]: str(r["stage"]) for r in record["result"]} == _expected(choice)
    assert record["council"]["gss"] == ADUR
    broken = dict(record, answers=[dict(record["answers"][0], option="no-such-option")])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)  # the schema can fail


def test_the_csv_download_has_one_row_per_answer(page: Page, built_site) -> None:
    choice = _pattern(MIXED["tied"])
    _open(page, built_site)
    _choose(page, choice)
    with page.expect_download() as info:
        page.click("#cb-assess-csv")
    rows = list(csv.DictReader(io.StringIO(open(info.value.path(), encoding="utf-8").read())))
    assert {r["question_id"]: r["option_id"] for r in rows} == choice
    assert {r["theme"]: r["theme_stage"] for r in rows} == _expected(choice)


def test_the_keyboard_alone_completes_the_assessment(page: Page, built_site) -> None:
    _open(page, built_site)
    for _ in range(300):  # Tab from the top of the page to the council field
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "cb-assess-council":
            break
    else:
        pytest.fail("Tab never reached the council field")
    for question in QUESTIONS.questions:
        page.keyboard.press("Tab")  # into the next group of options
        assert page.evaluate("document.activeElement.name") == question.id
        page.keyboard.press("ArrowDown")  # moves to and chooses the second option
        page.keyboard.press("ArrowUp")  # back to the first, which stays chosen
    expected = _expected({q.id: q.options[0].id for q in QUESTIONS.questions})
    assert _placed(page) == expected


def test_without_javascript_the_page_is_a_worksheet(browser, built_site) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(built_site.url("assess/"))
    assert page.locator("input[type=radio]").count() == sum(len(q.options) for q in QUESTIONS.questions)
    assert page.locator("#cb-assess-rule").is_visible()
    assert page.locator("#cb-assess-summary").is_hidden()
    assert page.locator("noscript").count() == 1  # its links to the theme pages and all case studies:
    noscript = page.inner_html("noscript")
    assert "All case studies</a>" in noscript and "theme pages</a>" in noscript
    context.close()


FAILED = "#cb-assess-form[data-state=failed]"


def _answer_first_theme(page: Page) -> None:
    first = QUESTIONS.questions[0]
    page.locator(f"input[name='{first.id}'][value='{first.options[0].id}']").check()


@pytest.mark.parametrize("how", ["refused", "server error", "not the expected form"])
def test_plans_that_do_not_load_end_in_a_message_with_a_way_forward(page: Page, built_site, how: str) -> None:
    if how == "refused":
        page.route("**/assess/plans.json", lambda route: route.abort())
    elif how == "server error":
        page.route("**/assess/plans.json", lambda route: route.fulfill(status=500, body="broken"))
    else:
        page.route("**/assess/plans.json", lambda route: route.fulfill(status=200, content_type="application/json", body='{"studies": "no"}'))
    _open(page, built_site)
    _answer_first_theme(page)
    page.wait_for_selector(FAILED)
    block = page.locator("#cb-assess-form [data-failure]")
    expect(block).to_be_visible()
    expect(block).to_contain_text("The plans could not be loaded")
    expect(block).to_contain_text("Reload the page")
    expect(block.get_by_role("link", name="All case studies")).to_be_visible()
    expect(block.get_by_role("link", name="theme pages")).to_be_visible()
    # The assessment itself still works: the result is placed and says why no plan is shown.
    assert list(_placed(page).values()).count("none") == len(TAXONOMY.themes) - 1
    expect(page.locator("#cb-assess-result .cb-failure")).to_contain_text("not available")


def test_text_in_the_plans_file_never_becomes_markup(page: Page, built_site) -> None:
    markup = '<img src="x" id="pwned">'
    study = {"slug": "a-study", "title": markup, "councils": markup, "stage": 1, "gss": [], "status": markup,
             "years": markup, "lessons": [markup], "from": markup, "wrong": markup, "summary": markup}
    plans = {f"{theme.id} {stage}": {"studies": [0], "wrong": [0]} for theme in TAXONOMY.themes for stage in STAGES}
    body = json.dumps({"studies": [study], "plans": plans})
    page.route("**/assess/plans.json", lambda route: route.fulfill(status=200, content_type="application/json", body=body))
    _open(page, built_site)
    _choose(page, _all_at(STAGES[0]))
    assert page.locator("#pwned").count() == 0
    expect(page.locator("#cb-assess-result .cb-plan__studies a").first).to_have_text(markup)
