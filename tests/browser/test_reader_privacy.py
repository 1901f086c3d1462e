"""Privacy in a real browser: every page, and the search, talk to the site only, set no
cookie, store nothing but the theme's own preferences, under a Content-Security-Policy
that allows the site's own origin only."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from browser_harness import (
    console_messages,
    csp_reports,
    forget_everything,
    read_network_log,
    search_results,
    sitemap_pages,
    stored_keys,
)

pytestmark = pytest.mark.browser

# Material keeps the reader's palette and linked-tab choices under "<site path>.__name".
THEME_PREFERENCES = re.compile(r"^/.*\.__(palette|tabs)$")
# What the policy may allow: nothing but the site itself (see head-security.html).
ALLOWED_SOURCES = {"'self'", "'none'", "'wasm-unsafe-eval'", "data:"}
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


@pytest.fixture(scope="module")
def pages(handbook_site) -> list[str]:
    return list(sitemap_pages(handbook_site.site_dir))


def privacy_problems(driver, path: str, log) -> list[str]:
    problems = []
    if not log.requested:
        problems.append(f"/{path}: the network log recorded nothing")
    problems += [f"/{path}: fetched {url}" for url in log.requested
                 if urlsplit(url).scheme in {"http", "https", "ws", "wss"} and urlsplit(url).hostname != "127.0.0.1"]
    problems += [f"/{path}: cookie {cookie['name']}" for cookie in driver.get_cookies()]
    stored = stored_keys(driver)
    problems += [f"/{path}: localStorage {key}" for key in stored["local"] if not THEME_PREFERENCES.match(key)]
    problems += [f"/{path}: sessionStorage {key}" for key in stored["session"]]
    problems += [f"/{path}: {line}" for line in csp_reports(console_messages(driver))]
    return problems


def test_every_page_talks_to_the_site_only_and_stores_nothing(chromium, served_handbook, pages):
    forget_everything(chromium, served_handbook.url)
    read_network_log(chromium), console_messages(chromium)
    problems = []
    for path in pages:
        chromium.get(served_handbook.url + path)
        problems += privacy_problems(chromium, path, read_network_log(chromium))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path, query", [("", "väkivalta"), ("en/", "violence")])
def test_search_talks_to_the_site_only_and_works_under_the_policy(chromium, served_handbook, path, query):
    chromium.get(served_handbook.url + path)
    read_network_log(chromium), console_messages(chromium)
    assert search_results(chromium, query), f"no result for {query!r}"
    log = read_network_log(chromium)
    assert any("/pagefind/" in url for url in log.requested), "the search index was not fetched"
    assert {url: status for url, status in log.failures().items() if "/pagefind/" in url} == {}
    problems = privacy_problems(chromium, path, log)
    assert not problems, "\n".join(problems)


def test_every_built_page_carries_a_policy_that_allows_only_the_site(handbook_site):
    problems = []
    pages = sorted(handbook_site.site_dir.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        name = page.relative_to(handbook_site.site_dir)
        found = CSP_META.search(html)
        if not found:
            problems.append(f"{name}: no Content-Security-Policy meta tag")
            continue
        # A meta policy governs only what follows it: it must precede every script and style.
        first_fetch = re.search(r"<script|<link rel=\"stylesheet\"|<style", html)
        if first_fetch and first_fetch.start() < found.start():
            problems.append(f"{name}: the policy comes after the first script or stylesheet")
        directives = dict((part.split()[0], part.split()[1:]) for part in found[1].split(";") if part.strip())
        if directives.get("default-src") != ["'self'"]:
            problems.append(f"{name}: default-src is {directives.get('default-src')}, not 'self'")
        for directive, sources in directives.items():
            problems += [f"{name}: {directive} allows {source}" for source in sources if source not in ALLOWED_SOURCES]
        if "'unsafe-inline'" in found[1] or "'unsafe-eval'" in found[1]:
            problems.append(f"{name}: the policy allows inline script or eval")
        if re.search(r"<script>(?!\s*</script>)", html):
            problems.append(f"{name}: an inline script, which the policy blocks")
    assert not problems, "\n".join(problems)


def test_the_policy_is_enforced_in_the_browser(chromium, served_handbook):
    chromium.get(served_handbook.url)
    read_network_log(chromium), console_messages(chromium)
    chromium.execute_script(
        """
        const script = document.createElement("script");
        script.textContent = "window.__inlineRan = true";
        document.body.append(script);
        const image = document.createElement("img");
        image.alt = ""; image.src = "http://198.51.100.7/tracker.gif";
        document.body.append(image);
        """
    )
    chromium.execute_script("return new Promise(r => setTimeout(r, 300))")
    assert chromium.execute_script("return window.__inlineRan === true") is False
    reports = csp_reports(console_messages(chromium))
    assert any("inline script" in line for line in reports), reports
    assert any("198.51.100.7" in line for line in reports), reports
    log = read_network_log(chromium)
    assert [reason for url, reason in log.blocked.items() if "198.51.100.7" in url] == ["csp"]
    assert not any("198.51.100.7" in url for url in log.encoded_bytes)
