"""Our keys of `extra` in mkdocs.yml: each mistake is one line that names its place in the file."""

from __future__ import annotations

from pathlib import Path

from handbook_sites import build_site, write_fixture_site

PAGES = {
    "docs/fi/index.md": "# Koti\n",
    "docs/en/index.md": "# Home\n",
    "docs/fi/saavutettavuus.md": "# Saavutettavuusseloste\n",
    "docs/en/saavutettavuus.md": "# Accessibility statement\n",
}


def _line_of(config_file: Path, key: str) -> int:
    return next(number for number, text in enumerate(config_file.read_text(encoding="utf-8").splitlines(), 1) if text.strip().startswith(f"{key}:"))


def test_a_footer_link_to_no_page_is_a_located_warning_with_the_nearest_page(tmp_path: Path):
    config_file = write_fixture_site(tmp_path, PAGES, hooks=["site_settings.py"], extra={"footer_links": ["saavutettavuus.md", "saavutettavus.md"]})
    site = build_site(config_file, tmp_path / "site", strict=False)
    line = _line_of(config_file, "footer_links")
    assert site.warnings() == [
        f"handbook: mkdocs.yml:{line}: extra.footer_links: 'saavutettavus.md' is no page of fi/, so readers get no link to it; did you mean 'saavutettavuus.md'?"
    ], site.log


def test_a_mistyped_setting_stops_the_build_with_one_located_line(tmp_path: Path):
    config_file = write_fixture_site(tmp_path, PAGES, hooks=["site_settings.py"], extra={"footer_links": "saavutettavuus.md"})
    site = build_site(config_file, tmp_path / "site")
    errors = [line for line in site.log if line.startswith("ERROR:")]
    assert site.aborted and len(errors) == 1 and not any("Traceback" in line for line in site.log)
    assert errors[0].startswith(f"ERROR:mkdocs.yml:{_line_of(config_file, 'footer_links')}: extra.footer_links: ")


def test_materials_own_keys_of_extra_are_left_alone(tmp_path: Path):
    config_file = write_fixture_site(tmp_path, PAGES, hooks=["site_settings.py"], extra={"generator": False, "analytics_consent": None, "homepage": "/"})
    site = build_site(config_file, tmp_path / "site")
    assert not site.aborted and site.warnings() == [], site.log


def test_the_live_preview_watches_everything_the_build_reads():
    from mkdocs.config import load_config

    from handbook_sites import REPO_ROOT

    config = load_config(str(REPO_ROOT / "mkdocs.yml"))
    watched = {Path(path).resolve() for path in config.watch}
    for folder in ("data", "snippets", "overrides"):
        assert (REPO_ROOT / folder).resolve() in watched, folder


# --- Facts only the organisation can supply


ORGANISATION_PAGES = {
    **PAGES,
    "docs/fi/tietosuoja.md": "# Tietosuojaseloste\n\nJulkaisija päättää lokeista.\n\n<!-- organisation: server_logs -->\n",
    "docs/en/tietosuoja.md": "# Privacy notice\n\nThe publisher decides on logs.\n\n<!-- organisation: server_logs -->\n",
}


def test_an_unset_organisation_fact_leaves_no_trace_on_the_page(tmp_path: Path):
    config_file = write_fixture_site(tmp_path, ORGANISATION_PAGES, hooks=["site_settings.py", "organisation_facts.py"], extra={"organisation": {"server_logs": None}})
    site = build_site(config_file, tmp_path / "site")
    assert not site.aborted and site.warnings() == [], site.log
    for page in ("tietosuoja/index.html", "en/tietosuoja/index.html"):
        assert "organisation" not in site.html(page)


def test_a_set_fact_shows_in_each_pages_language(tmp_path: Path):
    facts = {"server_logs": {"fi": "Palvelin ei tallenna lokeja.", "en": "The server keeps no logs."}}
    config_file = write_fixture_site(tmp_path, ORGANISATION_PAGES, hooks=["site_settings.py", "organisation_facts.py"], extra={"organisation": facts})
    site = build_site(config_file, tmp_path / "site")
    assert "<p>Palvelin ei tallenna lokeja.</p>" in site.html("tietosuoja/index.html")
    assert "<p>The server keeps no logs.</p>" in site.html("en/tietosuoja/index.html")


def test_a_fact_in_one_language_only_is_a_located_mistake(tmp_path: Path):
    config_file = write_fixture_site(tmp_path, ORGANISATION_PAGES, hooks=["site_settings.py", "organisation_facts.py"], extra={"organisation": {"server_logs": {"fi": "Ei lokeja."}}})
    site = build_site(config_file, tmp_path / "site")
    errors = [line for line in site.log if line.startswith("ERROR:")]
    assert site.aborted and len(errors) == 1
    assert errors[0] == f"ERROR:mkdocs.yml:{_line_of(config_file, 'server_logs')}: extra.organisation.server_logs: expected the text in both languages, {{fi: ..., en: ...}}, or null while unset; got {{'fi': 'Ei lokeja.'}}"


def test_a_marker_naming_no_fact_is_a_warning_at_its_line(tmp_path: Path):
    pages = {**ORGANISATION_PAGES, "docs/fi/tietosuoja.md": "---\ndescription: x\n---\n\n# Tietosuojaseloste\n\n<!-- organisation: server_log -->\n"}
    config_file = write_fixture_site(tmp_path, pages, hooks=["organisation_facts.py"])
    site = build_site(config_file, tmp_path / "site", strict=False)
    assert "handbook: docs/fi/tietosuoja.md:7: 'organisation: server_log' is no fact mkdocs.yml can set (known: server_logs, accessibility_feedback)" in site.warnings()


def test_the_real_handbooks_settings_are_valid_and_name_the_citation_author():
    from mkdocs.config import load_config

    from handbook.core.site_settings import read_site_settings
    from handbook_sites import REPO_ROOT

    config = load_config(str(REPO_ROOT / "mkdocs.yml"))
    settings = read_site_settings(config.extra, config.config_file_path)
    assert settings.citation.organisation == "HelsinkiMissio"
    assert "saavutettavuus.md" in settings.footer_links
