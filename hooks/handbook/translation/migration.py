"""The migration of the pins to the rendered format (`handbook translations migrate`).

Until pins hashed the rendered page, `source_hash` was the hash of the normalised Markdown
source (legacy.py). A change of format must not change any page's status: the migration
re-pins exactly the translations whose old pin was current, to the same Finnish text in
the new format, and leaves every other page as it is. An outdated page keeps its old pin,
which the git history still finds (history.py), so its days and changed sections stay
right until a translator reviews it. With `accept_drift`, the structural differences that
the old checks did not count and that exist now are recorded as accepted, as `ack
--accept-drift` would: the old pin vouched for the page as it is.

Run it once per checkout that still has old pins; running it again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from handbook.core import Finding, relative_to_root
from handbook.document.source import TranslationInputError, decode, parse_document, read_document
from handbook.translation.drift import all_differences
from handbook.translation.legacy import legacy_document_hash
from handbook.translation.pins import apply_pin, is_draft, read_pin, write_atomically
from handbook.translation.rendering import Renderer
from handbook.translation.track import markdown_pages


@dataclass
class Migrated:
    translation: str  # docs/en/... (project-relative)
    action: str  # re-pinned, current, left, unreadable
    detail: str = ""
    accepted: dict[str, list[str]] | None = None


def accepted_differences(differences) -> dict[str, list[str]]:
    accepted: dict[str, list[str]] = {}
    for difference in differences:
        accepted.setdefault(difference.section, [])
        if difference.fact not in accepted[difference.section]:
            accepted[difference.section].append(difference.fact)
    return accepted


def migrate(root: Path, docs_dir: Path, source_language: str, language: str, renderer: Renderer, *, accept_drift: bool = False, write: bool = True) -> list[Migrated]:
    sources = markdown_pages(docs_dir / source_language)
    results = []
    for rel, translation_path in markdown_pages(docs_dir / language).items():
        shown = relative_to_root(translation_path, root)
        if rel not in sources:
            results.append(Migrated(shown, "left", "no Finnish source"))
            continue
        try:
            source = read_document(sources[rel], root)
            text = decode(translation_path.read_bytes(), shown)
        except (TranslationInputError, OSError) as error:
            finding = error.finding if isinstance(error, TranslationInputError) else Finding(shown, 1, message=f"cannot be read: {error.strerror}")
            results.append(Migrated(shown, "unreadable", finding.format()))
            continue
        translation = parse_document(text, shown)
        pin = read_pin(translation)
        try:
            current = renderer.page(source, rel)
        except TranslationInputError as error:
            results.append(Migrated(shown, "unreadable", error.finding.format()))
            continue
        if pin.problem or pin.source_hash is None:
            results.append(Migrated(shown, "left", "no pin that can be read"))
            continue
        if pin.source_hash == current.hash:
            results.append(Migrated(shown, "current", "already in the rendered format"))
            continue
        if pin.source_hash != legacy_document_hash(source):
            results.append(Migrated(shown, "left", "outdated before the migration: keeps its old pin"))
            continue
        accepted = None
        if accept_drift and not is_draft(translation):
            accepted = accepted_differences(all_differences(current, renderer.page(translation, rel, f"{language}/"), source_language=source_language, language=language)) or None
        if write:
            try:
                write_atomically(translation_path, apply_pin(text, current, accepted=accepted))
            except OSError as error:
                results.append(Migrated(shown, "unreadable", f"{shown}:{pin.line or 1}: cannot write the pin: {error.strerror}"))
                continue
        results.append(Migrated(shown, "re-pinned", f"to {relative_to_root(sources[rel], root)}", accepted))
    return results
