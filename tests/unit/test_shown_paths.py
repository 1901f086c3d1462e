"""Where a file is shown from (`relative_to_root`): its real place, as `Path.resolve` finds it.

A build remembers the real place of each folder until the next build opens the document
store, so the shown path must match a full resolve for files, symlinked files, symlinked
folders, dots and missing files, and a folder that became a symlink between two builds
must be shown by its new place in the next one.
"""

from __future__ import annotations

import os
from pathlib import Path

from handbook.core.findings import relative_to_root
from handbook.document import store


def _resolved(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def test_the_shown_path_is_the_one_a_full_resolve_gives(tmp_path):
    root = tmp_path / "project"
    (root / "docs" / "fi").mkdir(parents=True)
    (root / "content" / "en").mkdir(parents=True)
    (root / "docs" / "fi" / "sivu.md").write_text("x")
    (root / "content" / "en" / "page.md").write_text("x")
    (root / "docs" / "en").symlink_to(root / "content" / "en")
    (root / "docs" / "fi" / "linkki.md").symlink_to(root / "content" / "en" / "page.md")
    (tmp_path / "outside.md").write_text("x")
    (root / "docs" / "fi" / "ulos.md").symlink_to(tmp_path / "outside.md")
    (root / "alias").symlink_to(root)
    cases = [
        root / "docs" / "fi" / "sivu.md",
        root / "docs" / "en" / "page.md",
        root / "docs" / "fi" / "linkki.md",
        root / "docs" / "fi" / "ulos.md",
        root / "docs" / "fi" / "puuttuu.md",
        root / "docs" / "fi" / ".." / "en" / "page.md",
        root / "docs" / "en" / ".." / "fi" / "sivu.md",
        root / "alias" / "docs" / "fi" / "sivu.md",
        root / "docs" / "fi" / ".",
        root / "docs" / "en",
        tmp_path / "outside.md",
    ]
    for case in cases:
        for base in (root, root / "alias"):
            assert relative_to_root(case, base) == _resolved(case, base), (case, base)
    assert relative_to_root(root / "docs" / "en" / "page.md", root) == "content/en/page.md"


def test_a_folder_that_becomes_a_symlink_is_seen_by_the_next_build(tmp_path):
    root = tmp_path / "project"
    (root / "docs" / "en").mkdir(parents=True)
    (root / "docs" / "en" / "page.md").write_text("x")
    (root / "content" / "en").mkdir(parents=True)
    (root / "content" / "en" / "page.md").write_text("x")
    page = root / "docs" / "en" / "page.md"
    store.acquire()
    try:
        assert relative_to_root(page, root) == "docs/en/page.md"
    finally:
        store.release()
    (root / "docs" / "en" / "page.md").unlink()
    os.rmdir(root / "docs" / "en")
    (root / "docs" / "en").symlink_to(root / "content" / "en")
    store.acquire()
    try:
        assert relative_to_root(page, root) == "content/en/page.md"
    finally:
        store.release()
