"""The source files of every language on disk: what an author can link to, and where it is built."""

from __future__ import annotations

import difflib
import os
import posixpath
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from handbook.core import relative_to_root as _relative
from handbook.references.settings import _PAGE_SUFFIXES, Settings
from handbook.references.wording import _close_path

# --- Pages on disk


@dataclass(slots=True)
class Origin:
    """Where an expanded line came from: a page line, or a snippet line included from somewhere."""

    path: str
    line: int
    via: str = ""  # "docs/fi/x.md:7" for snippet lines
    indent: int = 0


def fold(text: str) -> str:
    """Accents and case folded, for suggestions only: `Työote` -> `tyoote`."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def nearest_id(anchor: str, ids: set[str]) -> str | None:
    """The id an author most likely meant: the same with accents and case folded, else a close one."""
    folded_ids: dict[str, str] = {}
    for page_id in sorted(ids):
        folded_ids.setdefault(fold(page_id), page_id)
    folded = fold(anchor)
    if folded in folded_ids:
        return folded_ids[folded]
    close = difflib.get_close_matches(folded, list(folded_ids), n=1, cutoff=0.6)
    return folded_ids[close[0]] if close else None


class Site:
    """The files of every language, indexed once."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.docs_rel = _relative(settings.docs_dir, settings.root)
        self.files: dict[str, set[str]] = {}
        self.folded: dict[str, str] = {}  # casefolded docs-relative path -> real one
        for language in settings.languages:
            folder = settings.docs_dir / language if language else settings.docs_dir
            found: set[str] = set()
            if folder.is_dir():
                for dirpath, dirnames, filenames in os.walk(folder):
                    dirnames[:] = [name for name in dirnames if not name.startswith(".")]
                    base = Path(dirpath).relative_to(folder).as_posix()
                    prefix = "" if base == "." else base + "/"
                    for name in filenames:
                        if not name.startswith("."):
                            found.add(prefix + name)
            self.files[language] = found
            for rel in found:
                self.folded[self.docs_key(language, rel).casefold()] = self.docs_key(language, rel)
        self._by_name: dict[str, dict[str, str]] = {}
        self._by_folder: dict[str, dict[str, list[str]]] = {}

    def nearest_file(self, language: str, rel: str) -> list[str]:
        """A file of the same name elsewhere, else the closest name in the same folder.

        Only these two small sets are searched, so many broken links stay cheap.
        """
        if language not in self._by_name:
            by_name: dict[str, str] = {}
            by_folder: dict[str, list[str]] = {}
            for candidate in sorted(self.files.get(language, set()) | self.files[self.settings.default]):
                by_name.setdefault(posixpath.basename(candidate), candidate)
                by_folder.setdefault(posixpath.dirname(candidate), []).append(candidate)
            self._by_name[language], self._by_folder[language] = by_name, by_folder
        same_name = self._by_name[language].get(posixpath.basename(rel))
        if same_name:
            return [same_name]
        siblings = [candidate for candidate in self._by_folder[language].get(posixpath.dirname(rel), []) if candidate.endswith(_PAGE_SUFFIXES) == rel.endswith(_PAGE_SUFFIXES)]
        return _close_path(rel, siblings)

    def docs_key(self, language: str, rel: str) -> str:
        return f"{language}/{rel}" if language else rel

    def source_path(self, language: str, rel: str) -> str:
        return f"{self.docs_rel}/{self.docs_key(language, rel)}" if self.docs_rel != "." else self.docs_key(language, rel)

    def find(self, language: str, rel: str) -> str | None:
        """The language whose file serves `rel` in `language`'s site (own file, else the default's)."""
        if rel in self.files.get(language, ()):
            return language
        if language != self.settings.default and rel in self.files[self.settings.default]:
            return self.settings.default
        return None

    def page_url(self, rel: str) -> str:
        """The page's URL path inside its language's site, as MkDocs makes it."""
        stem, _ = posixpath.splitext(rel)
        if posixpath.basename(stem) in ("index", "README"):
            folder = posixpath.dirname(stem)
            folder = folder + "/" if folder else ""
            return folder if self.settings.use_directory_urls else folder + "index.html"
        return stem + "/" if self.settings.use_directory_urls else stem + ".html"

    def site_prefix(self) -> str:
        path = urlsplit(self.settings.site_url).path or "/"
        return path if path.endswith("/") else path + "/"

    def site_path(self, language: str, rel: str) -> str:
        """Absolute URL path of a page or file, e.g. `/en/tyoote/tapaamiset/`."""
        lang_prefix = "" if language == self.settings.default or not language else language + "/"
        target = self.page_url(rel) if rel.endswith(_PAGE_SUFFIXES) else rel
        return self.site_prefix() + lang_prefix + target
