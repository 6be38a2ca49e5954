"""Atom feeds of the case studies: one for all, one per theme, built with feedgen.

Pure: returns docs/ path -> bytes. URLs come in as functions so this module does not depend on
the renderer (which links to the feeds), and dates come from the content or SOURCE_DATE_EPOCH.
"""
from __future__ import annotations

import datetime
from typing import Any, Callable, Sequence

from feedgen.feed import FeedGenerator

from casebook.outputs.citation import LICENCE_URL
from casebook.outputs.dates import as_datetime, case_study_date, edition_date, source_date_epoch
from casebook.addresses import FEED_ALL, theme_feed_path
from casebook.model import CaseStudy, Corpus
from casebook.taxonomy import Term, stage_label

FEED_TYPE = "application/atom+xml"

UrlOf = Callable[[str], str]  # docs/ path -> absolute URL


def newest_first(case_studies: Sequence[CaseStudy]) -> list[CaseStudy]:
    """Newest added-or-reviewed date first; slug breaks ties so the order never depends on input order."""
    by_slug = sorted(case_studies, key=lambda cs: cs.slug)
    return sorted(by_slug, key=case_study_date, reverse=True)


def _updated(case_studies: Sequence[CaseStudy], corpus: Corpus) -> datetime.datetime:
    """The feed's own date: SOURCE_DATE_EPOCH, else its newest entry, else the corpus edition."""
    epoch = source_date_epoch()
    if epoch is not None:
        return epoch
    if case_studies:
        return as_datetime(max(case_study_date(cs) for cs in case_studies))
    return edition_date(corpus)


def _add_entry(feed: FeedGenerator, case_study: CaseStudy, url: str) -> None:
    entry = feed.add_entry(order="append")
    entry.id(url)
    entry.title(case_study.title)
    entry.link(href=url, rel="alternate", type="text/html")
    entry.summary(case_study.summary)
    entry.updated(as_datetime(case_study.reviewed))
    if case_study.added:
        entry.published(as_datetime(case_study.added))
    entry.category(term=str(case_study.theme.id), label=case_study.theme.name)
    entry.category(term=f"stage-{case_study.stage.id}", label=stage_label(case_study.stage))


def build_feed(
    path: str, title: str, page: str, case_studies: Sequence[CaseStudy], corpus: Corpus,
    site: dict[str, Any], url_of: UrlOf, case_study_page: Callable[[CaseStudy], str],
) -> bytes:
    """One Atom feed (as UTF-8 bytes) of `case_studies`, newest first, linking to the page `page`."""
    feed = FeedGenerator()
    feed.id(url_of(path))
    feed.title(title)
    feed.subtitle(site["description"] or title)
    feed.author({"name": site["name"], "uri": site["site_url"]})
    feed.link(href=url_of(path), rel="self", type=FEED_TYPE)
    feed.link(href=url_of(page), rel="alternate", type="text/html")
    feed.language("en-GB")
    feed.rights(f"CC BY 4.0 ({LICENCE_URL})")
    feed.generator(site["name"])  # feedgen's default names its version; ours stays stable
    feed.updated(_updated(case_studies, corpus))
    for case_study in newest_first(case_studies):
        _add_entry(feed, case_study, url_of(case_study_page(case_study)))
    return feed.atom_str(pretty=True)


def render_feeds(
    corpus: Corpus, site: dict[str, Any], url_of: UrlOf,
    case_study_page: Callable[[CaseStudy], str], theme_page: Callable[[Term], str], home_page: str,
) -> dict[str, bytes]:
    """The all-case-studies feed and one feed per theme (empty themes get an empty feed)."""
    common = {"corpus": corpus, "site": site, "url_of": url_of, "case_study_page": case_study_page}
    feeds = {FEED_ALL: build_feed(FEED_ALL, f"{site['name']}: all case studies", home_page, corpus.case_studies, **common)}
    for theme, items in corpus.by_theme().items():
        path = theme_feed_path(theme)
        feeds[path] = build_feed(path, f"{site['name']}: {theme.name}", theme_page(theme), items, **common)
    return feeds
