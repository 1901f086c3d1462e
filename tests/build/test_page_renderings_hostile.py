"""Kept page renderings (handbook/document/page_renderings.py) against hostile edits.

A small bilingual site is built once cold. Each case copies it with what that build kept
(`.cache/handbook/page-renderings-<language>.pickle`), does what an author, translator or editor
does (an edit of a page, a snippet, an image, mkdocs.yml; a verbose or quiet build; a
broken or unwritable kept file), builds warm, then builds the same state cold (the kept
file removed): the two sites must be byte for byte the same and say the same lines.
"""

from __future__ import annotations

import base64
import errno
import logging
import re
import shutil
import types
from dataclasses import dataclass
from pathlib import Path

import pytest
from material.extensions import emoji as material_emoji
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.pages import Page

import handbook.core.kept as kept_module
from handbook.cli import translations as translations_cli
from handbook.document.page_renderings import kept_file_name
from handbook_sites import build_site, fixture_config, write_fixture_site

HOOKS = ["documents.py", "page_renderings.py", "reference_check.py"]
# The handbook has no MkDocs search plugin (its search is Pagefind): mkdocs-static-i18n only.
PLUGINS = [plugin for plugin in fixture_config()["plugins"] if plugin != "search"]
NAV = [{"Etusivu": "index.md"}, {"Tapaamiset": "tapaamiset.md"}, {"Historia": "historia.md"}]
PAGES = {
    "docs/fi/index.md": "# Etusivu\n\nKatso [tapaamiset](tapaamiset.md#alku) ja [historia](historia.md).\n\nSivusto on HTML-muodossa.\n\n"
    "![Kuva](kuva.png)\n",
    "docs/fi/tapaamiset.md": "# Tapaamiset\n\n## Alku {#alku}\n\nEnsimmäinen tapaaminen.\n\n## Ensimmäinen kerta\n\n--8<-- \"huomio.md\"\n",
    "docs/fi/historia.md": "# Historia\n\nOhjelma alkoi.\n\nDesistanssi\n:   Rikoksista irtautuminen.\n\n[Takaisin](index.md)\n",
    "docs/en/index.md": "# Home\n\nSee [meetings](tapaamiset.md#alku) and [history](historia.md).\n",
    "docs/en/tapaamiset.md": "# Meetings\n\n## Start {#alku}\n\nThe first meeting.\n\n--8<-- \"huomio.md\"\n",
    "docs/fi/kuva.png": "not really a picture",
    # A snippet that includes another one.
    "snippets/huomio.md": "!!! note \"Huomio\"\n    Sovi seuraava aika.\n\n--8<-- \"osat/allekirjoitus.md\"\n",
    "snippets/osat/allekirjoitus.md": "Terveisin, Aggredi\n",
}
# One pixel, two colours: an image replaced by another of the same name.
PIXELS = [
    base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="),
    base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="),
]


def tag(text: str) -> str:
    """A YAML value with a tag (`!relative`, `!!python/...`), which yaml.safe_dump cannot write."""
    return f"YAML-TAG {text}"


def snippets(**options) -> dict:
    # `!relative`: the kept renderings name the folder by its place in the project, so a
    # copied site keeps them (an absolute path would be another key).
    return {"pymdownx.snippets": {"base_path": [tag("!relative $config_dir/snippets")], "check_paths": True, **options}}


def extensions(*extra, toc: dict | None = None, snippet_options: dict | None = None, without: tuple = ()) -> list:
    names = [name for name in ("attr_list", "md_in_html", "admonition", "def_list") if name not in without]
    return [*names, {"toc": {"permalink": True} if toc is None else toc}, snippets(**(snippet_options or {})), *extra]


def write_config(root: Path, *, hooks: list[str] = HOOKS, **overrides) -> Path:
    settings = {"markdown_extensions": extensions(), "nav": NAV, "plugins": PLUGINS, "validation": {"anchors": "warn"}, **overrides}
    config = write_fixture_site(root, {}, hooks=hooks, **settings)
    text = config.read_text(encoding="utf-8")
    # Quoted (yaml may fold a long one over lines) or plain.
    text = re.sub(r"'YAML-TAG ([^']*)'", lambda match: re.sub(r"\s*\n\s*", " ", match.group(1)), text)
    text = re.sub(r"YAML-TAG ", "", text)
    config.write_text(text, encoding="utf-8")
    return config


def kept_file(root: Path, language: str = "fi") -> Path:
    return root / ".cache" / "handbook" / f"{kept_file_name(language)}.pickle"


@dataclass
class Build:
    files: dict[str, bytes]
    said: list[str]  # every line at INFO and above, paths and timings shown alike
    aborted: bool


def built(root: Path, *, cold: bool, verbose: bool = False, command: str = "build", strict: bool = False) -> Build:
    # Every `mkdocs build` is its own process: Material's icons are read again.
    material_emoji._load.cache_clear()
    material_emoji._load_twemoji_index.cache_clear()
    if cold:
        for language in ("fi", "en"):
            kept_file(root, language).unlink(missing_ok=True)
    site = root / ("cold" if cold else "warm")
    shutil.rmtree(site, ignore_errors=True)
    result = build_site(root / "mkdocs.yml", site, strict=strict, command=command, verbose=verbose)
    return collected(root, site, result.log, result.aborted)


def collected(root: Path, site: Path, log: list[str], aborted: bool) -> Build:
    files = {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}
    if "translation-status.json" in files:  # the second it was made
        files["translation-status.json"] = re.sub(rb'"generated": "[^"]+"', b'"generated": "-"', files["translation-status.json"])
    said = [line.replace(str(site), "SITE").replace(str(root), "ROOT") for line in log
            if not line.startswith("DEBUG:") and not line.startswith("INFO:Documentation built in")]
    return Build(files, said, aborted)


def quiet_build(root: Path) -> None:
    """`mkdocs build -q`: the mkdocs logger at ERROR, so MkDocs' warnings are not even made."""
    logger = logging.getLogger("mkdocs")
    previous = logger.level
    logger.setLevel(logging.ERROR)
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "quiet"), strict=False)
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
    finally:
        logger.setLevel(previous)


def assert_same(warm: Build, cold: Build) -> None:
    assert warm.said == cold.said
    assert warm.aborted == cold.aborted
    assert warm.files.keys() == cold.files.keys()
    assert [name for name in warm.files if warm.files[name] != cold.files[name]] == []


@dataclass
class Baseline:
    root: Path
    cold: Build


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> Baseline:
    root = tmp_path_factory.mktemp("renderings-hostile") / "baseline"
    write_fixture_site(root, PAGES)
    write_config(root)
    cold = built(root, cold=True)
    assert not cold.aborted and not [line for line in cold.said if line.startswith(("WARNING", "ERROR"))], cold.said
    assert kept_file(root).is_file() and kept_file(root, "en").is_file()
    return Baseline(root, cold)


def copied(baseline: Baseline, tmp_path: Path) -> Path:
    root = tmp_path / "handbook"
    shutil.copytree(baseline.root, root, ignore=shutil.ignore_patterns("cold", "warm", "quiet"))
    return root


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_copy_of_the_baseline_converts_no_page_and_gives_its_site(baseline: Baseline, tmp_path: Path, monkeypatch):
    # What every case below relies on: the copy's kept renderings are used, not redone.
    count = [0]
    render = Page.render

    def counted(page, config, files):
        count[0] += 1
        return render(page, config, files)

    monkeypatch.setattr(Page, "render", counted)
    warm = built(copied(baseline, tmp_path), cold=False)
    assert count[0] == 0
    assert_same(warm, baseline.cold)


# --- Edits of mkdocs.yml's Markdown configuration


def _extension_added(root: Path) -> None:
    write_config(root, markdown_extensions=extensions("abbr"))
    replace(root / "docs/fi/index.md", "HTML-muodossa.\n", "HTML-muodossa.\n\n*[HTML]: Hypertext Markup Language\n")


def _extension_removed(root: Path) -> None:
    # The definition list and the snippet's note become plain paragraphs.
    write_config(root, markdown_extensions=extensions(without=("def_list", "admonition")))


def _slugify(root: Path) -> None:
    # Headings keep their ä: `ensimmäinen-kerta`, not `ensimmainen-kerta`.
    write_config(root, markdown_extensions=extensions(toc={"permalink": True, "slugify": tag("!!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}")}))


def _snippets_base_path(root: Path) -> None:
    # The same snippet names in another folder, with other text.
    (root / "yhteiset/osat").mkdir(parents=True)
    (root / "yhteiset/huomio.md").write_text("!!! warning \"Varoitus\"\n    Soita ensin.\n\n--8<-- \"osat/allekirjoitus.md\"\n", encoding="utf-8")
    (root / "yhteiset/osat/allekirjoitus.md").write_text("Terveisin, HelsinkiMissio\n", encoding="utf-8")
    config = write_config(root)
    replace(config, "$config_dir/snippets", "$config_dir/yhteiset")


def _auto_append(root: Path) -> None:
    # Material's abbreviations file, appended to every page, pages without an include too.
    (root / "snippets/lyhenteet.md").write_text("*[HTML]: Hypertext Markup Language\n", encoding="utf-8")
    write_config(root, markdown_extensions=extensions("abbr", snippet_options={"auto_append": ["lyhenteet.md"]}))


def _reference_check_removed(root: Path) -> None:
    # The renderings were kept with what the reference check's collector saw.
    write_config(root, hooks=["documents.py", "page_renderings.py"])


# --- Edits of pages, snippets and files


def _inner_snippet(root: Path) -> None:
    replace(root / "snippets/osat/allekirjoitus.md", "Aggredi", "Aggredi-tiimi")


def _inner_snippet_deleted(root: Path) -> None:
    # check_paths: the reference check lists it and stops the build cleanly.
    (root / "snippets/osat/allekirjoitus.md").unlink()


def _image_appears(root: Path) -> None:
    replace(root / "docs/fi/historia.md", "Ohjelma alkoi.", "Ohjelma alkoi.\n\n![Kaavio](kaavio.png)")
    built(root, cold=False)  # the link is broken: MkDocs warns while rendering
    (root / "docs/fi/kaavio.png").write_bytes(PIXELS[0])


def _page_added(root: Path) -> None:
    (root / "docs/fi/uusi.md").write_text("# Uusi\n\n[Etusivu](index.md)\n", encoding="utf-8")


def _linked_page_added(root: Path) -> None:
    # A link that was written before its page: from the English page too (the fallback).
    replace(root / "docs/fi/historia.md", "[Takaisin](index.md)", "[Takaisin](index.md) ja [uusi](uusi.md#osa)")
    built(root, cold=False)
    (root / "docs/fi/uusi.md").write_text("# Uusi\n\n## Osa {#osa}\n", encoding="utf-8")


def _page_moved(root: Path) -> None:
    (root / "docs/fi/ohjelma").mkdir()
    (root / "docs/fi/historia.md").rename(root / "docs/fi/ohjelma/historia.md")
    replace(root / "docs/fi/ohjelma/historia.md", "(index.md)", "(../index.md)")
    for page in ("docs/fi/index.md", "docs/en/index.md"):
        replace(root / page, "(historia.md)", "(ohjelma/historia.md)")
    write_config(root, nav=[*NAV[:2], {"Historia": "ohjelma/historia.md"}])


def _draft(root: Path) -> None:
    write_config(root, draft_docs="fi/historia.md\n")


def _not_in_nav(root: Path) -> None:
    write_config(root, nav=NAV[:2], not_in_nav="fi/historia.md\n")


def _front_matter_title_only(root: Path) -> None:
    # A page without a heading: its title comes from the front matter, then from its name.
    (root / "docs/fi/historia.md").write_text("Ohjelma alkoi.\n", encoding="utf-8")
    built(root, cold=False)
    (root / "docs/fi/historia.md").write_text("---\ntitle: Menneisyys\n---\nOhjelma alkoi.\n", encoding="utf-8")


def _english_added(root: Path) -> None:
    (root / "docs/en/historia.md").write_text("# History\n\nThe programme began.\n\n[Back](index.md)\n", encoding="utf-8")


def _english_removed(root: Path) -> None:
    # The Finnish page stands in; the English home page's link goes to it.
    (root / "docs/en/tapaamiset.md").unlink()


def _identical_translation(root: Path) -> None:
    # A translator starts from a copy of the source: the same text in both languages.
    shutil.copyfile(root / "docs/fi/tapaamiset.md", root / "docs/en/tapaamiset.md")


def _anchor_renamed(root: Path) -> None:
    # The home pages link to it (MkDocs' anchor validation after rendering: the kept home
    # pages' links must still be checked, against the page rendered again).
    replace(root / "docs/fi/tapaamiset.md", "## Alku {#alku}\n", "## Alku {#aloitus}\n")


def _front_matter_above_findings(root: Path) -> None:
    # The reference check's findings name lines: a front matter added above them moves
    # them, the Markdown MkDocs renders is the same.
    replace(root / "docs/fi/historia.md", "[Takaisin](index.md)", "[Takaisin](index.md#ei-ole) ja [viite][puuttuu]\n\n[turha]: index.md")
    built(root, cold=False)
    replace(root / "docs/fi/historia.md", "# Historia\n", "---\ntitle: Menneisyys\ndescription: Ohjelman alku\n---\n\n\n# Historia\n")


def _anchor_link_added(root: Path) -> None:
    replace(root / "docs/fi/historia.md", "[Takaisin](index.md)", "[Takaisin](index.md#ei-ole) ja [itse](#ei-tassa)")


def _info_logged(root: Path) -> None:
    # MkDocs says an unrecognized link at INFO while it renders.
    replace(root / "docs/fi/historia.md", "[Takaisin](index.md)", "[Takaisin](index.md) ja [kansio](../kansio/)")


def _empty_page(root: Path) -> None:
    # Python-Markdown runs no preprocessor on it: the collector saw no text.
    (root / "docs/fi/historia.md").write_text("", encoding="utf-8")


def _text_and_config_reverted(root: Path) -> None:
    # Built once with another configuration, then back: the first kept renderings are gone
    # (pruned); the ones made now must be the baseline's.
    write_config(root, markdown_extensions=extensions(toc={"permalink": "#"}))
    built(root, cold=False)
    write_config(root)


CASES = {
    "an extension added": _extension_added,
    "an extension removed": _extension_removed,
    "toc slugify": _slugify,
    "snippets base_path": _snippets_base_path,
    "snippets auto_append": _auto_append,
    "reference check removed": _reference_check_removed,
    "an inner snippet edited": _inner_snippet,
    "an inner snippet deleted": _inner_snippet_deleted,
    "an image appears": _image_appears,
    "a page added": _page_added,
    "a linked page added": _linked_page_added,
    "a page moved": _page_moved,
    "draft_docs": _draft,
    "not_in_nav": _not_in_nav,
    "front matter title of a page without heading": _front_matter_title_only,
    "an English page added": _english_added,
    "an English page removed": _english_removed,
    "a translation identical to its source": _identical_translation,
    "an anchor other pages link to renamed": _anchor_renamed,
    "a front matter above the findings": _front_matter_above_findings,
    "links to missing anchors": _anchor_link_added,
    "a page whose rendering logs INFO": _info_logged,
    "an empty page": _empty_page,
    "a configuration changed and changed back": _text_and_config_reverted,
}


@pytest.mark.parametrize("edit", CASES.values(), ids=CASES.keys())
def test_a_warm_build_after_an_edit_is_the_cold_build(baseline: Baseline, tmp_path: Path, edit):
    root = copied(baseline, tmp_path)
    edit(root)
    warm = built(root, cold=False)
    cold = built(root, cold=True)
    assert_same(warm, cold)


def test_a_strict_build_after_an_anchor_is_renamed_fails_as_a_cold_one(baseline: Baseline, tmp_path: Path):
    root = copied(baseline, tmp_path)
    _anchor_renamed(root)
    warm = built(root, cold=False, strict=True)
    cold = built(root, cold=True, strict=True)
    assert cold.aborted and any("does not contain an anchor '#alku'" in line for line in cold.said), cold.said
    assert_same(warm, cold)


def test_a_source_edit_that_makes_its_translation_outdated(baseline: Baseline, tmp_path: Path):
    # The translation track adds its notices to the pages' Markdown (page events), from
    # the pins: a reviewed translation, then its Finnish source edited.
    root = copied(baseline, tmp_path)
    write_config(root, hooks=[*HOOKS, "translation_track.py"])
    built(root, cold=False)
    assert translations_cli.main(["--config", str(root / "mkdocs.yml"), "ack", "--accept-drift", "tapaamiset.md"]) == 0
    built(root, cold=False)
    replace(root / "docs/fi/tapaamiset.md", "Ensimmäinen tapaaminen.", "Ensimmäinen tapaaminen sovitaan puhelimessa.")
    warm = built(root, cold=False)
    cold = built(root, cold=True)
    assert any("outdated" in line for line in cold.said), cold.said
    assert_same(warm, cold)


# --- How the build is run, and the kept file itself


def test_a_build_after_a_verbose_build_says_the_anchor_warnings(baseline: Baseline, tmp_path: Path):
    # `mkdocs build -v` to see what happens, then `mkdocs build`: MkDocs' Page.render
    # leaves links_to_anchors unset at DEBUG, and a kept rendering of that build has none.
    root = copied(baseline, tmp_path)
    _anchor_link_added(root)
    built(root, cold=False, verbose=True)
    warm = built(root, cold=False)
    cold = built(root, cold=True)
    assert any("does not contain an anchor '#ei-ole'" in line for line in cold.said), cold.said
    assert_same(warm, cold)


def test_a_verbose_build_after_a_build_says_what_a_cold_verbose_build_says(baseline: Baseline, tmp_path: Path):
    root = copied(baseline, tmp_path)
    _anchor_link_added(root)
    built(root, cold=False)
    warm = built(root, cold=False, verbose=True)
    cold = built(root, cold=True, verbose=True)
    assert_same(warm, cold)


def test_a_build_after_a_quiet_build_says_mkdocs_warnings(baseline: Baseline, tmp_path: Path):
    # `mkdocs build -q` (or `mike deploy -q`), then `mkdocs build`: at ERROR the rendering's warning is
    # never made, so nothing was "said" and the rendering was kept.
    root = copied(baseline, tmp_path)
    replace(root / "docs/fi/historia.md", "[Takaisin](index.md)", "[Takaisin](index.md) ja [ei ole](ei-ole.md)")
    quiet_build(root)
    warm = built(root, cold=False)
    cold = built(root, cold=True)
    assert any("'ei-ole.md'" in line and line.startswith("WARNING:Doc file") for line in cold.said), cold.said
    assert_same(warm, cold)


def test_an_edited_custom_icon_is_shown(baseline: Baseline, tmp_path: Path):
    # Material's icons (pymdownx.emoji with material.extensions.emoji): the page inlines the
    # SVG of overrides/.icons/, which an editor replaces (a new logo).
    root = copied(baseline, tmp_path)
    icon = root / "overrides/.icons/aggredi/logo.svg"
    icon.parent.mkdir(parents=True)
    icon.write_text('<svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg>', encoding="utf-8")
    replace(root / "docs/fi/historia.md", "Ohjelma alkoi.", "Ohjelma alkoi :aggredi-logo:.")
    emoji = {"pymdownx.emoji": {"emoji_index": tag("!!python/name:material.extensions.emoji.twemoji"),
                                "emoji_generator": tag("!!python/name:material.extensions.emoji.to_svg"),
                                "options": {"custom_icons": [str(root / "overrides/.icons")]}}}
    write_config(root, markdown_extensions=extensions(emoji))
    first = built(root, cold=False)
    assert b"<circle" in first.files["historia/index.html"]
    icon.write_text('<svg xmlns="http://www.w3.org/2000/svg"><rect width="1"/></svg>', encoding="utf-8")
    warm = built(root, cold=False)
    cold = built(root, cold=True)
    assert b"<rect" in cold.files["historia/index.html"]
    assert_same(warm, cold)


def test_a_replaced_image_is_shown_when_pages_embed_their_images(baseline: Baseline, tmp_path: Path):
    # pymdownx.b64 embeds each local image in the page: an image replaced by another of the
    # same name (a new organisation chart) changes the page.
    root = copied(baseline, tmp_path)
    (root / "docs/fi/kaavio.png").write_bytes(PIXELS[0])
    replace(root / "docs/fi/index.md", "![Kuva](kuva.png)", "![Kaavio](kaavio.png)")
    write_config(root, markdown_extensions=extensions({"pymdownx.b64": {"base_path": str(root / "docs/fi")}}))
    first = built(root, cold=False)
    assert b"data:image/png;base64," in first.files["index.html"]
    (root / "docs/fi/kaavio.png").write_bytes(PIXELS[1])
    warm = built(root, cold=False)
    cold = built(root, cold=True)
    assert_same(warm, cold)


CACHE_NOTE = "page-renderings-fi.pickle: ignored, the file is not readable"


def test_a_truncated_kept_file_gives_the_cold_site(baseline: Baseline, tmp_path: Path):
    # A build stopped while another process wrote it, a disk full: half a file.
    root = copied(baseline, tmp_path)
    _inner_snippet(root)
    data = kept_file(root).read_bytes()
    kept_file(root).write_bytes(data[: len(data) // 2])
    warm = built(root, cold=False)
    cold = built(root, cold=True)
    # The one line a broken file deserves, said once; everything else as cold.
    assert len([line for line in warm.said if CACHE_NOTE in line]) == 1, warm.said
    warm.said = [line for line in warm.said if CACHE_NOTE not in line]
    assert_same(warm, cold)


def test_a_kept_file_that_cannot_be_written_gives_the_cold_site(baseline: Baseline, tmp_path: Path, monkeypatch):
    # A read-only .cache folder (a checkout owned by another user, a read-only CI cache):
    # simulated, as root may write anywhere.
    root = copied(baseline, tmp_path)
    _page_added(root)

    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(kept_module, "tempfile", types.SimpleNamespace(mkstemp=refused))
    warm = built(root, cold=False)
    cold = built(root, cold=True)
    assert any("results not kept" in line for line in cold.said), cold.said
    assert_same(warm, cold)


def test_the_same_process_serving_and_rebuilding_after_an_edit(baseline: Baseline, tmp_path: Path):
    # `mkdocs serve`: one process, a build after each save.
    root = copied(baseline, tmp_path)
    first = built(root, cold=False, command="serve")
    _inner_snippet(root)
    replace(root / "docs/fi/historia.md", "Ohjelma alkoi.", "Ohjelma alkoi Helsingissä.")
    second = built(root, cold=False, command="serve")
    cold = built(root, cold=True, command="serve")
    assert first.files != second.files
    assert_same(second, cold)


def test_two_handbooks_built_in_one_process(baseline: Baseline, tmp_path: Path):
    # The same page paths and texts, another snippet text and another page: nothing of one
    # handbook's kept renderings may reach the other's pages.
    first = copied(baseline, tmp_path / "first")
    other = copied(baseline, tmp_path / "other")
    _inner_snippet(other)
    _page_added(other)
    warm_other = built(other, cold=False)
    warm_first = built(first, cold=False)
    assert_same(warm_first, baseline.cold)
    assert_same(warm_other, built(other, cold=True))
