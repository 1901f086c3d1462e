"""The reader-facing hooks without a browser: the search index step, the language of
links to the other language, and the printable handbook, built twice in one process."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError

from handbook.reader import search as search_index
from handbook.reader.language_parts import mark_link_languages
from reader_sites import build_reader_site


def test_links_to_the_other_language_speak_it():
    html = '<a href="en/" hreflang="en" class="md-select__link">English</a><a lang="fi" hreflang="fi" href="./">Suomi</a>'
    assert mark_link_languages(html) == (
        '<a lang="en" href="en/" hreflang="en" class="md-select__link">English</a>'
        '<a lang="fi" hreflang="fi" href="./">Suomi</a>'
    )
    assert mark_link_languages('<link rel="alternate" hreflang="en" href="en/">') == '<link rel="alternate" hreflang="en" href="en/">'


def test_a_missing_search_indexer_is_a_clear_error(monkeypatch):
    # None in sys.modules makes the import fail, as in a venv without the wheel.
    monkeypatch.setitem(__import__("sys").modules, "pagefind_bin", None)
    with pytest.raises(PluginError, match=r"search index: the pagefind_bin package is missing; install the locked set with `make install`"):
        search_index.pagefind_binary()


def test_the_search_indexer_is_the_locked_wheel_binary():
    import importlib.metadata

    assert importlib.metadata.version("pagefind_bin") == "1.5.2"
    assert search_index.pagefind_binary().name == "pagefind"


@pytest.mark.slow
def test_two_builds_in_one_process_each_get_an_index_and_a_full_print_page(tmp_path):
    for attempt in ("first", "second"):
        site = build_reader_site(tmp_path / attempt)
        assert site.warnings() == []
        for language in ("", "en/"):
            assert (site.site_dir / "pagefind" / "pagefind-entry.json").exists()
            html = site.html(f"{language}tulosta/index.html")
            prefix = "luku-en-" if language else "luku-"
            assert html.count('class="handbook-chapter"') == 3, (attempt, language)
            assert f'id="{prefix}toinen"' in html and f'href="#{prefix}toinen--kappale"' in html
        # The Finnish stand-in for a missing English page says it is Finnish on the
        # English print page, and stays out of the English search index.
        assert '<section class="handbook-chapter" id="luku-en-kolmas" lang="fi">' in site.html("en/tulosta/index.html")
        assert '<section class="handbook-chapter" id="luku-kolmas">' in site.html("tulosta/index.html")
        assert "data-pagefind-body" not in site.html("en/kolmas/index.html")
        assert "data-pagefind-body" in site.html("kolmas/index.html")
        assert "data-pagefind-body" not in site.html("tulosta/index.html"), "the print page must stay out of the index"
        assert "data-pagefind-body" in site.html("toinen/index.html")


def test_the_search_words_stay_until_the_finnish_pages_are_built_whatever_builds_first(tmp_path):
    # The Finnish words are let go of when another language starts only if Finnish was
    # built first (the outermost build): with English outermost, the Finnish pages are yet to come.
    from collections import Counter

    from handbook.core.kept import Kept
    from handbook.reader.search import SearchIndexHook

    hook = SearchIndexHook()
    hook.root, hook.kept, hook.vocabulary = tmp_path, Kept.for_project(tmp_path, "search-forms"), Counter({"sana": 1})
    hook.outer_language = "en"
    hook.language_started(config=None)
    assert hook.table is None and hook.vocabulary == Counter({"sana": 1}) and not hook.kept._released


def test_the_chapters_place_is_a_comment_of_its_own_that_says_whether_they_have_a_title():
    from handbook.reader.print_hook import chapters_place

    with_title, without = chapters_place('<section><h1 id="a">A</h1></section>'), chapters_place("<p>Teksti.</p>")
    assert with_title.startswith("<!--") and with_title.endswith(" <h1-->")
    assert "<h1" not in without
    assert chapters_place("<p>x</p>") != chapters_place("<p>x</p>")  # a token no text can hold


def test_a_print_page_the_theme_made_without_the_chapters_place_is_one_error(caplog):
    import logging
    from types import SimpleNamespace

    from handbook.reader.print_hook import PrintHandbookHook

    hook = PrintHandbookHook()
    hook.waiting["tulosta/"] = ("<!--place-->", "<section>luvut</section>")
    page = SimpleNamespace(url="tulosta/", content="<p>x</p>", file=SimpleNamespace(abs_src_path="/nowhere/docs/fi/tulosta.md"))
    config = SimpleNamespace(config_file_path="/nowhere/mkdocs.yml")
    with caplog.at_level(logging.ERROR):
        assert hook.on_post_page("<html><!--place--><!--place--></html>", page, config) == "<html></html>"
    assert [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR] == [
        "handbook: docs/fi/tulosta.md: the printable handbook's chapters have no place in the page the theme made; the page is written without them"
    ]
    assert hook.waiting == {} and page.content is None
    # Any other page passes untouched.
    assert hook.on_post_page("<html>sama</html>", page, config) == "<html>sama</html>"


@pytest.mark.slow
def test_the_print_page_s_chapters_are_judged_and_marked_like_the_pages_they_come_from(tmp_path):
    # The chapters go into the print page after the passes that change pages (so those hold
    # a small page, not every chapter): the privacy guard still judges them as written, the
    # links to another language inside them still say their language, and a print page whose
    # own text has no heading gets no title heading of the theme's (its chapters have theirs).
    fetching = "# Kuvasivu\n\n![Kartta](https://example.org/kartta.png)\n\n[In English](https://example.org/en/){hreflang=en}\n"
    site = build_reader_site(tmp_path, {"kuva.md": (fetching, fetching)}, more_hooks=("privacy_guard.py",),
                             print_fi="---\nprint_handbook: true\n---\n\nKaikki luvut.\n", strict=False)
    fetched = [warning for warning in site.warnings() if "would fetch 'https://example.org/kartta.png'" in warning]
    assert any("page tulosta/index.html" in warning for warning in fetched), fetched
    assert any("page en/tulosta/index.html" in warning for warning in fetched), fetched
    assert any("page kuva/index.html" in warning for warning in fetched), fetched
    printed = site.html("tulosta/index.html")
    assert printed.count('<a lang="en" href="https://example.org/en/" hreflang="en">') == 1
    assert "handbook-print-chapters" not in printed and printed.count('class="handbook-chapter"') == 4
    assert "<h1>Tulosta</h1>" not in printed
