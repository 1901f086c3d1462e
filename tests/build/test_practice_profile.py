"""Practice profiles in built sites: the card, the index, JSON-LD and practices.json.

Fixture sites use the real hook, the real templates (overrides/) and the real
vocabulary file; the last tests read the real handbook.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from handbook import practices
from handbook.practices import render
from handbook_sites import REPO_ROOT, BuiltSite, build_site, write_fixture_site

VOCABULARY_TEXT = (REPO_ROOT / practices.VOCABULARY_FILE).read_text(encoding="utf-8")
VOCABULARY = yaml.safe_load(VOCABULARY_TEXT)

# Every field of the schema filled, each with a value found nowhere else.
FULL = """\
name: {fi: Täysi käytäntö, en: Full practice}
organisation:
  name: Esimerkkijärjestö
  type: ngo
  founded: 1901
  description: {fi: Järjestökuvaus-fi, en: Organisation-text-en}
country: FI
label: peer-reviewed-practice
target_audiences: [general-public, prison-probation]
key_themes: [deradicalisation-disengagement, prison-and-probation]
description: {fi: Kuvaus-fi, en: Description-en}
approach: {fi: Työote-fi, en: Approach-en}
client_groups: [{fi: Asiakasryhmä-fi, en: Client-group-en}]
age_ranges: [{from: 20, to: 30, where: {fi: Missä-fi, en: Where-en}}]
methods: [{fi: Menetelmä-fi, en: Method-en}]
evaluation: {fi: Arviointi-fi, en: Evaluation-en}
sustainability_and_transferability: {fi: Jatkuvuus-fi, en: Sustainability-en}
geographical_scope: {fi: Alue-fi, en: Scope-en}
start: 1999
funding: {fi: Rahoitus-fi, en: Funding-en}
deliverables:
  - {title: Teoksen nimi, published: 2020-03, isbn: 978-0-00-000000-0, description: {fi: Tuotos-fi, en: Deliverable-en}}
contact:
  organisation: Yhteysjärjestö
  role: {fi: Tehtävä-fi, en: Role-en}
  address: {street: Esimerkkikatu 5, postal_code: "00999", locality: Testilä, country: FI}
  website: https://example.org/practice
last_update: 2020-04-07
source: {fi: Lähde-fi, en: Source-en}
"""

# What the card of FULL shows, per language: one entry per filled field.
FULL_SHOWN = {
    "fi": ["Esimerkkijärjestö", "Kansalaisjärjestö", "1901", "Järjestökuvaus-fi", "Suomi",
           "Vertaisarvioitu käytäntö", "Suuri yleisö", "Vankila / yhdyskuntaseuraamukset",
           "Deradikalisaatio ja irtautuminen", "Rikosseuraamusala", "Kuvaus-fi", "Työote-fi",
           "Asiakasryhmä-fi", "20–30 vuotta (Missä-fi)", "Menetelmä-fi", "Arviointi-fi",
           "Jatkuvuus-fi", "Alue-fi", "1999", "Rahoitus-fi", "Teoksen nimi", "maaliskuu 2020",
           "978-0-00-000000-0", "Tuotos-fi", "Yhteysjärjestö", "Tehtävä-fi", "Esimerkkikatu 5",
           "00999 Testilä", "https://example.org/practice", "7.4.2020", "Lähde-fi"],
    "en": ["Esimerkkijärjestö", "NGO", "1901", "Organisation-text-en", "Finland",
           "Peer Reviewed practice", "General public", "Prison / probation",
           "Deradicalisation/disengagement", "Prison and probation", "Description-en", "Approach-en",
           "Client-group-en", "20–30 years (Where-en)", "Method-en", "Evaluation-en",
           "Sustainability-en", "Scope-en", "1999", "Funding-en", "Teoksen nimi", "March 2020",
           "978-0-00-000000-0", "Deliverable-en", "Yhteysjärjestö", "Role-en", "Esimerkkikatu 5",
           "00999 Testilä", "https://example.org/practice", "7 April 2020", "Source-en"],
}

CORE = """\
name: {fi: Ydinkäytäntö, en: Core practice}
organisation: {name: Ydinjärjestö, type: ngo}
country: FI
description: {fi: Ydinkuvaus., en: Core description.}
last_update: 2021-05-26
"""

# Captions of fields CORE leaves out: none may appear on its card.
OPTIONAL_CAPTIONS = ["founded", "label", "target_audiences", "key_themes", "approach", "client_groups",
                     "age_ranges", "methods", "evaluation", "sustainability_and_transferability",
                     "geographical_scope", "start", "funding", "deliverables", "about_organisation",
                     "contact", "role", "website", "source"]


def page(practice_id: str, title: str, language: str) -> str:
    description = "Käytännön kuvaus." if language == "fi" else "A practice profile."
    return f"---\ndescription: {description}\ntemplate: practice.html\npractice: {practice_id}\n---\n\n# {title}\n"


INDEX = {
    "fi": "---\ndescription: Kaikki käytännöt.\ntemplate: practice-index.html\npractice_index: true\n---\n\n# Käytännöt\n",
    "en": "---\ndescription: All practices.\ntemplate: practice-index.html\npractice_index: true\n---\n\n# Practices\n",
}


def practice_site(root: Path, data: dict[str, str], pages: dict[str, tuple[str, str]] | None = None, **extra_files: str) -> Path:
    """A bilingual fixture site with the given practice files and a page for each."""
    files = {
        "data/practice-vocabularies.yml": VOCABULARY_TEXT,
        "docs/fi/index.md": "# Koti\n",
        "docs/en/index.md": "# Home\n",
        "docs/fi/kaytannot/index.md": INDEX["fi"],
        "docs/en/kaytannot/index.md": INDEX["en"],
    }
    for practice_id, text in data.items():
        files[f"data/practices/{practice_id}.yml"] = text
    if pages is None:
        pages = {}
        for practice_id, text in data.items():
            names = yaml.safe_load(text)["name"]
            pages[practice_id] = (names["fi"], names["en"])
    for practice_id, (fi_title, en_title) in pages.items():
        files[f"docs/fi/kaytannot/{practice_id}.md"] = page(practice_id, fi_title, "fi")
        files[f"docs/en/kaytannot/{practice_id}.md"] = page(practice_id, en_title, "en")
    files.update({name.replace("__", "/"): text for name, text in extra_files.items()})
    theme = {"name": "material", "language": "fi", "font": False, "custom_dir": str(REPO_ROOT / "overrides")}
    return write_fixture_site(root, files, hooks=["practice_profile.py"], theme=theme)


def card_html(site: BuiltSite, path: str) -> str:
    match = re.search(r'<article class="handbook-practice".*?</article>', site.html(path), re.DOTALL)
    assert match, f"no practice card on {path}"
    return match.group(0)


def visible_text(html: str) -> str:
    # <wbr> is a place a line may break, not a space a reader sees.
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", re.sub(r"<wbr\s*/?>", "", html))).replace("&amp;", "&")


def json_ld(site: BuiltSite, path: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', site.html(path), re.DOTALL)
    assert len(blocks) == 1, f"{path}: expected one JSON-LD block, found {len(blocks)}"
    return json.loads(blocks[0])


def graph_node(document: dict, kind: str) -> dict:
    return next(node for node in document["@graph"] if node["@type"] == kind)


@pytest.fixture(scope="module")
def full_site(tmp_path_factory) -> BuiltSite:
    root = tmp_path_factory.mktemp("practice-full")
    site = build_site(practice_site(root, {"full": FULL, "core": CORE}), root / "site")
    assert not site.aborted, site.log
    return site


# --- The card


def _schema_paths(shape, prefix=""):
    if isinstance(shape, practices.Record):
        for name, spec in shape.fields.items():
            yield f"{prefix}{name}"
            yield from _schema_paths(spec.shape, f"{prefix}{name}.")
    elif isinstance(shape, practices.ListOf):
        yield from _schema_paths(shape.item, prefix)


def _data_paths(value, prefix=""):
    if isinstance(value, dict) and not set(value) <= set(practices.LANGUAGES):
        for name, inner in value.items():
            yield f"{prefix}{name}"
            yield from _data_paths(inner, f"{prefix}{name}.")
    elif isinstance(value, list):
        for item in value:
            yield from _data_paths(item, prefix)


def test_the_full_fixture_fills_every_field_of_the_schema():
    vocabularies = practices.load_vocabularies(REPO_ROOT / practices.VOCABULARY_FILE, REPO_ROOT)
    data, findings = practices.validate_practice(FULL, "full.yml", vocabularies)
    assert findings == []
    assert set(_schema_paths(practices.PRACTICE)) == set(_data_paths(data))


@pytest.mark.parametrize("language, path", [("fi", "kaytannot/full/index.html"), ("en", "en/kaytannot/full/index.html")])
def test_card_shows_every_filled_field_in_the_page_language(full_site: BuiltSite, language: str, path: str):
    text = visible_text(card_html(full_site, path))
    missing = [value for value in FULL_SHOWN[language] if value not in text]
    assert missing == []
    other = "en" if language == "fi" else "fi"
    leaked = [value for value in FULL_SHOWN[other] if value not in FULL_SHOWN[language] and value in text]
    assert leaked == [], "text of the other language on the card"


@pytest.mark.parametrize("language, path", [("fi", "kaytannot/core/index.html"), ("en", "en/kaytannot/core/index.html")])
def test_card_shows_no_empty_field(full_site: BuiltSite, language: str, path: str):
    card = card_html(full_site, path)
    shown_captions = [render.caption(key, language) for key in OPTIONAL_CAPTIONS if f">{render.caption(key, language)}<" in card]
    assert shown_captions == []
    assert re.findall(r"<(dd|dt|p|li|ul|h2|section|address)\b[^>]*>\s*</\1>", card) == []
    for value in ("Ydinjärjestö", "Kansalaisjärjestö" if language == "fi" else "NGO", "Ydinkuvaus." if language == "fi" else "Core description."):
        assert value in card


def test_card_captions_are_translated(full_site: BuiltSite):
    fi, en = card_html(full_site, "kaytannot/full/index.html"), card_html(full_site, "en/kaytannot/full/index.html")
    for key in ("target_audiences", "key_themes", "sustainability_and_transferability", "contact", "last_update"):
        assert f">{render.caption(key, 'fi')}<" in fi and f">{render.caption(key, 'en')}<" in en, key
    assert '<article class="handbook-practice" lang="fi"' in fi and '<article class="handbook-practice" lang="en"' in en


def test_card_headings_have_the_same_ascii_ids_in_both_languages(full_site: BuiltSite):
    ids = {path: re.findall(r'<h[23] id="([^"]+)"', card_html(full_site, path)) for path in ("kaytannot/full/index.html", "en/kaytannot/full/index.html")}
    assert ids["kaytannot/full/index.html"] == ids["en/kaytannot/full/index.html"]
    assert all(re.fullmatch(r"[a-z0-9-]+", anchor) for anchor in ids["kaytannot/full/index.html"])
    assert "contact" in ids["kaytannot/full/index.html"]


def test_card_headings_are_in_the_table_of_contents(full_site: BuiltSite):
    html = full_site.html("en/kaytannot/full/index.html")
    toc = re.search(r'data-md-component="toc".*?</ul>\s*</nav>', html, re.DOTALL).group(0)
    assert 'href="#description"' in toc and 'href="#contact"' in toc


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_card_tags_link_to_their_list_on_the_index(full_site: BuiltSite, prefix: str):
    card = card_html(full_site, f"{prefix}kaytannot/full/index.html")
    links = re.findall(r'<a class="handbook-practice__tag" href="([^"]+)"', card)
    assert len(links) == 6  # type, label, two audiences, two themes
    index = full_site.html(f"{prefix}kaytannot/index.html")
    index_ids = set(re.findall(r'\bid="([^"]+)"', index))
    for link in links:
        target, _, anchor = link.partition("#")
        assert target == "../", link
        assert anchor in index_ids, link
        # The list the tag points at names the practice.
        section = re.search(rf'<section[^>]*id="{anchor}".*?</section>', index, re.DOTALL).group(0)
        assert ("Täysi käytäntö" if not prefix else "Full practice") in section


def test_index_lists_every_practice_with_its_key_facts(full_site: BuiltSite):
    for prefix, names, facts in (("", ["Täysi käytäntö", "Ydinkäytäntö"], ["Esimerkkijärjestö", "Suomi", "7.4.2020", "Rikosseuraamusala"]),
                                 ("en/", ["Core practice", "Full practice"], ["Esimerkkijärjestö", "Finland", "7 April 2020", "Prison and probation"])):
        html = full_site.html(f"{prefix}kaytannot/index.html")
        listing = re.search(r'<ul class="handbook-practice-index__list">.*?</ul>\s*<h2', html, re.DOTALL).group(0)
        assert re.findall(r'<p class="handbook-practice-index__name"><a href="([^"]+)">([^<]+)</a>', listing) == [
            (f"{name_id}/", name) for name_id, name in zip(["full", "core"] if not prefix else ["core", "full"], names)
        ]
        text = visible_text(listing)
        assert all(fact in text for fact in facts), prefix


def test_card_and_index_need_no_script_and_load_nothing(full_site: BuiltSite):
    index = re.search(r'<div class="handbook-practice-index".*?</ul>\s*</section>\s*</div>', full_site.html("en/kaytannot/index.html"), re.DOTALL).group(0)
    for block in (index, card_html(full_site, "en/kaytannot/full/index.html")):
        assert "<script" not in block
        assert re.findall(r'\s(?:src|srcset|style)=', block) == []


# --- Machine-readable output


def test_practices_json_is_written_once_at_the_site_root(full_site: BuiltSite):
    assert (full_site.site_dir / "practices.json").is_file()
    assert not (full_site.site_dir / "en" / "practices.json").exists()


def test_practices_json_matches_the_source_data(full_site: BuiltSite):
    document = json.loads((full_site.site_dir / "practices.json").read_text(encoding="utf-8"))
    assert document["languages"] == ["fi", "en"]
    by_id = {record["id"]: record for record in document["practices"]}
    assert sorted(by_id) == ["core", "full"]
    source = yaml.safe_load(FULL)
    record = by_id["full"]
    assert record["pages"] == {"fi": "kaytannot/full/", "en": "en/kaytannot/full/"}
    assert record["name"] == source["name"]
    assert record["description"] == source["description"]
    assert record["last_update"] == source["last_update"].isoformat()
    assert record["age_ranges"] == source["age_ranges"]
    assert record["deliverables"][0]["published"] == "2020-03"
    assert record["contact"]["role"] == source["contact"]["role"]
    # Vocabulary values carry both languages' labels.
    for kind in ("target_audiences", "key_themes"):
        assert record[kind] == [{"id": term, "labels": VOCABULARY[kind][term]} for term in source[kind]]
    assert record["label"] == {"id": source["label"], "labels": VOCABULARY["labels"][source["label"]]}
    assert record["organisation"]["type"] == {"id": "ngo", "labels": {"fi": "Kansalaisjärjestö", "en": "NGO"}}
    assert record["country"] == {"id": "FI", "labels": VOCABULARY["countries"]["FI"]}
    assert set(by_id["core"]) == {"id", "pages", "name", "organisation", "country", "description", "last_update"}


@pytest.mark.parametrize("language, path", [("fi", "kaytannot/full/index.html"), ("en", "en/kaytannot/full/index.html")])
def test_json_ld_describes_the_organisation_and_the_practice(full_site: BuiltSite, language: str, path: str):
    document = json_ld(full_site, path)
    source = yaml.safe_load(FULL)
    assert document["@context"] == "https://schema.org"
    organisation, project, web_page = graph_node(document, "NGO"), graph_node(document, "Project"), graph_node(document, "WebPage")
    page_url = f"https://handbook.example.org/{'' if language == 'fi' else 'en/'}kaytannot/full/"
    assert web_page["@id"] == web_page["url"] == page_url
    assert web_page["inLanguage"] == language
    assert web_page["about"] == {"@id": project["@id"]}
    assert organisation["name"] == "Esimerkkijärjestö" and organisation["foundingDate"] == "1901"
    assert project["parentOrganization"] == {"@id": organisation["@id"]}
    assert project["name"] == source["name"][language]
    assert project["description"] == source["description"][language]
    assert project["foundingDate"] == "1999"
    assert project["award"] == VOCABULARY["labels"]["peer-reviewed-practice"][language]
    assert project["keywords"] == [VOCABULARY["key_themes"][t][language] for t in source["key_themes"]]
    assert [a["audienceType"] for a in web_page["audience"]] == [VOCABULARY["target_audiences"][t][language] for t in source["target_audiences"]]
    contact = project["contactPoint"]
    assert contact["@type"] == "PostalAddress" and contact["contactType"] == source["contact"]["role"][language]
    assert (contact["streetAddress"], contact["postalCode"], contact["addressLocality"]) == ("Esimerkkikatu 5", "00999", "Testilä")
    assert web_page["isBasedOn"]["dateModified"] == "2020-04-07"


def test_json_ld_is_only_on_practice_pages(full_site: BuiltSite):
    for path in ("index.html", "kaytannot/index.html", "en/kaytannot/index.html"):
        assert "application/ld+json" not in full_site.html(path)


def test_json_ld_cannot_close_its_script_element():
    text = render.script_json({"name": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script> & <!--"}


# --- Problems in a build


def test_bad_practice_data_fails_the_strict_build_with_file_and_line(tmp_path: Path):
    bad = CORE.replace("country: FI", "country: FI\nkey_themes: [prison]\nfundng: x")
    site = build_site(practice_site(tmp_path, {"bad": bad}, pages={}), tmp_path / "site")
    assert site.aborted
    problems = [line for line in site.warnings() if "data/practices/" in line]
    assert problems == [
        "handbook: data/practices/bad.yml:4: key_themes[1]: 'prison' is not a key theme in data/practice-vocabularies.yml; did you mean 'prison-and-probation'?",
        "handbook: data/practices/bad.yml:5: unknown field 'fundng'; did you mean 'funding'?",
    ]


def test_broken_vocabulary_stops_the_build_with_a_message(tmp_path: Path):
    config = practice_site(tmp_path, {"core": CORE})
    (tmp_path / "data" / "practice-vocabularies.yml").write_text(VOCABULARY_TEXT.replace("    en: NGO\n", ""), encoding="utf-8")
    site = build_site(config, tmp_path / "site")
    assert site.aborted
    errors = [line for line in site.log if line.startswith("ERROR:")]
    assert any("practice vocabularies are broken:\ndata/practice-vocabularies.yml:" in line
               and "organisation_types.ngo: missing the English label 'en'" in line for line in errors), errors
    assert not any("Traceback" in line for line in site.log)


def test_page_naming_an_unknown_practice(tmp_path: Path):
    config = practice_site(tmp_path, {"core": CORE})
    (tmp_path / "docs" / "fi" / "kaytannot" / "typo.md").write_text(page("cor", "Kirjoitusvirhe", "fi"), encoding="utf-8")
    site = build_site(config, tmp_path / "site", strict=False)
    assert "handbook: docs/fi/kaytannot/typo.md:4: 'practice: cor' names no valid practice in data/practices/; did you mean 'core'?" in site.warnings()
    # The Finnish page stands in for the missing English one: still one message.
    assert sum("typo.md" in line for line in site.warnings()) == 1


def test_page_naming_a_practice_with_a_list_is_a_message(tmp_path: Path):
    config = practice_site(tmp_path, {"core": CORE})
    (tmp_path / "docs" / "fi" / "kaytannot" / "lista.md").write_text(page("[core]", "Lista", "fi"), encoding="utf-8")
    site = build_site(config, tmp_path / "site", strict=False)
    assert [line for line in site.warnings() if "lista.md" in line] == [
        "handbook: docs/fi/kaytannot/lista.md:4: 'practice: ['core']' names no valid practice in data/practices/; did you mean 'core'?"
    ]
    assert not any("Traceback" in line for line in site.log)


def test_practice_without_a_page_and_page_without_the_template(tmp_path: Path):
    config = practice_site(tmp_path, {"core": CORE, "full": FULL}, pages={"core": ("Ydinkäytäntö", "Core practice")})
    en_page = tmp_path / "docs" / "en" / "kaytannot" / "core.md"
    en_page.write_text(en_page.read_text(encoding="utf-8").replace("template: practice.html\n", ""), encoding="utf-8")
    site = build_site(config, tmp_path / "site", strict=False)
    warnings = [line for line in site.warnings() if line.startswith("handbook: ")]
    assert warnings == [
        "handbook: docs/en/kaytannot/core.md:3: a page with 'practice' needs 'template: practice.html' in its front matter, or nothing of the practice shows",
        "handbook: data/practices/full.yml: no page shows this practice; add one with 'practice: full' and 'template: practice.html' in its front matter",
    ]


def test_page_title_must_match_the_practice_name(tmp_path: Path):
    config = practice_site(tmp_path, {"core": CORE}, pages={"core": ("Ydinkäytäntö", "Kernel practice")})
    site = build_site(config, tmp_path / "site", strict=False)
    assert [line for line in site.warnings() if line.startswith("handbook: ")] == [
        "handbook: docs/en/kaytannot/core.md: page title 'Kernel practice' differs from the practice's name 'Core practice' in data/practices/core.yml"
    ]


def test_page_headings_must_not_take_the_card_ids(tmp_path: Path):
    config = practice_site(tmp_path, {"core": CORE})
    en_page = tmp_path / "docs" / "en" / "kaytannot" / "core.md"
    en_page.write_text(en_page.read_text(encoding="utf-8") + "\n## About {#description}\n\nText.\n", encoding="utf-8")
    site = build_site(config, tmp_path / "site", strict=False)
    assert [line for line in site.warnings() if line.startswith("handbook: ")] == [
        "handbook: docs/en/kaytannot/core.md: the page's own headings use ids the practice card needs: description"
    ]


def test_two_builds_in_one_process_share_nothing(tmp_path: Path):
    bad = CORE.replace("country: FI", "country: FI\nstart: soon")
    config = practice_site(tmp_path, {"core": CORE, "bad": bad}, pages={"core": ("Ydinkäytäntö", "Core practice")})
    first = build_site(config, tmp_path / "first", strict=False)
    second = build_site(config, tmp_path / "second", strict=False)
    assert first.warnings() == second.warnings()
    assert [line for line in first.warnings() if "bad.yml" in line] == [
        "handbook: data/practices/bad.yml:4: start: expected a year (a whole number such as 2006), got text 'soon'"
    ]
    assert (tmp_path / "first" / "practices.json").read_text() == (tmp_path / "second" / "practices.json").read_text()
    # Fixed data: the next build in the same process is clean.
    (tmp_path / "data" / "practices" / "bad.yml").unlink()
    third = build_site(config, tmp_path / "third", strict=True)
    assert not third.aborted, third.warnings()
    assert [record["id"] for record in json.loads((tmp_path / "third" / "practices.json").read_text())["practices"]] == ["core"]


# --- The real handbook

# The RAN Collection entry of 26 May 2021, as published.
RAN_ENTRY = {
    "target_audiences": ["General public", "Prison / probation"],
    "key_themes": ["Deradicalisation/disengagement", "Prison and probation"],
    "label": "Peer Reviewed practice",
    "organisation_type": "NGO",
    "organisation": "HelsinkiMissio",
    "address": ("Hämeentie 29", "00500", "Helsinki"),
    "role": "Chief of Violence Work",
    "last_update": "2021-05-26",
}
PRACTICE_PAGES = ("kaytannot/index.md", "kaytannot/aggredi.md")


def test_aggredi_matches_the_ran_entry(handbook_site: BuiltSite):
    document = json.loads((handbook_site.site_dir / "practices.json").read_text(encoding="utf-8"))
    aggredi = next(record for record in document["practices"] if record["id"] == "aggredi")
    assert [term["labels"]["en"] for term in aggredi["target_audiences"]] == RAN_ENTRY["target_audiences"]
    assert [term["labels"]["en"] for term in aggredi["key_themes"]] == RAN_ENTRY["key_themes"]
    assert aggredi["label"]["labels"]["en"] == RAN_ENTRY["label"]
    assert aggredi["organisation"]["type"]["labels"]["en"] == RAN_ENTRY["organisation_type"]
    assert aggredi["organisation"]["name"] == aggredi["contact"]["organisation"] == RAN_ENTRY["organisation"]
    address = aggredi["contact"]["address"]
    assert (address["street"], address["postal_code"], address["locality"]) == RAN_ENTRY["address"]
    assert aggredi["contact"]["role"]["en"] == RAN_ENTRY["role"]
    assert aggredi["last_update"] == RAN_ENTRY["last_update"]
    assert aggredi["pages"] == {"fi": "kaytannot/aggredi/", "en": "en/kaytannot/aggredi/"}


def test_aggredi_leaves_unknown_facts_unfilled():
    data = yaml.safe_load((REPO_ROOT / "data" / "practices" / "aggredi.yml").read_text(encoding="utf-8"))
    handbook = data["deliverables"][0]
    assert handbook["published"] == "2021-09" and "title" not in handbook  # the 2021 title is in no source
    assert "website" not in data["contact"]


def test_no_personal_contact_details_are_published(handbook_site: BuiltSite):
    outputs = [handbook_site.site_dir / "practices.json"]
    outputs += [handbook_site.site_dir / prefix / "kaytannot" / name / "index.html" for prefix in ("", "en") for name in ("", "aggredi")]
    outputs += [REPO_ROOT / "data" / "practices" / "aggredi.yml"]
    for path in outputs:
        text = path.read_text(encoding="utf-8")
        for personal in ("Salakka", "Petri", "+358", "4489849", "@helsinkimissio", "mailto:", "tel:"):
            assert personal not in text, f"{path}: {personal}"


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_real_practice_pages_render_card_index_and_json_ld(handbook_site: BuiltSite, prefix: str):
    language = "en" if prefix else "fi"
    card = visible_text(card_html(handbook_site, f"{prefix}kaytannot/aggredi/index.html"))
    assert ("Chief of Violence Work" if prefix else "väkivaltatyön päällikkö") in card
    assert "Hämeentie 29" in card and "00500 Helsinki" in card
    document = json_ld(handbook_site, f"{prefix}kaytannot/aggredi/index.html")
    assert graph_node(document, "NGO")["name"] == "HelsinkiMissio"
    assert graph_node(document, "WebPage")["inLanguage"] == language
    index = handbook_site.html(f"{prefix}kaytannot/index.html")
    assert 'href="aggredi/"' in index


def test_real_practice_pages_share_heading_ids_and_describe_themselves():
    for relative in PRACTICE_PAGES:
        texts = {language: (REPO_ROOT / "docs" / language / relative).read_text(encoding="utf-8") for language in ("fi", "en")}
        ids = {}
        for language, text in texts.items():
            front, _, body = text.partition("\n---\n")
            meta = yaml.safe_load(front.removeprefix("---\n"))
            assert meta.get("description"), f"docs/{language}/{relative}: no description"
            headings = re.findall(r"^#{2,3} .*$", body, re.MULTILINE)
            assert all(re.search(r"\{#[a-z0-9-]+\}\s*$", heading) for heading in headings), headings
            ids[language] = [re.search(r"\{#([a-z0-9-]+)\}", heading).group(1) for heading in headings]
        assert ids["fi"] == ids["en"], relative
        assert texts["fi"] != texts["en"]
