"""What a browser downloads, and how long it waits, for a first search over N synthetic case studies.

Builds N synthetic case studies (benchmarks/synthetic.py) with the real pipeline (MkDocs, then
Pagefind), serves the site on loopback under /casebook/, opens the search page in headless Chromium
with a query and a facet, and reports: bytes of the search bundle fetched (pagefind/), bytes of
everything else the page fetched, the number of requests, and the milliseconds from navigation
until the results are shown. Pagefind's files are served as built (no extra HTTP compression).

Run as `python -m benchmarks.search_payload 1000 10000`; prints one JSON object per size.
"""
from __future__ import annotations

import functools
import json
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from benchmarks.synthetic import make_project
from casebook.pipeline import build_site
from casebook.outputs.search import search_query

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
QUERY = {"q": "council", "theme": "shared-services"}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


def build(count: int, workdir: Path) -> tuple[Path, float]:
    """A built site of `count` synthetic case studies, and the build's wall time."""
    paths = make_project(workdir / "project", count)
    start = time.perf_counter()
    build_site(paths)
    return paths.site, time.perf_counter() - start


def measure_first_query(base_url: str) -> dict[str, Any]:
    """Open the search page with QUERY in a fresh browser; count bytes and time to results."""
    from playwright.sync_api import sync_playwright

    fetched: list[tuple[str, int]] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("requestfinished", lambda request: fetched.append((request.url, request.sizes()["responseBodySize"])))
        start = time.perf_counter()
        page.goto(f"{base_url}search/?{search_query(**QUERY)}")
        page.wait_for_selector("#cb-search[data-state=done]", timeout=120_000)
        shown_ms = (time.perf_counter() - start) * 1000
        results = page.locator("#cb-search-status").inner_text()
        browser.close()
    local = [(url, size) for url, size in fetched if url.startswith(base_url)]
    bundle = [size for url, size in local if "/pagefind/" in url]
    return {
        "search_bundle_bytes": sum(bundle),
        "search_bundle_requests": len(bundle),
        "other_bytes": sum(size for url, size in local if "/pagefind/" not in url),
        "time_to_results_ms": round(shown_ms),
        "status": results,
    }


def bundle_size(site: Path) -> dict[str, int]:
    """The whole search bundle on disk, for comparison with what one query fetched."""
    files = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    return {"bundle_files": len(files), "bundle_bytes_on_disk": sum(p.stat().st_size for p in files)}


def run(count: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        site, build_seconds = build(count, workdir)
        serve_root = workdir / "serve"
        serve_root.mkdir()
        (serve_root / "casebook").symlink_to(site, target_is_directory=True)
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(serve_root)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            measured = measure_first_query(f"http://127.0.0.1:{server.server_address[1]}/casebook/")
        finally:
            server.shutdown()
            server.server_close()
        return {"case_studies": count, "query": QUERY, "build_seconds": round(build_seconds, 1), **measured, **bundle_size(site)}


def main(argv: list[str]) -> None:
    for count in [int(arg) for arg in argv] or [1000, 10_000]:
        print(json.dumps(run(count)), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
