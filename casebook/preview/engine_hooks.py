"""Hooks the site engine loads in the preview only (MkDocs' documented hooks API; ProperDocs too).

The engine loads it (our code reads only CACHE_VARIABLE's name from it): the preview serves with a
config file that inherits mkdocs.yml and lists this file under `hooks:` (casebook/engines.py,
preview_config), so built sites never load it and an engine without hooks (Zensical) previews
without it.

Why: on every `serve --dirty` rebuild MkDocs makes a new Jinja environment and compiles the theme's
templates again (Material's main.html and its partials: about half the CPU of rebuilding one
edited page at 1,000 case studies). A bytecode cache keeps each compiled template on disk, checked
against the template's source, so only the first rebuild compiles them.
"""
from __future__ import annotations

import os
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache

# Set by the preview (casebook/preview/serve.py) to a folder of the project's .cache/.
CACHE_VARIABLE = "CASEBOOK_PREVIEW_TEMPLATE_CACHE"


def on_env(env: Environment, config: Any, files: Any) -> Environment:
    """The engine's template environment, given a bytecode cache when the preview named a folder."""
    folder = os.environ.get(CACHE_VARIABLE)
    if folder:
        os.makedirs(folder, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(folder)
    return env
