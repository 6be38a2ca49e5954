"""Valid variations of a fixture case study, for tests that need many small corpora."""
from __future__ import annotations

from typing import Any

import yaml

from casebook.load import FrontMatterLoader


def vary(text: str, **changes: Any) -> str:
    """The case study `text` with some front-matter keys replaced (None removes a key)."""
    _, front, body = text.split("---\n", 2)
    data = yaml.load(front, Loader=FrontMatterLoader)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    _keep_headline_rule(data, changes)
    return "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True) + "---\n" + body


def _keep_headline_rule(data: dict[str, Any], changes: dict[str, Any]) -> None:
    """Validation wants the theme's headline figure or a reason it is missing: a variation that drops
    the fixture's marked figure, or moves it to another theme, gets a reason instead."""
    if "theme" in changes and "outcomes" not in changes:
        for outcome in data.get("outcomes") or []:
            outcome.pop("headline", None)
    marked = any(outcome.get("headline") for outcome in data.get("outcomes") or [])
    if marked and "headline_unavailable" not in changes:
        data.pop("headline_unavailable", None)
    if not marked and "headline_unavailable" not in data and "headline_unavailable" not in changes:
        data["headline_unavailable"] = "Test variation: no headline figure."
