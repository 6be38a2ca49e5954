"""How long `serve` takes to show an edit: start the preview, edit one case study, poll its page.

The preview is the real command (`build_site.py serve`), over real HTTP; the clock starts when the
edited file is saved and stops when the served page carries the new title. Each edit starts from a
quiet preview: after the edited page shows, the pages that list it are still being rendered and
rebuilt for a few seconds, and an edit made then would be timed behind that work.
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
# After our last regeneration, how long before MkDocs has surely noticed it: it polls docs/ every
# 0.5 s and waits 0.1 s for more changes before it starts a rebuild.
ENGINE_NOTICE_SECONDS = 1.0


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


def wait_for_text(url: str, text: str, timeout: float, server: subprocess.Popen[bytes] | None = None) -> float:
    """Seconds until `text` is on the page at `url`; raises after `timeout`, or at once if `server` has stopped."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if server is not None and server.poll() is not None:
            raise RuntimeError(f"the preview stopped (exit code {server.returncode}) before {text!r} appeared at {url}")
        if text in _fetch(url):
            return time.perf_counter() - start
        time.sleep(POLL_SECONDS)
    raise TimeoutError(f"{text!r} did not appear at {url} within {timeout:.0f}s")


def wait_until_quiet(log: Path, regenerations: int, url: str, timeout: float) -> None:
    """Wait until the preview has logged `regenerations` regenerations and the engine has rebuilt
    what they wrote (MkDocs answers a request only once a rebuild in progress has finished)."""
    start = time.perf_counter()
    while log.read_text(encoding="utf-8", errors="replace").count("Regenerated:") < regenerations:
        if time.perf_counter() - start > timeout:
            raise TimeoutError(f"the preview did not finish regenerating within {timeout:.0f}s")
        time.sleep(POLL_SECONDS)
    time.sleep(ENGINE_NOTICE_SECONDS)
    _fetch(url)


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
            startup = wait_for_text(url, "</html>", startup_timeout, server)
            latencies = []
            for number in range(1, edits + 1):
                marker = f"Edited {number} for the benchmark"
                text = source.read_text(encoding="utf-8")
                source.write_text(text.replace(_title_line(source), f'title: "{marker}"', 1), encoding="utf-8")
                latencies.append(wait_for_text(url, marker, 600, server))
                wait_until_quiet(log, number + 1, url, 600)  # the start's regeneration and one per edit
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
