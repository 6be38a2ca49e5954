"""Preview: regenerate docs/ when content or templates change, while the site engine serves it.

The site engine watches docs/ and reloads the browser; we watch what docs/ is made from.
"""
from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from casebook.pipeline import SITE_ENGINE, generate_docs
from casebook.problems import ContentInvalid
from casebook.settings import TAXONOMY_FILE, ProjectPaths

Snapshot = dict[Path, tuple[float, int]]


def snapshot_sources(paths: ProjectPaths) -> Snapshot:
    """Modification time and size of every file the generated pages are made from."""
    files = [TAXONOMY_FILE, paths.mkdocs_config]
    for folder in (paths.casestudies, paths.templates, paths.registers):
        if folder.is_dir():
            files += [p for p in folder.rglob("*") if p.is_file()]
    return {f: (f.stat().st_mtime, f.stat().st_size) for f in files if f.exists()}


def regenerate(paths: ProjectPaths) -> bool:
    """Regenerate docs/, reporting problems instead of stopping the preview."""
    try:
        _, report = generate_docs(paths)
    except ContentInvalid as invalid:
        for problem in invalid.problems:
            print(problem, flush=True)
        print(f"{len(invalid.problems)} problem(s); the preview keeps the last good pages.", flush=True)
        return False
    print(f"Regenerated: {len(report.written)} page(s) written, {len(report.removed)} removed.", flush=True)
    return True


def serve(paths: ProjectPaths, address: str, dirty: bool = False, poll_seconds: float = 0.3) -> None:
    """Build docs/, start the site engine's live-reload server, and keep docs/ up to date."""
    regenerate(paths)
    command = SITE_ENGINE + ["serve", "-f", str(paths.mkdocs_config), "-a", address] + (["--dirty"] if dirty else [])
    # The preview lives at the server root, not under the published site_url's sub-path.
    environment = dict(os.environ, SITE_URL=f"http://{address}/")
    engine = subprocess.Popen(command, cwd=paths.root, env=environment)
    seen = snapshot_sources(paths)
    try:
        while engine.poll() is None:
            time.sleep(poll_seconds)
            current = snapshot_sources(paths)
            if current != seen:
                seen = current
                regenerate(paths)
    except KeyboardInterrupt:
        pass
    finally:
        engine.terminate()
        engine.wait(timeout=10)
