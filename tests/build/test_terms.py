"""The term check: forbidden wordings in any inflection, the English term where the Finnish section
uses the Finnish one, what the reader sees, severities, and the morphology cache across builds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from handbook.document.visible import page_visible_text, visible_text
from handbook.finnish import Morphology, forget_project_morphologies, project_morphology
from handbook.terms import Text, Wording, WordKeys
from handbook_sites import BuiltSite, build_site, write_fixture_site

GLOSSARY = """\
- id: desistance
  fi: desistanssi
  en: desistance
  fi_definition: Rikoksista luopuminen.
  en_definition: Stopping offending.

- id: community-violence
  fi: kodin ulkopuolinen väkivalta
  en: community violence
  also:
    en: [violence outside the home]
  fi_definition: Väkivalta muualla kuin kotona.
  en_definition: Violence outside the home.
  forbidden:
    fi: [yhteisöväkivalta]
"""
ENTRY_LINE = 7  # `- id: community-violence`

FINNISH = """\
---
description: Sivu.
---

# Sivu {#page}

Yhteisöväkivalta on väärä sana, samoin yhteisöväkivallan ja
**yhteisöväkivallasta**; yhteisöväkivaltatyöhön on yhdyssana.

`yhteisöväkivalta` koodissa, <!-- yhteisöväkivalta kommentissa --> ja
[linkki](https://example.org/yhteisöväkivalta) eivät ole lukijan tekstiä: yhteisö väkivalta on kaksi sanaa.

```text
yhteisöväkivalta
```

## Väkivalta {#violence}

Työ koskee kodin ulkopuolista väkivaltaa ja desistanssia.

## Toinen {#other}

Kodin ulkopuolisen väkivallan asiakkaat.

## Kolmas {#third}

Desistanssin tukeminen.
"""

ENGLISH = """\
---
description: A page.
---

# Page {#page}

Nothing forbidden here.

## Violence {#violence}

The work concerns violence outside the home.

## Another {#other}

Clients of this kind.

## Third {#third}

Supporting change.
"""


@pytest.fixture(scope="module")
def morphology() -> Morphology:
    return Morphology()


# --- What the reader sees


def test_visible_text_blanks_markup_and_keeps_every_position():
    source = "Sana `koodi` <!-- piilo --> [teksti](osoite.md){#id} <b>lihava</b> ja\n```\nkoodia\n```\n!!! note \"Otsikko\"\n"
    seen = visible_text(source)
    # Fenced code lines become empty; every other line keeps its length, so columns hold.
    assert seen.count("\n") == source.count("\n")
    assert [len(line) for line in seen.split("\n")] == [len(line) if i not in (1, 2, 3) else 0 for i, line in enumerate(source.split("\n"))]
    assert seen.split() == ["Sana", "teksti", "lihava", "ja", '"Otsikko"']
    assert seen.index("teksti") == source.index("teksti")


def test_front_matter_is_not_read_but_lines_still_count_from_the_file_start():
    text = "---\ndescription: yhteisöväkivalta\n---\n\nTeksti\n"
    seen = page_visible_text(text, 4)
    assert seen.split("\n")[4] == "Teksti" and "yhteisöväkivalta" not in seen


# --- Matching by base form


def test_forbidden_wording_matches_case_forms_and_compounds_with_exact_positions(morphology):
    keys = WordKeys("fi", morphology)
    text = Text(page_visible_text(FINNISH, 4), keys)
    uses = text.uses(Wording.of("yhteisöväkivalta", keys), inside_compounds=True)
    assert [(u.line, u.column, u.written) for u in uses] == [
        (7, 1, "Yhteisöväkivalta"),
        (7, 40, "yhteisöväkivallan"),
        (8, 3, "yhteisöväkivallasta"),
        (8, 26, "yhteisöväkivaltatyöhön"),
    ]


def test_a_term_of_several_words_matches_inflected_and_across_lines_but_not_across_punctuation(morphology):
    keys = WordKeys("fi", morphology)
    term = Wording.of("kodin ulkopuolinen väkivalta", keys)
    assert [u.written for u in Text("Kodin ulkopuolisen\nväkivallan ehkäisy.", keys).uses(term)] == ["Kodin ulkopuolisen väkivallan"]
    assert Text("kodin ulkopuolinen, väkivalta", keys).uses(term) == []


def test_an_unknown_word_matches_its_inflections_by_stem_but_a_compound_is_another_term(morphology):
    keys = WordKeys("fi", morphology)
    term = Wording.of("desistanssi", keys)
    assert [u.written for u in Text("Desistanssin ja desistanssia, ei primaaridesistanssia.", keys).uses(term)] == ["Desistanssin", "desistanssia"]


def test_english_wordings_match_by_stem():
    keys = WordKeys("en", None)
    assert [u.written for u in Text("Violent extremists and extremism.", keys).uses(Wording.of("violent extremist", keys))] == ["Violent extremists"]


# --- In the build


def _site(root: Path, finnish: str = FINNISH, english: str = ENGLISH, **extra) -> Path:
    files = {"docs/fi/index.md": finnish, "docs/en/index.md": english, "data/glossary.yml": GLOSSARY}
    return write_fixture_site(root, files, hooks=["documents.py", "term_check.py"], extra={"glossary": "data/glossary.yml", **extra})


EXPECTED = [
    "handbook: docs/en/index.md:17: section 'third' lacks the glossary's term for 'desistanssi' (docs/fi/index.md:27: 'Desistanssin'); use 'desistance' (data/glossary.yml:1)",
    "handbook: docs/en/index.md:9: section 'violence' lacks the glossary's term for 'desistanssi' (docs/fi/index.md:19: 'desistanssia'); use 'desistance' (data/glossary.yml:1)",
    f"handbook: docs/en/index.md:13: section 'other' lacks the glossary's term for 'kodin ulkopuolinen väkivalta' (docs/fi/index.md:23: 'Kodin ulkopuolisen väkivallan'); "
    f"use 'community violence' or 'violence outside the home' (data/glossary.yml:{ENTRY_LINE})",
    f"handbook: docs/fi/index.md:7:1: 'Yhteisöväkivalta' is not the handbook's term; use 'kodin ulkopuolinen väkivalta' (data/glossary.yml:{ENTRY_LINE})",
    f"handbook: docs/fi/index.md:7:40: 'yhteisöväkivallan' is not the handbook's term; use 'kodin ulkopuolinen väkivalta' (data/glossary.yml:{ENTRY_LINE})",
    f"handbook: docs/fi/index.md:8:3: 'yhteisöväkivallasta' is not the handbook's term; use 'kodin ulkopuolinen väkivalta' (data/glossary.yml:{ENTRY_LINE})",
    f"handbook: docs/fi/index.md:8:26: 'yhteisöväkivaltatyöhön' is not the handbook's term; use 'kodin ulkopuolinen väkivalta' (data/glossary.yml:{ENTRY_LINE})",
]


def _term_lines(site: BuiltSite) -> list[str]:
    return [line for line in site.warnings() if "term" in line]


def test_the_build_reports_every_forbidden_use_and_missing_term_once_sorted(tmp_path: Path):
    site = build_site(_site(tmp_path), tmp_path / "site")
    assert site.aborted
    assert _term_lines(site) == sorted(EXPECTED, key=lambda line: (line.split(":")[1], int(line.split(":")[2])))


def test_an_accepted_variant_or_a_draft_translation_satisfies_the_check(tmp_path: Path):
    english = ENGLISH.replace("Clients of this kind.", "Clients of community violence.").replace("Supporting change.", "Supporting desistance.")
    finnish = FINNISH.split("Yhteisöväkivalta on")[0] + "Teksti.\n\n## Väkivalta {#violence}\n\nKodin ulkopuolista väkivaltaa.\n"
    site = build_site(_site(tmp_path / "a", finnish, english), tmp_path / "a" / "site")
    assert not site.aborted and _term_lines(site) == [], site.log
    draft = ENGLISH.replace("description: A page.", "description: A page.\ntranslation: draft")
    site = build_site(_site(tmp_path / "b", FINNISH.replace("Yhteisöväkivalta", "Väkivalta").replace("yhteisöväkivalta", "väkivalta"), draft), tmp_path / "b" / "site", strict=False)
    assert not [line for line in site.log if "lacks the glossary's term" in line], site.log


def test_severity_comes_from_extra_term_check(tmp_path: Path):
    config = _site(tmp_path, term_check={"severity": {"forbidden-term": "info", "missing-term": "ignore"}})
    site = build_site(config, tmp_path / "site")
    assert not site.aborted, site.log
    assert [line for line in site.infos() if "term" in line] == [line for line in sorted(EXPECTED, key=lambda line: (line.split(":")[1], int(line.split(":")[2]))) if "is not the handbook's term" in line]
    assert not [line for line in site.log if "lacks the glossary's term" in line]


def test_an_unknown_severity_kind_stops_the_build_with_one_clean_line(tmp_path: Path):
    site = build_site(_site(tmp_path, term_check={"severity": {"forbiden-term": "info"}}), tmp_path / "site")
    assert site.aborted
    errors = [line for line in site.log if line.startswith("ERROR:")]
    assert errors == ["ERROR:mkdocs.yml: extra.term_check.severity: unknown kind 'forbiden-term' (known: forbidden-term, missing-term, glossary-conflict)"], site.log


def test_a_forbidden_wording_in_a_definition_or_inside_an_accepted_term_is_reported_on_the_entry(tmp_path: Path):
    config = _site(tmp_path, FINNISH.split("Yhteisöväkivalta on")[0], ENGLISH.split("Nothing")[0])
    glossary = tmp_path / "data" / "glossary.yml"
    text = glossary.read_text(encoding="utf-8").replace("Rikoksista luopuminen.", "Yhteisöväkivallasta luopuminen.")
    glossary.write_text(text.replace("fi: [yhteisöväkivalta]", "fi: [yhteisöväkivalta, väkivalta]"), encoding="utf-8")
    site = build_site(config, tmp_path / "site")
    assert [line for line in site.warnings() if "glossary.yml" in line.split(":")[1]] == [
        "handbook: data/glossary.yml:1: 'Yhteisöväkivallasta' is not the handbook's term; use 'kodin ulkopuolinen väkivalta' (data/glossary.yml:7)",
        # The entry's own definition says "Väkivalta muualla kuin kotona".
        "handbook: data/glossary.yml:7: 'Väkivalta' is not the handbook's term; use 'kodin ulkopuolinen väkivalta' (data/glossary.yml:7)",
        f"handbook: data/glossary.yml:{ENTRY_LINE}: 'kodin ulkopuolinen väkivalta' of entry 'community-violence' contains the forbidden wording 'väkivalta' of entry 'community-violence' (line {ENTRY_LINE})",
    ]


def test_a_second_build_analyses_no_word_again(tmp_path: Path):
    config = _site(tmp_path)
    forget_project_morphologies()
    build_site(config, tmp_path / "one")
    first = project_morphology(tmp_path)
    assert first.calls > 20 and (tmp_path / ".cache" / "handbook" / "finnish-words.json").is_file()
    # A new process would start from the disk cache alone: forget what this one remembers.
    forget_project_morphologies()
    second_site = build_site(config, tmp_path / "two")
    assert project_morphology(tmp_path).calls == 0
    assert _term_lines(second_site) == _term_lines(build_site(config, tmp_path / "three"))


def test_the_real_handbook_has_no_term_finding(handbook_site: BuiltSite):
    assert not [line for line in handbook_site.log if "is not the handbook's term" in line or "lacks the glossary's term" in line or "contains the forbidden wording" in line]


def test_a_finnish_wording_quoted_in_the_translation_is_not_a_missing_term(tmp_path: Path):
    # A Finnish title cited on an English page keeps its Finnish words, marked lang="fi".
    english = ENGLISH.replace("Supporting change.", 'The thesis <span lang="fi">*Desistanssin tukeminen*</span>.')
    site = build_site(_site(tmp_path, english=english), tmp_path / "site", strict=False)
    lines = _term_lines(site)
    assert not [line for line in lines if "section 'third'" in line], lines
    assert [line for line in lines if "section 'violence'" in line]  # the other sections still count


def test_the_translation_status_pages_list_the_missing_terms_in_their_language(tmp_path: Path):
    files = {
        "docs/fi/index.md": FINNISH,
        "docs/en/index.md": ENGLISH,
        "docs/fi/kaannostilanne.md": "# Käännöstilanne {#status}\n\n<!-- translation-status -->\n",
        "docs/en/kaannostilanne.md": "# Translation status {#status}\n\n<!-- translation-status -->\n",
        "data/glossary.yml": GLOSSARY,
    }
    config = write_fixture_site(
        tmp_path,
        files,
        hooks=["documents.py", "term_check.py", "translation_track.py"],
        extra={"glossary": "data/glossary.yml", "translation_track": {"status_page": "kaannostilanne.md"}},
    )
    site = build_site(config, tmp_path / "site", strict=False)
    finnish, english = site.html("kaannostilanne/index.html"), site.html("en/kaannostilanne/index.html")
    assert "Englanninkieliset osiot, joista puuttuu suomenkielisen osion sanastotermi (3):" in finnish
    assert "English sections lacking the glossary term their Finnish section uses (3):" in english
    assert '<li><a href="../">Page</a> · <code>docs/en/index.md:13</code>: ' in english
    item = re.search(r"<code>docs/en/index\.md:13</code>: (.*?)</li>", english).group(1)
    assert item == (
        'section <code>other</code>: Finnish <span lang="fi">Kodin ulkopuolisen väkivallan</span> (<code>docs/fi/index.md:23</code>), '
        'in English <span lang="en">community violence</span> or <span lang="en">violence outside the home</span>'
    )
    assert '<code>docs/en/index.md:9</code>: osio <code>violence</code>: suomeksi <span lang="fi">desistanssia</span>' in finnish


def test_only_what_the_rendered_page_shows_counts_and_a_snippets_words_are_found_at_the_include(tmp_path: Path):
    # The source masking does not know an indented code block; the rendering does. A
    # snippet's words reach readers though the page's source does not hold them.
    finnish = (
        "# Sivu {#page}\n\nTeksti.\n\n"
        "    yhteisöväkivalta koodina\n\n"
        "Kappale: yhteisöväkivallasta puhutaan.\n\n"
        '--8<-- "huomio.md"\n'
    )
    files = {
        "docs/fi/index.md": finnish,
        "docs/en/index.md": "# Page {#page}\n\nText.\n",
        "data/glossary.yml": GLOSSARY,
        "snippets/huomio.md": "Huomio: yhteisöväkivalta ei ole käsikirjan sana.\n",
    }
    extensions = ["attr_list", "md_in_html", "admonition", {"toc": {"permalink": True}}, {"pymdownx.snippets": {"base_path": [str(tmp_path / "snippets")]}}]
    config = write_fixture_site(tmp_path, files, hooks=["documents.py", "term_check.py"], extra={"glossary": "data/glossary.yml"}, markdown_extensions=extensions)
    site = build_site(config, tmp_path / "site", strict=False)
    forbidden = [line for line in site.warnings() if "is not the handbook's term" in line]
    assert forbidden == [
        f"handbook: docs/fi/index.md:7:10: 'yhteisöväkivallasta' is not the handbook's term; use 'kodin ulkopuolinen väkivalta' (data/glossary.yml:{ENTRY_LINE})",
        f"handbook: docs/fi/index.md:9:1: 'yhteisöväkivalta' is not the handbook's term (in text the page includes); use 'kodin ulkopuolinen väkivalta' (data/glossary.yml:{ENTRY_LINE})",
    ], site.log
