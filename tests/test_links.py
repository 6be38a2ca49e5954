"""Every link works: crawl the built site over real HTTP under /casebook/, as GitHub Pages serves it.

Internal links, #anchors and assets (CSS, JavaScript, images, icons) must all resolve; external
links are not fetched (no network in tests) but must be http(s) or mailto.
"""
from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.slow

LINK_ATTRIBUTES = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"), ("iframe", "src"), ("form", "action")}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


class PageLinks(HTMLParser):
    """The links and the anchor targets (ids and names) of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (tag, url)
        self.anchors: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key):
                self.anchors.add(values[key] or "")
        for name, value in attrs:
            if (tag, name) in LINK_ATTRIBUTES and value is not None:
                self.links.append((tag, value))


@dataclass
class Crawl:
    base: str
    pages: dict[str, PageLinks] = field(default_factory=dict)
    fetched: dict[str, tuple[int, str, bytes]] = field(default_factory=dict)  # url -> (status, type, body)
    broken: list[str] = field(default_factory=list)

    def fetch(self, url: str) -> tuple[int, str, bytes]:
        if url not in self.fetched:
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    self.fetched[url] = (response.status, response.headers.get_content_type(), response.read())
            except urllib.error.HTTPError as error:
                self.fetched[url] = (error.code, "", b"")
        return self.fetched[url]

    def visit(self, start: str) -> None:
        queue = [start]
        while queue:
            url = queue.pop()
            if url in self.pages:
                continue
            status, kind, body = self.fetch(url)
            if status != 200 or kind != "text/html":
                continue
            parser = PageLinks()
            parser.feed(body.decode("utf-8"))
            self.pages[url] = parser
            for tag, link in parser.links:
                target = self._internal(url, tag, link)
                if target and target.split("#")[0] not in self.pages:
                    queue.append(target.split("#")[0])

    def _internal(self, page: str, tag: str, link: str) -> str | None:
        """The absolute URL of an internal link; external links are only checked for their scheme."""
        scheme = urllib.parse.urlsplit(link).scheme
        if scheme in ("http", "https") and not link.startswith(self.base.split("/casebook/")[0]):
            return None
        if scheme in ("mailto",) and tag == "a":
            return None
        if scheme and scheme not in ("http", "https"):
            self.broken.append(f"{page}: <{tag}> links to {link!r}, not http(s)")
            return None
        return urllib.parse.urljoin(page, link)


@pytest.fixture(scope="module")
def crawl(built_site) -> Crawl:
    crawler = Crawl(built_site.url())
    crawler.visit(built_site.url())
    crawler.visit(built_site.url("404.html"))
    for path in ("sitemap.xml",):  # pages reached only from the sitemap
        _, _, body = crawler.fetch(built_site.url(path))
        for loc in re.findall(r"<loc>([^<]+)</loc>", body.decode("utf-8")):
            crawler.visit(built_site.url(urllib.parse.urlsplit(loc).path.split("/casebook/", 1)[-1]))
    return crawler


def _check_target(crawl: Crawl, page: str, tag: str, link: str) -> str | None:
    target = crawl._internal(page, tag, link)
    if target is None:
        return None
    address, _, anchor = target.partition("#")
    if not address.startswith(crawl.base):
        return f"{page}: {link!r} leaves the site's sub-path /casebook/"
    status, _, _ = crawl.fetch(address)
    if status != 200:
        return f"{page}: {link!r} -> HTTP {status}"
    if anchor and address in crawl.pages and urllib.parse.unquote(anchor) not in crawl.pages[address].anchors:
        return f"{page}: {link!r} -> no element with id {anchor!r}"
    return None


def test_the_crawl_reaches_every_case_study(crawl: Crawl, built_site) -> None:
    for case_study in built_site.corpus.case_studies:
        assert built_site.url(f"case-studies/{case_study.slug}/") in crawl.pages


def test_no_broken_internal_link_anchor_or_asset(crawl: Crawl) -> None:
    problems = list(crawl.broken)
    for page, links in sorted(crawl.pages.items()):
        for tag, link in links.links:
            problem = _check_target(crawl, page, tag, link)
            if problem:
                problems.append(problem)
    assert problems == [], f"{len(problems)} broken:\n" + "\n".join(sorted(set(problems))[:40])


def test_stylesheets_resolve_their_own_urls(crawl: Crawl) -> None:
    """Images and fonts named in the site's CSS (data: URLs aside) resolve too."""
    problems = []
    for url, (status, kind, body) in sorted(crawl.fetched.items()):
        if kind != "text/css" or not url.startswith(crawl.base):
            continue
        for reference in CSS_URL.findall(body.decode("utf-8")):
            if reference.startswith(("data:", "#")):
                continue
            target = urllib.parse.urljoin(url, reference)
            if crawl.fetch(target)[0] != 200:
                problems.append(f"{url}: url({reference})")
    assert problems == []


def test_404_page_is_styled_under_the_sub_path(crawl: Crawl, built_site) -> None:
    page = crawl.pages[built_site.url("404.html")]
    stylesheets = [link for tag, link in page.links if tag == "link" and link.endswith(".css")]
    assert any("casebook.css" in link for link in stylesheets)
    for link in stylesheets:
        target = urllib.parse.urljoin(built_site.url("404.html"), link)
        assert target.startswith(built_site.url()), link
        assert crawl.fetch(target)[0] == 200, link


def test_external_links_are_http_or_mailto(crawl: Crawl) -> None:
    for page, links in crawl.pages.items():
        for tag, link in links.links:
            scheme = urllib.parse.urlsplit(link).scheme
            assert scheme in ("", "http", "https", "mailto"), f"{page}: {link}"
