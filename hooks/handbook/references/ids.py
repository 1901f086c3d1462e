"""Masking code and comments, and the ids a page's headings really get."""

from __future__ import annotations

import html
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


# --- Headings and their ids

_ATX = re.compile(r"^[ \t]*(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_CLOSING_HASHES = re.compile(r"[ \t]+#+$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_NOT_PARAGRAPH = re.compile(r"^[ \t]*(?:[-*+>|]|\d+[.)]|!!!|\?\?\?|===|#|\{:?[ \t]*[#.\w])")
_ATTR_LIST = re.compile(r"\{:?[ \t]*(?P<body>(?:[#.][^\s{}]+|[\w:-]+(?:=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s{}\"']+))?)(?:[ \t]+(?:[#.][^\s{}]+|[\w:-]+(?:=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s{}\"']+))?))*)[ \t]*:?\}")
_ATTR_TOKEN = re.compile(r"(?P<key>[#.][^\s{}]+|[\w:-]+)(?:=(?:\"(?P<dq>[^\"\n]*)\"|'(?P<sq>[^'\n]*)'|(?P<bare>[^\s{}\"']+)))?")
_TRAILING_ATTR_LIST = re.compile(_ATTR_LIST.pattern + r"[ \t]*$")


def attr_list_pairs(body: str) -> list[tuple[str, str]]:
    """(`id`, x) for `#x`, (`class`, x) for `.x`, (key, value) for `key=value`, (key, key) for a bare key."""
    pairs = []
    for token in _ATTR_TOKEN.finditer(body):
        key = token.group("key")
        value = token.group("dq") if token.group("dq") is not None else token.group("sq") if token.group("sq") is not None else token.group("bare")
        if key.startswith("#"):
            pairs.append(("id", key[1:]))
        elif key.startswith("."):
            pairs.append(("class", key[1:]))
        else:
            pairs.append((key, key if value is None else value))
    return pairs


_INLINE_LINK_FOR_NAME = re.compile(r"!?\[((?:[^\[\]]|\[[^\[\]]*\])*)\](?:\([^()]*(?:\([^()]*\)[^()]*)*\)|\[[^\[\]]*\])?")
_TAG = re.compile(r"<[^<>]+>")
_EMPHASIS = re.compile(r"\*+|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|:~=^\"'])")
_NAME_CODE = re.compile(r"(`+)(.+?)\1")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")


def heading_name(text: str) -> str:
    """The plain text toc slugifies: markup gone, link text kept, images and footnote marks dropped."""
    text = _FOOTNOTE_REF.sub("", text)
    text = _NAME_CODE.sub(lambda m: m.group(2).strip(), text)
    text = _INLINE_LINK_FOR_NAME.sub(lambda m: "" if m.group(0).startswith("!") else m.group(1), text)
    text = _TAG.sub("", text)
    text = _EMPHASIS.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    return html.unescape(text).strip()


def unique_id(candidate: str, used: set[str]) -> str:
    """toc's de-duplication: `x`, then `x_1`, `x_2`... (an empty slug becomes `_1`)."""
    if candidate in used or not candidate:
        match = re.match(r"^(.*)_([0-9]+)$", candidate)
        base, count = (match.group(1), int(match.group(2))) if match else (candidate, 0)
        count += 1
        while f"{base}_{count}" in used:
            count += 1
        candidate = f"{base}_{count}"
    used.add(candidate)
    return candidate
