"""Findings: one problem, reported as one line `path:line:col: message`.

Paths are relative to the repository root so an editor can jump to them; warnings go
through a logger under `mkdocs.plugins.` so `mkdocs build --strict` counts them.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from mkdocs.plugins import get_plugin_logger

SEVERITIES = ("error", "warning", "info")


def handbook_logger(name: str) -> logging.LoggerAdapter:
    """A logger under `mkdocs.plugins.` so `--strict` counts its warnings."""
    return get_plugin_logger(f"handbook.{name}")


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in one file. `line`/`column` are 1-based; 0 means the whole file."""

    path: str
    line: int = 0
    column: int = 0
    message: str = field(default="", compare=True)
    kind: str = field(default="", compare=False)
    severity: str = field(default="warning", compare=False)

    def location(self) -> str:
        if not self.line:
            return self.path
        if not self.column:
            return f"{self.path}:{self.line}"
        return f"{self.path}:{self.line}:{self.column}"

    def format(self) -> str:
        return f"{self.location()}: {self.message}"


def report(findings: Iterable[Finding], log: logging.LoggerAdapter) -> int:
    """Log each distinct finding once, sorted by path and line; return the warning count.

    `error` and `warning` both log as warnings: MkDocs' --strict turns them into a
    failed build, while a plain build still completes so authors see every problem.
    A line another concern already logged in this build is not logged again.
    """
    from handbook.document import store  # the store lives for one build: its lines are logged once

    logged = store.current().reported
    warnings = 0
    for finding in sorted(set(findings)):
        line = finding.format()
        if line in logged:
            continue  # the same line from another concern (an unreadable page, broken front matter)
        logged.add(line)
        if finding.severity == "info":
            log.info(line)
        else:
            warnings += 1
            log.warning(line)
    return warnings


def relative_to_root(path: Path, root: Path) -> str:
    """`docs/fi/x.md` style path for messages; falls back to the path as given.

    Where the file really is (symlinks followed, as `Path.resolve` does), so a symlinked
    folder is shown, and keyed in the git history, by its real place."""
    try:
        return PurePath(_real(os.fspath(path))).relative_to(_real(os.fspath(root))).as_posix()
    except ValueError:
        return path.as_posix()


def _real(path: str) -> str:
    # A build asks for every page's place several times, and following every folder of
    # the path each time was 0.07 ms a call (11,000 calls at 1,000 x 2 pages): the real
    # place of a folder is remembered until the next build opens the document store, and
    # only the file itself is looked at again.
    if not os.path.isabs(path):
        return os.path.realpath(path)  # relative to a working folder that may change
    folder, name = os.path.split(path)
    if name in ("", ".", "..") or os.path.islink(path):
        return os.path.realpath(path)
    return os.path.join(_real_folder(folder), name)


@functools.lru_cache(maxsize=4096)
def _real_folder(folder: str) -> str:
    return os.path.realpath(folder)


def forget_real_folders() -> None:
    """A new build: folders may have become symlinks, or symlinks may point elsewhere."""
    _real_folder.cache_clear()
