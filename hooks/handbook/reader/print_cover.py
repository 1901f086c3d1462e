"""The front of the printable whole handbook: its cover sheet and its table of contents.
Pure functions; the hook (print_hook.py) gathers the facts, the words come from
words/print.yml and dates.yml.

The cover is for paper only (hidden on screen, and so from screen readers too: display
none). The table of contents serves both: on screen it leads to the chapters of the long
page, on paper it fills its own sheets after the cover. Chromium cannot print page
numbers of link targets (no target-counter), so the printed contents list titles only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from html import escape

from handbook.reader.dates import format_date

# The id of the contents' heading on the print page (chapter ids all start "luku-").
CONTENTS_ID = "handbook-contents"


@dataclass(frozen=True)
class Cover:
    handbook: str  # site_name of the page's language
    edition: str | None  # None: the working version
    built: date
    url: str | None  # the handbook's permanent address in this language; None without site_url
    organisation: str | None = None


@dataclass(frozen=True)
class ContentsEntry:
    """One line of the contents: a chapter, or a navigation section holding chapters."""

    title: str
    anchor: str | None = None  # the chapter's id on the print page; None: a section without a page of its own
    language: str | None = None  # set when the title's language differs from the page's
    children: tuple[ContentsEntry, ...] = field(default_factory=tuple)


def build_date(environ: dict[str, str], today: date) -> date:
    """The day of the build: SOURCE_DATE_EPOCH when set (a reproducible build), else today."""
    stamp = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if stamp.isdigit():
        return datetime.fromtimestamp(int(stamp), tz=UTC).date()
    return today


def cover_html(cover: Cover, words: dict, date_words: dict) -> str:
    """The cover sheet: the handbook, its edition, the day it was built and its address."""
    edition = words["edition"].format(edition=cover.edition) if cover.edition else words["working_version"]
    built = format_date(datetime(cover.built.year, cover.built.month, cover.built.day), date_words)
    before, _, after = words["built"].partition("{date}")
    lines = [f'<p class="handbook-cover__title">{escape(cover.handbook)}</p>']
    if cover.organisation:
        lines.append(f'<p class="handbook-cover__organisation">{escape(cover.organisation)}</p>')
    lines.append(f'<p class="handbook-cover__edition">{escape(edition)}</p>')
    lines.append(f'<p class="handbook-cover__date">{escape(before)}<time datetime="{cover.built.isoformat()}">{escape(built)}</time>{escape(after)}</p>')
    if cover.url:
        lines.append(f'<p class="handbook-cover__address">{escape(words["address"])} <span class="handbook-cover__url">{escape(cover.url)}</span></p>')
    body = "\n".join("  " + line for line in lines)
    return f'<section class="handbook-print-only handbook-cover">\n{body}\n</section>'


def contents_html(entries: list[ContentsEntry], words: dict) -> str:
    """The table of contents: every chapter in navigation order, nested by sections."""
    heading = f'<h2 id="{CONTENTS_ID}" class="handbook-contents__title">{escape(words["contents"])}</h2>'
    return f'<nav class="handbook-contents" aria-labelledby="{CONTENTS_ID}">\n{heading}\n{_entries_html(entries)}\n</nav>'


def _entries_html(entries: tuple[ContentsEntry, ...] | list[ContentsEntry]) -> str:
    return "<ol>" + "".join(_entry_html(entry) for entry in entries) + "</ol>"


def _entry_html(entry: ContentsEntry) -> str:
    language = f' lang="{escape(entry.language)}"' if entry.language else ""
    title = escape(entry.title)
    line = f'<a href="#{escape(entry.anchor)}"{language}>{title}</a>' if entry.anchor else f"<span{language}>{title}</span>"
    children = _entries_html(entry.children) if entry.children else ""
    return f"<li>{line}{children}</li>"


def chapter_anchors(entries: list[ContentsEntry] | tuple[ContentsEntry, ...]) -> list[str]:
    """The chapters the contents lead to, in order (to compare with the chapters printed)."""
    return [anchor for entry in entries for anchor in ([entry.anchor] if entry.anchor else []) + chapter_anchors(entry.children)]
