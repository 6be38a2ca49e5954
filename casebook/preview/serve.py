"""Preview: regenerate docs/ when content or templates change, while the site engine serves it.

The site engine watches docs/ and reloads the browser; we watch (with watchfiles) what docs/ is
made from: case studies, templates, the register, the taxonomy, mkdocs.yml and the theme overrides.

By default the engine runs with --dirty: it rebuilds only the pages whose Markdown changed. That is
right for this site because every generated page that shows data from a case study (lists,
indexes, related items) is rewritten by the writer when that data changes, and unchanged pages
are left untouched. What --dirty cannot see is a change to what every page shares (mkdocs.yml,
the theme overrides), so on such a change the engine is restarted for a full build. (A deleted
case study's old page stays reachable by its address until the preview restarts; no page links to it.)

When content is invalid the pages stay as they were, so the reader of the browser would not know:
the preview writes the problems to docs/preview-problems.json (an empty list when all is well),
and the theme, told by CASEBOOK_PREVIEW_PROBLEMS where that file is, shows them in a banner on every
page (docs/assets/preview-problems.js). Only the preview sets that variable, so built sites neither
carry nor ask for the file; the preview removes it when it stops.

How soon an edit shows (issue 15): the watcher ends a burst of changes after 20 ms of quiet; the
edited case study's own page goes to docs/ first and the pages that list it follow in one burst
(each changed file costs the engine a page rebuild, so unchanged files are never rewritten). The
engine notices by itself (MkDocs polls docs/ every 0.5 s) and rebuilds the page. For an engine
with hooks, the preview serves with a config file that inherits mkdocs.yml and adds
casebook/preview/engine_hooks.py, which keeps the theme's compiled templates between rebuilds.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from watchfiles import watch

from casebook.addresses import engine_environment
from casebook.engines import DEFAULT_ENGINE, Engine, get_engine, preview_config, serve_command
from casebook.pipeline import generate_docs
from casebook.preview.cache import ContentCache
from casebook.preview.engine_hooks import CACHE_VARIABLE
from casebook.preview.engine_output import start_quietly
from casebook.problems import ContentInvalid, Problem
from casebook.project import ProjectPaths

# How long a burst of edits may last before the preview rebuilds, how long a quiet spell ends a
# burst (an editor's save is a write or a rename, a millisecond or two), and how often it checks
# that the engine still runs (milliseconds).
DEBOUNCE_MS = 300
QUIET_MS = 20
ENGINE_CHECK_MS = 500
PROBLEMS_FILE = "preview-problems.json"  # in docs/, served at the site root; never built into site/
TEMPLATE_CACHE = ".cache/engine-templates"  # the engine's compiled theme templates (engine_hooks.py)


def watched(paths: ProjectPaths) -> list[Path]:
    """Every folder and file the site is made from (folders are watched with all they hold)."""
    candidates = [paths.casestudies, paths.templates, paths.registers, paths.taxonomy.parent, paths.overrides, paths.mkdocs_config]
    return [path for path in candidates if path.exists()]


def shared_by_every_page(paths: ProjectPaths, changed: set[Path]) -> bool:
    """True if the site configuration or the theme overrides changed: --dirty cannot see those."""
    return any(path == paths.mkdocs_config or path.is_relative_to(paths.overrides) for path in changed)


def only_case_studies(paths: ProjectPaths, changed: set[Path]) -> bool:
    """True if every changed file is in casestudies/ (so what is valid has not changed)."""
    return all(path.is_relative_to(paths.casestudies) for path in changed)


def write_problems(paths: ProjectPaths, problems: list[Problem]) -> None:
    """What the browser banner shows: each problem's parts, as text (the page never parses it as markup)."""
    listed = [{"path": p.path, "line": p.line, "field": p.field, "message": p.message, "text": str(p)} for p in problems]
    target = paths.docs / PROBLEMS_FILE
    if target.exists() and json.loads(target.read_text(encoding="utf-8") or "[]") == listed:
        return  # unchanged: rewriting it would make the engine rebuild and every open page reload
    target.write_text(json.dumps(listed, ensure_ascii=False, indent=1), encoding="utf-8")


def project_relative(paths: ProjectPaths, files: Iterable[Path]) -> list[str]:
    """The files under the project root, as the paths case studies are known by (`casestudies/a.md`)."""
    root = paths.root.resolve()
    resolved = [file.resolve() for file in files]
    return sorted(file.relative_to(root).as_posix() for file in resolved if file.is_relative_to(root))


def regenerate(paths: ProjectPaths, cache: ContentCache | None = None, edited: Iterable[Path] = ()) -> bool:
    """Regenerate docs/, reporting problems (here and in the browser) instead of stopping the preview.

    The pages of the `edited` files (what the watcher saw change) go to docs/ first: the engine can
    rebuild and show them while the pages that list them are still being rendered (issue 15).
    """
    try:
        _, report = generate_docs(paths, cache, first=project_relative(paths, edited))
    except ContentInvalid as invalid:
        write_problems(paths, invalid.problems)
        for problem in invalid.problems:
            print(problem, flush=True)
        print(f"{len(invalid.problems)} problem(s); the preview keeps the last good pages and shows the problems on them.", flush=True)
        return False
    write_problems(paths, [])
    print(f"Regenerated: {len(report.written)} page(s) written, {len(report.removed)} removed.", flush=True)
    return True


@dataclass(frozen=True)
class EngineRun:
    """How the preview runs the site engine: which engine, with which config file, where."""

    engine: Engine
    config: Path  # mkdocs.yml, or the preview's file that inherits it (engines.preview_config)
    address: str
    dirty: bool


def start_engine(paths: ProjectPaths, run: EngineRun) -> subprocess.Popen[str]:
    """The site engine's live-reload server for docs/."""
    command = serve_command(run.engine, run.config, run.address, run.dirty)
    environment = dict(
        os.environ,
        **engine_environment(),
        SITE_URL=f"http://{run.address}/",  # the preview lives at the server root, not under the published sub-path
        CASEBOOK_PREVIEW_PROBLEMS=PROBLEMS_FILE,  # the theme shows the problems banner (mkdocs.yml extra)
        NO_MKDOCS_2_WARNING="1",  # Material's end-of-life banner; docs/engines.md covers the plan
        **{CACHE_VARIABLE: str(paths.root / TEMPLATE_CACHE)},  # for engine_hooks.py, where the engine has hooks
    )
    server = start_quietly(command, cwd=paths.root, env=environment)
    print(f"Previewing at http://{run.address}/ (Ctrl-C stops). Problems in case studies show here and on every page.", flush=True)
    return server


def stop_engine(engine: subprocess.Popen[str]) -> None:
    engine.terminate()
    engine.wait(timeout=10)


def serve(paths: ProjectPaths, address: str, dirty: bool = True, engine: str = DEFAULT_ENGINE) -> None:
    """Build docs/, start the site engine's live-reload server, and keep docs/ up to date."""
    chosen = get_engine(engine)  # refuse an unknown or missing engine before the first build
    # A plain SIGTERM would end this process without its `finally`, orphaning the engine's server.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    cache = ContentCache()  # unchanged case studies are not read or validated again
    regenerate(paths, cache)
    with preview_config(chosen, paths.mkdocs_config) as config:
        keep_regenerating(paths, cache, EngineRun(chosen, config, address, dirty))


def keep_regenerating(paths: ProjectPaths, cache: ContentCache, run: EngineRun) -> None:
    """Run the engine and regenerate docs/ on every change, until interrupted or the engine stops."""
    server = start_engine(paths, run)
    try:
        for changes in watch(*watched(paths), debounce=DEBOUNCE_MS, step=QUIET_MS, rust_timeout=ENGINE_CHECK_MS, yield_on_timeout=True, raise_interrupt=False):
            if server.poll() is not None:
                break
            changed = {Path(path) for _, path in changes}
            if not changed:
                continue
            if not only_case_studies(paths, changed):
                cache = ContentCache()  # the taxonomy or the register may have changed what is valid
            regenerate(paths, cache, changed)
            if run.dirty and shared_by_every_page(paths, changed):
                print("Site configuration or theme changed: restarting the preview for a full build.", flush=True)
                stop_engine(server)
                server = start_engine(paths, run)
    finally:
        stop_engine(server)
        (paths.docs / PROBLEMS_FILE).unlink(missing_ok=True)  # so no build copies it into site/
