"""Glossary links (handbook.glossary.term_links): where the first use of a term gets its link."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from handbook.core.settings import SettingsError
from handbook.core.site_settings import read_site_settings
from handbook.finnish import Morphology
from handbook.glossary.entries import load_glossary
from handbook.glossary.links_hook import links_enabled
from handbook.glossary.term_links import Glossary, link_terms
from handbook.terms.matching import WordKeys

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
