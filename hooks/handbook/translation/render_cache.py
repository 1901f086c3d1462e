"""Rendered pages kept on disk between runs, so a build renders only the pages that changed.

The translation track renders every page of both languages with Python-Markdown to hash
what readers see (rendering.py); on a large handbook that is about a quarter of a build.
The rendering is a pure function of the Markdown configuration, the page's path and its
text (a page that includes snippets is never kept: its text is not all of it), so its
result can be kept like the Finnish word cache (finnish/morphology.py): in
`.cache/handbook/rendered-pages.pickle`, keyed by a digest of all of that, and valid only
for the same code of the rendering and the same versions of the Markdown packages.

A run keeps only the pages it used, so the file holds one handbook's pages, not every
version ever built. It is written atomically: a build stopped half-way leaves the previous
file. A missing, broken or foreign file is ignored (the pages are simply rendered again);
a read-only checkout still builds.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from importlib import metadata
from pathlib import Path

from handbook.core import handbook_logger

log = handbook_logger("translation")

CACHE_FILE = Path(".cache") / "handbook" / "rendered-pages.pickle"
# The modules whose code decides what a rendered page holds.
_CODE = ("rendering.py", "blocks.py", "sections.py", "render_cache.py")
_PACKAGES = ("markdown", "pymdown-extensions", "mkdocs", "mkdocs-material")


def code_version() -> str:
    """A digest of the rendering's own code and of the Markdown packages' versions."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for name in _CODE:
        digest.update((here / name).read_bytes())
    for package in _PACKAGES:
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=-".encode())
    return digest.hexdigest()


def page_key(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


class RenderCache:
    """Rendered pages by key, read from disk once, written back if anything changed."""

    def __init__(self, path: Path | None, version: str | None = None) -> None:
        self.path = path
        self.version = version or code_version()
        self._stored: dict[str, object] = self._read() if path else {}
        self._used: dict[str, object] = {}
        self.hits = 0
        self.misses = 0

    @classmethod
    def for_project(cls, root: Path) -> RenderCache:
        return cls(Path(root) / CACHE_FILE)

    def get(self, key: str):
        found = self._used.get(key)
        if found is None:
            found = self._stored.get(key)
            if found is None:
                self.misses += 1
                return None
            self._used[key] = found
        self.hits += 1
        return found

    def put(self, key: str, page: object) -> None:
        self._used[key] = page

    def save(self) -> None:
        """Keep what this run used; nothing written when that is what the file holds."""
        if self.path is None or self._used.keys() == self._stored.keys():
            return
        temporary: str | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=self.path.name, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                pickle.dump({"version": self.version, "pages": self._used}, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.chmod(temporary, 0o644)
            os.replace(temporary, self.path)
            temporary = None
            self._stored = dict(self._used)
        except OSError as error:
            log.info(f"{self.path}: rendered pages not kept ({error.strerror or error}); they are rendered again next time")
        finally:
            if temporary and os.path.exists(temporary):
                os.unlink(temporary)

    def _read(self) -> dict[str, object]:
        try:
            with open(self.path, "rb") as handle:
                data = pickle.load(handle)
        except FileNotFoundError:
            return {}
        except Exception as error:  # a broken or foreign file: render again, say so once
            log.info(f"{self.path}: rendered pages ignored, the file is not readable ({type(error).__name__}); pages are rendered again")
            return {}
        if not isinstance(data, dict) or data.get("version") != self.version or not isinstance(data.get("pages"), dict):
            return {}
        return data["pages"]
