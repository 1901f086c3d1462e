"""The cross-reference checker: one fixture site per kind of finding, exact lines expected.

Most tests run the checker standalone (`check_site`, no rendering), which is what the
build hook runs too; the build tests prove the hook reports once per `mkdocs build`,
that --strict counts exactly the findings, and that -v changes nothing.
"""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from handbook import references as check
from handbook.references.standalone import render_site
from handbook_sites import REPO_ROOT, build_site, write_fixture_site

EXTENSIONS = [
    "attr_list",
    "md_in_html",
    "admonition",
    "footnotes",
    {"toc": {"permalink": True}},
    "pymdownx.superfences",
    {"pymdownx.highlight": {"anchor_linenums": True}},
    {"pymdownx.tabbed": {"alternate_style": True}},
    "pymdownx.details",
]
# What the handbook's mkdocs.yml sets: the checker owns every reference check.
VALIDATION = {
    "nav": {"omitted_files": "ignore", "not_found": "ignore", "absolute_links": "ignore"},
    "links": {"not_found": "ignore", "anchors": "ignore", "absolute_links": "ignore", "unrecognized_links": "ignore"},
}
NAV = [{"Koti": "index.md"}, {"Muu": "muu.md"}]


def fixture(tmp_path: Path, files: dict[str, str], *, nav=None, extra=None, snippets: bool = True) -> Path:
    extensions = list(EXTENSIONS)
    if snippets:
        extensions.append({"pymdownx.snippets": {"base_path": [str(tmp_path / "snippets")], "check_paths": True}})
    config = dict(markdown_extensions=extensions, validation=VALIDATION, nav=nav if nav is not None else NAV)
    if extra is not None:
        config["extra"] = extra
    (tmp_path / "snippets").mkdir(parents=True, exist_ok=True)
    return write_fixture_site(tmp_path, files, hooks=["reference_check.py"], **config)


def check_builds(settings):
    """What `handbook check` renders: every language's URLs and pages."""
    checker = check.Checker(settings)
    checker.read()
    return render_site(settings, checker.raw)


def findings(config_file: Path) -> list[str]:
    return [finding.format() for finding in check.check_site(check.settings_from_config(load_config(str(config_file))))]


def site(tmp_path: Path, files: dict[str, str], **options) -> list[str]:
    base = {
        "docs/fi/index.md": "# Koti\n\n[Muu](muu.md)\n",
        "docs/fi/muu.md": "# Muu {#muu}\n",
        "docs/en/index.md": "# Home\n\n[Other](muu.md)\n",
        "docs/en/muu.md": "# Other {#muu}\n",
    }
    base.update(files)
    return findings(fixture(tmp_path, base, **options))


# --- Zero findings on every legitimate form

LEGITIMATE_FI = """---
description: Kaikki sallitut muodot.
---

# Koti {#home}

## Dialoginen työote {#dialogical-approach}

## Työote ja ä

## Työote ja ä

[Oma otsikko](#dialogical-approach), [slug](#tyoote-ja-a), [toinen](#tyoote-ja-a_1),
[prosenttikoodattu](muu.md#k%C3%A4sitteet), [kappale](#kappale),
[koodirivi](#__codelineno-0-2), [nimetty koodi](#esimerkki), [rivi](#__codelineno-esimerkki-5),
[välilehti](#__tabbed_1_2), [html](#raaka), [vanha](#vanha-ankkuri), [alaviite](#fn:1).

Kappale, jolla on oma id.
{: #kappale }

[![Kuva](kuva.png)](muu.md#muu) ja ![Kuva](./kuva.png "otsikko").

Viite [lähde][lahde] ja [lyhyt][] ja [Muu].

[lahde]: muu.md#käsitteet
[lyhyt]: <muu.md>
[muu]: muu.md

<div markdown id="raaka">
[Sisällä](muu.md)
<a href="muu/#muu">HTML-linkki</a> <img src="kuva.png" alt="">
<a name="vanha-ankkuri"></a>
</div>

```python
print("rivi 1")
print("rivi 2")
```

```python {#esimerkki linenums="5"}
x = 1
```

=== "Yksi"
    Teksti.

=== "Kaksi"
    Teksti.

--8<-- "yhteinen.md"

--8<-- "osat.md:osa"

--8<-- "osat.md:2:2"

[Read this in English](en/muu/){hreflang=en} and <a href="en/" hreflang="en">English home</a>.

`[ei linkki](ei-ole.md)` eikä <!-- [tämäkään](ei-ole.md) -->

    ```
    [ei tämäkään](ei-ole.md)
    ```

Tekstiä[^1].

[^1]: Alaviite.

[Ulkoinen](https://www.helsinkimissio.fi/) ja <mailto:aggredi@example.org>.
"""

LEGITIMATE_FILES = {
    "docs/fi/index.md": LEGITIMATE_FI,
    "docs/fi/muu.md": "# Muu {#muu}\n\n## Käsitteet {#käsitteet}\n\n[Takaisin](index.md#home)\n",
    "docs/fi/kuva.png": "png",
    "docs/en/index.md": "# Home {#home}\n\n[Other](muu.md#käsitteet) and [Finnish](../muu/){hreflang=fi}\n",
    "docs/en/muu.md": "# Other {#muu}\n\n## Concepts {#käsitteet}\n",
    "snippets/yhteinen.md": "Yhteinen teksti, [linkki](muu.md#muu).\n",
    "snippets/osat.md": "--8<-- [start:osa]\n[Osa](muu.md#käsitteet)\n--8<-- [end:osa]\n",
}


def test_every_legitimate_form_gives_no_finding(tmp_path: Path):
    assert findings(fixture(tmp_path, LEGITIMATE_FILES)) == []


def test_ids_match_the_rendered_page(tmp_path: Path):
    """The ids the standalone check renders are the ids the build renders, no more, no fewer."""
    config_file = fixture(tmp_path, LEGITIMATE_FILES)
    built = build_site(config_file, tmp_path / "site", strict=False)
    article = built.html("index.html").split("<article", 1)[1].split("</article>", 1)[0]
    rendered = set(re.findall(r'\bid="([^"]+)"', article)) | set(re.findall(r'<a [^>]*\bname="([^"]+)"', article))
    settings = check.settings_from_config(load_config(str(config_file)))
    page = check_builds(settings).page("fi", "fi/index.md")
    assert page.rendering.id_set() == rendered
    # The deliberate cross-language link reaches the HTML as written and leads to a built page.
    assert '<a href="en/muu/" hreflang="en">' in article
    assert (tmp_path / "site" / "en" / "muu" / "index.html").is_file()


# --- One fixture per finding kind


def test_broken_page_link_names_file_line_column_and_suggests(tmp_path: Path):
    lines = site(tmp_path, {"docs/fi/menetelma/dialogi.md": "# Dialogi\n\nKatso [tämä](../ei-ole.md) ja\n[tuo](dialgi.md).\n", "docs/fi/index.md": "# Koti\n\n[Muu](muu.md) [D](menetelma/dialogi.md)\n"})
    assert lines == [
        "docs/fi/menetelma/dialogi.md:3:7: link to '../ei-ole.md' does not resolve (looked for docs/fi/ei-ole.md)",
        "docs/fi/menetelma/dialogi.md:4:1: link to 'dialgi.md' does not resolve (looked for docs/fi/menetelma/dialgi.md); did you mean 'dialogi.md'?",
    ]


def test_missing_image_and_asset(tmp_path: Path):
    lines = site(tmp_path, {"docs/fi/muu.md": "# Muu {#muu}\n\n![Kaavio](kaavio.svg)\n\n[Lomake](lomake.pdf)\n"})
    assert lines == [
        "docs/fi/muu.md:3:1: image 'kaavio.svg' does not resolve (looked for docs/fi/kaavio.svg)",
        "docs/fi/muu.md:5:1: link to 'lomake.pdf' does not resolve (looked for docs/fi/lomake.pdf)",
    ]


def test_case_mismatch_is_named_as_such(tmp_path: Path):
    lines = site(tmp_path, {"docs/fi/index.md": "# Koti\n\n[Muu](Muu.md)\n"})
    assert lines == [
        "docs/fi/index.md:3:1: link to 'Muu.md' differs in letter case from docs/fi/muu.md (works on a case-insensitive disk, breaks on the server); write 'muu.md'",
    ]


def test_a_link_to_a_page_the_build_leaves_out_says_so_not_a_letter_case(tmp_path: Path):
    # The file is there in the same letters: the case test found it and suggested the very
    # spelling the author wrote.
    config = fixture(tmp_path, {
        "docs/fi/index.md": "# Koti\n\n[Muu](muu.md)\n", "docs/fi/muu.md": "# Muu {#muu}\n",
        "docs/en/index.md": "# Home\n\n[Other](muu.md)\n", "docs/en/muu.md": "# Other {#muu}\n",
    })
    config.write_text(config.read_text(encoding="utf-8") + "exclude_docs: |\n  muu.md\n", encoding="utf-8")
    lines = findings(config)
    assert lines == [
        "docs/en/index.md:3:1: link to 'muu.md' leads to docs/en/muu.md, which the build leaves out (exclude_docs or a draft)",
        "docs/fi/index.md:3:1: link to 'muu.md' leads to docs/fi/muu.md, which the build leaves out (exclude_docs or a draft)",
    ]


def test_folder_link(tmp_path: Path):
    lines = site(tmp_path, {"docs/fi/osa/index.md": "# Osa\n", "docs/fi/index.md": "# Koti\n\n[Muu](muu.md) [Osa](osa/)\n"})
    assert lines == ["docs/fi/index.md:3:15: link to 'osa/' names a folder, which MkDocs leaves as is (from this page's address it happens to reach /osa/); link 'osa/index.md'"]


def test_broken_anchor_suggests_the_id_with_accents_and_case_folded(tmp_path: Path):
    lines = site(
        tmp_path,
        {
            "docs/fi/index.md": "# Koti\n\n[Muu](muu.md#Työote) ja [tässä](#kotii) ja [koodattu](muu.md#ty%C3%B6ote)\n",
            "docs/fi/muu.md": "# Muu {#muu}\n\n## Työote\n",
            "docs/en/muu.md": "# Other {#muu}\n\n## Approach {#tyoote}\n",
        },
    )
    assert lines == [
        "docs/fi/index.md:3:1: link to 'muu.md#Työote': docs/fi/muu.md has no id 'Työote'; did you mean '#tyoote'?",
        "docs/fi/index.md:3:25: link to '#kotii': this page has no id 'kotii'; did you mean '#koti'?",
        "docs/fi/index.md:3:44: link to 'muu.md#ty%C3%B6ote': docs/fi/muu.md has no id 'työote'; did you mean '#tyoote'?",
    ]


def test_links_in_raw_html_and_md_in_html(tmp_path: Path):
    """Raw HTML reaches the browser as written: judged at the page's address, not as a source path."""
    lines = site(
        tmp_path,
        {"docs/fi/index.md": '# Koti\n\n[Muu](muu.md)\n\n<div markdown>\n[Sisällä](puuttuu.md)\n</div>\n\n<p>Katso <a class="x"\n   href="ei.md#x">tätä</a> <img src="ei.png" alt=""></p>\n'},
    )
    assert lines == [
        "docs/fi/index.md:6:1: link to 'puuttuu.md' does not resolve (looked for docs/fi/puuttuu.md)",
        "docs/fi/index.md:10:4: HTML link to 'ei.md#x' leads readers to /ei.md, which does not exist",
        "docs/fi/index.md:10:33: HTML image 'ei.png' leads readers to /ei.png, which does not exist",
    ]


def test_undefined_and_unused_reference_definitions(tmp_path: Path):
    lines = site(tmp_path, {"docs/fi/muu.md": "# Muu {#muu}\n\nLue [ohje][ohej] ja [lähde][].\n\n[ohje]: index.md\n"})
    # Python-Markdown still links `[ohje]` by the definition of that name: it is used.
    assert lines == [
        "docs/fi/muu.md:3:5: reference link '[ohje][ohej]' has no definition '[ohej]: URL', so it renders as literal text",
        "docs/fi/muu.md:3:21: reference link '[lähde][]' has no definition '[lähde]: URL', so it renders as literal text",
    ]
    unused = site(tmp_path / "unused", {"docs/fi/muu.md": "# Muu {#muu}\n\nLue [ohje][ohej].\n\n[vanha]: index.md\n\n    [koodissa]: index.md\n"})
    assert unused == [
        "docs/fi/muu.md:3:5: reference link '[ohje][ohej]' has no definition '[ohej]: URL', so it renders as literal text",
        "docs/fi/muu.md:5:1: link definition '[vanha]' is never used",
    ]


def test_every_missing_snippet_is_reported_and_snippet_links_point_at_the_snippet(tmp_path: Path):
    lines = site(
        tmp_path,
        {
            "docs/fi/muu.md": '# Muu {#muu}\n\n--8<-- "puuttuu.md"\n\n--8<--\nyhteinen.md\ntoinen-puuttuu.md\n--8<--\n\n  --8<-- "yhteinen.md:osa"\n',
            "snippets/yhteinen.md": "Teksti.\n\n[Rikki](ei-ole.md)\n",
        },
    )
    assert lines == [
        "docs/fi/muu.md:3:1: snippet 'puuttuu.md' does not exist (looked in snippets/)",
        "docs/fi/muu.md:7:1: snippet 'toinen-puuttuu.md' does not exist (looked in snippets/)",
        "docs/fi/muu.md:10:3: snippet 'yhteinen.md' has no section 'osa' (expected '--8<-- [start:osa]' in snippets/yhteinen.md)",
        "snippets/yhteinen.md:3:1: link to 'ei-ole.md' does not resolve (looked for docs/fi/ei-ole.md) (included from docs/fi/muu.md:6)",
    ]


def test_nav_targets_and_fragments(tmp_path: Path):
    nav = [{"Koti": "index.md"}, {"Muu": "muu.md#ei-ole"}, {"Poissa": "poissa.md"}, {"Juuri": "/muu/"}, {"Ulkoinen": "https://example.org/"}]
    lines = site(tmp_path, {}, nav=nav)
    config_lines = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    muu, poissa, juuri = (config_lines.index(entry) + 1 for entry in ("- Muu: muu.md#ei-ole", "- Poissa: poissa.md", "- Juuri: /muu/"))
    assert lines == [
        f"mkdocs.yml:{muu}:8: nav entry 'muu.md#ei-ole': docs/fi/muu.md has no id 'ei-ole'",
        f"mkdocs.yml:{poissa}:11: nav entry 'poissa.md' does not resolve (looked for docs/fi/poissa.md)",
        f"mkdocs.yml:{juuri}:10: nav entry '/muu/' is an absolute address, which MkDocs leaves as is: in a published edition (/2026/...) it leads out of the edition to /muu/ at the root of the host; write 'muu.md'",
    ]


def test_own_site_absolute_links(tmp_path: Path):
    lines = site(
        tmp_path,
        {"docs/fi/muu.md": "# Muu {#muu}\n\n[A](/muu/) [B](https://handbook.example.org/en/muu/#muu) [C](/ei-ole/)\n"},
    )
    assert lines == [
        "docs/fi/muu.md:3:1: link to '/muu/' is an absolute link to this site, which breaks in editions and local previews; write 'muu.md'",
        "docs/fi/muu.md:3:12: link to 'https://handbook.example.org/en/muu/#muu' is an absolute link to this site, which breaks in editions and local previews; write '../en/muu/#muu' and mark it {hreflang=en}",
        "docs/fi/muu.md:3:58: link to '/ei-ole/' is an absolute link to this site and leads nowhere (no page or file at /ei-ole/)",
    ]


def test_cross_language_links_unless_marked(tmp_path: Path):
    lines = site(
        tmp_path,
        {
            "docs/fi/muu.md": "# Muu {#muu}\n\n[En](../en/muu.md) [Merkitty](../en/muu/){hreflang=en} [Lähde](../en/muu.md){hreflang=en}\n",
            "docs/en/muu.md": "# Other {#muu}\n\n[Fi](../fi/index.md)\n",
        },
    )
    assert lines == [
        "docs/en/muu.md:3:1: link to '../fi/index.md' leads from an English page into the Finnish pages (the build silently turns it into the English page); link 'index.md', or for a deliberate link to the Finnish page write '../../' and mark it {hreflang=fi}",
        "docs/fi/muu.md:3:1: link to '../en/muu.md' leads from a Finnish page into the English pages (MkDocs leaves the link broken); link 'muu.md', or for a deliberate link to the English page write '../en/muu/' and mark it {hreflang=en}",
        "docs/fi/muu.md:3:56: link to '../en/muu.md' is marked as a deliberate English link but written as a source path, which the build leaves broken; write '../en/muu/'",
    ]


def test_english_link_to_untranslated_page_informs_the_translator(tmp_path: Path):
    lines = site(tmp_path, {"docs/fi/vain.md": "# Vain suomeksi\n", "docs/en/muu.md": "# Other {#muu}\n\n[Only Finnish](vain.md)\n"}, nav=NAV + [{"Vain": "vain.md"}])
    assert lines == [
        "docs/en/muu.md:3:1: link to 'vain.md' opens docs/fi/vain.md: it has no English translation yet, so the reader lands on Finnish text",
    ]


def test_anchor_drift_between_translations(tmp_path: Path):
    lines = site(
        tmp_path,
        {
            "docs/fi/index.md": "# Koti\n\n[Muu](muu.md#kasitteet)\n",
            "docs/fi/muu.md": "# Muu {#muu}\n\n## Käsitteet {#kasitteet}\n",
            "docs/en/index.md": "# Home\n\n[Other](muu.md)\n",
            "docs/en/muu.md": "# Other {#muu}\n\n## Concepts\n",
        },
    )
    assert lines == [
        "docs/fi/index.md:3:1: link to 'muu.md#kasitteet': the id 'kasitteet' exists in docs/fi/muu.md but not in docs/en/muu.md (give the heading the same {#kasitteet} in both languages)",
    ]


def test_untranslated_page_is_checked_in_the_english_site_too(tmp_path: Path):
    lines = site(
        tmp_path,
        {
            "docs/fi/vain.md": "# Vain\n\n[Muu](muu.md#kasitteet)\n",
            "docs/fi/muu.md": "# Muu {#muu}\n\n## Käsitteet {#kasitteet}\n",
            "docs/en/muu.md": "# Other {#muu}\n\n## Concepts {#concepts}\n",
        },
        nav=NAV + [{"Vain": "vain.md"}],
    )
    assert lines == [
        "docs/fi/vain.md:3:1: link to 'muu.md#kasitteet': the id 'kasitteet' exists in docs/fi/muu.md but not in docs/en/muu.md (give the heading the same {#kasitteet} in both languages)",
    ]


def test_orphan_pages_per_language(tmp_path: Path):
    lines = site(tmp_path, {"docs/fi/irrallaan.md": "# Irrallaan {#irrallaan}\n\n[Alkuun](irrallaan.md#irrallaan)\n", "docs/en/extra.md": "# Extra\n", "docs/en/linked.md": "# Linked\n", "docs/en/index.md": "# Home\n\n[Other](muu.md) [L](linked.md)\n"})
    assert lines == [
        "docs/en/extra.md: the English page is reachable from no nav entry and no link",
        "docs/fi/irrallaan.md: the Finnish page is reachable from no nav entry and no link",
    ]


def test_duplicate_ids_within_a_page(tmp_path: Path):
    lines = site(tmp_path, {"docs/fi/muu.md": '# Muu {#muu}\n\n## Yksi {#sama}\n\n## Kaksi {#sama}\n\n<span id="muu"></span>\n'})
    assert lines == [
        "docs/fi/muu.md:5:1: id 'sama' is already used on this page (first at line 3); ids must be unique",
        "docs/fi/muu.md:7:7: id 'muu' is already used on this page (first at line 1); ids must be unique",
    ]


def test_not_utf8_and_broken_front_matter_give_a_message_not_a_traceback(tmp_path: Path):
    config_file = fixture(tmp_path, {"docs/fi/index.md": "# Koti\n\n[Muu](muu.md) [R](rikki.md)\n", "docs/fi/muu.md": "---\ndescription: [auki\n---\n\n# Muu\n", "docs/en/index.md": "# Home\n"})
    (tmp_path / "docs/fi/rikki.md").write_bytes("# Rikki\n\nväärä".encode("latin-1"))
    assert findings(config_file) == [
        "docs/fi/muu.md:3: front matter is not valid YAML: expected ',' or ']', but got '<stream end>'",
        "docs/fi/rikki.md:3: not UTF-8 text (byte 0xe4 at offset 10); save it as UTF-8",
    ]


def test_severity_is_configurable_per_kind(tmp_path: Path):
    files = {"docs/fi/muu.md": "# Muu {#muu}\n\n[X](ei-ole.md)\n\n[vanha]: muu.md\n"}
    settings = check.settings_from_config(load_config(str(fixture(tmp_path, {**site_files(), **files}, extra={"reference_check": {"severity": {"broken-link": "info", "unused-definition": "ignore"}}}))))
    assert [(finding.kind, finding.severity) for finding in check.check_site(settings)] == [("broken-link", "info")]


def site_files() -> dict[str, str]:
    return {"docs/fi/index.md": "# Koti\n\n[Muu](muu.md)\n", "docs/en/index.md": "# Home\n", "docs/en/muu.md": "# Other {#muu}\n"}


def test_unknown_severity_kind_is_a_clean_configuration_error(tmp_path: Path):
    config_file = fixture(tmp_path, site_files(), extra={"reference_check": {"severity": {"broken-links": "info"}}})
    with pytest.raises(check.ReferenceCheckError, match="unknown kind 'broken-links'"):
        check.settings_from_config(load_config(str(config_file)))


def test_generated_ids_come_from_the_hook_extension_point(tmp_path: Path):
    hook = tmp_path / "hooks" / "term_anchors.py"
    hook.parent.mkdir()
    hook.write_text("def generated_anchor_ids(config):\n    return {'fi/muu.md': ['term-desistanssi']}\n")
    config_file = fixture(tmp_path, {**site_files(), "docs/fi/muu.md": "# Muu {#muu}\n\n[Termi](#term-desistanssi) [Toinen](#term-ei)\n"})
    config_file.write_text(config_file.read_text().replace("hooks:\n", f"hooks:\n- {hook}\n"))
    assert findings(config_file) == ["docs/fi/muu.md:3:28: link to '#term-ei': this page has no id 'term-ei'; did you mean '#term-desistanssi'?"]


# --- Inside a build


BROKEN = {
    "docs/fi/index.md": "# Koti\n\n[Muu](muu.md) [Rikki](ei-ole.md)\n",
    "docs/fi/muu.md": "# Muu {#muu}\n\n[Ankkuri](#ei)\n",
    "docs/en/index.md": "# Home\n\n[Other](muu.md) [Broken](missing.md)\n",
    "docs/en/muu.md": "# Other {#muu}\n",
}
BROKEN_LINES = [
    "handbook: docs/en/index.md:3:17: link to 'missing.md' does not resolve (looked for docs/en/missing.md)",
    "handbook: docs/fi/index.md:3:15: link to 'ei-ole.md' does not resolve (looked for docs/fi/ei-ole.md)",
    "handbook: docs/fi/muu.md:3:1: link to '#ei': this page has no id 'ei'",
]


def test_build_reports_once_for_both_languages_and_strict_counts_exactly(tmp_path: Path):
    config_file = fixture(tmp_path, BROKEN)
    built = build_site(config_file, tmp_path / "site", strict=True)
    assert built.aborted
    # Nothing else warns in this fixture: every warning is one finding, each logged once.
    assert built.warnings() == BROKEN_LINES
    with pytest.raises(Abort, match=r"^Aborted with 3 warnings in strict mode!$"):
        build(load_config(str(config_file), site_dir=str(tmp_path / "again"), strict=True))
    # An aborted build leaves no state behind: the next build in this process reports the same.
    assert build_site(config_file, tmp_path / "third", strict=False).warnings() == BROKEN_LINES


def test_verbose_build_and_second_build_report_the_same(tmp_path: Path):
    config_file = fixture(tmp_path, BROKEN)
    first = build_site(config_file, tmp_path / "one", strict=False)
    second = build_site(config_file, tmp_path / "two", strict=False, verbose=True)
    ours = lambda built: [line for line in built.warnings() if line.startswith("handbook: ")]  # noqa: E731
    assert ours(first) == BROKEN_LINES
    assert ours(second) == BROKEN_LINES


def test_missing_snippets_are_all_listed_before_the_build_stops(tmp_path: Path):
    files = {**site_files(), "docs/fi/muu.md": '# Muu {#muu}\n\n--8<-- "yksi.md"\n\n--8<-- "kaksi.md"\n'}
    built = build_site(fixture(tmp_path, files), tmp_path / "site", strict=False)
    assert built.aborted
    assert [line for line in built.log if line.startswith(("WARNING", "ERROR"))] == [
        "WARNING:handbook: docs/fi/muu.md:3:1: snippet 'yksi.md' does not exist (looked in snippets/)",
        "WARNING:handbook: docs/fi/muu.md:5:1: snippet 'kaksi.md' does not exist (looked in snippets/)",
        "ERROR:2 snippet include(s) do not exist (listed above); fix them to build the site",
    ]
    assert not any("Traceback" in line or "SnippetMissingError" in line for line in built.log)


# --- Standalone, and the real handbook


def test_standalone_prints_the_same_lines_and_fails_on_problems(tmp_path: Path):
    config_file = fixture(tmp_path, BROKEN)
    result = subprocess.run([sys.executable, "-m", "handbook", "check", str(config_file)], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [line.split(": ", 1)[1] for line in BROKEN_LINES]
    assert "3 problem(s)" in result.stderr
    (tmp_path / "clean").mkdir()
    clean = fixture(tmp_path / "clean", LEGITIMATE_FILES)
    result = subprocess.run([sys.executable, "-m", "handbook", "check", str(clean)], capture_output=True, text=True, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "")


def test_real_handbook_has_no_findings():
    assert [finding.format() for finding in check.check_config_file(REPO_ROOT / "mkdocs.yml")] == []


def test_real_config_lets_the_checker_own_reference_validation():
    """Each problem is reported once: MkDocs' own checks of what the checker owns are off."""
    config = load_config(str(REPO_ROOT / "mkdocs.yml"))
    assert "hooks/reference_check.py" in config["hooks"]
    levels = {**{f"links.{k}": v for k, v in config["validation"]["links"].items()}, **{f"nav.{k}": v for k, v in config["validation"]["nav"].items()}}
    assert levels == dict.fromkeys(levels, logging.DEBUG)  # `ignore` is logged at DEBUG
    assert set(levels) == {"links.not_found", "links.anchors", "links.absolute_links", "links.unrecognized_links", "nav.omitted_files", "nav.not_found", "nav.absolute_links"}
    assert config["mdx_configs"]["pymdownx.snippets"]["check_paths"] is True


# --- What the collector takes from Python-Markdown


def render(text: str):
    import markdown

    collector = check.Collector()
    names = [next(iter(item)) if isinstance(item, dict) else item for item in EXTENSIONS]
    configs = {next(iter(item)): item[next(iter(item))] for item in EXTENSIONS if isinstance(item, dict)}
    html = markdown.Markdown(extensions=[*names, collector], extension_configs=configs).convert(text)
    return collector.take(text), html


def test_code_comments_and_html_blocks_render_no_link():
    rendering, html = render("`[a](x.md)`\n\n```\n[b](y.md)\n```\n\n    [c](z.md)\n\n<!--\n[d](v.md)\n-->\n\n<div>[e](u.md)</div>\n\n[f](w.md)\n")
    # The only links: the fenced block's line anchor (pymdownx.highlight) and the real one.
    assert [(link.written, link.markdown) for link in rendering.links] == [("#__codelineno-0-1", False), ("w.md", True)]
    assert "data-handbook" not in html  # the markers never reach readers


def test_nested_image_links_raw_html_and_their_attributes():
    rendering, _ = render('[![alt](kuva.png "t")](sivu.md "otsikko"){hreflang=en}\n\n<p><a href="a&amp;b.md" hreflang="fi">x</a> <img srcset="p.png 1x, q.png 2x"></p>\n')
    assert [(link.tag, link.url, link.markdown, link.hreflang) for link in rendering.links] == [
        ("a", "sivu.md", True, "en"),
        ("img", "kuva.png", True, ""),
        ("a", "a&b.md", False, "fi"),
        ("img", "p.png", False, ""),
        ("img", "q.png", False, ""),
    ]


def test_ids_after_toc_de_duplication_and_which_are_written():
    rendering, _ = render('# A\n\n# A\n\n# A_1 {#a_1}\n\n<span id="raaka"></span>\n')
    assert [(rendered.id, rendered.explicit, rendered.markdown) for rendered in rendering.ids] == [("a", False, True), ("a_2", False, True), ("a_1", True, True), ("raaka", True, False)]


def test_reference_links_undefined_used_and_unused():
    rendering, _ = render("[a][r] [b][puuttuu] [c][] [R]\n\n[r]: x.md\n[turha]: y.md\n")
    assert [(link.written, link.label) for link in rendering.links] == [("x.md", "r"), ("x.md", "r")]
    assert rendering.undefined == ["[b][puuttuu]", "[c][]"]
    assert rendering.unused_definitions() == ["turha"]


# --- The check renders what the build renders


AGREEMENT = {
    "docs/fi/index.md": '# Koti\n\n[Muu](muu.md) [Osa](osa/index.md) ![Kuva](kuva.png) [Yhteinen](../assets/ohje.pdf)\n\n--8<-- "yhteinen.md"\n',
    "docs/fi/muu.md": "# Muu {#muu}\n\n## Toisto\n\n## Toisto\n\n[Koti](index.md#koti) [Vain](osa/vain.md)\n",
    "docs/en/index.md": "# Home {#koti}\n\n[Other](muu.md) [Part](osa/index.md)\n",
    "docs/fi/osa/index.md": '# Osa\n\n[Vain](vain.md) <a href="../muu/">raaka</a> <img src="../kuva.png" alt="">\n',
    "docs/fi/osa/vain.md": "# Vain suomeksi\n\n[Muu](../muu.md#toisto_1) ![Kuva](../kuva.png)\n",
    "docs/fi/kuva.png": "png",
    "docs/assets/ohje.pdf": "pdf",
    "docs/en/muu.md": "# Other {#muu}\n\n## Repeat {#toisto}\n\n## Repeat {#toisto_1}\n",
    "docs/en/osa/index.md": "# Part\n\n[Only Finnish](vain.md)\n",
    "snippets/yhteinen.md": "[Muu](muu.md)\n",
}


def test_the_check_renders_the_urls_links_and_ids_of_the_build(tmp_path: Path):
    """Without the theme the check gives each language the URLs, links and ids the build gives it."""
    from handbook.references import hook

    config_file = fixture(tmp_path, AGREEMENT, nav=NAV + [{"Osa": "osa/index.md"}, {"Vain": "osa/vain.md"}])
    seen = {}
    finish = hook.ReferenceCheckHook.finish
    hook.ReferenceCheckHook.finish = lambda self, config: (seen.setdefault("builds", self.builds), finish(self, config))[1]
    try:
        built = build_site(config_file, tmp_path / "site", strict=True)
    finally:
        hook.ReferenceCheckHook.finish = finish
    assert not built.aborted, built.warnings()
    checked = check_builds(check.settings_from_config(load_config(str(config_file))))

    def urls(builds):
        return {url: (file.build, file.key, file.page) for url, file in builds.files.items() if file.key}

    def pages(builds):
        return {key: ([(link.written, link.url, link.markdown) for link in page.rendering.links], [rendered.id for rendered in page.rendering.ids]) for key, page in builds.pages.items()}

    assert urls(checked) == urls(seen["builds"])
    assert pages(checked) == pages(seen["builds"])
    assert ("en", "fi/osa/vain.md") in checked.pages and checked.files["en/osa/vain/"].key == "fi/osa/vain.md"
    assert checked.files["kuva.png"].build == "fi" and "en/kuva.png" not in checked.files
