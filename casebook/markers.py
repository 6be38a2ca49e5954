"""Citation markers in a case-study body become links: `[3]` links to source 3, which links back.

Markers are found with the same definition validation uses (casebook/hints.py `CITATIONS`, checked
in casebook/drafting.py), so a marker validation accepts is exactly one the page links. The work
is done on the Markdown body before the engine renders it, never on the finished HTML.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from casebook.hints import CITATIONS

ONE_MARKER = re.compile(r"\[(\d{1,3})\]")


def citation_numbers(body: str) -> list[tuple[int, int, int]]:
    """(start, end, source number) of each marker, one per number in a run such as `[1][2]`."""
    return [
        (run.start() + marker.start(), run.start() + marker.end(), int(marker.group(1)))
        for run in CITATIONS.finditer(body)
        for marker in ONE_MARKER.finditer(run.group(0))
    ]


@dataclass
class LinkedBody:
    """A body whose markers link to sources, and the ids where each source is cited (for links back)."""

    markdown: str
    cited_at: dict[int, list[str]] = field(default_factory=dict)


def link_citations(body: str, source_count: int) -> LinkedBody:
    """Turn `[n]` into a link to source n with an id to come back to. A number past the last
    source stays plain text: validation refuses it, so only a draft can have one."""
    cited_at: dict[int, list[str]] = {}
    parts: list[str] = []
    last = 0
    for start, end, number in citation_numbers(body):
        if not 1 <= number <= source_count:
            continue
        anchors = cited_at.setdefault(number, [])
        anchors.append(f"cite-{number}-{len(anchors) + 1}")
        # attr_list gives the link its id and class; the escaped brackets keep the marker's look.
        parts += [body[last:start], f"[\\[{number}\\]](#source-{number}){{#{anchors[-1]} .cb-cite-ref}}"]
        last = end
    parts.append(body[last:])
    return LinkedBody("".join(parts), cited_at)
