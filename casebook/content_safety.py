"""Content safety: what a case study may not contain, because it would run, load or hide something
on a reader's page (raw HTML, script links, remote images, attribute lists, invisible characters).

Refusing is simpler to trust than sanitising; every refusal is a Problem with a fix, like any other.
"""
from __future__ import annotations

import bisect
import html
import re
from typing import Any, Iterable

from casebook.load import KeyPath, SourceFile, field_name
from casebook.problems import Problem

# Raw HTML in bodies is refused (see docs/contribute.md): Markdown covers what a case study needs,
# and refusing is simpler to trust than sanitising. Autolinks such as <https://...> are Markdown.
# Nothing is exempt, not even code: this site's Markdown has no fenced code blocks, so text
# between ``` lines is live HTML, and matching Markdown's code-span rules exactly is fragile.
RAW_HTML = re.compile(r"<(?!https?://|mailto:)[A-Za-z!/?]")
# Where Markdown takes a URL: inline links and images `](target)` (the target may start on the
# next line) and reference definitions `[x]: target` (ditto).
INLINE_TARGET = re.compile(r"\]\(([^)]*)")
REFERENCE_TARGET = re.compile(r"^ {0,3}\[[^\]\n]*\]:[ \t]*\n?[ \t]*(\S+)", re.MULTILINE)
IMAGE_TARGET = re.compile(r"!\[[^\]]*\]\(\s*<?(https?:[^)\s>]*)", re.IGNORECASE)
SAFE_LINK = re.compile(r"^(?:https?://|mailto:|#|\.{1,2}/|/(?!/)|[\w.-]+(?:\.md)?(?:#[\w-]*)?$)", re.IGNORECASE)
# Browsers drop tabs, newlines and other controls inside URLs, so `java&#9;script:` still runs.
URL_NOISE = re.compile(r"[\x00-\x1f\x7f]")
# `{: onclick=... }` (Markdown attribute lists) would set any attribute; only ids and classes may be given.
ATTRIBUTE_LIST = re.compile(r"\{:?([^{}\n]*)\}")
SAFE_ATTRIBUTE = re.compile(r"^[#.][a-z][a-z0-9-]*$")
# Invisible characters a YAML escape ("\x85", "\u2028", "\u202e") can put into a value: they break the
# generated pages' own front matter or disguise text, so they are refused.
MULTILINE_FIELDS = {("summary",)}  # the model joins its lines
INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff\ufeff\ufffe\uffff]")


def body_problems(source: SourceFile) -> list[Problem]:
    """Raw HTML, unsafe links, images from other sites and attribute lists in the Markdown body."""
    body = source.body
    line_starts = [0] + [match.end() for match in re.finditer("\n", body)]
    found: list[tuple[int, str]] = []
    html_lines: set[int] = set()
    for match in RAW_HTML.finditer(body):
        line = bisect.bisect_right(line_starts, match.start())
        if line not in html_lines:  # the first tag on a line is enough to point at it
            html_lines.add(line)
            snippet = body[match.start() : match.start() + 12].split("\n")[0].strip()
            found.append((match.start(), f"raw HTML (`{snippet}`) is not allowed; write Markdown instead"))
    for match in [*INLINE_TARGET.finditer(body), *REFERENCE_TARGET.finditer(body)]:
        target = link_target(match.group(1))
        if target and (not SAFE_LINK.match(target) or "\\" in target):
            found.append((match.start(1), f"link to {show(target)} is not allowed; link to an http(s) address"))
    for match in IMAGE_TARGET.finditer(body):
        found.append((match.start(1), f"image from {show(match.group(1))} is not allowed; pages load nothing from other sites"))
    for match in ATTRIBUTE_LIST.finditer(body):
        if unsafe_attribute_list(match.group(0)):
            found.append((match.start(), f"attribute list `{match.group(0)[:40]}` is not allowed; only ids and classes such as `{{#costs}}` may be given"))
    return [Problem(source.path, source.body_line + bisect.bisect_right(line_starts, offset) - 1, "body", message) for offset, message in found]

def text_problems(source: SourceFile, bad_fields: set[str]) -> list[Problem]:
    """Invisible characters, attribute lists and line breaks in front-matter text (fields already flagged are skipped)."""
    problems = []
    for key_path, text in strings(source.front_matter, ()):
        if str(key_path[0]) in bad_fields:
            continue
        invisible = INVISIBLE.search(text)
        if invisible:
            problems.append(_at(source, key_path, f"contains the invisible character U+{ord(invisible.group(0)):04X}; delete it"))
        elif unsafe_attribute_list(text, allow_ids=False):  # values sit inside Markdown-processed HTML, where `{: onclick=...}` works
            problems.append(_at(source, key_path, f"`{unsafe_attribute_list(text, allow_ids=False)[:40]}` is not allowed: curly braces set HTML attributes; remove them"))
        elif "\n" in text and key_path not in MULTILINE_FIELDS:
            # Values are placed inside HTML blocks of the generated Markdown; a blank line would end the block.
            problems.append(_at(source, key_path, "contains a line break; keep the value on one line"))
    return problems


def _at(source: SourceFile, key_path: KeyPath, message: str) -> Problem:
    return Problem(source.path, source.line_of(key_path), field_name(key_path), message)


def link_target(raw: str) -> str:
    """The URL a browser would follow for a Markdown link target (entities decoded, controls dropped)."""
    target = URL_NOISE.sub("", html.unescape(raw)).strip().removeprefix("<")
    return target.split(" ")[0].split(">")[0]


def unsafe_attribute_list(text: str, allow_ids: bool = True) -> str:
    """The first `{...}` in text that would set more than an id or a class (or anything, unless `allow_ids`), or ""."""
    for match in ATTRIBUTE_LIST.finditer(text):
        if not allow_ids and match.group(1).strip():  # even `{4}` becomes an attribute (4="4")
            return match.group(0)
        # `key=value` and a bare `word` (read as word="word") set attributes, as do odd ids (`#__config`
        # would shadow the theme's own element); plain `#id` and `.class` are fine, and `{4}` is just text.
        if any(not SAFE_ATTRIBUTE.match(part) and ("=" in part or part[:1].isalpha() or part[:1] in "#.") for part in match.group(1).split()):
            return match.group(0)
    return ""


def strings(value: Any, key_path: KeyPath) -> Iterable[tuple[KeyPath, str]]:
    """Every text value in the front matter, with its key path."""
    if isinstance(value, str):
        yield key_path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, key_path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, key_path + (index,))


def show(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."
