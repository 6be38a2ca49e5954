"""casebook.hints on its own: the exact words each common slip gets, and None when there is nothing better."""
from __future__ import annotations

import pytest

from casebook.hints import citation_markers, number_slip, schema_slip, vocabulary_slip, yaml_slip
from casebook.taxonomy import get_taxonomy

STAGES = "1 (Service level), 2 (Customer level), 3 (Community level)"


@pytest.fixture(scope="module")
def taxonomy():
    return get_taxonomy()


def test_a_tab_indented_line_is_named_even_when_the_parser_stops_later() -> None:
    lines = ["title: x", "sources:", "\t- title: y", "theme: z"]
    assert yaml_slip("found character '\\t' that cannot start any token", lines, 3) == (
        2, "front matter", "indented with a tab, which YAML does not allow; replace the tab with spaces, as on the lines around it",
    )


def test_a_tab_after_the_error_line_is_not_blamed() -> None:
    assert yaml_slip("something else", ["title: x", "summary: y", "\tz: 1"], 1) is None


def test_an_unquoted_colon_gets_the_quoted_value_to_type() -> None:
    lines = ["title: x", 'summary: Savings: the "real" story']
    assert yaml_slip("mapping values are not allowed here", lines, 1) == (
        1, "summary",
        "the value has a colon followed by a space, which YAML reads as the start of another field; "
        'put the whole value in double quotes: summary: "Savings: the \\"real\\" story"',
    )


def test_an_unquoted_colon_in_a_list_item_names_the_key() -> None:
    lines = ["sources:", "  - title: Report: part one"]
    line, field, message = yaml_slip("mapping values are not allowed here", lines, 1)
    assert (line, field) == (1, "title")
    assert message.endswith('title: "Report: part one"')


def test_a_misplaced_field_gets_the_general_indent_words() -> None:
    assert yaml_slip("did not find expected key", ["title: x", "  summary: y"], 1) == (
        1, "front matter",
        "YAML syntax error: a field is not expected here; indent this line like the fields around it, "
        "and put any value that holds a colon in double quotes",
    )


def test_an_already_quoted_value_is_not_told_to_add_quotes() -> None:
    _, field, message = yaml_slip("mapping values are not allowed here", ['summary: "a: b" c: d'], 0)
    assert field == "front matter" and message.startswith("YAML syntax error")


@pytest.mark.parametrize(("problem", "index"), [("unknown error", 0), ("mapping values are not allowed here", 5)])
def test_other_yaml_errors_keep_the_parser_message(problem: str, index: int) -> None:
    assert yaml_slip(problem, ["title: a: b"], index) is None


@pytest.mark.parametrize(("value", "message"), [
    ("2", "'2' is text; write the number without quotes: 2"),
    ("Customer level", f"'Customer level' is the name of 3R stage 2; write the number: 2 (allowed: {STAGES})"),
    ("customer LEVEL ", f"'customer LEVEL ' is the name of 3R stage 2; write the number: 2 (allowed: {STAGES})"),
    ("Reinvention", f"'Reinvention' is the name of 3R stage 3; write the number: 3 (allowed: {STAGES})"),
    ("four", f"'four' is not a 3R stage; write one of the numbers: {STAGES}"),
])
def test_a_stage_written_as_text_gets_the_number_to_write(taxonomy, value: str, message: str) -> None:
    assert vocabulary_slip(value, taxonomy.stages) == message


def test_vocabulary_slip_says_nothing_for_numbers_or_word_vocabularies(taxonomy) -> None:
    assert vocabulary_slip(7, taxonomy.stages) is None
    assert vocabulary_slip(True, taxonomy.stages) is None
    assert vocabulary_slip("shared services", taxonomy.themes) is None


@pytest.mark.parametrize(("value", "whole", "message"), [
    ("£180,000", False, "'£180,000' is text, not a number; write 180000 (no £ sign, commas or quotes)"),
    ("250,000", False, "'250,000' is text, not a number; write 250000 (no commas or quotes)"),
    ("2008", True, "'2008' is text, not a number; write 2008 (no quotes)"),
    (" 2.5 ", False, "' 2.5 ' is text, not a number; write 2.5 (no quotes)"),
    ("-1,200", False, "'-1,200' is text, not a number; write -1200 (no commas or quotes)"),
])
def test_a_figure_written_as_text_gets_the_plain_number(value: str, whole: bool, message: str) -> None:
    assert number_slip(value, whole) == message


@pytest.mark.parametrize(("value", "whole"), [(2.5, False), ("2.5", True), ("about 3m", False), ("1,2345", False)])
def test_number_slip_says_nothing_when_there_is_no_plain_number(value, whole: bool) -> None:
    assert number_slip(value, whole) is None


def test_schema_slip_routes_by_check_and_schema(taxonomy) -> None:
    stage_schema = {"type": "integer", "x-vocabulary": "stages"}
    assert schema_slip("enum", stage_schema, "2", taxonomy) == "'2' is text; write the number without quotes: 2"
    assert schema_slip("type", {"type": "integer"}, "2008", taxonomy) == "'2008' is text, not a number; write 2008 (no quotes)"
    assert schema_slip("type", {"type": "integer"}, "2.5", taxonomy) is None
    assert schema_slip("type", {"type": "string"}, 5, taxonomy) is None
    assert schema_slip("minimum", {"type": "integer"}, "5", taxonomy) is None


def test_citation_markers_gives_each_number_with_its_run_offset() -> None:
    body = "One [1]. Two [2][13]. A link [4](x), a reference [r][5], a definition\n[6]: x, escaped \\[7]."
    assert citation_markers(body) == [(4, 1), (13, 2), (13, 13)]
