"""Finnish search forms without a browser: the hidden base forms of a page and the query table."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from handbook.finnish import Morphology
from handbook.glossary.entries import load_glossary
from handbook.reader.search_forms import TABLE_PATH, Synonyms, add_hidden_forms, coordinated_compounds, forms_table, hidden_forms
from reader_sites import build_reader_site


@pytest.fixture(scope="module")
def morphology() -> Morphology:
    return Morphology()


def test_hidden_forms_hold_what_the_stems_do_not_reach(morphology):
    forms = hidden_forms(["Tapaamisessa", "jengiin", "uskonnollisesta"], morphology)
    assert {"tapaaminen", "uskonnollinen", "uskonto"} <= set(forms)
    # Pagefind already reaches "jengi" from "jengiin" (its stem starts it).
    assert "jengi" not in forms and "jengiin" not in forms


def test_a_coordination_lends_the_first_word_the_end_of_the_second(morphology):
    assert "koulusurma" in coordinated_compounds("Koulu- ja joukkosurmia suunnittelevat", morphology)
    assert "mielenterveyspalvelu" in coordinated_compounds("mielenterveys- ja päihdepalvelujen kanssa", morphology)


def test_a_section_using_one_glossary_wording_holds_the_others(morphology):
    entries = load_glossary(
        "- id: desistance\n  fi: desistanssi\n  en: desistance\n  also:\n    fi: [rikoksista irtautuminen]\n"
        "  fi_definition: x.\n  en_definition: y.\n"
    )
    synonyms = Synonyms(entries, morphology)
    assert {"desistanssi", "rikos", "irtautuminen"} <= synonyms.of(["Rikoksista", "irtautumisesta", "puhutaan"])
    assert synonyms.of(["Rikoksista", "puhutaan"]) == set()


def test_each_section_ends_with_its_hidden_forms_and_headings_keep_their_weight(morphology):
    content = '<h1 id="meetings">Tapaamisten teemat</h1><p>Alku.</p><h2 id="first">Eka</h2><p>Ensimmäisessä tapaamisessa.</p><pre><code>ääriliikkeistä</code></pre>'
    html, words = add_hidden_forms(content, morphology)
    assert '<div hidden id="handbook-forms-1-h7" data-pagefind-weight="7">tapaaminen tavata</div>' in html
    first = html.index('<h2 id="first">')
    assert html.index('<div hidden id="handbook-forms-2">') > first
    assert "ääriliike" not in html, "code is not the reader's text"
    assert sorted(words) == sorted(["Alku", "Tapaamisten", "teemat", "Eka", "Ensimmäisessä", "tapaamisessa"])


def test_the_table_maps_forms_to_the_base_form_the_handbook_uses_most(morphology):
    table = forms_table(["tapaamisessa", "tapaamisten", "jengiin", "kodin", "kotona", "koti"], morphology)
    assert set(table["tapaaminen"].split()) == {"tapaamisessa", "tapaamisten"}
    assert "jengi" not in table  # same stem: Pagefind's own stemming suffices
    assert "kodin" in table.get("koti", "").split()  # not "kota"


def test_the_build_writes_the_table_and_hides_forms_on_finnish_pages_only(tmp_path: Path):
    site = build_reader_site(tmp_path, {"tyo.md": ("# Työ\n\nTapaamisessa puhutaan.\n", "# Work\n\nMeetings are talked about.\n")})
    table = json.loads((site.site_dir / TABLE_PATH).read_text(encoding="utf-8"))
    assert "tapaamisessa" in table["tapaaminen"].split()
    assert 'id="handbook-forms-' in site.html("tyo/index.html")
    assert "handbook-forms" not in site.html("en/tyo/index.html")
    # The Finnish-only page standing in at /en/ is not indexed and gets no forms there.
    assert "handbook-forms" not in site.html("en/kolmas/index.html")
    assert 'data-forms="' in site.html("tyo/index.html") and 'data-forms="' not in site.html("en/tyo/index.html")


def test_the_table_counts_each_word_as_often_as_it_occurs(morphology):
    # The build hands over how often each word occurs (a Counter), not the words one by
    # one. "kodin" is "koti" or "kota"; the three "kodeissa" (only "koti") decide for
    # "koti". Read as distinct words it would be a tie, which the alphabet gives to "kota".
    counted = Counter({"kodin": 1, "kodassa": 1, "kodeissa": 3})
    assert "kodin" in forms_table(counted, morphology)["koti"].split()
    assert forms_table(counted, morphology) == forms_table(list(counted.elements()), morphology)
    assert "kodin" in forms_table(list(counted), morphology)["kota"].split()
