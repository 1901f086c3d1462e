"""Practice data: the schema and the vocabularies, with exact `path:line: message` problems."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from handbook import practices
from handbook_sites import REPO_ROOT

PATH = "data/practices/test.yml"

# A practice with only the required core; lines 1-11.
CORE = """\
name:
  fi: Testikäytäntö
  en: Test practice
organisation:
  name: Testijärjestö
  type: ngo
country: FI
description:
  fi: Kuvaus.
  en: Description.
last_update: 2021-05-26
"""


@pytest.fixture(scope="module")
def vocabularies() -> practices.Vocabularies:
    return practices.load_vocabularies(REPO_ROOT / practices.VOCABULARY_FILE, REPO_ROOT)


def problems(text: str, vocabularies: practices.Vocabularies) -> list[str]:
    data, findings = practices.validate_practice(text, PATH, vocabularies)
    assert (data is None) == bool(findings), "invalid data must come with a problem, valid data without"
    return [finding.format() for finding in findings]


# --- Good data


def test_the_required_core_is_a_valid_practice(vocabularies):
    data, findings = practices.validate_practice(CORE, PATH, vocabularies)
    assert findings == []
    assert data == {
        "name": {"fi": "Testikäytäntö", "en": "Test practice"},
        "organisation": {"name": "Testijärjestö", "type": "ngo"},
        "country": "FI",
        "description": {"fi": "Kuvaus.", "en": "Description."},
        "last_update": "2021-05-26",
    }


def test_the_required_core_is_exactly_these_fields():
    assert practices.REQUIRED_FIELDS == ("name", "organisation", "country", "description", "last_update")


def test_every_practice_in_the_repository_is_valid(vocabularies):
    loaded, findings = practices.load_practices(REPO_ROOT / practices.PRACTICES_DIR, REPO_ROOT, vocabularies)
    assert [finding.format() for finding in findings] == []
    assert "aggredi" in {practice.id for practice in loaded}


def test_optional_fields_of_every_shape_are_accepted(vocabularies):
    text = CORE + """\
label: peer-reviewed-practice
target_audiences: [general-public, prison-probation]
age_ranges:
  - {from: 18, to: 65, where: {fi: Porissa, en: in Pori}}
start: 2006
deliverables:
  - {published: 2021-09, description: {fi: Käsikirja., en: A handbook.}}
  - {published: 2012, isbn: 978-952-93-1758-5, title: Kirja, description: {fi: Kirja., en: A book.}}
contact:
  organisation: Testijärjestö
  role: {fi: päällikkö, en: Head}
  address: {street: Katu 1, postal_code: "00100", locality: Helsinki, country: FI}
"""
    data, findings = practices.validate_practice(text, PATH, vocabularies)
    assert findings == []
    assert data["deliverables"][0]["published"] == "2021-09"
    assert data["deliverables"][1]["published"] == "2012"
    assert data["age_ranges"] == [{"from": 18, "to": 65, "where": {"fi": "Porissa", "en": "in Pori"}}]
    # Schema order, whatever the file's order.
    assert list(data)[:5] == ["name", "organisation", "country", "label", "target_audiences"]


# --- Bad data: one exact message each


def test_missing_required_field(vocabularies):
    text = CORE.replace("country: FI\n", "")
    assert problems(text, vocabularies) == [f"{PATH}:1: missing required field 'country'"]


def test_missing_required_field_of_a_nested_record(vocabularies):
    text = CORE.replace("  type: ngo\n", "")
    assert problems(text, vocabularies) == [f"{PATH}:5: organisation: missing required field 'type'"]


def test_unknown_field_with_the_nearest_name(vocabularies):
    text = CORE + "fundng:\n  fi: Rahoitus.\n  en: Funding.\n"
    assert problems(text, vocabularies) == [f"{PATH}:12: unknown field 'fundng'; did you mean 'funding'?"]


def test_unknown_field_without_a_near_name_lists_the_fields(vocabularies):
    text = CORE.replace("  type: ngo\n", "  type: ngo\n  budget: 100\n")
    assert problems(text, vocabularies) == [
        f"{PATH}:7: organisation: unknown field 'budget' (expected one of: name, type, founded, description)"
    ]


def test_value_outside_the_vocabulary_names_the_nearest_value(vocabularies):
    text = CORE + "key_themes:\n  - prison-and-probation\n  - deradicalisation\n"
    assert problems(text, vocabularies) == [
        f"{PATH}:14: key_themes[2]: 'deradicalisation' is not a key theme in data/practice-vocabularies.yml; "
        "did you mean 'deradicalisation-disengagement'?"
    ]


def test_a_label_written_instead_of_its_id_points_to_the_id(vocabularies):
    text = CORE + "target_audiences: [Prison / probation]\n"
    assert problems(text, vocabularies) == [
        f"{PATH}:12: target_audiences[1]: 'Prison / probation' is not a target audience in data/practice-vocabularies.yml; "
        "did you mean 'prison-probation'?"
    ]


def test_single_value_outside_the_vocabulary(vocabularies):
    text = CORE.replace("  type: ngo\n", "  type: charity\n")
    assert problems(text, vocabularies) == [
        f"{PATH}:6: organisation.type: 'charity' is not an organisation type in data/practice-vocabularies.yml; did you mean 'ngo'?"
    ]


@pytest.mark.parametrize(
    "line, message",
    [
        ("start: vuonna 2006", "start: expected a year (a whole number such as 2006), got text 'vuonna 2006'"),
        ("start: [2006]", "start: expected a year (a whole number such as 2006), got a list"),
        ("approach: Kahden kesken.", "approach: expected text in both languages (a mapping with fi and en), got text 'Kahden kesken.'"),
        ("target_audiences: general-public", "target_audiences: expected a list (each item a target audience id), got text 'general-public'"),
        ("label: 3", "label: expected a label id, got the number 3"),
        ("evaluation:", "evaluation: expected text in both languages (a mapping with fi and en), got nothing (leave an unknown field out instead)"),
        ("age_ranges: [{from: 18, to: many}]", "age_ranges[1].to: expected a whole number from 0 to 120, got text 'many'"),
        ("contact: {organisation: X, website: 'javascript:alert(1)'}", "contact.website: expected a web address starting with https:// or http://, got text 'javascript:alert(1)'"),
        ("deliverables: [{published: syyskuu 2021, description: {fi: a, en: b}}]", "deliverables[1].published: expected a year or a month written YYYY or YYYY-MM, got text 'syyskuu 2021'"),
    ],
)
def test_wrong_type(vocabularies, line: str, message: str):
    assert problems(CORE + line + "\n", vocabularies) == [f"{PATH}:12: {message}"]


def test_wrong_date_format(vocabularies):
    text = CORE.replace("last_update: 2021-05-26", "last_update: 26.5.2021")
    assert problems(text, vocabularies) == [f"{PATH}:11: last_update: expected a date written YYYY-MM-DD, got text '26.5.2021'"]


def test_text_missing_a_language(vocabularies):
    text = CORE.replace("  en: Description.\n", "")
    assert problems(text, vocabularies) == [f"{PATH}:9: description: missing the English text 'en'"]


def test_text_in_an_unknown_language(vocabularies):
    text = CORE.replace("  en: Description.\n", "  en: Description.\n  sv: Beskrivning.\n")
    assert problems(text, vocabularies) == [f"{PATH}:11: description: unknown language 'sv' (expected fi and en)"]


@pytest.mark.parametrize("name", ["email", "phone", "telephone", "person"])
def test_contact_never_takes_personal_details(vocabularies, name: str):
    text = CORE + f"contact:\n  organisation: Testijärjestö\n  {name}: x\n"
    assert problems(text, vocabularies) == [
        f"{PATH}:14: contact: field '{name}' is not allowed: a practice profile names the organisation and a role, "
        "never a person's phone number, e-mail address or name"
    ]


def test_field_given_twice(vocabularies):
    text = CORE + "start: 2006\nstart: 2007\n"
    assert problems(text, vocabularies) == [f"{PATH}:13: field 'start' is given twice (first on line 12)"]


def test_repeated_list_item(vocabularies):
    text = CORE + "target_audiences: [general-public, general-public]\n"
    assert problems(text, vocabularies) == [f"{PATH}:12: target_audiences[2]: repeats item 1"]


def test_age_range_upside_down(vocabularies):
    text = CORE + "age_ranges:\n  - from: 49\n    to: 18\n"
    assert problems(text, vocabularies) == [f"{PATH}:13: age_ranges[1]: 'from' (49) is above 'to' (18)"]


def test_several_problems_are_all_reported_in_line_order(vocabularies):
    text = CORE.replace("country: FI\n", "country: SE\n") + "fundng: x\nstart: soon\n"
    assert problems(text, vocabularies) == [
        f"{PATH}:7: country: 'SE' is not a country in data/practice-vocabularies.yml; did you mean 'FI'?",
        f"{PATH}:12: unknown field 'fundng'; did you mean 'funding'?",
        f"{PATH}:13: start: expected a year (a whole number such as 2006), got text 'soon'",
    ]


def test_invalid_yaml_is_a_message_not_a_traceback(vocabularies):
    text = CORE + "funding:\n  fi: Veikkaus: STEA\n  en: Veikkaus\n"
    assert problems(text, vocabularies) == [f"{PATH}:13: invalid YAML: mapping values are not allowed here"]


def test_a_file_that_is_not_a_mapping(vocabularies):
    assert problems("- a\n- b\n", vocabularies) == [f"{PATH}:1: expected a mapping of fields, got a list"]


def test_empty_file(vocabularies):
    assert problems("# nothing yet\n", vocabularies) == [f"{PATH}: the practice file is empty"]


def test_practice_file_names_give_the_id(tmp_path: Path, vocabularies):
    folder = tmp_path / "data" / "practices"
    folder.mkdir(parents=True)
    (folder / "Uusi Käytäntö.yml").write_text(CORE, encoding="utf-8")
    (folder / "toinen.yaml").write_text(CORE, encoding="utf-8")
    (folder / "kolmas.yml").write_text(CORE, encoding="utf-8")
    loaded, findings = practices.load_practices(folder, tmp_path, vocabularies)
    assert [practice.id for practice in loaded] == ["kolmas"]
    assert [finding.format() for finding in findings] == [
        "data/practices/Uusi Käytäntö.yml: the file name gives the practice id: 'Uusi Käytäntö' must be lowercase ASCII letters, digits and hyphens",
        "data/practices/toinen.yaml: practice files end in .yml; rename it so it is read",
    ]


# --- Vocabularies


def vocabulary_problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "data" / "practice-vocabularies.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(practices.VocabularyError) as raised:
        practices.load_vocabularies(path, tmp_path)
    return [finding.format() for finding in raised.value.findings]


VOCABULARY = """\
target_audiences:
  general-public: {fi: Suuri yleisö, en: General public}
key_themes:
  prison-and-probation: {fi: Rikosseuraamusala, en: Prison and probation}
labels:
  peer-reviewed-practice: {fi: Vertaisarvioitu käytäntö, en: Peer Reviewed practice}
organisation_types:
  ngo: {fi: Kansalaisjärjestö, en: NGO, schema_org: NGO}
countries:
  FI: {fi: Suomi, en: Finland}
"""


def test_vocabulary_value_needs_both_labels(tmp_path: Path):
    text = VOCABULARY.replace("{fi: Suuri yleisö, en: General public}", "{fi: Suuri yleisö}")
    assert vocabulary_problems(tmp_path, text) == [
        "data/practice-vocabularies.yml:2: target_audiences.general-public: missing the English label 'en'"
    ]


def test_vocabulary_ids_must_be_anchor_safe(tmp_path: Path):
    text = VOCABULARY.replace("general-public:", "yleinen yleisö:")
    assert vocabulary_problems(tmp_path, text) == [
        "data/practice-vocabularies.yml:2: target_audiences: id 'yleinen yleisö' must be ASCII letters, digits and single hyphens (it becomes an anchor)"
    ]


def test_unknown_and_missing_vocabularies(tmp_path: Path):
    text = VOCABULARY.replace("key_themes:", "key_theme:")
    assert vocabulary_problems(tmp_path, text) == [
        "data/practice-vocabularies.yml:1: missing vocabulary 'key_themes'",
        "data/practice-vocabularies.yml:3: unknown vocabulary 'key_theme'; did you mean 'key_themes'?",
    ]


def test_the_vocabulary_file_holds_the_values_of_the_ran_entry(vocabularies):
    english = {kind: {term.label("en") for term in terms.values()} for kind, terms in vocabularies.terms.items()}
    assert {"General public", "Prison / probation"} <= english["target_audiences"]
    assert {"Deradicalisation/disengagement", "Prison and probation"} <= english["key_themes"]
    assert "Peer Reviewed practice" in english["labels"]
    assert "NGO" in english["organisation_types"]
    for terms in vocabularies.terms.values():
        for term in terms.values():
            assert all(term.labels[language].strip() for language in practices.LANGUAGES), term


def test_the_vocabulary_file_parses_as_plain_yaml():
    # Other tools (and people) read it without our loader.
    data = yaml.safe_load((REPO_ROOT / practices.VOCABULARY_FILE).read_text(encoding="utf-8"))
    assert set(data) == set(practices.VOCABULARY_KINDS)


# --- Front matter helpers


def test_front_matter_line():
    text = "---\ndescription: x\npractice: aggredi\n---\n\npractice: not front matter\n"
    assert practices.front_matter_line(text, "practice") == 3
    assert practices.front_matter_line(text, "template") == 0
    assert practices.front_matter_line("# no front matter\n", "practice") == 0
