"""Search, Finnish first, in the browser through the real search form: each language
finds its own pages only, Finnish base forms and inflected forms find other inflections
and compounds, excerpts show only what readers see, and recall@5 over both query sets
(tests/search_queries.yml, tests/search_queries_readers.yml) stays at the level recorded
in the README."""

from __future__ import annotations

import pytest

from browser_harness import StaticSite, search_results
from reader_sites import build_reader_site
from search_recall import QUERIES, load_queries, recall, run_queries, site_relative

pytestmark = pytest.mark.browser

# Measured with Pagefind on the handbook (README "Reader experience"); a drop below
# these means the search or the index got worse. The readers' set was written before any
# search ran against it (fi 0.97, en 1.00 measured on 2026-12-02); its floor is the
# issue's target, 0.95.
MINIMUM_RECALL = {("queries", "fi"): 0.9, ("queries", "en"): 0.9, ("readers", "fi"): 0.95, ("readers", "en"): 0.95}
QUERY_SETS = {"queries": QUERIES, "readers": QUERIES.with_name("search_queries_readers.yml")}
START_PAGE = {"fi": "", "en": "en/"}


@pytest.fixture(scope="module")
def outcomes(chromium, served_handbook):
    by_set = {}
    for name, path in QUERY_SETS.items():
        for language in ("fi", "en"):
            chromium.get(served_handbook.url + START_PAGE[language])
            queries = [q for q in load_queries(path) if q.language == language]
            by_set[name, language] = run_queries(queries, lambda q: site_relative(search_results(chromium, q.text)))
    return by_set


@pytest.mark.parametrize("name", QUERY_SETS)
def test_the_query_sets_are_large_enough(name):
    queries = load_queries(QUERY_SETS[name])
    assert sum(q.language == "fi" for q in queries) >= 20
    assert sum(q.language == "en" for q in queries) >= 10


@pytest.mark.parametrize("name", QUERY_SETS)
@pytest.mark.parametrize("language", ["fi", "en"])
def test_recall_at_5_over_the_query_set(outcomes, name, language):
    found = outcomes[name, language]
    missed = [f"{o.query.text!r}: expected {list(o.query.expect)}, got {o.results[:5]}" for o in found if not o.found]
    print(f"\nrecall@5 {name} {language}: {recall(found):.2f} ({len(found) - len(missed)}/{len(found)})")
    assert recall(found) >= MINIMUM_RECALL[name, language], "missed:\n" + "\n".join(missed)


@pytest.mark.parametrize("name", QUERY_SETS)
@pytest.mark.parametrize("language", ["fi", "en"])
def test_each_language_finds_only_its_own_pages(outcomes, name, language):
    wrong = [
        f"{o.query.text!r} on a {language} page found {page}"
        for o in outcomes[name, language]
        for page in o.results
        if page.startswith("en/") != (language == "en")
    ]
    assert sum(len(o.results) for o in outcomes[name, language]) > 0
    assert not wrong, "\n".join(wrong)


# Words in chosen inflections and compounds: each page says a word only in forms whose
# stem differs from the base form's, so only base forms in the index find them.
MEETINGS_FI = """# Työskentely

## Ensimmäinen kerta {#first}

Ensimmäisessä tapaamisessa sovitaan tavoitteista.

## Nuoret {#young}

Nuorisotyöntekijöiden kanssa puhutaan ääriliikkeistä ja uskonnollisesta taustasta.
"""
MEETINGS_EN = "# Working\n\n## The first time {#first}\n\nGoals are agreed.\n\n## Young people {#young}\n\nTalking with youth workers.\n"
NOTES_FI = "# Muistiinpanot\n\nTapaamisten jälkeen kirjataan vähän.\n"
NOTES_EN = "# Notes\n\nLittle is recorded after meetings.\n"


@pytest.fixture(scope="module")
def reader_site(tmp_path_factory):
    site = build_reader_site(
        tmp_path_factory.mktemp("reader-search"),
        {"tyoskentely.md": (MEETINGS_FI, MEETINGS_EN), "muistiinpanot.md": (NOTES_FI, NOTES_EN)},
    )
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


@pytest.mark.parametrize(
    "query",
    [
        "tapaaminen",  # base form; the page says "tapaamisessa"
        "tapaamisten",  # another page's inflection, mapped to its base form by the table
        "ääriliike",  # a compound in the elative plural
        "työntekijä",  # a part of "nuorisotyöntekijöiden"
        "uskonto",  # the noun "uskonnollisesta" is derived from
    ],
)
def test_inflected_and_compound_forms_find_the_page(chromium, reader_site, query):
    chromium.get(reader_site.url)
    assert "tyoskentely/" in site_relative(search_results(chromium, query))
    chromium.get(reader_site.url + "en/")
    assert site_relative(search_results(chromium, query)) == []


def test_excerpts_show_the_text_not_the_hidden_base_forms(chromium, reader_site):
    chromium.get(reader_site.url)
    search_results(chromium, "tapaaminen")
    excerpts = chromium.execute_script(
        "return [...document.querySelectorAll('[data-handbook-search] ol a')].map(a => [new URL(a.href).pathname, a.querySelector('p').textContent])"
    )
    excerpt = dict((path.lstrip("/"), text) for path, text in excerpts)["tyoskentely/"]
    # Only the hidden base forms matched: the excerpt begins where their section begins.
    assert excerpt.startswith("Ensimmäinen kerta Ensimmäisessä tapaamisessa sovitaan"), excerpt
    assert "¶" not in excerpt and "tavata" not in excerpt


def test_the_base_forms_are_hidden_from_readers_and_screen_readers(chromium, reader_site):
    chromium.get(reader_site.url + "tyoskentely/")
    hidden = chromium.execute_script(
        "return [...document.querySelectorAll('[id^=handbook-forms-]')].map(e => [e.hidden, getComputedStyle(e).display, e.textContent])"
    )
    assert hidden and all(flag and display == "none" for flag, display, _ in hidden)
    assert any("tapaaminen" in text.split() for _, _, text in hidden)
    assert "tapaaminen" not in chromium.execute_script("return document.body.innerText").split()


def test_a_result_opens_the_section_that_matched(chromium, reader_site):
    # Pagefind's sub-results: the hit is in the section "Nuoret" (#young), so the result
    # links there and names it under the page title, with no heading permalink residue.
    chromium.get(reader_site.url)
    search_results(chromium, "nuorisotyöntekijä")
    results = chromium.execute_script(
        "return [...document.querySelectorAll('[data-handbook-search] ol a')].map(a => ["
        "new URL(a.href).pathname + new URL(a.href).hash,"
        "a.querySelector('.md-search-result__title').textContent,"
        "(a.querySelector('.handbook-search-section') || {}).textContent || '',"
        "getComputedStyle(a.querySelector('.md-search-result__title')).fontSize,"
        "getComputedStyle(a.querySelector('p')).fontSize])"
    )
    by_path = {path.split("#")[0].lstrip("/"): (path, title, section, title_size, text_size) for path, title, section, title_size, text_size in results}
    path, title, section, title_size, text_size = by_path["tyoskentely/"]
    assert path.endswith("/tyoskentely/#young"), path
    assert (title, section) == ("Työskentely", "Nuoret")
    assert "¶" not in title + section
    # The title is at least as prominent as the excerpt.
    assert float(title_size.rstrip("px")) >= float(text_size.rstrip("px"))
