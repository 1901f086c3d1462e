"""The real handbook builds strictly, in both languages, with the right language facts."""

from __future__ import annotations

import re

from handbook_sites import BuiltSite


def _html_lang(html: str) -> str:
    return re.search(r"<html[^>]*\blang=\"([^\"]+)\"", html).group(1)


def _alternates(html: str) -> dict[str, str]:
    return {lang: href for href, lang in re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">', html)}


def test_finnish_is_the_default_language_at_the_root(handbook_site: BuiltSite):
    assert _html_lang(handbook_site.html("index.html")) == "fi"
    assert not (handbook_site.site_dir / "fi").exists(), "no /fi/ tree: Finnish lives at the root"


def test_english_is_built_under_en(handbook_site: BuiltSite):
    assert _html_lang(handbook_site.html("en/index.html")) == "en"


def test_each_home_page_names_the_other_language_as_an_alternate(handbook_site: BuiltSite):
    for page in ("index.html", "en/index.html"):
        alternates = _alternates(handbook_site.html(page))
        assert set(alternates) >= {"fi", "en"}, page
        assert alternates["en"].endswith("/en/"), page
        assert not alternates["fi"].endswith("/en/"), page


def test_titles_are_per_language(handbook_site: BuiltSite):
    fi_title = re.search(r"<title>([^<]*)</title>", handbook_site.html("index.html")).group(1)
    en_title = re.search(r"<title>([^<]*)</title>", handbook_site.html("en/index.html")).group(1)
    assert "menetelmäkäsikirja" in fi_title.lower()
    assert "methods handbook" in en_title.lower()
    assert "käsikirja" not in en_title.lower()


def test_strict_build_logged_no_warning(handbook_site: BuiltSite):
    assert handbook_site.warnings() == []
