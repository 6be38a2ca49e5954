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
    return "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True) + "---\n" + body
