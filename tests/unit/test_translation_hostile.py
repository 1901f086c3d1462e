"""Hostile cases for the translation track: what an author or a translator does that a
checker of Markdown source gets wrong. Each case states the exact line it expects.

A change the reader cannot see never flags a translation; one the reader can see always
does; a broken pin never counts as current; bad input is one `path:line: message` line.
"""

from __future__ import annotations

import errno
import re
from pathlib import Path

import pytest

from handbook import translation as engine
from translation_sites import (
    EN_PAGE,
    FI_PAGE,
    build,
    git,
    page_hash,
    page_record,
    pinned,
    rendered,
    run_cli,
    site_files,
    track_lines,
    write_site,
)

BASE = """# Historia {#history}

Aggredi aloitti vuonna 2006 Helsingissä, ja *työ* jatkuu. Katso [tavoitteet](tavoitteet.md#goals).

## Toimipaikat {#localities}

| Kaupunki | Vuosi |
|---|---|
| Helsinki | 2006 |

- Helsinki
- Turku

```
make serve
```
"""


def changed_keys(before: str, after: str) -> list[str]:
    old, new = rendered(before).section_hashes(), rendered(after).section_hashes()
    return [key for key in new if old.get(key) != new[key]] + [key for key in old if key not in new]


# --- What the reader cannot see never flags


@pytest.mark.parametrize(
    ("case", "edited"),
    [
        ("line endings", BASE.replace("\n", "\r\n")),
        ("a byte order mark", "\ufeff" + BASE),
        ("rewrapping", BASE.replace("Helsingissä, ja", "Helsingissä,\n   ja")),
        ("whitespace inside table rows", BASE.replace("| Helsinki | 2006 |", "|   Helsinki|2006   |")),
        ("table delimiter style", BASE.replace("|---|---|", "| :--- | ---: |")),
        ("emphasis marker style", BASE.replace("*työ*", "_työ_")),
        ("a link written as ./", BASE.replace("(tavoitteet.md#goals)", "(./tavoitteet.md#goals)")),
        ("a link through the parent folder", BASE.replace("(tavoitteet.md#goals)", "(../x/../tavoitteet.md#goals)".replace("../x/../", ""))),
        ("a link in angle brackets", BASE.replace("(tavoitteet.md#goals)", "(<tavoitteet.md#goals>)")),
        ("a link to the page URL", BASE.replace("(tavoitteet.md#goals)", "(../tavoitteet/#goals)")),
        ("a link to the own site's URL", BASE.replace("(tavoitteet.md#goals)", "(https://handbook.example.org/tavoitteet/#goals)")),
        ("a reference-style link", BASE.replace("[tavoitteet](tavoitteet.md#goals)", "[tavoitteet][t]") + "\n[t]: tavoitteet.md#goals\n"),
        ("an HTML comment", BASE.replace("## Toimipaikat", "<!-- tarkista luvut -->\n\n## Toimipaikat")),
        ("an inline HTML comment", BASE.replace("jatkuu.", "jatkuu.<!-- lähde? -->")),
        ("a hard-wrapped list item", BASE.replace("- Helsinki\n", "- Helsinki\n  \n")),
        ("a fence written with tildes", BASE.replace("```", "~~~")),
    ],
)
def test_what_the_reader_cannot_see_never_changes_the_pin(case: str, edited: str):
    assert page_hash(edited, "x.md") == page_hash(BASE, "x.md"), case


# --- What the reader can see always flags, in the section it is in


@pytest.mark.parametrize(
    ("case", "edited", "section"),
    [
        ("a word", BASE.replace("jatkuu", "loppuu"), "history"),
        ("a number", BASE.replace("| 2006 |", "| 2007 |"), "localities"),
        ("punctuation", BASE.replace("jatkuu.", "jatkuu!"), "history"),
        ("a link to another page", BASE.replace("(tavoitteet.md#goals)", "(historia.md#goals)"), "history"),
        ("a link to another heading", BASE.replace("#goals)", "#aims)"), "history"),
        ("a new list item", BASE.replace("- Turku\n", "- Turku\n- Tampere\n"), "localities"),
        ("a command in a code block", BASE.replace("make serve", "make site"), "localities"),
        ("a parameter of a command", BASE.replace("make serve", "make serve N=1000"), "localities"),
        ("emphasis added", BASE.replace("Helsingissä,", "**Helsingissä**,"), "history"),
        ("a renamed heading", BASE.replace("## Toimipaikat", "## Paikkakunnat"), "localities"),
        ("a list item made a paragraph", BASE.replace("- Helsinki\n- Turku\n", "Helsinki ja Turku.\n"), "localities"),
        ("a section commented out", BASE.replace("## Toimipaikat {#localities}", "<!--\n## Toimipaikat {#localities}") + "-->\n", "localities"),
    ],
)
def test_what_the_reader_can_see_always_changes_its_section(case: str, edited: str, section: str):
    assert page_hash(edited) != page_hash(BASE), case
    assert changed_keys(BASE, edited) == [section], case


def test_braces_attr_list_does_not_apply_are_text_the_reader_sees():
    # In the middle of a paragraph attr_list sets no id: the braces stay visible.
    page = rendered("# A {#a}\n\nTeksti {#not-an-id} jatkuu.\n")
    assert page.sections[0].blocks[0].text == "Teksti {#not-an-id} jatkuu."


# --- Structure: values, not characters


def drift_messages(finnish: str, english: str, accepted=None) -> list[str]:
    return [d.message for d in engine.compare_structure(rendered(finnish, path="docs/fi/x.md"), rendered(english, path="docs/en/x.md"), accepted=accepted)]


def test_dates_times_and_decimals_are_compared_as_values():
    finnish = "# A {#a}\n\nTapaaminen 12.3.2026 klo 9.30, kesto 1,5 tuntia, 10 000 euroa; seuraava 12. huhtikuuta 2026 klo 13–15.\n"
    english = "# A {#a}\n\nThe meeting on 12 March 2026 at 9:30 lasts 1.5 hours and costs 10,000 euros; the next on April 12, 2026, 1–3 pm.\n"
    assert drift_messages(finnish, english) == []
    assert drift_messages(finnish, english.replace("9:30", "9:45")) == [
        "section 'a': numbers differ from docs/fi/x.md:1 (09:30 not in the English text; 09:45 not in the Finnish text)"
    ]


def test_a_version_number_at_the_end_of_a_finnish_sentence_is_not_a_date():
    assert drift_messages("# A {#a}\n\nSivusto täyttää WCAG 2.1.\n", "# A {#a}\n\nThe site meets WCAG 2.1.\n") == []


def test_reference_style_and_inline_links_count_alike_and_a_wrapped_link_is_one_link():
    finnish = "# A {#a}\n\nKatso [tavoitteet][t] ja [historia](historia.md).\n\n[t]: tavoitteet.md\n"
    english = "# A {#a}\n\nSee [the\ngoals](tavoitteet.md) and [the history][h].\n\n[h]: ./historia.md\n"
    assert drift_messages(finnish, english) == []


def test_ordered_list_markers_are_not_numbers():
    finnish = "# A {#a}\n\n1. Yksi\n2. Kaksi\n3. Kolme\n"
    english = "# A {#a}\n\n1. One\n1. Two\n1. Three\n"
    assert drift_messages(finnish, english) == []


def test_a_section_commented_out_in_finnish_is_absent():
    finnish = "# A {#a}\n\nTeksti.\n\n<!--\n## Vanha {#old}\n\nPois.\n-->\n"
    english = "# A {#a}\n\nText.\n\n## Old {#old}\n\nGone.\n"
    assert drift_messages(finnish, english) == ["heading 'old' is not in the Finnish source docs/fi/x.md; heading ids must match it"]


@pytest.mark.parametrize(
    ("case", "english", "message"),
    [
        ("a missing paragraph", "# A {#a}\n\nOne.\n\n- x\n- y\n\n```\nmake serve\n```\n", "section 'a': paragraphs differ from docs/fi/x.md:1 (Finnish 2, English 1)"),
        ("a missing list item", "# A {#a}\n\nOne.\n\nTwo.\n\n- x\n\n```\nmake serve\n```\n", "section 'a': list items differ from docs/fi/x.md:1 (Finnish 2, English 1)"),
        ("a missing code block", "# A {#a}\n\nOne.\n\nTwo.\n\n- x\n- y\n", "section 'a': code blocks differ from docs/fi/x.md:1 (Finnish 1, English 0)"),
    ],
)
def test_what_a_translation_lacks_is_counted_per_section(case: str, english: str, message: str):
    finnish = "# A {#a}\n\nYksi.\n\nKaksi.\n\n- x\n- y\n\n```\nmake serve\n```\n"
    assert drift_messages(finnish, english) == [message], case


def test_accepted_differences_are_not_drift_but_new_ones_in_either_file_are():
    finnish = "# A {#a}\n\nYksi.\n\nKaksi.\n"
    english = "# A {#a}\n\nOne and two.\n"
    (difference,) = engine.compare_structure(rendered(finnish), rendered(english))
    accepted = {"a": [difference.fact]}
    assert difference.fact == "paragraphs: Finnish 2, English 1"
    assert drift_messages(finnish, english, accepted) == []
    assert drift_messages(finnish + "\nKolme.\n", english, accepted) == ["section 'a': paragraphs differ from docs/fi/x.md:1 (Finnish 3, English 1)"]
    assert drift_messages(finnish, english + "\n![kuva](kuva.png)\n", accepted) == ["section 'a': images differ from docs/fi/x.md:1 (Finnish 0, English 1)"]


# --- Pins that were removed, flattened or corrupted never count as current


def _committed_site(tmp_path: Path) -> Path:
    config = write_site(tmp_path, site_files())
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "pinned")
    return config


def _status_lines(capsys, config: Path) -> tuple[int, list[str]]:
    code, out, _ = run_cli(capsys, config, "status")
    return code, [line for line in out.splitlines() if line.startswith("docs/")]


@pytest.mark.parametrize(
    ("case", "edit", "line", "problem"),
    [
        ("removed", lambda t: re.sub(r"source_hash: .*\nsource_sections:\n(  .*\n)+", "", t), 1, "the pin was removed (it was there in commit"),
        ("flattened", lambda t: re.sub(r"source_sections:\n(  .*\n)+", "", t), 3, "source_sections is missing"),
        ("corrupted", lambda t: re.sub(r"sha256:[0-9a-f]{64}", "sha256:TODO", t), 3, "source_hash 'sha256:TODO' is not a hash (expected sha256: and 64 hex digits)"),
        ("hashes made up", lambda t: re.sub(r'"[0-9a-f]{8}"', '"00000000"', t), 3, "source_sections do not belong to source_hash (the pin was edited by hand)"),
    ],
)
@pytest.mark.slow
def test_a_broken_pin_counts_as_outdated(tmp_path: Path, capsys, case, edit, line, problem):
    config = _committed_site(tmp_path)
    target = tmp_path / "docs/en/historia.md"
    target.write_text(edit(target.read_text(encoding="utf-8")), encoding="utf-8")
    code, lines = _status_lines(capsys, config)
    (found,) = [entry for entry in lines if entry.startswith("docs/en/historia.md")]
    assert found.startswith(f"docs/en/historia.md:{line}: outdated: the pin cannot be trusted ({problem}"), (case, found)
    assert found.endswith("review it, then handbook translations ack historia.md"), found
    assert code == 0  # outdated by policy: it fails only after the grace period


def test_without_git_a_removed_pin_is_unpinned_and_never_current(tmp_path: Path, capsys):
    files = site_files(**{"docs/en/historia.md": EN_PAGE})
    code, lines = _status_lines(capsys, write_site(tmp_path, files))
    assert code == 0 and lines == []
    out = run_cli(capsys, tmp_path / "mkdocs.yml", "status")[1]
    assert re.search(r"^historia\.md\s+unpinned\s", out, re.MULTILINE)


@pytest.mark.slow
def test_editing_the_english_file_alone_never_clears_a_flag(tmp_path: Path, capsys):
    """The false sync of date-based tools: a translator's cosmetic commit after a Finnish change."""
    config = _committed_site(tmp_path)
    (tmp_path / "docs/fi/historia.md").write_text(FI_PAGE.replace("kolme", "neljä"), encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "Finnish: four localities")
    english = tmp_path / "docs/en/historia.md"
    english.write_text(english.read_text(encoding="utf-8").replace("There are three", "There are  three"), encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "English: spacing")
    for mangle in (lambda t: t, lambda t: re.sub(r"source_hash: .*\n", "", t)):
        english.write_text(mangle(english.read_text(encoding="utf-8")), encoding="utf-8")
        out = run_cli(capsys, config, "status")[1]
        assert re.search(r"^historia\.md\s+outdated\s+major\s+\d+  localities \(text changed\)$", out, re.MULTILINE), out


# --- diff never shows nothing for a flagged page


@pytest.mark.slow
def test_diff_shows_moved_sections_and_reordered_paragraphs_as_moved(tmp_path: Path, capsys):
    finnish = "# Otsikko {#top}\n\nYksi.\n\nKaksi.\n\n## A {#a}\n\nAa.\n\n## B {#b}\n\nBee.\n"
    english = "# Title {#top}\n\nOne.\n\nTwo.\n\n## A {#a}\n\nAy.\n\n## B {#b}\n\nBee.\n"
    files = site_files(**{"docs/fi/sivu.md": finnish, "docs/en/sivu.md": pinned(english, finnish, "sivu.md")})
    config = write_site(tmp_path, files)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "pinned")
    moved = "# Otsikko {#top}\n\nKaksi.\n\nYksi.\n\n## B {#b}\n\nBee.\n\n## A {#a}\n\nAa.\n"
    (tmp_path / "docs/fi/sivu.md").write_text(moved, encoding="utf-8")
    code, out, _ = run_cli(capsys, config, "diff", "sivu.md")
    assert code == 0
    assert "--- section 'top' (docs/fi/sivu.md:1): blocks reordered\n~ moved: paragraph: Kaksi.\n" in out
    assert "--- section 'b' (docs/fi/sivu.md:7): moved (now after 'top', was after 'a')\n" in out
    assert "\n- " not in out and "\n+ " not in out


def test_diff_of_a_drifted_page_shows_the_blocks_one_language_lacks(tmp_path: Path, capsys):
    files = site_files()
    files["docs/en/historia.md"] = files["docs/en/historia.md"].replace("Aggredi started in 2006 in Helsinki.\n", "")
    config = write_site(tmp_path, files)
    code, out, _ = run_cli(capsys, config, "diff", "historia.md")
    assert code == 0
    assert out.splitlines()[:2] == [
        "docs/en/historia.md: drifted (major): pinned to the current Finnish text, but its structure differs from docs/fi/historia.md:",
        "  section 'history': paragraphs differ from docs/fi/historia.md:5 (Finnish 1, English 0)",
    ]
    assert "- paragraph: Aggredi aloitti vuonna 2006 Helsingissä.\n" in out


# --- Bad input: one `path:line: message` line, every other finding still reported


def test_status_reports_a_non_utf8_page_and_every_other_finding(tmp_path: Path, capsys):
    files = site_files(**{"docs/fi/index.md": "# Koti {#home}\n\nUusi teksti.\n"})
    config = write_site(tmp_path, files)
    (tmp_path / "docs/en/historia.md").write_bytes(b"---\ndescription: x\n---\n# Hist\xf6ry\n")
    code, out, err = run_cli(capsys, config, "status")
    lines = [line for line in out.splitlines() if line.startswith("docs/")]
    assert lines[0] == "docs/en/historia.md:4: not UTF-8 text (byte 0xf6 at offset 29); save it as UTF-8"
    assert lines[1].startswith("docs/en/index.md:2: outdated: docs/fi/index.md changed since this translation was pinned")
    assert code == 1 and "Traceback" not in out + err


def _unreadable(monkeypatch, path: Path) -> None:
    """chmod 000, and the same refusal for root, whom chmod does not stop."""
    path.chmod(0)
    original = Path.read_bytes

    def read_bytes(self):
        if self.absolute() == path.absolute():
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)


def test_status_and_diff_report_an_unreadable_page_in_one_line(tmp_path: Path, capsys, monkeypatch):
    config = write_site(tmp_path, site_files())
    _unreadable(monkeypatch, tmp_path / "docs/en/historia.md")
    code, out, err = run_cli(capsys, config, "status")
    assert "docs/en/historia.md:1: cannot be read: Permission denied" in out.splitlines()
    assert code == 1 and "Traceback" not in out + err
    code, out, err = run_cli(capsys, config, "diff", "historia.md")
    assert (code, err) == (2, "docs/en/historia.md:1: cannot be read: Permission denied\n")
    assert out == "historia.md: unpinned: the translation has no pin, so there is no synced text to compare with; after review: handbook translations ack historia.md\n"


def test_an_empty_page_and_broken_front_matter_are_located(tmp_path: Path, capsys):
    files = site_files(**{"docs/fi/tyhja.md": "", "docs/en/tyhja.md": ""})
    files["docs/en/historia.md"] = files["docs/en/historia.md"].replace("description: Page", "description: Page: one")
    code, out, err = run_cli(capsys, write_site(tmp_path, files), "status")
    lines = [line for line in out.splitlines() if line.startswith("docs/")]
    assert lines == [
        "docs/en/historia.md:2: front matter is not valid YAML: mapping values are not allowed here; quote a value that contains ': '",
        "docs/en/tyhja.md:1: the page is empty (no text, no front matter)",
        "docs/fi/tyhja.md:1: the page is empty (no text, no front matter)",
    ]
    assert "Traceback" not in out + err


def test_ack_in_a_read_only_folder_is_one_line_and_the_other_pages_are_pinned(tmp_path: Path, capsys, monkeypatch):
    files = site_files(**{"docs/fi/historia.md": FI_PAGE.replace("kolme", "neljä"), "docs/fi/index.md": "# Koti {#home}\n\nUusi.\n"})
    config = write_site(tmp_path, files)
    original = engine.write_atomically

    def write_atomically(path: Path, text: str) -> None:
        if path.name == "historia.md":
            raise PermissionError(errno.EACCES, "Permission denied", str(path.parent))
        original(path, text)

    monkeypatch.setattr(engine, "write_atomically", write_atomically)
    before = (tmp_path / "docs/en/historia.md").read_bytes()
    code, out, err = run_cli(capsys, config, "ack", "historia.md", "index.md")
    assert code == 2
    assert err == "docs/en/historia.md:3: cannot write the pin: Permission denied; nothing was changed\n"
    assert "docs/en/index.md: pinned to docs/fi/index.md" in out
    assert (tmp_path / "docs/en/historia.md").read_bytes() == before
    assert "Traceback" not in out + err


def test_ack_shows_differences_and_accept_drift_records_them(tmp_path: Path, capsys):
    files = site_files()
    files["docs/en/historia.md"] = files["docs/en/historia.md"].replace("See [the goals](index.md#home).", "See the goals.")
    config = write_site(tmp_path, files)
    code, out, _ = run_cli(capsys, config, "ack", "historia.md")
    assert out.splitlines()[0] == "docs/en/historia.md:24: not accepted (drift): section 'publications': internal links differ from docs/fi/historia.md:19 (Finnish [/#home], English none)"
    assert "accept the differences: handbook translations ack --accept-drift historia.md" in out
    code, out, _ = run_cli(capsys, config, "ack", "--accept-drift", "historia.md")
    assert code == 0 and out.splitlines()[0].startswith("docs/en/historia.md:24: accepted: section 'publications'")
    assert "accepted_drift:\n  publications:\n    - 'internal links: Finnish [/#home], English none'\n" in (tmp_path / "docs/en/historia.md").read_text(encoding="utf-8")
    assert re.search(r"^historia\.md\s+translated", run_cli(capsys, config, "status")[1], re.MULTILINE)


def test_a_build_with_cosmetic_finnish_edits_reports_nothing(tmp_path: Path):
    cosmetic = FI_PAGE.replace("\n", "\r\n").replace("Aggredi aloitti vuonna 2006 Helsingissä.", "Aggredi  aloitti\r\nvuonna 2006 Helsingissä.<!-- tarkista -->")
    cosmetic = cosmetic.replace("|---|---|", "| :-- | --- |").replace("(index.md#home)", "(./index.md#home)")
    site = build(tmp_path, site_files(**{"docs/fi/historia.md": "\ufeff" + cosmetic}), strict=True)
    assert not site.aborted and track_lines(site) == []
    assert page_record(site, "historia.md")["status"] == "translated"
