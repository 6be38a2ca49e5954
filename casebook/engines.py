"""The site engines that can turn docs/ into site/, in one table, each driven through its command line.

All three read our mkdocs.yml and run Material's templates with our overrides/. MkDocs 1.6.1 is the
default; ProperDocs is the maintained fork of MkDocs 1.x and builds the same pages (a test compares
them); Zensical, Material's successor, is experimental (docs/engines.md says what differs).
Our code never imports an engine: `python -m <module>` is the whole interface.
"""
from __future__ import annotations

import importlib.util
import json
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from casebook.problems import SiteError
from casebook.siteconfig import load_config


@dataclass(frozen=True)
class Engine:
    name: str
    module: str  # run as `python -m <module>`
    site_dir_option: bool  # `build -d DIR`; without it the site folder is set in an inheriting config file
    dirty_option: bool  # `serve --dirty` rebuilds only changed pages
    # Reads `hooks:` (Python files the engine calls at its documented events): the preview adds
    # casebook/preview/engine_hooks.py there. An engine without them previews without that help.
    hooks: bool = False
    experimental: bool = False


ENGINES: dict[str, Engine] = {
    engine.name: engine
    for engine in (
        Engine("mkdocs", "mkdocs", site_dir_option=True, dirty_option=True, hooks=True),
        Engine("properdocs", "properdocs", site_dir_option=True, dirty_option=True, hooks=True),
        Engine("zensical", "zensical", site_dir_option=False, dirty_option=False, experimental=True),
    )
}
DEFAULT_ENGINE = "mkdocs"
PREVIEW_HOOKS = Path(__file__).resolve().parent / "preview" / "engine_hooks.py"


def get_engine(name: str = DEFAULT_ENGINE) -> Engine:
    """The named engine, refusing one that is unknown or not installed (with the fix)."""
    if name not in ENGINES:
        raise SiteError(f"unknown site engine {name!r}; choose one of: {', '.join(ENGINES)}")
    engine = ENGINES[name]
    if importlib.util.find_spec(engine.module) is None:
        raise SiteError(f"the {name} site engine is not installed; run `make build` (or pip install -r requirements.txt)")
    return engine


def _command(engine: Engine, action: str, config: Path) -> list[str]:
    return [sys.executable, "-m", engine.module, action, "-f", str(config)]


@contextmanager
def build_command(engine: Engine, config: Path, site_dir: Path, strict: bool) -> Iterator[list[str]]:
    """The command that builds docs/ into site_dir, valid inside the `with` block.

    An engine without `-d` (Zensical) is given a small config file beside ours that inherits it and
    sets site_dir; it lives only while the build runs.
    """
    flags = ["--strict"] if strict else []
    if engine.site_dir_option:
        yield _command(engine, "build", config) + ["--clean", "-d", str(site_dir)] + flags
        return
    with _inheriting(config, f"{engine.name}-build", {"site_dir": str(site_dir)}) as inheriting:
        yield _command(engine, "build", config=inheriting) + flags


@contextmanager
def _inheriting(config: Path, name: str, settings: dict[str, object]) -> Iterator[Path]:
    """A config file `.<name>.yml` beside ours that inherits it and sets `settings`; it lives only
    inside the `with` block."""
    inheriting = config.with_name(f".{name}.yml")
    lines = [f"INHERIT: {config.name}"] + [f"{key}: {json.dumps(value)}" for key, value in settings.items()]
    inheriting.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        yield inheriting
    finally:
        inheriting.unlink(missing_ok=True)


@contextmanager
def preview_config(engine: Engine, config: Path) -> Iterator[Path]:
    """The config file the preview serves with, valid inside the `with` block.

    For an engine with hooks, a small file beside ours that inherits it and adds the preview's
    hooks (so the build config stays engine-neutral and free of them); otherwise ours as it is.
    """
    if not engine.hooks:
        yield config
        return
    # `hooks` given here replaces the inherited list, so any of ours come first (still relative to
    # the same folder, since this file sits beside ours).
    hooks = [*(load_config(config).get("hooks") or []), str(PREVIEW_HOOKS)]
    with _inheriting(config, f"{engine.name}-preview", {"hooks": hooks}) as inheriting:
        yield inheriting


def serve_command(engine: Engine, config: Path, address: str, dirty: bool) -> list[str]:
    """The engine's live-reload server for docs/ (`dirty` is ignored by engines without --dirty)."""
    return _command(engine, "serve", config) + ["-a", address] + (["--dirty"] if dirty and engine.dirty_option else [])
