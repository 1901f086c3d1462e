"""The key of a Markdown configuration: its extensions and their settings as one string.

A kept rendering is valid only for the configuration that made it, and the key must be
the same in the next process: an extension instance is named by its class and settings,
never by its address in memory; a function by its module and name, and a function made
by a factory also by what its closure holds; a project folder by its place in the
project, so that moving the checkout keeps what was kept.
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from handbook.translation.rendering import MarkdownSettings


def _cell_contents(cell) -> object:
    try:
        return cell.cell_contents
    except ValueError:  # a cell not yet filled
        return None


def markdown_fingerprint(settings: MarkdownSettings, root: Path | None = None) -> str:
    """The Markdown configuration as one string, the same in every process: the key of
    every kept rendering (translation/rendering.py, document/page_renderings.py)."""

    def plain(value, depth: int = 0):
        if hasattr(value, "__fspath__"):
            # A folder of the project by its place in the project: the same key whether
            # mkdocs.yml was named relatively (`-f mkdocs.yml` makes `!relative` paths
            # relative) or absolutely, and after the project folder is moved.
            path = os.path.abspath(os.fspath(value))
            if root is not None:
                inside = os.path.relpath(path, root)
                if inside == "." or not inside.startswith(".."):
                    return f"<project>/{Path(inside).as_posix()}"
            return path
        if isinstance(value, functools.partial):
            # `pymdownx.slugs.slugify(case="lower")` is a partial: its function and its
            # settings, not its repr, which holds the function's address in memory (a new
            # key in every process, so nothing kept would ever be used again).
            deeper = depth + 1  # a factory's closure may hold a partial of itself
            return ["partial", plain(value.func, deeper), [plain(item, deeper) for item in value.args],
                    {name: plain(item, deeper) for name, item in sorted(value.keywords.items())}]
        if callable(value):
            name = f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', repr(value))}"
            cells = getattr(value, "__closure__", None) or ()
            if cells and depth < 4:
                # A function made by a factory keeps its settings in its closure.
                return [name, [plain(_cell_contents(cell), depth + 1) for cell in cells]]
            return name
        if isinstance(value, (str, int, float, bool, type(None))):
            return value
        if isinstance(value, (list, tuple)):
            return [plain(item, depth + 1) for item in value]
        if isinstance(value, dict):
            return {str(name): plain(item, depth + 1) for name, item in value.items()}
        return repr(value)

    def extension(value):
        # An Extension instance: its class and its settings, never its address in memory
        # (the key must be the same in the next process for the disk cache).
        if isinstance(value, str):
            return value
        kind = type(value)
        settings_of = getattr(value, "getConfigs", None)
        return [f"{kind.__module__}.{kind.__qualname__}", plain(settings_of()) if callable(settings_of) else ""]

    return json.dumps([[extension(e) for e in settings.extensions], settings.configs, settings.site_url, settings.directory_urls],
                      default=plain, sort_keys=True)
