"""The translation track: engine, build hook, reader notices, status report and CLI.

Fixture sites are built through MkDocs' own API with the real hook and templates; `diff`
and the git dates run against a real git repository in tmp_path.
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from handbook import translation as engine
from handbook_sites import REPO_ROOT, BuiltSite, build_site
from translation_sites import (
    EN_INDEX,
    EN_PAGE,
    FI_INDEX,
    FI_PAGE,
    MISSING_TEXT,
    RENDER,
    build,
    git,
    page_hash,
    page_record,
    pinned,
    rendered,
    run_cli,
    set_mtime,
    site_files,
    status_json,
    track_lines,
    write_site,
)

# --- Engine: normalisation and hashing


def test_cosmetic_edit_of_the_source_keeps_the_hash():
    rewrapped = FI_PAGE.replace("vuonna 2006 Helsingissä.", "vuonna 2006\n   Helsingissä.  ").replace("## Julkaisut", "\n\n## Julkaisut")
    new_front_matter = FI_PAGE.replace("description: Sivu", "description: Toinen kuvaus\ntags: [x]")
    base = page_hash(FI_PAGE)
    assert page_hash(rewrapped) == base
    assert page_hash(new_front_matter) == base
    assert page_hash(FI_PAGE.replace("2006", "2007", 1)) != base


def test_code_blocks_keep_their_line_breaks_in_the_hash():
    one = "# A\n\n```\nx = 1\ny = 2\n```\n"
    two = "# A\n\n```\nx = 1 y = 2\n```\n"
    assert page_hash(one) != page_hash(two)


def test_sections_are_keyed_by_explicit_heading_ids():
    document = engine.parse_document("---\na: 1\n---\n# T {#top}\n\n## B {: #bee .x }\n\n```\n# not a heading\n```\n### C\n", "a.md")
    sections = engine.split_sections(document)
    assert [(s.key, s.level, s.title, s.line) for s in sections] == [("top", 1, "T", 4), ("bee", 2, "B", 6), ("#3", 3, "C", 11)]


# --- Engine: bad input is a located message


def test_front_matter_that_is_not_yaml_is_a_located_problem():
    document = engine.parse_document("---\ndescription: ok\ntitle: a: b\n---\n# A\n", "docs/en/a.md")
    assert [p.format() for p in document.problems] == [
        "docs/en/a.md:3: front matter is not valid YAML: mapping values are not allowed here; quote a value that contains ': '"
    ]
    assert document.meta == {} and document.body == "# A\n"


def test_text_that_is_not_utf8_is_a_located_error(tmp_path: Path):
    path = tmp_path / "a.md"
    path.write_bytes("# A\n\nÄä\n".encode() + "ö\n".encode("latin-1"))
    with pytest.raises(engine.TranslationInputError) as raised:
        engine.read_document(path, tmp_path)
    assert raised.value.finding.format() == "a.md:4: not UTF-8 text (byte 0xf6 at offset 10); save it as UTF-8"


def test_a_pin_that_is_not_a_hash_names_its_line():
    document = engine.parse_document("---\ndescription: x\nsource_hash: abc123\n---\n# A\n", "docs/en/a.md")
    pin = engine.read_pin(document)
    assert (pin.problem_line, pin.problem, pin.source_hash) == (3, "source_hash 'abc123' is not a hash (expected sha256: and 64 hex digits)", None)


# --- Engine: pins


def test_pin_changes_only_the_pin_lines():
    translation = "---\r\ndescription: Page\r\nsource_hash: sha256:" + "0" * 64 + "\r\nsource_sections:\r\n  old: 00000000\r\nauthor: x\r\n---\r\n\r\n# History {#history}\r\n\r\nText  with  odd   spacing.\r\n"
    result = pinned(translation, FI_PAGE)
    kept = [line for line in result.splitlines(keepends=True) if not re.match(r"^(source_hash:|source_sections:|  \S+: \"[0-9a-f]{8}\"\r\n)", line)]
    assert "".join(kept) == "---\r\ndescription: Page\r\nauthor: x\r\n---\r\n\r\n# History {#history}\r\n\r\nText  with  odd   spacing.\r\n"
    assert "\r\n  localities: " in result and "\n  old:" not in result
    assert pinned(result, FI_PAGE) == result


def test_pin_reads_back_hashes_of_digits_and_ids_that_look_like_yaml_words():
    source = rendered("# A {#yes}\n\nx\n\n## B {#2006}\n\ny\n")
    hashes = source.section_hashes()
    hashes_of_digits = {"yes": "12345678", "2006": "00000001"}
    document = engine.parse_document(engine.apply_pin("# A\n", source), "en.md")
    assert engine.read_pin(document).sections == hashes
    text = "".join(f'  {engine._yaml_key(k)}: "{v}"\n' for k, v in hashes_of_digits.items())
    assert engine.read_pin(engine.parse_document(f"---\nsource_hash: {page_hash('x')}\nsource_sections:\n{text}---\n", "en.md")).sections == hashes_of_digits


def test_pin_is_added_to_a_page_without_front_matter():
    result = pinned("# Home {#home}\n\nText.\n", FI_INDEX)
    document = engine.parse_document(result, "en.md")
    assert engine.read_pin(document).source_hash == page_hash(FI_INDEX)
    assert document.body == "# Home {#home}\n\nText.\n"


# --- Engine: structure


def test_structure_drift_is_reported_per_section_with_lines():
    drifted = EN_PAGE.replace("in 2006", "in 2007").replace("!!! note", "!!! warning").replace("## Publications {#publications}", "### Publications {#publications}")
    drifts = engine.compare_structure(rendered(FI_PAGE, "h.md", "docs/fi/h.md"), rendered(drifted, "h.md", "docs/en/h.md"))
    assert [(d.section, d.line, d.message) for d in drifts] == [
        ("history", 5, "section 'history': numbers differ from docs/fi/h.md:5 (2006 not in the English text; 2007 not in the Finnish text)"),
        ("localities", 9, "section 'localities': admonitions differ from docs/fi/h.md:9 (Finnish [note], English [warning])"),
        ("publications", 19, "section 'publications': heading level 3, the Finnish source has level 2 (docs/fi/h.md:19)"),
    ]


def test_missing_tables_images_links_and_headings_are_drift():
    english = EN_PAGE.replace("| City | Year |\n|---|---|\n| Helsinki | 2006 |\n", "Helsinki, 2006.\n").replace("See [the goals](index.md#home).", "See the goals. ![map](map.png)")
    english = english.replace("{#localities}", "{#places}")
    messages = [d.message for d in engine.compare_structure(rendered(FI_PAGE, path="fi.md"), rendered(english, path="en.md"))]
    assert any("section 'localities' (fi.md:9, level 2) has no counterpart" in m for m in messages)
    assert any("heading 'places' is not in the Finnish source" in m for m in messages)
    assert any("images differ" in m for m in messages) and any("internal links differ" in m for m in messages)


def test_number_formats_of_the_two_languages_are_the_same_figures():
    fi = rendered("# A {#a}\n\nNoin 10 000 euroa, 1,5 vuotta ja 18–25-vuotiaat.\n")
    en = rendered("# A {#a}\n\nAbout 10,000 euros, 1.5 years and 18–25-year-olds.\n")
    assert engine.compare_structure(fi, en) == []


def test_engine_and_tool_do_not_depend_on_mkdocs_or_its_i18n_plugin():
    import ast

    # Only the build binding (translation/hook.py) may know MkDocs; the engine, the reader
    # pages and the command work without it.
    package = REPO_ROOT / "hooks" / "handbook"
    # settings.py declares extra.translation_track with MkDocs' Config classes, and
    # markdown_config.py reads the Markdown configuration through MkDocs' config loading, by design.
    names = [p for p in (package / "translation").glob("*.py") if p.name not in ("hook.py", "settings.py", "markdown_config.py")] + [package / "cli" / "translations.py"]
    assert len(names) > 5
    for name in names:
        tree = ast.parse(name.read_text(encoding="utf-8"))
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert not {m for m in imported if m and (m.startswith("mkdocs") or "i18n" in m)}, name


# --- Builds: one fixture per status


def test_consistent_site_is_translated_with_no_warning(tmp_path: Path):
    site = build(tmp_path, site_files(), strict=True)
    assert not site.aborted and track_lines(site) == []
    assert status_json(site)["languages"]["en"]["summary"]["translated"] == 3


def test_missing_page_gets_notice_finnish_language_and_nav_marker(tmp_path: Path):
    site = build(tmp_path, site_files(**{"docs/fi/uusi.md": "# Uusi sivu {#new}\n\nVuonna 2020.\n\n## Osa {#part}\n\nTeksti.\n"}), strict=True)
    assert not site.aborted
    assert track_lines(site) == ["INFO:docs/fi/uusi.md: missing: no en translation (docs/en/uusi.md); readers get the Finnish page"]
    html = site.html("en/uusi/index.html")
    notice = re.search(r'<aside[^>]*data-translation-status="missing"[^>]*>(.*?)</aside>', html, re.DOTALL)
    assert notice and MISSING_TEXT in " ".join(notice.group(1).split())
    assert 'href="../kaannostilanne/"' in notice.group(1)
    assert re.search(r'<div lang="fi" data-translation-content="fi">\s*<h1 id="new">Uusi sivu', html)
    assert re.search(r'<ul class="md-nav__list" data-md-component="toc" lang="fi"', html)
    # Marked in every English page's navigation, never in the Finnish one.
    marker = re.compile(r'href="(?:\.\./)?uusi/"[^>]*>\s*<span class="md-ellipsis">\s*uusi<span class="handbook-translation-marker" data-translation-status="missing"> \(<abbr title="in Finnish only">FI</abbr>\)</span>')
    assert marker.search(site.html("en/index.html")) and marker.search(site.html("en/historia/index.html"))
    assert "handbook-translation-marker" not in site.html("uusi/index.html")
    assert "data-translation-status" not in site.html("en/historia/index.html").split("md-content")[1]


def test_outdated_page_warns_at_the_pin_and_names_changed_sections(tmp_path: Path):
    changed = FI_PAGE.replace("Toimipaikkoja on kolme.", "Toimipaikkoja on neljä.")
    site = build(tmp_path, site_files(**{"docs/fi/historia.md": changed}))
    set_mtime(tmp_path / "docs/fi/historia.md", datetime(2026, 3, 12, 9, 0, tzinfo=UTC))
    site = build_site(tmp_path / "mkdocs.yml", tmp_path / "site", strict=False)
    (line,) = track_lines(site)
    assert re.fullmatch(
        r'INFO:docs/en/historia\.md:3: outdated: docs/fi/historia\.md changed since this translation was pinned '
        r'\(major change, sections: localities \(changed\); changed 2026-03-12, \d+ days ago, from the file date\); review, then handbook translations ack historia\.md',
        line,
    )
    html = site.html("en/historia/index.html")
    notice = re.search(r'<aside[^>]*data-translation-status="outdated"[^>]*>(.*?)</aside>', html, re.DOTALL).group(1)
    assert '<time datetime="2026-03-12">12 March 2026</time>' in notice
    assert '<span class="handbook-changed-section">Localities</span>.' in notice
    assert '<a href="../../historia/" hreflang="fi">' in notice
    assert 'lang="fi" data-translation-content' not in html
    record = page_record(site, "historia.md")
    assert (record["status"], record["sections"], record["changed_from"]) == ("outdated", ["localities"], "mtime")


def test_outdated_notice_marks_a_new_finnish_section_title_as_finnish(tmp_path: Path):
    changed = FI_PAGE + "\n## Uusi osio {#new-part}\n\nTeksti.\n"
    site = build(tmp_path, site_files(**{"docs/fi/historia.md": changed}))
    html = site.html("en/historia/index.html")
    assert '<span class="handbook-changed-section" lang="fi">Uusi osio</span>.' in html
    assert page_record(site, "historia.md")["sections"] == ["new-part"]


def test_a_finnish_edit_never_fails_the_strict_build(tmp_path: Path):
    # The Finnish source never waits for the translation: the English twin is shown as outdated.
    site = build(tmp_path, site_files(**{"docs/fi/index.md": FI_INDEX.replace("Teksti.", "Uusi teksti.")}), strict=True)
    assert not site.aborted, site.log
    assert any("outdated: docs/fi/index.md changed" in line for line in site.infos())
    assert 'data-translation-status="outdated"' in site.html("en/index.html")


def test_a_translation_can_still_be_made_to_fail_the_build_when_outdated(tmp_path: Path):
    files = site_files(**{"docs/fi/index.md": FI_INDEX.replace("Teksti.", "Uusi teksti.")})
    site = build(tmp_path, files, strict=True, extra={"translation_track": {"warn": ["outdated", "orphan", "drifted"]}})
    assert site.aborted


def test_live_preview_shows_an_outdated_page_instead_of_stopping(tmp_path: Path):
    # An author editing Finnish under `make serve` must keep a live preview.
    write_site(tmp_path, site_files(**{"docs/fi/index.md": FI_INDEX.replace("Teksti.", "Uusi teksti.")}))
    served = build_site(tmp_path / "mkdocs.yml", tmp_path / "served", strict=True, command="serve")
    assert not served.aborted
    assert any("outdated: docs/fi/index.md changed" in line for line in served.infos())
    assert 'data-translation-status="outdated"' in served.html("en/index.html")
    built = build_site(tmp_path / "mkdocs.yml", tmp_path / "built", strict=True, command="build")
    assert not built.aborted


def test_cosmetic_source_edit_does_not_flag_the_translation(tmp_path: Path):
    rewrapped = FI_PAGE.replace("aloitti vuonna 2006 Helsingissä.", "aloitti\nvuonna 2006   Helsingissä.\n").replace("description: Sivu", "description: Uusi kuvaus")
    site = build(tmp_path, site_files(**{"docs/fi/historia.md": rewrapped}), strict=True)
    assert not site.aborted and track_lines(site) == []
    assert page_record(site, "historia.md")["status"] == "translated"


def test_editing_only_the_translation_does_not_clear_outdated(tmp_path: Path):
    """The false sync of date-based tools: touching the English file is not a review."""
    files = site_files(**{"docs/fi/historia.md": FI_PAGE.replace("kolme", "neljä")})
    files["docs/en/historia.md"] = files["docs/en/historia.md"].replace("three localities", "four localities")
    site = build(tmp_path, files)
    time.sleep(0.01)
    (tmp_path / "docs/en/historia.md").touch()
    site = build_site(tmp_path / "mkdocs.yml", tmp_path / "site", strict=False)
    assert page_record(site, "historia.md")["status"] == "outdated"


def test_unpinned_page_informs_and_is_never_current(tmp_path: Path):
    site = build(tmp_path, site_files(**{"docs/en/historia.md": EN_PAGE}), strict=True)
    assert not site.aborted
    assert track_lines(site) == [
        'INFO:docs/en/historia.md:1: unpinned: no source_hash, so nobody knows whether it matches docs/fi/historia.md; after review pin it: handbook translations ack historia.md'
    ]
    assert page_record(site, "historia.md")["status"] == "unpinned"
    # Readers are told that nobody has checked the English against the Finnish.
    notice = re.search(r'<aside[^>]*data-translation-status="unpinned"[^>]*>(.*?)</aside>', site.html("en/historia/index.html"), re.DOTALL)
    assert notice and "Nobody has yet confirmed" in notice.group(1)
    assert '<a href="../../historia/" hreflang="fi">' in notice.group(1)


def test_orphan_warns_and_suggests_the_renamed_source(tmp_path: Path):
    files = site_files(**{"docs/fi/historia.md": None, "docs/en/historia.md": None})
    files["docs/fi/historia-ja-toimipaikat.md"] = FI_PAGE
    files["docs/en/historia.md"] = pinned(EN_PAGE, FI_PAGE, "historia.md")
    site = build(tmp_path, files)
    assert "WARNING:docs/en/historia.md: orphan: no Finnish source (docs/fi/historia.md); renamed to docs/fi/historia-ja-toimipaikat.md?" in track_lines(site)
    assert page_record(site, "historia.md")["suggestion"] == "docs/fi/historia-ja-toimipaikat.md"


def test_drifted_page_warns_at_the_section_heading(tmp_path: Path):
    files = site_files()
    files["docs/en/historia.md"] = files["docs/en/historia.md"].replace("in 2006", "in 2016")
    site = build(tmp_path, files)
    assert track_lines(site) == [
        "WARNING:docs/en/historia.md:10: drifted: section 'history': numbers differ from docs/fi/historia.md:5 (2006 not in the English text; 2016 not in the Finnish text)"
    ]
    assert page_record(site, "historia.md")["status"] == "drifted"
    notice = re.search(r'<aside[^>]*data-translation-status="drifted"[^>]*>(.*?)</aside>', site.html("en/historia/index.html"), re.DOTALL)
    assert notice and "not the same as in the Finnish original" in notice.group(1)
    # A translated page carries no notice at all.
    assert "handbook-translation-notice" not in site.html("en/index.html")


def test_draft_scaffold_is_served_as_untranslated(tmp_path: Path):
    files = site_files()
    files["docs/en/historia.md"] = engine.scaffold(engine.parse_document(FI_PAGE, "docs/fi/historia.md"), renderer=RENDER)
    site = build(tmp_path, files, strict=True)
    assert not site.aborted
    assert page_record(site, "historia.md")["status"] == "draft"
    html = site.html("en/historia/index.html")
    assert 'data-translation-status="missing"' in html and '<div lang="fi" data-translation-content="fi">' in html


def test_which_statuses_warn_is_configurable(tmp_path: Path):
    files = site_files(**{"docs/fi/index.md": FI_INDEX.replace("Teksti.", "Uusi teksti."), "docs/fi/uusi.md": "# Uusi\n"})
    site = build(tmp_path, files, extra={"translation_track": {"warn": ["missing"]}})
    levels = {line.split(":", 2)[1]: line.split(":", 1)[0] for line in track_lines(site)}
    assert levels == {"docs/en/index.md": "INFO", "docs/fi/uusi.md": "WARNING"}


def test_broken_settings_fail_with_a_clean_message(tmp_path: Path):
    site = build(tmp_path, site_files(), extra={"translation_track": {"warn": ["stale"]}})
    assert site.aborted
    assert "ERROR:mkdocs.yml:" + str(_config_line(tmp_path / "mkdocs.yml", "warn")) + ": extra.translation_track.warn: 'stale' is not a status (choose from " + ", ".join(engine.STATUSES) + ")" in site.log, site.log
    assert not any("Traceback" in line for line in site.log)


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ({"max_outdated_days": "30"}, "extra.translation_track.max_outdated_days: '30' is not a whole number of days (write a number such as 30, or null for no limit)"),
        ({"warn": "outdated"}, "extra.translation_track.warn: expected a list such as [translated, outdated], got 'outdated'"),
        ({"grace": 3}, "extra.translation_track: unknown setting 'grace' (valid: fail_on, languages, max_outdated_days, overdue_blocks_publish, source_language, status_page, warn)"),
    ],
)
def test_every_settings_mistake_is_one_located_line_with_the_choices(tmp_path: Path, block: dict, message: str):
    site = build(tmp_path, site_files(), extra={"translation_track": block})
    key = next(iter(block))
    errors = [line for line in site.log if line.startswith("ERROR:")]
    assert site.aborted and len(errors) == 1, site.log
    line = _config_line(tmp_path / "mkdocs.yml", key if key != "grace" else "grace")
    assert errors[0] == f"ERROR:mkdocs.yml:{line}: {message}"


def test_null_means_no_limit_and_a_missing_key_keeps_the_default():
    assert engine.read_settings({"translation_track": {"max_outdated_days": None}}).max_outdated_days is None
    assert engine.read_settings({}).max_outdated_days == 30
    assert engine.read_settings({}).warn == ("orphan", "drifted")


def _config_line(config_file: Path, key: str) -> int:
    lines = config_file.read_text(encoding="utf-8").splitlines()
    return next(number for number, text in enumerate(lines, 1) if text.strip().startswith(f"{key}:"))


def test_bad_input_in_a_build_is_a_located_warning(tmp_path: Path):
    files = site_files()
    files["docs/en/historia.md"] = "---\ndescription: a: b\n---\n\n# History {#history}\n"
    site = build(tmp_path, files)
    assert "WARNING:docs/en/historia.md:2: front matter is not valid YAML: mapping values are not allowed here; quote a value that contains ': '" in track_lines(site)
    files["docs/en/historia.md"] = pinned(EN_PAGE, FI_PAGE, "historia.md").replace("source_hash: sha256:", "source_hash: sha1:")
    site = build(tmp_path / "second", files)
    assert any(line.startswith("INFO:docs/en/historia.md:3: outdated: the pin cannot be trusted (source_hash 'sha1:") for line in track_lines(site))


def test_status_page_and_json_report(tmp_path: Path):
    site = build(tmp_path, site_files(**{"docs/fi/uusi.md": "# Uusi sivu {#new}\n"}))
    report = status_json(site)
    assert report["source"] == "fi"
    assert datetime.fromisoformat(report["generated"]).tzinfo is not None
    assert report["languages"]["en"]["summary"] == {"translated": 3, "outdated": 0, "drifted": 0, "unpinned": 0, "draft": 0, "missing": 1, "orphan": 0}
    assert [p["path"] for p in report["languages"]["en"]["pages"]] == ["historia.md", "index.md", "kaannostilanne.md", "uusi.md"]
    assert not (site.site_dir / "en" / "translation-status.json").exists()
    for page, missing_label in (("kaannostilanne/index.html", "puuttuu"), ("en/kaannostilanne/index.html", "missing")):
        row = re.search(r"<tr>\s*<td><a href=\"[^\"]*uusi/\">Uusi sivu</a><br><code>uusi.md</code></td>\s*<td>([^<]*)</td>", site.html(page))
        assert row and row.group(1) == missing_label, page
    assert "Total (en, 4): translated 3 · missing 1." in site.html("en/kaannostilanne/index.html")


def test_building_twice_in_one_process_reports_each_problem_once(tmp_path: Path):
    files = site_files(**{"docs/fi/uusi.md": "# Uusi\n", "docs/fi/index.md": FI_INDEX.replace("Teksti.", "Muutettu.")})
    config = write_site(tmp_path, files)
    first = build_site(config, tmp_path / "one", strict=False)
    second = build_site(config, tmp_path / "two", strict=False)
    assert len(track_lines(first)) == 2 and len(set(track_lines(first))) == 2
    assert track_lines(second) == track_lines(first)
    assert (tmp_path / "two" / "translation-status.json").is_file()


# --- Command line


def test_cli_status_table_summary_and_policy(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path.parent)  # paths come from the config file, not from here
    files = site_files(**{"docs/fi/uusi.md": "# Uusi\n", "docs/fi/historia.md": FI_PAGE.replace("kolme", "neljä")})
    config = write_site(tmp_path, files)
    set_mtime(tmp_path / "docs/fi/historia.md", datetime.now(UTC).replace(microsecond=0) - timedelta(days=40, hours=1))
    code, out, err = run_cli(capsys, config, "status")
    assert re.search(r"^historia\.md\s+outdated\s+major\s+40  localities \(changed\)$", out, re.MULTILINE)
    assert re.search(r"^uusi\.md\s+missing\s+-\s+-  -$", out, re.MULTILINE)
    assert out.rstrip().endswith("en: 4 pages: translated 2, outdated 1, missing 1; dates from mtime")
    assert code == 1 and "policy: en/historia.md: outdated for 40 days (limit 30)" in err
    assert run_cli(capsys, config, "status", "--max-outdated-days", "60")[0] == 0
    code, out, _ = run_cli(capsys, config, "status", "--json", "--max-outdated-days", "60")
    data = json.loads(out)
    assert code == 0 and data["languages"]["en"]["summary"]["outdated"] == 1 and data["policy"]["violations"] == []


def test_cli_reports_unreadable_files_without_a_traceback(tmp_path: Path, capsys):
    files = site_files()
    config = write_site(tmp_path, files)
    (tmp_path / "docs/en/historia.md").write_bytes(b"---\ndescription: x\n---\n# Hist\xf6ry\n")
    code, out, err = run_cli(capsys, config, "status")
    assert code == 1
    assert "docs/en/historia.md:4: not UTF-8 text (byte 0xf6 at offset 29); save it as UTF-8" in out
    assert "Traceback" not in out + err


def test_cli_ack_touches_only_the_pin(tmp_path: Path, capsys):
    files = site_files(**{"docs/fi/historia.md": FI_PAGE.replace("kolme", "neljä")})
    files["docs/en/historia.md"] = files["docs/en/historia.md"].replace("# History", "# History  ").replace("Helsinki.", "Helsinki.\n\n\n")
    config = write_site(tmp_path, files)
    target = tmp_path / "docs/en/historia.md"
    before = target.read_bytes()
    code, out, _ = run_cli(capsys, config, "ack", "docs/en/historia.md")
    after = target.read_bytes()
    assert code == 0 and out.startswith("docs/en/historia.md: pinned to docs/fi/historia.md")

    def strip(raw: bytes) -> bytes:
        return re.sub(rb'(?m)^(source_hash: .*|source_sections:|  [a-z-]+: "[0-9a-f]{8}")\n', b"", raw)

    assert strip(after) == strip(before) and after != before
    assert [p.name for p in target.parent.iterdir() if p.name.startswith(".")] == []  # no temporary file left
    code, out, _ = run_cli(capsys, config, "status")
    assert re.search(r"^historia\.md\s+translated", out, re.MULTILINE)
    assert run_cli(capsys, config, "ack", "historia.md")[1] == "docs/en/historia.md: already pinned to the current docs/fi/historia.md\n"


def test_cli_ack_all_pins_every_translation(tmp_path: Path, capsys):
    files = site_files(**{"docs/en/historia.md": EN_PAGE, "docs/en/index.md": EN_INDEX})
    config = write_site(tmp_path, files)
    code, out, _ = run_cli(capsys, config, "ack", "--all")
    assert code == 0 and out.count(": pinned to ") == 2
    assert json.loads(run_cli(capsys, config, "status", "--json")[1])["languages"]["en"]["summary"]["translated"] == 3


def test_cli_new_scaffolds_a_draft_twin(tmp_path: Path, capsys):
    files = site_files(**{"docs/en/historia.md": None})
    config = write_site(tmp_path, files)
    code, out, _ = run_cli(capsys, config, "new", "historia.md")
    assert code == 0 and out.startswith("docs/en/historia.md: created as a draft of docs/fi/historia.md")
    scaffold = engine.read_document(tmp_path / "docs/en/historia.md", tmp_path)
    source = engine.parse_document(FI_PAGE, "fi.md")
    assert [(s.key, s.level) for s in engine.split_sections(scaffold)] == [(s.key, s.level) for s in engine.split_sections(source)]
    assert scaffold.meta["translation"] == "draft" and scaffold.meta["description"] == "Sivu"
    assert engine.read_pin(scaffold).source_hash == RENDER.page(source, "historia.md").hash
    code, out, _ = run_cli(capsys, config, "status")
    assert re.search(r"^historia\.md\s+draft", out, re.MULTILINE)
    code, _, err = run_cli(capsys, config, "new", "historia.md")
    assert code == 2 and "docs/en/historia.md already exists" in err


@pytest.mark.slow
def test_cli_diff_uses_git_history_of_the_pinned_source(tmp_path: Path, capsys):
    config = write_site(tmp_path, site_files())
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "pinned", when=datetime(2026, 1, 5, 12, tzinfo=UTC))
    source = tmp_path / "docs/fi/historia.md"
    source.write_text(FI_PAGE.replace("Toimipaikkoja on kolme.", "Toimipaikkoja on neljä."), encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "four", when=datetime(2026, 2, 1, 12, tzinfo=UTC))
    source.write_text(source.read_text(encoding="utf-8").replace("Katso", "Lue"), encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "read", when=datetime(2026, 2, 20, 12, tzinfo=UTC))
    code, out, _ = run_cli(capsys, config, "diff", "historia.md")
    assert code == 0
    assert out.startswith("docs/fi/historia.md: changed on 2026-02-01 (date from git); changed sections: localities (text changed), publications (text changed)\n")
    assert "compared with commit" in out and "(2026-01-05)" in out
    assert "--- section 'localities' (docs/fi/historia.md:9): text changed\n- note > paragraph: Toimipaikkoja on kolme.\n+ note > paragraph: Toimipaikkoja on neljä.\n" in out
    assert "- paragraph: Katso [tavoitteet](/#home).\n+ paragraph: Lue [tavoitteet](/#home).\n" in out
    assert "section 'history'" not in out
    record = json.loads(run_cli(capsys, config, "status", "--json")[1])["languages"]["en"]["pages"][0]
    assert (record["changed"], record["changed_from"]) == ("2026-02-01T12:00:00+00:00", "git")


def test_cli_diff_without_git_says_so(tmp_path: Path, capsys):
    config = write_site(tmp_path, site_files(**{"docs/fi/historia.md": FI_PAGE.replace("kolme", "neljä")}))
    code, out, _ = run_cli(capsys, config, "diff", "historia.md")
    assert code == 0
    assert "cannot show the old text: there is no git history here. Current text of the changed sections:" in out
    assert "--- section 'localities' (docs/fi/historia.md:9)\n  heading 2: Toimipaikat\n  admonition: note: Huomio\n  note > paragraph: Toimipaikkoja on neljä.\n" in out


def test_make_translations_runs_the_tool(repo_root: Path):
    # -o: never reinstall the environment from inside a test.
    done = subprocess.run(["make", "-s", "-o", ".venv/.installed-lock", "translations", 'ARGS=status --json --max-outdated-days 100000 --fail-on='], cwd=repo_root, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert set(json.loads(done.stdout)["languages"]) == {"en"}


# --- The real handbook


def test_real_handbook_publishes_the_translation_report(handbook_site: BuiltSite):
    report = json.loads((handbook_site.site_dir / "translation-status.json").read_text(encoding="utf-8"))
    fi_pages = sorted(p.relative_to(REPO_ROOT / "docs/fi").as_posix() for p in (REPO_ROOT / "docs/fi").rglob("*.md"))
    assert [p["path"] for p in report["languages"]["en"]["pages"]] == fi_pages
    assert "<table>" in handbook_site.html("en/kaannostilanne/index.html")


def test_real_handbook_has_every_page_translated(handbook_site: BuiltSite):
    """Passes once every English page is reviewed and pinned (`handbook translations ack --all`)."""
    report = json.loads((handbook_site.site_dir / "translation-status.json").read_text(encoding="utf-8"))
    not_done = {p["path"]: p["status"] for p in report["languages"]["en"]["pages"] if p["status"] != "translated"}
    assert not_done == {}
