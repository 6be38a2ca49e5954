"""The Content-Security-Policy (overrides/partials/csp.html) is one the site's own pages satisfy.

Each key page is loaded in real Chromium and used a little (search typed into, a link followed);
any policy violation, reported either as a `securitypolicyviolation` event or as a console
message, fails the test. A policy that blocked the theme's own scripts would show up here.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.sitepages import OPTIONAL, REQUIRED, get_page_url

pytestmark = pytest.mark.slow

# Collects violations from the first moment of the page, before any of its scripts run.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " blocked " + (event.blockedURI || "inline") + " at " + event.sourceFile + ":" + event.lineNumber);
});
"""


def violations(page: Page, url: str) -> list[str]:
    """Load `url` and return every CSP violation the page reported."""
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text) if "Content Security Policy" in message.text else None)
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(300)  # late scripts (search index, charts) get their turn
    return console + page.evaluate("window.__cspViolations")


@pytest.mark.parametrize("name", [*REQUIRED, *OPTIONAL])
def test_page_loads_without_a_csp_violation(page: Page, built_site, name: str) -> None:
    url = get_page_url(built_site, name)
    assert violations(page, url) == []


def test_policy_is_in_force(page: Page, built_site) -> None:
    """The policy is really applied: a script injected into the page after load is blocked."""
    violations(page, built_site.url())
    page.evaluate("""() => { const s = document.createElement('script'); s.textContent = 'window.__ran = true'; document.body.append(s); }""")
    page.wait_for_timeout(100)
    assert page.evaluate("window.__ran === true") is False
    assert any("script-src" in v for v in page.evaluate("window.__cspViolations"))


def test_search_runs_under_the_policy(page: Page, built_site) -> None:
    """Pagefind's WebAssembly needs 'wasm-unsafe-eval'; typing a query must not trip the policy."""
    url = get_page_url(built_site, "search")
    violations(page, url)
    field = page.locator("input[type=search]").first
    field.fill("council")
    page.wait_for_timeout(1500)
    assert page.evaluate("window.__cspViolations") == []
