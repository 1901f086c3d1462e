"""A digest of what a theme template is given: plain values, and MkDocs' pages, navigation,
files and configuration as far as a template can show them (core/preview_pages.py)."""

from __future__ import annotations

import datetime
import enum
import functools
import hashlib
import os
import re
import types
from collections.abc import Mapping

from markdown.extensions import Extension
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from handbook.core.templates import describe_function

# A page's attributes that are not what it shows: its place in the navigation (given by
# the navigation's digest), MkDocs' own bookkeeping, and the flag MkDocs sets while the page
# renders. Another page's text is left out of the navigation's digest (module docstring).
_PAGE_LINKS = frozenset({"parent", "previous_page", "next_page", "children", "render", "_Page__active"})
# What MkDocs itself keeps on a page. Of another page, the templates read only its title,
# address and front matter: its text and table of contents are the current page's alone.
_MKDOCS_PAGE = _PAGE_LINKS | {"file", "title", "update_date", "canonical_url", "abs_url", "edit_url", "markdown",
                              "_title_from_render", "content", "toc", "meta", "present_anchor_ids", "links_to_anchors"}


class Unkeyable(Exception):
    """A value of a kind whose digest would not be sure to change when what it shows does."""


class Digest:
    """A digest of plain values and of MkDocs' page, navigation and file objects."""

    def __init__(self, other_meta: frozenset[str] | None = None) -> None:
        self.hash = hashlib.sha256()
        # The front matter keys the templates read of a page that is not the one rendered
        # (Material's navigation: icon, subtitle, status); None: all of it.
        self.other_meta = other_meta

    def value(self) -> bytes:
        return self.hash.digest()

    def add(self, value, current: bool = False) -> None:
        self._add(value, current, 0)

    def _write(self, tag: str, text: str = "") -> None:
        data = text.encode("utf-8", "surrogatepass")
        self.hash.update(f"{tag}{len(data)}:".encode())
        self.hash.update(data)

    def _add(self, value, current: bool, depth: int) -> None:  # noqa: C901 (one branch per kind)
        if depth > 40:
            raise Unkeyable("values nested too deep")
        deeper = depth + 1
        if value is None or isinstance(value, (bool, int, float)):
            self._write(type(value).__name__, repr(value))
        elif isinstance(value, str):
            # jinja2's Markup is not escaped where a plain string is: the kind belongs to it.
            self._write("s" if type(value) is str else f"{type(value).__module__}.{type(value).__qualname__}", value)
        elif isinstance(value, bytes):
            self._write("b", value.hex())
        elif isinstance(value, enum.Enum):
            self._write("enum", f"{type(value).__qualname__}.{value.name}")
        elif isinstance(value, (datetime.date, datetime.time)):
            self._write("time", value.isoformat())
        elif isinstance(value, Page):
            self._page(value, current, deeper)
        elif isinstance(value, Section):
            self._write("section", str(value.title))
            self._add(value.children, False, deeper)
        elif isinstance(value, Link):
            self._write("link", f"{value.title}\0{value.url}")
        elif isinstance(value, Navigation):
            self._write("nav")
            self._add(value.items, False, deeper)
            self._add(value.homepage.url if value.homepage else None, False, deeper)
        elif isinstance(value, File):
            self._file(value, deeper)
        elif isinstance(value, (TableOfContents, list, tuple)):
            self._write("list", str(len(value)))
            for item in value:
                self._add(item, False, deeper)
        elif isinstance(value, AnchorLink):
            self._write("anchor", f"{value.title}\0{value.id}\0{value.level}")
            self._add(value.children, False, deeper)
        elif isinstance(value, (set, frozenset)):
            self._write("set", str(len(value)))
            for item in sorted(value, key=repr):
                self._add(item, False, deeper)
        elif isinstance(value, Mapping):
            self._write("map", f"{type(value).__qualname__}\0{len(value)}")
            for name in sorted(value, key=repr):
                self._add(name, False, deeper)
                self._add(value[name], False, deeper)
        elif isinstance(value, BasePlugin):
            self._write("plugin", f"{type(value).__module__}.{type(value).__qualname__}")
            self._add(value.config, False, deeper)
        elif isinstance(value, types.ModuleType):
            self._write("module", f"{value.__name__}\0{getattr(value, '__file__', '')}")
        elif isinstance(value, Extension):
            self._write("extension", f"{type(value).__module__}.{type(value).__qualname__}")
            self._add(value.getConfigs(), False, deeper)
        elif isinstance(value, os.PathLike):  # MkDocs' `!relative` paths and pathlib's
            self._write("path", os.fspath(value))
        elif type(value).__module__.startswith("babel.") and type(value).__name__ == "Locale":
            self._write("locale", str(value))  # the theme's language, as Material reads it
        elif isinstance(value, re.Pattern):
            self._write("pattern", f"{value.pattern!r}\0{value.flags}")
        elif isinstance(value, functools.partial):
            self._write("partial", describe_function(value.func))
            self._add(value.args, False, deeper)
            self._add(value.keywords, False, deeper)
        elif callable(value) and hasattr(value, "__code__"):
            self._write("function", describe_function(value))
        elif isinstance(value, type):
            self._write("class", f"{value.__module__}.{value.__qualname__}")
        elif hasattr(value, "__dict__") and type(value).__module__.split(".")[0] in _PLAIN_OBJECTS:
            self._write("object", f"{type(value).__module__}.{type(value).__qualname__}")
            self._add(vars(value), False, deeper)
        else:
            raise Unkeyable(f"a {type(value).__module__}.{type(value).__qualname__} in the page's context")

    def _page(self, page: Page, current: bool, depth: int) -> None:
        self._write("page", f"{page.url}\0{page.title}")
        if not current:  # another page, as the navigation shows it
            meta = page.meta or {}
            self._add(bool(meta), False, depth)
            self._add(meta if self.other_meta is None else {key: meta[key] for key in self.other_meta if key in meta}, False, depth)
            self._add(page.file.src_uri, False, depth)
            self._add(page.is_index, False, depth)
            for name, value in sorted(vars(page).items()):
                if name not in _MKDOCS_PAGE:  # set by a plugin: a template may show it
                    self._write("attribute", name)
                    self._add(value, False, depth)
            return
        for name, value in sorted(vars(page).items()):
            if name in _PAGE_LINKS:
                continue
            self._write("attribute", name)
            self._add(value, False, depth) if name != "file" else self._file(value, depth)
        for name in ("previous_page", "next_page", "parent"):
            neighbour = getattr(page, name, None)
            self._write(name, "" if neighbour is None else f"{getattr(neighbour, 'url', '')}\0{neighbour.title}")

    def _file(self, file: File, depth: int) -> None:
        self._write("file")
        for name, value in sorted(vars(file).items()):
            if name == "page" or name.startswith("_"):
                continue
            self._write("attribute", name)
            if isinstance(value, Mapping):  # mkdocs-static-i18n: the same page in other languages
                value = {language: other.url if isinstance(other, File) else other for language, other in value.items()}
            self._add(value, False, depth)


# Packages whose objects in a context or configuration are plain records (their attributes
# are what they hold): MkDocs' own option values and the ignore patterns of `exclude_docs`.
_PLAIN_OBJECTS = frozenset({"mkdocs", "pathspec", "mkdocs_static_i18n", "material"})
