"""Cite this page: APA-style text, BibTeX and RIS files built with every page, naming the
handbook, the edition, the title, the language and the edition's permanent address;
CITATION.cff for the handbook as a whole; the disclosure in the browser."""

from __future__ import annotations

import re
import urllib.request
from datetime import datetime
from pathlib import Path

import pytest
import yaml

from handbook.reader import citation as cite
from handbook.reader.edition import edition_folder, edition_name
from handbook.reader.page_facts import citation_file
from handbook.words import load
from handbook_sites import REPO_ROOT, BuiltSite, build_site, write_fixture_site

WHEN = datetime.fromisoformat("2026-11-03T10:00:00+02:00")


def page(**changes) -> cite.PageCitation:
    fields = {
        "organisation": "HelsinkiMissio",
        "handbook": "Aggredi methods handbook",
        "edition": "2026",
        "title": "Desistance",
        "language": "en",
        "url": "https://handbook.example.org/2026/en/teoria/desistanssi/",
        "changed": WHEN,
    }
    return cite.PageCitation(**{**fields, **changes})


@pytest.fixture(scope="module")
def words() -> dict:
    return {"citation": load("citation"), "dates": load("dates")}


# --- Pure parts


def test_permanent_address_is_site_url_edition_and_page_never_doubled():
    assert cite.permanent_url("https://h.org/", "2026", "en/teoria/") == "https://h.org/2026/en/teoria/"
    # mike has put the edition on site_url already, without the slash.
    assert cite.permanent_url("https://h.org/2026", "2026", "teoria/") == "https://h.org/2026/teoria/"
    assert cite.permanent_url("https://h.org/", None, "") == "https://h.org/"
    assert cite.permanent_url(None, "2026", "teoria/") is None


def test_edition_comes_from_the_environment_then_the_config():
    assert edition_name({}, {}) is None and edition_folder({}, {}) is None
    assert edition_name({"edition": "2026"}, {}) == "2026" == edition_folder({"edition": "2026"}, {})
    mike = {"MIKE_DOCS_VERSION": "2026"}
    assert edition_name({}, mike) == "2026"
    named = {"HANDBOOK_EDITION": "Painos 2026", **mike}
    assert edition_name({}, named) == "Painos 2026" and edition_folder({}, named) == "2026"


def test_apa_text_in_each_language(words):
    english = cite.apa_html(page(), words["citation"]["en"], words["dates"]["en"])
    assert english == (
        "HelsinkiMissio. (2026, November 3). Desistance. In <i>Aggredi methods handbook</i> (edition 2026, in English)."
        ' <a href="https://handbook.example.org/2026/en/teoria/desistanssi/">https://handbook.example.org/2026/en/teoria/desistanssi/</a>'
    )
    finnish = cite.apa_html(
        page(handbook="Aggredi-menetelmäkäsikirja", title="Desistanssi", language="fi", edition=None, changed=None, url=None),
        words["citation"]["fi"],
        words["dates"]["fi"],
    )
    assert finnish == "HelsinkiMissio. (s.a.). Desistanssi. Teoksessa <i>Aggredi-menetelmäkäsikirja</i> (työversio, suomeksi)."
    dated = cite.apa_html(page(language="fi", title="Väkivalta & <häpeä>"), words["citation"]["fi"], words["dates"]["fi"])
    assert dated.startswith("HelsinkiMissio. (2026, 3. marraskuuta). Väkivalta &amp; &lt;häpeä&gt;. Teoksessa")


def test_bibtex_entry_escapes_tex_and_keeps_the_name_whole(words):
    entry = cite.bibtex(page(title="Risks & 100% safety_plans"), "helsinkimissio-2026-teoria-desistanssi-en", words["citation"]["en"])
    assert entry == (
        "@misc{helsinkimissio-2026-teoria-desistanssi-en,\n"
        "  author       = {{HelsinkiMissio}},\n"
        "  title        = {{Risks \\& 100\\% safety\\_plans}},\n"
        "  howpublished = {Aggredi methods handbook, edition 2026},\n"
        "  organization = {HelsinkiMissio},\n"
        "  edition      = {2026},\n"
        "  year         = {2026},\n"
        "  date         = {2026-11-03},\n"
        "  language     = {english},\n"
        "  url          = {https://handbook.example.org/2026/en/teoria/desistanssi/},\n"
        "}\n"
    )


def test_ris_record_has_crlf_lines_and_ends_the_record(words):
    record = cite.ris(page(changed=None), words["citation"]["en"])
    assert record.split("\r\n") == [
        "TY  - ELEC",
        "AU  - HelsinkiMissio",
        "TI  - Desistance",
        "T2  - Aggredi methods handbook",
        "ET  - edition 2026",
        "LA  - en",
        "PB  - HelsinkiMissio",
        "UR  - https://handbook.example.org/2026/en/teoria/desistanssi/",
        "ER  - ",
        "",
    ]


def test_citation_key_and_file_names():
    assert cite.citation_key(page(), "teoria/desistanssi", "en") == "helsinkimissio-2026-teoria-desistanssi-en"
    assert cite.citation_key(page(edition=None, organisation=None, handbook="Käsikirja"), "", "fi") == "kasikirja-working-index-fi"
    assert citation_file("teoria/desistanssi/index.html", "bib") == "teoria/desistanssi/citation.bib"
    assert citation_file("teoria/desistanssi.html", "ris") == "teoria/desistanssi.citation.ris"


def test_both_languages_have_every_citation_wording(words):
    assert set(words["citation"]["fi"]) == set(words["citation"]["en"])
    assert set(words["citation"]["fi"]["languages"]) == set(words["citation"]["en"]["languages"]) == {"fi", "en"}


# --- CITATION.cff


def test_citation_cff_names_the_organisation_the_handbook_and_its_address():
    cff = yaml.safe_load((REPO_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0" and cff["message"] and cff["title"]
    config = yaml.load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    organisation = config["extra"]["citation"]["organisation"]
    assert cff["authors"] == [{"name": organisation}] == cff["preferred-citation"]["authors"], "an organisation, no personal names"
    assert config["site_name"] in cff["title"] and config["site_name"] == cff["preferred-citation"]["title"]
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    english = next(lang for lang in i18n["languages"] if lang["locale"] == "en")
    assert english["site_name"] in cff["title"]
    assert cff["url"] == cff["preferred-citation"]["url"] == _SITE_URL_DEFAULT, "CITATION.cff's address must follow site_url"


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml without MkDocs' tags; !ENV gives its default."""


_SITE_URL_DEFAULT = re.search(r'^site_url: !ENV \[SITE_URL, "([^"]+)"\]', (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


# --- Builds


def build_cited_site(root: Path, **config) -> BuiltSite:
    theme = {"name": "material", "language": "fi", "font": False, "custom_dir": str(REPO_ROOT / "overrides")}
    files = {
        "docs/fi/index.md": "# Etusivu\n\nTeksti.\n",
        "docs/fi/teoria/desistanssi.md": "# Desistanssi\n\nTeksti.\n",
        "docs/en/teoria/desistanssi.md": "# Desistance\n\nText.\n",
    }
    nav = [{"Etusivu": "index.md"}, {"Desistanssi": "teoria/desistanssi.md"}]
    config_file = write_fixture_site(root, files, hooks=["page_facts.py", "print_handbook.py"], theme=theme, nav=nav, **config)
    site = build_site(config_file, root / "site")
    assert not site.aborted and site.warnings() == [], site.log
    return site


def test_every_page_links_its_own_citation_files(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.setenv("MIKE_DOCS_VERSION", "2026")
    site = build_cited_site(tmp_path, extra={"citation": {"organisation": "HelsinkiMissio"}})
    html = site.html("en/teoria/desistanssi/index.html")
    text = re.search(r'<p class="handbook-cite__text">(.*?)</p>', html, re.S).group(1)
    # No git here: no date. mike's version is the edition and the address's folder.
    assert text.startswith("HelsinkiMissio. (n.d.). Desistance. In <i>Test handbook</i> (edition 2026, in English).")
    assert 'href="https://handbook.example.org/2026/en/teoria/desistanssi/"' in text
    links = dict(re.findall(r'<a href="([^"]+)" download="([^"]+)"', html))
    assert links == {"citation.bib": "helsinkimissio-2026-teoria-desistanssi-en.bib", "citation.ris": "helsinkimissio-2026-teoria-desistanssi-en.ris"}
    bib = (site.site_dir / "en/teoria/desistanssi/citation.bib").read_text(encoding="utf-8")
    assert (
        bib.startswith("@misc{helsinkimissio-2026-teoria-desistanssi-en,\n")
        and "url          = {https://handbook.example.org/2026/en/teoria/desistanssi/}" in bib
    )
    # The Finnish page cites itself in Finnish, and a page missing in English is Finnish text.
    finnish = (site.site_dir / "teoria/desistanssi/citation.ris").read_bytes().decode("utf-8")
    assert "TI  - Desistanssi\r\nT2  - Testikäsikirja\r\nET  - painos 2026\r\n" in finnish
    assert "LA  - fi\r\n" in (site.site_dir / "en/citation.ris").read_bytes().decode("utf-8")
    assert (site.site_dir / "citation.bib").is_file()


def test_a_handbook_without_an_organisation_or_edition_cites_its_working_version(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    for variable in ("MIKE_DOCS_VERSION", "HANDBOOK_EDITION"):
        monkeypatch.delenv(variable, raising=False)
    site = build_cited_site(tmp_path)
    text = re.search(r'<p class="handbook-cite__text">(.*?)</p>', site.html("teoria/desistanssi/index.html"), re.S).group(1)
    assert text.startswith("(s.a.). Desistanssi. Teoksessa <i>Testikäsikirja</i> (työversio, suomeksi).")
    assert 'href="https://handbook.example.org/teoria/desistanssi/"' in text


def test_the_real_handbook_cites_every_page(handbook_site: BuiltSite):
    pages = sorted(handbook_site.site_dir.rglob("index.html"))
    without = [
        str(p.relative_to(handbook_site.site_dir))
        for p in pages
        if not (p.parent / "citation.bib").is_file() or 'class="handbook-cite' not in p.read_text(encoding="utf-8")
    ]
    assert pages and not without, f"pages without a citation: {without}"
    assert "HelsinkiMissio. (" in handbook_site.html("teoria/desistanssi/index.html")


# --- In the browser


@pytest.mark.browser
def test_the_citation_opens_from_the_keyboard_and_its_files_download(chromium, served_handbook):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    from browser_harness import axe_violations

    chromium.get(served_handbook.url + "en/teoria/desistanssi/")
    summary = chromium.find_element(By.CSS_SELECTOR, "details.handbook-cite > summary")
    details = summary.find_element(By.XPATH, "..")
    assert details.get_attribute("open") is None and not chromium.find_element(By.CSS_SELECTOR, ".handbook-cite__text").is_displayed()
    chromium.execute_script("arguments[0].scrollIntoView({block: 'center'})", summary)
    # A native summary is in the tab order; Enter opens the disclosure, and again closes it.
    assert chromium.execute_script("return arguments[0].tabIndex", summary) == 0
    chromium.execute_script("arguments[0].focus()", summary)
    assert chromium.switch_to.active_element == summary
    summary.send_keys(Keys.ENTER)
    assert details.get_attribute("open") is not None
    text = chromium.find_element(By.CSS_SELECTOR, ".handbook-cite__text").text
    assert text.startswith("HelsinkiMissio. (") and "In Aggredi methods handbook (working version, in English)." in text
    summary.send_keys(Keys.TAB)
    assert "handbook-cite__text" in chromium.switch_to.active_element.find_element(By.XPATH, "..").get_attribute("class")
    assert axe_violations(chromium, ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")) == []
    for kind, first_line in (("bibtex", "@misc{helsinkimissio-working-teoria-desistanssi-en,"), ("ris", "TY  - ELEC")):
        link = chromium.find_element(By.CSS_SELECTOR, f'a[data-citation-format="{kind}"]')
        with urllib.request.urlopen(link.get_attribute("href")) as response:  # served by the test server on 127.0.0.1
            assert response.read().decode("utf-8").splitlines()[0] == first_line
    summary.send_keys(Keys.ENTER)
    assert details.get_attribute("open") is None
