"""The printable handbook during a build: every chapter of a language on one page.

A page whose front matter says `print_handbook: true` (docs/fi/tulosta.md and
docs/en/tulosta.md) gets, after its own text, the rendered chapters of its language in
navigation order, each on a new printed sheet (`print_book` keeps ids and links
working). Also sets the edition printed on every first page.
"""

from __future__ import annotations

import os
from pathlib import Path

from handbook.core import BuildHook, handbook_logger, relative_to_root
from handbook.reader.edition import edition_name
from handbook.reader.print_book import Chapter, combine_chapters, duplicate_ids

log = handbook_logger("print")


class PrintHandbookHook(BuildHook):
    def on_config(self, config):
        # The edition on the first printed page: HANDBOOK_EDITION, else mkdocs.yml
        # `extra.edition`, else the version mike is deploying.
        edition = edition_name(config.extra, os.environ)
        if edition:
            config.extra["edition"] = edition
        return config

    def on_page_context(self, context, page, config, nav):
        if not (page.meta or {}).get("print_handbook"):
            return context
        language = config.theme.get("language")
        chapters = [
            Chapter(url=other.url, title=other.title or "", html=other.content or "", language=source_language(other, config, language))
            for other in nav.pages
            if other is not page and other.content
        ]
        page.content = (page.content or "") + "\n" + combine_chapters(chapters, page.url)
        for duplicate in duplicate_ids(page.content):
            source = relative_to_root(Path(page.file.abs_src_path), Path(config.config_file_path).parent)
            log.warning(f"{source}: id '{duplicate}' occurs more than once on the printable handbook")
        return context


def source_language(page, config, page_language: str | None) -> str | None:
    """The language folder of the page's source when it is not the page's own
    (a Finnish page standing in for a missing translation), else None."""
    try:
        relative = Path(page.file.abs_src_path).resolve().relative_to(Path(config.docs_dir).resolve())
    except (TypeError, ValueError):
        return None
    folder = relative.parts[0] if relative.parts else None
    return folder if folder and page_language and folder != page_language else None
