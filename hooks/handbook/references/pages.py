"""The pages of every language on disk, their ids and their references."""

from __future__ import annotations

import difflib
import os
import posixpath
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from handbook.core import relative_to_root as _relative
from handbook.document import store
from handbook.references.records import PageScan, code_line_anchor
from handbook.references.settings import _PAGE_SUFFIXES, Settings
from handbook.references.wording import _close_path

# --- Pages on disk


@dataclass
class Origin:
    """Where an expanded line came from: a page line, or a snippet line included from somewhere."""

    path: str
    line: int
    via: str = ""  # "docs/fi/x.md:7" for snippet lines
    indent: int = 0


@dataclass
class Page:
    language: str  # the language folder the file lives in
    rel: str  # path inside the language folder
    path: str  # repository-relative path for messages
    scan: PageScan = field(default_factory=PageScan)
    origins: list[Origin] | None = None  # None: lines map one to one
    ids: set[str] = field(default_factory=set)
    _folded: dict[str, str] | None = None

    def locate(self, line: int, column: int) -> tuple[str, int, int, str]:
        if self.origins is None or not (0 < line <= len(self.origins)):
            return self.path, line, column, ""
        origin = self.origins[line - 1]
        return origin.path, origin.line, max(1, column - origin.indent), origin.via

    def has_id(self, anchor: str) -> bool:
        return anchor in self.ids or bool(self.scan.code_lines and code_line_anchor(anchor, self.scan.code_lines))

    def nearest_id(self, anchor: str) -> str | None:
        if self._folded is None:
            self._folded = {}
            for page_id in sorted(self.ids):
                self._folded.setdefault(fold(page_id), page_id)
        folded = fold(anchor)
        if folded in self._folded:
            return self._folded[folded]
        close = difflib.get_close_matches(folded, list(self._folded), n=1, cutoff=0.6)
        return self._folded[close[0]] if close else None


def fold(text: str) -> str:
    """Accents and case folded, for suggestions only: `Työote` -> `tyoote`."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


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
        self.pages: dict[tuple[str, str], Page] = {}
        self._urls: dict[str, dict[str, str]] = {}
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

    def url_index(self, language: str) -> dict[str, str]:
        if language not in self._urls:
            index: dict[str, str] = {}
            for source in (self.settings.default, language):  # own files win over fallbacks
                for rel in self.files.get(source, ()):
                    index[self.page_url(rel) if rel.endswith(_PAGE_SUFFIXES) else rel] = rel
            self._urls[language] = index
        return self._urls[language]

    def from_site_path(self, path: str) -> tuple[str, str] | None:
        """(language, rel) for an absolute URL path of this site, or None."""
        prefix = self.site_prefix()
        if not path.startswith(prefix) and path + "/" != prefix:
            return None
        rest = unquote(path[len(prefix):])
        language = self.settings.default
        head, _, tail = rest.partition("/")
        if head in self.settings.languages and head != self.settings.default and head:
            language, rest = head, tail
        index = self.url_index(language)
        for candidate in (rest, rest + "/" if rest and not rest.endswith("/") else None, rest + "index.html" if rest.endswith("/") or not rest else None):
            if candidate is not None and candidate in index:
                rel = index[candidate]
                served = self.find(language, rel)
                return (language, rel) if served else None
        if rest.endswith("index.html") and rest[: -len("index.html")] in index:
            return language, index[rest[: -len("index.html")]]
        return None


# libyaml when present: front matter of every page is parsed on each check.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def read_text(path: Path, shown: str, findings: list) -> str | None:
    """The file's text from the build's document store (read once per build, as MkDocs reads it)."""
    text = store.current().text(path)
    if isinstance(text, store.Unreadable):
        findings.append(("unreadable-file", shown, text.line, 0, text.reason))
        return None
    return text


def blank_front_matter(text: str, shown: str, findings: list) -> str:
    """The text with its front matter lines emptied, so line numbers stay those of the file."""
    match = _FRONT_MATTER.match(text)
    if not match:
        if text.startswith("---\n") and "\n---" not in text[3:] and "\n..." not in text[3:]:
            findings.append(("unreadable-file", shown, 1, 0, "front matter starts with '---' but has no closing '---' line"))
        return text
    try:
        yaml.load(match.group(1), Loader=_YAML_LOADER)
    except yaml.YAMLError:
        error = _yaml_error(match.group(1))
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 2
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        findings.append(("unreadable-file", shown, line, 0, f"front matter is not valid YAML: {reason}"))
    return "\n" * match.group(0).count("\n") + text[match.end():]


def _yaml_error(text: str) -> yaml.YAMLError:
    """The pure-Python parser's error: the same wording with or without libyaml."""
    try:
        yaml.safe_load(text)
    except yaml.YAMLError as error:
        return error
    return yaml.YAMLError("not valid YAML")
