"""What the search index holds for one case study: the text of its page as a reader sees it.

The index is built from the model, not from the built HTML (casebook/outputs/pagefind.py), so each
case study's record is written here as plain text: no Markdown syntax, no HTML, no citation
markers. It covers what the page's indexed part says: the title, summary, key facts, the outcome
table, the body and the sources. The body's Markdown is read by Python-Markdown (the parser the
site engine uses), and its tree is walked for text instead of being written out as HTML and
parsed again.
"""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from typing import Iterator

import markdown

from casebook.markers import citation_numbers
from casebook.model import CaseStudy, Outcome
from casebook.taxonomy import stage_label

# Elements after which a reader sees a break: their text is a line of its own in the record.
BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dt", "dd", "tr", "div", "hr"})
CELLS = frozenset({"td", "th"})  # a table's cells: words apart, on the row's line
# Python-Markdown keeps entities (`&amp;`) aside and leaves a placeholder in the tree.
SPACES = re.compile(r"\s+")
STASHED = re.compile("\x02wzxhzdk:(\\d+)\x03")


class MarkdownText:
    """Markdown to plain text, with one parser reused for every body (building one costs more than a body)."""

    def __init__(self) -> None:
        # The body extensions of mkdocs.yml a case study may use; attribute lists are refused in
        # bodies (casebook/content_safety.py), so attr_list is not needed to read them.
        self.parser = markdown.Markdown(extensions=["abbr", "def_list", "tables"])

    def convert(self, text: str) -> str:
        self.parser.reset()
        root = self.parser.parser.parseDocument(text.split("\n")).getroot()
        for treeprocessor in self.parser.treeprocessors:
            root = treeprocessor.run(root) or root
        lines = "".join(_text_of(root)).split("\n")
        stash = self.parser.htmlStash.rawHtmlBlocks
        return "\n".join(" ".join(STASHED.sub(lambda m: html.unescape(str(stash[int(m.group(1))])), line).split()) for line in lines if line.strip())


def _text_of(element: etree.Element) -> Iterator[str]:
    """An element's text, its children's and its tail, with a line break after each block."""
    if element.text:
        yield SPACES.sub(" ", element.text)  # a soft line break is a space; only blocks end lines
    for child in element:
        yield from _text_of(child)
    if element.tag in BLOCKS:
        yield "\n"
    elif element.tag in CELLS:
        yield " "
    if element.tail:
        yield SPACES.sub(" ", element.tail)


def without_citations(body: str) -> str:
    """The body with its `[n]` markers removed (the same markers the page links: casebook/markers.py)."""
    parts, last = [], 0
    for start, end, _ in citation_numbers(body):
        parts.append(body[last:start].rstrip(" "))  # "councils [1]." reads "councils."
        last = end
    parts.append(body[last:])
    return "".join(parts)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?" else text + "."


def _outcome(case_study: CaseStudy, outcome: Outcome, figure: str) -> str:
    """An outcome row as the table shows it: measure, figure, basis, year, evidence grade and source."""
    measure = outcome.measure
    if outcome.headline and case_study.theme.headline_measure:
        measure += f" (headline measure: {case_study.theme.headline_measure.name.lower()})"
    source = outcome.source.publisher or outcome.source.title
    return f"{measure}: {figure}. {outcome.basis.name}, {outcome.year}. {outcome.evidence.name}. Source: {source}."


def facts_text(case_study: CaseStudy) -> list[str]:
    """The key facts list, one line per fact."""
    councils = "; ".join(f"{council.name} ({council.type_name}, {council.region})" for council in case_study.councils)
    lines = [f"{'Councils' if len(case_study.councils) > 1 else 'Council'}: {councils}.", f"Theme: {case_study.theme.name}."]
    if case_study.services:
        lines.append(f"{'Service areas' if len(case_study.services) > 1 else 'Service area'}: {', '.join(s.name for s in case_study.services)}.")
    lines.append(_sentence(f"3R stage: {stage_label(case_study.stage)}. {case_study.stage_reasoning or ''}"))
    lines += [f"Years: {case_study.years}.", f"Status: {case_study.status.name}."]
    if case_study.tags:
        lines.append(f"Tags: {', '.join(case_study.tags)}.")
    return lines


def record_text(case_study: CaseStudy, evidence: str, body_text: MarkdownText) -> str:
    """The whole record: what the case study's page says, in reading order, as plain text."""
    from casebook.render import format_value  # imported here: render imports the outputs

    lines = [_sentence(case_study.title), _sentence(case_study.summary), *facts_text(case_study)]
    if evidence:
        lines.append(f"Evidence: {evidence}.")
    if case_study.outcomes:
        lines.append("Outcomes in figures.")
        lines += [_outcome(case_study, o, format_value(o.value, o.unit)) for o in case_study.outcomes]
    if case_study.headline_unavailable and case_study.theme.headline_measure:
        lines.append(_sentence(f"{case_study.theme.headline_measure.name}: no public figure. {case_study.headline_unavailable}"))
    lines.append(body_text.convert(without_citations(case_study.body)))
    lines.append("Sources.")
    lines += [_sentence(", ".join(filter(None, [s.title, s.publisher])) + (f" ({s.date})" if s.date else "")) for s in case_study.sources]
    return "\n".join(line for line in lines if line)
