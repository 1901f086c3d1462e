"""MkDocs' own rendering of each page, kept between builds.

MkDocs converts every page's Markdown to HTML on every build (`Page.render`: a new
Markdown instance per page, then the conversion), though between two builds most pages'
inputs did not change. That conversion reads only:

* the page's Markdown as the page events left it (our notices included),
* the page's own address (`src_uri`, `url`, `dest_uri`),
* the address of every file of its language's build (a link is rewritten by the file it
  names, and by whether that file is a page and is included),
* the Markdown configuration (extensions and their options, as the translation track's
  pins key it: translation/markdown_fingerprint.py), MkDocs' `validation` settings,
* and the snippet files it includes (`Renderer.input_of`).

A rendering is kept in `.cache/handbook/page-renderings-<language>.pickle` (core/kept.py: the code's
and the text packages' versions are part of the file) under a digest of all of these,
with everything `Page.render` leaves on the page (content, table of contents, title from
the first heading, the ids present and the links to other pages' anchors) and what each
extension that watches the rendering saw (the reference check's `Collector`). A page
whose inputs are the same is not converted again: its kept rendering is put on the page
and the build goes on as if MkDocs had converted it. `tests/build/test_page_renderings.py`
proves that a warm site is byte for byte the cold one.

Never kept, so rendered on every build:
* a rendering during which anything was logged at INFO or above: a warning must be said
  again on every build (strict mode counts it), and a kept page would keep it quiet; nor
  one during which Python was warned (`warnings.warn`), whether or not it showed it
  (core/warned.py);
* a page whose includes cannot be known (`input_of` is None: `url_download`, snippets
  outside the project);
* any page, when an extension that watches the rendering cannot say what it saw
  (no `seen`/`replay`), or when the site uses a Markdown extension not known to read only
  the page's text and its options (`READS_ONLY_ITS_TEXT`): Material's icons inline SVG
  files, `pymdownx.b64` embeds the images themselves, a third-party extension may read
  anything; their pages are converted on every build, as MkDocs does;
* a rendering made while MkDocs' page logger would not show warnings (`mkdocs build -q`):
  its warnings were never made, so its silence says nothing.

Whether MkDocs records the links to other pages' anchors (only when its page logger is
above DEBUG, so not under `-v`) is part of the key: a verbose build and a plain one
differ in what MkDocs validates after the pages are rendered. So is whether it shows INFO
(`mkdocs build` does; MkDocs called from Python, as in benchmarks/hook_events.py, does not
unless told).
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from pathlib import Path

from mkdocs.structure.pages import Page

from handbook.core import BuildHook, handbook_logger
from handbook.core.kept import Kept, key_of, packed, unpacked
from handbook.core.warned import Warned, noting_warnings
from handbook.translation.markdown_config import from_mkdocs_config
from handbook.translation.rendering import Renderer

# The files under .cache/handbook/ that keep the pages' renderings between builds.
KEPT_PAGE_RENDERINGS = "page-renderings"


def kept_file_name(language: str | None) -> str:
    """One file per language's build: `page-renderings-fi`, `page-renderings-en`."""
    return f"{KEPT_PAGE_RENDERINGS}-{language or 'site'}"


# Extensions whose output is a function of the page's text and their options alone
# (snippets: with the digest of the snippet files, `Renderer.input_of`). Python-Markdown's
# own, then pymdown-extensions'; MkDocs names Python-Markdown's without their module.
READS_ONLY_ITS_TEXT = frozenset(
    "abbr admonition attr_list codehilite def_list extra fenced_code footnotes legacy_attrs legacy_em "
    "md_in_html meta nl2br sane_lists smarty tables toc wikilinks".split()
) | frozenset(
    f"pymdownx.{name}" for name in (
        "arithmatex betterem caret critic details escapeall extra fancylists highlight inlinehilite keys "
        "magiclink mark pathconverter progressbar saneheaders smartsymbols snippets striphtml superfences "
        "tabbed tasklist tilde blocks.admonition blocks.caption blocks.definition blocks.details "
        "blocks.html blocks.tab"
    ).split()
)
# MkDocs' logger of page rendering: link warnings, and whether anchors are recorded.
PAGES_LOG = logging.getLogger("mkdocs.structure.pages")

log = handbook_logger("renderings")


@dataclass
class KeptRendering:
    """What `Page.render` leaves on a page, and what the watching extensions saw."""

    content: str
    toc: object
    title: str | None
    anchor_ids: set[str] | None
    anchor_links: dict[str, dict[str, str]] | None  # by the linked file's src_uri
    seen: list


class _Said(logging.Handler, Warned):
    """Notes whether anything reached a handler at INFO or above (and, as a `Warned`,
    whether Python was warned: core/warned.py)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.said = False

    def emit(self, record: logging.LogRecord) -> None:
        self.said = True


class LanguageRenderings:
    """One language's build: binds each page's `render` to the kept renderings."""

    def __init__(self, kept: Kept, root: Path) -> None:
        self.kept = kept
        self.root = root
        self.renderer: Renderer | None = None
        self._addresses: tuple[object, str] | None = None
        self.renders = 0  # conversions actually run
        self.restored = 0

    def settings_from(self, config) -> None:
        """The Markdown configuration as the pages are rendered with it: read at the first
        page, once every plugin and hook has had its say in on_config and on_pre_build."""
        self.renderer = Renderer(from_mkdocs_config(config), root=self.root)  # its fingerprint and snippet digest
        self.watchers = [extension for extension in config["markdown_extensions"] if getattr(extension, "observes_only", False)]
        self.keeps = all(callable(getattr(watcher, "seen", None)) and callable(getattr(watcher, "replay", None)) for watcher in self.watchers)
        self.keeps = self.keeps and all(_reads_only_its_text(extension) for extension in config["markdown_extensions"] if extension not in self.watchers)
        # A build that would not show warnings (-q) made none to notice: nothing it renders is
        # kept. One that shows no INFO (MkDocs called from Python) keeps its own: a rendering
        # silent there may have said something at INFO that a `mkdocs build` would show.
        self.records = PAGES_LOG.isEnabledFor(logging.WARNING) and logging.getLogger().isEnabledFor(logging.WARNING)
        shows_info = PAGES_LOG.isEnabledFor(logging.INFO)
        watching = tuple(f"{type(watcher).__module__}.{type(watcher).__qualname__}" for watcher in self.watchers)
        anchors = PAGES_LOG.getEffectiveLevel() > logging.DEBUG  # MkDocs' own condition in Page.render
        self.settings = (self.renderer.fingerprint, repr(config["validation"]), bool(config["use_directory_urls"]), watching, anchors, shows_info)

    def bind(self, page: Page) -> None:
        # An attribute of this page only: MkDocs' _populate_page calls page.render(config,
        # files). A kind of page with a render of its own is left to it.
        if type(page).render is Page.render:
            page.render = functools.partial(self.render, page)

    def render(self, page: Page, config, files) -> None:
        key = self._key(page, config, files)
        if key is not None:
            found = self.kept.get(key)
            if found is not None and self._restore(page, files, found):
                self.restored += 1
                return
        said = _Said()
        loggers = {logging.getLogger(), logging.getLogger("mkdocs")}
        for logger in loggers:
            logger.addHandler(said)
        try:
            with noting_warnings(said):
                Page.render(page, config, files)
        finally:
            for logger in loggers:
                logger.removeHandler(said)
        self.renders += 1
        if key is None or said.said or not self.records:
            return
        seen = [watcher.seen(page.markdown) for watcher in self.watchers]
        if any(item is None for item in seen):
            return
        anchor_links = None
        if page.links_to_anchors is not None:
            anchor_links = {file.src_uri: dict(links) for file, links in page.links_to_anchors.items()}
        kept = KeptRendering(page.content, page.toc, page._title_from_render, page.present_anchor_ids, anchor_links, seen)
        self.kept.put(key, packed(kept))

    def _key(self, page: Page, config, files) -> str | None:
        if self.renderer is None:
            self.settings_from(config)
        if not self.keeps or not isinstance(page.markdown, str):
            return None
        included = self.renderer.input_of(page.markdown)
        if included is None:
            return None
        file = page.file
        return key_of(self.settings, file.src_uri, file.url, file.dest_uri, self._addresses_of(files), page.markdown, included)

    def _addresses_of(self, files) -> str:
        # Once per language's build: every file's address, as links are rewritten by them.
        if self._addresses is None or self._addresses[0] is not files:
            digest = key_of(*((file.src_uri, file.url, file.is_documentation_page(), file.inclusion.name) for file in files))
            self._addresses = (files, digest)
        return self._addresses[1]

    def _restore(self, page: Page, files, found: bytes) -> bool:
        kept = unpacked(found, KeptRendering)  # one that does not load is rendered again
        if kept is None or len(kept.seen) != len(self.watchers):
            return False
        links_to_anchors = None
        if kept.anchor_links is not None:
            links_to_anchors = {}
            for src_uri, links in kept.anchor_links.items():
                target = files.get_file_from_path(src_uri)
                if target is None:
                    return False
                links_to_anchors[target] = links
        page.content, page.toc, page._title_from_render = kept.content, kept.toc, kept.title
        page.present_anchor_ids = kept.anchor_ids
        if links_to_anchors is not None:
            page.links_to_anchors = links_to_anchors
        for watcher, seen in zip(self.watchers, kept.seen):
            watcher.replay(page.markdown, seen)
        return True


def _reads_only_its_text(extension) -> bool:
    if not isinstance(extension, str):
        return False  # an Extension object: what it reads is its own affair
    name = extension.split(":", 1)[0].removeprefix("markdown.extensions.")
    return name in READS_ONLY_ITS_TEXT


class PageRenderingsHook(BuildHook):
    """Keeps MkDocs' rendering of each page between builds, one file per language's build:
    the Finnish pages' renderings are saved and let go of before the English pages are
    built (mkdocs-static-i18n builds English inside the Finnish build's last event)."""

    def reset(self) -> None:
        self.kept: Kept | None = None
        self.language: LanguageRenderings | None = None
        self.renders = 0  # pages converted and pages whose kept rendering was used, this build
        self.restored = 0

    def start(self, config) -> None:
        self.root = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
        self._open(config)

    def language_started(self, config) -> None:
        # mkdocs-static-i18n's nested build: another configuration (its own theme language,
        # perhaps other options), so its own settings and its own file.
        if self.kept is not None:
            self._close()
            self._open(config)

    def _open(self, config) -> None:
        self.kept = Kept.for_project(self.root, kept_file_name(config.theme.get("language")))
        self.language = LanguageRenderings(self.kept, self.root)

    def _close(self) -> None:
        self._count()
        self.kept.save()
        self.kept.release()

    def on_pre_page(self, page, config, files):
        if self.language is not None:
            self.language.bind(page)
        return page

    def finish(self, config) -> None:
        if self.kept is not None:
            self._close()
            log.debug(f"{self.renders} page(s) converted, {self.restored} kept rendering(s) used")
            self.language = None

    def _count(self) -> None:
        if self.language is not None:
            self.renders += self.language.renders
            self.restored += self.language.restored
            self.language.renders = self.language.restored = 0
