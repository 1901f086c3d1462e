"""The glossary during a build: the data file's entries rendered into the marked pages.

mkdocs.yml names the file in `extra: {glossary: data/glossary.yml}` (relative to
mkdocs.yml). A page that contains the marker line `<!-- glossary -->` gets the
entries in its own language, read from the page's folder (docs/fi or docs/en) so that
a Finnish page served at /en/ as a fallback stays Finnish.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from handbook.core import BuildHook, handbook_logger, relative_to_root
from handbook.document import store
from handbook.glossary import entries as glossary

log = handbook_logger("glossary")


class GlossaryHook(BuildHook):
    def reset(self) -> None:
        # None: mkdocs.yml names no glossary file.
        self.entries: list[glossary.Entry] | None = None
        self.loaded_from: Path | None = None

    def start(self, config) -> None:
        # Once per `mkdocs build`: the nested language builds reuse the entries.
        path = glossary_path(config)
        self.loaded_from = path
        self.entries = read_glossary(path, Path(config.config_file_path).parent) if path else None

    def on_serve(self, server, config, builder):
        path = glossary_path(config)
        if path:
            server.watch(str(path))
        return server

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        if not glossary.marker_line(markdown):
            return markdown
        source = Path(page.file.abs_src_path)
        language = page_language(source, Path(config.docs_dir))
        if language is None or self.entries is None:
            reason = "mkdocs.yml names no extra.glossary file" if self.entries is None else "the page is not under docs/fi/ or docs/en/"
            where = f"{relative_to_root(source, Path(config.config_file_path).parent)}:{glossary.marker_line(page.file.content_string)}"
            log.warning(f"{where}: glossary marker left unrendered: {reason}")
            return markdown
        return glossary.insert_entries(markdown, self.entries, language)

    def generated_anchor_ids(self, config) -> dict[str, list[str]]:
        """The `term-<id>` anchors each glossary page gets at build time, keyed by the
        page's path under docs/ (e.g. `fi/liitteet/sanasto.md`), so the reference check
        can judge links to terms without rendering."""
        path = glossary_path(config)
        if path is None:
            return {}
        entries = self.entries if self.entries is not None and self.loaded_from == path else read_glossary(path, Path(config.config_file_path).parent)
        ids = [f"term-{entry.id}" for entry in entries]
        return {page: ids for page in glossary_pages(Path(config.docs_dir))}


def glossary_pages(docs: Path) -> list[str]:
    """The pages that hold the glossary marker, by path under docs/ (`fi/liitteet/sanasto.md`)."""
    documents = store.current()
    pages = []
    for page in sorted(docs.rglob("*.md")):
        text = documents.text(page)
        if isinstance(text, str) and glossary.marker_line(text):
            pages.append(page.relative_to(docs).as_posix())
    return pages


def glossary_path(config) -> Path | None:
    """The data file named in extra.glossary, resolved against mkdocs.yml's folder."""
    name = config.extra.get("glossary")
    if not name:
        return None
    return Path(config.config_file_path).parent / name


def read_glossary(path: Path, root: Path) -> list[glossary.Entry]:
    """The entries, from the build's document store: the file is read once per build,
    whichever concern (glossary pages, term check, search) asks first."""
    shown = relative_to_root(path, root)
    text = store.current().text(path)
    if isinstance(text, store.Unreadable):
        if text.line == 0:
            raise PluginError(f"mkdocs.yml: extra.glossary: cannot read {shown}: {text.reason.removeprefix('cannot be read: ')}")
        raise PluginError(f"{shown}:{text.line}: {text.reason}")
    try:
        return glossary.load_glossary(text, shown)
    except glossary.GlossaryError as error:
        raise PluginError(str(error)) from None


def page_language(source: Path, docs_dir: Path) -> str | None:
    try:
        first = source.resolve().relative_to(docs_dir.resolve()).parts[0]
    except (ValueError, IndexError):
        return None
    return first if first in glossary.LANGUAGES else None
