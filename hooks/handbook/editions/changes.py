"""What changed in an edition since the previous one: pages added, removed and changed,
and in a changed page the sections (h2 and h3) that changed, as readers see them.

Pages are compared rendered (translation/rendering.py): a section whose rendered hash
differs has changed, so a rewrapped paragraph, another spelling of the same link or an
edited comment is no change. A section is an h2 or h3 heading with what follows it up to
the next h2 or h3 (its h4-h6 subsections included); what comes before the first of them
is the page's opening. Sections are matched by their explicit id (`{#goals}`), else by
their title. Pure functions; the hook (changes_hook.py) reads git and the pages.
"""

from __future__ import annotations

import hashlib
import posixpath
from dataclasses import dataclass, field

from handbook.translation.rendering import FOOTNOTES, RenderedPage

ADDED, REMOVED, CHANGED = "added", "removed", "changed"
KINDS = (CHANGED, ADDED, REMOVED)  # the order the page lists them in
OPENING = "_opening"

# What the page can say: a list, or why there is none.
COMPARED, FIRST_EDITION, NOT_AN_EDITION, NO_HISTORY, NOT_RECORDED = "compared", "first", "unpublished", "no-history", "not-recorded"


@dataclass(frozen=True)
class Section:
    """One h2/h3 section (or the opening, or the footnotes) of a rendered page."""

    key: str  # the explicit id, `title:<title>` without one, OPENING or FOOTNOTES
    anchor: str | None  # the id a link can point at (explicit ids only)
    title: str
    level: int
    hash: str


@dataclass(frozen=True)
class SectionChange:
    kind: str  # ADDED, REMOVED or CHANGED
    key: str
    anchor: str | None
    title: str


@dataclass(frozen=True)
class PageChange:
    kind: str  # ADDED, REMOVED or CHANGED
    path: str  # inside the language folder: `ohjelma/tavoitteet.md`
    title: str
    sections: tuple[SectionChange, ...] = ()


@dataclass(frozen=True)
class EditionChanges:
    state: str  # COMPARED, FIRST_EDITION, NOT_AN_EDITION, NO_HISTORY or NOT_RECORDED
    previous: str | None = None  # the previous edition's name
    previous_published: str | None = None  # its ISO date
    pages: dict[str, list[PageChange]] = field(default_factory=dict)  # per language


# --- Sections of a page


def page_title(page: RenderedPage, meta_title: object = None) -> str:
    """The title readers see: front matter `title`, else the first h1, else the file name."""
    if isinstance(meta_title, str) and meta_title.strip():
        return meta_title.strip()
    heading = next((s.title for s in page.sections if s.level == 1 and s.title), None)
    return heading or posixpath.basename(page.path)


def sections_of(page: RenderedPage) -> list[Section]:
    """The opening, every h2/h3 section with its subsections, and the footnotes, in order."""
    groups: list[tuple[str, str | None, str, int, list[str]]] = [(OPENING, None, "", 0, [])]
    seen: dict[str, int] = {}
    for section in page.sections:
        if section.key == FOOTNOTES:
            groups.append((FOOTNOTES, None, "", 0, [section.hash]))
        elif section.level in (2, 3):
            key = section.key if section.explicit_id else f"title:{section.title}"
            seen[key] = seen.get(key, 0) + 1
            if seen[key] > 1:
                key = f"{key}({seen[key]})"
            groups.append((key, section.key if section.explicit_id else None, section.title, section.level, [section.hash]))
        else:  # the text before the first heading, the h1, an h4-h6: part of the section above
            groups[-1 if groups[-1][0] != FOOTNOTES else 0][4].append(section.hash)
    return [
        Section(key, anchor, title, level, hashlib.sha256("\n".join(hashes).encode("utf-8")).hexdigest()[:16])
        for key, anchor, title, level, hashes in groups
        if hashes or key != OPENING
    ]


def section_changes(old: RenderedPage, new: RenderedPage) -> tuple[SectionChange, ...]:
    """The sections of `new` that are new or differ from `old`, then those `new` lacks."""
    before = {section.key: section for section in sections_of(old)}
    after = sections_of(new)
    found = []
    for section in after:
        earlier = before.get(section.key)
        if earlier is None:
            found.append(SectionChange(ADDED, section.key, section.anchor, section.title))
        elif earlier.hash != section.hash:
            found.append(SectionChange(CHANGED, section.key, section.anchor, section.title))
    kept = {section.key for section in after}
    found += [SectionChange(REMOVED, s.key, None, s.title) for s in before.values() if s.key not in kept]
    return tuple(found)


def page_change(path: str, old: RenderedPage | None, new: RenderedPage | None, old_title: str = "", new_title: str = "") -> PageChange | None:
    """How one page changed between the editions; None when readers see the same page."""
    if old is None and new is None:
        return None
    if old is None:
        return PageChange(ADDED, path, new_title)
    if new is None:
        return PageChange(REMOVED, path, old_title)
    if old.hash == new.hash:
        return None
    return PageChange(CHANGED, path, new_title, section_changes(old, new))


def ordered(changes: list[PageChange]) -> list[PageChange]:
    return sorted(changes, key=lambda change: (KINDS.index(change.kind), change.path))


# --- The list, in the reader's words


def _escape(text: str) -> str:
    """A title as Markdown link text: nothing in it may become markup."""
    return "".join("\\" + char if char in "\\`*_[]<>#|" else char for char in text)


def _link(title: str, target: str | None) -> str:
    return f"[{_escape(title)}]({target})" if target else _escape(title)


def changes_markdown(changes: EditionChanges, language: str, words: dict, *, here: str, linkable: set[str], published: str | None) -> str:
    """The Markdown that replaces the changes page's marker.

    `here` is the changes page's path in its language folder (links are made relative to
    it), `linkable` the pages of this language the build has, `published` the previous
    edition's date as the reader writes dates.
    """
    if changes.state != COMPARED:
        return words["states"][changes.state].format(previous=changes.previous or "") + "\n"
    since = words["since_dated" if published else "since"].format(previous=changes.previous, date=published)
    pages = ordered(changes.pages.get(language, []))
    out = [since, ""]
    if not pages:
        out.append(words["nothing_changed"].format(previous=changes.previous))
        return "\n".join(out) + "\n"
    folder = posixpath.dirname(here)
    for kind in KINDS:
        listed = [change for change in pages if change.kind == kind]
        if not listed:
            continue
        out += [f"## {words['headings'][kind]} {{#pages-{kind}}}", ""]
        for change in listed:
            target = posixpath.relpath(change.path, folder or ".") if change.kind != REMOVED and change.path in linkable else None
            out.append(f"- {_link(change.title or change.path, target)} (`{change.path}`)")
            for section in change.sections:
                title = section.title or words["parts"].get(section.key, section.key)
                anchor = f"{target}#{section.anchor}" if target and section.anchor and section.kind != REMOVED else None
                out.append(f"    - {words['sections'][section.kind]}: {_link(title, anchor)}")
        out.append("")
    return "\n".join(out)
