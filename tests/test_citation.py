"""Findable and citable: BibTeX and JSON-LD escaping, dates without the clock, CITATION.cff,
and on the built site JSON-LD, canonical URLs, Open Graph tags and the sitemap."""
from __future__ import annotations

import dataclasses
import datetime
import html
import json
import re
import shutil
import urllib.request
import xml.etree.ElementTree as ET

import pytest
import yaml

from casebook.outputs.citation import (
    CITE_AS,
    LICENCE_ID,
    build_citation,
    build_jsonld,
    dumps_html_safe,
    escape_bibtex,
)
from casebook.outputs.dates import edition_date
from casebook.pipeline import build_site, check_content
from casebook.addresses import case_study_path, page_url
from casebook.project import PROJECT_ROOT
from casebook.siteconfig import read_site_config

TRICKY_TITLE = "=cmd|' /C calc'!A0 </script> \"quoted\" & co"
JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture
def corpus(make_corpus):
    return check_content(make_corpus(corpus="minimal")).corpus


@pytest.mark.parametrize(
    ("text", "escaped"),
    [("A & B", r"A \& B"), ("50%", r"50\%"), ("{x}", r"\{x\}"), ("a\\b", r"a\textbackslash{}b"),
     ("$1 #2 _3", r"\$1 \#2 \_3"), ("~^", r"\textasciitilde{}\textasciicircum{}"), ("</script>", r"\textless{}/script\textgreater{}")],
)
def test_escape_bibtex(text: str, escaped: str) -> None:
    assert escape_bibtex(text) == escaped


def _balanced(text: str) -> bool:
    depth = 0
    for char in re.sub(r"\\[{}]", "", text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def test_bibtex_of_a_hostile_title_has_no_bare_specials(corpus) -> None:
    case_study = corpus.case_studies[0]
    tricky = dataclasses.replace(case_study, title=TRICKY_TITLE + " {50% #1}")
    bibtex = build_citation(tricky, "https://example.org/x/").bibtex
    title_line = next(line for line in bibtex.splitlines() if line.strip().startswith("title"))
    assert not re.search(r"(?<!\\)[&%#$<>]", title_line)
    assert _balanced(bibtex)
    assert bibtex.startswith(f"@misc{{casebook-{case_study.slug},")


def test_plain_citation_names_the_casebook_title_year_and_url(corpus) -> None:
    case_study = corpus.case_studies[0]
    text = build_citation(case_study, "https://example.org/x/").text
    assert text.startswith(f"{CITE_AS}, {case_study.reviewed.year}, {case_study.title}, https://example.org/x/")


def test_html_safe_json_cannot_end_a_script_element() -> None:
    data = {"headline": TRICKY_TITLE, "more": "<!-- & \u2028"}
    text = dumps_html_safe(data)
    assert not set("<>&") & set(text)
    assert json.loads(text) == data


def test_jsonld_is_an_article_about_the_councils_with_dates_and_citations(corpus) -> None:
    site = {"name": "Casebook", "site_url": "https://example.org/"}
    for case_study in corpus.case_studies:
        data = build_jsonld(case_study, "https://example.org/x/", site)
        assert data["@type"] == "Article"
        assert [c["name"] for c in data["about"]] == [c.name for c in case_study.councils]
        assert data["dateModified"] == case_study.reviewed.isoformat()
        assert [c["url"] for c in data["citation"]] == [s.url for s in case_study.sources]


def test_edition_date_comes_from_content_or_source_date_epoch(corpus, monkeypatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    newest = max(max(d for d in (cs.added, cs.reviewed) if d) for cs in corpus.case_studies)
    assert edition_date(corpus).date() == newest
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert edition_date(corpus) == datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)


def test_citation_cff_has_the_required_shape(monkeypatch) -> None:
    monkeypatch.delenv("SITE_URL", raising=False)
    cff = yaml.safe_load((PROJECT_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert cff["title"] == CITE_AS
    assert cff["message"].strip()
    assert cff["authors"] and all(a.get("name") or a.get("family-names") for a in cff["authors"])
    assert cff["license"] == LICENCE_ID
    site = read_site_config(PROJECT_ROOT / "mkdocs.yml")
    assert cff["repository-code"] == site["repo_url"]
    assert cff["url"] == site["site_url"]


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


@pytest.mark.slow
def test_case_study_pages_carry_jsonld_canonical_and_open_graph(built_site) -> None:
    site_url = read_site_config(built_site.paths.mkdocs_config)["site_url"]
    for case_study in built_site.corpus.case_studies:
        page = _fetch(built_site.url(page_url(case_study_path(case_study))))
        data = json.loads(JSONLD.search(page).group(1))
        assert [c["name"] for c in data["about"]] == [c.name for c in case_study.councils]
        canonical = re.findall(r'<link rel="canonical" href="([^"]+)"', page)
        assert canonical == [site_url + page_url(case_study_path(case_study))]
        assert f'<meta property="og:url" content="{canonical[0]}">' in page
        assert 'id="cite"' in page and f"@misc{{casebook-{case_study.slug}," in page


@pytest.mark.slow
def test_sitemap_lists_every_case_study(built_site) -> None:
    site_url = read_site_config(built_site.paths.mkdocs_config)["site_url"]
    tree = ET.fromstring(_fetch(built_site.url("sitemap.xml")))
    locations = {loc.text for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    for case_study in built_site.corpus.case_studies:
        assert site_url + page_url(case_study_path(case_study)) in locations


@pytest.mark.slow
def test_hostile_title_survives_escaped_on_the_built_page(make_corpus, valid_text: str) -> None:
    text = valid_text.replace('title: "Alpha: a shared payroll service"', f"title: {json.dumps(TRICKY_TITLE)}")
    paths = make_corpus({"tricky-title.md": text}, corpus="minimal")
    if not (paths.root / "overrides").is_dir():  # the <head> partial under test lives there
        shutil.copytree(PROJECT_ROOT / "overrides", paths.root / "overrides")
    build_site(paths, strict=False)  # the minimal corpus lacks case studies the hand-written pages link to
    page = (paths.site / "case-studies" / "tricky-title" / "index.html").read_text(encoding="utf-8")
    scripts = JSONLD.findall(page)
    assert len(scripts) == 1 and json.loads(scripts[0])["headline"] == TRICKY_TITLE
    assert html.unescape(re.search(r'<meta property="og:title" content="([^"]*)">', page).group(1)) == TRICKY_TITLE
    bibtex = html.unescape(re.search(r'<pre class="cb-cite-bibtex"[^>]*><code[^>]*>(.*?)</code>', page, re.S).group(1))
    assert r'\textless{}/script\textgreater{} "quoted" \& co' in bibtex
