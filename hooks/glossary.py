"""Render the glossary pages of both languages from the one glossary data file.

mkdocs.yml names the file in `extra: {glossary: data/glossary.yml}` (relative to
mkdocs.yml). A page that contains the marker line `<!-- glossary -->` gets the
entries in its own language, which is read from the page's folder (docs/fi or
docs/en) so that a Finnish page served at /en/ as a fallback stays Finnish.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

# MkDocs puts this folder on sys.path while it loads a hook, so siblings import by name.
import handbook_glossary
from handbook_build import handbook_logger, relative_to_root

log = handbook_logger("glossary")

# Loaded afresh by every on_config (each language build runs it), so nothing from
# an earlier build or `mkdocs serve` reload survives. None: mkdocs.yml names no file.
_entries: list[handbook_glossary.Entry] | None = None


# --- Hooks


def on_config(config):
    global _entries
    path = glossary_path(config)
    _entries = read_glossary(path, Path(config.config_file_path).parent) if path else None
    return config


def on_serve(server, config, builder):
    path = glossary_path(config)
    if path:
        server.watch(str(path))
    return server


def on_page_markdown(markdown: str, page, config, files) -> str:
    if not handbook_glossary.marker_line(markdown):
        return markdown
    source = Path(page.file.abs_src_path)
    language = page_language(source, Path(config.docs_dir))
    if language is None or _entries is None:
        reason = "mkdocs.yml names no extra.glossary file" if _entries is None else "the page is not under docs/fi/ or docs/en/"
        where = f"{relative_to_root(source, Path(config.config_file_path).parent)}:{handbook_glossary.marker_line(page.file.content_string)}"
        log.warning(f"{where}: glossary marker left unrendered: {reason}")
        return markdown
    return handbook_glossary.insert_entries(markdown, _entries, language)


# --- For hooks/reference_check.py


def generated_anchor_ids(config) -> dict[str, list[str]]:
    """The `term-<id>` anchors each glossary page gets at build time, keyed by the page's
    path under docs/ (e.g. `fi/liitteet/sanasto.md`), so links to terms can be checked
    without rendering."""
    path = glossary_path(config)
    if path is None:
        return {}
    ids = [f"term-{entry.id}" for entry in read_glossary(path, Path(config.config_file_path).parent)]
    docs = Path(config.docs_dir)
    return {
        page.relative_to(docs).as_posix(): ids
        for page in sorted(docs.rglob("*.md"))
        if handbook_glossary.marker_line(page.read_text(encoding="utf-8"))
    }


# --- Helpers


def glossary_path(config) -> Path | None:
    """The data file named in extra.glossary, resolved against mkdocs.yml's folder."""
    name = config.extra.get("glossary")
    if not name:
        return None
    return Path(config.config_file_path).parent / name


def read_glossary(path: Path, root: Path) -> list[handbook_glossary.Entry]:
    shown = relative_to_root(path, root)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise PluginError(f"mkdocs.yml: extra.glossary: cannot read {shown}: {error.strerror}")
    try:
        return handbook_glossary.load_glossary(text, shown)
    except handbook_glossary.GlossaryError as error:
        raise PluginError(str(error)) from None


def page_language(source: Path, docs_dir: Path) -> str | None:
    try:
        first = source.resolve().relative_to(docs_dir.resolve()).parts[0]
    except (ValueError, IndexError):
        return None
    return first if first in handbook_glossary.LANGUAGES else None

