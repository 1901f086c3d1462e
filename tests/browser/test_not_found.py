"""The page not found: in Finnish and English, each part in its own `lang`, with links to
both start pages and searches that work at any depth, at the site root and in an edition."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from handbook.reader.not_found import not_found_view
from handbook.words import load
from handbook_sites import REPO_ROOT, BuiltSite, build_site, write_fixture_site


def parts(html: str) -> dict[str, dict]:
    """lang -> the words and link targets of each language's part."""
    found = {}
    for lang, body in re.findall(r'<div class="handbook-not-found" lang="(\w+)" data-not-found="\w+">(.*?)</div>', html, re.S):
        found[lang] = {
            "text": re.search(r"<p>(.*?)</p>", body, re.S).group(1),
            "links": dict(re.findall(r'<a href="([^"]+)" hreflang="' + lang + r'">([^<]+)</a>', body)),
        }
    return found


def test_view_puts_the_pages_language_first_and_links_from_the_edition_root():
    view = not_found_view(load("not_found"), {"fi": "", "en": "en/"}, "/2026/", "en")
    assert [part["lang"] for part in view["parts"]] == ["en", "fi"]
    assert [(part["start_href"], part["search_href"]) for part in view["parts"]] == [("/2026/en/", "/2026/en/?q="), ("/2026/", "/2026/?q=")]
    assert view["title"] == "Page not found · Sivua ei löytynyt"
    assert [part["lang"] for part in not_found_view(load("not_found"), {"fi": "", "sv": "sv/"}, "/", "fi")["parts"]] == ["fi"]


def test_both_languages_have_every_wording():
    words = load("not_found")
    assert set(words) == {"fi", "en"} and set(words["fi"]) == set(words["en"])


def test_real_handbook_404_says_it_in_both_languages(handbook_site: BuiltSite):
    html = handbook_site.html("404.html")
    assert '<html lang="fi"' in html
    assert (
        '<h1 class="handbook-not-found__title"><span lang="fi">Sivua ei löytynyt</span> <span aria-hidden="true">·</span> <span lang="en">Page not found</span></h1>'
        in html
    )
    assert "<title>Sivua ei löytynyt · Page not found - Aggredi-menetelmäkäsikirja</title>" in html
    found = parts(html)
    assert list(found) == ["fi", "en"]
    assert found["fi"]["links"] == {"/": "Suomenkielisen käsikirjan etusivulle", "/?q=": "Hae suomenkielisestä käsikirjasta"}
    assert found["en"]["links"] == {"/en/": "Go to the start page of the English handbook", "/en/?q=": "Search the English handbook"}
    assert "404 - Not found" not in html


def test_in_an_edition_the_links_lead_to_that_editions_start_pages(tmp_path: Path, monkeypatch):
    # As mike builds edition 2026: it sets MIKE_DOCS_VERSION and puts the edition on site_url.
    monkeypatch.setenv("MIKE_DOCS_VERSION", "2026")
    theme = {"name": "material", "language": "fi", "font": False, "custom_dir": str(REPO_ROOT / "overrides")}
    files = {"docs/fi/index.md": "# Etusivu\n", "docs/en/index.md": "# Home\n"}
    config_file = write_fixture_site(tmp_path, files, hooks=["not_found.py", "editions.py"], theme=theme, site_url="https://handbook.example.org/2026")
    for attempt in ("first", "second"):  # twice in one process: the same page
        site = build_site(config_file, tmp_path / attempt)
        assert not site.aborted and site.warnings() == [], site.log
        found = parts(site.html("404.html"))
        assert {lang: list(part["links"]) for lang, part in found.items()} == {"fi": ["/2026/", "/2026/?q="], "en": ["/2026/en/", "/2026/en/?q="]}, attempt


# --- In the browser


@pytest.mark.browser
def test_a_missing_page_at_any_depth_leads_readers_on_in_their_language(chromium, served_handbook):
    from selenium.webdriver.common.by import By

    from browser_harness import axe_violations, read_network_log, use_palette, waiting

    read_network_log(chromium)
    chromium.get(served_handbook.url + "en/no/such/page/")
    assert read_network_log(chromium).statuses.get(served_handbook.url + "en/no/such/page/") == 404
    # Served three folders deep: its styles and scripts still load (absolute paths).
    assert chromium.execute_script("return getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert chromium.execute_script("return document.documentElement.lang") == "fi"
    langs = chromium.execute_script("return [...document.querySelectorAll('[data-not-found]')].map(e => [e.lang, e.innerText.split('\\n')[0]])")
    assert [lang for lang, _ in langs] == ["fi", "en"]
    assert langs[1][1].startswith("There is no page of the handbook at this address.")
    for scheme in ("default", "slate"):
        use_palette(chromium, scheme)
        assert axe_violations(chromium, ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")) == [], scheme
    use_palette(chromium, "default")  # the shared browser goes back to the light palette
    # The English search link opens the search of the English start page.
    chromium.find_element(By.LINK_TEXT, "Search the English handbook").click()
    waiting(chromium, 5).until(lambda d: d.current_url == served_handbook.url + "en/?q=")
    assert chromium.execute_script("return document.documentElement.lang") == "en"
    assert chromium.execute_script("return document.getElementById('__search').checked")
    assert chromium.switch_to.active_element.get_attribute("type") == "search"
    chromium.get(served_handbook.url + "no-such-page")
    chromium.find_element(By.LINK_TEXT, "Suomenkielisen käsikirjan etusivulle").click()
    waiting(chromium, 5).until(lambda d: d.current_url == served_handbook.url)
