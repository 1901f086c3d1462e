"""What changed in an edition: sections compared as readers see them, the previous edition
chosen at publish, the records each edition carries, and the list in the reader's words."""

from __future__ import annotations

import pytest

from handbook.document.source import parse_document
from handbook.editions import changes, records
from handbook.translation.rendering import MarkdownSettings, Renderer
from handbook.words import load

RENDERER = Renderer(MarkdownSettings(extensions=["toc", "attr_list"]))

PAGE = """# Tavoitteet {#goals}

Johdanto.

## Väkivallan lopettaminen {#stopping}

Väkivalta loppuu.

### Keinot {#means}

Keskustelu.

#### Esimerkki

Kysymys.

## Ilman tunnistetta

Teksti.
"""


def rendered(text: str, path: str = "ohjelma/tavoitteet.md"):
    return RENDERER.page(parse_document(text, f"docs/fi/{path}"), path)


def test_sections_are_the_opening_and_each_h2_and_h3_with_their_subsections():
    sections = changes.sections_of(rendered(PAGE))
    assert [(s.key, s.anchor, s.title) for s in sections] == [
        (changes.OPENING, None, ""),
        ("stopping", "stopping", "Väkivallan lopettaminen"),
        ("means", "means", "Keinot"),
        ("title:Ilman tunnistetta", None, "Ilman tunnistetta"),
    ]


def test_an_edit_in_an_h4_changes_its_h3_and_nothing_else():
    edited = changes.section_changes(rendered(PAGE), rendered(PAGE.replace("Kysymys.", "Toinen kysymys.")))
    assert edited == (changes.SectionChange(changes.CHANGED, "means", "means", "Keinot"),)


def test_rewrapping_a_paragraph_changes_nothing():
    rewrapped = PAGE.replace("Väkivalta loppuu.", "Väkivalta\nloppuu.")
    assert changes.page_change("ohjelma/tavoitteet.md", rendered(PAGE), rendered(rewrapped)) is None


def test_added_removed_and_renamed_sections():
    new = PAGE.replace("## Ilman tunnistetta\n\nTeksti.\n", "## Uusi osio {#new}\n\nUutta.\n").replace(
        "Väkivallan lopettaminen {#stopping}", "Lopettaminen {#stopping}"
    )
    change = changes.page_change("ohjelma/tavoitteet.md", rendered(PAGE), rendered(new), "Tavoitteet", "Tavoitteet")
    assert change.kind == changes.CHANGED
    assert [(s.kind, s.key, s.title) for s in change.sections] == [
        (changes.CHANGED, "stopping", "Lopettaminen"),
        (changes.ADDED, "new", "Uusi osio"),
        (changes.REMOVED, "title:Ilman tunnistetta", "Ilman tunnistetta"),
    ]


def test_page_title_comes_from_front_matter_then_the_h1():
    assert changes.page_title(rendered(PAGE)) == "Tavoitteet"
    assert changes.page_title(rendered(PAGE), "Oma otsikko") == "Oma otsikko"
    assert changes.page_title(rendered("Teksti.\n", "x/ilman.md")) == "ilman.md"


# --- The list


def _compared() -> changes.EditionChanges:
    sections = (
        changes.SectionChange(changes.CHANGED, "stopping", "stopping", "Lopettaminen"),
        changes.SectionChange(changes.REMOVED, "old", None, "Vanha"),
        changes.SectionChange(changes.CHANGED, changes.OPENING, None, ""),
    )
    pages = [
        changes.PageChange(changes.REMOVED, "teoria/vanha.md", "Vanha sivu"),
        changes.PageChange(changes.ADDED, "teoria/uusi.md", "Uusi_sivu"),
        changes.PageChange(changes.CHANGED, "ohjelma/tavoitteet.md", "Tavoitteet", sections),
    ]
    return changes.EditionChanges(changes.COMPARED, "2021", "2021-05-26", {"fi": pages, "en": []})


def test_the_list_links_what_this_edition_has_relative_to_the_changes_page():
    words = load("editions")["fi"]
    text = changes.changes_markdown(
        _compared(), "fi", words, here="sivusto/muutokset.md", linkable={"teoria/uusi.md", "ohjelma/tavoitteet.md", "teoria/vanha.md"}, published="26.5.2021"
    )
    assert text.splitlines() == [
        "Edellinen painos on 2021, julkaistu 26.5.2021.",
        "",
        "## Muuttuneet sivut {#pages-changed}",
        "",
        "- [Tavoitteet](../ohjelma/tavoitteet.md) (`ohjelma/tavoitteet.md`)",
        "    - Muuttunut osio: [Lopettaminen](../ohjelma/tavoitteet.md#stopping)",
        "    - Poistettu osio: Vanha",
        "    - Muuttunut osio: sivun alku",
        "",
        "## Uudet sivut {#pages-added}",
        "",
        "- [Uusi\\_sivu](../teoria/uusi.md) (`teoria/uusi.md`)",
        "",
        "## Poistetut sivut {#pages-removed}",
        "",
        "- Vanha sivu (`teoria/vanha.md`)",
    ]


def test_no_change_and_no_comparison_are_said_in_the_readers_language():
    english = load("editions")["en"]
    compared = changes.changes_markdown(_compared(), "en", english, here="muutokset.md", linkable=set(), published=None)
    assert compared == "The previous edition is 2021.\n\nThe text of the pages has not changed since edition 2021.\n"
    first = changes.changes_markdown(changes.EditionChanges(changes.FIRST_EDITION), "en", english, here="muutokset.md", linkable=set(), published=None)
    assert first == "This is the first edition of the handbook. There is no earlier edition, so no changes are listed.\n"
    shallow = changes.EditionChanges(changes.NO_HISTORY, "2021")
    assert "painokseen 2021 asti" in changes.changes_markdown(shallow, "fi", load("editions")["fi"], here="muutokset.md", linkable=set(), published=None)


# --- Records and the previous edition


VERSIONS = [{"version": "dev", "aliases": []}, {"version": "2026", "aliases": ["latest"]}, {"version": "2021", "aliases": []}]


def test_a_new_edition_is_compared_with_the_current_one():
    assert records.previous_edition("2027", VERSIONS, {}, "latest") == "2026"
    assert records.previous_edition("dev", VERSIONS, {}, "latest") == "2026"


def test_a_preview_built_on_the_current_edition_follows_it():
    recorded = {"dev": records.EditionRecord("dev", "d" * 40, None, "2021"), "2026": records.EditionRecord("2026", "a" * 40, None, "2021")}
    built_on = {"a" * 40}.__contains__
    assert records.previous_edition("dev", VERSIONS, recorded, "latest", built_on) == "2026"
    # A correction of an older edition made on its own branch is not built on the current one.
    assert records.previous_edition("dev", VERSIONS, recorded, "latest") == "2021"


def test_publishing_an_edition_again_keeps_its_first_comparison():
    recorded = {"2026": records.EditionRecord("2026", "a" * 40, "2026-01-01", "2021"), "2021": records.EditionRecord("2021", "b" * 40)}
    assert records.previous_edition("2026", VERSIONS, recorded, "latest") == "2021"
    first = {"2021": records.EditionRecord("2021", "b" * 40, None, None)}
    assert records.previous_edition("2021", VERSIONS, first, "latest") is None


def test_without_a_current_edition_the_newest_other_one_is_previous():
    assert records.previous_edition("2026", [{"version": "2026", "aliases": ["latest"]}, {"version": "2021"}], {}, "latest") == "2021"
    assert records.previous_edition("2021", [], {}, "latest") is None


def test_records_round_trip_and_bad_ones_name_where_they_come_from():
    record = records.EditionRecord("2026", "c" * 40, "2026-12-05", "2021")
    assert records.record_from_json(record.to_json(), "x") == record
    assert records.record_from_json("null", "x") is None
    with pytest.raises(records.RecordError, match=r"^HANDBOOK_PREVIOUS_EDITION: not JSON \(Expecting property name enclosed in double quotes at line 1\)$"):
        records.record_from_json("{version: 2021}", "HANDBOOK_PREVIOUS_EDITION")
    with pytest.raises(records.RecordError, match="expected an object with the strings 'version' and 'source'"):
        records.record_from_json('{"version": 2021}', "gh-pages:2021/edition.json")
