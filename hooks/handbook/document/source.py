"""One Markdown page as read from disk: decoded once, front matter parsed once, with 1-based line numbers."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from handbook.core.findings import Finding


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
    # Where the body starts in the text: the body is made when asked for, not held beside
    # the text (every page's text twice, 4.5 MB at 1,000 x 2 pages, held the whole build).
    body_start: int
    body_line: int  # line number of the first body line
    key_lines: dict[str, int] = field(default_factory=dict)  # front-matter key -> line
    # Unreadable front matter: reported, read as empty (as MkDocs does, silently).
    problems: list[Finding] = field(default_factory=list)

    @property
    def body(self) -> str:
        """The text after the front matter (the text itself when it has none)."""
        return self.text[self.body_start :] if self.body_start else self.text

    def with_body(self, body: str) -> Document:
        """The same page with another body (its front matter as it is)."""
        return dataclasses.replace(self, text=self.text[: self.body_start] + body)

    @property
    def front_matter_line(self) -> int:
        return 1 if self.body_line > 1 else 0


@dataclass(frozen=True)
class Unreadable:
    """Why a file has no text: the 1-based line (0: the whole file) and the reason."""

    line: int
    reason: str


def decode_like_mkdocs(raw: bytes) -> str | Unreadable:
    """UTF-8 with a BOM dropped and `\r\n`/`\r` read as `\n`, as MkDocs reads a page."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        return Unreadable(line, f"not UTF-8 text (byte 0x{raw[error.start]:02x} at offset {error.start}); save it as UTF-8")
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def decode(raw: bytes, path: str) -> str:
    """The text of a file, or `TranslationInputError` with the line of the first bad byte."""
    text = decode_like_mkdocs(raw)
    if isinstance(text, Unreadable):
        raise TranslationInputError(Finding(path, text.line, message=text.reason, kind="input"))
    return text


# libyaml's safe loader when PyYAML has it (its wheels do): the same values, ten times faster
# over every page of both languages.
_FRONT_MATTER_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_document(text: str, path: str) -> Document:
    """Split front matter from body; invalid YAML becomes a `path:line` problem."""
    match = FRONT_MATTER_RE.match(text)
    if not match:
        return Document(path, text, {}, 0, 1)
    front = match.group(1) or ""
    body_line = text[: match.end()].count("\n") + 1
    try:
        try:
            meta = yaml.load(front, Loader=_FRONT_MATTER_LOADER) if front.strip() else {}
        except yaml.YAMLError:
            # Told in the pure-Python loader's words, the ones MkDocs' own message uses.
            meta = yaml.safe_load(front)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = 2 + mark.line if mark else 1
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        hint = "; quote a value that contains ': '" if "mapping values" in problem else ""
        problem = Finding(path, line, message=f"front matter is not valid YAML: {problem}{hint}", kind="input")
        return Document(path, text, {}, match.end(), body_line, problems=[problem])
    if not isinstance(meta, dict):
        problem = Finding(path, 2, message="front matter is not a mapping of keys to values", kind="input")
        return Document(path, text, {}, match.end(), body_line, problems=[problem])
    key_lines = {}
    for number, line in enumerate(front.splitlines(), start=2):
        key = re.match(r"^([A-Za-z0-9_-]+)\s*:", line)
        if key:
            key_lines.setdefault(key.group(1), number)
    return Document(path, text, meta, match.end(), body_line, key_lines)


def read_document(path: Path, root: Path) -> Document:
    """The page through the build's document store: read and parsed once per build."""
    from handbook.document import store  # store builds on this module

    return store.current().document(path, root)
