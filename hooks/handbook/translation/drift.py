"""Structural drift: what a reader sees per section, counted in both languages and compared.

Counted from the rendered page (rendering.py), so what the reader cannot see never
counts: a commented-out Finnish section is absent, a reference-style link is a link like
an inline one, a link whose text wraps over lines is one link, the markers of an ordered
list are not numbers. Per section: heading level, paragraphs, list items, code blocks,
tables (and their columns), images, admonitions (by type), links (internal by target,
external by count) and the numbers, dates and times of the text as values (values.py).

Each difference carries a `fact`, its wording without lines, which is what `ack
--accept-drift` records in the translation's front matter (`accepted_drift`): a
difference the translator accepted is not drift; any new one, in either file, is.
"""

from __future__ import annotations

from dataclasses import dataclass

from handbook.translation.rendering import RenderedPage, RenderedSection
from handbook.translation.values import unmatched, values

# Differences in what the reader gets (a block is missing) against details (a number, a link target).
MAJOR = "major"
MINOR = "minor"


@dataclass
class Structure:
    level: int
    paragraphs: int
    list_items: int
    code_blocks: int
    tables: list[int]  # columns per table
    images: int
    admonitions: list[str]
    internal_links: list[str]
    external_links: int
    numbers: list[tuple[str, ...]]


def _external(target: str) -> bool:
    return not target.startswith(("/", "../"))


def structure(section: RenderedSection, language: str) -> Structure:
    blocks = section.blocks
    links = [t for b in blocks for t in b.links]
    prose = " ".join(b.plain for b in blocks if b.kind != "code")
    return Structure(
        level=section.level,
        paragraphs=sum(b.kind == "paragraph" for b in blocks),
        list_items=sum(b.kind == "item" for b in blocks),
        code_blocks=sum(b.kind == "code" for b in blocks),
        tables=[b.columns for b in blocks if b.kind == "table"],
        images=sum(len(b.images) for b in blocks),
        admonitions=[b.text.split(":", 1)[0].split(" (", 1)[0] for b in blocks if b.kind == "admonition"],
        internal_links=sorted(t for t in links if not _external(t)),
        external_links=sum(_external(t) for t in links),
        numbers=values(prose, language),
    )


@dataclass(frozen=True)
class Drift:
    section: str  # section key in the source
    line: int  # line in the translation (0: the section is missing there)
    message: str
    fact: str = ""  # the difference without lines: what `ack --accept-drift` records
    severity: str = MAJOR


def compare_structure(
    source: RenderedPage,
    translation: RenderedPage,
    *,
    source_language: str = "fi",
    language: str = "en",
    accepted: dict[str, list[str]] | None = None,
) -> list[Drift]:
    """What differs in structure between the Finnish page and its translation, per section,
    less the differences the translator accepted."""
    drifts = all_differences(source, translation, source_language=source_language, language=language)
    accepted = accepted or {}
    return [d for d in drifts if d.fact not in accepted.get(d.section, ())]


def all_differences(source: RenderedPage, translation: RenderedPage, *, source_language: str = "fi", language: str = "en") -> list[Drift]:
    by_key = {s.key: s for s in source.sections}
    translated_by_key = {s.key: s for s in translation.sections}
    drifts: list[Drift] = []
    for section in source.sections:
        if section.key not in translated_by_key:
            drifts.append(Drift(section.key, 0, f"section {section.label()} ({source.path}:{section.line}, level {section.level}) has no counterpart; heading ids must match the Finnish source", "no section in the translation"))
    for section in translation.sections:
        if section.key not in by_key:
            drifts.append(Drift(section.key, section.line, f"heading {section.label()} is not in the Finnish source {source.path}; heading ids must match it", "no section in the Finnish source"))
    common_source = [s.key for s in source.sections if s.key in translated_by_key]
    common_translated = [s.key for s in translation.sections if s.key in by_key]
    if common_source != common_translated:
        first = next(t for s, t in zip(common_source, common_translated) if s != t)
        order = ", ".join(common_source)
        drifts.append(Drift(first, translated_by_key[first].line, f"headings are in a different order than in {source.path} (Finnish: {order})", f"order: Finnish {order}", MINOR))
    for key in common_translated:
        drifts.extend(_compare_section(source.path, by_key[key], translated_by_key[key], source_language, language))
    return drifts


def _compare_section(source_path: str, original: RenderedSection, translated: RenderedSection, source_language: str, language: str) -> list[Drift]:
    a, b = structure(original, source_language), structure(translated, language)
    where = f"{source_path}:{original.line}"
    name = f"section {translated.label()}"
    found: list[Drift] = []

    def differs(what: str, expected, actual, severity: str = MAJOR) -> None:
        found.append(Drift(original.key, translated.line, f"{name}: {what} differ from {where} (Finnish {expected}, English {actual})", f"{what}: Finnish {expected}, English {actual}", severity))

    if a.level != b.level:
        found.append(Drift(original.key, translated.line, f"{name}: heading level {b.level}, the Finnish source has level {a.level} ({where})", f"heading level: Finnish {a.level}, English {b.level}", MINOR))
    for what, expected, actual in (("paragraphs", a.paragraphs, b.paragraphs), ("list items", a.list_items, b.list_items), ("code blocks", a.code_blocks, b.code_blocks)):
        if expected != actual:
            differs(what, expected, actual)
    if a.tables != b.tables:
        differs("tables", _tables(a.tables), _tables(b.tables))
    if a.images != b.images:
        differs("images", a.images, b.images)
    if a.admonitions != b.admonitions:
        differs("admonitions", _listed(a.admonitions), _listed(b.admonitions))
    if a.internal_links != b.internal_links:
        differs("internal links", _listed(a.internal_links), _listed(b.internal_links), MINOR)
    if a.external_links != b.external_links:
        differs("external links", a.external_links, b.external_links, MINOR)
    missing, extra = unmatched(a.numbers, b.numbers)
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"{', '.join(missing)} not in the English text")
        if extra:
            parts.append(f"{', '.join(extra)} not in the Finnish text")
        detail = "; ".join(parts)
        found.append(Drift(original.key, translated.line, f"{name}: numbers differ from {where} ({detail})", f"numbers: {detail}", MINOR))
    return found


def _listed(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]" if items else "none"


def _tables(columns: list[int]) -> str:
    return f"{len(columns)} table(s), columns {columns}" if columns else "none"


def severity(drifts: list[Drift]) -> str | None:
    if not drifts:
        return None
    return MAJOR if any(d.severity == MAJOR for d in drifts) else MINOR
