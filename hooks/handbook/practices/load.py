"""Reading and validating the practice files."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from handbook.core import Finding, relative_to_root
from handbook.document.source import parse_document
from handbook.practices.nodes import INVALID, _compose_text
from handbook.practices.schema import PRACTICE, Check
from handbook.practices.vocabularies import _ID, Vocabularies

# --- Practices


@dataclass(frozen=True)
class Practice:
    id: str
    path: str  # the data file, relative to the repository root
    data: dict[str, Any]


def validate_practice(text: str, path: str, vocabularies: Vocabularies) -> tuple[dict[str, Any] | None, list[Finding]]:
    """Check one practice file's text; return its plain data (None if invalid) and the problems."""
    check = Check(path, vocabularies)
    node = _compose_text(text, path, check.findings)
    if node is None:
        if not check.findings:
            check.findings.append(Finding(path, 0, 0, "the practice file is empty", kind="practice-data", severity="error"))
        return None, check.findings
    data = PRACTICE.check(node, "", check)
    if check.findings or data is INVALID:
        return None, sorted(check.findings)
    return data, []


def load_practices(folder: Path, root: Path, vocabularies: Vocabularies) -> tuple[list[Practice], list[Finding]]:
    """Every `*.yml` in `folder`, sorted by id; invalid ones are left out and reported."""
    practices: list[Practice] = []
    findings: list[Finding] = []
    if not folder.is_dir():
        return practices, findings
    for path in sorted(folder.iterdir()):
        shown = relative_to_root(path, root)
        if path.suffix == ".yaml":
            findings.append(Finding(shown, 0, 0, "practice files end in .yml; rename it so it is read", kind="practice-data"))
            continue
        if path.suffix != ".yml":
            continue
        if not _ID.match(path.stem) or path.stem != path.stem.lower():
            findings.append(Finding(shown, 0, 0, f"the file name gives the practice id: '{path.stem}' must be lowercase ASCII letters, digits and hyphens", kind="practice-data"))
            continue
        data, problems = validate_practice(path.read_text(encoding="utf-8"), shown, vocabularies)
        findings += problems
        if data is not None:
            practices.append(Practice(path.stem, shown, data))
    return practices, findings


# --- Pages


def front_matter_line(text: str, key: str) -> int:
    """1-based line of `key:` in a Markdown file's front matter (the document model's reading); 0 when it is not there."""
    return parse_document(text, "").key_lines.get(key, 0)


def nearest_name(name: str, known: list[str]) -> str | None:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
    return close[0] if close else None


# --- Helpers
