"""`make serve` gives a page its last HTML only when the theme would make the same again
(hooks/preview_pages.py): after every realistic edit, the preview's site is byte for byte
the site of a rebuild that renders every page.

One `mkdocs serve` session over a copy of the handbook, in the order `mkdocs serve` uses
(on_startup("serve"), a first build, on_serve, a fresh configuration for every rebuild).
After each edit the session rebuilds with the pages it kept, then again with none kept,
and both sites are compared; each edit must also change what a reader gets, so that no
comparison is of two unchanged sites.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from handbook.core.preview_pages import PreviewPagesHook
from handbook_sites import REPO_ROOT

SERVE_URL = "http://127.0.0.1:8000/"
# Written by Pagefind in the background, or the time of the status file: not the theme's.
VOLATILE = ("pagefind/", ".", "translation-status.json")


def _git(root: Path, *args: str) -> None:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True,
                          env={**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
                        "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org"})
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"


class Server:
    """What the hooks' on_serve use of `mkdocs serve`'s server: nothing is watched here."""

    class observer:  # noqa: N801 (the server's attribute)
        emitters = ()

    def watch(self, path) -> None:
        pass


class Session:
    def __init__(self, root: Path) -> None:
        for name in ("docs", "data", "snippets", "overrides"):
            shutil.copytree(REPO_ROOT / name, root / name)
        shutil.copy(REPO_ROOT / "mkdocs.yml", root / "mkdocs.yml")
        (root / "hooks").symlink_to(REPO_ROOT / "hooks")
        (root / ".gitignore").write_text("site/\n.cache/\n", encoding="utf-8")
        _git(root, "init", "-q")
        _git(root, "add", "-A")
        _git(root, "commit", "-q", "-m", "The handbook")
        self.root, self.site = root, root / "site"
        config = self.config()
        config.plugins.on_startup(command="serve", dirty=False)
        self.hook = next(plugin.preview_pages for plugin in config.plugins.values()
                         if isinstance(getattr(plugin, "preview_pages", None), PreviewPagesHook))
        build(config, serve_url=SERVE_URL)
        config.plugins.on_serve(Server(), config=config, builder=None)
        self.last = config
        self.shown = self.snapshot()

    def config(self):
        return load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.site), strict=False)

    def rebuild(self) -> dict[str, bytes]:
        self.last = self.config()
        build(self.last, serve_url=SERVE_URL)
        return self.snapshot()

    def snapshot(self) -> dict[str, bytes]:
        found = {}
        for where, folders, names in os.walk(self.site):
            # Not into the background search run's folders, which change while this reads.
            folders[:] = [name for name in folders if not name.startswith(".") and name != "pagefind"]
            for name in names:
                path = Path(where) / name
                shown = path.relative_to(self.site).as_posix()
                if not shown.startswith(VOLATILE):
                    found[shown] = path.read_bytes()
        return found

    def check(self) -> tuple[int, int]:
        """Rebuild as the preview does, then with nothing kept; both sites must be the same."""
        kept = self.rebuild()
        counts = self.hook.pages.counts
        self.hook.pages.clear()
        fresh = self.rebuild()
        differ = sorted(name for name in kept.keys() | fresh.keys() if kept.get(name) != fresh.get(name))
        assert not differ, f"the preview kept pages the theme would now make otherwise: {differ[:10]}"
        changed = sorted(name for name in fresh.keys() | self.shown.keys() if fresh.get(name) != self.shown.get(name))
        assert changed, "the edit changed nothing a reader gets: the comparison proves nothing"
        self.shown = fresh
        # Kept again, for the next edit: the pages of a rebuild like the preview's.
        self.rebuild()
        return counts

    def edit(self, name: str, old: str, new: str, count: int = 1) -> None:
        path = self.root / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) >= count, f"{name} has no {old!r}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    def close(self) -> None:
        self.last.plugins.on_shutdown()
        self.last.plugins.on_startup(command="build", dirty=False)  # the hook objects outlive this test


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    preview = Session(tmp_path_factory.mktemp("preview-pages") / "project")
    yield preview
    preview.close()


def _first_heading(text: str) -> str:
    return next(line for line in text.splitlines() if line.startswith("# "))


def test_a_sentence_changed_renders_only_the_pages_that_show_it(session):
    session.edit("docs/fi/teoria/desistanssi.md", "\n\n", "\n\nTämä lause on lisätty esikatselussa.\n\n")
    kept, made = session.check()
    # The page, its English twin (now outdated) and both printable handbooks; at most a few more.
    assert made <= 8 and kept >= 70, (kept, made)


def test_a_title_changed_reaches_every_page_navigation(session):
    # A section's index page has no title in mkdocs.yml: the next page's footer shows its heading.
    path = "docs/fi/teoria/index.md"
    title = _first_heading((session.root / path).read_text(encoding="utf-8"))[2:].split(" {")[0]
    session.edit(path, f"# {title}", f"# {title} esikatselussa")
    session.check()
    assert f"{title} esikatselussa" in (session.site / "teoria" / "leimaaminen" / "index.html").read_text(encoding="utf-8")


def test_front_matter_shown_in_every_page_navigation(session):
    # Material shows a page's `subtitle` under its title in the navigation of every page.
    path = "docs/fi/teoria/desistanssi.md"
    text = (session.root / path).read_text(encoding="utf-8")
    if text.startswith("---\n"):
        session.edit(path, "---\n", "---\nsubtitle: Esikatselussa lisätty alaotsikko\n")
    else:
        (session.root / path).write_text("---\nsubtitle: Esikatselussa lisätty alaotsikko\n---\n\n" + text, encoding="utf-8")
    session.check()
    assert "Esikatselussa lisätty alaotsikko" in (session.site / "index.html").read_text(encoding="utf-8")


def test_a_translation_edited(session):
    path = "docs/en/teoria/desistanssi.md"
    text = (session.root / path).read_text(encoding="utf-8")
    (session.root / path).write_text(text + "\nA sentence the translator added.\n", encoding="utf-8")
    session.check()


def test_an_override_template_edited(session):
    session.edit("overrides/main.html", "{% extends", "{# edited while serving #}<!-- edited while serving -->{% extends")
    session.check()


def test_a_new_override_in_front_of_materials_template(session):
    material = Path(__import__("material").__file__).parent / "templates" / "partials" / "footer.html"
    (session.root / "overrides" / "partials" / "footer.html").write_text(
        material.read_text(encoding="utf-8").replace("<footer", "<footer data-edited-override", 1), encoding="utf-8")
    session.check()


def test_the_configuration_edited(session):
    session.edit("mkdocs.yml", "\nsite_description:", "\nsite_description: Muokattu.", 1)
    session.check()


def test_a_data_file_edited(session):
    import yaml

    glossary = session.root / "data" / "glossary.yml"
    entries = yaml.safe_load(glossary.read_text(encoding="utf-8"))
    entries[0]["fi_definition"] = entries[0]["fi_definition"].rstrip() + " Muokattu esikatselussa."
    glossary.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    session.check()


def test_a_snippet_added_then_edited(session):
    (session.root / "snippets" / "esikatselu.md").write_text("Katkelman ensimmäinen teksti.\n", encoding="utf-8")
    session.edit("docs/fi/teoria/desistanssi.md", "\n\n", '\n\n--8<-- "esikatselu.md"\n\n')
    session.check()
    (session.root / "snippets" / "esikatselu.md").write_text("Katkelman toinen teksti.\n", encoding="utf-8")
    session.check()


def test_a_commit_changes_the_dates_of_pages(session):
    _git(session.root, "add", "-A")
    _git(session.root, "commit", "-q", "-m", "Edits made while serving", "--date", "2026-11-30T12:00:00")
    session.check()


def test_a_page_added_and_removed(session):
    (session.root / "docs" / "fi" / "uusi-sivu.md").write_text("# Uusi sivu\n\nUusi sivu esikatselussa.\n", encoding="utf-8")
    session.check()
    (session.root / "docs" / "fi" / "uusi-sivu.md").unlink()
    session.check()


def test_the_edition_changed(session, monkeypatch):
    monkeypatch.setenv("HANDBOOK_EDITION", "2027.1")
    session.check()


def test_no_template_the_preview_loads_reads_another_page_text(session):
    """The keys leave out every other page's text and table of contents: of the templates
    a rebuild loads (Material's and overrides/), only the current page's are named."""
    import re

    loaded = session.hook.pages.loaded_last
    assert loaded and any(name == "main.html" for name in loaded)
    read = set()
    for name, (filename, _) in loaded.items():
        assert filename is not None, name
        if "/.icons/" not in filename:
            read |= set(re.findall(r"([\w.]+)\.(content|toc|markdown)\b", Path(filename).read_text(encoding="utf-8")))
    assert {owner for owner, _ in read} <= {"page", "config.mdx_configs"}, read
