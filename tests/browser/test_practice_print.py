"""A practice profile prints on one A4 page, in both languages (Chromium print-to-PDF)."""

from __future__ import annotations

import base64
import re

import pytest

from browser_harness import read_network_log

pytestmark = pytest.mark.browser

PRACTICE_PAGES = ("kaytannot/aggredi/", "en/kaytannot/aggredi/")
A4_INCHES = (8.27, 11.69)


def pdf_page_count(pdf: bytes) -> int:
    # Chromium (Skia) writes one uncompressed page object per printed page.
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def print_to_pdf(driver) -> bytes:
    result = driver.execute_cdp_cmd("Page.printToPDF", {
        "preferCSSPageSize": True,
        "paperWidth": A4_INCHES[0],
        "paperHeight": A4_INCHES[1],
        "printBackground": False,
    })
    return base64.b64decode(result["data"])


def test_page_counter_counts_pages_not_the_page_tree():
    two_pages = b"<< /Type /Pages /Count 2 >> << /Type /Page /Parent 1 0 R >> << /Type/Page >>"
    assert pdf_page_count(two_pages) == 2


@pytest.mark.parametrize("path", PRACTICE_PAGES)
def test_practice_profile_prints_on_one_a4_page(chromium, served_handbook, path: str):
    chromium.get(served_handbook.url + path)
    read_network_log(chromium)
    pdf = print_to_pdf(chromium)
    assert pdf.startswith(b"%PDF")
    assert pdf_page_count(pdf) == 1


@pytest.mark.parametrize("path", PRACTICE_PAGES)
def test_the_print_holds_the_whole_card_and_no_theme_chrome(chromium, served_handbook, path: str):
    chromium.get(served_handbook.url + path)
    chromium.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        shown = chromium.execute_script("""
            const visible = (selector) => [...document.querySelectorAll(selector)]
                .some((element) => element.getClientRects().length > 0);
            return {
                card: visible('.handbook-practice'),
                contact: visible('.handbook-practice__contact'),
                header: visible('.md-header'),
                sidebar: visible('.md-sidebar'),
                footer: visible('.md-footer'),
            };
        """)
    finally:
        chromium.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert shown == {"card": True, "contact": True, "header": False, "sidebar": False, "footer": False}


@pytest.mark.parametrize("path", ("kaytannot/", "en/kaytannot/", *PRACTICE_PAGES))
def test_practice_pages_load_nothing_from_another_host(chromium, served_handbook, path: str):
    read_network_log(chromium)
    chromium.get(served_handbook.url + path)
    log = read_network_log(chromium)
    assert log.hosts() == {"127.0.0.1"}
    assert log.failures() == {}


@pytest.mark.parametrize("path", PRACTICE_PAGES)
def test_tag_chips_never_break_inside_a_word_on_a_phone(chromium, served_handbook, path: str):
    chromium.set_window_size(320, 800)
    try:
        chromium.get(served_handbook.url + path)
        broken = chromium.execute_script("""
            // The longest tag a vocabulary could hold: one compound word wider than a phone's column.
            const sample = document.querySelector('.handbook-practice__tag');
            const long = sample.cloneNode(false);
            long.textContent = 'Väkivaltaisenekstremisminennaltaehkäisytyöntekijäkoulutus';
            sample.parentNode.appendChild(long);
            const broken = [];
            for (const chip of document.querySelectorAll('.handbook-practice__tag')) {
                const walker = document.createTreeWalker(chip, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    for (const match of node.data.matchAll(/[^\\s/]+/g)) {
                        const range = document.createRange();
                        range.setStart(node, match.index);
                        range.setEnd(node, match.index + match[0].length);
                        const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
                        if (lines.size > 1) broken.push(match[0]);
                    }
                }
            }
            return broken;
        """)
        chips = chromium.execute_script("return document.querySelectorAll('.handbook-practice__tag').length")
    finally:
        chromium.set_window_size(1280, 900)
    assert chips > 0
    assert broken == []
