"""Printing: Chromium's print rendering of a page is clean (no navigation chrome,
details and tabs open, external addresses shown, title and edition on the first page),
and the "print the whole handbook" page of each language holds every chapter in order."""

from __future__ import annotations

import base64
import re

import pytest

from browser_harness import StaticSite, emulate_print
from handbook.reader.print_book import Chapter, chapter_key, combine_chapters, duplicate_ids, rewrite_link
from reader_sites import EDITION, build_reader_site

# --- The combined page's HTML (pure helpers)

CHAPTER = Chapter(url="teoria/desistanssi/", title="Desistanssi", html="")
CHAPTERS = {"/teoria/desistanssi/": "luku-teoria-desistanssi", "/teoria/": "luku-teoria"}


@pytest.mark.parametrize(
    "href, expected",
    [
        ("#tutkimus", "#luku-teoria-desistanssi--tutkimus"),
        ("../", "#luku-teoria"),
        ("../#johdanto", "#luku-teoria--johdanto"),
        ("../../liitteet/sanasto/#desistanssi", "../liitteet/sanasto/#desistanssi"),
        ("../../assets/images/kuva.png", "../assets/images/kuva.png"),
        ("https://www.helsinkimissio.fi/", "https://www.helsinkimissio.fi/"),
        ("mailto:aggredi@example.org", "mailto:aggredi@example.org"),
    ],
)
def test_links_are_rewritten_for_the_print_page(href, expected):
    assert rewrite_link(href, CHAPTER, CHAPTERS, "tulosta/") == expected


def test_chapters_keep_unique_ids_and_their_tab_groups_apart():
    html = '<h2 id="johdanto">J</h2><input id="__tabbed_1_1" name="__tabbed_1"><label for="__tabbed_1_1">A</label>'
    combined = combine_chapters([Chapter("ohjelma/", "Ohjelma", html), Chapter("teoria/", "Teoria", html)], "tulosta/")
    assert duplicate_ids(combined) == []
    assert 'id="luku-ohjelma--johdanto"' in combined and 'id="luku-teoria--johdanto"' in combined
    assert 'name="luku-ohjelma--__tabbed_1"' in combined and 'for="luku-teoria--__tabbed_1_1"' in combined
    assert combined.count("<h1>") == 2, "a chapter without its own h1 gets its title as one"
    assert duplicate_ids(html + html) == ["__tabbed_1_1", "johdanto"]


def test_chapter_keys_are_readable_and_distinct():
    assert chapter_key("") == "luku-etusivu"
    assert chapter_key("en/teoria/desistanssi/") == "luku-en-teoria-desistanssi"
    assert chapter_key("teoria/index.html") == "luku-teoria"


# --- In the browser


@pytest.fixture(scope="module")
def reader_site(tmp_path_factory):
    site = build_reader_site(tmp_path_factory.mktemp("reader-print"))
    server = StaticSite(site.site_dir)
    yield server
    server.close()


def print_pdf(driver) -> bytes:
    result = driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": False, "preferCSSPageSize": True})
    return base64.b64decode(result["data"])


def pdf_page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.browser
def test_a_printed_page_is_clean_and_complete(chromium, reader_site):
    chromium.get(reader_site.url)
    emulate_print(chromium, True)
    try:
        shown = chromium.execute_script(
            """
            const visible = s => [...document.querySelectorAll(s)].some(e => e.checkVisibility());
            return {
              chrome: ['.md-header', '.md-sidebar', '.md-footer', '.md-search', '.md-skip', '.md-top']
                        .filter(visible),
              hiddenText: [...document.querySelectorAll('details > :not(summary), .tabbed-block')]
                        .filter(e => !e.checkVisibility()).map(e => e.textContent.trim()),
              addresses: [...document.querySelectorAll('.md-typeset a[href^="http"]:not(.headerlink)')]
                        .map(a => [a.href, getComputedStyle(a, '::after').content]),
              firstLine: [...document.querySelectorAll('.handbook-print-edition')]
                        .filter(e => e.checkVisibility()).map(e => e.textContent.replace(/\\s+/g, ' ').trim()),
              title: document.querySelector('.md-content h1').checkVisibility(),
            }"""
        )
    finally:
        emulate_print(chromium, False)
    assert shown["chrome"] == [], "navigation chrome on paper"
    assert shown["hiddenText"] == [], "collapsed text missing from the print"
    assert shown["addresses"] and all(href in content for href, content in shown["addresses"]), shown["addresses"]
    assert shown["title"]
    assert len(shown["firstLine"]) == 1 and f"Painos {EDITION}" in shown["firstLine"][0] and "Testikäsikirja" in shown["firstLine"][0]
    assert not chromium.execute_script("return document.querySelector('.handbook-print-edition').checkVisibility()"), \
        "the edition line is for paper only"


@pytest.mark.browser
def test_print_to_pdf_opens_collapsed_details(chromium, reader_site):
    chromium.get(reader_site.url)
    chromium.execute_script(
        # Registered after handbook/print.js's own listener, so it sees the result.
        "window.__openedForPrint = null;"
        "addEventListener('beforeprint', () => {"
        "  window.__openedForPrint = [...document.querySelectorAll('details')].every(d => d.open) })"
    )
    pdf = print_pdf(chromium)
    assert pdf.startswith(b"%PDF") and pdf_page_count(pdf) >= 1
    assert chromium.execute_script("return window.__openedForPrint") is True
    assert chromium.execute_script("return [...document.querySelectorAll('details')].some(d => d.open)") is False, \
        "details must close again after printing"


@pytest.mark.browser
@pytest.mark.parametrize("path", ["tulosta/", "en/tulosta/"])
def test_the_whole_handbook_page_holds_every_chapter_in_navigation_order(chromium, served_handbook, path):
    chromium.get(served_handbook.url + path)
    facts = chromium.execute_script(
        """
        const here = location.pathname;
        const nav = [...document.querySelectorAll('.md-sidebar--primary a.md-nav__link[href]')]
          .map(a => new URL(a.href).pathname).filter((p, i, all) => p !== here && all.indexOf(p) === i);
        const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
        const anchors = [...document.querySelectorAll('.md-content a[href^="#"]')].map(a => a.getAttribute('href').slice(1));
        return {
          nav, chapters: [...document.querySelectorAll('section.handbook-chapter')].map(s => s.id),
          duplicates: ids.filter((id, i) => ids.indexOf(id) !== i),
          dangling: anchors.filter(a => a && !document.getElementById(decodeURIComponent(a))),
          lang: document.documentElement.lang,
        }"""
    )
    expected = [chapter_key(p.lstrip("/")) for p in facts["nav"]]
    assert len(expected) > 20
    assert facts["chapters"] == expected
    assert facts["duplicates"] == []
    assert facts["dangling"] == []
    assert facts["lang"] == ("en" if path.startswith("en/") else "fi")
    pdf = print_pdf(chromium)
    assert pdf_page_count(pdf) >= len(expected), "every chapter starts on a new sheet"
