"""Printing: Chromium's print rendering of a page is clean (no navigation chrome,
details and tabs open, external addresses shown, title and edition on the first page,
A4 sheets), and the "print the whole handbook" page of each language is a book: a cover
sheet, a table of contents, then every chapter in order, without the page's on-screen
instructions."""

from __future__ import annotations

import base64
import os
import re

import pytest

from browser_harness import StaticSite, emulate_print
from handbook.reader.edition import edition_name
from handbook.reader.print_book import Chapter, chapter_key, combine_chapters, duplicate_ids, rewrite_link
from handbook.words import load, words_in
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


A4_POINTS = (595.28, 841.89)


def pdf_sheet_sizes(pdf: bytes) -> set[tuple[float, float]]:
    """Width and height in points of every page's MediaBox (Chromium writes them unpacked)."""
    boxes = re.findall(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]", pdf)
    return {(round(float(x1) - float(x0), 2), round(float(y1) - float(y0), 2)) for x0, y0, x1, y1 in boxes}


def is_a4(sizes: set[tuple[float, float]]) -> bool:
    return bool(sizes) and all(abs(w - A4_POINTS[0]) <= 1 and abs(h - A4_POINTS[1]) <= 1 for w, h in sizes)


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
    assert is_a4(pdf_sheet_sizes(pdf)), f"a page prints on A4, not {pdf_sheet_sizes(pdf)}"
    assert chromium.execute_script("return window.__openedForPrint") is True
    assert chromium.execute_script("return [...document.querySelectorAll('details')].some(d => d.open)") is False, \
        "details must close again after printing"


@pytest.mark.browser
@pytest.mark.parametrize("path", ["tulosta/", "en/tulosta/"])
def test_the_whole_handbook_prints_as_a_book_of_every_chapter_in_navigation_order(chromium, served_handbook, path):
    english = path.startswith("en/")
    chromium.get(served_handbook.url + path)
    facts = chromium.execute_script(
        """
        const here = location.pathname;
        const nav = [...document.querySelectorAll('.md-sidebar--primary a.md-nav__link[href]')]
          .map(a => new URL(a.href).pathname).filter((p, i, all) => p !== here && all.indexOf(p) === i);
        const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
        const anchors = [...document.querySelectorAll('.md-content a[href^="#"]')].map(a => a.getAttribute('href').slice(1));
        const contents = document.querySelector('nav.handbook-contents');
        return {
          nav, chapters: [...document.querySelectorAll('section.handbook-chapter')].map(s => s.id),
          duplicates: ids.filter((id, i) => ids.indexOf(id) !== i),
          dangling: anchors.filter(a => a && !document.getElementById(decodeURIComponent(a))),
          lang: document.documentElement.lang,
          contents: [...contents.querySelectorAll('a[href^="#"]')].map(a => a.getAttribute('href').slice(1)),
          contentsShown: contents.checkVisibility(),
          contentsName: document.getElementById(contents.getAttribute('aria-labelledby')).textContent,
          coverShown: [...document.querySelectorAll('.handbook-cover')].map(e => e.checkVisibility()),
          screenOnly: [...document.querySelectorAll('.md-content .handbook-screen-only')]
                        .map(e => e.innerText.trim()).filter(Boolean),
          address: document.querySelector('link[rel=canonical]').href.replace(/tulosta[/]$/, ''),
        }"""
    )
    expected = [chapter_key(p.lstrip("/")) for p in facts["nav"]]
    assert len(expected) > 20
    assert facts["chapters"] == expected
    assert facts["duplicates"] == []
    assert facts["dangling"] == []
    assert facts["lang"] == ("en" if english else "fi")
    # The contents lead to every chapter, in order, on screen too; the cover is for paper
    # only, so hidden from screen readers as well.
    assert facts["contents"] == expected
    assert facts["contentsShown"] and facts["contentsName"] == ("Contents" if english else "Sisällys")
    assert facts["coverShown"] == [False]
    assert facts["screenOnly"], "the print page's own instructions are marked for the screen"

    emulate_print(chromium, True)
    try:
        paper = chromium.execute_script(
            """
            const article = document.querySelector('.md-content article');
            const cover = document.querySelector('.handbook-cover');
            const first = [...article.querySelectorAll('*')]
              .find(e => e.checkVisibility() && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()));
            return {
              text: article.innerText,
              cover: cover.innerText,
              coverFirst: cover.contains(first),
              coverBreak: getComputedStyle(cover).breakAfter,
              chapterBreak: getComputedStyle(document.querySelector('.handbook-chapter')).breakBefore,
              contentsHeading: document.getElementById('handbook-contents').checkVisibility(),
              untitled: [...document.querySelectorAll('.handbook-chapter')]
                .filter(s => !s.querySelector('h1')?.checkVisibility()).map(s => s.id),
              chrome: ['.md-header', '.md-sidebar', '.md-footer', '.md-search', '.md-skip', '.md-top', '.md-content__button',
                       '.handbook-translation-notice', '.handbook-page-facts', '.handbook-screen-only', '.headerlink']
                .filter(s => [...document.querySelectorAll(s)].some(e => e.checkVisibility())),
            }"""
        )
    finally:
        emulate_print(chromium, False)
    words = words_in(load("print"), "en" if english else "fi")
    edition = edition_name({}, os.environ)
    assert paper["coverFirst"], "the cover opens the first sheet"
    assert paper["coverBreak"] == "page" and paper["chapterBreak"] == "page", "cover and contents on sheets of their own"
    assert ("Aggredi methods handbook" if english else "Aggredi-menetelmäkäsikirja") in paper["cover"]
    assert (words["edition"].format(edition=edition) if edition else words["working_version"]) in paper["cover"]
    assert facts["address"] in paper["cover"] and facts["address"].endswith("/en/" if english else "/")
    assert paper["contentsHeading"] and paper["chrome"] == []
    assert paper["untitled"] == [], "every chapter prints under its title"
    assert all(line not in paper["text"] for line in facts["screenOnly"]), "on-screen instructions on paper"
    pdf = print_pdf(chromium)
    assert is_a4(pdf_sheet_sizes(pdf)), f"the handbook prints on A4, not {pdf_sheet_sizes(pdf)}"
    assert pdf_page_count(pdf) >= len(expected) + 2, "a cover, the contents, and every chapter on a new sheet"
