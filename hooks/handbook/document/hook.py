"""MkDocs takes each page's text from the build's document store instead of opening the file again."""

from __future__ import annotations

from pathlib import Path

from handbook.core import BuildHook
from handbook.document import store


class DocumentsHook(BuildHook):
    def on_page_read_source(self, page, config) -> str | None:
        path = page.file.abs_src_path
        if not path:
            return None  # a generated page: MkDocs has its content already
        text = store.current().text(Path(path))
        # An unreadable file (not UTF-8, no permission): the reference check and the
        # translation track have reported it with its line; MkDocs would stop the whole
        # build with a traceback on it, so it gets an empty page and the build goes on
        # to report everything else (a strict build still fails on that line).
        return text if isinstance(text, str) else ""
