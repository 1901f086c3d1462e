"""What readers see of the translation track: the status table, the notice data and the
"(FI)" marker in the navigation. Pure functions over the engine's records and HTML text.
"""

from __future__ import annotations

import html
import posixpath
import re
from datetime import datetime
from pathlib import Path

import yaml

from handbook.translation.pins import UNTRANSLATED
from handbook.translation.track import PageStatus, Track

STATUS_MARKER = "<!-- translation-status -->"
# Reader-facing words live in handbook/words/, one file per concern, both languages side by side.
LABELS_FILE = Path(__file__).parents[1] / "words" / "translation.yml"


def load_labels() -> dict:
    with open(LABELS_FILE, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


# --- The status page


def _cell(text: str) -> str:
    """Table-safe text: no pipes, no Markdown or HTML surprises."""
    return html.escape(text, quote=False).replace("|", "\\|").replace("[", "\\[").replace("]", "\\]").replace("*", "\\*").replace("_", "\\_")


# What needs a translator first: pages readers get in Finnish, then pages whose structure
# no longer matches, then outdated ones (the longest outdated first), then the rest.
ATTENTION_ORDER = ("missing", "drifted", "outdated", "orphan", "unpinned", "draft", "translated")
# A mark beside each status's name in its badge, so statuses differ by more than words
# on a glance; screen readers skip it (the name says it all).
STATUS_MARKS = {"missing": "✗", "drifted": "≠", "outdated": "↻", "orphan": "?", "unpinned": "○", "draft": "✎", "translated": "✓"}


def attention_first(pages: list[PageStatus]) -> list[PageStatus]:
    rank = {status: index for index, status in enumerate(ATTENTION_ORDER)}
    return sorted(pages, key=lambda page: (rank.get(page.status, len(rank)), -(page.days_outdated or 0), page.path))


def status_badge(status: str, labels: dict) -> str:
    """The status as a badge (Material's tag style): its mark and its name in the page's language."""
    return f'<span class="md-tag handbook-status-badge" data-translation-status="{status}"><span aria-hidden="true">{STATUS_MARKS.get(status, "•")}</span> {html.escape(labels["statuses"][status])}</span>'


def status_table(track: Track, labels: dict, *, linkable: set[str], missing_terms: list | None = None) -> str:
    """Per translation language: the totals, the pages that need attention (most urgent
    first, with status badges), then every page in a Markdown table in the same order,
    then, when the term check ran (`missing_terms`, handbook.terms.MissingTerm), the English
    sections that lack their Finnish twin's glossary term. Pages in `linkable` (paths
    relative to the language folder that exist in this build) become links."""
    out: list[str] = []
    for language, lang_track in track.languages.items():
        statuses = labels["statuses"]
        pages = attention_first(lang_track.pages)
        summary = " · ".join(f"{statuses[status]} {count}" for status, count in lang_track.summary().items() if count)
        out.append(f"{labels['summary']} ({language}, {len(pages)}): {summary}. {track.generated:%Y-%m-%d}")
        out.append("")
        waiting = [page for page in pages if page.status != "translated"]
        if waiting:
            out.append(labels["attention"].format(count=len(waiting)))
            out.append("")
            out.extend(f"- {_attention_item(page, labels, linkable)}" for page in waiting)
        else:
            out.append(labels["all_current"])
        out.append("")
        out.append("| " + " | ".join(labels["columns"]) + " |")
        out.append("|" + "---|" * len(labels["columns"]))
        for page in pages:
            days = str(page.days_outdated) if page.days_outdated is not None else "–"
            sections = ", ".join(_cell(page.section_titles.get(key) or key) for key in page.changed_sections) or "–"
            out.append(f"| {_page_name(page, linkable)}<br>`{page.path}` | {statuses[page.status]} | {days} | {sections} | {_notes(page)} |")
        out.append("")
        if missing_terms is not None and language == TERMS_LANGUAGE:
            out.extend(missing_term_list(missing_terms, lang_track.pages, labels, linkable))
    return "\n".join(out)


# The term check compares each English section with its Finnish twin (handbook/terms/).
TERMS_LANGUAGE = "en"


def missing_term_list(missing_terms: list, pages: list[PageStatus], labels: dict, linkable: set[str]) -> list[str]:
    """The English sections that lack the glossary term their Finnish twin uses, by file and line."""
    words = labels["terms"]
    if not missing_terms:
        return [words["none"], ""]
    by_path = {page.path: page for page in pages}
    out = [words["title"].format(count=len(missing_terms)), ""]
    for record in sorted(missing_terms, key=lambda record: (record.path, record.line)):
        page = by_path.get(record.page)
        name = _page_name(page, linkable) if page else _cell(record.page)
        accepted = f" {words['or']} ".join(f'<span lang="en">{_cell(wording)}</span>' for wording in record.accepted)
        item = words["item"].format(
            section=f"`{record.section}`", written=f'<span lang="fi">{_cell(record.written)}</span>', source=f"`{record.source}`", accepted=accepted
        )
        out.append(f"- {name} · `{record.path}:{record.line}`: {item}")
    out.append("")
    return out


def _page_name(page: PageStatus, linkable: set[str]) -> str:
    title = _cell(page.title or page.path)
    return f"[{title}]({page.path})" if page.path in linkable else title


def _attention_item(page: PageStatus, labels: dict, linkable: set[str]) -> str:
    """`<badge> Title · path: 12 days; changed sections: A, B` for the list at the top."""
    details = []
    if page.days_outdated is not None:
        days = labels["days"]["one"] if page.days_outdated == 1 else labels["days"]["other"].format(days=page.days_outdated)
        details.append(days)
    if page.changed_sections:
        details.append(f"{labels['changed']}: " + ", ".join(_cell(page.section_titles.get(key) or key) for key in page.changed_sections))
    item = f"{status_badge(page.status, labels)} {_page_name(page, linkable)} · `{page.path}`"
    return item + (": " + "; ".join(details) if details else "")


def _notes(page: PageStatus) -> str:
    notes = [d.message for d in page.drift] + [e.message for e in page.errors]
    if page.suggestion:
        notes.append(f"→ {page.suggestion}")
    return "<br>".join(_cell(note) for note in notes) or "–"


def fill_status_page(markdown: str, table: str) -> str:
    if STATUS_MARKER in markdown:
        return markdown.replace(STATUS_MARKER, table, 1)
    return markdown.rstrip("\n") + "\n\n" + table


# --- Notices


def notice(page: PageStatus | None, *, fallback: bool, source_url: str, status_url: str | None, source_language: str = "fi") -> dict | None:
    """What the notice partial shows on a translated page, or None for no notice."""
    if fallback or (page is not None and page.status in UNTRANSLATED):
        return {"status": "missing", "source_url": source_url, "status_url": status_url}
    if page is not None and page.status == "outdated":
        return {
            "status": "outdated",
            "source_url": source_url,
            "status_url": status_url,
            "changed": _reader_date(page.changed) if page.changed else None,
            "changed_iso": page.changed.date().isoformat() if page.changed else None,
            "sections": [
                {"id": key, "title": page.section_titles.get(key) or key, "lang": source_language if key in page.source_titled else None}
                for key in page.changed_sections
            ],
        }
    if page is not None and page.status in ("unpinned", "drifted"):
        # Nobody vouches that the English matches the Finnish (no pin), or it is pinned but
        # lacks or adds something the Finnish has not (drift): readers are told either way.
        return {"status": page.status, "source_url": source_url, "status_url": status_url}
    return None


def _reader_date(when: datetime) -> str:
    return f"{when.day} {when:%B %Y}"


def wrap_source_language(content: str, language: str) -> str:
    """Untranslated text keeps its own language so screen readers pronounce it right."""
    return f'<div lang="{language}" data-translation-content="{language}">\n{content}\n</div>'


# --- Navigation


MARKER = '<span class="handbook-translation-marker" data-translation-status="missing"> (<abbr title="in Finnish only">FI</abbr>)</span>'
# The label runs to the first </span>; written out as "no `<` that starts `</span>`"
# rather than `.*?`, which tried `</span>` at every character of every label.
_UP_TO_SPAN_END = r"([^<]*(?:<(?!/span>)[^<]*)*)(</span>)"
NAV_LINK_RE = re.compile(r'(<a\b[^>]*?\bhref="([^"]*)"[^>]*?\bclass="md-nav__link[^"]*"[^>]*>\s*<span class="md-ellipsis">)' + _UP_TO_SPAN_END)
ACTIVE_LABEL_RE = re.compile(r'(<label class="md-nav__link md-nav__link--active" for="__toc">\s*<span class="md-ellipsis">)(.*?)(</span>)', re.DOTALL)
TOC_LIST_RE = re.compile(r'(<ul class="md-nav__list" data-md-component="toc")')


def _resolve(page_url: str, href: str) -> str | None:
    if re.match(r"^[a-z][a-z0-9+.-]*:|^/|^#", href):
        return None
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    joined = posixpath.normpath(posixpath.join(base or ".", href.split("#")[0] or "."))
    joined = "" if joined == "." else joined
    if href.endswith("/") or href in ("", "./", "."):
        joined = joined + "/" if joined else ""
    return joined


def mark_untranslated_navigation(output: str, page_url: str, untranslated: set[str], *, current: bool) -> str:
    """Append the "(FI)" marker to navigation links that lead to untranslated pages."""
    if not untranslated:
        return output
    # A large handbook's every page carries every page's link, most of them to translated
    # pages, so a link is first judged by its last segment, which `_resolve` keeps unless
    # it is empty, `.` or `..` (and an entity may hide anything): only the links that pass
    # are resolved.
    endings = {target.rstrip("/").rpartition("/")[2] for target in untranslated} | {"", ".", ".."}

    def link(match: re.Match) -> str:
        href = match.group(2)
        if "&" not in href and href.partition("#")[0].rstrip("/").rpartition("/")[2] not in endings:
            return match.group(0)
        target = _resolve(page_url, html.unescape(href))
        if target is None or target not in untranslated or "handbook-translation-marker" in match.group(3):
            return match.group(0)
        return match.group(1) + match.group(3).rstrip() + MARKER + match.group(4)

    output = NAV_LINK_RE.sub(link, output)
    if current:
        output = ACTIVE_LABEL_RE.sub(lambda m: m.group(1) + m.group(2).rstrip() + MARKER + m.group(3), output)
    return output


def mark_toc_language(output: str, language: str) -> str:
    """The table of contents of an untranslated page lists Finnish headings."""
    return TOC_LIST_RE.sub(rf'\1 lang="{language}"', output, count=1)
