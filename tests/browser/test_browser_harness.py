"""The browser harness itself: a real page load through the local server, no other host."""

from __future__ import annotations

import pytest

from browser_harness import read_network_log, sitemap_pages

pytestmark = pytest.mark.browser


def test_home_page_loads_in_chromium_from_127_0_0_1_only(chromium, served_handbook):
    read_network_log(chromium)  # drain anything earlier
    chromium.get(served_handbook.url)
    assert chromium.execute_script("return document.documentElement.lang") == "fi"
    log = read_network_log(chromium)
    assert log.requested, "the network log recorded nothing"
    assert log.hosts() == {"127.0.0.1"}
    assert log.failures() == {}


def test_sitemap_lists_pages_of_both_languages(handbook_site):
    pages = list(sitemap_pages(handbook_site.site_dir))
    assert "" in pages and "en/" in pages
