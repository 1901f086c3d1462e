"""The changes page during a build: what changed in this edition since the previous one.

`handbook publish` tells the build mike runs which edition came before (its record as
JSON in HANDBOOK_PREVIOUS_EDITION, records.py). Once per `mkdocs build` the pages of
both languages are compared with the previous edition's source commit (git) as readers
see them; the page holding the marker line `<!-- edition-changes -->` gets the list of
its own language (read from the page's folder, so a Finnish page standing in for a
missing translation stays Finnish). An older edition's notice links to the changes page
of the current edition. A build that mike runs for `handbook publish` also writes the
edition's own record, `edition.json`, which mike commits together with the edition.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

from mkdocs.exceptions import PluginError

from handbook.core import BuildHook, handbook_logger
from handbook.document import store
from handbook.document.source import TranslationInputError, parse_document
from handbook.editions import changes as edition_changes
from handbook.editions import records, source_history
from handbook.reader.dates import format_date
from handbook.reader.edition import MIKE_VERSION_VARIABLE
from handbook.translation.markdown_config import from_mkdocs_config
from handbook.translation.rendering import Renderer
from handbook.words import load, words_in

log = handbook_logger("edition_changes")

MARKER = "<!-- edition-changes -->"


class EditionChangesHook(BuildHook):
    def __init__(self) -> None:
        # Set by on_nav for each language's build: the changes page's address in the edition.
        self.page_url: str | None = None
        super().__init__()

    def reset(self) -> None:
        self.changes: edition_changes.EditionChanges | None = None
        self.previous: records.EditionRecord | None = None
        self.published_by_handbook = False

    def start(self, config) -> None:
        root = Path(config.config_file_path).parent
        shown = os.environ.get(records.PREVIOUS_VARIABLE)
        self.published_by_handbook = shown is not None
        try:
            self.previous = records.record_from_json(shown, records.PREVIOUS_VARIABLE) if shown is not None else None
        except records.RecordError as error:
            raise PluginError(str(error)) from None
        # The language folders the changes page has words for (docs/fi, docs/en).
        languages = [name for name in load("editions") if (Path(config.docs_dir) / name).is_dir()]
        self.changes = compare_editions(root, Path(config.docs_dir), languages, self.previous, self.published_by_handbook, Renderer(from_mkdocs_config(config)))

    def on_nav(self, nav, config, files):
        self.page_url = next((page.url for page in nav.pages if _has_marker(page.file.abs_src_path)), None)
        return nav

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        if MARKER not in markdown or self.changes is None:
            return markdown
        language, _, here = page.file.src_uri.partition("/")
        words = words_in(load("editions"), language)
        linkable = {f.src_uri.partition("/")[2] for f in files.documentation_pages() if f.src_uri.startswith(f"{language}/")}
        shown_date = _reader_date(self.changes.previous_published, language)
        listed = edition_changes.changes_markdown(self.changes, language, words, here=here, linkable=linkable, published=shown_date)
        return markdown.replace(MARKER, listed, 1)

    def on_page_context(self, context, page, config, nav):
        # The older editions' notice (overrides/partials/handbook/outdated-edition.html)
        # links to the changes page of the current edition, at the same place in its folder.
        if self.page_url is not None:
            words = words_in(load("editions"), config.theme.get("language"))
            context["edition_changes"] = {"url": self.page_url, "link": words["notice_link"], "title": words["selector_link"]}
        return context

    def finish(self, config) -> None:
        version = os.environ.get(MIKE_VERSION_VARIABLE)
        if not (version and self.published_by_handbook):
            return  # not an edition `handbook publish` made: nothing to record
        root = Path(config.config_file_path).parent
        source = os.environ.get(records.SOURCE_VARIABLE) or source_history.head_commit(root) or ""
        record = records.EditionRecord(version, source, date.today().isoformat(), self.previous.version if self.previous else None)
        target = Path(config.site_dir) / records.RECORD_FILE
        partial = target.with_suffix(".json.tmp")
        partial.write_text(record.to_json(), encoding="utf-8")
        partial.replace(target)


def compare_editions(
    root: Path, docs_dir: Path, languages: list[str], previous: records.EditionRecord | None, published: bool, renderer: Renderer
) -> edition_changes.EditionChanges:
    """The changes of every language since `previous`, or the state that says why there are none."""
    if not published:
        return edition_changes.EditionChanges(edition_changes.NOT_AN_EDITION)
    if previous is None:
        return edition_changes.EditionChanges(edition_changes.FIRST_EDITION)
    if not previous.source:
        return edition_changes.EditionChanges(edition_changes.NOT_RECORDED, previous.version, previous.published)
    docs = docs_dir.resolve().relative_to(root.resolve()).as_posix()
    folders = [f"{docs}/{language}" for language in languages]
    then = source_history.read_source_then(root, previous.source, folders)
    if then is None:
        return edition_changes.EditionChanges(edition_changes.NO_HISTORY, previous.version, previous.published)
    pages: dict[str, list[edition_changes.PageChange]] = {}
    for language, folder in zip(languages, folders):
        now = {path.relative_to(root).as_posix() for path in (root / folder).rglob("*.md")}
        old = {path for path in then.pages if path.startswith(folder + "/")}
        found = []
        for path in sorted(now | old):
            if path in old and path in now and path not in then.differing:
                continue
            change = _page_change(root, path, folder, then, renderer, path in old, path in now)
            if change is not None:
                found.append(change)
        pages[language] = found
    return edition_changes.EditionChanges(edition_changes.COMPARED, previous.version, previous.published, pages)


def _page_change(
    root: Path, path: str, folder: str, then: source_history.SourceThen, renderer: Renderer, existed: bool, exists: bool
) -> edition_changes.PageChange | None:
    rel = path[len(folder) + 1 :]
    old_title = new_title = ""
    old = new = None
    try:
        if existed and path in then.texts:
            document = parse_document(then.texts[path], path)
            old = renderer.page(document, rel)
            old_title = edition_changes.page_title(old, document.meta.get("title"))
        if exists:
            document = store.current().document(root / path, root)
            new = renderer.page(document, rel)
            new_title = edition_changes.page_title(new, document.meta.get("title"))
    except TranslationInputError as error:
        # The page's own problem is reported by the concern that reads it; here it is only changed.
        log.debug(f"{error.finding.format()}: listed as changed without its sections")
        return edition_changes.PageChange(
            edition_changes.CHANGED if existed and exists else edition_changes.ADDED if exists else edition_changes.REMOVED, rel, new_title or old_title or rel
        )
    if existed and exists and old is None:
        return edition_changes.PageChange(edition_changes.CHANGED, rel, new_title)  # its text then was not readable
    return edition_changes.page_change(rel, old, new, old_title, new_title)


def _reader_date(iso: str | None, language: str) -> str | None:
    """The previous edition's day in the page's date format; None when its record has no usable date."""
    try:
        return format_date(datetime.fromisoformat(iso), words_in(load("dates"), language)) if iso else None
    except ValueError:
        return None


def _has_marker(source: str | None) -> bool:
    if not source:
        return False
    text = store.current().text(Path(source))
    return isinstance(text, str) and MARKER in text
