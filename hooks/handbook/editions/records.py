"""What each published edition records of its source, and which edition came before it.

Every edition carries `edition.json` in its own folder on the published branch
(`2026/edition.json`), written by the build mike runs, so it is committed together with
the edition and a later deploy of another edition never touches it:

    {"version": "2026", "source": "<commit>", "published": "2026-12-05", "previous": "2021"}

`source` is the commit the edition was built from (`git rev-parse HEAD` at publish),
`previous` the edition its changes page compares with (null for the first edition).
Pure functions: publish.py reads the branch, the build writes the file.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass

RECORD_FILE = "edition.json"
# Set by `handbook publish` for the build mike runs: the previous edition's record as
# JSON, or `null` for the first edition. Unset: a build that is not a published edition.
PREVIOUS_VARIABLE = "HANDBOOK_PREVIOUS_EDITION"
# The commit the edition is built from (publish sets it; the build asks git without it).
SOURCE_VARIABLE = "HANDBOOK_EDITION_SOURCE"


class RecordError(ValueError):
    """A record that cannot be read; the message says which and why."""


@dataclass(frozen=True)
class EditionRecord:
    version: str
    source: str  # full commit id
    published: str | None = None  # ISO date of the build
    previous: str | None = None  # the version this edition was compared with

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2) + "\n"


def record_from_json(text: str, where: str) -> EditionRecord | None:
    """A record from its JSON; `null` is no record. Bad JSON is a RecordError naming `where`."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise RecordError(f"{where}: not JSON ({error.msg} at line {error.lineno})") from None
    if value is None:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("version"), str) or not isinstance(value.get("source"), str):
        raise RecordError(f"{where}: expected an object with the strings 'version' and 'source', got {text.strip()[:80]!r}")
    previous = value.get("previous")
    published = value.get("published")
    return EditionRecord(value["version"], value["source"], published if isinstance(published, str) else None, previous if isinstance(previous, str) else None)


def edition_of(versions: Sequence[Mapping], name: str) -> str | None:
    """The edition a name (an edition or an alias such as `latest`) stands for in versions.json."""
    for edition in versions:
        if name == edition.get("version") or name in edition.get("aliases", []):
            return edition["version"]
    return None


def previous_edition(
    version: str,
    versions: Sequence[Mapping],
    records: Mapping[str, EditionRecord],
    default: str,
    built_on: Callable[[str], bool] = lambda commit: False,
) -> str | None:
    """The edition a publish of `version` is compared with.

    The edition readers have as current (the `default` alias, `latest`) when this source
    is built on its source (`built_on(commit)`: that commit is an ancestor of the one
    being published): a new edition, or a preview such as `dev` that follows it.
    Otherwise an edition published again keeps the comparison it was first published
    with (a correction of the current edition, or of an older one made on its own
    branch). Without records: the current edition, else the newest other one mike lists
    (versions.json is newest first).
    """
    current = edition_of(versions, default)
    if current and current != version and current in records and records[current].source and built_on(records[current].source):
        return current
    own = records.get(version)
    if own is not None:
        return own.previous
    if current and current != version:
        return current
    return next((edition["version"] for edition in versions if edition.get("version") != version), None)
