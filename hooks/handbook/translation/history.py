"""Git history of a Finnish page: when its text changed away from a pin."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from handbook.core import relative_to_root
from handbook.document.source import TranslationInputError, parse_document
from handbook.translation.sections import document_hash

# --- Git history of the source


@dataclass(frozen=True)
class Revision:
    commit: str
    when: datetime
    hash: str
    text: str


class SourceHistory:
    """Revisions of the Finnish pages from git, when the project is a git checkout."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._available: bool | None = None
        self._cache: dict[str, list[Revision]] = {}

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
        """Commits that touched `path`, newest first, with the normalised hash of each."""
        if not self.available:
            return []
        relative = relative_to_root(path, self.root)
        if relative in self._cache:
            return self._cache[relative]
        found = []
        for row in (self._git("log", "--format=%H %ct", "--", relative) or "").splitlines():
            commit, stamp = row.split()
            shown = self._git("show", f"{commit}:./{relative}")
            if shown is None:
                continue  # the commit deleted the file
            try:
                document = parse_document(shown, relative)
            except TranslationInputError:
                continue
            found.append(Revision(commit, datetime.fromtimestamp(int(stamp), UTC), document_hash(document), shown))
        self._cache[relative] = found
        return found


@dataclass
class SourceChange:
    when: datetime
    evidence: str  # "git" or "mtime"
    pinned_revision: Revision | None


def source_change(source_path: Path, pin: str, history: SourceHistory | None) -> SourceChange:
    """When the Finnish page first changed away from the pinned text.

    From git: the first commit after the newest pinned revision. When no commit holds the
    pinned text (it was pinned to uncommitted text, or the clone is shallow), the latest
    commit: an underestimate rather than a CI failure nobody can explain. When the change
    is not committed yet, or there is no git, the file's modification time.
    """
    revisions = history.revisions(source_path) if history else []
    pinned_index = next((i for i, r in enumerate(revisions) if r.hash == pin), None)
    if pinned_index is None and revisions:
        return SourceChange(revisions[0].when, "git", None)
    if pinned_index:  # commits after the pinned one; all of them differ from the pin
        return SourceChange(revisions[pinned_index - 1].when, "git", revisions[pinned_index])
    mtime = datetime.fromtimestamp(source_path.stat().st_mtime, UTC)
    return SourceChange(mtime, "mtime", revisions[0] if revisions else None)
