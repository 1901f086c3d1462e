"""What git says of the docs folder, read once per build in a handful of git commands
(one `git log` pass for every file, not one per page).

Outside a git checkout, or without git, the history is `NO_HISTORY` and the pages say
their dates are not known.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from handbook.core import relative_to_root
from handbook.reader.dates import NO_HISTORY, PageHistory, newest_commits

# A NUL before each commit, so file names and commits never mix; raw UTF-8 names
# (Finnish file names are not octal-escaped); no rename detection, so a renamed file
# counts as changed by the commit that moved it.
LOG = ("-c", "core.quotePath=false", "log", "--no-renames", "--format=%x00%H %cI", "--name-only", "--relative")
PIN_LINE = "-G^source_hash:"


def read_history(root: Path, docs_dir: Path) -> PageHistory:
    """The history of every file under `docs_dir`, paths relative to `root`."""
    probe = _git(root, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository", "--git-path", "shallow")
    if probe is None or not probe.startswith("true"):
        return NO_HISTORY
    _, shallow, shallow_file = (probe.splitlines() + ["", "", ""])[:3]
    docs = relative_to_root(docs_dir, root)
    boundary: frozenset[str] = frozenset()
    if shallow.strip() == "true":
        try:
            boundary = frozenset((root / shallow_file.strip()).read_text(encoding="ascii").split())
        except OSError:
            return NO_HISTORY  # a shallow clone whose cut is unknown: no date can be trusted
    # A repository without commits yet answers these with an error: nothing is committed.
    changes = newest_commits(_git(root, *LOG, "--", docs) or "")
    pin_changes = newest_commits(_git(root, *LOG, PIN_LINE, "--", docs) or "")
    diff = ("-c", "core.quotePath=false", "diff", "--name-only", "--no-renames", "--relative", "HEAD")
    return PageHistory(
        available=True,
        changes=changes,
        pin_changes=pin_changes,
        modified=_names(_git(root, *diff, "--", docs)),
        pin_modified=_names(_git(root, *diff, PIN_LINE, "--", docs)),
        untracked=_names(_git(root, "-c", "core.quotePath=false", "ls-files", "--others", "--exclude-standard", "--", docs)),
        boundary=boundary,
    )


def _names(output: str | None) -> frozenset[str]:
    return frozenset(line.strip() for line in (output or "").splitlines() if line.strip())


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else None
