"""The headings of a page as written in its Markdown, by heading id: where each section starts.

The pins hash the rendered page (rendering.py); this scan of the source gives the
lines that messages point to, and the ids other checks of the content read."""

from __future__ import annotations

import re
from dataclasses import dataclass

from handbook.document.source import Document

# The pin's section hash length (pins.py reads and writes them, rendering.py computes them).
SECTION_HASH_LENGTH = 8
TOP_SECTION = "_top"

FENCE_RE = re.compile(r"^\s*(`{3,}|~{3,})")


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
    if not sections[0].text.strip():
        sections.pop(0)
    return sections
