"""What a browser downloads: the site's size on disk, a first search query, and one case-study page.

Measured with real Chromium (Playwright) against the built site served over real HTTP, by
summing the bodies of the responses the page receives. Sizes are given raw (a static server
without compression) and gzip-compressed (what a server like GitHub Pages sends; Pagefind's
chunks are already gzip files, so each body counts at the smaller of the two).
"""
from __future__ import annotations

import functools
import gzip
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

CHROMIUM = "/usr/bin/chromium"
FONT_SUFFIXES = (".woff", ".woff2", ".ttf", ".otf")
# Records when the first search result is shown, on the page's own clock (performance.now()).
RESULTS_PROBE = """
new MutationObserver((changes, observer) => {
  const list = document.getElementById("cb-search-results");
  if (list && list.children.length) { window.__firstResultAt = performance.now(); observer.disconnect(); }
}).observe(document, { childList: true, subtree: true });
"""
DATA_ARRIVED = """(bundle) => performance.getEntriesByType("resource")
  .filter((entry) => entry.name.includes(bundle) && entry.responseEnd <= window.__firstResultAt)
  .reduce((last, entry) => Math.max(last, entry.responseEnd), 0)"""


@dataclass
class Transfer:
    """Bytes a page view received: raw and gzip, in total and by file."""

    raw: int = 0
    gzip: int = 0
    files: dict[str, int] = field(default_factory=dict)

    def add(self, url: str, body: bytes) -> None:
        compressed = min(len(body), len(gzip.compress(body, compresslevel=6)))
        self.raw += len(body)
        self.gzip += compressed
        self.files[url] = compressed


def site_size(site: Path) -> dict[str, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    return {"bytes": sum(p.stat().st_size for p in files), "files": len(files)}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve a folder over HTTP on a free local port; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _record(page, transfer: Transfer, keep) -> None:  # type: ignore[no-untyped-def]
    def on_response(response) -> None:  # type: ignore[no-untyped-def]
        if keep(response.url) and response.status == 200:
            try:
                transfer.add(response.url, response.body())
            except Exception:  # a response the page navigated away from has no body to read
                pass

    page.on("response", on_response)


def measure_search(browser, base_url: str, query: str, bundle: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Open the search page with a query; count the search files fetched until results show."""
    # The probe is evaluated in the page, which the site's Content-Security-Policy would refuse;
    # bypassing it changes no byte that is downloaded.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.add_init_script(RESULTS_PROBE)
    payload = Transfer()
    _record(page, payload, lambda url: f"/{bundle}/" in url)
    page.goto(f"{base_url}search/?q={query}")
    page.wait_for_function("window.__firstResultAt !== undefined", timeout=60_000)
    first_result = page.evaluate("window.__firstResultAt")
    data_arrived = page.evaluate(DATA_ARRIVED, f"/{bundle}/")
    page.wait_for_timeout(300)  # let in-flight responses finish so their bodies are counted
    results = page.locator("#cb-search-results > li").count()
    context.close()
    return {
        "query": query,
        "results_shown": results,
        "payload_raw_bytes": payload.raw,
        "payload_gzip_bytes": payload.gzip,
        "requests": len(payload.files),
        "results_after_data_ms": round(first_result - data_arrived, 1),
        "results_after_load_ms": round(first_result, 1),
    }


def measure_page(browser, url: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """One page view: the HTML alone, and with every asset it loads (fonts left out)."""
    context = browser.new_context()
    page = context.new_page()
    everything = Transfer()
    _record(page, everything, lambda address: not address.split("?")[0].endswith(FONT_SUFFIXES))
    page.goto(url, wait_until="networkidle")
    context.close()
    html = everything.files.get(url, 0)
    return {"url": url, "html_gzip_bytes": html, "with_assets_gzip_bytes": everything.gzip, "with_assets_raw_bytes": everything.raw, "requests": len(everything.files)}


def measure_in_browser(site: Path, case_study_path: str, query: str, bundle: str) -> dict[str, object]:
    """Search payload and page weight, measured in Chromium against the built site."""
    from playwright.sync_api import sync_playwright

    with serve_folder(site) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            return {"search": measure_search(browser, base_url, query, bundle), "case_study_page": measure_page(browser, base_url + case_study_path)}
        finally:
            browser.close()
