"""Every Markdown file of a build read from disk once, decoded once, parsed once.

The translation track, the reference check, the glossary and MkDocs itself (through
`on_page_read_source`, hooks/documents.py) all take a page's text from here during a
build, so a page is opened once per `mkdocs build` and every concern sees the same
text. The text is decoded as MkDocs decodes it (UTF-8, a BOM dropped, `\r\n` and `\r`
read as `\n`), so line numbers and hashes agree with what MkDocs renders.

A store lives for one outermost build: each `BuildHook` holds it open while its build
runs (`acquire`/`release`), and it is emptied when the last one lets go. Under `mkdocs
serve` the next build starts from what this one read: a page whose modification time,
size and inode are unchanged is neither read nor parsed again, so a rebuild after one
save reads one file. Outside a build (the `handbook` command, tests) `current()` gives a
store of one's own, shared by nobody.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from handbook.core.findings import Finding, forget_real_folders, relative_to_root
from handbook.document.source import Document, TranslationInputError, Unreadable, decode_like_mkdocs, parse_document  # noqa: F401

# A carried text is trusted only if the file was last modified this long before it was
# read: a file saved twice within the file system's timestamp granularity can keep its
# modification time and size (what git calls "racily clean"), so it is read again.
TRUSTED_AGE_NS = 2_000_000_000


@dataclass
class _Carried:
    """One file's text from the previous build of a live preview, and its parsed documents."""

    stamp: tuple[int, int, int]  # st_mtime_ns, st_size, st_ino when it was read
    read_at: int  # time.time_ns() just before it was read
    text: str | Unreadable
    documents: dict[str, Document] = field(default_factory=dict)

    def still_valid(self, path: Path) -> bool:
        try:
            status = os.stat(path)
        except OSError:
            return False
        stamp = (status.st_mtime_ns, status.st_size, status.st_ino)
        return stamp == self.stamp and self.read_at - status.st_mtime_ns >= TRUSTED_AGE_NS


class Documents:
    """Texts and parsed documents by absolute path, for the length of one build."""

    def __init__(self) -> None:
        self._texts: dict[Path, str | Unreadable] = {}
        self._documents: dict[tuple[Path, str], Document] = {}
        self.reads = 0  # files opened: what the read-once test counts
        self.reused = 0  # texts taken from the previous build of a live preview
        self.stamps: dict[Path, tuple[tuple[int, int, int], int]] | None = None  # kept under `mkdocs serve`
        self.previous: dict[Path, _Carried] = {}
        self.reported: set[str] = set()  # finding lines logged in this build, by any concern
        # What one concern worked out for this build and another shows (the term check's
        # missing terms on the translation status page), by the concern's name.
        self.results: dict[str, object] = {}

    def text(self, path: Path) -> str | Unreadable:
        key = Path(path).absolute()
        found = self._texts.get(key)
        if found is None:
            found = self._carried_text(key)
        if found is None:
            if self.stamps is not None:
                # Stamped before reading: a save during the read leaves a newer stamp behind.
                try:
                    status = os.stat(key)
                    self.stamps[key] = ((status.st_mtime_ns, status.st_size, status.st_ino), time.time_ns())
                except OSError:
                    pass
            try:
                raw = key.read_bytes()
            except OSError as error:
                found = Unreadable(0, f"cannot be read: {error.strerror}")
            else:
                self.reads += 1
                found = decode_like_mkdocs(raw)
            self._texts[key] = found
        return found

    def _carried_text(self, key: Path) -> str | Unreadable | None:
        carried = self.previous.pop(key, None)
        if carried is None or not carried.still_valid(key):
            return None
        self.reused += 1
        self._texts[key] = carried.text
        if self.stamps is not None:
            self.stamps[key] = (carried.stamp, carried.read_at)
        for shown, document in carried.documents.items():
            self._documents[(key, shown)] = document
        return carried.text

    def document(self, path: Path, root: Path) -> Document:
        """The page parsed once; an unreadable file raises `TranslationInputError` with its line."""
        key = Path(path).absolute()
        shown = relative_to_root(key, root)
        cached = self._documents.get((key, shown))
        if cached is not None:
            return cached
        text = self.text(key)
        if isinstance(text, Unreadable):
            raise TranslationInputError(Finding(shown, text.line, message=text.reason, kind="input"))
        cached = self._documents.get((key, shown))  # parsed in the previous build, if its text was carried
        if cached is not None:
            return cached
        document = parse_document(text, shown)
        self._documents[(key, shown)] = document
        return document

    def keep_for_next_build(self, previous: dict[Path, _Carried] | None) -> None:
        """Live preview: stamp what this build reads, and start from the previous build's texts."""
        if self.stamps is None:
            self.stamps = {}
        self.previous = dict(previous or {})

    def carried(self) -> dict[Path, _Carried]:
        """What the next build of a live preview may take over: every stamped text."""
        documents: dict[Path, dict[str, Document]] = {}
        for (path, shown), document in self._documents.items():
            documents.setdefault(path, {})[shown] = document
        found = {}
        for key, (stamp, read_at) in (self.stamps or {}).items():
            text = self._texts.get(key)
            if text is not None:
                found[key] = _Carried(stamp, read_at, text, documents.get(key, {}))
        return found


_shared: Documents | None = None
_holders = 0
_carried: dict[Path, _Carried] = {}


def acquire(serving: bool = False) -> None:
    """A build starts using the shared store (the first one opens it); `serving`: a live
    preview, whose next build may take over what this one read."""
    global _shared, _holders
    if _holders == 0:
        _shared = Documents()
        forget_real_folders()
    if serving and _shared.stamps is None:
        _shared.keep_for_next_build(_carried)
    _holders += 1


def release() -> None:
    """A build stops using it; the last one to let go empties it (a live preview keeps
    the texts it read, stamped, for its next build)."""
    global _shared, _holders, _carried
    _holders = max(0, _holders - 1)
    if _holders == 0:
        _carried = _shared.carried() if _shared is not None and _shared.stamps is not None else {}
        _shared = None


def current() -> Documents:
    """The build's shared store, or a fresh one outside a build."""
    return _shared if _shared is not None else Documents()
