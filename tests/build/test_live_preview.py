"""`make serve` after a save: the preview reloads without waiting for Pagefind, its search
is either current or says it may lag, and unchanged pages are not read again.

The builds here go through MkDocs' own `load_config` + `build` in the order `mkdocs serve`
uses (on_startup("serve"), a first build, on_serve, then a fresh config per rebuild)."""

from __future__ import annotations

import gzip
import os
import time
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from handbook.document import store
from handbook.reader.search import KEPT, SearchIndexHook, preview_notice
from handbook_sites import REPO_ROOT, write_fixture_site

FI = "# Koti\n\nEnsimmäinen sivu.\n"
EN = "# Home\n\nThe first page.\n"
SECOND = "# Toinen\n\nToinen sivu kertoo {word}.\n"


class Preview:
    """One `mkdocs serve` session over a tiny site with the handbook's theme and hooks."""

    def __init__(self, root: Path) -> None:
        self.root = root
        files = {"docs/fi/index.md": FI, "docs/en/index.md": EN, "docs/fi/toinen.md": SECOND.format(word="metsästä")}
        self.config_file = write_fixture_site(
            root, files, hooks=["documents.py", "search_index.py"],
            theme={"name": "material", "language": "fi", "font": False, "custom_dir": str(REPO_ROOT / "overrides")},
            nav=[{"Koti": "index.md"}, {"Toinen": "toinen.md"}],
        )
        self.site = root / "site"
        config = self.config()
        config.plugins.on_startup(command="serve", dirty=False)
        self.hook = next(plugin.search for plugin in config.plugins.values() if isinstance(getattr(plugin, "search", None), SearchIndexHook))
        build(config, serve_url="http://127.0.0.1:8000/")
        config.plugins.on_serve(object(), config=config, builder=None)  # the server itself is not used
        self.last = config

    def config(self):
        return load_config(str(self.config_file), site_dir=str(self.site), strict=True)

    def rebuild(self) -> None:
        self.last = self.config()
        build(self.last, serve_url="http://127.0.0.1:8000/")

    def close(self) -> None:
        self.last.plugins.on_shutdown()
        self.last.plugins.on_startup(command="build", dirty=False)  # the hook objects outlive this test

    def indexed_text(self) -> str:
        return " ".join(gzip.decompress(path.read_bytes()).decode("utf-8", "replace") for path in (self.site / "pagefind" / "fragment").glob("*.pf_fragment"))


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """One preview session for the tests below, in order; each leaves its index complete."""
    session = Preview(tmp_path_factory.mktemp("preview") / "project")
    yield session
    session.close()


def test_a_plain_build_waits_for_pagefind_and_keeps_nothing_hidden(tmp_path: Path):
    files = {"docs/fi/index.md": FI, "docs/en/index.md": EN}
    config_file = write_fixture_site(tmp_path, files, hooks=["documents.py", "search_index.py"],
                                     theme={"name": "material", "language": "fi", "font": False, "custom_dir": str(REPO_ROOT / "overrides")})
    config = load_config(str(config_file), site_dir=str(tmp_path / "site"), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    assert (tmp_path / "site" / "pagefind" / "pagefind-entry.json").exists()
    assert not (tmp_path / "site" / KEPT).exists()
    assert "data-handbook-search-preview" not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_the_first_build_of_a_preview_waits_for_its_index_and_keeps_it(preview):
    assert "metsästä" in preview.indexed_text()
    assert (preview.site / KEPT / "pagefind" / "pagefind-entry.json").exists()


def test_a_rebuild_with_the_same_pages_keeps_the_index_without_running_pagefind(preview):
    entry = (preview.site / "pagefind" / "pagefind-entry.json").read_bytes()
    preview.rebuild()
    assert preview.hook.job.wait(timeout=120) == "current"
    assert (preview.site / "pagefind" / "pagefind-entry.json").read_bytes() == entry


def test_a_rebuild_puts_the_last_index_back_at_once_and_says_the_search_may_lag(preview):
    page = preview.root / "docs" / "fi" / "toinen.md"
    page.write_text(SECOND.format(word="vuoristosta"), encoding="utf-8")
    preview.rebuild()
    # The reload comes before Pagefind: the index of the previous save is already in place.
    assert (preview.site / "pagefind" / "pagefind-entry.json").exists()
    html = (preview.site / "toinen" / "index.html").read_text(encoding="utf-8")
    assert "vuoristosta" in html and preview_notice("fi") in html
    assert preview_notice("en") in (preview.site / "en" / "index.html").read_text(encoding="utf-8")
    assert preview.hook.job.wait(timeout=120) == "rebuilt"
    assert "vuoristosta" in preview.indexed_text() and "metsästä" not in preview.indexed_text()


def test_a_save_during_a_background_run_stops_it_and_the_last_save_wins(preview):
    page = preview.root / "docs" / "fi" / "toinen.md"
    page.write_text(SECOND.format(word="tuntureilta"), encoding="utf-8")
    preview.rebuild()
    first = preview.hook.job
    page.write_text(SECOND.format(word="saaristosta"), encoding="utf-8")
    preview.rebuild()
    assert first.wait(timeout=0) in ("stopped", "rebuilt")  # stopped before the site was emptied
    assert preview.hook.job.wait(timeout=120) == "rebuilt"
    assert "saaristosta" in preview.indexed_text() and "tuntureilta" not in preview.indexed_text()


# --- The document store across the builds of a preview


def _aged(path: Path, text: str, seconds: float = 60) -> Path:
    path.write_text(text, encoding="utf-8")
    past = time.time() - seconds
    os.utime(path, (past, past))
    return path


def test_a_preview_rebuild_reads_only_the_page_that_changed(tmp_path: Path):
    kept, edited = _aged(tmp_path / "a.md", "# A\n"), _aged(tmp_path / "b.md", "---\ntitle: B\n---\n# B\n")
    store.acquire(serving=True)
    first = store.current()
    assert first.text(kept) == "# A\n"
    parsed = first.document(edited, tmp_path)
    store.release()
    edited.write_text("---\ntitle: B2\n---\n# B\n", encoding="utf-8")
    store.acquire(serving=True)
    second = store.current()
    try:
        assert second.text(kept) == "# A\n"
        assert second.document(edited, tmp_path).meta == {"title": "B2"}
        assert (second.reads, second.reused) == (1, 1)
        assert second.document(edited, tmp_path) is not parsed
    finally:
        store.release()


def test_a_page_saved_within_the_timestamp_granularity_is_read_again(tmp_path: Path):
    page = tmp_path / "a.md"
    page.write_text("# A\n", encoding="utf-8")  # modified just now: its stamp cannot be trusted yet
    store.acquire(serving=True)
    store.current().text(page)
    store.release()
    page.write_text("# B\n", encoding="utf-8")
    stamp = os.stat(page)
    store.acquire(serving=True)
    try:
        assert store.current().text(page) == "# B\n" and store.current().reads == 1
    finally:
        store.release()
    assert stamp.st_size == 4


def test_a_plain_build_carries_nothing_to_the_next(tmp_path: Path):
    page = _aged(tmp_path / "a.md", "# A\n")
    store.acquire()
    store.current().text(page)
    store.release()
    store.acquire()
    try:
        store.current().text(page)
        assert (store.current().reads, store.current().reused) == (1, 0)
    finally:
        store.release()


def test_every_watched_folder_is_looked_at_every_tenth_of_a_second(tmp_path: Path):
    # MkDocs' serve order: docs/ and mkdocs.yml watched, on_serve, then the `watch:` folders.
    from mkdocs.livereload import LiveReloadServer

    from handbook.core.live_preview import INTERVAL, watch_closely

    for folder in ("data", "snippets"):
        (tmp_path / folder).mkdir()
    config_file = write_fixture_site(tmp_path, {"docs/fi/index.md": FI}, watch=["data", "snippets"])
    config = load_config(str(config_file), site_dir=str(tmp_path / "site"))
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    changes = []
    try:
        server.watch(config.docs_dir)
        server.watch(config.config_file_path)
        watch_closely(server, config)
        for item in config.watch:
            server.watch(item)
        emitters = list(server.observer.emitters)
        assert len(emitters) == 4  # MkDocs' own watch of a `watch:` folder added none
        assert {emitter.timeout for emitter in emitters} == {INTERVAL}  # watchdog's own reading of it
        # Still watching: a save is noticed (a generous deadline; this is not a timing test).
        server.observer.start()
        original = server._rebuild_cond.notify_all

        def noticed():
            changes.append(True)
            original()

        server._rebuild_cond.notify_all = noticed
        time.sleep(0.3)
        (tmp_path / "snippets" / "uusi.md").write_text("Uusi.\n", encoding="utf-8")
        deadline = time.monotonic() + 10
        while not changes and time.monotonic() < deadline:
            time.sleep(0.05)
        assert changes
    finally:
        server.observer.stop()
        server.observer.join(timeout=5)
