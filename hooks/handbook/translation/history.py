"""Git history of the pages: when a Finnish text changed away from a pin, and which pin a
translation had before it was removed or broken."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from handbook.core import relative_to_root
from handbook.document.source import TranslationInputError, parse_document
from handbook.translation.legacy import legacy_document_hash
from handbook.translation.pins import Pin, read_pin
from handbook.translation.rendering import Renderer

# --- Git history


@dataclass(frozen=True)
class Revision:
    commit: str
    when: datetime
    text: str
    path: str  # project-relative, for messages

    def document(self):
        return parse_document(self.text, self.path)


@dataclass
class SourceHistory:
    """Revisions of the pages from git, when the project is a git checkout."""

    root: Path
    renderer: Renderer | None = None
    _available: bool | None = None
    _cache: dict[str, list[Revision]] = field(default_factory=dict)

    def _git(self, *args: str) -> str | None:
        try:
            done = subprocess.run(["git", "-C", str(self.root), *args], capture_output=True, timeout=60, check=False)
        except (OSError, subprocess.SubprocessError):
            return None
        if done.returncode != 0:
            return None
        return done.stdout.decode("utf-8", "replace")

    @property
    def available(self) -> bool:
        if self._available is None:
            self._available = (self._git("rev-parse", "--is-inside-work-tree") or "").strip() == "true"
        return self._available

    def revisions(self, path: Path) -> list[Revision]:
        """Committed versions of `path`, newest first."""
        if not self.available:
            return []
        relative = relative_to_root(path, self.root)
        if relative in self._cache:
            return self._cache[relative]
        found = []
        for row in (self._git("log", "--format=%H %ct", "--", relative) or "").splitlines():
            commit, stamp = row.split()
            shown = self._git("show", f"{commit}:./{relative}")
            if shown is not None:  # None: the commit deleted the file
                found.append(Revision(commit, datetime.fromtimestamp(int(stamp), UTC), shown.replace("\r\n", "\n").lstrip("\ufeff"), relative))
        self._cache[relative] = found
        return found

    def pinned_index(self, path: Path, page: str, pin_hash: str | None) -> int | None:
        """Index in `revisions(path)` of the newest text the pin was made against: the
        rendered hash of today's pins, or the source hash of pins from before the migration."""
        if not pin_hash:
            return None
        revisions = self.revisions(path)
        for index, revision in enumerate(revisions):
            try:
                document = revision.document()
                if self.renderer is not None and self.renderer.page(document, page).hash == pin_hash:
                    return index
            except TranslationInputError:
                continue
        for index, revision in enumerate(revisions):
            if legacy_document_hash(revision.document()) == pin_hash:
                return index
        return None

    def last_good_pin(self, path: Path) -> tuple[Revision, Pin] | None:
        """The newest committed version of a translation whose pin could be read, with that pin."""
        for revision in self.revisions(path):
            pin = read_pin(revision.document())
            if pin.source_hash and not pin.problem:
                return revision, pin
        return None


@dataclass
class SourceChange:
    when: datetime
    evidence: str  # "git" or "mtime"
    pinned_revision: Revision | None


def source_change(source_path: Path, page: str, pin: str | None, history: SourceHistory | None) -> SourceChange:
    """When the Finnish page first changed away from the pinned text.

    From git: the first commit after the newest pinned revision. When no commit holds the
    pinned text (it was pinned to uncommitted text, or the clone is shallow), the latest
    commit: an underestimate rather than a CI failure nobody can explain. When the change
    is not committed yet, or there is no git, the file's modification time.
    """
    revisions = history.revisions(source_path) if history else []
    pinned_index = history.pinned_index(source_path, page, pin) if history else None
    if pinned_index is None and revisions:
        return SourceChange(revisions[0].when, "git", None)
    if pinned_index:  # commits after the pinned one; all of them differ from the pin
        return SourceChange(revisions[pinned_index - 1].when, "git", revisions[pinned_index])
    mtime = datetime.fromtimestamp(source_path.stat().st_mtime, UTC)
    return SourceChange(mtime, "mtime", revisions[0] if revisions else None)
