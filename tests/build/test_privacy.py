"""No page makes the reader's browser contact any host but the site itself."""

from __future__ import annotations

import pytest

from handbook.reader.privacy import third_party_fetches
from handbook_sites import BuiltSite


@pytest.mark.parametrize(
    "text, url",
    [
        ('<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">', "https://fonts.googleapis.com/css?family=Roboto"),
        ('<link href="//cdn.example.com/x.css" rel="preload" as="style">', "//cdn.example.com/x.css"),
        ('<script src="https://cdn.jsdelivr.net/npm/mermaid.js"></script>', "https://cdn.jsdelivr.net/npm/mermaid.js"),
        ('<img alt="" srcset="a.png 1x, https://img.example.com/b.png 2x">', "https://img.example.com/b.png"),
        ("body{background:url('https://tracker.example.com/p.gif')}", "https://tracker.example.com/p.gif"),
        ('@import "https://fonts.example.com/font.css";', "https://fonts.example.com/font.css"),
        ('import x from "https://esm.example.com/mod.js";', "https://esm.example.com/mod.js"),
    ],
)
def test_scanner_finds_each_kind_of_third_party_fetch(text: str, url: str):
    assert [found for found, _ in third_party_fetches(text)] == [url]


@pytest.mark.parametrize(
    "text",
    [
        '<a href="https://www.helsinkimissio.fi/">HelsinkiMissio</a>',
        '<link rel="canonical" href="https://handbook.example.org/">',
        '<link rel="alternate" href="https://handbook.example.org/en/" hreflang="en">',
        '<script src="assets/javascripts/bundle.js"></script>',
        "body{background:url(../images/x.svg)}",
        '<img src="http://127.0.0.1:8000/logo.png">',
    ],
)
def test_scanner_allows_links_and_own_assets(text: str):
    assert list(third_party_fetches(text)) == []


def test_built_handbook_fetches_nothing_from_other_hosts(handbook_site: BuiltSite):
    offenders = []
    scanned = 0
    for path in sorted(handbook_site.site_dir.rglob("*")):
        if path.suffix not in {".html", ".css", ".js"}:
            continue
        scanned += 1
        text = path.read_text(encoding="utf-8", errors="replace")
        offenders += [f"{path.relative_to(handbook_site.site_dir)}:{line}: {url}" for url, line in third_party_fetches(text)]
    assert scanned > 10, "the scan must cover the theme's CSS and JavaScript too"
    assert offenders == []
