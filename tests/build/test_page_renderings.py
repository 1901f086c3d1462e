"""MkDocs' rendering of a page kept between builds (handbook/document/page_renderings.py).

A warm build must give the site a cold build of the same state gives, byte for byte, and
say the same lines; it must convert again exactly the pages whose rendering inputs
changed; and a rendering that logged anything is never kept, so a warning is said on
every build.
"""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.pages import Page

from handbook.core.kept import Kept
from handbook.document.page_renderings import KEPT_PAGE_RENDERINGS, LanguageRenderings
from handbook_sites import build_site, write_fixture_site

HOOKS = ["documents.py", "page_renderings.py", "reference_check.py"]
PAGES = {
    "docs/fi/index.md": "# Etusivu\n\nKatso [tapaamiset](tapaamiset.md#alku) ja [historia](historia.md).\n\n![Kuva](kuva.png)\n",
    "docs/fi/tapaamiset.md": "# Tapaamiset\n\n## Alku {#alku}\n\nEnsimmäinen tapaaminen.\n\n--8<-- \"huomio.md\"\n\n```python\nprint('hei')\n```\n",
    "docs/fi/historia.md": "# Historia\n\nOhjelma alkoi.[^1]\n\n[^1]: Lähde.\n\n[Takaisin](index.md)\n",
    "docs/en/index.md": "# Home\n\nSee [meetings](tapaamiset.md#alku) and [history](historia.md).\n",
    "docs/en/tapaamiset.md": "# Meetings\n\n## Start {#alku}\n\nThe first meeting.\n",
    "docs/fi/kuva.png": "not really a picture",
    "snippets/huomio.md": "!!! note \"Huomio\"\n    Sovi seuraava aika.\n",
}


class Conversions:
    """Counts MkDocs' conversions of pages (Page.render, which a kept rendering skips)."""

    def __init__(self, monkeypatch) -> None:
        self.count = 0
        render = Page.render

        def counted(page, config, files):
            self.count += 1
            return render(page, config, files)

        monkeypatch.setattr(Page, "render", counted)


@pytest.fixture
def conversions(monkeypatch) -> Conversions:
    return Conversions(monkeypatch)


def write(root: Path, **overrides) -> Path:
    markdown = ["attr_list", "md_in_html", "admonition", "footnotes", "pymdownx.superfences", "pymdownx.highlight",
                {"toc": {"permalink": True}},
                {"pymdownx.snippets": {"base_path": [str(root / "snippets")], "check_paths": True}}]
    settings = {"markdown_extensions": markdown, "nav": [{"Etusivu": "index.md"}, {"Tapaamiset": "tapaamiset.md"}, {"Historia": "historia.md"}]}
    settings.update(overrides)
    return write_fixture_site(root, {}, hooks=HOOKS, **settings)


def built(root: Path, *, cold: bool, strict: bool = True):
    """(files, lines said, aborted, pages converted) of one build."""
    before = COUNTER[0].count if COUNTER else 0
    if cold:
        for path in kept_files(root):
            path.unlink()
    site = root / ("cold" if cold else "warm")
    shutil.rmtree(site, ignore_errors=True)
    result = build_site(root / "mkdocs.yml", site, strict=strict, command="build")
    files = {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}
    said = [line.replace(str(root), "ROOT") for line in result.log if line.startswith(("WARNING:", "ERROR:")) or ":handbook: " in line]
    return files, said, result.aborted, (COUNTER[0].count - before) if COUNTER else None


COUNTER: list[Conversions] = []


def kept_files(root: Path) -> list[Path]:
    return sorted((root / ".cache" / "handbook").glob(f"{KEPT_PAGE_RENDERINGS}-*.pickle"))


@pytest.fixture
def root(tmp_path: Path, conversions: Conversions):
    COUNTER[:] = [conversions]
    root = tmp_path / "handbook"
    write_fixture_site(root, PAGES)
    write(root)
    yield root
    COUNTER.clear()


def same_site(warm, cold) -> None:
    assert warm[1] == cold[1]  # the same lines said
    assert warm[0].keys() == cold[0].keys()
    assert [name for name in warm[0] if warm[0][name] != cold[0][name]] == []


# Five pages: three Finnish, two English, and the Finnish history page built again in English.
PAGE_COUNT = 6


def test_a_warm_build_converts_no_page_and_gives_the_cold_site(root: Path):
    cold = built(root, cold=True)
    assert not cold[2], cold[1]
    assert cold[3] == PAGE_COUNT
    warm = built(root, cold=False)
    assert warm[3] == 0
    same_site(warm, cold)
    assert "ensimmäinen tapaaminen" in warm[0]["tapaamiset/index.html"].decode().lower()


def edit_text(root: Path) -> None:
    path = root / "docs/fi/historia.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Ohjelma alkoi.", "Ohjelma alkoi Helsingissä."), encoding="utf-8")


def edit_snippet(root: Path) -> None:
    (root / "snippets/huomio.md").write_text("!!! note \"Huomio\"\n    Sovi seuraava aika heti.\n", encoding="utf-8")


def edit_heading_id(root: Path) -> None:
    # The id a link of another page names: that page's rendering does not change, the target's does.
    path = root / "docs/fi/tapaamiset.md"
    path.write_text(path.read_text(encoding="utf-8").replace("{#alku}", "{#aloitus}"), encoding="utf-8")


def edit_rename(root: Path) -> None:
    # Every link to the page is rewritten: the addresses of the build's files changed.
    (root / "docs/fi/historia.md").rename(root / "docs/fi/menneisyys.md")
    for page in ("docs/fi/index.md", "docs/en/index.md"):
        path = root / page
        path.write_text(path.read_text(encoding="utf-8").replace("historia.md", "menneisyys.md"), encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("historia.md", "menneisyys.md"), encoding="utf-8")


def edit_extension_option(root: Path) -> None:
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("permalink: true", "permalink: '#'"), encoding="utf-8")


def edit_directory_urls(root: Path) -> None:
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "use_directory_urls: false\n", encoding="utf-8")


def edit_image_removed(root: Path) -> None:
    # A link target that disappears: the page is the same text, the files are not.
    (root / "docs/fi/kuva.png").unlink()


EDITS = {
    "a page's text": (edit_text, 2),  # the Finnish page and its English stand-in
    "a snippet's text": (edit_snippet, 1),
    "a heading id another page links to": (edit_heading_id, 1),
    "a page renamed": (edit_rename, PAGE_COUNT),
    "a Markdown extension's option": (edit_extension_option, PAGE_COUNT),
    "use_directory_urls": (edit_directory_urls, PAGE_COUNT),
    "an image removed": (edit_image_removed, PAGE_COUNT),
}


@pytest.mark.parametrize("edit,converted", EDITS.values(), ids=EDITS.keys())
def test_after_an_edit_the_warm_site_is_the_cold_one_and_only_what_changed_is_converted(root: Path, edit, converted):
    built(root, cold=True)
    edit(root)
    warm = built(root, cold=False, strict=False)
    assert warm[3] == converted
    cold = built(root, cold=True, strict=False)
    same_site(warm, cold)


def test_a_reference_the_check_reports_is_reported_by_every_warm_build_too(root: Path):
    # The reference check judges what the Collector saw: a kept rendering must replay it.
    path = root / "docs/fi/historia.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n[Ei ole](tapaamiset.md#ei-tallaista)\n", encoding="utf-8")
    cold = built(root, cold=True)
    assert cold[2] and any("ei-tallaista" in line for line in cold[1]), cold[1]
    for _ in range(2):
        warm = built(root, cold=False)
        assert warm[3] == 0
        assert warm[2] and warm[1] == cold[1]


def test_a_rendering_that_logged_a_warning_is_never_kept(root: Path):
    # MkDocs' own link validation warns while it renders: a kept rendering would be silent.
    write(root, validation={"links": {"not_found": "warn"}})
    path = root / "docs/fi/historia.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n[Ei ole](ei-ole.md)\n", encoding="utf-8")
    cold = built(root, cold=True, strict=False)
    warned = [line for line in cold[1] if "ei-ole.md" in line]
    assert warned, cold[1]
    warm = built(root, cold=False, strict=False)
    assert [line for line in warm[1] if "ei-ole.md" in line] == warned
    assert warm[3] == 2  # the page and its English stand-in, each rendered again
    strict = built(root, cold=False, strict=True)
    assert strict[2]


def test_a_kept_rendering_that_does_not_load_is_converted_again(root: Path):
    cold = built(root, cold=True)
    assert [path.name for path in kept_files(root)] == ["page-renderings-en.pickle", "page-renderings-fi.pickle"]
    keys = 0
    for kept_file in kept_files(root):
        kept = Kept(kept_file)
        found = list(kept._on_disk())
        keys += len(found)
        kept._stored = {}  # so that save() writes the same keys with other values
        for key in found:
            kept.put(key, b"not a pickle")
        kept.save()
        written = Kept(kept_file)
        assert {written.get(key) for key in found} == {b"not a pickle"}
    assert keys == PAGE_COUNT
    warm = built(root, cold=False)
    assert warm[3] == PAGE_COUNT
    same_site(warm, cold)


class _Watching:
    observes_only = True  # watches the rendering, says nothing of how to keep what it saw


def test_nothing_is_kept_when_a_watching_extension_cannot_replay_what_it_saw(tmp_path: Path):
    config = {"markdown_extensions": ["toc", _Watching()], "mdx_configs": {}, "site_url": None, "validation": {}, "use_directory_urls": True}
    renderings = LanguageRenderings(kept=None, root=tmp_path)
    renderings.settings_from(config)
    assert not renderings.keeps
    config["markdown_extensions"] = ["toc"]
    renderings.settings_from(config)
    assert renderings.keeps


def test_the_kept_file_holds_no_page_text(root: Path):
    # The watcher's record is kept without the page's Markdown (it would double the file).
    built(root, cold=True)
    data = b"".join(path.read_bytes() for path in kept_files(root))
    assert data
    assert not re.search(rb"Ensimm\xc3\xa4inen tapaaminen\.\n", data)


def test_the_same_text_in_two_places_is_rendered_for_each_place(root: Path):
    # A link is rewritten relative to the page: the kept rendering of one is not the other's.
    text = "# Kopio\n\n[Tapaamiset](tapaamiset.md)\n"
    (root / "docs/fi/kopio.md").write_text(text, encoding="utf-8")
    (root / "docs/fi/kansio").mkdir()
    (root / "docs/fi/kansio/kopio.md").write_text(text, encoding="utf-8")
    for cold in (True, False):
        files = built(root, cold=cold, strict=False)[0]
        assert 'href="../tapaamiset/"' in files["kopio/index.html"].decode()
        # kansio/tapaamiset.md does not exist: MkDocs leaves the link as written (the
        # reference check reports it), never the other page's "../tapaamiset/".
        assert 'href="tapaamiset.md"' in files["kansio/kopio/index.html"].decode()


def test_a_kind_of_page_with_its_own_render_is_left_to_it(tmp_path: Path):
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File

    class OwnPage(Page):
        def render(self, config, files):  # e.g. a plugin's page kind
            self.content = "own"

    config = MkDocsConfig()
    file = File("a.md", str(tmp_path), str(tmp_path / "site"), True)
    renderings = LanguageRenderings(kept=None, root=tmp_path)
    plain, own = Page(None, file, config), OwnPage(None, file, config)
    renderings.bind(plain)
    renderings.bind(own)
    assert "render" in vars(plain) and "render" not in vars(own)


def test_after_the_reference_check_joins_the_hooks_the_next_build_converts_nothing(root: Path):
    # Its collector watches the rendering: what it saw must be kept too, once, not the
    # pages converted again on every build because the kept ones lack it.
    config = root / "mkdocs.yml"
    with_check = config.read_text(encoding="utf-8")
    config.write_text("\n".join(line for line in with_check.splitlines() if not line.endswith("reference_check.py")) + "\n", encoding="utf-8")
    assert built(root, cold=True)[3] == PAGE_COUNT
    assert built(root, cold=False)[3] == 0
    config.write_text(with_check, encoding="utf-8")
    assert built(root, cold=False)[3] == PAGE_COUNT
    assert built(root, cold=False)[3] == 0


def test_a_build_that_shows_no_info_keeps_its_own_renderings(root: Path, conversions: Conversions):
    # MkDocs called from Python (no INFO shown) and `mkdocs build` (INFO shown) each find
    # their own: a rendering silent in the first may have said something at INFO.
    logger = logging.getLogger("mkdocs")
    previous = logger.level
    logger.setLevel(logging.WARNING)
    try:
        counts = []
        for _ in range(2):
            before = conversions.count
            build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "quiet")))
            counts.append(conversions.count - before)
    finally:
        logger.setLevel(previous)
    assert counts == [PAGE_COUNT, 0]
    assert built(root, cold=False)[3] == PAGE_COUNT  # INFO shown: another key
