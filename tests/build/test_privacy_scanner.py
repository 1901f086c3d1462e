"""The privacy guard's fast scanner finds what a plain scan of the whole text finds (every
tag parsed, every CSS and JavaScript pattern run over all of it): the same on real pages,
never less on hostile text."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator

import pytest

from handbook.reader import privacy
from handbook.reader.privacy import third_party_fetches
from handbook_sites import BuiltSite


def plain_scan(text: str) -> Iterator[tuple[str, int]]:
    """The definition: parse every tag, then run each CSS/JS pattern over the whole text."""
    for match in privacy._TAG.finditer(text):
        tag = match.group("tag").lower()
        if tag == "a":
            continue
        for url in privacy._fetched_urls(tag, match.group("attrs")):
            if privacy.is_third_party(url):
                yield url, privacy._line_of(text, match.start())
    seen = set()
    for pattern in (privacy._CSS_IMPORT, privacy._CSS_URL, privacy._JS_IMPORT):
        for match in pattern.finditer(text):
            url = match.group("url")
            if pattern is privacy._JS_IMPORT and match.start() and (text[match.start() - 1] in "@." or text[match.start() - 1].isalnum()):
                continue
            if privacy.is_third_party(url) and (url, match.start()) not in seen:
                seen.add((url, match.start()))
                yield url, privacy._line_of(text, match.start())


# Pieces an author, a theme or a plugin might put next to each other.
PIECES = [
    "<img src=", "<script src=", '<link rel="stylesheet" href=', "<a href=", "<source srcset=", "<video poster=",
    '"', "'", " ", "\n", ";", ">", "<", "(", ")", "url(", "URL(", "Url( ", "@import ", "@IMPORT url(", "import ",
    "import(", " from ", "import {a, b} from ", "x.import ", "https://", "http://", "HTTPS://", "//", "cdn.example.com/",
    "127.0.0.1/", "a.css", "b.js", "#x", "style=\"background:", "fill=", "text ", "//comment", "*/", "/*",
]


def hostile_texts(count: int, seed: int = 15) -> Iterator[str]:
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 30)))


def test_the_fast_scanner_misses_nothing_the_plain_scan_finds_in_hostile_text():
    """Where statements overlap in garbage the plain scan lets one swallow the next; the
    fast scanner judges each URL by what precedes it, so it may find more, never less."""
    missed = []
    for text in hostile_texts(5000):
        if Counter(plain_scan(text)) - Counter(third_party_fetches(text)):
            missed.append(text)
    assert not missed, f"{len(missed)} texts, e.g. {missed[0]!r}: {list(third_party_fetches(missed[0]))} vs {list(plain_scan(missed[0]))}"


@pytest.mark.parametrize(
    "text, url",
    [
        ('@import "  //cdn.example.com/a.css";', "  //cdn.example.com/a.css"),
        ("@import url(\n  'https://cdn.example.com/a.css');", "https://cdn.example.com/a.css"),
        ('import {\n  one,\n  two\n} from "https://esm.example.com/m.js";', "https://esm.example.com/m.js"),
        ('<div style="background: URL( //tracker.example.com/p.gif )">', "//tracker.example.com/p.gif"),
    ],
)
def test_statements_spread_over_lines_and_spaces_are_found(text, url):
    found = list(third_party_fetches(text))
    assert found == list(plain_scan(text))
    assert url in [each for each, _ in found]


def test_the_fast_scanner_equals_the_plain_scan_on_the_built_handbook(handbook_site: BuiltSite):
    scanned = 0
    for path in sorted(handbook_site.site_dir.rglob("*")):
        if path.suffix in {".html", ".css", ".js"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert list(third_party_fetches(text)) == list(plain_scan(text)), path
            scanned += 1
    assert scanned > 100
