"""Structural drift: what a reader sees per section (blocks, links, numbers) compared between the languages."""

from __future__ import annotations

import re
from dataclasses import dataclass

from handbook.document.source import Document
from handbook.translation.sections import FENCE_RE, Section, split_sections

# --- Structure (drift)


ADMONITION_RE = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s+([\w-]+)")
TABLE_RULE_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
IMAGE_RE = re.compile(r"!\[[^\]]*\]\(|<img\b", re.IGNORECASE)
LINK_RE = re.compile(r"(?<!!)\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
INLINE_CODE_RE = re.compile(r"`[^`]*`")
NOISE_RE = re.compile(r"\]\([^)]*\)|<[^>]+>|\{[:#.][^}]*\}|\[\^[^\]]*\]|https?://\S+")
# 10 000 (Finnish) and 10,000 (English) are the same figure; 1,5 and 1.5 too.
NUMBER_RE = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d])|\d{1,3}(?:,\d{3})+(?![\d,])|\d+(?:[.,]\d+)?")


@dataclass
class Structure:
    level: int
    admonitions: list[str]
    tables: list[int]  # columns per table
    images: int
    internal_links: list[str]
    external_links: int
    numbers: list[str]


def _numbers(text: str) -> list[str]:
    text = NOISE_RE.sub(" ", INLINE_CODE_RE.sub(" ", text))
    found = []
    for token in NUMBER_RE.findall(text):
        token = re.sub(r"[ \u00a0\u202f]", "", token)
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+", token):
            token = token.replace(",", "")
        found.append(token.replace(",", "."))
    return sorted(found)


def structure(section: Section) -> Structure:
    admonitions, tables, images, internal, external = [], [], 0, [], 0
    prose: list[str] = []
    fence = None
    for line in section.lines[1:] if section.level else section.lines:
        opener = FENCE_RE.match(line)
        if fence or opener:
            if fence and opener and opener.group(1)[0] == fence[0]:
                fence = None
            elif not fence:
                fence = opener.group(1)
            continue
        admonition = ADMONITION_RE.match(line)
        if admonition:
            admonitions.append(admonition.group(1))
            # The title of an admonition is prose; its type is structure.
            line = line[admonition.end() :]
        if TABLE_RULE_RE.match(line) and "|" in line:
            tables.append(line.strip().strip("|").count("|") + 1)
            continue
        images += len(IMAGE_RE.findall(line))
        for target in LINK_RE.findall(line):
            if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):
                external += 1
            else:
                internal.append(target)
        prose.append(line)
    return Structure(section.level, admonitions, tables, images, sorted(internal), external, _numbers("\n".join(prose)))


@dataclass(frozen=True)
class Drift:
    section: str  # section key in the source
    line: int  # line in the translation
    message: str


def _multiset_difference(source: list[str], translation: list[str]) -> tuple[list[str], list[str]]:
    missing = list(source)
    extra = []
    for item in translation:
        if item in missing:
            missing.remove(item)
        else:
            extra.append(item)
    return missing, extra


def compare_structure(source: Document, translation: Document) -> list[Drift]:
    """What differs in structure between the Finnish page and its translation, per section."""
    source_sections = split_sections(source)
    translated_sections = split_sections(translation)
    source_by_key = {s.key: s for s in source_sections}
    translated_by_key = {s.key: s for s in translated_sections}
    drifts: list[Drift] = []
    for section in source_sections:
        if section.key not in translated_by_key:
            drifts.append(Drift(section.key, 0, f"section {section.label()} ({source.path}:{section.line}, level {section.level}) has no counterpart; heading ids must match the Finnish source"))
    for section in translated_sections:
        if section.key not in source_by_key:
            drifts.append(Drift(section.key, section.line, f"heading {section.label()} is not in the Finnish source {source.path}; heading ids must match it"))
    common_source = [s.key for s in source_sections if s.key in translated_by_key]
    common_translated = [s.key for s in translated_sections if s.key in source_by_key]
    if common_source != common_translated:
        first = next(t for s, t in zip(common_source, common_translated) if s != t)
        drifts.append(Drift(first, translated_by_key[first].line, f"headings are in a different order than in {source.path} (Finnish: {', '.join(common_source)})"))
    for key in common_translated:
        drifts.extend(_compare_section(source, source_by_key[key], translated_by_key[key]))
    return drifts


def _compare_section(source: Document, original: Section, translated: Section) -> list[Drift]:
    a, b = structure(original), structure(translated)
    where = f"{source.path}:{original.line}"
    name = f"section {translated.label()}"
    found = []

    def differs(what: str, expected, actual) -> None:
        found.append(Drift(original.key, translated.line, f"{name}: {what} differ from {where} (Finnish {expected}, English {actual})"))

    if a.level != b.level:
        found.append(Drift(original.key, translated.line, f"{name}: heading level {b.level}, the Finnish source has level {a.level} ({where})"))
    if a.admonitions != b.admonitions:
        differs("admonitions", _listed(a.admonitions), _listed(b.admonitions))
    if a.tables != b.tables:
        differs("tables", _tables(a.tables), _tables(b.tables))
    if a.images != b.images:
        differs("images", a.images, b.images)
    if a.internal_links != b.internal_links:
        differs("internal links", _listed(a.internal_links), _listed(b.internal_links))
    if a.external_links != b.external_links:
        differs("external links", a.external_links, b.external_links)
    missing, extra = _multiset_difference(a.numbers, b.numbers)
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"{', '.join(missing)} not in the English text")
        if extra:
            parts.append(f"{', '.join(extra)} not in the Finnish text")
        found.append(Drift(original.key, translated.line, f"{name}: numbers differ from {where} ({'; '.join(parts)})"))
    return found


def _listed(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]" if items else "none"


def _tables(columns: list[int]) -> str:
    return f"{len(columns)} table(s), columns {columns}" if columns else "none"
