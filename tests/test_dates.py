"""Dates of an edition: from the content, or SOURCE_DATE_EPOCH, never the clock."""
from __future__ import annotations

import datetime

from casebook.outputs.dates import EMPTY_EDITION, as_datetime, edition_date
from casebook.pipeline import check_content


def test_an_edition_dates_from_its_newest_content_or_source_date_epoch(make_corpus, monkeypatch) -> None:
    corpus = check_content(make_corpus(corpus="minimal")).corpus
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    newest = max(max(d for d in (cs.added, cs.reviewed) if d) for cs in corpus.case_studies)
    assert edition_date(corpus) == as_datetime(newest)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert edition_date(corpus) == datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)


def test_an_empty_casebook_has_a_fixed_date(make_corpus, monkeypatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    corpus = check_content(make_corpus()).corpus
    assert edition_date(corpus).date() == EMPTY_EDITION
