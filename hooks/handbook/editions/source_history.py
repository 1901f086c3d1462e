"""The pages of the previous edition's source commit, read from git in three commands
whatever the number of pages: is the commit there, which pages it had and which of them
differ now, and their texts then (one `git cat-file --batch`).

Without git, outside a checkout, or when the commit is not in this clone (a shallow
clone cut after it), there is no history: `None`, and the changes page says so.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from handbook.document.source import Unreadable, decode_like_mkdocs

QUOTE = ("-c", "core.quotePath=false")


@dataclass(frozen=True)
class SourceThen:
    """Paths relative to the project root (`docs/fi/ohjelma/tavoitteet.md`)."""

    pages: frozenset[str]  # the Markdown pages of the commit
    differing: frozenset[str]  # of those, the ones whose file differs in the working tree
    texts: dict[str, str]  # the commit's text of each differing page


def head_commit(root: Path) -> str | None:
    output = _git(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    return output.decode().strip() if output else None


def read_source_then(root: Path, commit: str, folders: list[str]) -> SourceThen | None:
    """The pages under `folders` (`docs/fi`, `docs/en`) at `commit`, against the working tree."""
    if _git(root, "cat-file", "-e", f"{commit}^{{commit}}") is None:
        return None
    listed = _git(root, *QUOTE, "ls-tree", "-r", "-z", "--name-only", "--full-tree", commit, "--", *folders)
    changed = _git(root, *QUOTE, "diff", "-z", "--name-only", "--no-renames", commit, "--", *folders)
    if listed is None or changed is None:
        return None
    pages = frozenset(name for name in _names(listed) if name.endswith(".md"))
    differing = frozenset(name for name in _names(changed) if name in pages)
    texts = _texts(root, commit, sorted(differing))
    if texts is None:
        return None
    return SourceThen(pages, differing, texts)


def _texts(root: Path, commit: str, paths: list[str]) -> dict[str, str] | None:
    if not paths:
        return {}
    request = "".join(f"{commit}:{path}\n" for path in paths).encode("utf-8")
    output = _git(root, "cat-file", "--batch", input=request)
    if output is None:
        return None
    texts: dict[str, str] = {}
    position = 0
    for path in paths:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        position = end + 1
        if len(header) < 3 or header[1] != b"blob":
            continue
        size = int(header[2])
        text = decode_like_mkdocs(output[position : position + size])
        position += size + 1
        if not isinstance(text, Unreadable):  # a page that was not text then: changed, sections unknown
            texts[path] = text
    return texts


def _names(output: bytes) -> list[str]:
    return [name for name in output.decode("utf-8", "replace").split("\0") if name]


def _git(root: Path, *args: str, input: bytes | None = None) -> bytes | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], input=input, capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None
