"""The pin format before pins hashed the rendered page: the Markdown source, normalised.

Kept for two things only: the migration (migration.py), which re-pins exactly the
translations whose old pin was current, and the git history (history.py), which finds
the revision an old pin that is still outdated was made against.
"""

from __future__ import annotations

import hashlib

from handbook.document.source import Document
from handbook.translation.sections import FENCE_RE, SECTION_HASH_LENGTH, split_sections

HASH_PREFIX = "sha256:"


def normalise(markdown: str) -> str:
    """The text that counts: blocks kept, whitespace and line wrapping folded.

    Front matter must already be gone. Fenced code keeps its lines (wrapping matters
    there); everywhere else each blank-line-separated block becomes one line.
    """
    blocks: list[str] = []
    current: list[str] = []
    fence: str | None = None

    def flush() -> None:
        if current:
            blocks.append(" ".join(" ".join(current).split()))
            current.clear()

    for line in markdown.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        opener = FENCE_RE.match(line)
        if fence:
            blocks.append(line.rstrip())
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
            continue
        if opener:
            flush()
            fence = opener.group(1)
            blocks.append(line.strip())
            continue
        if line.strip():
            current.append(line)
        else:
            flush()
    flush()
    return "\n".join(block for block in blocks if block)


def legacy_content_hash(markdown: str) -> str:
    return HASH_PREFIX + hashlib.sha256(normalise(markdown).encode("utf-8")).hexdigest()


def legacy_document_hash(document: Document) -> str:
    return legacy_content_hash(document.body)


def legacy_section_hashes(document: Document) -> dict[str, str]:
    return {s.key: hashlib.sha256(normalise(s.text).encode("utf-8")).hexdigest()[:SECTION_HASH_LENGTH] for s in split_sections(document)}
