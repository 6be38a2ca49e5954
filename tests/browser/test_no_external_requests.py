"""No request leaves the site at page load: fonts, scripts, styles, images and data all come from it.

Every request the page makes while loading (and until the network is idle, so scripts' own fetches
count too) is recorded; each must go to the local test server.
"""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Request

from tests.browser.sitepages import PAGES, get_page_url

# Schemes that never touch the network.
LOCAL_SCHEMES = {"data", "blob", "about"}


def record_requests(page: Page, url: str) -> list[str]:
    """Load `url` and return the URL of every request made until the network is idle."""
    requests: list[str] = []

    def remember(request: Request) -> None:
        requests.append(request.url)

    page.on("request", remember)
    page.goto(url, wait_until="networkidle")
    page.remove_listener("request", remember)
    return requests


def is_external(url: str, site_url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return False
    return parts.netloc != urlsplit(site_url).netloc


@pytest.mark.parametrize("name", PAGES)
def test_no_request_leaves_the_site(page: Page, built_site, name: str) -> None:
    url = get_page_url(built_site, name)
    requests = record_requests(page, url)
    assert url in requests  # the recording works: the page itself was requested
    assert [r for r in requests if is_external(r, built_site.base_url)] == []


def test_an_external_request_would_be_caught(page: Page, built_site) -> None:
    """The check can fail: the home page with an image from elsewhere added is reported."""
    url = get_page_url(built_site, "home")
    html = page.request.get(url).text().replace("</body>", '<img src="http://example.invalid/pixel.png" alt=""></body>')
    page.route(url, lambda route: route.fulfill(body=html, content_type="text/html"))
    page.route("http://example.invalid/**", lambda route: route.abort())
    requests = record_requests(page, url)
    assert [r for r in requests if is_external(r, built_site.base_url)] == ["http://example.invalid/pixel.png"]
