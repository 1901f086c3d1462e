"""Page weight measured in the browser: what a reader's connection carries, gzip as a
real host serves it (the test server compresses text), headers included.

Budget: the first view of a content page at most 100 KB, the same page viewed again
(reloaded) at most 10 KB. The search adds nothing to a view: its engine and index load only when the
reader types (its cost is measured and reported separately, not budgeted here).
Run with `-s` to see the figures that README.md "Reader experience" records.
"""

from __future__ import annotations

import gzip
import statistics

import pytest

from browser_harness import forget_everything, read_network_log, search_results, site_requests, sitemap_pages

pytestmark = pytest.mark.browser

FIRST_VIEW_BUDGET = 100_000
REPEAT_VIEW_BUDGET = 10_000
PAGES_PER_LANGUAGE = 4


def settle(driver) -> None:
    """Let late requests (favicon, the language switcher's sitemap) finish."""
    driver.execute_script("return new Promise(r => setTimeout(r, 250))")


def view(driver, url: str, site_url: str, *, again: bool = False) -> int:
    # Viewed again = the reader reloads: Chromium revalidates the page itself and reuses
    # the cached assets (the server sends Last-Modified, no Cache-Control).
    driver.refresh() if again else driver.get(url)
    settle(driver)
    return sum(site_requests(read_network_log(driver), site_url).values())


@pytest.fixture(scope="module")
def content_pages(handbook_site) -> list[str]:
    """The heaviest content pages of each language (largest HTML once gzipped): every
    page shares the theme's assets, so these bound the first view of all the others."""
    heaviest = []
    for english in (False, True):
        pages = [p for p in sitemap_pages(handbook_site.site_dir)
                 if p not in {"", "en/"} and not p.endswith("tulosta/") and p.startswith("en/") == english]
        size = {p: len(gzip.compress((handbook_site.site_dir / p / "index.html").read_bytes())) for p in pages}
        heaviest += sorted(pages, key=size.get, reverse=True)[:PAGES_PER_LANGUAGE]
    return heaviest


def test_first_and_repeat_views_stay_within_budget(chromium, served_handbook, content_pages):
    first, repeat, over = {}, {}, []
    for path in content_pages:
        forget_everything(chromium, served_handbook.url)
        chromium.get("about:blank")
        read_network_log(chromium)
        first[path] = view(chromium, served_handbook.url + path, served_handbook.url)
        repeat[path] = view(chromium, served_handbook.url + path, served_handbook.url, again=True)
        if first[path] > FIRST_VIEW_BUDGET:
            over.append(f"/{path}: first view {first[path]} bytes > {FIRST_VIEW_BUDGET}")
        if repeat[path] > REPEAT_VIEW_BUDGET:
            over.append(f"/{path}: repeat view {repeat[path]} bytes > {REPEAT_VIEW_BUDGET}")
    heaviest = max(first, key=first.get)
    print(
        f"\npage weight of the {len(first)} heaviest content pages (gzip, headers included): "
        f"first view median {statistics.median(first.values()) / 1000:.1f} KB, max {first[heaviest] / 1000:.1f} KB (/{heaviest}); "
        f"repeat view median {statistics.median(repeat.values()) / 1000:.1f} KB, max {max(repeat.values()) / 1000:.1f} KB"
    )
    assert min(first.values()) > 20_000, "implausibly light: the measurement is broken"
    assert not over, "\n".join(over)


@pytest.mark.parametrize("path, query", [("teoria/desistanssi/", "väkivalta"), ("en/teoria/desistanssi/", "violence")])
def test_the_search_loads_nothing_until_the_reader_types(chromium, served_handbook, path, query):
    forget_everything(chromium, served_handbook.url)
    chromium.get("about:blank")
    read_network_log(chromium)
    chromium.get(served_handbook.url + path)
    settle(chromium)
    page_requests = site_requests(read_network_log(chromium), served_handbook.url)
    assert not any("/pagefind/" in url for url in page_requests), "the search index loaded with the page"
    assert search_results(chromium, query)
    search_requests = site_requests(read_network_log(chromium), served_handbook.url)
    first_search = sum(search_requests.values())
    assert any("/pagefind/" in url for url in search_requests)
    print(f"\n/{path}: first view {sum(page_requests.values()) / 1000:.1f} KB, first search '{query}' +{first_search / 1000:.1f} KB")
