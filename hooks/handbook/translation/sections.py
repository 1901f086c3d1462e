"""Normalised text, content hashes and sections of a page, by heading id."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from handbook.document.source import Document

# The pin's hash formats (pins.py reads and writes them; they are computed here).
HASH_PREFIX = "sha256:"
SECTION_HASH_LENGTH = 8
TOP_SECTION = "_top"

# --- Normalisation and hashing


FENCE_RE = re.compile(r"^\s*(`{3,}|~{3,})")


def normalise(markdown: str) -> str:
    """The text that counts: blocks kept, whitespace and line wrapping folded.

    Front matter must already be gone. Fenced code keeps its lines (wrapping matters
    there); everywhere else each blank-line-separated block becomes one line.
    """
    blocks: list[str] = []
    current: list[str] = []
    fence: str | None = None

    def flush() -> None:
        if current:
            blocks.append(" ".join(" ".join(current).split()))
            current.clear()

    for line in markdown.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        opener = FENCE_RE.match(line)
        if fence:
            blocks.append(line.rstrip())
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
            continue
        if opener:
            flush()
            fence = opener.group(1)
            blocks.append(line.strip())
            continue
        if line.strip():
            current.append(line)
        else:
            flush()
    flush()
    return "\n".join(block for block in blocks if block)


def content_hash(markdown: str) -> str:
    return HASH_PREFIX + hashlib.sha256(normalise(markdown).encode("utf-8")).hexdigest()


def document_hash(document: Document) -> str:
    return content_hash(document.body)


# --- Sections


HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*$")
ATTR_LIST_RE = re.compile(r"[ \t]*\{:?[ \t]*([^}]*)\}[ \t]*$")
HEADING_ID_RE = re.compile(r"(?:^|\s)#([A-Za-z0-9_:.-]+)")


@dataclass
class Section:
    """A heading and the text under it up to the next heading (any level)."""

    key: str  # the explicit heading id, or `#N` by position when the heading has none
    level: int  # 0 for the text before the first heading
    title: str
    line: int  # 1-based line of the heading in the file
    lines: list[str]
    explicit_id: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def hash(self) -> str:
        return hashlib.sha256(normalise(self.text).encode("utf-8")).hexdigest()[:SECTION_HASH_LENGTH]

    def label(self) -> str:
        if self.key == TOP_SECTION:
            return "the text before the first heading"
        return f"'{self.key}'"


def parse_heading(line: str) -> tuple[int, str, str | None] | None:
    match = HEADING_RE.match(line)
    if not match:
        return None
    level, title = len(match.group(1)), re.sub(r"[ \t]+#+$", "", match.group(2))
    heading_id = None
    attrs = ATTR_LIST_RE.search(title)
    if attrs:
        found = HEADING_ID_RE.search(attrs.group(1))
        heading_id = found.group(1) if found else None
        title = title[: attrs.start()]
    return level, title.strip(), heading_id


def split_sections(document: Document) -> list[Section]:
    sections = [Section(TOP_SECTION, 0, "", document.body_line, [])]
    fence: str | None = None
    position = 0
    for number, line in enumerate(document.body.replace("\r\n", "\n").split("\n"), start=document.body_line):
        opener = FENCE_RE.match(line)
        if fence:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
        elif opener:
            fence = opener.group(1)
        else:
            heading = parse_heading(line)
            if heading:
                position += 1
                level, title, heading_id = heading
                sections.append(Section(heading_id or f"#{position}", level, title, number, [line], bool(heading_id)))
                continue
        sections[-1].lines.append(line)
    if not normalise(sections[0].text):
        sections.pop(0)
    return sections


def section_hashes(document: Document) -> dict[str, str]:
    return {section.key: section.hash for section in split_sections(document)}
