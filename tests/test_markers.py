"""Citation markers: `[n]` in a body links to source n and back (casebook/markers.py)."""
from __future__ import annotations

from casebook.hints import citation_markers
from casebook.markers import citation_numbers, link_citations


def test_markers_become_links_with_ids_to_come_back_to() -> None:
    linked = link_citations("Saved £1m [1][2], then more [1].", 2)
    assert linked.markdown == (
        "Saved £1m [\\[1\\]](#source-1){#cite-1-1 .cb-cite-ref}[\\[2\\]](#source-2){#cite-2-1 .cb-cite-ref}, "
        "then more [\\[1\\]](#source-1){#cite-1-2 .cb-cite-ref}."
    )
    assert linked.cited_at == {1: ["cite-1-1", "cite-1-2"], 2: ["cite-2-1"]}


def test_links_references_definitions_and_escapes_are_not_markers() -> None:
    body = "A [3](https://example.org) link, a [reference][3], an escaped \\[3] and\n[3]: https://example.org\n"
    assert citation_numbers(body) == []
    assert link_citations(body, 3).markdown == body


def test_the_page_links_exactly_the_markers_validation_checks() -> None:
    body = "One [1][2][3]. A [x](y) [4]: and [5](z) \\[6] then [7].\n"
    assert [number for _, _, number in citation_numbers(body)] == [number for _, number in citation_markers(body)]


def test_a_marker_past_the_last_source_stays_text() -> None:
    linked = link_citations("Figure [4].", 3)
    assert linked.markdown == "Figure [4]."
    assert linked.cited_at == {}
