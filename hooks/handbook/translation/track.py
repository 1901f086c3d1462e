"""The translation track: the status of every page of every translation language."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from handbook.core import Finding, relative_to_root
from handbook.document.source import (
    TranslationInputError,
    parse_document,
    read_document,
)
from handbook.translation.drift import Drift, compare_structure
from handbook.translation.history import SourceHistory, source_change
from handbook.translation.pins import DRAFT_KEY, STATUSES, Pin, is_draft, read_pin
from handbook.translation.sections import (
    Section,
    document_hash,
    section_hashes,
    split_sections,
)

# --- The track


@dataclass
class PageStatus:
    path: str  # relative to the language folder, e.g. teoria/desistanssi.md
    status: str
    source: str | None  # docs/fi/... (project-relative) when it exists
    translation: str | None
    line: int = 0  # where the status applies in the translation
    changed_sections: list[str] = field(default_factory=list)
    section_titles: dict[str, str] = field(default_factory=dict)
    source_titled: set[str] = field(default_factory=set)  # sections titled in the source language
    changed: datetime | None = None
    date_evidence: str | None = None
    days_outdated: int | None = None
    drift: list[Drift] = field(default_factory=list)
    suggestion: str | None = None
    twin: str | None = None  # where the absent file of a missing or orphan page would be
    title: str | None = None  # the page's first heading, in the translation when there is one
    errors: list[Finding] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "path": self.path,
            "title": self.title,
            "status": self.status,
            "source": self.source,
            "translation": self.translation,
            "sections": self.changed_sections,
            "changed": self.changed.isoformat(timespec="seconds") if self.changed else None,
            "changed_from": self.date_evidence,
            "days_outdated": self.days_outdated,
            "drift": [{"section": d.section, "line": d.line, "message": d.message} for d in self.drift],
            "suggestion": self.suggestion,
            "errors": [e.format() for e in self.errors],
        }


@dataclass
class LanguageTrack:
    language: str
    pages: list[PageStatus]

    def summary(self) -> dict[str, int]:
        counts = {status: 0 for status in STATUSES}
        for page in self.pages:
            counts[page.status] += 1
        return counts

    def page(self, path: str) -> PageStatus | None:
        return next((p for p in self.pages if p.path == path), None)


@dataclass
class Track:
    source_language: str
    generated: datetime
    languages: dict[str, LanguageTrack]

    def as_json(self) -> dict:
        return {
            "source": self.source_language,
            "generated": self.generated.isoformat(timespec="seconds"),
            "languages": {
                lang: {"summary": track.summary(), "pages": [p.as_json() for p in track.pages]}
                for lang, track in self.languages.items()
            },
        }


def markdown_pages(folder: Path) -> dict[str, Path]:
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*.md")) if p.is_file()}


def translation_languages(docs_dir: Path, source_language: str) -> list[str]:
    """Every language folder beside the source that holds pages."""
    return sorted(p.name for p in docs_dir.iterdir() if p.is_dir() and p.name != source_language and any(p.rglob("*.md"))) if docs_dir.is_dir() else []


def build_track(
    root: Path,
    docs_dir: Path,
    source_language: str = "fi",
    languages: Iterable[str] | None = None,
    *,
    now: datetime | None = None,
    history: SourceHistory | None = None,
) -> Track:
    now = now or datetime.now(UTC)
    history = history if history is not None else SourceHistory(root)
    sources = markdown_pages(docs_dir / source_language)
    tracks = {}
    for language in languages if languages is not None else translation_languages(docs_dir, source_language):
        translations = markdown_pages(docs_dir / language)
        pages = [
            _page_status(root, rel, sources.get(rel), translations.get(rel), sources, translations, now, history, (docs_dir / source_language, docs_dir / language))
            for rel in sorted(set(sources) | set(translations))
        ]
        tracks[language] = LanguageTrack(language, pages)
    return Track(source_language, now, tracks)


def _page_status(root, rel, source_path, translation_path, sources, translations, now, history, twins) -> PageStatus:
    shown_source = relative_to_root(source_path, root) if source_path else None
    shown_translation = relative_to_root(translation_path, root) if translation_path else None
    page = PageStatus(rel, "missing", shown_source, shown_translation)
    if translation_path is None:
        page.twin = relative_to_root(twins[1] / rel, root)
        page.title = _title(source_path, root)
        return page
    if source_path is None:
        page.status = "orphan"
        page.twin = relative_to_root(twins[0] / rel, root)
        page.title = _title(translation_path, root)
        page.suggestion = _renamed_source(root, rel, translation_path, sources, translations)
        return page
    try:
        source = read_document(source_path, root)
        translation = read_document(translation_path, root)
        page.errors.extend(source.problems + translation.problems)
        pin = read_pin(translation)
    except TranslationInputError as error:
        # Unreadable input is reported; the page counts as not known to be current.
        page.status = "unpinned"
        page.errors.append(error.finding)
        return page
    if is_draft(translation):
        page.status = "draft"
        page.title = _first_title(split_sections(source))
        page.line = translation.key_lines.get(DRAFT_KEY, 0)
        return page
    current = split_sections(source)
    translated_titles = {s.key: s.title for s in split_sections(translation)}
    page.title = _first_title(split_sections(translation)) or _first_title(current)
    page.section_titles = {s.key: translated_titles.get(s.key) or s.title for s in current}
    page.source_titled = {s.key for s in current if not translated_titles.get(s.key)}
    page.line = pin.line
    drift = compare_structure(source, translation)
    if pin.source_hash is None:
        page.status = "unpinned"
    elif pin.source_hash != document_hash(source):
        page.status = "outdated"
        page.changed_sections = _changed_sections(current, pin, source_path, history)
        change = source_change(source_path, pin.source_hash, history)
        page.changed, page.date_evidence = change.when, change.evidence
        page.days_outdated = max(0, (now - change.when).days)
        # A changed source section is expected to differ until it is translated again.
        drift = [d for d in drift if d.section not in page.changed_sections]
    else:
        page.status = "translated"
    page.drift = drift
    if drift and page.status in ("translated", "unpinned"):
        page.status = "drifted"
    return page


def _first_title(sections: list[Section]) -> str | None:
    return next((s.title for s in sections if s.level == 1), None)


def _title(path: Path, root: Path) -> str | None:
    try:
        return _first_title(split_sections(read_document(path, root)))
    except TranslationInputError:
        return None


def _changed_sections(current: list[Section], pin: Pin, source_path: Path, history: SourceHistory | None) -> list[str]:
    """Section keys whose text changed since the pin: from the pin's section hashes, else git."""
    pinned = pin.sections
    if not pinned and history is not None:
        revision = next((r for r in history.revisions(source_path) if r.hash == pin.source_hash), None)
        if revision is not None:
            pinned = section_hashes(parse_document(revision.text, source_path.name))
    if not pinned:
        return [s.key for s in current]
    keys = [s.key for s in current if pinned.get(s.key) != s.hash]
    keys.extend(k for k in pinned if k not in {s.key for s in current})  # removed sections
    return keys


def _renamed_source(root, rel, translation_path, sources, translations) -> str | None:
    """The Finnish page this orphan most likely translates: one without a twin of its own,
    sharing heading ids and a similar name."""
    try:
        orphan_ids = {s.key for s in split_sections(read_document(translation_path, root)) if s.explicit_id}
    except TranslationInputError:
        orphan_ids = set()
    best, best_score = None, 0.0
    for candidate, path in sources.items():
        if candidate in translations:
            continue
        try:
            ids = {s.key for s in split_sections(read_document(path, root)) if s.explicit_id}
        except TranslationInputError:
            ids = set()
        shared = len(orphan_ids & ids) / len(orphan_ids | ids) if orphan_ids | ids else 0.0
        name = difflib.SequenceMatcher(None, rel, candidate).ratio()
        score = 0.7 * shared + 0.3 * name
        if score > best_score:
            best, best_score = candidate, score
    return relative_to_root(sources[best], root) if best and best_score >= 0.3 else None
