"""Preview: regenerate docs/ when content or templates change, while the site engine serves it.

The site engine watches docs/ and reloads the browser; we watch what docs/ is made from.

By default the engine runs with --dirty: it rebuilds only the pages whose Markdown changed. That is
right for this site because every generated page that shows data from a case study (lists,
indexes, related items) is rewritten by the writer when that data changes, and unchanged pages
are left untouched. What --dirty cannot see is a change to what every page shares (mkdocs.yml,
the theme overrides), so on such a change the engine is restarted for a full build. (A deleted
case study's old page stays reachable by its address until the preview restarts; no page links to it.)
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from casebook.addresses import engine_environment
from casebook.engines import DEFAULT_ENGINE, get_engine, serve_command
from casebook.pipeline import ContentCache, generate_docs
from casebook.problems import ContentInvalid
from casebook.project import TAXONOMY_FILE, ProjectPaths

Snapshot = dict[Path, tuple[float, int]]


def _snapshot(files: list[Path], folders: tuple[Path, ...]) -> Snapshot:
    for folder in folders:
        if folder.is_dir():
            files += [p for p in folder.rglob("*") if p.is_file()]
    return {f: (f.stat().st_mtime, f.stat().st_size) for f in files if f.exists()}


def snapshot_sources(paths: ProjectPaths) -> Snapshot:
    """Modification time and size of every file the generated pages are made from."""
    return _snapshot([TAXONOMY_FILE, paths.mkdocs_config], (paths.casestudies, paths.templates, paths.registers))


def snapshot_shared(paths: ProjectPaths) -> Snapshot:
    """What every built page shares: the site configuration and the theme overrides."""
    return _snapshot([paths.mkdocs_config], (paths.root / "overrides",))


def regenerate(paths: ProjectPaths, cache: ContentCache | None = None) -> bool:
    """Regenerate docs/, reporting problems instead of stopping the preview."""
    try:
        _, report = generate_docs(paths, cache)
    except ContentInvalid as invalid:
        for problem in invalid.problems:
            print(problem, flush=True)
        print(f"{len(invalid.problems)} problem(s); the preview keeps the last good pages.", flush=True)
        return False
    print(f"Regenerated: {len(report.written)} page(s) written, {len(report.removed)} removed.", flush=True)
    return True


def only_case_studies_changed(paths: ProjectPaths, before: Snapshot, after: Snapshot) -> bool:
    """True if every file that changed between two snapshots is in casestudies/."""
    changed = {f for f in before.keys() | after.keys() if before.get(f) != after.get(f)}
    return all(f.is_relative_to(paths.casestudies) for f in changed)


def start_engine(paths: ProjectPaths, address: str, dirty: bool, engine: str = DEFAULT_ENGINE) -> subprocess.Popen[bytes]:
    """The site engine's live-reload server for docs/."""
    command = serve_command(get_engine(engine), paths.mkdocs_config, address, dirty)
    # The preview lives at the server root, not under the published site_url's sub-path.
    environment = dict(os.environ, **engine_environment(), SITE_URL=f"http://{address}/")
    return subprocess.Popen(command, cwd=paths.root, env=environment)


def stop_engine(engine: subprocess.Popen[bytes]) -> None:
    engine.terminate()
    engine.wait(timeout=10)


def serve(paths: ProjectPaths, address: str, dirty: bool = True, poll_seconds: float = 0.3, engine: str = DEFAULT_ENGINE) -> None:
    """Build docs/, start the site engine's live-reload server, and keep docs/ up to date."""
    get_engine(engine)  # refuse an unknown or missing engine before the first build
    # A plain SIGTERM would end this process without its `finally`, orphaning the engine's server.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    cache = ContentCache()  # unchanged case studies are not read or validated again
    regenerate(paths, cache)
    engine = start_engine(paths, address, dirty, engine)
    seen, shared = snapshot_sources(paths), snapshot_shared(paths)
    try:
        while engine.poll() is None:
            time.sleep(poll_seconds)
            current = snapshot_sources(paths)
            if current != seen:
                if not only_case_studies_changed(paths, seen, current):
                    cache = ContentCache()  # the taxonomy or the register may have changed what is valid
                seen = current
                regenerate(paths, cache)
            if dirty and snapshot_shared(paths) != shared:
                shared = snapshot_shared(paths)
                print("Site configuration or theme changed: restarting the preview for a full build.", flush=True)
                stop_engine(engine)
                engine = start_engine(paths, address, dirty, engine)
    except KeyboardInterrupt:
        pass
    finally:
        stop_engine(engine)
