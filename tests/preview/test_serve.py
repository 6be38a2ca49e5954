"""`serve` previews the site and regenerates pages when a case study or the taxonomy changes."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest

from casebook.preview import serve  # noqa: F401 - the module under test runs in the child process
from casebook.project import PROJECT_ROOT, ProjectPaths

pytestmark = pytest.mark.slow
STARTS = 3  # another process can take a free port before the preview binds it: then start again


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, text: str, server: subprocess.Popen[str], timeout: float = 90) -> str:
    """The page at `url` once it contains `text`; fails early if the preview has stopped."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise ConnectionError(f"the preview stopped:\n{server.stdout.read() if server.stdout else ''}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                page = response.read().decode("utf-8")
            if text in page:
                return page
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.3)  # polling a live server: the timeout above, not this pause, bounds the test
    raise AssertionError(f"{text!r} did not appear at {url} within {timeout}s")


@dataclass
class Preview:
    base: str
    server: subprocess.Popen[str]

    def wait_for(self, page: str, text: str) -> str:
        return _wait_for(self.base + page, text, self.server)


@contextmanager
def _preview(paths: ProjectPaths, first_page: str, first_text: str) -> Iterator[Preview]:
    """A running preview whose first page shows `first_text`."""
    for attempt in range(STARTS):
        port = _free_port()
        command = [sys.executable, str(PROJECT_ROOT / "build_site.py"), "--root", str(paths.root), "serve", "--address", f"127.0.0.1:{port}"]
        server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            base = f"http://127.0.0.1:{port}/"
            try:
                _wait_for(base + first_page, first_text, server)
            except ConnectionError as stopped:
                if "Address already in use" in str(stopped) and attempt < STARTS - 1:
                    continue
                raise
            yield Preview(base, server)
            return
        finally:
            server.terminate()
            server.wait(timeout=15)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_serve_regenerates_a_changed_case_study(make_corpus) -> None:
    paths = make_corpus(corpus="minimal")
    page = "case-studies/alpha-shared-payroll/"
    with _preview(paths, page, "Alpha: a shared payroll service") as preview:
        _replace(paths.casestudies / "alpha-shared-payroll.md", "Alpha: a shared payroll", "Alpha renamed: a shared payroll")
        preview.wait_for(page, "Alpha renamed: a shared payroll service")
        preview.wait_for("case-studies/", "Alpha renamed")


def test_serve_shows_an_edited_theme_name(make_corpus) -> None:
    """The taxonomy is read on every rebuild, from the project the preview serves (--root)."""
    paths = make_corpus(corpus="minimal")
    page = "themes/shared-services/"
    with _preview(paths, page, "Shared services") as preview:
        _replace(paths.taxonomy, "name: Shared services", "name: Services shared between councils")
        preview.wait_for(page, "Services shared between councils")
        preview.wait_for("case-studies/alpha-shared-payroll/", "Services shared between councils")

