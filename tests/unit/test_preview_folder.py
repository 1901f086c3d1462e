"""Where `make serve` keeps the preview's site: a tmpfs with room, else the system's temporary folder."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from handbook.core import preview_folder
from handbook.core.preview_folder import folder_bytes, is_tmpfs, memory_folder

MOUNTS = """\
/dev/vda / ext4 rw,relatime 0 0
proc /proc proc rw,nosuid 0 0
tmpfs {memory} tmpfs rw,relatime,size=24683792k 0 0
"""


@pytest.fixture
def memory(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A folder the fake table of mounts calls a tmpfs, a docs folder and the table."""
    folder, docs = tmp_path / "shm", tmp_path / "docs"
    folder.mkdir()
    docs.mkdir()
    (docs / "index.md").write_text("# Etusivu\n", encoding="utf-8")
    mounts = tmp_path / "mounts"
    mounts.write_text(MOUNTS.format(memory=folder), encoding="utf-8")
    return folder, docs, mounts


def test_a_tmpfs_with_room_is_chosen(memory):
    folder, docs, mounts = memory
    assert memory_folder(docs, {}, memory=folder, mounts=mounts) == folder


def test_a_tmpdir_the_author_set_is_left_as_it_is(memory):
    folder, docs, mounts = memory
    assert memory_folder(docs, {"TMPDIR": "/var/tmp"}, memory=folder, mounts=mounts) is None
    # An empty TMPDIR is no choice (Python's tempfile passes it over too).
    assert memory_folder(docs, {"TMPDIR": ""}, memory=folder, mounts=mounts) == folder


def test_a_folder_that_is_not_a_tmpfs_is_not_chosen(memory, tmp_path):
    folder, docs, mounts = memory
    mounts.write_text("/dev/vda / ext4 rw 0 0\n", encoding="utf-8")
    assert memory_folder(docs, {}, memory=folder, mounts=mounts) is None
    # A tmpfs mounted somewhere else, or a name that only begins like it, is not this folder.
    mounts.write_text(f"tmpfs {folder}-other tmpfs rw 0 0\ntmpfs {folder.parent} tmpfs rw 0 0\n", encoding="utf-8")
    assert memory_folder(docs, {}, memory=folder, mounts=mounts) is None


def test_no_table_of_mounts_or_no_folder_is_the_system_folder(memory, tmp_path):
    folder, docs, mounts = memory
    assert memory_folder(docs, {}, memory=folder, mounts=tmp_path / "no-such-table") is None
    missing = tmp_path / "missing"
    mounts.write_text(MOUNTS.format(memory=missing), encoding="utf-8")
    assert memory_folder(docs, {}, memory=missing, mounts=mounts) is None


def test_a_tmpfs_without_room_for_the_site_is_not_chosen(memory, monkeypatch):
    folder, docs, mounts = memory
    need = preview_folder.FIXED_ROOM + preview_folder.ROOM_PER_DOCS_BYTE * folder_bytes(docs)
    assert folder_bytes(docs) > 0

    def free(space):  # a tmpfs with `space` bytes free, in blocks of 4 KiB
        return lambda path: SimpleNamespace(f_bavail=space // 4096, f_frsize=4096)

    monkeypatch.setattr(preview_folder.os, "statvfs", free(need - 4096))
    assert memory_folder(docs, {}, memory=folder, mounts=mounts) is None
    monkeypatch.setattr(preview_folder.os, "statvfs", free(need + 4096))
    assert memory_folder(docs, {}, memory=folder, mounts=mounts) == folder


def test_the_docs_folder_is_measured_by_its_files(tmp_path):
    (tmp_path / "fi" / "teoria").mkdir(parents=True)
    (tmp_path / "fi" / "teoria" / "a.md").write_bytes(b"x" * 1000)
    (tmp_path / "fi" / "b.md").write_bytes(b"y" * 234)
    assert folder_bytes(tmp_path) == 1234
    assert folder_bytes(tmp_path / "missing") == 0


def test_the_kernels_table_is_read_by_its_fields():
    assert is_tmpfs(Path("/dev/shm"), "tmpfs /dev/shm tmpfs rw 0 0\n")
    assert not is_tmpfs(Path("/dev/shm"), "shm /dev/shm ext4 rw 0 0\n")
    assert not is_tmpfs(Path("/dev/shm"), "garbage\n\n tmpfs\n")
