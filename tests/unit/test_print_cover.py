"""The front of the printable whole handbook: its cover sheet and its table of contents
(handbook/reader/print_cover.py, and the contents taken from the navigation in print_hook.py)."""

from __future__ import annotations

from datetime import date

from handbook.reader.print_cover import ContentsEntry, Cover, build_date, chapter_anchors, contents_html, cover_html
from handbook.reader.print_hook import contents_entries
from handbook.words import load, words_in

FINNISH, ENGLISH = words_in(load("print"), "fi"), words_in(load("print"), "en")
FINNISH_DATES, ENGLISH_DATES = words_in(load("dates"), "fi"), words_in(load("dates"), "en")
COVER = Cover(handbook="Aggredi-menetelmäkäsikirja", edition="2026.1", built=date(2026, 11, 3), url="https://handbook.example.org/2026.1/", organisation="HelsinkiMissio")


def test_the_cover_names_the_handbook_its_edition_date_and_address_in_the_page_language():
    finnish = cover_html(COVER, FINNISH, FINNISH_DATES)
    assert '<p class="handbook-cover__title">Aggredi-menetelmäkäsikirja</p>' in finnish
    assert "Painos 2026.1" in finnish and "HelsinkiMissio" in finnish
    assert 'Koottu <time datetime="2026-11-03">3.11.2026</time>' in finnish
    assert "https://handbook.example.org/2026.1/" in finnish
    assert finnish.startswith('<section class="handbook-print-only handbook-cover">'), "the cover is for paper only"
    english = cover_html(COVER, ENGLISH, ENGLISH_DATES)
    assert "Edition 2026.1" in english and 'Compiled on <time datetime="2026-11-03">3 November 2026</time>' in english


def test_a_working_copy_without_site_url_says_so_and_gives_no_address():
    cover = Cover(handbook="A & B", edition=None, built=date(2026, 1, 5), url=None)
    html = cover_html(cover, ENGLISH, ENGLISH_DATES)
    assert "Unpublished working copy" in html and "A &amp; B" in html
    assert "Online" not in html and "handbook-cover__organisation" not in html


def test_the_build_date_is_reproducible_with_source_date_epoch():
    today = date(2026, 12, 1)
    assert build_date({}, today) == today
    assert build_date({"SOURCE_DATE_EPOCH": "1793491200"}, today) == date(2026, 11, 1)
    assert build_date({"SOURCE_DATE_EPOCH": "soon"}, today) == today, "an unreadable stamp falls back to the day"


def test_the_contents_nest_chapters_by_section_and_link_to_their_anchors():
    entries = [
        ContentsEntry("Etusivu", "luku-etusivu"),
        ContentsEntry("Sivustosta", None, children=(ContentsEntry("Kolmas <sivu>", "luku-kolmas", language="fi"),)),
    ]
    html = contents_html(entries, ENGLISH)
    assert html.startswith('<nav class="handbook-contents" aria-labelledby="handbook-contents">')
    assert '<h2 id="handbook-contents" class="handbook-contents__title">Contents</h2>' in html
    assert '<li><a href="#luku-etusivu">Etusivu</a></li>' in html
    assert '<li><span>Sivustosta</span><ol><li><a href="#luku-kolmas" lang="fi">Kolmas &lt;sivu&gt;</a></li></ol></li>' in html
    assert "Sisällys" in contents_html(entries, FINNISH)
    assert chapter_anchors(entries) == ["luku-etusivu", "luku-kolmas"]


# --- The contents from MkDocs' navigation (stand-ins with the attributes the hook reads)


class Page:
    is_page, is_section = True, False

    def __init__(self, title: str, *, is_index: bool = False, from_nav: bool = True):
        self.is_index = is_index
        if from_nav:
            self.title = title  # MkDocs keeps a title the nav gives on the instance
        else:
            self._text_title = title

    def __getattr__(self, name):
        if name == "title":
            return self._text_title
        raise AttributeError(name)


class Section:
    is_page, is_section = False, True

    def __init__(self, title: str, children: list):
        self.title, self.children = title, children


class Link:
    is_page = is_section = False
    title = "Elsewhere"


def test_navigation_becomes_contents_with_section_index_pages_as_section_lines():
    home, index, chapter, stand_in, printing = Page("Etusivu"), Page("Ohjelma", is_index=True), Page("Tavoitteet"), Page("Kolmas", from_nav=False), Page("Tulosta")
    items = [home, Section("Ohjelma", [index, chapter]), Section("Sivustosta", [stand_in, printing, Link()]), Section("Tyhjä", [printing])]
    keys = {id(home): "luku-etusivu", id(index): "luku-ohjelma", id(chapter): "luku-ohjelma-tavoitteet", id(stand_in): "luku-kolmas"}
    languages = {"luku-kolmas": "fi"}
    assert contents_entries(items, keys, languages) == [
        ContentsEntry("Etusivu", "luku-etusivu"),
        ContentsEntry("Ohjelma", "luku-ohjelma", children=(ContentsEntry("Tavoitteet", "luku-ohjelma-tavoitteet"),)),
        # The print page itself is no chapter; a section left without chapters is left out.
        ContentsEntry("Sivustosta", None, children=(ContentsEntry("Kolmas", "luku-kolmas", language="fi"),)),
    ]


def test_a_chapter_that_is_not_a_current_translation_says_so_under_its_title():
    from handbook.reader.print_book import Chapter, combine_chapters
    from handbook.reader.print_hook import chapter_notice

    outdated = chapter_notice({"status": "outdated", "changed": "12 March 2026"}, ENGLISH)
    assert outdated == "The Finnish original of this chapter has changed since it was translated (12 March 2026)."
    assert chapter_notice({"status": "unpinned"}, ENGLISH).startswith("This translation has not yet been checked")
    assert chapter_notice(None, ENGLISH) == ""
    combined = combine_chapters(
        [
            Chapter("ohjelma/", "Programme", '<h1 id="programme">Programme</h1>\n<p>Text.</p>', notice=outdated),
            Chapter("teoria/", "Teoria", "<p>Teksti.</p>", language="fi", notice=chapter_notice({"status": "missing"}, ENGLISH)),
            Chapter("liitteet/", "Appendices", "<h1>Appendices</h1>"),
        ],
        "tulosta/",
    )
    assert '</h1>\n<p class="handbook-chapter-notice" lang="en">The Finnish original of this chapter has changed' in combined
    # A Finnish stand-in chapter: its own title, then the notice in the print's language.
    assert '<section class="handbook-chapter" id="luku-teoria" lang="fi">\n<h1>Teoria</h1>\n<p class="handbook-chapter-notice" lang="en">Not translated yet' in combined
    assert combined.count("handbook-chapter-notice") == 2
    # Every language has every notice.
    assert set(FINNISH["chapter_notices"]) == set(ENGLISH["chapter_notices"]) == {"missing", "outdated", "unpinned", "drifted"}
