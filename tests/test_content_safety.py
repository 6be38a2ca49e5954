"""Content safety: nothing in a case study may run, load or hide something on a reader's page."""
from __future__ import annotations

from casebook.content_safety import body_problems, text_problems, unsafe_attribute_list
from casebook.load import load_text

FRONT = '---\ntitle: "T"\nsummary: "S\u202e"\n---\n'


def _source(body: str):
    source, problems = load_text(FRONT + body, "casestudies/x.md")
    assert source is not None and problems == []
    return source


def test_raw_html_script_links_and_remote_images_are_refused_at_their_lines() -> None:
    source = _source("Fine.\n\n<script>alert(1)</script>\n[a](javascript:alert(1))\n![i](https://example.org/i.png)\n")
    found = {(p.line, p.message.split(" ")[0]) for p in body_problems(source)}
    assert found == {(7, "raw"), (8, "link"), (9, "image")}


def test_invisible_characters_in_front_matter_are_refused() -> None:
    problems = text_problems(_source("Body."), bad_fields=set())
    assert [(p.field, "U+202E" in p.message) for p in problems] == [("summary", True)]


def test_attribute_lists_may_set_only_ids_and_classes() -> None:
    assert unsafe_attribute_list("{: #costs .note }") == ""
    assert unsafe_attribute_list("{: onclick=alert(1) }") == "{: onclick=alert(1) }"
    assert unsafe_attribute_list("{4}", allow_ids=False) == "{4}"
