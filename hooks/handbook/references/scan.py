"""Links, images, definitions and raw HTML references of one page, from its source."""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Iterator

from handbook.references.ids import (
    _ATTR_LIST,
    _ATX,
    _CLOSING_HASHES,
    _CODE_SPAN,
    _COMMENT,
    _ESCAPE,
    _NOT_PARAGRAPH,
    _SETEXT,
    _TRAILING_ATTR_LIST,
    _blank,
    _mask_fences,
    attr_list_pairs,
    heading_name,
    unique_id,
)
from handbook.references.records import (
    LinkDefinition,
    MarkdownOptions,
    PageId,
    PageScan,
    Reference,
    ReferenceUse,
    normalise_label,
)

# --- Links

# `[text](dest "title")`, `[text][ref]`, `[text][]`, `[ref]`; one level of nested brackets in the text.
_LINK = re.compile(
    r"\[(?P<text>(?:[^\[\]\\]++|\\.|\[(?:[^\[\]\\]++|\\.)*+\])*+)\]"
    r"(?:\([ \t]*\n?[ \t]*(?P<dest><[^<>\n]*>|(?:[^\s()\\]++|\\.|\((?:[^\s()\\]++|\\.)*+\))*+)"
    r"(?:[ \t]*\n?[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?[ \t]*\n?[ \t]*\)"
    r"|\[(?P<ref>[^\[\]]*)\])?"
)
_DEFINITION = re.compile(r"^(?P<indent>[ \t]*)\[(?P<label>[^\]\^\n][^\]\n]*)\]:[ \t]*(?P<url><[^>\n]*>|\S+)(?P<rest>.*)$", re.MULTILINE)
_ABBREVIATION = re.compile(r"^[ \t]*\*\[[^\]\n]+\]:.*$", re.MULTILINE)
_FOOTNOTE_DEF = re.compile(r"^[ \t]*\[\^(?P<label>[^\]\n]+)\]:", re.MULTILINE)
_AUTOLINK = re.compile(r"<(?P<url>(?:https?|ftp)://[^\s<>]+)>")
_HTML_TAG = re.compile(r"<(?P<tag>[a-zA-Z][a-zA-Z0-9-]*)(?P<attrs>(?:\s+[^\s=<>/\"']+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)\s*/?>")
_HTML_ATTRIBUTE = re.compile(r"(?P<name>[^\s=<>/\"']+)(?:\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[^\s\"'=<>`]+)))?")
_HTML_URL_ATTRIBUTES = {"href", "src", "poster", "data"}
_HTML_IMAGE_TAGS = {"img", "source", "picture", "video", "audio", "track", "input"}
_TAB = re.compile(r"^(?P<indent>[ \t]*)===(?P<special>[!+]{0,2})[ \t]+\"(?P<title>(?:\\\"|[^\"\n])*)\"[ \t]*$")


class _Positions:
    """Offset -> 1-based (line, column) in one text."""

    def __init__(self, text: str) -> None:
        self.starts = [0]
        index = text.find("\n")
        while index != -1:
            self.starts.append(index + 1)
            index = text.find("\n", index + 1)

    def __call__(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def _link_attributes(masked: str, end: int, options: MarkdownOptions) -> tuple[tuple[str, str], ...]:
    if not options.attr_list or not masked.startswith("{", end):
        return ()
    match = _ATTR_LIST.match(masked, end)
    return tuple(attr_list_pairs(match.group("body"))) if match else ()


def _scan_links(masked: str, start: int, end: int, position: _Positions, options: MarkdownOptions, scan: PageScan) -> None:
    for match in _LINK.finditer(masked, start, end):
        text, dest, ref = match.group("text", "dest", "ref")
        begin = match.start()
        if begin and masked[begin - 1] == "\\":
            continue  # `\[` is a literal bracket
        bang = begin > 0 and masked[begin - 1] == "!"
        if bang:
            begin -= 1
        if text.startswith("^") or (not bang and dest is None and ref is None and text.strip().lower() in ("", "x")):
            continue  # footnote marks and task-list boxes
        line, column = position(begin)
        if dest is not None:
            url = dest.strip()
            if url.startswith("<") and url.endswith(">"):
                url = url[1:-1]
            if "\\" in url:
                url = _ESCAPE.sub(r"\1", url)
            attributes = _link_attributes(masked, match.end(), options) if masked.startswith("{", match.end()) else ()
            scan.references.append(Reference(url, line, column, "image" if bang else "link", attributes))
        elif ref is not None:
            scan.reference_uses.append(ReferenceUse(normalise_label(ref or text), match.group(0), line, column))
        else:
            scan.shortcut_labels.add(normalise_label(text))
        # Links inside link text: `[![alt](img.png)](page.md)`.
        if "[" in text:
            _scan_links(masked, match.start("text"), match.end("text"), position, options, scan)


def _scan_html(masked: str, position: _Positions, scan: PageScan) -> None:
    for match in _HTML_TAG.finditer(masked):
        tag = match.group("tag").lower()
        attributes: list[tuple[str, str, int]] = []
        for attribute in _HTML_ATTRIBUTE.finditer(match.group("attrs")):
            value = attribute.group("dq") if attribute.group("dq") is not None else attribute.group("sq") if attribute.group("sq") is not None else attribute.group("bare") or ""
            attributes.append((attribute.group("name").lower(), html.unescape(value), match.start("attrs") + attribute.start()))
        pairs = tuple((name, value) for name, value, _ in attributes)
        for name, value, offset in attributes:
            line, column = position(offset)
            if name in _HTML_URL_ATTRIBUTES and not (name == "data" and tag != "object"):
                kind = "image" if tag in _HTML_IMAGE_TAGS else "link"
                scan.references.append(Reference(value.strip(), line, column, kind, pairs))
            elif name == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        scan.references.append(Reference(candidate.split()[0], line, column, "image", pairs))
            elif name == "id":
                scan.ids.append(PageId(value, line, column, "html"))
            elif name == "name" and tag == "a":
                scan.ids.append(PageId(value, line, column, "html-name"))


def _fence_options(info: str) -> tuple[str, str, int]:
    """(language, id, first line number) of a fence like ```python {#id linenums="5"}."""
    head, brace, rest = info.partition("{")
    words = head.split()
    language = words[0].lstrip(".") if words else ""
    options = rest[: rest.rfind("}")] if brace else " ".join(words[1:])
    fence_id, start = "", 1
    for key, value in attr_list_pairs(options):
        if key == "id":
            fence_id = value
        elif key == "linenums" and value.split() and value.split()[0].isdigit():
            start = max(1, int(value.split()[0]))
    return language, fence_id, start


def scan_page(text: str, options: MarkdownOptions) -> PageScan:
    """References, ids, definitions and reference uses of one Markdown text (front matter blanked)."""
    scan = PageScan()
    lines = text.split("\n")
    masked_lines, blocks = _mask_fences(lines)
    masked = "\n".join(masked_lines)
    if "<!--" in masked:
        masked = _COMMENT.sub(_blank, masked)
    # Heading text keeps its code spans: toc puts their text into the slug.
    heading_lines = masked.split("\n")
    if "`" in masked:
        masked = _CODE_SPAN.sub(_blank, masked)
    position = _Positions(masked)

    # Definitions first, then blanked, so `[label]: url` is not also read as a shortcut link.
    for match in _DEFINITION.finditer(masked):
        line, column = position(match.start("indent") + len(match.group("indent")))
        url = match.group("url")
        url = url[1:-1] if url.startswith("<") else url
        scan.definitions.append(LinkDefinition(normalise_label(match.group("label")), url, line, column))
        scan.references.append(Reference(url, line, column, "definition"))
    if scan.definitions:
        masked = _DEFINITION.sub(_blank, masked)
    if "*[" in masked:
        masked = _ABBREVIATION.sub(_blank, masked)
    if options.footnotes:
        for match in _FOOTNOTE_DEF.finditer(masked):
            line, column = position(match.start())
            label = match.group("label")
            scan.ids.append(PageId(f"fn:{label}", line, column, "generated"))
            scan.ids.append(PageId(f"fnref:{label}", line, column, "generated"))

    _scan_links(masked, 0, len(masked), position, options, scan)
    for match in _AUTOLINK.finditer(masked):
        line, column = position(match.start())
        scan.references.append(Reference(match.group("url"), line, column, "link"))
    _scan_html(masked, position, scan)

    explicit: list[PageId] = []
    headings: list[tuple[str, int, int]] = []  # (name, line, column) of headings without an explicit id
    masked_lines = masked.split("\n")
    previous = ""
    for number, line in enumerate(masked_lines, 1):
        if "#" not in line and "{" not in line and line[:4].strip()[:1] not in ("=", "-"):
            previous = line  # cheap test first: most lines are plain text
            continue
        heading_text = None
        atx = _ATX.match(line)
        if atx:
            heading_text = _CLOSING_HASHES.sub("", _ATX.match(heading_lines[number - 1]).group(2) or "")
            if heading_text.strip() == "#" * len(heading_text.strip()):
                heading_text = heading_text if heading_text.strip() else ""
            heading_line, heading_column = number, line.index("#") + 1
        elif _SETEXT.match(line) and previous.strip() and not _NOT_PARAGRAPH.match(previous) and "|" not in previous:
            heading_text = heading_lines[number - 2]
            heading_line, heading_column = number - 1, len(previous) - len(previous.lstrip()) + 1
        if heading_text is not None:
            trailing = _TRAILING_ATTR_LIST.search(heading_text) if options.attr_list else None
            heading_id = ""
            if trailing:
                for key, value in attr_list_pairs(trailing.group("body")):
                    if key == "id":
                        heading_id = value
                heading_text = heading_text[: trailing.start()]
            if heading_id:
                explicit.append(PageId(heading_id, heading_line, heading_column, "explicit"))
            else:
                headings.append((heading_name(heading_text), heading_line, heading_column))
            # Setext underlines are not text; the heading line is handled.
            previous = "" if not atx else line
            if not atx:
                continue
        elif options.attr_list and "{" in line:
            for match in _ATTR_LIST.finditer(line):
                for key, value in attr_list_pairs(match.group("body")):
                    if key == "id":
                        explicit.append(PageId(value, number, match.start() + 1, "explicit"))
        previous = line

    # toc gives slugs after every attr_list id is known, skipping ids already taken.
    used = {page_id.id for page_id in explicit}
    scan.ids.extend(explicit)
    for name, line, column in headings:
        scan.ids.append(PageId(unique_id(options.slugify(name, options.separator), used), line, column, "heading"))

    # pymdownx.highlight numbers highlighted blocks per page in document order; a fence
    # id replaces the number in its line anchors.
    count = -1
    for block in blocks:
        language, fence_id, start = _fence_options(block.info)
        if fence_id:
            scan.ids.append(PageId(fence_id, block.line, block.indent + 1, "explicit"))
        if not options.code_anchor_prefix or language in options.custom_fences:
            continue
        count += 1
        prefix = f"{options.code_anchor_prefix}-{fence_id or count}"
        scan.code_lines[prefix] = (start, start + max(block.length, 1) - 1)

    if options.tabbed and "===" in masked:
        scan.ids.extend(_tab_ids(masked_lines, options))
    return scan


def _tab_ids(lines: list[str], options: MarkdownOptions) -> Iterator[PageId]:
    """pymdownx.tabbed ids: `__tabbed_<set>_<tab>`, sets counted per page in document order."""
    set_count = 0
    # Open tab sets by indentation: indent -> [set number, tabs so far].
    open_sets: dict[int, list[int]] = {}
    used: set[str] = set()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        for level in [level for level in open_sets if level > indent]:
            del open_sets[level]
        match = _TAB.match(line)
        if not match:
            open_sets.pop(indent, None)
            continue
        current = open_sets.get(indent)
        if current is None or "!" in match.group("special"):
            set_count += 1
            current = open_sets[indent] = [set_count, 0]
        current[1] += 1
        if options.tabbed_slugify:
            tab_id = unique_id(options.tabbed_slugify(heading_name(match.group("title")), options.separator), used)
        else:
            tab_id = f"__tabbed_{current[0]}_{current[1]}"
        yield PageId(tab_id, number, indent + 1, "generated")
