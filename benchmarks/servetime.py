"""How long `serve` takes to show an edit: start the preview, edit one case study, poll its page.

The preview is the real command (`build_site.py serve`), over real HTTP; the clock starts when the
edited file is saved and stops when the served page carries the new title.
"""
from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from casebook.project import PROJECT_ROOT

POLL_SECONDS = 0.05


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for_text(url: str, text: str, timeout: float) -> float:
    """Seconds until `text` is on the page at `url`; raises after `timeout`."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if text in _fetch(url):
            return time.perf_counter() - start
        time.sleep(POLL_SECONDS)
    raise TimeoutError(f"{text!r} did not appear at {url} within {timeout:.0f}s")


def _title_line(source: Path) -> str:
    return next(line for line in source.read_text(encoding="utf-8").splitlines() if line.startswith("title: "))


def measure_serve(root: Path, edits: int = 3, extra_args: tuple[str, ...] = (), startup_timeout: float = 1200) -> dict[str, object]:
    """Start the preview of the project at `root`, then time `edits` successive edits of one case study."""
    source = sorted((root / "casestudies").glob("*.md"))[len(list((root / "casestudies").glob("*.md"))) // 2]
    port = _free_port()
    command = [sys.executable, str(PROJECT_ROOT / "build_site.py"), "--root", str(root), "serve", "--address", f"127.0.0.1:{port}", *extra_args]
    log = root / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, cwd=root)
        try:
            url = f"http://127.0.0.1:{port}/case-studies/{source.stem}/"
            original = _title_line(source)
            startup = wait_for_text(url, "</html>", startup_timeout)
            latencies = []
            for number in range(1, edits + 1):
                marker = f"Edited {number} for the benchmark"
                text = source.read_text(encoding="utf-8")
                source.write_text(text.replace(_title_line(source), f'title: "{marker}"', 1), encoding="utf-8")
                latencies.append(wait_for_text(url, marker, 600))
                time.sleep(1)  # let the engine settle before the next edit
        finally:
            server.terminate()
            server.wait(timeout=30)
            text = source.read_text(encoding="utf-8")
            source.write_text(text.replace(_title_line(source), original, 1), encoding="utf-8")
    return {
        "command_args": list(extra_args),
        "startup_seconds": round(startup, 2),
        "edit_to_page_seconds": [round(s, 2) for s in latencies],
        "median_seconds": round(statistics.median(latencies), 2),
        "log_tail": log.read_text(encoding="utf-8", errors="replace").splitlines()[-12:],
    }
