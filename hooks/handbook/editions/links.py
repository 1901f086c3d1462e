"""Editions (mike) and languages (mkdocs-static-i18n) together: the pure parts.

mike builds each edition into `/<edition>/` of the published site and may also serve it
under an alias (`/latest/`); mkdocs-static-i18n builds the default language (Finnish) at
the edition root and every other language under its own folder (`en/`). These helpers
keep the language links inside the edition and alias the reader came through, and
give every language root a sitemap of its own pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, MutableMapping
from urllib.parse import urlsplit

from handbook.core.tags import sub_tags_containing

# Material's markup (mkdocs-material 9.8.1 base.html and partials/alternate.html); other
# hooks may add attributes (lang="en"), so attributes are found in any order.
HEAD_ALTERNATE = re.compile(r'<link\b(?P<attrs>[^>]*\srel="alternate"[^>]*)>')
SWITCHER_LINK = re.compile(r'<a\b(?P<attrs>[^>]*\sclass="md-select__link"[^>]*)>')
HREF = re.compile(r'\shref="[^"]*"')
HREFLANG = re.compile(r'\shreflang="([^"]+)"')
TARGET = re.compile(r'\starget="[^"]*"')
SITEMAP_URL = re.compile(r"[ \t]*<url>.*?</url>\n?", re.S)
SITEMAP_LOC = re.compile(r"<loc>\s*([^<\s]+)\s*</loc>")


def site_path(site_url: str | None) -> str:
    """The path part of site_url with one trailing slash: `/`, `/2026/`.

    mike sets site_url to `<site_url>/<edition>` without the slash.
    """
    path = urlsplit(site_url or "/").path or "/"
    return path if path.endswith("/") else path + "/"


def language_roots(alternates: Iterable[dict], path: str) -> dict[str, str]:
    """Each language's folder inside the edition, from the start-page switcher links.

    mkdocs-static-i18n builds them from site_url: `/2026/` and `/2026/en/` give
    `{"fi": "", "en": "en/"}`. Links outside the edition (another host) are left out.
    """
    roots = {}
    for alternate in alternates:
        link, lang = alternate.get("link", ""), alternate.get("lang")
        if lang and link.startswith(path):
            roots[lang] = link[len(path):]
    return roots


def links_from_edition_root(alternates: Iterable[MutableMapping], path: str) -> None:
    """Turn absolute switcher links (`/2026/en/`) into paths from the edition root (`en/`).

    MkDocs' `url` filter then makes them relative to the page, so on a start page seen
    through an alias (`/latest/`) the switcher stays under the alias. Page-level links
    (already relative) are left alone.
    """
    for alternate in alternates:
        link = alternate.get("link", "")
        if link.startswith(path):
            alternate["link"] = link[len(path):] or "./"


def point_language_links(html: str, head_hrefs: dict[str, str], switcher_hrefs: dict[str, str] | None = None) -> str:
    """Rewrite Material's language links in a rendered page.

    * Head `<link rel="alternate" hreflang>`: Material's script fetches `sitemap.xml`
      next to each of them, so they point at the language roots (which have one), never
      at a page folder (which would answer 404).
    * Switcher links `<a class="md-select__link">` get `target="_self"`: Material's
      sitemap-based language mapping assumes one site per language and, with Finnish at
      the edition root, can swap the exact link for the other language's start page; it
      leaves links with a target alone. `switcher_hrefs` also replaces their hrefs.
    """

    def with_href(attrs: str, hrefs: dict[str, str] | None) -> str:
        lang = HREFLANG.search(attrs)
        if not lang or not hrefs or lang.group(1) not in hrefs:
            return attrs
        return HREF.sub(lambda _: f' href="{hrefs[lang.group(1)]}"', attrs, count=1)

    def head(match: re.Match) -> str:
        return f"<link{with_href(match['attrs'], head_hrefs)}>"

    def switcher(match: re.Match) -> str:
        attrs = with_href(match["attrs"], switcher_hrefs)
        return f"<a{attrs}>" if TARGET.search(attrs) else f'<a{attrs} target="_self">'

    # Only the tags holding the markers are tried (core/tags.py): a page carries the whole navigation.
    return sub_tags_containing(sub_tags_containing(html, 'rel="alternate"', HEAD_ALTERNATE, head), 'class="md-select__link"', SWITCHER_LINK, switcher)


def root_hrefs(roots: dict[str, str], base: str) -> dict[str, str]:
    """Each language root as a link from a page whose way back to the edition root is
    `base` (MkDocs' base_url: `.`, `../..`, or `/2026` on the 404 page)."""
    return {lang: f"{base}/{root}" for lang, root in roots.items()}


def language_sitemap(sitemap_xml: str, root_url: str) -> str:
    """The sitemap restricted to the pages under `root_url` (absolute, ends in `/`).

    The entries are copied as they are, with their hreflang alternates.
    """
    entries = list(SITEMAP_URL.finditer(sitemap_xml))
    if not entries:
        return sitemap_xml
    head, tail = sitemap_xml[: entries[0].start()], sitemap_xml[entries[-1].end():]
    kept = [entry[0] for entry in entries if (loc := SITEMAP_LOC.search(entry[0])) and loc.group(1).startswith(root_url)]
    return head + "".join(kept) + tail


def repair_site_url_joins(sitemap_xml: str, site_url: str) -> str:
    """Put back the slash between site_url and a page path in hreflang links.

    mike sets site_url to `https://host/2026` (no trailing slash) and the sitemap of
    mkdocs-static-i18n joins it to page paths as they are: `https://host/2026ohjelma/`.
    """
    root = re.escape(site_url.rstrip("/"))
    return re.sub(rf'(href="{root})(?=[^/])', r"\1/", sitemap_xml)


def sitemap_locations(sitemap_xml: str) -> list[str]:
    return SITEMAP_LOC.findall(sitemap_xml)
