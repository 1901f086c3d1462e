"""Shared helpers for the handbook's MkDocs hooks.

Imported by the hook files under this unique name (MkDocs caches a hook's sibling
module under its bare name, so a generic name such as `utils` could clash).

Two things live here because every checking hook needs them:

* `Finding`: one problem, reported as one line `path:line:col: message`, with paths
  relative to the repository root so an editor can jump to it.
* `BuildCycle`: mkdocs-static-i18n runs every extra language as a nested build from
  the default language's `on_post_build`, so each hook event fires once per language.
  A whole-site check must report once per `mkdocs build`, not once per language.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

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
    """
    warnings = 0
    for finding in sorted(set(findings)):
        if finding.severity == "info":
            log.info(finding.format())
        else:
            warnings += 1
            log.warning(finding.format())
    return warnings


def relative_to_root(path: Path, root: Path) -> str:
    """`docs/fi/x.md` style path for messages; falls back to the path as given."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


class BuildCycle:
    """Tells whether the current build is the outermost one of a `mkdocs build`.

    The nested language builds start and end inside the outer build's post-build
    step, so a depth counter is enough. Each hook module owns one instance and calls
    `enter()` in on_pre_build, `leave()` in on_post_build and `reset()` on errors
    and in on_startup, so nothing leaks between builds in one process (`mkdocs serve`,
    tests).
    """

    def __init__(self) -> None:
        self.depth = 0

    def enter(self) -> bool:
        """Record a build start; True when it is the outermost build."""
        self.depth += 1
        return self.depth == 1

    def leave(self) -> None:
        self.depth = max(0, self.depth - 1)

    def reset(self) -> None:
        self.depth = 0

    @property
    def outermost(self) -> bool:
        return self.depth == 1
