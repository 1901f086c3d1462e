"""The translation track: the status of every page of every translation language."""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from handbook.core import Finding, relative_to_root
from handbook.core.kept import key_of
from handbook.document.source import Document, TranslationInputError, read_document
from handbook.translation.drift import MAJOR, MINOR, Drift, compare_structure
from handbook.translation.drift import severity as drift_severity
from handbook.translation.history import SourceHistory, source_change
from handbook.translation.legacy import legacy_document_hash
from handbook.translation.pins import DRAFT_KEY, HASH_KEY, SECTIONS_KEY, STATUSES, Pin, is_draft, read_pin
from handbook.translation.rendering import RenderedPage, RenderedSection, Renderer
from handbook.translation.sections import split_sections

MIGRATE_COMMAND = "handbook translations migrate"

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
    section_changes: dict[str, str] = field(default_factory=dict)  # changed section -> what changed
    severity: str | None = None  # minor (a renamed heading, a number) or major (text, blocks)
    pin_problem: str | None = None  # why the pin is not trusted: the page counts as outdated
    pinned_hash: str | None = None  # the Finnish text the page is judged against (from git for a broken pin)

    def as_json(self) -> dict:
        return {
            "path": self.path,
            "title": self.title,
            "status": self.status,
            "source": self.source,
            "translation": self.translation,
            "sections": self.changed_sections,
            "section_changes": self.section_changes,
            "severity": self.severity,
            "pin_problem": self.pin_problem,
            "changed": self.changed.isoformat(timespec="seconds") if self.changed else None,
            "changed_from": self.date_evidence,
            "days_outdated": self.days_outdated,
            "drift": [{"section": d.section, "line": d.line, "message": d.message, "severity": d.severity} for d in self.drift],
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
    renderer: Renderer | None = None,
) -> Track:
    """Every page's status. `renderer`: the site's Markdown (markdown_config.py); by default
    the mkdocs.yml in `root`."""
    now = now or datetime.now(UTC)
    if renderer is None:
        from handbook.translation.markdown_config import renderer_for_project

        renderer = renderer_for_project(root)
    history = history if history is not None else SourceHistory(root, renderer)
    if history.renderer is None:
        history.renderer = renderer
    sources = markdown_pages(docs_dir / source_language)
    tracks = {}
    for language in languages if languages is not None else translation_languages(docs_dir, source_language):
        translations = markdown_pages(docs_dir / language)
        context = _Context(root, now, history, renderer, (docs_dir / source_language, docs_dir / language), source_language, language)
        pages = [_page_status(context, rel, sources.get(rel), translations.get(rel), sources, translations) for rel in sorted(set(sources) | set(translations))]
        tracks[language] = LanguageTrack(language, pages)
    return Track(source_language, now, tracks)


@dataclass
class _Context:
    root: Path
    now: datetime
    history: SourceHistory
    renderer: Renderer
    folders: tuple[Path, Path]
    source_language: str
    language: str


def read_pair(context: _Context, rel: str, source_path: Path, translation_path: Path):
    """Both documents and their rendered pages, or `TranslationInputError` with the first bad line."""
    source = read_document(source_path, context.root)
    translation = read_document(translation_path, context.root)
    problems = list(source.problems) + list(translation.problems)
    for document in (source, translation):
        if not document.text.strip():
            problems.append(Finding(document.path, 1, message="the page is empty (no text, no front matter)", kind="input"))
    rendered_source = context.renderer.page(source, rel)
    rendered_translation = context.renderer.page(translation, rel, f"{context.language}/")
    return source, translation, rendered_source, rendered_translation, problems


def _page_status(context: _Context, rel, source_path, translation_path, sources, translations) -> PageStatus:
    root = context.root
    shown_source = relative_to_root(source_path, root) if source_path else None
    shown_translation = relative_to_root(translation_path, root) if translation_path else None
    page = PageStatus(rel, "missing", shown_source, shown_translation)
    if translation_path is None:
        page.twin = relative_to_root(context.folders[1] / rel, root)
        page.title = _title(source_path, root)
        return page
    if source_path is None:
        page.status = "orphan"
        page.twin = relative_to_root(context.folders[0] / rel, root)
        page.title = _title(translation_path, root)
        page.suggestion = _renamed_source(root, rel, translation_path, sources, translations)
        return page
    try:
        source, translation, current, translated, problems = read_pair(context, rel, source_path, translation_path)
    except TranslationInputError as error:
        # Unreadable input is reported; the page counts as not known to be current.
        page.status = "unpinned"
        page.errors.append(located(error.finding))
        return page
    page.errors.extend(located(problem) for problem in problems)
    pin = read_pin(translation)
    if is_draft(translation):
        page.status = "draft"
        page.title = _first_title(current.sections)
        page.line = translation.key_lines.get(DRAFT_KEY, 0)
        return page
    translated_titles = {s.key: s.title for s in translated.sections}
    page.title = _first_title(translated.sections) or _first_title(current.sections)
    page.section_titles = {s.key: translated_titles.get(s.key) or s.title for s in current.sections}
    page.source_titled = {s.key for s in current.sections if not translated_titles.get(s.key)}
    page.line = pin.line
    pin = _trusted_pin(context, page, pin, source, current, translation_path)
    drift = _structure_differences(context, current, translated, pin.accepted if pin else None)
    if pin is None:
        page.status = "unpinned"
    elif page.pin_problem is None and pin.source_hash == current.hash:
        page.status = "translated"
    else:
        page.status = "outdated"
        page.pinned_hash = pin.source_hash
        change = source_change(source_path, rel, pin.source_hash, context.history)
        page.changed, page.date_evidence = change.when, change.evidence
        page.days_outdated = max(0, (context.now - change.when).days)
        page.section_changes = changed_sections(current, pin, source_path, rel, context.history)
        page.changed_sections = list(page.section_changes)
        page.severity = MINOR if page.section_changes and all(n == "heading renamed" for n in page.section_changes.values()) else MAJOR
        # A changed source section is expected to differ until it is translated again.
        drift = [d for d in drift if d.section not in page.section_changes]
    page.drift = drift
    if drift and page.status in ("translated", "unpinned"):
        page.status = "drifted"
        page.severity = drift_severity(drift)
    return page


def _structure_differences(context: _Context, current: RenderedPage, translated: RenderedPage, accepted) -> list[Drift]:
    """compare_structure, kept with the rendered pages between runs: a pure function of the
    two pages (what readers see of each section, and where it is in its file, for the
    messages), the languages and what the translator accepted."""
    cache = context.renderer.cache
    key = None
    if cache is not None:
        signature = [
            [page.path, section.key, section.level, section.title, section.line, section.explicit_id, repr(section.blocks)]
            for page in (current, translated)
            for section in page.sections
        ]
        key = key_of("structure", context.source_language, context.language, repr(accepted), signature)
        found = cache.get(key)
        if found is not None:
            return list(found)
    drift = compare_structure(current, translated, source_language=context.source_language, language=context.language, accepted=accepted)
    if key is not None:
        cache.put(key, tuple(drift))
    return drift


def _trusted_pin(context: _Context, page: PageStatus, pin: Pin, source: Document, current: RenderedPage, translation_path: Path) -> Pin | None:
    """The pin to judge the page by. A pin that was removed, flattened or corrupted after it
    was pinned never counts as current: the page is outdated against the last good pin in
    git (or against nothing), so editing the English file alone never clears a flag."""
    if pin.problem is None and pin.source_hash is not None:
        if pin.source_hash != current.hash and legacy_document_hash(source) == pin.source_hash:
            page.pin_problem = f"pinned in the former pin format; `{MIGRATE_COMMAND}` re-pins it"
        elif pin.source_hash == current.hash and pin.sections != current.section_hashes():
            page.pin_problem = f"{SECTIONS_KEY} do not belong to {HASH_KEY} (the pin was edited by hand)"
            page.line = pin.line
        return pin
    earlier = context.history.last_good_pin(translation_path)
    if pin.problem is None and earlier is None:
        return None  # never pinned: unpinned
    if pin.problem is not None:
        page.pin_problem = pin.problem
        page.line = pin.problem_line or pin.line
    else:
        page.pin_problem = f"the pin was removed (it was there in commit {earlier[0].commit[:12]})"
    if earlier is not None:
        recovered = earlier[1]
        return Pin(recovered.source_hash, recovered.sections, page.line, pin.accepted or recovered.accepted)
    return Pin(None, {}, page.line, pin.accepted)


def located(finding: Finding) -> Finding:
    """A problem of a whole file points at its first line, so every line reads `path:line: message`."""
    return finding if finding.line else dataclasses.replace(finding, line=1)


def _first_title(sections) -> str | None:
    return next((s.title for s in sections if s.level == 1), None)


def _title(path: Path, root: Path) -> str | None:
    try:
        return _first_title(split_sections(read_document(path, root)))
    except TranslationInputError:
        return None


def changed_sections(current: RenderedPage, pin: Pin, source_path: Path, page: str, history: SourceHistory | None) -> dict[str, str]:
    """Sections whose rendered text changed since the pin, with what changed in each: from the
    pinned revision in git when there is one, else from the pin's section hashes."""
    pinned: RenderedPage | None = None
    if history is not None and pin.source_hash:
        index = history.pinned_index(source_path, page, pin.source_hash)
        if index is not None and history.renderer is not None:
            try:
                pinned = history.renderer.page(history.revisions(source_path)[index].document(), page)
            except TranslationInputError:
                pinned = None
    if pinned is not None:
        return section_changes(pinned, current)
    if not pin.sections or not pin.source_hash:
        return {s.key: "changed" for s in current.sections}
    found = {s.key: ("changed" if s.key in pin.sections else "new section") for s in current.sections if pin.sections.get(s.key) != s.hash}
    found.update({k: "removed" for k in pin.sections if current.section(k) is None})
    return found or {s.key: "changed" for s in current.sections}


def section_changes(before: RenderedPage, after: RenderedPage) -> dict[str, str]:
    """What changed in each section between two renderings: a renamed heading, text, blocks,
    a new, removed or moved section."""
    old = {s.key: s for s in before.sections}
    new = {s.key: s for s in after.sections}
    found: dict[str, str] = {}
    for section in after.sections:
        earlier = old.get(section.key)
        if earlier is None:
            found[section.key] = "new section"
        elif earlier.hash != section.hash:
            found[section.key] = _nature(earlier, section)
    found.update({key: "removed" for key in old if key not in new})
    common_old = [s.key for s in before.sections if s.key in new]
    common_new = [s.key for s in after.sections if s.key in old]
    if common_old != common_new:
        matcher = difflib.SequenceMatcher(None, common_old, common_new, autojunk=False)
        kept = {common_new[j + k] for i, j, size in matcher.get_matching_blocks() for k in range(size)}
        for key in common_new:
            if key not in kept:
                found[key] = "moved" if key not in found else f"moved, {found[key]}"
    return found


def _nature(before: RenderedSection, after: RenderedSection) -> str:
    if before.signature[1:] == after.signature[1:]:
        return "heading renamed"
    if sorted(before.signature[1:]) == sorted(after.signature[1:]):
        return "blocks reordered"
    if [b.kind for b in before.blocks] == [b.kind for b in after.blocks]:
        return "text changed"
    return "blocks added or removed"


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
