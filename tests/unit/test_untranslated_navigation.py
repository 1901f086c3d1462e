"""The "(FI)" marker in the navigation lands exactly where the plain pass put it.

`mark_untranslated_navigation` resolves only the links whose last segment could lead to
an untranslated page, and its pattern reads a label without trying `</span>` at every
character, so that a large handbook's navigation costs less. Neither may change a page: pages are made at random from
navigation links with every kind of href the resolver treats specially (dots, slashes,
fragments, entities, a target's last segment inside another word), and the result is
compared with the plain pass: the pattern it had, and every link resolved.
"""

from __future__ import annotations

import html
import random
import re

from handbook.translation import reader_pages
from handbook.translation.reader_pages import MARKER, _resolve, mark_untranslated_navigation

# The pattern as it was before its label part was written out.
PLAIN_NAV_LINK = re.compile(r'(<a\b[^>]*?\bhref="([^"]*)"[^>]*?\bclass="md-nav__link[^"]*"[^>]*>\s*<span class="md-ellipsis">)(.*?)(</span>)', re.DOTALL)

UNTRANSLATED = {"en/uusi/", "en/osa/luku/", "en/", "en/a&b/", "en/tiedosto.html"}
PAGES = ["en/", "en/osa/", "en/osa/luku/", "en/uusi/", "en/muu/syva/sivu/", "en/tiedosto.html"]
HREFS = [
    "", ".", "./", "..", "../", "../../", "../..", "./.", "uusi/", "uusi", "uusi//", "uusi/#osio", "uusi#osio",
    "../uusi/", "../../uusi/", "osa/luku/", "../osa/luku/", "luku/", "luku/index.html", "vanhauusi/", "uusi/x/",
    "uusi/..", "uusi/../", "osa/./luku/", "a&amp;b/", "a&#38;b/", "../a%26b/", "uusi&#47;", "#", "#uusi",
    "/en/uusi/", "https://example.org/uusi/", "tiedosto.html", "../tiedosto.html", "tiedosto.html#x", "en/",
    "../../en/", "x/../../", "muu/", "luku", "..#x", "./#x",
]


def _plain(output: str, page_url: str, untranslated: set[str], current: bool) -> str:
    """The pass before the narrowing: the callback for every navigation link."""

    def link(match):
        target = _resolve(page_url, html.unescape(match.group(2)))
        if target is None or target not in untranslated or "handbook-translation-marker" in match.group(3):
            return match.group(0)
        return match.group(1) + match.group(3).rstrip() + MARKER + match.group(4)

    output = PLAIN_NAV_LINK.sub(link, output)
    if current:
        output = reader_pages.ACTIVE_LABEL_RE.sub(lambda m: m.group(1) + m.group(2).rstrip() + MARKER + m.group(3), output)
    return output


def _piece(rng: random.Random) -> str:
    href = rng.choice(HREFS)
    kind = rng.randrange(7)
    if kind == 6:
        return f'<a href="{href}" class="md-nav__link"><span class="md-ellipsis">Sana <code>x</code> <</span></a>'
    if kind == 0:
        return f'<a href="{href}" class="md-nav__link">\n  <span class="md-ellipsis">\n    Otsikko\n  </span>\n</a>'
    if kind == 1:
        return f'<a id="x" href="{href}" title="t" class="md-nav__link md-nav__link--active">\n<span class="md-ellipsis">Osa</span></a>'
    if kind == 2:
        return f'<a href="{href}" class="md-nav__link"><span class="md-ellipsis">Jo{MARKER}</span></a>'
    if kind == 3:
        return f'<a href="{href}" class="md-content__button">teksti</a>'
    if kind == 4:
        return '<label class="md-nav__link md-nav__link--active" for="__toc">\n<span class="md-ellipsis">Tämä</span>\n</label>'
    return rng.choice(["<li>", "</li>", "\n", " 1 < 2 ", '<span class="md-ellipsis">', "</span>", "</span", "</", "<", 'href="uusi/"'])


def test_the_marker_lands_where_the_plain_pass_puts_it():
    rng = random.Random(20261203)
    marked = 0
    for _ in range(3000):
        page = "".join(_piece(rng) for _ in range(rng.randint(0, 12)))
        page_url = rng.choice(PAGES)
        untranslated = set(rng.sample(sorted(UNTRANSLATED), rng.randint(1, len(UNTRANSLATED))))
        current = page_url in untranslated
        expected = _plain(page, page_url, untranslated, current)
        assert mark_untranslated_navigation(page, page_url, untranslated, current=current) == expected, (page_url, untranslated, page)
        marked += expected != page
    # The cases exercise the marker, not only its absence.
    assert marked > 500


def test_a_link_to_a_translated_page_is_left_as_it_is():
    page = '<a href="../muu/" class="md-nav__link"><span class="md-ellipsis">Muu</span></a>'
    assert mark_untranslated_navigation(page, "en/uusi/", {"en/uusi/"}, current=False) == page
    towards = '<a href="../uusi/" class="md-nav__link"><span class="md-ellipsis">Uusi</span></a>'
    assert MARKER in mark_untranslated_navigation(towards, "en/muu/", {"en/uusi/"}, current=False)
