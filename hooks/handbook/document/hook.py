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
        # An unreadable file: MkDocs reads it itself and reports it as it always does;
        # the translation track and the reference check have given its line already.
        return text if isinstance(text, str) else None
