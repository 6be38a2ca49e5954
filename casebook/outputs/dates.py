"""How the casebook is dated: from its content, or from SOURCE_DATE_EPOCH, never from the clock,
so two builds of one commit give identical files (reproducible-builds.org).
"""
from __future__ import annotations

import datetime
import os

from casebook.model import CaseStudy, Corpus

# When there is no content and no SOURCE_DATE_EPOCH, a fixed date keeps output reproducible.
EMPTY_EDITION = datetime.date(1970, 1, 1)


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
