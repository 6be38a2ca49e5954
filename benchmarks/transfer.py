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

from casebook import addresses

CHROMIUM = "/usr/bin/chromium"
FONT_SUFFIXES = (".woff", ".woff2", ".ttf", ".otf")
# Records when the first search result is shown, on the page's own clock (performance.now()).
RESULTS_PROBE = """
new MutationObserver((changes, observer) => {
  const list = document.getElementById("cb-search-results");
  if (list && list.children.length) { window.__firstResultAt = performance.now(); observer.disconnect(); }
}).observe(document, { childList: true, subtree: true });
"""


@dataclass
class Transfer:
    """Bytes a page view received: raw and gzip, in total and by file."""

    raw: int = 0
    gzip: int = 0
    files: dict[str, int] = field(default_factory=dict)
    finished: dict[str, float] = field(default_factory=dict)  # URL -> when its body had arrived (ms since the epoch)

    def add(self, url: str, body: bytes, finished: float = 0.0) -> None:
        compressed = min(len(body), len(gzip.compress(body, compresslevel=6)))
        self.raw += len(body)
        self.gzip += compressed
        self.files[url] = compressed
        self.finished[url] = finished


# Built pages by kind (their addresses from casebook/addresses.py), for bytes per page: the theme's
# header, navigation and footer are in every one, so a page's size shows what each kind costs.
PAGE_KINDS = {
    "case study": addresses.CASE_STUDY,
    "council": addresses.COUNCIL,
    "theme": addresses.THEME,
    "stage": addresses.STAGE,
    "self-assessment": addresses.ASSESS,
}


def page_sizes(site: Path) -> dict[str, dict[str, int]]:
    """Per kind of page: how many, their mean and largest bytes (HTML only)."""
    sizes: dict[str, dict[str, int]] = {}
    for kind, pattern in PAGE_KINDS.items():
        found = [p.stat().st_size for p in site.glob(addresses.page_url(pattern).replace("{slug}", "*") + "index.html")]
        if found:
            sizes[kind] = {"pages": len(found), "mean_bytes": round(sum(found) / len(found)), "largest_bytes": max(found)}
    return sizes


def site_size(site: Path) -> dict[str, object]:
    """Bytes and files of a built site, bytes by top-level folder (files at the top as "/") and per page by kind."""
    files = [p for p in site.rglob("*") if p.is_file()]
    by_folder: dict[str, int] = {}
    for file in files:
        parts = file.relative_to(site).parts
        folder = parts[0] if len(parts) > 1 else "/"
        by_folder[folder] = by_folder.get(folder, 0) + file.stat().st_size
    return {
        "bytes": sum(by_folder.values()),
        "files": len(files),
        "by_folder": dict(sorted(by_folder.items(), key=lambda item: -item[1])),
        "pages": page_sizes(site),
    }


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
    # Pagefind fetches its chunks from a Web Worker, whose requests the page's own Performance
    # timeline does not list; Playwright sees them all, with their timing.
    def on_finished(request) -> None:  # type: ignore[no-untyped-def]
        response = request.response()
        if response is not None and keep(request.url) and response.status == 200:
            try:
                timing = request.timing
                transfer.add(request.url, response.body(), timing["startTime"] + timing["responseEnd"])
            except Exception:  # a response the page navigated away from has no body to read
                pass

    page.on("requestfinished", on_finished)


def measure_search(browser, base_url: str, query: str, bundle: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Open the search page with a query string; count the search files fetched until the first result
    is shown, and until the page has settled (counts beside the options included)."""
    # The probe is evaluated in the page, which the site's Content-Security-Policy would refuse;
    # bypassing it changes no byte that is downloaded.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.add_init_script(RESULTS_PROBE)
    payload = Transfer()
    _record(page, payload, lambda url: f"/{bundle}/" in url)
    page.goto(f"{base_url}search/?{query}")
    page.wait_for_function("window.__firstResultAt !== undefined", timeout=120_000)
    page.wait_for_selector("#cb-search[data-state=done]", timeout=120_000)
    first_result = page.evaluate("window.__firstResultAt")
    first_result_epoch = page.evaluate("performance.timeOrigin + window.__firstResultAt")
    page.wait_for_timeout(300)  # let in-flight responses finish so their bodies are counted
    results = page.locator("#cb-search-results > li").count()
    context.close()
    first = {url: size for url, size in payload.files.items() if payload.finished[url] <= first_result_epoch}
    data_arrived = max(payload.finished[url] for url in first) - (first_result_epoch - first_result) if first else 0.0
    return {
        "query": query,
        "results_shown": results,
        "first_result_gzip_bytes": sum(first.values()),
        "first_result_requests": len(first),
        "payload_raw_bytes": payload.raw,
        "payload_gzip_bytes": payload.gzip,
        "requests": len(payload.files),
        "largest_files": dict(sorted(payload.files.items(), key=lambda item: -item[1])[:5]),
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


def measure_in_browser(site: Path, case_study_path: str, queries: dict[str, str], bundle: str) -> dict[str, object]:
    """Search payload (one fresh browser context per named query string) and page weight, in Chromium."""
    from playwright.sync_api import sync_playwright

    with serve_folder(site) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            searches = {name: measure_search(browser, base_url, query, bundle) for name, query in queries.items()}
            return {"search": next(iter(searches.values())), "searches": searches, "case_study_page": measure_page(browser, base_url + case_study_path)}
        finally:
            browser.close()
