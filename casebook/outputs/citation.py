"""How a case study is cited and described to machines: plain-text and BibTeX citations,
schema.org JSON-LD. (How the casebook is dated: dates.py.)

Everything here is pure and takes the page's absolute URL as an argument, so the module needs
neither the renderer nor the clock.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jinja2.utils import htmlsafe_json_dumps

from casebook.model import CaseStudy, Source
from casebook.register import Council

LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_ID = "CC-BY-4.0"
# How the About page and CITATION.cff ask to be credited: "The" and the site's name.
CITE_AS = "The Transformation Casebook"

# Characters BibTeX (or LaTeX behind it) would read as markup, replaced in one pass so the braces
# of one replacement are never escaped again.
BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
}
@dataclass(frozen=True)
class Citation:
    """The two forms of the "Cite this case study" block."""

    text: str
    bibtex: str


def escape_bibtex(text: str) -> str:
    """Text safe inside a braced BibTeX field."""
    return "".join(BIBTEX_SPECIALS.get(char, char) for char in text)


def build_citation(case_study: CaseStudy, url: str) -> Citation:
    """Plain text in the pattern of the About page, and a BibTeX @misc entry.

    The year is that of the case study's last review: the version of it being cited.
    """
    year = case_study.reviewed.year
    text = f"{CITE_AS}, {year}, {case_study.title}, {url}, accessed [date]"
    fields = {
        "author": "{" + escape_bibtex(CITE_AS) + "}",  # double braces: a body, not a person's name
        "title": escape_bibtex(case_study.title),
        "year": str(year),
        "url": url,
        "note": f"Last reviewed {case_study.reviewed.isoformat()}",
    }
    lines = [f"  {key} = {{{value}}}" for key, value in fields.items()]
    bibtex = f"@misc{{casebook-{case_study.slug},\n" + ",\n".join(lines) + "\n}"
    return Citation(text, bibtex)


def dumps_html_safe(data: Any) -> str:
    """JSON that can sit inside an HTML <script> element without ending it: Jinja2 writes <, >, & and '
    as \\u escapes, which any JSON parser reads back unchanged."""
    return str(htmlsafe_json_dumps(data, ensure_ascii=False, separators=(",", ":")))


def _council_jsonld(council: Council) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "GovernmentOrganization", "name": council.name, "areaServed": council.region}
    if council.short_name != council.name:
        node["alternateName"] = council.short_name
    if council.gss_code:
        node["identifier"] = {"@type": "PropertyValue", "propertyID": "GSS", "value": council.gss_code}
    return node


def _source_jsonld(source: Source) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "CreativeWork", "name": source.title, "url": source.url}
    if source.publisher:
        node["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.date:
        node["datePublished"] = source.date
    return node


def build_jsonld(case_study: CaseStudy, url: str, site: dict[str, Any]) -> dict[str, Any]:
    """A schema.org Article about the case study's councils, with its dates and sources."""
    publisher = {"@type": "Organization", "name": site["name"], "url": site["site_url"]}
    return {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": case_study.title,
        "description": case_study.summary,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": (case_study.added or case_study.reviewed).isoformat(),
        "dateModified": case_study.reviewed.isoformat(),
        "inLanguage": "en-GB",
        "license": LICENCE_URL,
        "author": publisher,
        "publisher": publisher,
        "articleSection": case_study.theme.name,
        "keywords": list(case_study.tags),
        "about": [_council_jsonld(council) for council in case_study.councils],
        "citation": [_source_jsonld(source) for source in case_study.sources],
    }
