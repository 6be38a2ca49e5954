"""How a case study is dated, cited and described to machines: edition dates, plain-text and
BibTeX citations, schema.org JSON-LD.

Everything here is pure and takes the page's absolute URL as an argument, so the module needs
neither the renderer nor the clock: dates come from the content, or from SOURCE_DATE_EPOCH.
"""
from __future__ import annotations

import datetime
import json
import os
from dataclasses import dataclass
from typing import Any

from casebook.model import CaseStudy, Corpus, Source
from casebook.register import Council

LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_ID = "CC-BY-4.0"
# How the About page and CITATION.cff ask to be credited: "The" and the site's name.
CITE_AS = "The Transformation Casebook"
# When there is no content and no SOURCE_DATE_EPOCH, a fixed date keeps output reproducible.
EMPTY_EDITION = datetime.date(1970, 1, 1)

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
# Inside <script>, `</script>` or `<!--` in a string would end the element early; JSON allows
# these \u escapes, so the data is unchanged for any JSON parser.
HTML_UNSAFE_JSON = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_HTML_UNSAFE_TABLE = str.maketrans(HTML_UNSAFE_JSON)


@dataclass(frozen=True)
class Citation:
    """The two forms of the "Cite this case study" block."""

    text: str
    bibtex: str


def source_date_epoch() -> datetime.datetime | None:
    """SOURCE_DATE_EPOCH as a UTC datetime, or None when unset (reproducible-builds.org)."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return datetime.datetime.fromtimestamp(int(value), datetime.timezone.utc) if value else None


def case_study_date(case_study: CaseStudy) -> datetime.date:
    """The latest date the content gives: when it was added or last reviewed."""
    return max(d for d in (case_study.added, case_study.reviewed) if d is not None)


def edition_date(corpus: Corpus) -> datetime.datetime:
    """When this edition of the casebook dates from: SOURCE_DATE_EPOCH, else its newest content date."""
    epoch = source_date_epoch()
    if epoch is not None:
        return epoch
    dates = [case_study_date(cs) for cs in corpus.case_studies]
    return as_datetime(max(dates, default=EMPTY_EDITION))


def as_datetime(date: datetime.date) -> datetime.datetime:
    """Midnight UTC on a date: feeds and JSON-LD want full timestamps."""
    return datetime.datetime(date.year, date.month, date.day, tzinfo=datetime.timezone.utc)


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
    """JSON that can sit inside an HTML <script> element without ending it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.translate(_HTML_UNSAFE_TABLE)  # one C-level pass (a per-character join cost 15% of rendering)


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
