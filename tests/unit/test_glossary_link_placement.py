"""Glossary links (handbook.glossary.term_links): where the first use of a term gets its link."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from handbook.core.settings import SettingsError
from handbook.core.site_settings import read_site_settings
from handbook.finnish import Morphology
from handbook.glossary.entries import load_glossary
from handbook.glossary.links_hook import links_enabled
from handbook.glossary.term_links import VOID, Glossary, link_terms
from handbook.terms.matching import Text, Wording, WordKeys

ENTRIES = load_glossary(
    """\
- id: meeting
  fi: tapaaminen
  en: meeting
  fi_definition: Työntekijän ja asiakkaan keskustelu.
  en_definition: A conversation of a worker & a client.
- id: desistance
  fi: desistanssi
  en: desistance
  also:
    fi: [rikoksista irtautuminen]
  fi_definition: Rikoksista irtautumisen prosessi.
  en_definition: The process of leaving crime behind.
- id: disengagement
  fi: irtautuminen
  en: disengagement
  fi_definition: Ryhmästä lähteminen.
  en_definition: Leaving a group.
"""
)
FINNISH = Glossary(ENTRIES, "fi", "../liitteet/sanasto/")
LINK = re.compile(r'<a class="handbook-term__link" href="([^"]+)"[^>]*>(.*?)</a>')


@pytest.fixture(scope="module")
def finnish() -> WordKeys:
    return WordKeys("fi", Morphology())


def linked(html: str) -> list[tuple[str, str]]:
    return LINK.findall(html)


def test_the_first_use_in_running_text_links_in_any_inflection_and_only_once(finnish):
    page = '<h2 id="tapaamiset">Tapaaminen</h2>\n<p>Ennen <code>tapaaminen</code> ensimmäisessä tapaamisessa kysytään. Toisessa tapaamisessa ei.</p>'
    html = link_terms(page, FINNISH, finnish)
    assert linked(html) == [("../liitteet/sanasto/#term-meeting", "tapaamisessa")]
    assert html.startswith('<h2 id="tapaamiset">Tapaaminen</h2>\n<p>Ennen <code>tapaaminen</code> ensimmäisessä <span class="handbook-term">')
    assert html.endswith("Toisessa tapaamisessa ei.</p>")
    # The definition is the link's description, in a tooltip hidden until hover or focus.
    assert (
        '<a class="handbook-term__link" href="../liitteet/sanasto/#term-meeting" aria-describedby="handbook-term-tip-meeting">tapaamisessa</a>'
        '<span class="handbook-term__tip" id="handbook-term-tip-meeting" role="tooltip" hidden data-pagefind-ignore>'
        "Työntekijän ja asiakkaan keskustelu.</span></span>"
    ) in html


def test_links_code_abbreviations_hidden_text_and_titles_keep_their_terms(finnish):
    page = (
        '<p><a href="x/">tapaamisessa</a> <abbr title="tapaaminen">TP</abbr> <kbd>tapaaminen</kbd></p>\n'
        '<div class="admonition note"><p class="admonition-title">Tapaaminen</p><p>Tapaamiset <em>alkavat</em>.</p></div>\n'
        '<div hidden id="handbook-forms-0">tapaaminen</div><pre><code>tapaaminen</code></pre>'
    )
    html = link_terms(page, FINNISH, finnish)
    assert linked(html) == [("../liitteet/sanasto/#term-meeting", "Tapaamiset")]
    assert '<a href="x/">tapaamisessa</a> <abbr title="tapaaminen">TP</abbr>' in html
    assert '<p class="admonition-title">Tapaaminen</p>' in html and '<div hidden id="handbook-forms-0">tapaaminen</div>' in html


def test_a_use_inside_a_longer_term_belongs_to_the_longer_one(finnish):
    page = "<p>Rikoksista irtautuminen vie aikaa.</p><p>Ryhmästä irtautuminen on toinen asia.</p>"
    html = link_terms(page, FINNISH, finnish)
    assert linked(html) == [("../liitteet/sanasto/#term-desistance", "Rikoksista irtautuminen"), ("../liitteet/sanasto/#term-disengagement", "irtautuminen")]


def test_character_references_stay_as_written_and_english_matches_by_stem():
    english = Glossary(ENTRIES, "en", "../../liitteet/sanasto/")
    html = link_terms("<p>Tom &amp; Meetings &lt;b&gt; and a meeting.</p>", english, WordKeys("en", None))
    assert linked(html) == [("../../liitteet/sanasto/#term-meeting", "Meetings")]
    assert html.startswith("<p>Tom &amp; <span") and "</span></span> &lt;b&gt; and a meeting.</p>" in html
    assert "A conversation of a worker &amp; a client." in html


def test_an_english_word_of_the_terms_stem_but_another_word_is_not_the_term():
    # Snowball gives `meet` for `meeting`: "we meet the client" is not the meeting entry.
    english = Glossary(ENTRIES, "en", "../../liitteet/sanasto/")
    html = link_terms("<p>We meet the client. The first meetings are short.</p>", english, WordKeys("en", None))
    assert linked(html) == [("../../liitteet/sanasto/#term-meeting", "meetings")]


def test_a_page_in_another_language_than_its_glossary_marks_the_link(finnish):
    stand_in = Glossary(ENTRIES, "fi", "../../liitteet/sanasto/", hreflang="fi")
    assert ' hreflang="fi" aria-describedby=' in link_terms("<p>Desistanssi.</p>", stand_in, finnish)


def test_the_switch_is_on_unless_false_and_a_wrong_value_is_one_located_line(tmp_path: Path):
    assert links_enabled({}) and links_enabled({"glossary_links": True}) and not links_enabled({"glossary_links": False})
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nextra:\n  glossary: data/glossary.yml\n  glossary_links: maybe\n", encoding="utf-8")
    with pytest.raises(SettingsError) as raised:
        read_site_settings({"glossary": "data/glossary.yml", "glossary_links": "maybe"}, config)
    assert str(raised.value) == "mkdocs.yml:4: extra.glossary_links: 'maybe' is not a switch (write true or false)"
    assert read_site_settings({"glossary_links": False}, config).glossary_links is False


# --- Hostile pages: HTML as Markdown, pymdown-extensions and Material render it.

ENGLISH = Glossary(ENTRIES, "en", "../glossary/")
_ADDED = re.compile(r'<span class="handbook-term"><a class="handbook-term__link"[^>]*>(.*?)</a><span class="handbook-term__tip"[^>]*>.*?</span></span>')


class _Balance(HTMLParser):
    """Whether every element closes in the order it opened (the fragments here close all theirs)."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.wrong: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if not self.open or self.open.pop() != tag:
            self.wrong.append(tag)


def linked_safely(page: str, glossary: Glossary, keys: WordKeys) -> list[tuple[str, str]]:
    """The links added; asserts the HTML stays balanced and reads as before apart from the links."""
    html = link_terms(page, glossary, keys)
    assert _ADDED.sub(r"\1", html) == page
    balance = _Balance()
    balance.feed(html)
    balance.close()
    assert balance.open == [] and balance.wrong == []
    return [written for _, written in linked(html)]


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        # A footnote is running text; its reference and back link are links.
        (
            '<p>Teksti<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>.</p>\n<div class="footnote">\n<hr />\n<ol>\n'
            '<li id="fn:1">\n<p>Tapaamisessa sovitaan.&#160;<a class="footnote-backref" href="#fnref:1" title="Jump back to footnote 1 in the text">&#8617;</a></p>\n'
            "</li>\n</ol>\n</div>",
            ["Tapaamisessa"],
        ),
        ("<dl>\n<dt>Tapaaminen</dt>\n<dd>Tapaamisessa sovitaan.</dd>\n</dl>", ["Tapaaminen"]),
        ("<table>\n<thead>\n<tr>\n<th>Vaihe</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>tapaamisessa</td>\n</tr>\n</tbody>\n</table>", ["tapaamisessa"]),
        ('<details class="note">\n<summary>Tapaaminen</summary>\n<p>Tapaamisessa.</p>\n</details>', ["Tapaamisessa"]),
        ('<details class="tip" open="open">\n<summary>Tapaamisen <em>ohje</em></summary>\n<p>Tapaaminen alkaa.</p>\n</details>', ["Tapaaminen"]),
        ('<div class="admonition tip">\n<p class="admonition-title">Tapaaminen</p>\n<p>Tapaaminen alkaa.</p>\n</div>', ["Tapaaminen"]),
        # A content tab's label is a form label; the tab's text is running text.
        (
            '<div class="tabbed-set tabbed-alternate" data-tabs="1:2"><input checked="checked" id="__tabbed_1_1" name="__tabbed_1" type="radio" />'
            '<input id="__tabbed_1_2" name="__tabbed_1" type="radio" /><div class="tabbed-labels"><label for="__tabbed_1_1">Tapaaminen</label>'
            '<label for="__tabbed_1_2">Muu</label></div>\n<div class="tabbed-content">\n<div class="tabbed-block">\n<p>Tapaamisessa.</p>\n</div>\n</div>\n</div>',
            ["Tapaamisessa"],
        ),
        # Attributes (alt, title) are never touched; a caption is running text.
        ('<figure><img alt="Tapaaminen" src="a.png" title="tapaaminen" /><figcaption>Tapaaminen kuvassa</figcaption></figure>', ["Tapaaminen"]),
        ('<p><a href="x/" title="tapaaminen">linkki</a> ja tapaaminen.</p>', ["tapaaminen"]),
        ('<h2 id="tapaaminen">Tapaaminen<a class="headerlink" href="#tapaaminen" title="Permanent link">&para;</a></h2>\n<p>Tapaaminen.</p>', ["Tapaaminen"]),
        # A no-break space joins the words of a wording as a space does.
        ("<p>Rikoksista&nbsp;irtautuminen vie aikaa.</p>", ["Rikoksista&nbsp;irtautuminen"]),
        ("<p>Rikoksista\xa0irtautuminen vie aikaa.</p>", ["Rikoksista\xa0irtautuminen"]),
        # A soft hyphen is invisible: the word is read, and linked, as written.
        ("<p>Tapaa&shy;misessa sovitaan.</p>", ["Tapaa&shy;misessa"]),
        ("<p>Tapaa\xadmisessa sovitaan.</p>", ["Tapaa\xadmisessa"]),
        ("<p>Tapaaminen</p>", ["Tapaaminen"]),
        ("<p>Se on tapaaminen</p>", ["tapaaminen"]),
        ("<p>Tapaaminen ja tapaaminen.</p>", ["Tapaaminen"]),
        ('<p><!-- tapaaminen --> <span class="twemoji"><svg viewBox="0 0 24 24"><path d="M1"></path></svg></span>tapaaminen<sup>2</sup></p>', ["tapaaminen"]),
        ("<p>x</p>\r\n<p>tapaaminen</p>", ["tapaaminen"]),
        ("<script>if (a<b) {}</script><p>tapaaminen</p>", ["tapaaminen"]),
        # A longer term split by emphasis is still the longer term: its part is not linked
        # to the shorter term's entry, and the term's next use gets the link.
        ("<p><em>Rikoksista</em> irtautuminen vie aikaa. Rikoksista irtautuminen.</p>", ["Rikoksista irtautuminen"]),
        ("<p>Rikoksista <strong>irtautuminen</strong> vie aikaa.</p>", []),
        # Block boundaries and links do not join words.
        ("<p>Rikoksista</p>\n<p>irtautuminen</p>", ["irtautuminen"]),
    ],
)
def test_realistic_pages_link_the_first_use_in_running_text_and_read_unchanged(finnish, page, expected):
    assert linked_safely(page, FINNISH, finnish) == expected


def test_english_pages_link_english_uses_beside_finnish_quotes():
    english = WordKeys("en", None)
    page = '<p>The meeting (<span lang="fi">tapaaminen</span>); in Finnish <span lang="fi">desistanssi</span>, desistance.</p>'
    assert linked_safely(page, ENGLISH, english) == ["meeting", "desistance"]
    # A longer term is the longer term's use, its inner words are not linked a second time.
    assert linked_safely("<p>Primary desistance differs from desistance.</p>", ENGLISH, english) == ["desistance"]


def test_a_soft_hyphen_is_not_in_the_term_checks_written_use(finnish):
    text = Text("Tapaa\xadmisessa ja desis\xadtanssin.", finnish)
    uses = text.uses_any([Wording.of("tapaaminen", finnish), Wording.of("desistanssi", finnish)])
    assert [use.written for use in uses] == ["Tapaamisessa", "desistanssin"]


def test_english_stems_keep_apart_words_of_other_stems():
    supervision = load_glossary(
        "- id: supervision\n  fi: työnohjaus\n  en: supervision\n  fi_definition: Ohjaus.\n  en_definition: Guidance of the work.\n"
    )
    glossary = Glossary(supervision, "en", "../glossary/")
    page = "<p>The supervisor plans <em>super</em>vision. Supervisions help.</p>"
    # `supervisor` is another word; `<em>super</em>vision` reads as one word across the tags.
    assert linked_safely(page, glossary, WordKeys("en", None)) == ["Supervisions"]
