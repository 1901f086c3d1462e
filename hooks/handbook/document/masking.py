"""Masking what a reader never reads in Markdown source (fenced code, code spans, comments),
keeping every other character at its line and column.

Used by the term check (document/visible.py), which must report `path:line:col` in the
source; the reference check judges MkDocs' rendered output instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# --- Masking: code and comments must not yield references or ids

_FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*)$")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
# A code span never crosses a blank line; an unmatched backtick stays text.
_CODE_SPAN = re.compile(r"(?<![`\\])(`+)(?!`)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.DOTALL)


_NOT_NEWLINE = re.compile(r"[^\n]")


def _blank(match: re.Match) -> str:
    return _NOT_NEWLINE.sub(" ", match.group(0))


@dataclass
class _CodeBlock:
    line: int  # 1-based line of the opening fence
    indent: int
    info: str
    length: int = 0


def _mask_fences(lines: list[str]) -> tuple[list[str], list[_CodeBlock]]:
    masked: list[str] = []
    blocks: list[_CodeBlock] = []
    open_block: _CodeBlock | None = None
    fence = ""
    for number, line in enumerate(lines, 1):
        if open_block is None:
            match = _FENCE_OPEN.match(line)
            if match:
                fence = match.group("fence")
                open_block = _CodeBlock(number, len(match.group("indent").expandtabs(4)), match.group("info").strip())
                blocks.append(open_block)
                masked.append("")
            else:
                masked.append(line)
            continue
        stripped = line.strip()
        if stripped and stripped[0] == fence[0] and set(stripped) == {fence[0]} and len(stripped) >= len(fence):
            open_block = None
        else:
            open_block.length += 1
        masked.append("")
    return masked, blocks


# An attribute list (`{#id .class key=value}`), which attr_list turns into markup.
_ATTR_LIST = re.compile(r"\{:?[ \t]*(?P<body>(?:[#.][^\s{}]+|[\w:-]+(?:=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s{}\"']+))?)(?:[ \t]+(?:[#.][^\s{}]+|[\w:-]+(?:=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s{}\"']+))?))*)[ \t]*:?\}")
