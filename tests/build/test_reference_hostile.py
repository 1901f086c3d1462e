"""The reference check against an author trying to fool it: each case a fixture, each line exact.

The truth is what MkDocs renders and what the browser requests: text the reader never
sees never counts, a link the browser cannot follow always does, and every message
says what the reader gets and what to write instead. Bad input costs one line and
nothing else, in `handbook check` and in the build alike.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from handbook_sites import HOOKS_DIR, build_site
from test_reference_check import findings, fixture, site

# --- Text the reader never sees


HIDDEN = """# Muu {#muu}

    [koodissa](ei-ole.md)

<div>[html-lohkossa](ei-ole.md)</div>

<!-- [kommentissa](ei-ole.md)
[toinen](ei-ole.md) -->

`[span](ei-ole.md)` \\[escaped](ei-ole.md) ja [käyttämätön]: ei-ole.md

~~~
[aita](ei-ole.md)
~~~

[oikea](ei-ole.md) ja [teksti kahdella
rivillä](puuttuu.md)
"""


def test_text_the_reader_never_sees_never_counts_and_the_real_link_keeps_its_line(tmp_path: Path):
    # Code blocks, a code span, an HTML block without `markdown`, a comment and an escaped
    # bracket all write the same broken URL; only the link readers get is reported, at its line.
    assert site(tmp_path, {"docs/fi/muu.md": HIDDEN}) == [
        "docs/fi/muu.md:16:1: link to 'ei-ole.md' does not resolve (looked for docs/fi/ei-ole.md)",
        "docs/fi/muu.md:16:23: link to 'puuttuu.md' does not resolve (looked for docs/fi/puuttuu.md)",
    ]


def test_a_broken_definition_is_reported_once_where_it_is_written_and_an_unused_one_not_at_all(tmp_path: Path):
    text = "# Muu {#muu}\n\nViite [a][r] ja [b][r].\n\n[r]: rikki.md\n[vanha]: myos-rikki.md\n"
    assert site(tmp_path, {"docs/fi/muu.md": text}) == [
        "docs/fi/muu.md:5:1: link definition to 'rikki.md' does not resolve (looked for docs/fi/rikki.md)",
        "docs/fi/muu.md:6:1: link definition '[vanha]' is never used",
    ]


PLACES = """# Muu {#muu}

[eka](ei-ole.md)

    [koodissa](ei-ole.md)

!!! note "Huom"
    Katso [toka](ei-ole.md) ja [väli](<ei ole.md>).

| a | b |
|---|---|
| [taulukko](ei-ole.md "otsikko") | <https://handbook.example.org/muu/> |

[Suhteellinen](//handbook.example.org/en/) [Tyhjä](muu.md#) [Kysely](index.md?x=1#ei)
"""


def test_the_same_url_written_many_times_is_reported_at_each_place_readers_get_it(tmp_path: Path):
    # Inside an admonition, a table, angle brackets; the one in a code block is not a link.
    assert site(tmp_path, {"docs/fi/muu.md": PLACES}) == [
        "docs/fi/muu.md:3:1: link to 'ei-ole.md' does not resolve (looked for docs/fi/ei-ole.md)",
        "docs/fi/muu.md:8:11: link to 'ei-ole.md' does not resolve (looked for docs/fi/ei-ole.md)",
        "docs/fi/muu.md:8:32: link to 'ei ole.md' does not resolve (looked for docs/fi/ei ole.md)",
        "docs/fi/muu.md:12:3: link to 'ei-ole.md' does not resolve (looked for docs/fi/ei-ole.md)",
        "docs/fi/muu.md:12:37: link to 'https://handbook.example.org/muu/' is an absolute link to this site, which breaks in editions and local previews; write 'muu.md'",
        "docs/fi/muu.md:14:1: link to '//handbook.example.org/en/' is an absolute link to this site, which breaks in editions and local previews; write '../en/' and mark it {hreflang=en}",
        "docs/fi/muu.md:14:61: link to 'index.md?x=1#ei': docs/fi/index.md has no id 'ei'",
    ]


# --- Ids as MkDocs renders them


IDS = """# Muu {#muu}

Teksti {#keskella} jatkuu.

## Toisto

## Toisto

<div markdown id="yhteenveto">
Sisältö
</div>

## Yhteenveto

[a](#keskella) [b](#toisto_1) [c](#toisto_2) [d](#yhteenveto_1) [e](#yhteenveto)
"""


def test_ids_are_those_mkdocs_renders_with_its_de_duplication(tmp_path: Path):
    # `{#keskella}` in the middle of a paragraph is text, not an id; toc gives the second
    # "Toisto" `toisto_1` and "Yhteenveto" `yhteenveto_1` next to the md_in_html id.
    assert site(tmp_path, {"docs/fi/muu.md": IDS}) == [
        "docs/fi/muu.md:15:1: link to '#keskella': this page has no id 'keskella' (its '{#keskella}' is shown as text: attr_list reads it only at the end of a heading or a block)",
        "docs/fi/muu.md:15:31: link to '#toisto_2': this page has no id 'toisto_2'; did you mean '#toisto_1'?",
    ]


# --- What the browser requests


PROGRAMME = {
    "docs/fi/index.md": "# Koti\n\n[Muu](muu.md) [Ohjelma](ohjelma/index.md)\n",
    "docs/fi/ohjelma/index.md": '# Ohjelma\n\n[Kenelle](../kenelle/) [T](tavoitteet.md)\n\n<a href="kenelle.md">raaka</a> <a href="kenelle/">toimii</a>\n',
    "docs/fi/ohjelma/tavoitteet.md": '# Tavoitteet\n\n[Kenelle](../kenelle/) <a href="../kenelle.md">sekaisin</a> <a href="../kenelle/">toimii</a>\n',
    "docs/fi/ohjelma/kenelle.md": '# Kenelle {#kenelle}\n\n<img src="kuva.png" alt=""> ![Kuva](kuva.png)\n',
    "docs/fi/ohjelma/kuva.png": "png",
}
PROGRAMME_NAV = [{"Koti": "index.md"}, {"Muu": "muu.md"}, {"Ohjelma": "ohjelma/index.md"}, {"T": "ohjelma/tavoitteet.md"}, {"K": "ohjelma/kenelle.md"}]
PROGRAMME_LINES = [
    "docs/fi/ohjelma/index.md:3:1: link to '../kenelle/' is written as a web address, which MkDocs leaves as is: readers get /kenelle/, which does not exist; link the page's file 'kenelle.md'",
    "docs/fi/ohjelma/index.md:5:4: HTML link to 'kenelle.md' is left as written by MkDocs, so readers get /ohjelma/kenelle.md, which does not exist; write 'kenelle/' (the address of docs/fi/ohjelma/kenelle.md from this page), or use a Markdown link",
    "docs/fi/ohjelma/kenelle.md:3:6: HTML image 'kuva.png' is left as written by MkDocs, so readers get /ohjelma/kenelle/kuva.png, which does not exist; write '../kuva.png' (the address of docs/fi/ohjelma/kuva.png from this page), or use a Markdown image",
    "docs/fi/ohjelma/tavoitteet.md:3:1: link to '../kenelle/' is a page's web address, which MkDocs leaves as is (from this page's address it happens to reach /ohjelma/kenelle/, and it breaks when the text moves to another page); link the page's file 'kenelle.md'",
    "docs/fi/ohjelma/tavoitteet.md:3:27: HTML link to '../kenelle.md' leads readers to /ohjelma/kenelle.md, which does not exist; write '../kenelle/' (the address of docs/fi/ohjelma/kenelle.md from this page)",
]


def test_raw_html_and_page_addresses_are_judged_at_the_page_s_built_address(tmp_path: Path):
    # The same `../kenelle/` works from a page and breaks from an index page; raw HTML that
    # names a source file is a 404 for readers, while the built address that works passes.
    assert site(tmp_path, PROGRAMME, nav=PROGRAMME_NAV) == PROGRAMME_LINES


def test_raw_html_on_a_page_shown_untranslated_is_judged_in_the_english_site_too(tmp_path: Path):
    files = {"docs/fi/osio/index.md": '# Osio\n\n<img src="kuva.png" alt=""> ![Kuva](kuva.png)\n', "docs/fi/osio/kuva.png": "png"}
    assert site(tmp_path, files, nav=[{"Koti": "index.md"}, {"Muu": "muu.md"}, {"Osio": "osio/index.md"}]) == [
        "docs/fi/osio/index.md:3:6: in the English site, where this page is shown untranslated: HTML image 'kuva.png' leads readers to /en/osio/kuva.png, which does not exist (raw HTML is not rewritten for each language); write it as a Markdown image to 'kuva.png', which MkDocs writes for each language",
    ]


def test_edition_addresses_and_own_site_addresses_say_what_to_write(tmp_path: Path):
    page = "# Muu {#muu}\n\n[Painos](/latest/) [Vuosi](https://handbook.example.org/2026/en/muu/#muu) [Juuri](/muu/)\n"
    nav = [{"Koti": "index.md"}, {"Muu": "muu.md"}, {"Täysi": "https://handbook.example.org/muu/"}]
    lines = site(tmp_path, {"docs/fi/muu.md": page}, nav=nav, extra={"version": {"provider": "mike", "default": ["latest", "dev"]}})
    entry = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8").split("\n").index("- Täysi: https://handbook.example.org/muu/") + 1
    assert lines == [
        "docs/fi/muu.md:3:1: link to '/latest/' is an address in the published edition 'latest': from any other edition it takes readers to that edition, and in a local preview it leads nowhere; write 'index.md'",
        "docs/fi/muu.md:3:20: link to 'https://handbook.example.org/2026/en/muu/#muu' is an address in the published edition '2026': from any other edition it takes readers to that edition, and in a local preview it leads nowhere; write '../en/muu/#muu' and mark it {hreflang=en}",
        "docs/fi/muu.md:3:75: link to '/muu/' is an absolute link to this site, which breaks in editions and local previews; write 'muu.md'",
        f"mkdocs.yml:{entry}:10: nav entry 'https://handbook.example.org/muu/' is this site's full address, which MkDocs leaves as is: the menu of every edition and of a local preview leads to that one address instead of its own page; write 'muu.md'",
    ]


# --- Reachability


def test_pages_reached_only_from_unreachable_pages_are_orphans(tmp_path: Path):
    files = {"docs/fi/piilo.md": "# Piilo\n\n[Ketju](ketju.md)\n", "docs/fi/ketju.md": "# Ketju\n\n[Piilo](piilo.md)\n"}
    assert site(tmp_path, files) == [
        "docs/fi/ketju.md: the Finnish page is reachable from no nav entry and from no page readers can reach (only docs/fi/piilo.md links to it)",
        "docs/fi/piilo.md: the Finnish page is reachable from no nav entry and from no page readers can reach (only docs/fi/ketju.md links to it)",
    ]


# --- Bad input costs one line


BAD_INPUT = {
    "docs/fi/index.md": "# Koti\n\n[Muu](muu.md) [R](rikki.md) [T](tyhja.md) [L](lukittu.md) [S](tynka.md) [A](auki.md) [X](ei-ole.md)\n",
    "docs/fi/muu.md": "---\ndescription: [auki\n---\n\n# Muu\n",
    "docs/fi/tyhja.md": "",
    "docs/fi/tynka.md": "---\ndescription: Tynkä.\n---\n",
    "docs/fi/auki.md": "---\ndescription: Ei suljettu\n\n# Auki\n",
    "docs/fi/lukittu.md": "# Lukittu\n",
    "docs/en/index.md": "# Home\n\n[Other](muu.md)\n",
    "docs/en/muu.md": "# Other {#muu}\n",
}
BAD_NAV = [{"Koti": "index.md"}, {"Muu": "muu.md"}]
BAD_LINES = [
    "docs/fi/auki.md:1: front matter starts with '---' but has no closing '---' line, so readers see it as text",
    "docs/fi/index.md:3:86: link to 'ei-ole.md' does not resolve (looked for docs/fi/ei-ole.md)",
    "docs/fi/lukittu.md: cannot be read: Permission denied",
    "docs/fi/muu.md:3: front matter is not valid YAML: expected ',' or ']', but got '<stream end>'",
    "docs/fi/rikki.md:3: not UTF-8 text (byte 0xe4 at offset 10); save it as UTF-8",
    "docs/fi/tyhja.md:1: the page is empty, so readers get a blank page",
    "docs/fi/tynka.md:4: the page has front matter but no text, so readers get a blank page",
]


@pytest.fixture
def bad_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    config_file = fixture(tmp_path, BAD_INPUT, nav=BAD_NAV)
    # The handbook's own hooks around the check: the document store and the translation track,
    # which reports broken front matter too (the line is logged once).
    others = "".join(f"- {HOOKS_DIR / name}\n" for name in ("documents.py", "translation_track.py"))
    config_file.write_text(config_file.read_text(encoding="utf-8").replace("hooks:\n", "hooks:\n" + others), encoding="utf-8")
    (tmp_path / "docs/fi/rikki.md").write_bytes("# Rikki\n\nväärä".encode("latin-1"))
    locked = tmp_path / "docs/fi/lukittu.md"
    locked.chmod(0)
    if os.access(locked, os.R_OK):  # root reads anything: refuse it as the file system would
        real = Path.read_bytes

        def read_bytes(path: Path) -> bytes:
            if Path(path).name == "lukittu.md":
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    yield config_file
    locked.chmod(0o644)


def test_bad_input_costs_one_line_each_in_the_check(bad_input: Path):
    assert findings(bad_input) == BAD_LINES


def test_bad_input_costs_one_line_each_in_the_build(bad_input: Path, tmp_path: Path):
    built = build_site(bad_input, tmp_path / "site", strict=True)
    assert built.aborted  # strict: the lines above fail it, after every one was reported
    assert sorted(line for line in built.warnings() if line.removeprefix("handbook: ") in BAD_LINES) == ["handbook: " + line for line in BAD_LINES]
    assert not any("Traceback" in line or "Error reading page" in line for line in built.log)


def test_bad_input_on_the_command_line_is_one_line_each_never_a_traceback(tmp_path: Path):
    config_file = fixture(tmp_path, {**BAD_INPUT, "docs/fi/lukittu.md": "# Lukittu\n"}, nav=BAD_NAV)
    (tmp_path / "docs/fi/rikki.md").write_bytes("# Rikki\n\nväärä".encode("latin-1"))
    (tmp_path / "docs/fi/lukittu.md").unlink()
    (tmp_path / "docs/fi/lukittu.md").symlink_to(tmp_path / "poistettu.md")  # unreadable for root too
    result = subprocess.run([sys.executable, "-m", "handbook", "check", str(config_file)], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [line.replace("Permission denied", "No such file or directory") for line in BAD_LINES]
    assert "Traceback" not in result.stderr


# --- The build and the check agree


def test_the_build_reports_what_the_check_reports(tmp_path: Path):
    files = {**PROGRAMME, "docs/fi/muu.md": HIDDEN}
    config_file = fixture(tmp_path, {**_base(), **files}, nav=PROGRAMME_NAV)
    expected = [line for line in PROGRAMME_LINES] + [
        "docs/fi/muu.md:16:1: link to 'ei-ole.md' does not resolve (looked for docs/fi/ei-ole.md)",
        "docs/fi/muu.md:16:23: link to 'puuttuu.md' does not resolve (looked for docs/fi/puuttuu.md)",
    ]
    assert findings(config_file) == sorted(expected)
    built = build_site(config_file, tmp_path / "site", strict=False)
    assert [line.removeprefix("handbook: ") for line in built.warnings()] == sorted(expected)


def _base() -> dict[str, str]:
    return {
        "docs/fi/index.md": "# Koti\n\n[Muu](muu.md)\n",
        "docs/en/index.md": "# Home\n\n[Other](muu.md)\n",
        "docs/en/muu.md": "# Other {#muu}\n",
    }
