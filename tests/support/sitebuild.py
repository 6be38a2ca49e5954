"""Build a copy of the shipped project into a temporary folder and serve it over real HTTP.

The site is served under /casebook/, as GitHub Pages serves a project site, so every test that
uses it checks that links work under a sub-path.
"""
from __future__ import annotations

import functools
import shutil
import threading
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

from casebook.model import Corpus
from casebook.pipeline import build_site
from casebook.project import PROJECT_ROOT, ProjectPaths, get_paths
from casebook.write import is_generated

SUB_PATH = "casebook"
COPIED = ("casestudies", "templates", "registers", "overrides")


def copy_project(target: Path, source: Path = PROJECT_ROOT) -> ProjectPaths:
    """Copy what a build reads (not .venv, site/ or generated pages) into `target`."""
    for name in COPIED:
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name)
    shutil.copy(source / "mkdocs.yml", target / "mkdocs.yml")
    taxonomy = get_paths(target).taxonomy
    taxonomy.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(get_paths(source).taxonomy, taxonomy)
    for file in (source / "docs").rglob("*"):
        relative = file.relative_to(source / "docs").as_posix()
        if file.is_file() and not is_generated(relative):
            (target / "docs" / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(file, target / "docs" / relative)
    return get_paths(target)


@dataclass
class BuiltSite:
    paths: ProjectPaths
    corpus: Corpus
    base_url: str  # e.g. http://127.0.0.1:PORT/casebook/

    def url(self, path: str = "") -> str:
        return self.base_url + path.lstrip("/")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature from the stdlib
        pass


def _serve_root(site: Path, root: Path) -> Path:
    """A folder whose /casebook/ is the built site."""
    serve_root = root / "serve-root"
    serve_root.mkdir()
    (serve_root / SUB_PATH).symlink_to(site, target_is_directory=True)
    return serve_root




def build_and_serve(workdir: Path) -> Iterator[BuiltSite]:
    """Build the shipped project in `workdir` and serve it on a free loopback port until closed."""
    paths = copy_project(workdir / "project")
    corpus = build_site(paths, strict=True)
    handler = functools.partial(_QuietHandler, directory=str(_serve_root(paths.site, workdir)))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield BuiltSite(paths, corpus, f"http://127.0.0.1:{server.server_address[1]}/{SUB_PATH}/")
    finally:
        server.shutdown()
        server.server_close()
