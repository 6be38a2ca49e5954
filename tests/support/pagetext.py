"""What a built page says, as text: the engine-independent part of a page, for comparing builds."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

# Tags whose text is not read as the page's words.
_SKIPPED = {"script", "style", "template", "svg"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _MainText(HTMLParser):
    """Collects the text inside the first <article> (Material's main region: the page's content)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # open elements inside the article, the article included
        self.skipping = 0
        self.done = False
        self.words: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done or tag in _VOID:
            return
        if self.depth == 0 and tag == "article":
            self.depth = 1
        elif self.depth:
            self.depth += 1
            self.skipping += tag in _SKIPPED

    def handle_endtag(self, tag: str) -> None:
        if not self.depth or tag in _VOID:
            return
        self.depth -= 1
        self.skipping -= tag in _SKIPPED and self.skipping > 0
        self.done = self.depth == 0

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skipping:
            self.words.append(data)


def main_text(html: str) -> str:
    """The words of a page's main region, whitespace collapsed."""
    parser = _MainText()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.words)).strip()


def site_pages(site: Path) -> dict[str, Path]:
    """Every HTML page of a built site, by its path inside the site."""
    return {page.relative_to(site).as_posix(): page for page in sorted(site.rglob("*.html"))}
