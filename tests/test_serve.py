"""`serve` previews the site and regenerates pages when a case study changes."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from casebook.project import PROJECT_ROOT

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, text: str, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                last = response.read().decode("utf-8")
            if text in last:
                return last
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.3)
    raise AssertionError(f"{text!r} did not appear at {url} within {timeout}s")


def test_serve_regenerates_a_changed_case_study(make_corpus) -> None:
    paths = make_corpus(corpus="minimal")
    port = _free_port()
    command = [sys.executable, str(PROJECT_ROOT / "build_site.py"), "--root", str(paths.root), "serve", "--address", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        page = f"http://127.0.0.1:{port}/case-studies/alpha-shared-payroll/"
        _wait_for(page, "Alpha: a shared payroll service")
        source = paths.casestudies / "alpha-shared-payroll.md"
        source.write_text(source.read_text(encoding="utf-8").replace("Alpha: a shared payroll", "Alpha renamed: a shared payroll"), encoding="utf-8")
        _wait_for(page, "Alpha renamed: a shared payroll service")
        _wait_for(f"http://127.0.0.1:{port}/case-studies/", "Alpha renamed")
    finally:
        server.terminate()
        server.wait(timeout=15)
