"""`handbook translations diff PAGE`: what a translator needs to see for one page.

The diff is taken over the very thing the pins hash, the rendered blocks of each section
(rendering.py), so an outdated page never shows an empty diff: if the hash changed, some
block, heading or the order of sections did. Sections that moved are shown as moved,
blocks that moved inside a section as moved, not as a deletion and an insertion. A
drifted page shows, per section, the blocks that one language has and the other lacks.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from handbook.document.source import TranslationInputError, read_document
from handbook.translation.history import SourceHistory
from handbook.translation.rendering import RenderedPage, RenderedSection, Renderer
from handbook.translation.track import PageStatus, section_changes

EXPLAIN = {
    "translated": "the translation is pinned to the current Finnish text: nothing changed since",
    "unpinned": "the translation has no pin, so there is no synced text to compare with; after review: handbook translations ack {rel}",
    "draft": "the translation is a draft: translate the whole page",
    "missing": "there is no translation yet: handbook translations new {rel}",
    "orphan": "there is no Finnish source{suggestion}",
}


def page_diff(record: PageStatus, source_path: Path, translation_path: Path, root: Path, renderer: Renderer, language: str) -> list[str]:
    rel = record.path
    if record.status in EXPLAIN:
        suggestion = f"; renamed to {record.suggestion}?" if record.suggestion else ""
        return [f"{rel}: {record.status}: " + EXPLAIN[record.status].format(rel=rel, suggestion=suggestion)]
    try:
        current = renderer.page(read_document(source_path, root), rel)
        translated = renderer.page(read_document(translation_path, root), rel, f"{language}/")
    except TranslationInputError as error:
        return [error.finding.format()]
    if record.status == "drifted":
        return _drift_lines(record, current, translated)
    return _outdated_lines(record, source_path, root, renderer, current)


def _drift_lines(record: PageStatus, current: RenderedPage, translated: RenderedPage) -> list[str]:
    lines = [f"{record.translation}: drifted ({record.severity}): pinned to the current Finnish text, but its structure differs from {record.source}:"]
    lines += [f"  {d.message}" for d in record.drift]
    for key in dict.fromkeys(d.section for d in record.drift):
        finnish, english = current.section(key), translated.section(key)
        lines.append("")
        lines.append(f"--- section '{key}': - only in Finnish, + only in English (block kinds compared)")
        lines += _block_diff(finnish.blocks if finnish else [], english.blocks if english else [], by_kind=True)
    return lines


def _outdated_lines(record: PageStatus, source_path: Path, root: Path, renderer: Renderer, current: RenderedPage) -> list[str]:
    changed = ", ".join(f"{k} ({v})" for k, v in record.section_changes.items()) or "none by heading"
    lines = [f"{record.source}: changed on {record.changed:%Y-%m-%d} (date from {record.date_evidence}); changed sections: {changed}"]
    if record.pin_problem:
        lines.append(f"the pin cannot be trusted: {record.pin_problem}")
    history = SourceHistory(root, renderer)
    index = history.pinned_index(source_path, record.path, record.pinned_hash)
    if index is None:
        reason = "there is no git history here" if not history.available else "no committed revision of it matches the pin (pinned to uncommitted text, a shallow clone, or no pin to go by)"
        lines.append(f"cannot show the old text: {reason}. Current text of the changed sections:")
        keys = [k for k in record.section_changes if current.section(k)] or [s.key for s in current.sections]
        for key in keys:
            section = current.section(key)
            lines.append("")
            lines.append(f"--- section {section.label()} ({record.source}:{section.line})")
            lines += [f"  heading {section.level}: {section.title}"] + [f"  {b.signature}" for b in section.blocks]
        removed = [k for k, v in record.section_changes.items() if v == "removed"]
        lines += [f"\n--- section '{k}': removed from the Finnish source" for k in removed]
        return lines
    revision = history.revisions(source_path)[index]
    pinned = renderer.page(revision.document(), record.path)
    lines.append(f"compared with commit {revision.commit[:12]} ({revision.when:%Y-%m-%d}), the text the translation was pinned to")
    body = _revision_diff(pinned, current, record.source)
    if not body:
        body = ["", "the Finnish text reads as it did when it was pinned; only the pin is in question: review the translation, then ack it"]
    return lines + body


def _revision_diff(before: RenderedPage, after: RenderedPage, source: str) -> list[str]:
    natures = section_changes(before, after)
    old = {s.key: s for s in before.sections}
    lines: list[str] = []
    order = [s.key for s in after.sections] + [k for k in old if after.section(k) is None]
    for key in order:
        if key not in natures:
            continue
        earlier, now = old.get(key), after.section(key)
        where = f"{source}:{now.line}" if now else "removed"
        lines.append("")
        lines.append(f"--- section '{key}' ({where}): {natures[key]}{_placement(key, before, after) if 'moved' in natures[key] else ''}")
        if earlier is not None and now is not None and earlier.hash == now.hash:
            continue
        lines += _section_diff(earlier, now)
    return lines


def _placement(key: str, before: RenderedPage, after: RenderedPage) -> str:
    def neighbour(page: RenderedPage) -> str:
        keys = [s.key for s in page.sections]
        index = keys.index(key)
        return f"after '{keys[index - 1]}'" if index else "first"

    return f" (now {neighbour(after)}, was {neighbour(before)})"


def _section_diff(before: RenderedSection | None, after: RenderedSection | None) -> list[str]:
    old = before.signature if before else []
    new = after.signature if after else []
    return _lines_diff(old, new)


def _block_diff(before, after, *, by_kind: bool = False) -> list[str]:
    if by_kind:
        matcher = difflib.SequenceMatcher(None, [b.kind for b in before], [b.kind for b in after], autojunk=False)
        lines = []
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal":
                lines += [f"- {b.signature}" for b in before[i1:i2]] + [f"+ {b.signature}" for b in after[j1:j2]]
        return lines or ["  (the same blocks: the difference is in their numbers, links or heading)"]
    return _lines_diff([b.signature for b in before], [b.signature for b in after])


def _lines_diff(old: list[str], new: list[str]) -> list[str]:
    """- removed, + added, ~ moved: a line that left one place and arrived at another is one move."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    removed: list[str] = []
    added: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed += old[i1:i2]
            added += new[j1:j2]
    moved = [line for line in removed if line in added]
    lines = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        lines += [f"- {line}" for line in old[i1:i2] if line not in moved]
        for line in new[j1:j2]:
            lines.append(f"~ moved: {line}" if line in moved else f"+ {line}")
    return lines
