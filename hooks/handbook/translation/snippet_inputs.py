"""What a page reads besides its own text: the snippets it includes (pymdownx.snippets).

A page's rendering, and every result drawn from it, is its text's alone unless it
includes a snippet (or mkdocs.yml appends one to every page); then it is kept only
together with a digest of every file it may include (`snippet_state`).
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from handbook.core.kept import key_of

# pymdownx.snippets takes any number of dashes on either side: `--8<--`, `-8<-`, `;--8<--`.
_SNIPPET_MARK = re.compile(r"-+8<-+")


def includes_snippets(markdown_text: str) -> bool:
    """Whether the text may include a snippet: then its rendering is not its text's alone."""
    return bool(_SNIPPET_MARK.search(markdown_text))


# More files than a snippet folder holds: a folder this large is not keyed by its content.
SNIPPET_FILES_LIMIT = 2000


def snippet_state(configs: dict, root: Path | None = None) -> str | None:
    """A digest of every file a page may include (pymdownx.snippets' base paths), or None
    when what a page includes cannot be known from those files alone: a page that
    includes a snippet is then never kept.

    With `restrict_base_path` (the default) an include, nested ones too, reads only files
    inside the base paths, so their names and contents are all of a snippet page's input
    besides its text. Not knowable: includes from URLs (`url_download`), an unrestricted
    base path, or a base path that holds the project itself (the default `.`: the cache
    and the site would be part of what is digested)."""
    settings = dict(configs or {}).get("pymdownx.snippets")
    if settings is None:
        return key_of("no snippets")
    if not isinstance(settings, dict) or settings.get("url_download") or not settings.get("restrict_base_path", True):
        return None
    bases = settings.get("base_path", ["."])
    bases = bases if isinstance(bases, (list, tuple)) else [bases]
    project = Path(os.path.abspath(root)) if root is not None else Path.cwd()
    digest = hashlib.sha256()
    files = 0
    for base in bases:
        try:
            folder = Path(os.path.abspath(os.fspath(base)))
        except TypeError:  # not a path (MkDocs or pymdownx reports it): nothing to key by
            return None
        if folder == project or folder in project.parents or folder == Path(folder.anchor) or (project / ".cache") in (folder, *folder.parents):
            return None
        found = [folder] if folder.is_file() else sorted(path for path in folder.rglob("*") if path.is_file()) if folder.is_dir() else []
        files += len(found)
        if files > SNIPPET_FILES_LIMIT:
            return None
        # A folder of the project by its place in it: a moved checkout keeps its results.
        named = folder.relative_to(project).as_posix() if project in folder.parents else str(folder)
        digest.update(f"base\0{named}\0".encode("utf-8", "surrogateescape"))
        for path in found:
            try:
                data = path.read_bytes()
            except OSError:
                return None
            digest.update(f"{path.relative_to(folder).as_posix()}\0{len(data)}\0".encode("utf-8", "surrogateescape"))
            digest.update(data)
    return digest.hexdigest()
