"""The Content-Security-Policy (overrides/partials/csp.html) is one the site's own pages satisfy.

Each key page is loaded in real Chromium and used a little (search typed into, a link followed);
any policy violation, reported either as a `securitypolicyviolation` event or as a console
message, fails the test. A policy that blocked the theme's own scripts, or our modules, would show
up here: a page's component (search, compare) must also reach data-state="done", which it cannot
if its script never ran.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.sitepages import PAGES, get_page_url

pytestmark = pytest.mark.slow

# Collects violations from the first moment of the page, before any of its scripts run.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " blocked " + (event.blockedURI || "inline") + " at " + event.sourceFile + ":" + event.lineNumber);
});
"""
# The page's scripted components, each of which reports its state in data-state.
COMPONENTS = "#cb-search, #cb-compare"
SETTLED = f"""() => [...document.querySelectorAll('{COMPONENTS}')]
    .every((root) => root.dataset.state === 'done' || root.dataset.state === 'failed')"""


def violations(page: Page, url: str) -> list[str]:
    """Load `url`, wait until its components have finished, and return every CSP violation reported."""
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text) if "Content Security Policy" in message.text else None)
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(url, wait_until="networkidle")
    page.wait_for_function(SETTLED)
    return console + page.evaluate("window.__cspViolations")


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_without_a_csp_violation(page: Page, built_site, name: str) -> None:
    url = get_page_url(built_site, name)
    assert violations(page, url) == []
    for component in page.locator(COMPONENTS).all():
        expect(component).to_have_attribute("data-state", "done")


def test_policy_is_in_force(page: Page, built_site) -> None:
    """The policy is really applied: a script injected into the page after load is blocked."""
    violations(page, built_site.url())
    page.evaluate("""() => { const s = document.createElement('script'); s.textContent = 'window.__ran = true'; document.body.append(s); }""")
    page.wait_for_function("window.__cspViolations.some((v) => v.startsWith('script-src'))")
    assert page.evaluate("window.__ran === true") is False


def test_search_runs_under_the_policy(page: Page, built_site) -> None:
    """Pagefind's WebAssembly needs 'wasm-unsafe-eval': typing a query must give results, not a violation."""
    url = get_page_url(built_site, "search")
    violations(page, url)
    root = page.locator("#cb-search")
    root.evaluate("(root) => { root.dataset.state = 'waiting-for-the-test'; }")
    page.locator("#cb-search-q").fill("council")
    page.wait_for_selector("#cb-search[data-state=done]")
    expect(page.locator("#cb-search-status")).to_have_text(re.compile(r"^\d+ case stud(y|ies) match"))
    expect(page.locator("#cb-search-results > li").first).to_be_visible()
    assert page.locator("#cb-search-results mark").count() > 0  # the results are for the typed words
    assert page.evaluate("window.__cspViolations") == []
