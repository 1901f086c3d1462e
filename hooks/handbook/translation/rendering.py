"""What a reader sees of a page: its Markdown rendered by Python-Markdown with the site's own
extensions, split into sections by heading, each a list of blocks (blocks.py).

The pins hash this, not the Markdown source: line endings, a BOM, rewrapping, table
padding and delimiters, `_x_` for `*x*`, a comment, a reference-style link or another
spelling of the same link target render the same, so they never flag a translation; a
changed word, number, punctuation mark, link target or list item always does.

Link and image targets are resolved as the reader's browser gets them: `../x.md`,
`./x.md#a` and `../x/` from the page's built URL are one target, written as the site
path the browser opens (`/teoria/x/#a`). The theme is not involved: only the Markdown
extensions and their configuration from mkdocs.yml (markdown_config.py reads them). One `Renderer` renders each
page text once (the build makes one per build; the `handbook` command one per run).
"""

from __future__ import annotations

import copy
import hashlib
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

from handbook.core import Finding
from handbook.core.kept import key_of, packed, unpacked
from handbook.core.warned import Warned, noting_warnings
from handbook.document.source import Document, TranslationInputError
from handbook.translation.blocks import HEADINGS, Block, BlockReader, Element, parse_html
from handbook.translation.markdown_fingerprint import markdown_fingerprint
from handbook.translation.sections import FENCE_RE, SECTION_HASH_LENGTH, TOP_SECTION, parse_heading
from handbook.translation.snippet_inputs import includes_snippets, snippet_state

HASH_PREFIX = "sha256:"
FOOTNOTES = "_footnotes"
# Headings without an explicit id get this id while rendering, so an id the author wrote
# ({#x}, applied by attr_list) can be told from one the toc would generate from the title.
AUTO_ID = "handbook-auto-id"
AUTO_ID_RE = re.compile(rf"^{AUTO_ID}(?:_\d+)?$")
COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
SETEXT_RE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")


@dataclass
class MarkdownSettings:
    """The Markdown extensions a page is rendered with, as MkDocs passes them to Python-Markdown."""

    extensions: list = field(default_factory=lambda: ["toc", "tables", "fenced_code"])  # MkDocs' built-ins
    configs: dict = field(default_factory=dict)
    site_url: str | None = None
    directory_urls: bool = True


@dataclass
class RenderedSection:
    key: str  # the explicit heading id, `#N` by position without one, `_top` before the first heading
    level: int
    title: str  # the heading as the reader sees it
    line: int  # of the heading in the Markdown file (best effort: for messages)
    explicit_id: bool
    blocks: list[Block]

    @property
    def signature(self) -> list[str]:
        return [f"heading {self.level}: {self.title}"] + [block.signature for block in self.blocks]

    @property
    def hash(self) -> str:
        return hashlib.sha256("\n".join(self.signature).encode("utf-8")).hexdigest()[:SECTION_HASH_LENGTH]

    def label(self) -> str:
        if self.key == TOP_SECTION:
            return "the text before the first heading"
        if self.key == FOOTNOTES:
            return "the footnotes"
        return f"'{self.key}'"


@dataclass
class RenderedPage:
    path: str
    sections: list[RenderedSection]

    @property
    def hash(self) -> str:
        text = "\n".join(f"§ {s.key}\n" + "\n".join(s.signature) for s in self.sections)
        return HASH_PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()

    def section_hashes(self) -> dict[str, str]:
        return {section.key: section.hash for section in self.sections}

    def section(self, key: str) -> RenderedSection | None:
        return next((s for s in self.sections if s.key == key), None)


# --- Link targets as the browser gets them


def built_url(page: str, directory_urls: bool = True) -> str:
    """`teoria/x.md` -> `teoria/x/`, `teoria/index.md` -> `teoria/` (use_directory_urls)."""
    stem = page[:-3] if page.endswith(".md") else page
    folder, _, name = stem.rpartition("/")
    prefix = f"{folder}/" if folder else ""
    if name in ("index", "README"):
        return prefix if directory_urls else f"{prefix}index.html"
    return f"{prefix}{name}/" if directory_urls else f"{prefix}{name}.html"


def resolve_target(href: str, page: str, settings: MarkdownSettings, language_prefix: str = "") -> str:
    """One canonical spelling of where a link or image leads from `page` (a path in the language
    folder): the site path the browser opens, `/teoria/x/#a`, or the URL of another site."""
    href = href.strip()
    parts = urlsplit(href)
    path = parts.path
    own = (settings.site_url or "").rstrip("/") + "/" if settings.site_url else None
    if parts.scheme or parts.netloc:
        if not (own and href.lower().startswith(own.lower())):
            return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, parts.fragment))
        path, url_style = "/" + unquote(urlsplit(href[len(own) - 1 :]).path).lstrip("/"), True
    else:
        path, url_style = unquote(path), not path.endswith(".md")
    suffix = (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
    here = built_url(page, settings.directory_urls)
    if not path:
        return "/" + here + suffix
    if path.startswith("/"):  # from the site root (own-site URLs end up here too)
        site_path = urlsplit(own).path if own else "/"
        path = path[len(site_path) :] if path.startswith(site_path) else path
        if language_prefix and path.startswith(language_prefix):
            path = path[len(language_prefix) :]
        target = posixpath.normpath(path) if path else ""
    elif not url_style or re.search(r"\.[A-Za-z0-9]{1,5}$", path):
        # A page or a file: MkDocs resolves it from the Markdown file's folder.
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        if target.endswith(".md"):
            return "/" + built_url(target, settings.directory_urls) + suffix
    else:  # a URL: the browser resolves it from the page's built URL
        target = posixpath.normpath(posixpath.join(here, path))
    target = "" if target == "." else target
    if path.endswith("/") and target:
        target += "/"
    return ("" if target.startswith("../") else "/") + target + suffix


# --- Rendering


class RenderError(Exception):
    pass


# The file under .cache/handbook/ (core/kept.py) that keeps rendered pages between runs.
RENDERED_PAGES = "rendered-pages"


class Renderer:
    """Renders page texts with one Markdown instance; each (page, text) once."""

    def __init__(self, settings: MarkdownSettings | None = None, cache=None, root: Path | None = None) -> None:
        """`root`: the project folder, so that the kept renderings' key names the project's
        own folders (the snippets) by their place in it."""
        self.settings = settings or MarkdownSettings()
        self.cache = cache  # a core.kept.Kept: pages rendered by earlier runs
        self._markdown = None
        self._lenient = None
        # This build's pages not kept on file: packed (`core.kept.packed`) without a kept file,
        # as objects for a page never kept (one whose snippets cannot be known, or whose
        # conversion warned: rendered again in every build). A page kept on file is read
        # from it each time it is asked for (core/kept.py), held by nothing here.
        self._pages: dict[tuple[str, str, str, str], bytes | RenderedPage] = {}
        self._fingerprint = markdown_fingerprint(self.settings, os.path.abspath(root) if root is not None else None)
        # Snippets added to every page (`auto_append`, Material's abbreviations file): no
        # page's rendering is then its text's alone; each is kept with the snippets' digest.
        snippets = dict(self.settings.configs).get("pymdownx.snippets") or {}
        self._appends_snippets = isinstance(snippets, dict) and bool(snippets.get("auto_append"))
        self._root = root
        self._snippets: str | None | bool = False  # not yet read
        self.renders = 0  # conversions actually run: what the render-once test counts

    def release(self) -> None:
        """Let go of the pages rendered or read so far (and of the kept renderings held in
        memory): once the pins and the term check have run, nothing in the build asks for
        them, and both languages' pages were held until the build ended (18 MB at
        1,000 x 2 pages). A page asked for again is read from the kept file or rendered."""
        self._pages.clear()
        if self.cache is not None:
            self.cache.release()

    @property
    def fingerprint(self) -> str:
        """The Markdown configuration the pages are rendered with, as one string."""
        return self._fingerprint

    @property
    def snippets(self) -> str | None:
        """The digest of every snippet file (`snippet_state`), read once per renderer (one
        build or one run of a command); None when snippet pages cannot be kept."""
        if self._snippets is False:
            self._snippets = snippet_state(self.settings.configs, self._root)
        return self._snippets  # type: ignore[return-value]

    def input_of(self, markdown_text: str) -> str | None:
        """What a rendering of `markdown_text` reads besides the text itself: "" for a text
        that includes nothing, the snippets' digest for one that does (or when mkdocs.yml
        appends a snippet to every page), None when that cannot be known (never keep it)."""
        if not self._appends_snippets and not includes_snippets(markdown_text):
            return ""
        return self.snippets

    def _converter(self, lenient: bool = False):
        if lenient:
            if self._lenient is None:
                self._lenient = self._new_converter(lenient=True)
            return self._lenient
        if self._markdown is None:
            self._markdown = self._new_converter()
        return self._markdown

    def _new_converter(self, lenient: bool = False):
        import markdown

        configs = copy.copy(dict(self.settings.configs))
        toc = dict(configs.get("toc") or {})
        # Only the id of a heading without one changes; nothing a reader sees.
        toc["slugify"] = lambda value, separator: AUTO_ID
        configs["toc"] = toc
        if lenient and "pymdownx.snippets" in configs:
            # A missing snippet is the reference check's finding; the page still has a text.
            configs["pymdownx.snippets"] = {**configs["pymdownx.snippets"], "check_paths": False}
        extensions = list(self.settings.extensions)
        if "toc" not in extensions:
            extensions.append("toc")
        return markdown.Markdown(extensions=extensions, extension_configs=configs)

    def html(self, markdown_text: str, note: Warned | None = None) -> str:
        """The text's HTML; `note.said` is set when Python was warned during the conversion."""
        self.renders += 1
        error = None
        for lenient in (False, True):
            converter = self._converter(lenient)
            converter.reset()
            try:
                with noting_warnings(note):
                    return converter.convert(markdown_text)
            except Exception as failure:  # an extension that gives up (a missing snippet, ...)
                error = failure
        raise RenderError(f"{type(error).__name__}: {error}".splitlines()[0])

    def page(self, document: Document, page: str, language_prefix: str = "") -> RenderedPage:
        """The page as sections of blocks; `page` is its path inside the language folder."""
        key = (document.path, page, language_prefix, document.body)
        # A page that includes snippets is kept with the digest of every snippet file.
        included = self.input_of(document.body)
        alone = included is not None
        held = self._pages.get(key)
        if isinstance(held, RenderedPage):
            return held
        kept = self.cache is not None and alone
        disk_key = key_of(self._fingerprint, document.body_line, included, *key) if kept else None
        stored = held if held is not None else self.cache.get(disk_key) if kept else None
        found = unpacked(stored, RenderedPage)
        if found is not None:
            return found
        warned = Warned()
        try:
            html = self.html(document.body.lstrip("\ufeff"), warned)
        except RenderError as error:
            raise TranslationInputError(Finding(document.path, document.body_line, message=f"cannot be rendered: {error}", kind="input")) from None
        found = split_rendered(document, page, parse_html(html), self.settings, language_prefix)
        # A conversion Python was warned in is done again each time (core/warned.py).
        if not alone or warned.said:
            self._pages[key] = found
        elif kept:
            self.cache.put(disk_key, packed(found))
        else:
            self._pages[key] = packed(found)
        return found


def split_rendered(document: Document, page: str, root: Element, settings: MarkdownSettings, language_prefix: str = "") -> RenderedPage:
    reader = BlockReader(lambda href: resolve_target(href, page, settings, language_prefix))
    lines = _heading_lines(document)
    sections = [RenderedSection(TOP_SECTION, 0, "", document.body_line, False, [])]
    footnotes: list[Block] = []
    position = 0
    cursor = 0
    seen: dict[str, int] = {}
    for node in root.children:
        if isinstance(node, Element) and node.tag in HEADINGS:
            position += 1
            level = HEADINGS[node.tag]
            heading_id = node.attrs.get("id", "")
            explicit = bool(heading_id) and not AUTO_ID_RE.match(heading_id)
            key = heading_id if explicit else f"#{position}"
            seen[key] = seen.get(key, 0) + 1
            if seen[key] > 1:
                key = f"{key}({seen[key]})"
            title = reader.element(node, "")[0].text
            line, cursor = _match_line(lines, cursor, level, heading_id if explicit else None, document.body_line if not sections else sections[-1].line)
            sections.append(RenderedSection(key, level, title, line, explicit, []))
        elif isinstance(node, Element) and "footnote" in node.classes:
            footnotes.extend(reader.blocks(node.children, "footnote > "))
        else:
            sections[-1].blocks.extend(reader.blocks([node]))
    if not sections[0].blocks:
        sections.pop(0)
    if footnotes:
        sections.append(RenderedSection(FOOTNOTES, 0, "", sections[-1].line if sections else document.body_line, False, footnotes))
    return RenderedPage(document.path, sections)


def _heading_lines(document: Document) -> list[tuple[int, int, str | None]]:
    """(line, level, explicit id) of each heading written in the Markdown, outside code and comments."""
    body = COMMENT_RE.sub(lambda m: "\n" * m.group(0).count("\n"), document.body)
    found: list[tuple[int, int, str | None]] = []
    fence: str | None = None
    lines = body.split("\n")
    for index, line in enumerate(lines):
        opener = FENCE_RE.match(line)
        if fence:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
            continue
        if opener:
            fence = opener.group(1)
            continue
        heading = parse_heading(line)
        if heading:
            found.append((document.body_line + index, heading[0], heading[2]))
        elif index + 1 < len(lines) and line.strip() and not line.startswith(("    ", "\t")) and SETEXT_RE.match(lines[index + 1]) and "|" not in line:
            found.append((document.body_line + index, 1 if lines[index + 1].strip()[0] == "=" else 2, None))
    return found


def _match_line(lines, cursor: int, level: int, heading_id: str | None, fallback: int) -> tuple[int, int]:
    for index in range(cursor, len(lines)):
        line, written_level, written_id = lines[index]
        if (heading_id and written_id == heading_id) or (not heading_id and written_level == level):
            return line, index + 1
    return fallback, cursor


def render_hash(renderer: Renderer, document: Document, page: str) -> str:
    return renderer.page(document, page).hash
