"""The blocks a reader sees in rendered HTML: paragraphs, list items, code, tables, admonitions.

Python-Markdown's output (raw HTML included, as MkDocs passes it through) is read with the
standard library's HTML parser into a small tree, then walked into a flat list of blocks.
Each block keeps the text a reader sees, whitespace folded (code keeps its lines), with
links and images written in one canonical form `[text](target)` whose target is resolved
by the caller. What a reader never sees is left out: comments, the permalink `¶`,
attributes (a table's alignment, classes), scripts. Pure code: no file, no MkDocs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
INLINE = {"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "i", "img", "input", "ins", "kbd",
          "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr"}
UNSEEN = {"script", "style", "template", "noscript", "meta", "link"}
MEDIA = {"iframe", "video", "audio", "object", "embed"}
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Inline markers a reader sees as a difference in style; `_x_` and `*x*` both become <em>.
MARKERS = {"em": "*", "i": "*", "strong": "**", "b": "**", "del": "~~", "s": "~~", "mark": "==", "code": "`", "kbd": "`"}
BREAK = "↵"


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag):
        # Close the nearest open element of that name; a stray end tag changes nothing.
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)

    # Comments, declarations and processing instructions are never shown: not handled.


def parse_html(html: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


# --- Blocks


@dataclass(frozen=True)
class Block:
    """One thing a reader sees as a unit, with the containers it sits in."""

    kind: str  # paragraph, item, code, table, row, admonition, heading, term, definition, rule, label, text, media
    text: str  # what the reader sees, links and images as [text](target)
    context: str = ""  # e.g. "note > numbered list > "
    plain: str = ""  # the words alone (no markers, no targets): where numbers are read
    links: tuple[str, ...] = ()
    images: tuple[str, ...] = ()
    columns: int = 0  # of a table

    @property
    def signature(self) -> str:
        return f"{self.context}{self.kind}: {self.text}"


def fold(text: str) -> str:
    """Whitespace as a reader sees it: any run of it is one space (no-break spaces too)."""
    return " ".join(text.split())


@dataclass
class _Inline:
    shown: list[str] = field(default_factory=list)
    plain: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)

    def add(self, shown: str, plain: str | None = None) -> None:
        self.shown.append(shown)
        self.plain.append(shown if plain is None else plain)

    def empty(self) -> bool:
        return not fold("".join(self.shown)) and not self.links and not self.images


Resolve = Callable[[str], str]


class BlockReader:
    """Walks a rendered tree into blocks; `resolve` turns an href or src into a canonical target."""

    def __init__(self, resolve: Resolve) -> None:
        self.resolve = resolve

    # --- Inline content

    def inline(self, nodes: list[Element | str], into: _Inline) -> None:
        for node in nodes:
            if isinstance(node, str):
                into.add(node)
                continue
            tag = node.tag
            if tag in UNSEEN or "hidden" in node.attrs or "headerlink" in node.classes:
                continue
            if tag == "br":
                into.add(f" {BREAK} ", " ")
            elif tag == "img":
                target = self.resolve(node.attrs.get("src", ""))
                alt = fold(node.attrs.get("alt", ""))
                into.images.append(target)
                into.add(f"![{alt}]({target})", f" {alt} ")
            elif tag == "input":
                if node.attrs.get("type") == "checkbox":
                    into.add("[x] " if "checked" in node.attrs else "[ ] ", " ")
            elif tag == "a" and "href" in node.attrs and "toclink" not in node.classes:
                target = self.resolve(node.attrs["href"])
                inner = _Inline()
                self.inline(node.children, inner)
                title = fold(node.attrs.get("title", ""))
                shown = fold("".join(inner.shown))
                into.links.append(target)
                into.links.extend(inner.links)
                into.images.extend(inner.images)
                into.add(f"[{shown}]({target}{' ' + repr(title) if title else ''})", "".join(inner.plain))
            else:
                inner = _Inline()
                self.inline(node.children, inner)
                into.links.extend(inner.links)
                into.images.extend(inner.images)
                marker = MARKERS.get(tag, "")
                shown = "".join(inner.shown)
                if tag == "abbr" and node.attrs.get("title"):
                    shown = f"{shown} ({fold(node.attrs['title'])})"
                plain = "".join(inner.plain)
                if tag in ("code", "kbd"):
                    plain = " "  # code is not prose: its numbers are not the text's numbers
                into.add(f"{marker}{shown}{marker}" if shown.strip() else shown, plain)

    def _block(self, kind: str, inline: _Inline, context: str, **extra) -> Block:
        return Block(kind, fold("".join(inline.shown)), context, fold("".join(inline.plain)), tuple(inline.links), tuple(inline.images), **extra)

    def _text_of(self, element: Element | list, kind: str, context: str) -> Block:
        inline = _Inline()
        self.inline(element.children if isinstance(element, Element) else element, inline)
        return self._block(kind, inline, context)

    # --- Block content

    def blocks(self, nodes: list[Element | str], context: str = "") -> list[Block]:
        found: list[Block] = []
        pending: list[Element | str] = []

        def flush() -> None:
            if pending:
                inline = _Inline()
                self.inline(pending, inline)
                if not inline.empty():
                    found.append(self._block("text", inline, context))
                pending.clear()

        for node in nodes:
            if isinstance(node, str) or node.tag in INLINE:
                if not (isinstance(node, Element) and node.tag == "input" and node.attrs.get("type") != "checkbox"):
                    pending.append(node)
                continue
            flush()
            found.extend(self.element(node, context))
        flush()
        return found

    def element(self, node: Element, context: str) -> list[Block]:
        tag, classes = node.tag, node.classes
        if tag in UNSEEN or "hidden" in node.attrs or "toc" in classes:
            return []
        if tag in HEADINGS:
            return [self._text_of(node, f"heading {HEADINGS[tag]}", context)]
        if tag == "p":
            return [self._text_of(node, "paragraph", context)]
        if tag in ("ul", "ol"):
            return self.list_items(node, context)
        if tag == "pre":
            return [Block("code", "\n".join(line.rstrip() for line in _raw_text(node).strip("\n").split("\n")), context)]
        if tag == "table":
            return self.table(node, context)
        if tag == "hr":
            return [Block("rule", "---", context)]
        if tag == "div" and "admonition" in classes:
            kind = next((c for c in classes if c != "admonition"), "note")
            title = next((c for c in node.children if isinstance(c, Element) and "admonition-title" in c.classes), None)
            heading = self._text_of(title, "admonition", context) if title else Block("admonition", "", context)
            rest = [c for c in node.children if c is not title]
            return [Block("admonition", f"{kind}: {heading.text}", context, heading.plain, heading.links)] + self.blocks(rest, f"{context}{kind} > ")
        if tag == "details":
            kind = next(iter(classes), "details")
            summary = next((c for c in node.children if isinstance(c, Element) and c.tag == "summary"), None)
            heading = self._text_of(summary, "admonition", context) if summary else Block("admonition", "", context)
            state = "open" if "open" in node.attrs else "collapsed"
            rest = [c for c in node.children if c is not summary]
            return [Block("admonition", f"{kind} ({state}): {heading.text}", context, heading.plain, heading.links)] + self.blocks(rest, f"{context}{kind} > ")
        if tag == "blockquote":
            return self.blocks(node.children, f"{context}quote > ")
        if tag == "dt":
            return [self._text_of(node, "term", context)]
        if tag == "dd":
            return self.blocks(node.children, f"{context}definition > ")
        if tag == "label":
            return [self._text_of(node, "label", context)]
        if tag in MEDIA:
            target = self.resolve(node.attrs.get("src") or node.attrs.get("data") or "")
            return [Block("media", f"{tag}({target})", context, "", (), (target,))]
        return self.blocks(node.children, context)

    def list_items(self, node: Element, context: str) -> list[Block]:
        if node.tag == "ol":
            start = node.attrs.get("start")
            kind = f"numbered list from {start}" if start and start != "1" else "numbered list"
        else:
            kind = "list"
        inner_context = f"{context}{kind} > "
        found: list[Block] = []
        for item in node.children:
            if not isinstance(item, Element) or item.tag != "li":
                continue
            inline_nodes: list[Element | str] = []
            nested: list[Element] = []
            for child in item.children:
                if isinstance(child, Element) and child.tag == "p":
                    inline_nodes.extend([" ", *child.children, " "])
                elif isinstance(child, str) or child.tag in INLINE or child.tag == "label":
                    inline_nodes.append(child)
                else:
                    nested.append(child)
            found.append(self._text_of(inline_nodes, "item", inner_context))
            for child in nested:
                found.extend(self.element(child, f"{inner_context}item > "))
        return found

    def table(self, node: Element, context: str) -> list[Block]:
        rows = [row for row in _descendants(node, "tr")]
        found: list[Block] = []
        for index, row in enumerate(rows):
            cells = [cell for cell in row.children if isinstance(cell, Element) and cell.tag in ("td", "th")]
            parts = [self._text_of(cell, "cell", context) for cell in cells]
            inline = _Inline(shown=[" | ".join(p.text for p in parts)], plain=[" ".join(p.plain for p in parts)],
                             links=[t for p in parts for t in p.links], images=[t for p in parts for t in p.images])
            if index == 0:
                found.append(self._block("table", inline, context, columns=len(cells)))
            else:
                found.append(self._block("row", inline, context))
        return found


def _raw_text(node: Element) -> str:
    return "".join(child if isinstance(child, str) else _raw_text(child) for child in node.children)


def _descendants(node: Element, tag: str):
    for child in node.children:
        if isinstance(child, Element):
            if child.tag == tag:
                yield child
            elif child.tag != "table":  # a nested table's rows are its own
                yield from _descendants(child, tag)
