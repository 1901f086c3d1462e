"""The glossary data file, its validation messages and its rendering (its wordings in the pages: tests/build/test_terms.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.config import load_config

from handbook.glossary import entries as handbook_glossary
from handbook.glossary.entries import GlossaryError, load_glossary
from handbook_sites import REPO_ROOT, build_site, write_fixture_site

# Every row of the term table the handbook's facts rest on, plus terms the pages use.
REQUIRED_IDS = {
    "desistance", "primary-desistance", "secondary-desistance", "labelling-theory",
    "social-constructionism", "dialogical-approach", "reflective-discussion",
    "community-violence", "impulsive-violence", "instrumental-violence", "disengagement",
    "deradicalisation", "violent-extremism", "violent-radicalisation", "exit-work",
    "psychosocial-support", "social-guidance", "recidivism", "prison-and-probation-service",
    "national-bureau-of-investigation", "one-to-one-work", "impartiality", "planned-violence",
    "organised-crime",
}

GOOD_ENTRY = """\
- id: desistance
  fi: desistanssi
  en: desistance
  fi_definition: Rikoksista luopuminen.
  en_definition: Stopping offending.
"""


def _real_entries():
    return load_glossary((REPO_ROOT / "data" / "glossary.yml").read_text(encoding="utf-8"))


def _problems(text: str) -> list[str]:
    with pytest.raises(GlossaryError) as raised:
        load_glossary(text, "data/glossary.yml")
    return raised.value.problems


# --- The real data file


def test_real_glossary_is_valid_and_covers_every_term():
    entries = _real_entries()
    assert REQUIRED_IDS <= {entry.id for entry in entries}


def test_real_glossary_forbids_yhteisovakivalta_and_marks_uncertain_terms():
    entries = {entry.id: entry for entry in _real_entries()}
    assert entries["community-violence"].terms["fi"] == "kodin ulkopuolinen väkivalta"
    assert "yhteisöväkivalta" in entries["community-violence"].forbidden["fi"]
    assert entries["labelling-theory"].uncertain == ("fi",)


def test_real_config_names_the_glossary_file():
    config = load_config(str(REPO_ROOT / "mkdocs.yml"))
    assert config.extra["glossary"] == "data/glossary.yml"
    assert (REPO_ROOT / config.extra["glossary"]).is_file()


# --- Validation messages: one `path:line: message` per problem


def test_missing_field_names_the_entry_line():
    text = GOOD_ENTRY + "- id: recidivism\n  fi: uusintarikollisuus\n  en: recidivism\n  fi_definition: Uusi rikos.\n"
    assert _problems(text) == ["data/glossary.yml:6: entry 'recidivism' has no 'en_definition'"]


def test_duplicate_id_names_both_lines():
    assert _problems(GOOD_ENTRY + GOOD_ENTRY) == ["data/glossary.yml:6: duplicate id 'desistance' (first used at line 1)"]


def test_unknown_key_suggests_the_close_one():
    text = GOOD_ENTRY + "  forbiden:\n    fi: [x]\n"
    assert _problems(text) == ["data/glossary.yml:6: unknown key 'forbiden'; did you mean 'forbidden'?"]


def test_not_yaml_names_the_line():
    text = GOOD_ENTRY + "- id: [unclosed\n  fi: x\n"
    problems = _problems(text)
    assert len(problems) == 1
    assert re.fullmatch(r"data/glossary\.yml:(6|7): not valid YAML: .+", problems[0]), problems


def test_key_twice_and_bad_id_and_empty_text():
    text = GOOD_ENTRY.replace("  en: desistance\n", "  en: desistance\n  en: again\n").replace("id: desistance", "id: Desistance") + "- id: x\n  fi: ''\n  en: x\n  fi_definition: x\n  en_definition: x\n"
    assert _problems(text) == [
        "data/glossary.yml:4: key 'en' appears twice in one entry",
        "data/glossary.yml:1: id 'Desistance' must be lowercase ASCII words joined by hyphens, e.g. 'primary-desistance'",
        "data/glossary.yml:8: 'fi' of entry 'x' must be non-empty text",
    ]


def test_top_level_must_be_a_list():
    assert _problems("id: desistance\n") == ["data/glossary.yml:1: expected a list of entries, one '- id: ...' each"]


def test_forbidden_must_name_a_language():
    text = GOOD_ENTRY + "  forbidden:\n    sv: [x]\n"
    assert _problems(text) == ["data/glossary.yml:7: 'forbidden' of entry 'desistance' names an unknown language 'sv' (expected fi or en)"]


# --- Rendering


def test_finnish_order_puts_a_umlaut_after_z():
    terms = ["ääni", "zeta", "aalto", "öljy", "Exit-työ"]
    assert sorted(terms, key=lambda t: handbook_glossary.sort_key(t, "fi")) == ["aalto", "Exit-työ", "zeta", "ääni", "öljy"]


def test_rendered_entry_has_anchor_other_language_span_and_uncertainty():
    entries = load_glossary(GOOD_ENTRY + "  uncertain: [fi]\n  also:\n    en: [leaving crime]\n")
    finnish = handbook_glossary.render_entries(entries, "fi")
    assert finnish.startswith("## desistanssi {#term-desistance}\n")
    assert 'Englanniksi: <span lang="en">desistance</span> (myös <span lang="en">leaving crime</span>)' in finnish
    assert "Suomenkielinen termi ei ole vakiintunut." in finnish
    english = handbook_glossary.render_entries(entries, "en")
    assert english.startswith("## desistance {#term-desistance}\n")
    assert 'In Finnish: <span lang="fi">desistanssi</span>' in english
    assert "Also: leaving crime." in english


def test_marker_line_is_replaced_and_the_rest_kept():
    entries = load_glossary(GOOD_ENTRY)
    page = "# Sanasto {#glossary}\n\nJohdanto.\n\n<!-- glossary -->\n\nLoppu.\n"
    assert handbook_glossary.marker_line(page) == 5
    rendered = handbook_glossary.insert_entries(page, entries, "fi")
    assert rendered.startswith("# Sanasto {#glossary}\n\nJohdanto.\n\n## desistanssi {#term-desistance}\n")
    assert rendered.endswith("\n\nLoppu.\n") and "<!-- glossary -->" not in rendered
    assert handbook_glossary.insert_entries("Ei merkkiä: `<!-- glossary -->`.\n", entries, "fi") == "Ei merkkiä: `<!-- glossary -->`.\n"


# --- The hook on fixture sites

_GLOSSARY = GOOD_ENTRY + """\
- id: organised-crime
  fi: järjestäytynyt rikollisuus
  en: organised crime
  fi_definition: Ryhmän suunnitelmallinen rikollisuus.
  en_definition: Planned crime by a group.
"""
_PAGES = {
    "docs/fi/index.md": "# Koti\n",
    "docs/en/index.md": "# Home\n",
    "docs/fi/sanasto.md": "# Sanasto {#glossary}\n\nJohdanto.\n\n<!-- glossary -->\n",
    "docs/en/sanasto.md": "# Glossary {#glossary}\n\nIntroduction.\n\n<!-- glossary -->\n",
}


def _glossary_site(root: Path, glossary: str = _GLOSSARY) -> Path:
    return write_fixture_site(root, {**_PAGES, "data/glossary.yml": glossary}, hooks=["glossary.py"], extra={"glossary": "data/glossary.yml"})


def _built_pages(site_dir: Path) -> dict[str, str]:
    return {p.relative_to(site_dir).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site_dir.rglob("sanasto/index.html"))}


def test_hook_renders_both_languages_identically_twice_in_one_process(tmp_path: Path, monkeypatch):
    config_file = _glossary_site(tmp_path / "project")
    # The data file is found from mkdocs.yml's folder, not from the working directory.
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    first = build_site(config_file, tmp_path / "one")
    second = build_site(config_file, tmp_path / "two")
    assert not first.aborted and first.warnings() == [], first.log
    assert not second.aborted and second.warnings() == [], second.log
    assert _built_pages(tmp_path / "one") == _built_pages(tmp_path / "two")
    finnish = first.html("sanasto/index.html")
    english = first.html("en/sanasto/index.html")
    assert "&lt;!-- glossary --&gt;" not in finnish and "<!-- glossary -->" not in finnish
    # Finnish order: d < j; English order: d < o. Anchors are the same in both.
    assert finnish.index('id="term-desistance"') < finnish.index('id="term-organised-crime"')
    assert '<span lang="en">organised crime</span>' in finnish
    assert '<span lang="fi">järjestäytynyt rikollisuus</span>' in english
    assert 'id="term-organised-crime"' in english


def test_hook_orders_entries_by_the_page_language(tmp_path: Path):
    glossary = _GLOSSARY.replace("fi: järjestäytynyt rikollisuus", "fi: ärjestäytynyt").replace("en: organised crime", "en: a first term")
    site = build_site(_glossary_site(tmp_path, glossary), tmp_path / "site")
    assert not site.aborted, site.log
    finnish, english = site.html("sanasto/index.html"), site.html("en/sanasto/index.html")
    assert finnish.index('id="term-desistance"') < finnish.index('id="term-organised-crime"')
    assert english.index('id="term-organised-crime"') < english.index('id="term-desistance"')


def test_broken_glossary_fails_the_build_with_file_and_line(tmp_path: Path):
    site = build_site(_glossary_site(tmp_path, GOOD_ENTRY + GOOD_ENTRY), tmp_path / "site")
    assert site.aborted
    assert "ERROR:data/glossary.yml:6: duplicate id 'desistance' (first used at line 1)" in site.log
    assert not any("Traceback" in line for line in site.log)


def test_missing_glossary_file_is_a_clean_error(tmp_path: Path):
    config_file = _glossary_site(tmp_path)
    (tmp_path / "data" / "glossary.yml").unlink()
    site = build_site(config_file, tmp_path / "site")
    assert site.aborted
    assert "ERROR:mkdocs.yml: extra.glossary: cannot read data/glossary.yml: No such file or directory" in site.log


def test_marker_without_configured_glossary_warns_with_line(tmp_path: Path):
    config_file = write_fixture_site(tmp_path, _PAGES, hooks=["glossary.py"])
    site = build_site(config_file, tmp_path / "site", strict=False)
    assert "handbook: docs/fi/sanasto.md:5: glossary marker left unrendered: mkdocs.yml names no extra.glossary file" in site.warnings()


def test_glossary_pages_announce_their_term_anchors_to_the_reference_checker():
    # The checker cannot render pages; the glossary hook tells it which ids they get.
    from mkdocs.config import load_config

    import glossary as glossary_hook

    config = load_config(str(REPO_ROOT / "mkdocs.yml"))
    anchors = glossary_hook.generated_anchor_ids(config)
    assert set(anchors) == {"fi/liitteet/sanasto.md", "en/liitteet/sanasto.md"}
    assert "term-desistance" in anchors["fi/liitteet/sanasto.md"]
