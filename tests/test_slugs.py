"""Slugs: URL-safe names from any text."""
from __future__ import annotations

import pytest

from casebook.slugs import is_slug, slugify


@pytest.mark.parametrize(("text", "slug"), [("Brighton & Hove City Council", "brighton-hove-city-council"), ("Ynys Môn", "ynys-mon"), ("  --A--  ", "a")])
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug
    assert is_slug(slug)


def test_is_slug_refuses_capitals_spaces_and_edge_hyphens() -> None:
    assert not any(is_slug(text) for text in ("Leeds", "leeds hub", "-leeds", "leeds-", ""))
