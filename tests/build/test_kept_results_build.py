"""Results kept between builds (handbook/core/kept.py) never change what readers get.

A copy of the real handbook is built cold (nothing kept), then again with nothing changed,
then after an author's edit of one Finnish page; each warm site must be byte for byte the
site a cold build of the same text makes, and the warm builds must redo only the work
whose input changed: no page rendered again for the pins, no glossary links or hidden
search words made again, no Pagefind run when no built page changed.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from handbook.core.kept import unpacked
from handbook.finnish import forget_project_morphologies
from handbook.glossary import links_hook
from handbook.reader import search
from handbook.translation import rendering
from handbook_sites import REPO_ROOT, build_site

PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "snippets", "overrides", "hooks")
EDITED = "docs/fi/teoria/desistanssi.md"
SENTENCE = "\nTämä virke on lisätty testiä varten.\n"


class Counts:
    def __init__(self, monkeypatch) -> None:
        self.renders = self.linked = self.forms = self.pagefind = 0
        html, link_terms, add_forms, run = rendering.Renderer.html, links_hook.link_terms, search.add_hidden_forms, subprocess.run

        def counted_html(renderer, text, *more):
            self.renders += 1
            return html(renderer, text, *more)

        def counted_links(*args, **kwargs):
            self.linked += 1
            return link_terms(*args, **kwargs)

        def counted_forms(*args, **kwargs):
            self.forms += 1
            return add_forms(*args, **kwargs)

        def counted_run(command, *args, **kwargs):
            self.pagefind += "pagefind" in str(command[0])
            return run(command, *args, **kwargs)

        monkeypatch.setattr(rendering.Renderer, "html", counted_html)
        monkeypatch.setattr(links_hook, "link_terms", counted_links)
        monkeypatch.setattr(search, "add_hidden_forms", counted_forms)
        monkeypatch.setattr(search.subprocess, "run", counted_run)

    def reset(self) -> None:
        self.renders = self.linked = self.forms = self.pagefind = 0


def site_files(site: Path) -> dict[str, bytes]:
    files = {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}
    # The status file says when it was made; nothing else of a site may differ.
    files["translation-status.json"] = re.sub(rb'"generated": "[^"]+"', b'"generated": "-"', files["translation-status.json"])
    # Pagefind writes its languages in no fixed order from one run to the next.
    entry = json.loads(files["pagefind/pagefind-entry.json"])
    files["pagefind/pagefind-entry.json"] = json.dumps(entry, sort_keys=True).encode()
    return files


def build(project: Path, site: Path, *, cold: bool):
    # What one process remembers between builds is forgotten: only the disk may help.
    forget_project_morphologies()
    if cold:
        for name in ("rendered-pages", "page-renderings-fi", "page-renderings-en", "glossary-links-fi", "glossary-links-en", "search-forms", "term-check"):
            (project / ".cache" / "handbook" / f"{name}.pickle").unlink(missing_ok=True)
        shutil.rmtree(project / ".cache" / "handbook" / "search-index", ignore_errors=True)
    built = build_site(project / "mkdocs.yml", site, strict=True, command="build")
    assert not built.aborted, built.warnings()
    return site_files(site)


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    copy = tmp_path / "handbook"
    copy.mkdir()
    for part in PROJECT_PARTS:
        source = REPO_ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, copy / part)
    # The Finnish words analysed already: the word cache is not what this test is about.
    words = REPO_ROOT / ".cache" / "handbook" / "finnish-words.json"
    if words.is_file():
        (copy / ".cache" / "handbook").mkdir(parents=True)
        shutil.copy2(words, copy / ".cache" / "handbook" / words.name)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764633600")  # the print cover's date, fixed
    return copy


def test_warm_builds_give_the_cold_builds_site_and_redo_only_what_changed(project: Path, tmp_path: Path, monkeypatch):
    counts = Counts(monkeypatch)
    cold = build(project, tmp_path / "cold", cold=True)
    assert counts.renders > 80 and counts.linked > 40 and counts.forms > 20 and counts.pagefind == 1

    counts.reset()
    warm = build(project, tmp_path / "warm", cold=False)
    assert (counts.renders, counts.linked, counts.forms, counts.pagefind) == (0, 0, 0, 0)
    assert warm == cold

    page = project / EDITED
    page.write_text(page.read_text(encoding="utf-8") + SENTENCE, encoding="utf-8")
    counts.reset()
    edited = build(project, tmp_path / "edited", cold=False)
    # The edited page is rendered again; its own HTML and the status page change (its
    # twin is outdated), so Pagefind runs again.
    assert counts.renders == 1 and counts.pagefind == 1
    assert 1 <= counts.linked < 10 and 1 <= counts.forms < 10
    assert "Tämä virke on lisätty testiä varten." in edited["teoria/desistanssi/index.html"].decode()
    assert edited == build(project, tmp_path / "edited-cold", cold=True)


def test_kept_renderings_hold_when_mkdocs_yml_is_named_relatively_and_after_the_folder_moves(project: Path, tmp_path: Path, monkeypatch):
    # `mkdocs build -f mkdocs.yml` makes `!relative` paths (the snippets folder) relative;
    # `make site` makes them absolute; a moved checkout makes them another absolute path.
    # None of these changes what a page renders to, so none may cost a rendering again.
    from mkdocs.__main__ import cli

    counts = Counts(monkeypatch)
    build(project, tmp_path / "cold", cold=True)
    assert counts.renders > 80

    counts.reset()
    monkeypatch.chdir(project)
    # The command line sets the `mkdocs` logger's level and handlers: both put back after.
    logger = logging.getLogger("mkdocs")
    level, handlers = logger.level, list(logger.handlers)
    try:
        cli.main(["build", "--strict", "-q", "-f", "mkdocs.yml", "-d", str(tmp_path / "relative")], standalone_mode=False)
    finally:
        logger.setLevel(level)
        logger.handlers[:] = handlers
    assert counts.renders == 0

    moved = project.rename(tmp_path / "moved")
    monkeypatch.chdir(tmp_path)
    counts.reset()
    build(moved, tmp_path / "after-move", cold=False)
    assert counts.renders == 0


def test_the_build_lets_go_of_the_renderings_once_the_pins_and_the_term_check_have_run(tmp_path: Path, monkeypatch):
    # Both languages' renderings were held until the build ended (18 MB at 1,000 x 2
    # pages); nothing after the pre_build events asks for them.
    from handbook.terms import hook as terms_hook
    from handbook.translation import hook as translation_hook
    from handbook.translation import markdown_config
    from handbook_sites import TERM_GLOSSARY, write_fixture_site

    made, held_when_released = [], []
    build_renderer, release = markdown_config.build_renderer, rendering.Renderer.release

    def recorded(config):
        renderer = build_renderer(config)
        if renderer not in made:
            made.append(renderer)
        return renderer

    def recorded_release(renderer):
        pages = [value for value in renderer.cache._used.values() if unpacked(value, rendering.RenderedPage)]
        held_when_released.append((len(renderer._pages), len(pages)))
        release(renderer)

    monkeypatch.setattr(translation_hook, "build_renderer", recorded)
    monkeypatch.setattr(terms_hook, "build_renderer", recorded)
    monkeypatch.setattr(rendering.Renderer, "release", recorded_release)
    files = {
        "docs/fi/index.md": "# Koti {#home}\n\nKodin ulkopuolinen väkivalta.\n",
        "docs/en/index.md": "# Home {#home}\n\nViolence outside the home.\n",
        "docs/fi/toinen.md": "# Toinen {#toinen}\n\nTekstiä.\n",
        "docs/en/toinen.md": "# Other {#toinen}\n\nText.\n",
        "data/glossary.yml": TERM_GLOSSARY,
    }
    config = write_fixture_site(tmp_path, files, hooks=["documents.py", "term_check.py", "translation_track.py"], extra={"glossary": "data/glossary.yml"})
    built = build_site(config, tmp_path / "site", strict=True)
    assert not built.aborted, built.warnings()
    assert len(made) == 1, "the pins and the term check share one renderer"
    # Made by this build, the two pages in two languages were saved to the kept file by the
    # term check: neither the renderer nor the kept file holds one of them any more.
    assert held_when_released and held_when_released[0] == (0, 0)
    renderer = made[0]
    assert renderer._pages == {} and renderer.cache._stored is None and renderer.cache._used == {}
    # What was let go is on disk: a second build renders nothing again.
    made.clear()
    counted = []
    html = rendering.Renderer.html
    monkeypatch.setattr(rendering.Renderer, "html", lambda self, text, *more: counted.append(text) or html(self, text, *more))
    assert not build_site(config, tmp_path / "again", strict=True).aborted
    assert counted == []


def test_the_finnish_builds_kept_pages_are_let_go_of_before_the_english_pages_are_built(tmp_path: Path, monkeypatch):
    # mkdocs-static-i18n builds English inside the Finnish build's last event: what only
    # the Finnish pages needed (their hidden search words, their glossary links) would
    # otherwise be held beside every English page, at the build's peak.
    from handbook.core.kept import Kept
    from handbook_sites import write_fixture_site

    # Recorded on Kept itself: MkDocs keeps a hook file's module (and the methods it bound)
    # for the whole process, so a patched hook class would not be seen by a later build.
    events = []
    release, get = Kept.release, Kept.get
    monkeypatch.setattr(Kept, "release", lambda kept: events.append(f"let go {kept.path.stem}") or release(kept))
    monkeypatch.setattr(Kept, "get", lambda kept, key: events.append(f"ask {kept.path.stem}") or get(kept, key))
    glossary = "- id: meeting\n  fi: tapaaminen\n  en: meeting\n  fi_definition: Keskustelu.\n  en_definition: A conversation.\n"
    files = {
        "docs/fi/index.md": "# Koti {#home}\n\nEnsimmäisessä tapaamisessa sovitaan.\n",
        "docs/en/index.md": "# Home {#home}\n\nIn the first meeting they agree.\n",
        "docs/fi/sanasto.md": "# Sanasto {#glossary}\n\n<!-- glossary -->\n",
        "docs/en/sanasto.md": "# Glossary {#glossary}\n\n<!-- glossary -->\n",
        "data/glossary.yml": glossary,
    }
    hooks = ["documents.py", "site_settings.py", "glossary.py", "glossary_links.py", "search_index.py"]
    config = write_fixture_site(tmp_path, files, hooks=hooks, extra={"glossary": "data/glossary.yml"})
    for run in ("cold", "warm"):
        events.clear()
        built = build_site(config, tmp_path / run, strict=True)
        assert not built.aborted, built.warnings()
        first_english = events.index("ask glossary-links-en")  # the first English page
        assert {"let go search-forms", "let go glossary-links-fi"} <= set(events[:first_english]), (run, events)
        assert not {"ask search-forms", "ask glossary-links-fi"} & set(events[first_english:]), (run, events)
        assert "tapaamisessa" in (tmp_path / run / "index.html").read_text(encoding="utf-8")
    # What was let go was saved first: the warm build's search table is the cold one's.
    table = search.TABLE_PATH
    assert (tmp_path / "cold" / table).read_bytes() == (tmp_path / "warm" / table).read_bytes()
    assert b"tapaaminen" in (tmp_path / "cold" / table).read_bytes()
    names = {path.name for path in (tmp_path / ".cache" / "handbook").iterdir()}
    assert {"search-forms.pickle", "glossary-links-fi.pickle", "glossary-links-en.pickle"} <= names


def test_rebuilds_in_one_process_leave_no_kept_file_open(tmp_path: Path):
    # A kept file stays open while its results are read (core/kept.py); `make serve`
    # rebuilds in one process for hours, and every rebuild opens each file again.
    import gc
    import os

    from handbook_sites import TERM_GLOSSARY, write_fixture_site

    files = {
        "docs/fi/index.md": "# Koti {#home}\n\nKodin ulkopuolinen väkivalta.\n",
        "docs/en/index.md": "# Home {#home}\n\nViolence outside the home.\n",
        "data/glossary.yml": TERM_GLOSSARY,
    }
    hooks = ["documents.py", "page_renderings.py", "term_check.py", "translation_track.py", "glossary.py", "glossary_links.py", "reference_check.py"]
    config = write_fixture_site(tmp_path, files, hooks=hooks, extra={"glossary": "data/glossary.yml"})

    def open_kept_files() -> list[str]:
        found = []
        for name in os.listdir("/proc/self/fd"):
            try:
                target = os.readlink(f"/proc/self/fd/{name}")
            except OSError:
                continue  # the listing's own handle, closed meanwhile
            if str(tmp_path / ".cache") in target:
                found.append(target)
        return found

    for _ in range(3):
        assert not build_site(config, tmp_path / "site", strict=True).aborted
        gc.collect()
        assert open_kept_files() == []
    assert (tmp_path / ".cache" / "handbook" / "rendered-pages.pickle").exists()
