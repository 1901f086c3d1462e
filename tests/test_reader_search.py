"""Search, Finnish first, in the browser through the real search form: each language
finds its own pages only, Finnish base forms find inflected words, and recall@5 over
the query set (tests/search_queries.yml) stays at the level recorded in the README."""

from __future__ import annotations

import pytest

from browser_harness import StaticSite, search_results
from reader_sites import build_reader_site
from search_recall import load_queries, recall, run_queries, site_relative

pytestmark = pytest.mark.browser

# Measured with Pagefind on the handbook (README "Reader experience"); a drop below
# these means the search or the index got worse.
MINIMUM_RECALL = {"fi": 0.9, "en": 0.9}
START_PAGE = {"fi": "", "en": "en/"}


@pytest.fixture(scope="module")
def outcomes(chromium, served_handbook):
    by_language = {}
    for language in ("fi", "en"):
        chromium.get(served_handbook.url + START_PAGE[language])
        queries = [q for q in load_queries() if q.language == language]
        by_language[language] = run_queries(queries, lambda q: site_relative(search_results(chromium, q.text)))
    return by_language


def test_the_query_set_is_large_enough():
    queries = load_queries()
    assert sum(q.language == "fi" for q in queries) >= 20
    assert sum(q.language == "en" for q in queries) >= 10


@pytest.mark.parametrize("language", ["fi", "en"])
def test_recall_at_5_over_the_query_set(outcomes, language):
    found = outcomes[language]
    missed = [f"{o.query.text!r}: expected {list(o.query.expect)}, got {o.results[:5]}" for o in found if not o.found]
    print(f"\nrecall@5 {language}: {recall(found):.2f} ({len(found) - len(missed)}/{len(found)})")
    assert recall(found) >= MINIMUM_RECALL[language], "missed:\n" + "\n".join(missed)


@pytest.mark.parametrize("language", ["fi", "en"])
def test_each_language_finds_only_its_own_pages(outcomes, language):
    wrong = [
        f"{o.query.text!r} on a {language} page found {page}"
        for o in outcomes[language]
        for page in o.results
        if page.startswith("en/") != (language == "en")
    ]
    assert sum(len(o.results) for o in outcomes[language]) > 0
    assert not wrong, "\n".join(wrong)


@pytest.fixture(scope="module")
def reader_site(tmp_path_factory):
    site = build_reader_site(tmp_path_factory.mktemp("reader-search"))
    server = StaticSite(site.site_dir)
    yield server
    server.close()


@pytest.mark.parametrize(
    "query, page",
    [
        ("väkivalta", ""),  # the page says only "väkivallan", "väkivallasta"
        ("desistanssi", "toinen/"),  # the page says only "Desistanssin"
        ("katkaiseminen", ""),  # the page says "katkaisemisesta"
        ("vankila", "kolmas/"),  # a Finnish-only page; its stand-in at /en/ is not indexed
    ],
)
def test_finnish_base_forms_find_inflected_words(chromium, reader_site, query, page):
    chromium.get(reader_site.url)
    assert page in site_relative(search_results(chromium, query))
    chromium.get(reader_site.url + "en/")
    assert site_relative(search_results(chromium, query)) == [], "a Finnish word found English pages"
