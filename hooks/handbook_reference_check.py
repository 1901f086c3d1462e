"""Check every internal reference of the handbook, both languages in one pass, from the sources.

`check_site(settings)` reads the Markdown files of every language from disk (paths from
the config file's folder), expands `--8<--` snippets, scans each page once with
`handbook_references.scan_page`, indexes its ids once, and resolves every reference with
dict lookups: the cost grows with the number of references, not pages x nav size. It
never renders or parses HTML, so it runs the same inside a build (hooks/reference_check.py)
and standalone:

    python hooks/handbook_reference_check.py [mkdocs.yml]     # what `make check` runs

Extension point for ids that hooks add to pages (the glossary's `term-<id>` anchors): a
module listed in `hooks:` may define `generated_anchor_ids(config)` returning a mapping
from a docs-relative source path (`fi/liitteet/sanasto.md`) to the ids that hook adds to
that page. The checker calls it once per check; nothing is guessed.

The languages come from the configuration (the `i18n` plugin's `languages`, folder
layout: `docs/<locale>/`), not from the i18n plugin's code, so a later move of plugin
keeps the checker.
"""

from __future__ import annotations

import difflib
import os
import posixpath
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable
from urllib.parse import unquote, urljoin, urlsplit

import yaml

from handbook_build import SEVERITIES, Finding
from handbook_build import relative_to_root as _relative
from handbook_references import MarkdownOptions, PageScan, Reference, code_line_anchor, scan_page

# Each kind of finding and its default severity (override in mkdocs.yml
# `extra: reference_check: severity: {kind: error|warning|info|ignore}`).
DEFAULT_SEVERITY = {
    "broken-link": "warning",  # a page or file that does not exist
    "case-mismatch": "warning",  # exists only with other letter case: works on a laptop, not on the server
    "folder-link": "warning",  # a link to a folder; MkDocs leaves it as is
    "broken-anchor": "warning",  # `#id` that the target page does not have
    "anchor-drift": "warning",  # the id exists in one language's page only
    "undefined-reference": "warning",  # `[text][ref]` without `[ref]: url`; renders as literal text
    "unused-definition": "info",  # `[ref]: url` that nothing uses
    "missing-snippet": "error",  # `--8<--` include that does not exist
    "nav-target": "warning",  # a nav entry whose page or `#fragment` does not exist
    "absolute-link": "warning",  # an own-site absolute URL that should be relative
    "cross-language": "warning",  # a link into the other language's pages, not marked deliberate
    "untranslated-target": "info",  # an English page links to a page that exists only in Finnish
    "orphan-page": "warning",  # reachable from no nav entry and no link
    "duplicate-id": "warning",  # the same id twice on one page
    "unreadable-file": "error",  # not UTF-8, or front matter that is not YAML
}
LEVELS = SEVERITIES + ("ignore",)
LANGUAGE_NAMES = {"fi": "Finnish", "en": "English", "sv": "Swedish"}
# The attribute that marks a deliberate cross-language link: `[English](../en/x/){hreflang=en}`.
CROSS_LANGUAGE_MARKER = "hreflang"

_PAGE_SUFFIXES = (".md", ".markdown")
_SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "sms:", "ftp:", "file:")


class ReferenceCheckError(ValueError):
    """Configuration the checker cannot work with; the message names what to fix."""


@dataclass
class Settings:
    """Everything the checker needs from mkdocs.yml; build it with `settings_from_config`."""

    root: Path  # the config file's folder: paths in messages are relative to it
    docs_dir: Path
    languages: tuple[str, ...]  # the default language first
    markdown: MarkdownOptions
    config_file: Path | None = None
    navs: dict[str, list] = field(default_factory=dict)  # language -> raw nav
    site_url: str = ""
    use_directory_urls: bool = True
    snippet_bases: tuple[Path, ...] = ()
    snippets: bool = False
    snippet_check_paths: bool = False
    snippet_restrict_base: bool = True
    severity: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_SEVERITY))
    # docs-relative source path -> ids hooks add to that page after Markdown.
    generated_ids: dict[str, set[str]] = field(default_factory=dict)
    not_in_nav: Callable[[str], bool] | None = None

    @property
    def default(self) -> str:
        return self.languages[0]


# --- Settings from a loaded MkDocs config


def settings_from_config(config: Any) -> Settings:
    """Read the checker's settings from a validated MkDocs config (build or standalone)."""
    config_file = Path(config["config_file_path"]).resolve()
    root = config_file.parent
    extensions = [name for name in config["markdown_extensions"]]
    mdx = config["mdx_configs"]

    import markdown.extensions.toc as toc

    toc_config = mdx.get("toc", {})
    slugify = toc_config.get("slugify", toc.slugify)
    highlight = mdx.get("pymdownx.highlight", {})
    code_anchor_prefix = ""
    if "pymdownx.highlight" in extensions or "pymdownx.superfences" in extensions:
        code_anchor_prefix = highlight.get("line_anchors") or ("__codelineno" if highlight.get("anchor_linenums") else "")
    custom_fences = frozenset(fence.get("name", "") for fence in mdx.get("pymdownx.superfences", {}).get("custom_fences", []) if isinstance(fence, dict))
    tabbed_config = mdx.get("pymdownx.tabbed", {})
    markdown_options = MarkdownOptions(
        slugify=slugify,
        separator=toc_config.get("separator", "-"),
        attr_list="attr_list" in extensions,
        footnotes="footnotes" in extensions,
        code_anchor_prefix=code_anchor_prefix,
        custom_fences=custom_fences,
        tabbed="pymdownx.tabbed" in extensions,
        tabbed_slugify=tabbed_config.get("slugify") or None,
    )

    languages, navs = _languages(config)
    snippet_config = mdx.get("pymdownx.snippets", {})
    bases = snippet_config.get("base_path", ["."])
    if isinstance(bases, (str, os.PathLike)):
        bases = [bases]
    snippet_bases = tuple(Path(os.fspath(base)) if os.path.isabs(os.fspath(base)) else (Path.cwd() / os.fspath(base)) for base in bases)

    extra = config["extra"] or {}
    check_config = extra.get("reference_check", {}) or {}
    severity = dict(DEFAULT_SEVERITY)
    for kind, level in (check_config.get("severity", {}) or {}).items():
        if kind not in DEFAULT_SEVERITY:
            raise ReferenceCheckError(f"extra.reference_check.severity: unknown kind '{kind}' (known: {', '.join(DEFAULT_SEVERITY)})")
        if level not in LEVELS:
            raise ReferenceCheckError(f"extra.reference_check.severity.{kind}: '{level}' is not one of {', '.join(LEVELS)}")
        severity[kind] = level

    not_in_nav = config.get("not_in_nav")
    return Settings(
        root=root,
        docs_dir=Path(config["docs_dir"]).resolve(),
        languages=languages,
        markdown=markdown_options,
        config_file=config_file,
        navs=navs,
        site_url=config.get("site_url") or "",
        use_directory_urls=config.get("use_directory_urls", True),
        snippet_bases=snippet_bases,
        snippets="pymdownx.snippets" in extensions,
        snippet_check_paths=bool(snippet_config.get("check_paths", False)),
        snippet_restrict_base=bool(snippet_config.get("restrict_base_path", True)),
        severity=severity,
        generated_ids=_generated_ids(config),
        not_in_nav=not_in_nav.match_file if not_in_nav is not None and hasattr(not_in_nav, "match_file") else None,
    )


def _languages(config: Any) -> tuple[tuple[str, ...], dict[str, list]]:
    """Locales from the i18n plugin's configuration (folder layout), default first."""
    nav = config["nav"] or []
    plugin = config["plugins"].get("i18n") if hasattr(config["plugins"], "get") else None
    plugin_config = getattr(plugin, "config", None) or {}
    entries = plugin_config.get("languages") if hasattr(plugin_config, "get") else None
    if not entries:
        return ("",), {"": nav}
    locales, navs = [], {}
    for entry in entries:
        locale = entry["locale"]
        if entry.get("default"):
            locales.insert(0, locale)
        else:
            locales.append(locale)
        navs[locale] = entry.get("nav") or nav
    return tuple(locales), navs


def _generated_ids(config: Any) -> dict[str, set[str]]:
    """Ids hooks add to pages, from each hook module's `generated_anchor_ids(config)`."""
    generated: dict[str, set[str]] = {}
    for name, module in (config.get("hooks") or {}).items():
        provider = getattr(module, "generated_anchor_ids", None)
        if provider is None:
            continue
        try:
            provided = provider(config) or {}
            for path, ids in provided.items():
                generated.setdefault(str(path).replace(os.sep, "/"), set()).update(ids)
        except Exception as error:  # a hook's own data problem: name it, do not crash the check
            if type(error).__module__.startswith("mkdocs"):
                raise  # already a clean message (PluginError)
            raise ReferenceCheckError(f"{name}: generated_anchor_ids() failed: {error}") from error
    return generated


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
    try:
        data = path.read_bytes()
    except OSError as error:
        findings.append(("unreadable-file", shown, 0, 0, f"cannot be read: {error.strerror}"))
        return None
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        findings.append(("unreadable-file", shown, line, 0, f"is not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}); save it as UTF-8"))
        return None


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


# --- Snippets (pymdownx.snippets syntax)

_SNIPPET_LINE = re.compile(r"^(?P<space>[ \t]*)(?P<escape>;*)(?:(?P<inline>-+8<-+[ \t]+)(?P<quoted>\"(?:\\\"|[^\"\n\r])+?\"|'(?:\\'|[^'\n\r])+?')|(?P<block>-+8<-+))[ \t]*$")
_SNIPPET_SECTION = re.compile(r"(?i)(?<!;)-+8<-+[ \t]+\[[ \t]*(start|end)[ \t]*:[ \t]*([a-z][-_0-9a-z]*)[ \t]*\]")
_SNIPPET_TARGET = re.compile(r"(?i)^(.*?)(?:((?::-?[0-9]*){1,2}(?:(?:,(?=[-0-9:])-?[0-9]*)(?::-?[0-9]*)?)*)|:([a-z][-_0-9a-z]*))?$")


@dataclass
class Expansion:
    lines: list[str]
    origins: list[Origin]
    included: bool = False


def expand_snippets(text: str, shown: str, site: Site, findings: list, _stack: tuple[str, ...] = ()) -> Expansion:
    """Inline every `--8<--` include like pymdownx.snippets, remembering where each line came from."""
    out: list[str] = []
    origins: list[Origin] = []
    included = False
    block = False
    for number, line in enumerate(text.split("\n"), 1):
        match = _SNIPPET_LINE.match(line) if "8<" in line else None
        if match and match.group("escape"):
            out.append(line.replace(";", "", 1))
            origins.append(Origin(shown, number))
            continue
        if match and match.group("block") is not None:
            block = not block
            continue
        if block and not match:
            target = line.strip()
            if target and not target.startswith(";"):
                included = True
                _include(target, len(line) - len(line.lstrip()), shown, number, site, findings, _stack, out, origins, len(line) - len(line.lstrip()))
            continue
        if match:
            if block:
                continue
            included = True
            target = match.group("quoted")[1:-1].strip()
            indent = len(match.group("space").expandtabs(4))
            _include(target, indent, shown, number, site, findings, _stack, out, origins, len(match.group("space")))
            continue
        out.append(line)
        origins.append(Origin(shown, number))
    return Expansion(out, origins, included)


def _include(target: str, indent: int, shown: str, number: int, site: Site, findings: list, stack: tuple[str, ...], out: list[str], origins: list[Origin], column: int) -> None:
    if target.lower().startswith(("http://", "https://")):
        return  # downloads are off in the handbook; pymdownx reports them itself
    match = _SNIPPET_TARGET.match(target)
    path, ranges, section = match.group(1), match.group(2), match.group(3)
    found = _snippet_file(path, site.settings)
    here = f"{shown}:{number}"
    if found is None:
        bases = ", ".join(_relative(base, site.settings.root) + "/" for base in site.settings.snippet_bases) or "."
        findings.append(("missing-snippet", shown, number, column + 1, f"snippet '{path}' does not exist (looked in {bases})"))
        return
    snippet_shown = _relative(found, site.settings.root)
    if snippet_shown in stack:
        return  # pymdownx skips recursive includes too
    text = read_text(found, snippet_shown, findings)
    if text is None:
        return
    expansion = expand_snippets(text, snippet_shown, site, findings, stack + (shown,))
    lines, line_origins = expansion.lines, expansion.origins
    if section:
        selected = _section(lines, section)
        if selected is None:
            findings.append(("missing-snippet", shown, number, column + 1, f"snippet '{path}' has no section '{section}' (expected '--8<-- [start:{section}]' in {snippet_shown})"))
            return
        start, end = selected
        lines, line_origins = lines[start:end], line_origins[start:end]
    elif ranges:
        keep: list[int] = []
        for part in ranges.split(","):
            bounds = [value for value in part.split(":")[1:]] if part.startswith(":") else part.split(":")
            first = int(bounds[0]) if bounds and bounds[0].lstrip("-").isdigit() else 1
            last = int(bounds[1]) if len(bounds) > 1 and bounds[1].lstrip("-").isdigit() else len(lines)
            keep.extend(index for index in range(max(first, 1) - 1, min(last, len(lines))))
        lines, line_origins = [lines[i] for i in keep], [line_origins[i] for i in keep]
    # Section markers are removed from included text (after a section was cut out by them).
    kept = [(line, origin) for line, origin in zip(lines, line_origins) if not ("8<" in line and _SNIPPET_SECTION.search(line))]
    lines, line_origins = [line for line, _ in kept], [origin for _, origin in kept]
    space = " " * indent
    for line, origin in zip(lines, line_origins):
        out.append(space + line)
        via = f"{origin.via}, {here}" if origin.via else here
        origins.append(Origin(origin.path, origin.line, via, origin.indent + indent))


def _section(lines: list[str], name: str) -> tuple[int, int] | None:
    start = None
    for index, line in enumerate(lines):
        if "8<" not in line:
            continue
        for match in _SNIPPET_SECTION.finditer(line):
            if match.group(2) != name:
                continue
            if match.group(1).lower() == "start" and start is None:
                start = index + 1
            elif match.group(1).lower() == "end" and start is not None:
                return start, index
    return None if start is None else (start, len(lines))


def _snippet_file(path: str, settings: Settings) -> Path | None:
    for base in settings.snippet_bases:
        if base.is_file():
            candidate = base.parent / path
            if candidate.exists() and candidate.resolve() == base.resolve():
                return candidate
            continue
        candidate = (base / path).resolve()
        if settings.snippet_restrict_base and not str(candidate).startswith(str(base.resolve()) + os.sep):
            continue
        if candidate.is_file():
            return candidate
    return None


# --- The check


@dataclass
class _Problem:
    kind: str
    message: str


class Checker:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.site = Site(settings)
        self.raw: list[tuple[str, str, int, int, str]] = []  # kind, path, line, column, message
        self.reached: set[str] = set()  # docs-relative files some nav entry or link reaches

    # Reading

    def load(self) -> None:
        site = self.site
        for language in self.settings.languages:
            for rel in sorted(site.files[language]):
                if not rel.endswith(_PAGE_SUFFIXES):
                    continue
                page = Page(language, rel, site.source_path(language, rel))
                site.pages[(language, rel)] = page
                text = read_text(self.settings.docs_dir / site.docs_key(language, rel), page.path, self.raw)
                if text is None:
                    continue
                text = blank_front_matter(text, page.path, self.raw)
                if self.settings.snippets and "8<" in text:
                    expansion = expand_snippets(text, page.path, site, self.raw)
                    if expansion.included:
                        page.origins = expansion.origins
                        text = "\n".join(expansion.lines)
                page.scan = scan_page(text, self.settings.markdown)
                page.ids = page.scan.id_set() | self.settings.generated_ids.get(site.docs_key(language, rel), set())

    # Findings

    def add(self, page: Page, line: int, column: int, kind: str, message: str) -> None:
        path, line, column, via = page.locate(line, column)
        if via:
            message += f" (included from {via})"
        self.raw.append((kind, path, line, column, message))

    def reach(self, page: Page, target: str) -> None:
        """Record a link target for the orphan check; a page linking to itself does not count."""
        if target != self.site.docs_key(page.language, page.rel):
            self.reached.add(target)

    def run(self) -> list[Finding]:
        self.load()
        for page in list(self.site.pages.values()):
            self.check_page(page)
        self.check_navs()
        self.check_orphans()
        return self.findings()

    def findings(self) -> list[Finding]:
        result = []
        for kind, path, line, column, message in self.raw:
            level = self.settings.severity.get(kind, "warning")
            if level != "ignore":
                result.append(Finding(path, line, column, message, kind, level))
        return sorted(set(result))

    def check_page(self, page: Page) -> None:
        site, settings = self.site, self.settings
        # A default-language page without a twin is also served in the other languages.
        contexts = [page.language] + [other for other in settings.languages if other != page.language and page.language == settings.default and page.rel not in site.files[other]]
        for reference in page.scan.references:
            for context in contexts:
                problems = self.check_reference(page, reference, context)
                if context != page.language:
                    problems = [_Problem(p.kind, f"in the {language_name(context)} site, where this page is shown untranslated: {p.message}") for p in problems if p.kind in ("broken-anchor", "broken-link")]
                for problem in problems:
                    self.add(page, reference.line, reference.column, problem.kind, problem.message)
                if problems:
                    break
        self.check_definitions(page)
        self.check_duplicates(page)

    def check_reference(self, page: Page, reference: Reference, context: str) -> list[_Problem]:
        url = reference.url
        if not url or url.lower().startswith(_SKIPPED_SCHEMES):
            return []
        try:
            split = _split(url)
        except ValueError:
            return [_Problem("broken-link", f"{_describe(reference)} is not a valid URL")]
        if split.scheme or split.netloc:
            own = urlsplit(self.settings.site_url) if self.settings.site_url else None
            if own and split.netloc.lower() == own.netloc.lower() and split.scheme in ("http", "https", ""):
                return self.check_absolute(page, reference, split.path or "/", split.fragment, context)
            return []
        if split.path.startswith("/"):
            return self.check_absolute(page, reference, split.path, split.fragment, context)
        if not split.path:
            if not split.fragment:
                return []
            return self.check_anchor(page, reference, context, page, split.fragment, same_page=True)

        marker = reference.attribute(CROSS_LANGUAGE_MARKER)
        if marker and marker != page.language and marker in self.settings.languages:
            return self.check_marked(page, reference, split, marker, context)
        return self.check_relative(page, reference, split, context)

    def check_relative(self, page: Page, reference: Reference, split, context: str) -> list[_Problem]:
        site, settings = self.site, self.settings
        what = _describe(reference)
        path = unquote(split.path)
        base = posixpath.dirname(page.rel)
        joined = posixpath.normpath(posixpath.join(page.language, base, path)) if page.language else posixpath.normpath(posixpath.join(base, path))
        if joined == ".." or joined.startswith("../"):
            return [_Problem("broken-link", f"{what} leads outside the docs folder")]
        head, _, rel = joined.partition("/") if page.language else ("", "", joined)
        if page.language and head != page.language:
            if head in settings.languages:
                return [self.cross_language(page, reference, head, rel, split)]
            return [_Problem("broken-link", f"{what} leads outside the {language_name(page.language)} pages (looked for {site.docs_rel}/{joined})")]
        if path.endswith("/") or rel == "" or rel == ".":
            rel = rel.rstrip("/.")
            index = f"{rel}/index.md" if rel else "index.md"
            if site.find(context, index):
                self.reach(page, site.docs_key(site.find(context, index), index))
                return [_Problem("folder-link", f"{what} names a folder, which MkDocs leaves as is; link '{posixpath.relpath(index, base or '.')}'")]
        served = site.find(context, rel)
        if served is None:
            if rel and site.find(context, rel + "/index.md") and not rel.endswith(_PAGE_SUFFIXES):
                index = rel + "/index.md"
                return [_Problem("folder-link", f"{what} names a folder, which MkDocs leaves as is; link '{posixpath.relpath(index, base or '.')}'")]
            return [self.missing(page, reference, context, rel)]
        target_key = site.docs_key(served, rel)
        self.reach(page, target_key)
        problems: list[_Problem] = []
        if served != context and page.language != settings.default and rel.endswith(_PAGE_SUFFIXES) and context == page.language:
            problems.append(_Problem("untranslated-target", f"{what} opens {site.source_path(served, rel)}: it has no {language_name(context)} translation yet, so the reader lands on {language_name(served)} text"))
        if split.fragment and rel.endswith(_PAGE_SUFFIXES):
            target = site.pages.get((served, rel))
            if target is not None:
                problems += self.check_anchor(page, reference, context, target, split.fragment)
        return problems

    def missing(self, page: Page, reference: Reference, context: str, rel: str) -> _Problem:
        site = self.site
        what = _describe(reference)
        looked = site.source_path(context, rel)
        base = posixpath.dirname(page.rel)
        folded = site.folded.get(site.docs_key(context, rel).casefold()) or site.folded.get(site.docs_key(self.settings.default, rel).casefold())
        if folded:
            real = folded.partition("/")[2] if context else folded
            return _Problem("case-mismatch", f"{what} differs in letter case from {site.docs_rel}/{folded} (works on a case-insensitive disk, breaks on the server); write '{posixpath.relpath(real, base or '.')}'")
        hint = ""
        close = site.nearest_file(context, rel)
        if close:
            hint = f"; did you mean '{posixpath.relpath(close[0], base or '.')}'?"
        elif rel.endswith(_PAGE_SUFFIXES):
            others = [language for language in self.settings.languages if language != context and rel in site.files[language]]
            if others:
                hint = f" (it exists only in {site.docs_rel}/{others[0]}/)"
        return _Problem("broken-link", f"{what} does not resolve (looked for {looked}){hint}")

    def check_anchor(self, page: Page, reference: Reference, context: str, target: Page, fragment: str, same_page: bool = False) -> list[_Problem]:
        anchor = unquote(fragment)
        what = _describe(reference)
        if target.has_id(anchor):
            if same_page:
                return []
            twins = [self.site.pages.get((language, target.rel)) for language in self.settings.languages if language != target.language and target.rel in self.site.files[language]]
            for twin in twins:
                if twin is not None and not twin.has_id(anchor):
                    return [_Problem("anchor-drift", f"{what}: the id '{anchor}' exists in {target.path} but not in {twin.path} (give the heading the same {{#{anchor}}} in both languages)")]
            return []
        where = "this page" if same_page else target.path
        nearest = target.nearest_id(anchor)
        hint = f"; did you mean '#{nearest}'?" if nearest else ""
        for language in self.settings.languages:
            twin = self.site.pages.get((language, target.rel))
            if twin is not None and twin is not target and twin.has_id(anchor):
                hint += f" ({twin.path} has it: the translations drifted)"
                break
        return [_Problem("broken-anchor", f"{what}: {where} has no id '{anchor}'{hint}")]

    def cross_language(self, page: Page, reference: Reference, language: str, rel: str, split) -> _Problem:
        site = self.site
        what = _describe(reference)
        own = f"'{posixpath.relpath(rel, posixpath.dirname(page.rel) or '.')}'" if site.find(page.language, rel) else "the page in this language"
        built = self.relative_url(page, language, rel, split.fragment)
        effect = "MkDocs leaves the link broken" if page.language == self.settings.default else f"the build silently turns it into the {language_name(page.language)} page"
        return _Problem("cross-language", f"{what} leads from {_article(language_name(page.language))} page into the {language_name(language)} pages ({effect}); link {own}, or for a deliberate link to the {language_name(language)} page write '{built}' and mark it {{{CROSS_LANGUAGE_MARKER}={language}}}")

    def relative_url(self, page: Page, language: str, rel: str, fragment: str = "") -> str:
        site = self.site
        here = site.site_path(page.language, page.rel)
        there = site.site_path(language, rel)
        directory = here if here.endswith("/") else posixpath.dirname(here) + "/"
        relative = posixpath.relpath(there, directory)
        if there.endswith("/") and relative != ".":
            relative += "/"
        elif relative == ".":
            relative = "./"
        return relative + (f"#{fragment}" if fragment else "")

    def check_marked(self, page: Page, reference: Reference, split, language: str, context: str) -> list[_Problem]:
        """A deliberate cross-language link: a built URL, resolved against the page's own URL."""
        site = self.site
        what = _describe(reference)
        if split.path.endswith(_PAGE_SUFFIXES):
            joined = posixpath.normpath(posixpath.join(page.language, posixpath.dirname(page.rel), unquote(split.path)))
            head, _, rel = joined.partition("/")
            suggestion = f"; write '{self.relative_url(page, head, rel, split.fragment)}'" if head in self.settings.languages and site.find(head, rel) else ""
            return [_Problem("cross-language", f"{what} is marked as a deliberate {language_name(language)} link but written as a source path, which the build leaves broken{suggestion}")]
        here = site.site_path(page.language, page.rel)
        target = urlsplit(urljoin("http://site" + here, split.path)).path
        found = site.from_site_path(target)
        if found is None:
            return [_Problem("broken-link", f"{what} does not resolve (no page or file at {target})")]
        found_language, rel = found
        served = site.find(found_language, rel)
        self.reach(page, site.docs_key(served, rel))
        if found_language != language:
            return [_Problem("cross-language", f"{what} is marked {{{CROSS_LANGUAGE_MARKER}={language}}} but leads to the {language_name(found_language)} page {site.source_path(served, rel)}")]
        target_page = site.pages.get((served, rel))
        if split.fragment and target_page is not None:
            return self.check_anchor(page, reference, context, target_page, split.fragment)
        return []

    def check_absolute(self, page: Page, reference: Reference, path: str, fragment: str, context: str) -> list[_Problem]:
        site = self.site
        what = _describe(reference)
        found = site.from_site_path(path)
        if found is None:
            return [_Problem("absolute-link", f"{what} is an absolute link to this site and leads nowhere (no page or file at {path})")]
        language, rel = found
        served = site.find(language, rel)
        self.reach(page, site.docs_key(served, rel))
        if language == page.language:
            suggestion = posixpath.relpath(rel, posixpath.dirname(page.rel) or ".") + (f"#{fragment}" if fragment else "")
            return [_Problem("absolute-link", f"{what} is an absolute link to this site, which breaks in editions and local previews; write '{suggestion}'")]
        suggestion = self.relative_url(page, language, rel, fragment)
        return [_Problem("absolute-link", f"{what} is an absolute link to this site, which breaks in editions and local previews; write '{suggestion}' and mark it {{{CROSS_LANGUAGE_MARKER}={language}}}")]

    def check_definitions(self, page: Page) -> None:
        defined = {definition.label for definition in page.scan.definitions}
        used = {use.label for use in page.scan.reference_uses} | page.scan.shortcut_labels
        for use in page.scan.reference_uses:
            if use.label not in defined:
                written = " ".join(use.written.split())
                self.add(page, use.line, use.column, "undefined-reference", f"reference link '{written}' has no definition '[{use.label}]: URL', so it renders as literal text")
        for definition in page.scan.definitions:
            if definition.label not in used:
                self.add(page, definition.line, definition.column, "unused-definition", f"link definition '[{definition.label}]' is never used")

    def check_duplicates(self, page: Page) -> None:
        first: dict[str, int] = {}
        for page_id in sorted(page.scan.ids, key=lambda page_id: (page_id.line, page_id.column)):
            if page_id.origin == "html-name":
                continue  # `<a id="x" name="x">` is one anchor, not two
            if page_id.id in first:
                path, line, _, _ = page.locate(first[page_id.id], 1)
                where = f"line {line}" if path == page.locate(page_id.line, 1)[0] else f"{path}:{line}"
                self.add(page, page_id.line, page_id.column, "duplicate-id", f"id '{page_id.id}' is already used on this page (first at {where}); ids must be unique")
            else:
                first[page_id.id] = page_id.line

    # Navigation

    def check_navs(self) -> None:
        site = self.site
        nav_lines = _nav_lines(self.settings.config_file)
        config_shown = _relative(self.settings.config_file, self.settings.root) if self.settings.config_file else "mkdocs.yml"
        for language in self.settings.languages:
            home = site.find(language, "index.md")
            if home:
                self.reached.add(site.docs_key(home, "index.md"))
            for target in _nav_targets(self.settings.navs.get(language) or []):
                line, column = nav_lines.get(target, (0, 0))
                split = urlsplit(target)
                if split.scheme or split.netloc:
                    continue
                if target.startswith("/"):
                    self.raw.append(("absolute-link", config_shown, line, column, f"nav entry '{target}' is an absolute link to this site; name the page by its path in the docs folder"))
                    continue
                rel = posixpath.normpath(unquote(split.path))
                served = site.find(language, rel)
                if served is None:
                    looked = site.source_path(self.settings.default, rel)
                    close = _close_path(rel, [p for p in site.files[self.settings.default] if p.endswith(_PAGE_SUFFIXES)])
                    hint = f"; did you mean '{close[0]}'?" if close else ""
                    self.raw.append(("nav-target", config_shown, line, column, f"nav entry '{target}' does not resolve (looked for {looked}){hint}"))
                    continue
                self.reached.add(site.docs_key(served, rel))
                target_page = site.pages.get((served, rel))
                anchor = unquote(split.fragment)
                if not anchor or target_page is None or target_page.has_id(anchor):
                    continue
                if served == self.settings.default:
                    nearest = target_page.nearest_id(anchor)
                    hint = f"; did you mean '#{nearest}'?" if nearest else ""
                    self.raw.append(("nav-target", config_shown, line, column, f"nav entry '{target}': {target_page.path} has no id '{anchor}'{hint}"))
                else:
                    default_page = site.pages.get((self.settings.default, rel))
                    if default_page is not None and default_page.has_id(anchor):
                        self.raw.append(("anchor-drift", config_shown, line, column, f"nav entry '{target}': the id '{anchor}' exists in {default_page.path} but not in {target_page.path} (give the heading the same {{#{anchor}}} in both languages)"))

    def check_orphans(self) -> None:
        site = self.site
        for (language, rel), page in site.pages.items():
            key = site.docs_key(language, rel)
            if key in self.reached:
                continue
            if self.settings.not_in_nav and self.settings.not_in_nav(key):
                continue
            self.raw.append(("orphan-page", page.path, 0, 0, f"the {language_name(language)} page is reachable from no nav entry and no link"))


def _close_path(wanted: str, candidates: list[str]) -> list[str]:
    """The nearest existing path, compared without the file suffix (`.md` matches everything)."""
    stems = {posixpath.splitext(candidate)[0]: candidate for candidate in candidates}
    close = difflib.get_close_matches(posixpath.splitext(wanted)[0], list(stems), n=1, cutoff=0.7)
    return [stems[close[0]]] if close else []


def _article(word: str) -> str:
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def language_name(locale: str) -> str:
    return LANGUAGE_NAMES.get(locale, locale or "site")


class _RelativeURL(tuple):
    """What urlsplit gives for a relative URL, without its cost (most references are relative)."""

    scheme = netloc = ""
    path = property(lambda self: self[0])
    query = property(lambda self: self[1])
    fragment = property(lambda self: self[2])


def _split(url: str):
    if ":" in url.split("#", 1)[0].split("?", 1)[0].split("/", 1)[0] or url.startswith("//"):
        return urlsplit(url)
    rest, _, fragment = url.partition("#")
    path, _, query = rest.partition("?")
    return _RelativeURL((path, query, fragment))


def _describe(reference: Reference) -> str:
    if reference.kind == "image":
        return f"image '{reference.url}'"
    if reference.kind == "definition":
        return f"link definition to '{reference.url}'"
    return f"link to '{reference.url}'"


def _nav_targets(nav: Iterable) -> Iterable[str]:
    for item in nav or []:
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            for value in item.values():
                if isinstance(value, str):
                    yield value
                elif isinstance(value, list):
                    yield from _nav_targets(value)


def _nav_lines(config_file: Path | None) -> dict[str, tuple[int, int]]:
    """First (line, column) of each nav-looking value in mkdocs.yml (`- x.md` or `: x.md`)."""
    found: dict[str, tuple[int, int]] = {}
    if config_file is None or not config_file.is_file():
        return found
    pattern = re.compile(r"^[ \t]*-[ \t]+(?:[^:\n]*:[ \t]+)?(?P<value>[\"']?[^\s\"'#][^\n]*?[\"']?)[ \t]*(?:[ \t]#.*)?$")
    for number, line in enumerate(config_file.read_text(encoding="utf-8").split("\n"), 1):
        match = pattern.match(line)
        if match:
            value = match.group("value").strip("\"'")
            found.setdefault(value, (number, match.start("value") + 1))
    return found


# --- Entry points


def check_site(settings: Settings) -> list[Finding]:
    """Every finding for the whole site (both languages), sorted and deduplicated."""
    return Checker(settings).run()


def check_config_file(config_file: str | Path) -> list[Finding]:
    """Load mkdocs.yml through MkDocs (no build, no rendering) and check the site."""
    from mkdocs.config import load_config

    config = load_config(str(config_file))
    return check_site(settings_from_config(config))


def main(argv: list[str] | None = None) -> int:
    import logging

    arguments = sys.argv[1:] if argv is None else argv
    config_file = Path(arguments[0] if arguments else "mkdocs.yml")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        findings = check_config_file(config_file)
    except ReferenceCheckError as error:
        print(f"{config_file}: {error}", file=sys.stderr)
        return 2
    except Exception as error:  # a config MkDocs itself rejects
        if type(error).__module__.startswith("mkdocs"):
            print(f"{config_file}: {error}", file=sys.stderr)
            return 2
        raise
    problems = 0
    for finding in findings:
        print(finding.format())
        problems += finding.severity != "info"
    informative = len(findings) - problems
    print(f"{problems} problem(s), {informative} informative finding(s) in the references", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
