"""The digest that decides whether Pagefind must index the site again.

It is taken from every built HTML page, on several threads: it must change with any
page's bytes or place, with a page added or taken away, and with two pages' texts
swapped, and only with those (hidden folders and other files are not Pagefind's input).
"""

from __future__ import annotations

import shutil

from handbook.reader.search import built_pages_digest


def _site(root, pages: dict[str, str]):
    shutil.rmtree(root, ignore_errors=True)
    for name, text in pages.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return built_pages_digest(root)


def test_the_digest_follows_every_page_and_nothing_else(tmp_path):
    site = tmp_path / "site"
    pages = {f"osa-{n % 7}/sivu-{n}/index.html": f"<p>sivu {n}</p>" * (n + 1) for n in range(60)}
    first = _site(site, pages)
    assert _site(site, pages) == first
    assert _site(site, pages | {".cache/x/index.html": "piilossa", "assets/style.css": "p{}", "osa-1/kuva.svg": "<svg/>"}) == first
    changed = {"osa-3/sivu-10/index.html": pages["osa-3/sivu-10/index.html"] + " "}
    different = [
        pages | changed,
        pages | {"osa-1/uusi.html": ""},
        {name: text for name, text in pages.items() if name != "osa-0/sivu-0/index.html"},
        pages | {"osa-1/sivu-1/index.html": pages["osa-2/sivu-2/index.html"], "osa-2/sivu-2/index.html": pages["osa-1/sivu-1/index.html"]},
        {name.replace("sivu-5/", "sivu-5b/"): text for name, text in pages.items()},
    ]
    digests = [_site(site, variant) for variant in different]
    assert first not in digests
    assert len(set(digests)) == len(digests)
