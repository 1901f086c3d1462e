"""Glossary links in a rendered page: the first use of each term in running text links to its entry.

Works on the HTML MkDocs rendered (on_page_content), with the term check's matching
(handbook/terms/matching.py), so `tapaamisessa` is a use of `tapaaminen` and a use inside
a longer term belongs to the longer one. Running text is text outside headings, links,
code, abbreviations, form controls, admonition titles, hidden elements and the
glossary's own markup: a term there is left as it is and the next use in running text
gets the link.

Each link carries the entry's short definition in a tooltip beside it (WCAG 2.2
1.4.13): `aria-describedby` names it, the stylesheet shows it on hover and keyboard
focus, `glossary-terms.js` dismisses it with Escape. Without the stylesheet the tooltip
stays hidden; activating the link opens the entry.

Pure functions; the hook (glossary/links_hook.py) gives them the page and the entries.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import dataclass
from html.parser import HTMLParser

from handbook.glossary.entries import Entry
from handbook.terms.check import term_wordings
from handbook.terms.matching import TermUse, Text, WordKeys, outermost_uses

TERM_CLASS = "handbook-term"
TIP_ID = "handbook-term-tip-"
# Elements whose text is not running text: a link inside them would be wrong (nested
# links, a link in a heading or in code) or would hide the element's own meaning.
NOT_RUNNING_TEXT = frozenset(
    {"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "kbd", "samp", "abbr", "script", "style", "svg", "math"}
    | {"button", "label", "select", "option", "textarea", "summary", "template", "title", "head"}
)
NOT_RUNNING_CLASSES = frozenset({"admonition-title", TERM_CLASS})
# Phrasing elements a wording may run across (`<em>rikoksista</em> irtautuminen`): the
# reader reads one wording, so its shorter part is not linked to another entry there.
INLINE = frozenset({"em", "strong", "b", "i", "mark", "span", "u", "s", "ins", "del", "small"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"})
# Between two pieces of running text: no wording runs across it (matching.py's gap is whitespace and emphasis marks).
_BETWEEN = "\n|\n"
_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")


@dataclass(frozen=True)
class Glossary:
    """One language's entries and where its glossary page is, relative to the page being linked."""

    entries: list[Entry]
    language: str  # the language of the entries' terms and definitions
    href: str  # the glossary page, relative to the page: `../liitteet/sanasto/`
    hreflang: str = ""  # set when the glossary is in another language than the page


@dataclass(frozen=True)
class _Piece:
    """A stretch of running text: where it is in the HTML and its text as read."""

    html_start: int
    text: str
    raw_offsets: list[int]  # raw_offsets[i]: offset in the HTML of the text's i-th character (one more at the end)
    joins_previous: bool = False  # only inline formatting tags stand between it and the previous piece


class _RunningText(HTMLParser):
    """The running text of an HTML fragment, piece by piece, with each piece's place in the HTML."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", source)]
        self.open: list[tuple[str, bool]] = []  # (tag, not running text) of every open element
        self.events: list[tuple[int, bool]] = []  # (offset, data that is running text)
        self.inline: set[int] = set()  # indices of the events that are inline formatting tags of running text

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _excluded(self) -> bool:
        return any(excluded for _, excluded in self.open)

    def handle_starttag(self, tag, attrs):
        self.events.append((self._offset(), False))
        if tag in VOID:
            return
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        excluded = tag in NOT_RUNNING_TEXT or "hidden" in attributes or bool(classes & NOT_RUNNING_CLASSES)
        if tag in INLINE and not excluded:
            self.inline.add(len(self.events) - 1)
        self.open.append((tag, excluded))

    def handle_startendtag(self, tag, attrs):
        self.events.append((self._offset(), False))

    def handle_endtag(self, tag):
        self.events.append((self._offset(), False))
        if tag in INLINE and self.open and self.open[-1] == (tag, False):
            self.inline.add(len(self.events) - 1)
        # Close the element and any left open inside it (HTML lets `<p>` and `<li>` end implicitly).
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                break

    def handle_data(self, data):
        self.events.append((self._offset(), not self._excluded()))

    def _other(self, *_):
        self.events.append((self._offset(), False))

    handle_comment = handle_decl = handle_pi = unknown_decl = _other

    def pieces(self) -> list[_Piece]:
        self.feed(self.source)
        self.close()
        ends = [offset for offset, _ in self.events[1:]] + [len(self.source)]
        found = []
        joins = False
        for index, ((start, running), end) in enumerate(zip(self.events, ends)):
            if running and end > start:
                text, offsets = _read(self.source[start:end])
                found.append(_Piece(start, text, [start + offset for offset in offsets], joins and bool(found)))
                joins = True
            elif end > start and index not in self.inline:
                joins = False
        return found


def _read(raw: str) -> tuple[str, list[int]]:
    """The text of raw HTML text (character references decoded), with each character's raw offset."""
    text: list[str] = []
    offsets: list[int] = []
    position = 0
    for match in _REFERENCE.finditer(raw):
        for index in range(position, match.start()):
            text.append(raw[index])
            offsets.append(index)
        decoded = html.unescape(match.group(0))
        text += decoded
        offsets += [match.start()] * len(decoded)
        position = match.end()
    for index in range(position, len(raw)):
        text.append(raw[index])
        offsets.append(index)
    offsets.append(len(raw))
    return "".join(text), offsets


def first_uses(pieces: list[_Piece], glossary: Glossary, keys: WordKeys) -> list[tuple[_Piece, TermUse, Entry]]:
    """The first use of each entry's term in the pieces, no two overlapping, in reading order.

    A use that runs across inline formatting (`<em>rikoksista</em> irtautuminen`) is not
    linked, as its link would cross the tags, but it keeps its words from the shorter
    terms inside it; the entry's next use gets the link."""
    parts, starts, position = [], [], 0
    for piece in pieces:
        if parts and not piece.joins_previous:
            parts.append(_BETWEEN)
            position += len(_BETWEEN)
        starts.append(position)
        parts.append(piece.text)
        position += len(piece.text)
    joined = "".join(parts)
    text = Text(joined, keys)
    by_id = {entry.id: entry for entry in glossary.entries}
    uses = [
        (use, entry_id)
        for entry_id, wordings in term_wordings(glossary.entries, glossary.language, keys).items()
        for use in text.uses_any(wordings)
        if glossary.language != "en" or _is_the_term(use)
    ]
    chosen: list[tuple[_Piece, TermUse, Entry]] = []
    linked: set[str] = set()
    taken: list[TermUse] = []
    for use, entry_id in sorted(outermost_uses(uses), key=lambda pair: (pair[0].start, -pair[0].end)):
        if entry_id in linked or any(use.start < other.end and other.start < use.end for other in taken):
            continue
        index = bisect_right(starts, use.start) - 1
        piece = pieces[index]
        taken.append(use)
        if use.end > starts[index] + len(piece.text):
            continue
        local = TermUse(use.line, use.column, use.written, use.wording, use.start - starts[index], use.end - starts[index])
        linked.add(entry_id)
        chosen.append((piece, local, by_id[entry_id]))
    return chosen


def _is_the_term(use: TermUse) -> bool:
    """English words match by stem, and the stem of `meeting` is `meet`: the verb is not the
    term a reader would look up. A word of a linked use is at least as long as the
    wording's word less one letter (`meetings`, `assessment's`, but not `meet`, `disengage`)."""
    written = use.written.lower().split()
    wanted = use.wording.lower().split()
    return len(written) == len(wanted) and all(len(word) >= len(term) - 1 for word, term in zip(written, wanted))


def term_link(written_html: str, entry: Entry, glossary: Glossary) -> str:
    """The term as written, linked to its entry, with the entry's definition in a tooltip beside it."""
    tip = f"{TIP_ID}{entry.id}"
    hreflang = f' hreflang="{glossary.hreflang}"' if glossary.hreflang else ""
    definition = html.escape(entry.definitions[glossary.language], quote=False)
    return (
        f'<span class="{TERM_CLASS}">'
        f'<a class="{TERM_CLASS}__link" href="{html.escape(glossary.href)}#term-{entry.id}"{hreflang} aria-describedby="{tip}">{written_html}</a>'
        f'<span class="{TERM_CLASS}__tip" id="{tip}" role="tooltip" hidden data-pagefind-ignore>{definition}</span>'
        "</span>"
    )


def link_terms(content: str, glossary: Glossary, keys: WordKeys) -> str:
    """`content` with the first use of each of the glossary's terms in running text linked."""
    if not glossary.entries or not content:
        return content
    pieces = _RunningText(content).pieces()
    if not pieces:
        return content
    replacements = []
    for piece, use, entry in first_uses(pieces, glossary, keys):
        start, end = piece.raw_offsets[use.start], piece.raw_offsets[use.end]
        replacements.append((start, end, term_link(content[start:end], entry, glossary)))
    out, position = [], 0
    for start, end, replacement in sorted(replacements):
        out += [content[position:start], replacement]
        position = end
    out.append(content[position:])
    return "".join(out)
