"""Atom feeds: parsed with a real feed parser, one entry per case study, newest first, linked from pages."""
from __future__ import annotations

import dataclasses
import datetime
import json
import re
import urllib.parse
import urllib.request

import feedparser
import pytest

from casebook.addresses import FEED_ALL, theme_feed_path
from casebook.outputs.feed import newest_first
from casebook.pipeline import generate_docs
from casebook.addresses import case_study_path, page_url, theme_path

TRICKY_TITLE = "=cmd|' /C calc'!A0 </script> \"quoted\" & co"


def _parse(paths, feed_path: str):
    parsed = feedparser.parse((paths.docs / feed_path).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


@pytest.fixture
def minimal(make_corpus, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    paths = make_corpus(corpus="minimal")
    corpus, _ = generate_docs(paths)
    return paths, corpus


def test_all_feed_has_an_entry_per_published_case_study(minimal) -> None:
    paths, corpus = minimal
    parsed = _parse(paths, FEED_ALL)
    assert parsed.version == "atom10"
    links = [entry.link for entry in parsed.entries]
    assert sorted(links) == sorted(_url(paths, cs) for cs in corpus.case_studies)
    assert not any(draft.slug in link for draft in corpus.drafts for link in links)


def _url(paths, case_study) -> str:
    from casebook.siteconfig import read_site_config

    return read_site_config(paths.mkdocs_config)["site_url"] + page_url(case_study_path(case_study))


def test_entries_are_newest_first(minimal) -> None:
    paths, corpus = minimal
    updated = [entry.updated_parsed for entry in _parse(paths, FEED_ALL).entries]
    assert updated == sorted(updated, reverse=True)
    assert len(set(updated)) > 1  # otherwise the order check proves nothing


def test_each_theme_has_a_feed_of_its_case_studies(minimal) -> None:
    paths, corpus = minimal
    for theme, items in corpus.by_theme().items():
        parsed = _parse(paths, theme_feed_path(theme))
        assert [e.link for e in parsed.entries] == [_url(paths, cs) for cs in newest_first(items)]
        assert parsed.feed.link.endswith("/" + page_url(theme_path(theme)))


def test_feed_date_comes_from_content_or_source_date_epoch(make_corpus, monkeypatch) -> None:
    paths = make_corpus(corpus="minimal")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    corpus, _ = generate_docs(paths)
    newest = max(cs.reviewed for cs in corpus.case_studies)
    assert _parse(paths, FEED_ALL).feed.updated.startswith(newest.isoformat())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    generate_docs(paths)
    assert _parse(paths, FEED_ALL).feed.updated.startswith("2026-01-01")


def test_ties_are_broken_by_slug(minimal) -> None:
    _, corpus = minimal
    same_day = datetime.date(2026, 1, 1)
    studies = [dataclasses.replace(cs, reviewed=same_day, added=None) for cs in reversed(corpus.case_studies)]
    assert [cs.slug for cs in newest_first(studies)] == sorted(cs.slug for cs in studies)


def test_hostile_title_survives_the_feed(make_corpus, valid_text: str) -> None:
    text = valid_text.replace('title: "Alpha: a shared payroll service"', f"title: {json.dumps(TRICKY_TITLE)}")
    paths = make_corpus({"tricky-title.md": text}, corpus="minimal")
    generate_docs(paths)
    raw = (paths.docs / FEED_ALL).read_text(encoding="utf-8")
    assert "</script>" not in raw
    titles = [entry.title for entry in _parse(paths, FEED_ALL).entries]
    assert TRICKY_TITLE in titles


def _fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def _feed_links(html: str) -> list[str]:
    return re.findall(r'<link rel="alternate feed" type="application/atom\+xml"[^>]*href="([^"]+)"', html)


@pytest.mark.slow
def test_every_kind_of_page_links_the_all_feed(built_site) -> None:
    corpus = built_site.corpus
    pages = ["index.md", "data/index.md", "about.md", case_study_path(corpus.case_studies[0])]
    for page in pages:
        url = built_site.url(page_url(page))
        links = [urllib.parse.urljoin(url, href) for href in _feed_links(_fetch(url).decode("utf-8"))]
        assert built_site.url(FEED_ALL) in links, page


@pytest.mark.slow
def test_theme_pages_link_their_feed_and_it_is_served(built_site) -> None:
    for theme, items in built_site.corpus.by_theme().items():
        url = built_site.url(page_url(theme_path(theme)))
        links = [urllib.parse.urljoin(url, href) for href in _feed_links(_fetch(url).decode("utf-8"))]
        feed_url = built_site.url(theme_feed_path(theme))
        assert feed_url in links
        parsed = feedparser.parse(_fetch(feed_url))
        assert not parsed.bozo and len(parsed.entries) == len(items)
