"""The words a reader sees on a page, at their places in the Markdown source.

Term checks judge what the reader reads, not the markup: fenced code, code spans, HTML
comments, link and image addresses, reference definitions, attribute lists (`{#id}`),
HTML tags (their text stays), snippet includes and the `!!! type` of admonitions are
blanked with spaces. Every other character stays where it is, so a match in the result
has the line and column it has in the file. The masking is document/masking.py.
"""

from __future__ import annotations

import re

from handbook.document.masking import _ATTR_LIST, _CODE_SPAN, _COMMENT, _blank, _mask_fences

_DEFINITION = re.compile(r"^[ \t]*\[[^\]\n]+\]:[^\n]*$", re.MULTILINE)
# `](address "title")` and `][label]`: the address is not read; the brackets are markup.
_LINK_TARGET = re.compile(r"\]\((?:[^()\n]|\([^()\n]*\))*\)|\]\[[^\]\n]*\]")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\n]+\]")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_SNIPPET = re.compile(r"^[ \t]*-{1,}8<-{1,}.*$", re.MULTILINE)
_BLOCK_MARKER = re.compile(r"^([ \t]*)(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+[\w-]+)*(?=[ \t]+\"|[ \t]*$)", re.MULTILINE)
_BRACKET = re.compile(r"[\[\]!](?=\[)|[\[\]]")


def visible_text(body: str) -> str:
    """`body` (front matter already removed or blanked) with everything a reader does not read blanked."""
    lines, _ = _mask_fences(body.split("\n"))
    text = "\n".join(lines)
    if "<!--" in text:
        text = _COMMENT.sub(_blank, text)
    if "`" in text:
        text = _CODE_SPAN.sub(_blank, text)
    for pattern in (_DEFINITION, _SNIPPET, _FOOTNOTE_REF, _LINK_TARGET, _ATTR_LIST, _HTML_TAG, _BLOCK_MARKER):
        text = pattern.sub(_blank, text)
    return _BRACKET.sub(" ", text)


def page_visible_text(text: str, body_line: int) -> str:
    """The whole file's text with its front matter blanked, so lines count from the file's first line."""
    lines = text.split("\n")
    front = body_line - 1
    return "\n".join([""] * front) + ("\n" if front else "") + visible_text("\n".join(lines[front:]))
