"""casebook.drafting on its own: placeholder text outside drafts, and citations with no source."""
from __future__ import annotations

import pytest

from casebook.drafting import DRAFT_HINT, drafting_problems
from casebook.load import SourceFile, load_text


def _load(text: str) -> SourceFile:
    source, problems = load_text(text, "casestudies/draft-check.md")
    assert problems == [] and source is not None
    return source


def _shown(problems) -> list[str]:
    return [f"{p.line}: {p.field}: {p.message}" for p in problems]


def test_a_finished_file_has_no_problems(valid_text: str) -> None:
    assert drafting_problems(_load(valid_text), set()) == []


def test_todo_in_the_body_of_a_finished_file_is_reported_on_its_line(valid_text: str) -> None:
    text = valid_text.replace("Merged two teams.", "TODO: write this section.")
    source = _load(text)
    line = text.split("\n").index("TODO: write this section.") + 1
    assert _shown(drafting_problems(source, set())) == [
        f'{line}: body: "TODO: write this section." is placeholder text; write the section in its place, {DRAFT_HINT}'
    ]


def test_the_same_todo_passes_in_a_draft(valid_text: str) -> None:
    text = valid_text.replace("Merged two teams.", "TODO: write this section.").replace("reviewed:", "draft: true\nreviewed:")
    assert drafting_problems(_load(text), set()) == []


@pytest.mark.parametrize("draft", ["false", '"true"', "yes-please"])
def test_only_a_real_true_makes_a_draft(valid_text: str, draft: str) -> None:
    text = valid_text.replace("Merged two teams.", "FIXME").replace("reviewed:", f"draft: {draft}\nreviewed:")
    assert [p.field for p in drafting_problems(_load(text), set())] == ["body"]


@pytest.mark.parametrize("word", ["TODO", "FIXME", "TBC", "TBD", "Lorem ipsum"])
def test_each_placeholder_word_in_front_matter_is_reported_at_its_field(valid_text: str, word: str) -> None:
    text = valid_text.replace('summary: "Two district', f'summary: "{word} Two district')
    problems = drafting_problems(_load(text), set())
    assert [(p.line, p.field) for p in problems] == [(3, "summary")]
    assert "is placeholder text; write the real value" in problems[0].message


def test_placeholder_words_inside_other_words_are_not_placeholders(valid_text: str) -> None:
    text = valid_text.replace("Merged two teams.", "Merged the TODOS team and the TBDX unit.")
    assert drafting_problems(_load(text), set()) == []


def test_a_long_placeholder_line_is_shortened_in_the_message(valid_text: str) -> None:
    long_line = "TODO " + "x" * 80
    problems = drafting_problems(_load(valid_text.replace("Merged two teams.", long_line)), set())
    assert problems[0].message.startswith('"' + long_line[:47] + '..." is placeholder text')


def test_a_marker_past_the_last_source_is_dangling(valid_text: str) -> None:
    text = valid_text.replace("A saving [1].", "A saving [1][2][3].")
    line = text.split("\n").index("A saving [1][2][3].") + 1
    assert _shown(drafting_problems(_load(text), set())) == [
        f"{line}: body: [2], [3] cite a source that `sources` does not have (it lists 1); add the source or correct the number"
    ]


def test_marker_zero_is_dangling_and_one_marker_says_cites(valid_text: str) -> None:
    problems = drafting_problems(_load(valid_text.replace("A saving [1].", "A saving [0].")), set())
    assert [p.message for p in problems] == [
        "[0] cites a source that `sources` does not have (it lists 1); add the source or correct the number"
    ]


def test_links_and_reference_definitions_are_not_citations(valid_text: str) -> None:
    text = valid_text.replace("A saving [1].", "A saving [1]. See [7](https://example.org) and [report][9].\n\n[9]: https://example.org")
    assert drafting_problems(_load(text), set()) == []


def test_without_a_sources_list_markers_and_outcome_sources_point_nowhere(valid_text: str) -> None:
    head, rest = valid_text.split("sources:\n", 1)
    text = head + "outcomes:" + rest.split("outcomes:", 1)[1]
    source = _load(text)
    assert "sources" not in source.front_matter
    messages = [(p.field, p.message) for p in drafting_problems(source, set())]
    assert messages == [
        ("outcomes[1].source", "points to source 1, but the file has no `sources` list; add the sources, numbered from 1"),
        ("body", "[1] cites a source, but the file has no `sources` list; add the sources, numbered in the order the text cites them"),
    ]


def test_a_sources_list_the_schema_refused_is_not_counted_again(valid_text: str) -> None:
    text = valid_text.replace("A saving [1].", "A saving [1][2].")
    assert drafting_problems(_load(text), {"sources"}) == []


def test_bad_outcomes_are_left_to_the_schema_when_sources_are_missing(valid_text: str) -> None:
    head, rest = valid_text.split("sources:\n", 1)
    source = _load(head + "outcomes:" + rest.split("outcomes:", 1)[1])
    assert [p.field for p in drafting_problems(source, {"outcomes"})] == ["body"]
