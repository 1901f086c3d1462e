"""When a page's text last changed, and when a translation was last checked against its
source: pure functions over what git says of the docs folder (`PageHistory`).

A date is shown only when git vouches for it. A file no commit holds, changes not yet
committed, a build without git and a shallow clone (whose oldest commit seems to add
every file) each get a state of their own instead of a date that would be wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

# --- What git says


@dataclass(frozen=True)
class Commit:
    id: str
    when: datetime  # committer date, in the committer's own offset


@dataclass(frozen=True)
class PageHistory:
    """Paths relative to the project root (`docs/fi/teoria/desistanssi.md`)."""

    available: bool = False
    changes: dict[str, Commit] = field(default_factory=dict)  # the newest commit that changed each file
    pin_changes: dict[str, Commit] = field(default_factory=dict)  # the newest commit that changed its source_hash line
    modified: frozenset[str] = frozenset()  # differs from HEAD (staged or not), new files added included
    pin_modified: frozenset[str] = frozenset()  # its source_hash line differs from HEAD
    untracked: frozenset[str] = frozenset()
    boundary: frozenset[str] = frozenset()  # the commits a shallow clone is cut at


NO_HISTORY = PageHistory()


def newest_commits(log: str) -> dict[str, Commit]:
    """The newest commit per file from `git log --format=%x00%H %cI --name-only` output.

    The newest by date, not the first listed: git lists side branches' commits in
    between, so the first line naming a file is not always its latest change.
    """
    newest: dict[str, Commit] = {}
    for record in log.split("\0"):
        head, _, names = record.partition("\n")
        commit_id, _, stamp = head.strip().partition(" ")
        if not commit_id or not stamp:
            continue
        commit = Commit(commit_id, datetime.fromisoformat(stamp))
        for name in names.splitlines():
            name = name.strip()
            if name and (name not in newest or commit.when > newest[name].when):
                newest[name] = commit
    return newest


# --- Date facts of a page


COMMITTED, MODIFIED, UNCOMMITTED, UNKNOWN = "committed", "modified", "uncommitted", "unknown"


@dataclass(frozen=True)
class DateFact:
    state: str  # COMMITTED, MODIFIED, UNCOMMITTED or UNKNOWN
    when: datetime | None = None


def text_changed(history: PageHistory, path: str) -> DateFact:
    """When the file at `path` last changed."""
    if not history.available:
        return DateFact(UNKNOWN)
    commit = history.changes.get(path)
    if commit is None or path in history.untracked:
        return DateFact(UNCOMMITTED)
    if commit.id in history.boundary:
        # A shallow clone's oldest commit seems to add every file: the real change is older.
        return DateFact(UNKNOWN)
    return DateFact(MODIFIED if path in history.modified else COMMITTED, commit.when)


def translation_checked(history: PageHistory, path: str) -> DateFact:
    """When the translation at `path` was last pinned to its source text (`source_hash`)."""
    if not history.available:
        return DateFact(UNKNOWN)
    if path in history.untracked or path in history.pin_modified:
        return DateFact(UNCOMMITTED)
    commit = history.pin_changes.get(path)
    if commit is None or commit.id in history.boundary:
        return DateFact(UNKNOWN if path in history.changes else UNCOMMITTED)
    return DateFact(COMMITTED, commit.when)


# --- In the reader's words


def format_date(when: datetime, words: dict) -> str:
    """`3.11.2026` or `3 November 2026`, as the language's `date_format` says."""
    return words["date_format"].format(day=when.day, month=when.month, month_name=words["months"][when.month - 1], year=when.year)


def date_line(kind: str, fact: DateFact, words: dict) -> dict:
    """What the template shows for one date: the words around the date, the date, its ISO form.

    `kind` is `updated` or `reviewed`, the key of the phrases in words/dates.yml.
    """
    phrase = words[kind][fact.state]
    before, marker, after = phrase.partition("{date}")
    shown = format_date(fact.when, words) if fact.when is not None and marker else None
    return {
        "kind": kind,
        "state": fact.state,
        "before": before,
        "date": shown,
        "iso": fact.when.date().isoformat() if shown else None,
        "after": after if marker else "",
    }
