"""One Markdown page as read from disk: decoded once, front matter parsed once, with 1-based line numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from handbook.core import Finding, relative_to_root


class TranslationInputError(Exception):
    """A file the engine cannot read; carries the `path:line` finding to report."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.format())
        self.finding = finding


# --- Reading pages


FRONT_MATTER_RE = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)


@dataclass
class Document:
    """One Markdown page: its front matter and body, with 1-based line numbers."""

    path: str  # relative to the project root, for messages
    text: str
    meta: dict
    body: str
    body_line: int  # line number of the first body line
    key_lines: dict[str, int] = field(default_factory=dict)  # front-matter key -> line
    # Unreadable front matter: reported, read as empty (as MkDocs does, silently).
    problems: list[Finding] = field(default_factory=list)

    @property
    def front_matter_line(self) -> int:
        return 1 if self.body_line > 1 else 0


def decode(raw: bytes, path: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise TranslationInputError(
            Finding(path, line, message=f"not UTF-8 text (byte 0x{raw[error.start]:02x}); save the file as UTF-8", kind="input")
        ) from None


def parse_document(text: str, path: str) -> Document:
    """Split front matter from body; invalid YAML becomes a `path:line` problem."""
    match = FRONT_MATTER_RE.match(text)
    if not match:
        return Document(path, text, {}, text, 1)
    front = match.group(1) or ""
    body_line = text[: match.end()].count("\n") + 1
    try:
        meta = yaml.safe_load(front) if front.strip() else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = 2 + mark.line if mark else 1
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        hint = "; quote a value that contains ': '" if "mapping values" in problem else ""
        problem = Finding(path, line, message=f"front matter is not valid YAML: {problem}{hint}", kind="input")
        return Document(path, text, {}, text[match.end() :], body_line, problems=[problem])
    if not isinstance(meta, dict):
        problem = Finding(path, 2, message="front matter is not a mapping of keys to values", kind="input")
        return Document(path, text, {}, text[match.end() :], body_line, problems=[problem])
    key_lines = {}
    for number, line in enumerate(front.splitlines(), start=2):
        key = re.match(r"^([A-Za-z0-9_-]+)\s*:", line)
        if key:
            key_lines.setdefault(key.group(1), number)
    return Document(path, text, meta, text[match.end() :], body_line, key_lines)


def read_document(path: Path, root: Path) -> Document:
    shown = relative_to_root(path, root)
    return parse_document(decode(path.read_bytes(), shown), shown)
