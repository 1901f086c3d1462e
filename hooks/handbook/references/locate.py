"""Where in the source a rendered link, id or reference came from: `path:line:column`.

Python-Markdown keeps no source positions, so each rendered item is found again in the
text MkDocs rendered (the page file with its snippets expanded): the n-th rendered link
to `muu.md` is the n-th place in the source that writes `muu.md` as a link. The search
only locates; what counts as a link was decided by the rendering. When the source
writes the same URL in more places than the page renders (one in a code block, one
in a comment, one for real), the page is rendered once more with each of those places
replaced by a token, and only the places whose token comes out as a link count.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from handbook.references.collect import RenderedLink, Rendering
from handbook.references.pages import Origin

_ASCII_PUNCTUATION = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_URL_ATTRIBUTE_BEFORE = re.compile(r"([A-Za-z][\w:-]*)\s*=\s*[\"']?[^\"'<>=]*$")
_URL_AFTER = set(")> \t\n\"',")
_TOKEN = re.compile(r"hbsite(\d+)x")


@dataclass(frozen=True)
class Position:
    path: str
    line: int = 0  # 0: the whole file
    column: int = 0
    via: str = ""  # "docs/fi/x.md:7" when the text came from a snippet included there


@dataclass(frozen=True)
class _Site:
    start: int  # where the finding points: the `[`, `!`, `<` or attribute name
    needle: tuple[int, int]  # the URL itself


@lru_cache(maxsize=1024)
def _needle(text: str) -> re.Pattern:
    """`text` as written in Markdown or HTML: punctuation may be backslash-escaped, `&` may be `&amp;`."""
    parts = []
    for char in text:
        if char == "&":
            parts.append(r"(?:&amp;|&#38;|&)")
        elif char in _ASCII_PUNCTUATION:
            parts.append(r"\\?" + re.escape(char))
        elif char.isspace():
            parts.append(r"\s+")
        else:
            parts.append(re.escape(char))
    return re.compile("".join(parts))


class SourceMap:
    """One page's source, searched for what its rendering contains."""

    def __init__(self, text: str, shown: str, origins: list[Origin] | None = None, render: Callable[[str], Rendering | None] | None = None) -> None:
        self.text = text
        self.shown = shown
        self.origins = origins
        self.render = render
        self._starts: list[int] | None = None
        self._cache: dict[tuple, list[_Site]] = {}

    @property
    def starts(self) -> list[int]:
        """Offsets where lines start; only computed for a page that has something to report."""
        if self._starts is None:
            starts, index = [0], self.text.find("\n")
            while index != -1:
                starts.append(index + 1)
                index = self.text.find("\n", index + 1)
            self._starts = starts
        return self._starts

    # --- Offsets to positions

    def position(self, offset: int) -> Position:
        line = bisect_right(self.starts, offset)
        column = offset - self.starts[line - 1] + 1
        if self.origins is None or not 0 < line <= len(self.origins):
            return Position(self.shown, line, column)
        origin = self.origins[line - 1]
        return Position(origin.path, origin.line, max(1, column - origin.indent), origin.via)

    def whole_file(self) -> Position:
        return Position(self.shown)

    # --- Links

    def link(self, rendering: Rendering, index: int) -> Position:
        """Where the `index`-th link of `rendering` is written."""
        link = rendering.links[index]
        if link.label:
            return self.definition(link.label)
        same = [other for other in rendering.links if _link_key(other) == _link_key(link)]
        ordinal = sum(1 for other in rendering.links[:index] if _link_key(other) == _link_key(link))
        sites = self._link_sites(link)
        if len(sites) > len(same):
            sites = self._rendered_sites(_link_key(link), sites)
        if ordinal < len(sites):
            return self.position(sites[ordinal].start)
        return self.position(sites[-1].start) if sites else self.whole_file()

    def _link_sites(self, link: RenderedLink) -> list[_Site]:
        key = _link_key(link)
        if key not in self._cache:
            needle = link.written if link.markdown else link.url
            found = []
            for match in _needle(needle).finditer(self.text) if needle else ():
                start, end = match.span()
                if end < len(self.text) and self.text[end] not in _URL_AFTER:
                    continue  # only the start of a longer URL
                site = self._markdown_site(start, end) if link.markdown else self._html_site(start)
                if site is not None:
                    found.append(_Site(site, (start, end)))
            self._cache[key] = found
        return self._cache[key]

    def _markdown_site(self, start: int, end: int) -> int | None:
        """The start of `[text](url)` / `![alt](url)` / `<url>` whose URL is at `start`."""
        text = self.text
        index = start
        while index and text[index - 1] in " \t\n":
            index -= 1
        angle = index and text[index - 1] == "<"
        if angle:
            index -= 1
            while index and text[index - 1] in " \t\n":
                index -= 1
        if index >= 2 and text[index - 1] == "(" and text[index - 2] == "]":
            opening = _opening_bracket(text, index - 2)
            if opening is not None:
                return opening - 1 if opening and text[opening - 1] == "!" else opening
        if start and text[start - 1] == "<" and text.startswith(">", end):
            return start - 1  # an autolink <https://...>
        return None

    def _html_site(self, start: int) -> int | None:
        text = self.text
        tag = text.rfind("<", max(0, start - 2000), start)
        if tag == -1:
            return None
        match = _URL_ATTRIBUTE_BEFORE.search(text, tag, start)
        if match is None or match.end() != start:
            return None
        return match.start(1)

    def _rendered_sites(self, key: tuple, sites: list[_Site]) -> list[_Site]:
        """The sites that render as links: the page rendered again with each one replaced by a token."""
        if self.render is None:
            return sites
        pieces, last = [], 0
        for number, site in enumerate(sites):
            pieces += [self.text[last : site.needle[0]], f"hbsite{number}x"]
            last = site.needle[1]
        rendering = self.render("".join(pieces) + self.text[last:])
        if rendering is None:
            return sites
        seen = {int(found) for link in rendering.links if link.markdown == key[0] for found in _TOKEN.findall(link.written)}
        kept = [site for number, site in enumerate(sites) if number in seen]
        return kept or sites

    # --- References

    def definition(self, label: str) -> Position:
        words = [re.escape(word) for word in label.split()]
        pattern = re.compile(r"^[ ]{0,3}(\[)" + r"\s+".join(words) + r"\]:", re.IGNORECASE | re.MULTILINE)
        match = pattern.search(self.text) if words else None
        return self.position(match.start(1)) if match else self.whole_file()

    def written(self, literal: str, ordinal: int) -> Position:
        """The `ordinal`-th place that writes `literal` (an undefined `[text][label]`)."""
        if "\x02" in literal:  # inline placeholders: find the label part only
            literal = literal[literal.rfind("[") :]
        matches = list(_needle(literal).finditer(self.text))
        if ordinal < len(matches):
            return self.position(matches[ordinal].start())
        return self.whole_file()

    # --- Ids

    def element_id(self, element_id: str, name_only: bool, explicit: bool, heading: str, ordinal: int) -> Position:
        """Where the `ordinal`-th literal `{#id}` / `id="id"` (or, for a toc slug, the heading) is written."""
        if not explicit:
            return self._heading(heading)
        sites = self._id_sites(element_id, name_only)
        return self.position(sites[ordinal]) if ordinal < len(sites) else self.whole_file()

    def _id_sites(self, element_id: str, name_only: bool) -> list[int]:
        key = ("id", element_id, name_only)
        if key not in self._cache:
            escaped = re.escape(element_id)
            attribute = "name" if name_only else "id"
            html = re.compile(r"\b" + attribute + r"\s*=\s*([\"']?)" + escaped + r"\1(?=[\s/>\"'])")
            sites = [match.start() for match in html.finditer(self.text)]
            if not name_only:
                braces = re.compile(r"\{[^{}\n]*?#" + escaped + r"(?=[\s}])[^{}\n]*\}")
                for match in braces.finditer(self.text):
                    line_start = self.starts[bisect_right(self.starts, match.start()) - 1]
                    line = self.text[line_start : match.start()]
                    sites.append(line_start + len(line) - len(line.lstrip()) if line.lstrip().startswith("#") else match.start())
            self._cache[key] = sorted(sites)  # type: ignore[assignment]
        return self._cache[key]  # type: ignore[return-value]

    def _heading(self, heading: str) -> Position:
        words = heading.split()
        if words:
            pattern = re.compile(r"^[ ]{0,3}#{1,6}[ \t]+.*?" + re.escape(words[0]), re.MULTILINE)
            match = pattern.search(self.text)
            if match:
                return self.position(match.start() + len(match.group(0)) - len(match.group(0).lstrip()))
        return self.whole_file()


def _link_key(link: RenderedLink) -> tuple:
    return (link.markdown, link.label, link.written if link.markdown else link.url)


def _opening_bracket(text: str, closing: int) -> int | None:
    """The `[` that opens the link text ending at `closing` (a `]`), brackets nested."""
    depth = 0
    for index in range(closing, max(-1, closing - 3000), -1):
        char = text[index]
        if index and text[index - 1] == "\\":
            continue
        if char == "]":
            depth += 1
        elif char == "[":
            depth -= 1
            if depth == 0:
                return index
    return None
