"""Every Markdown file of a build read from disk once, decoded once, parsed once.

The translation track, the reference check, the glossary and MkDocs itself (through
`on_page_read_source`, hooks/documents.py) all take a page's text from here during a
build, so a page is opened once per `mkdocs build` and every concern sees the same
text. The text is decoded as MkDocs decodes it (UTF-8, a BOM dropped, `\r\n` and `\r`
read as `\n`), so line numbers and hashes agree with what MkDocs renders.

A store lives for one outermost build: each `BuildHook` holds it open while its build
runs (`acquire`/`release`), and it is emptied when the last one lets go, so a rebuild
under `mkdocs serve` reads the edited files afresh. Outside a build (the `handbook`
command, tests) `current()` gives a store of one's own, shared by nobody.
"""

from __future__ import annotations

from pathlib import Path

from handbook.core.findings import Finding, relative_to_root
from handbook.document.source import Document, TranslationInputError, Unreadable, decode_like_mkdocs, parse_document  # noqa: F401


class Documents:
    """Texts and parsed documents by absolute path, for the length of one build."""

    def __init__(self) -> None:
        self._texts: dict[Path, str | Unreadable] = {}
        self._documents: dict[tuple[Path, str], Document] = {}
        self.reads = 0  # files opened: what the read-once test counts
        self.reported: set[str] = set()  # finding lines logged in this build, by any concern

    def text(self, path: Path) -> str | Unreadable:
        key = Path(path).absolute()
        found = self._texts.get(key)
        if found is None:
            try:
                raw = key.read_bytes()
            except OSError as error:
                found = Unreadable(0, f"cannot be read: {error.strerror}")
            else:
                self.reads += 1
                found = decode_like_mkdocs(raw)
            self._texts[key] = found
        return found

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
        document = parse_document(text, shown)
        self._documents[(key, shown)] = document
        return document


_shared: Documents | None = None
_holders = 0


def acquire() -> None:
    """A build starts using the shared store (the first one opens it)."""
    global _shared, _holders
    if _holders == 0:
        _shared = Documents()
    _holders += 1


def release() -> None:
    """A build stops using it; the last one to let go empties it."""
    global _shared, _holders
    _holders = max(0, _holders - 1)
    if _holders == 0:
        _shared = None


def current() -> Documents:
    """The build's shared store, or a fresh one outside a build."""
    return _shared if _shared is not None else Documents()
