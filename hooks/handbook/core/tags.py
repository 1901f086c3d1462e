"""One HTML tag changed where a marker says it is, without scanning every tag of a page.

Every page Material builds carries the whole navigation: at a thousand pages per
language, each page holds thousands of `<a>` tags, and a regular expression run over
the page tries each of them. The few tags a hook changes (the language switcher's
links, `hreflang` links, the head's alternate links) each contain a literal marker
(`hreflang="`, `md-select__link"`), so the page is searched for the marker with one
string search and the pattern is tried only at the tags that could hold it.
"""

from __future__ import annotations

import re
from collections.abc import Callable


def sub_tags_containing(text: str, marker: str, pattern: re.Pattern, replace: Callable[[re.Match], str]) -> str:
    """`pattern.sub(replace, text)` for a `pattern` that matches one whole tag, `<name ...>`,
    with no `>` inside it ( `[^>]*` ), and only ever where the tag contains `marker`.

    The same result as the full substitution: a match holds its marker, so it starts at
    a `<` after the last `>` before that marker; of those, the leftmost that matches (and
    reaches the marker) is the one a left-to-right substitution takes."""
    pieces: list[str] = []
    done = 0  # everything before this is decided
    position = text.find(marker)
    while position != -1:
        opening = text.find("<", max(done, text.rfind(">", 0, position) + 1), position)
        match = None
        while opening != -1:
            found = pattern.match(text, opening)
            if found is not None and found.end() > position:
                match = found
                break
            opening = text.find("<", opening + 1, position)
        if match is None:
            position = text.find(marker, position + 1)
            continue
        pieces += [text[done : match.start()], replace(match)]
        done = match.end()
        position = text.find(marker, done)
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)
