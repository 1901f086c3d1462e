"""The printable handbook during a build: every chapter of a language on one page.

A page whose front matter says `print_handbook: true` (docs/fi/tulosta.md and
docs/en/tulosta.md) gets, after its own text, the rendered chapters of its language in
navigation order, each on a new printed sheet (`print_book` keeps ids and links
working), after a cover sheet and a table of contents (`print_cover`). Also sets the
edition printed on every first page and gives every page the words of printing.
"""

from __future__ import annotations

import os
import secrets
from datetime import date
from pathlib import Path

import mkdocs.plugins

from handbook.core import BuildHook, handbook_logger, relative_to_root
from handbook.reader.citation import permanent_url
from handbook.reader.edition import edition_folder, edition_name
from handbook.reader.language_parts import mark_link_languages
from handbook.reader.print_book import Chapter, chapter_key, combine_chapters, duplicate_ids
from handbook.reader.print_cover import ContentsEntry, Cover, build_date, contents_html, cover_html
from handbook.words import load, words_in

log = handbook_logger("print")


class PrintHandbookHook(BuildHook):
    def reset(self) -> None:
        # Each print page's chapters, by page address, from its context to its written HTML.
        self.waiting: dict[str, tuple[str, str]] = {}

    def on_config(self, config):
        # The edition on the first printed page: HANDBOOK_EDITION, else mkdocs.yml
        # `extra.edition`, else the version mike is deploying.
        edition = edition_name(config.extra, os.environ)
        if edition:
            config.extra["edition"] = edition
        return config

    def on_page_context(self, context, page, config, nav):
        language = config.theme.get("language")
        words = words_in(load("print"), language)
        # Every printed page heads its first sheet with the edition (print-header.html).
        context["print_words"] = words
        if not (page.meta or {}).get("print_handbook"):
            return context
        pages = [other for other in nav.pages if other is not page and other.content]
        chapters = [
            Chapter(
                url=other.url,
                title=other.title or "",
                html=other.content,
                language=source_language(other, config, language),
                notice=chapter_notice((other.meta or {}).get("translation_notice"), words),
                notice_language=language or "",
            )
            for other in pages
        ]
        keys = {id(other): chapter_key(other.url) for other in pages}
        languages = {chapter_key(chapter.url): chapter.language for chapter in chapters}
        contents = contents_entries(nav.items, keys, languages)
        own = "\n".join(
            [
                cover_html(self._cover(config, nav), words, words_in(load("dates"), language)),
                page.content or "",
                contents_html(contents, words),
            ]
        )
        # The chapters are every page's text again (4.9 million characters, 10 MB, a
        # language at 1,000 x 2 pages). Rendered into the template and passed through every
        # post-page pass, the page was held two to four times at once, the build's peak. The
        # template and the passes get a place for them instead, and the chapters take it
        # once the passes are done (`on_post_page` below). The one pass that changes
        # anything inside them, the languages of links, is given them here.
        chapters_html = mark_link_languages(combine_chapters(chapters, page.url))
        for duplicate in duplicate_ids(own, chapters_html):
            source = relative_to_root(Path(page.file.abs_src_path), Path(config.config_file_path).parent)
            log.warning(f"{source}: id '{duplicate}' occurs more than once on the printable handbook")
        place = chapters_place(chapters_html)
        self.waiting[page.url] = (place, chapters_html)
        page.content = f"{own}\n{place}"
        return context

    # After every pass of ours that changes a page (0), before the privacy guard (-90),
    # which judges the page as it is written.
    @mkdocs.plugins.event_priority(-50)
    def on_post_page(self, output: str, page, config) -> str:
        waiting = self.waiting.pop(page.url, None)
        if waiting is None:
            return output
        place, chapters_html = waiting
        # Nothing reads the page's content once its HTML is made; MkDocs would hold it until
        # the build ends, still while the English build runs inside the Finnish one.
        page.content = None
        if output.count(place) != 1:
            source = relative_to_root(Path(page.file.abs_src_path), Path(config.config_file_path).parent)
            log.error(f"{source}: the printable handbook's chapters have no place in the page the theme made; the page is written without them")
            return output.replace(place, "")
        return output.replace(place, chapters_html, 1)

    def _cover(self, config, nav) -> Cover:
        home = nav.homepage.url if nav.homepage else ""
        return Cover(
            handbook=config.site_name,
            edition=edition_name(config.extra, os.environ),
            built=build_date(os.environ, date.today()),
            # The language's home page: "" in Finnish, "en/" in English.
            url=permanent_url(config.site_url, edition_folder(config.extra, os.environ), home),
            organisation=(config.extra.get("citation") or {}).get("organisation"),
        )


def chapters_place(chapters_html: str) -> str:
    """Where the chapters go in the print page: a comment no text can hold (a random token).
    Material gives a page its title as a heading unless its content has an `<h1`: the
    place says so when the chapters do, so the page is made as if they were in it."""
    heading = " <h1" if "<h1" in chapters_html else ""
    return f"<!--handbook-print-chapters {secrets.token_hex(16)}{heading}-->"


def contents_entries(items, keys: dict[int, str], languages: dict[str, str | None]) -> list[ContentsEntry]:
    """The navigation as contents: its pages that are chapters, nested by its sections. A
    section's index page (navigation.indexes) is the section's own line."""
    entries = []
    for item in items:
        if getattr(item, "is_page", False) and id(item) in keys:
            key = keys[id(item)]
            # A title the nav gives is in the nav's language (nav_translations); only a
            # title taken from the text (MkDocs keeps the nav's on the instance) has the
            # text's language.
            language = None if "title" in vars(item) else languages.get(key)
            entries.append(ContentsEntry(title=item.title or "", anchor=key, language=language))
        elif getattr(item, "is_section", False):
            children = list(item.children)
            index = children[0] if children and getattr(children[0], "is_page", False) and children[0].is_index else None
            anchor = keys.get(id(index)) if index is not None else None
            nested = contents_entries(children[1:] if index is not None else children, keys, languages)
            if anchor or nested:
                entries.append(ContentsEntry(title=item.title or "", anchor=anchor, children=tuple(nested)))
    return entries


def chapter_notice(notice: dict | None, words: dict) -> str:
    """The translation notice of a chapter (hooks/translation_track.py), as one printed line."""
    if not notice:
        return ""
    text = words.get("chapter_notices", {}).get(notice.get("status"), "")
    changed = f" ({notice['changed']})" if notice.get("changed") else ""
    return text.replace("{changed}", changed)


def source_language(page, config, page_language: str | None) -> str | None:
    """The language folder of the page's source when it is not the page's own
    (a Finnish page standing in for a missing translation), else None."""
    try:
        relative = Path(page.file.abs_src_path).resolve().relative_to(Path(config.docs_dir).resolve())
    except (TypeError, ValueError):
        return None
    folder = relative.parts[0] if relative.parts else None
    return folder if folder and page_language and folder != page_language else None
