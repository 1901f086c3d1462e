"""Live preview: a page whose template would be given what it was given in the last
rebuild gets the HTML it got then, without the theme rendering it again.

Under `make serve` every save rebuilds both languages, and the theme renders every page
again (Material's navigation alone holds every page's title): over a third of a preview
rebuild of the handbook, though a save changes one page's text and, with it, the few
pages that show it (its translation's notice, the status page, the printable handbook).

A page's HTML from the theme is a function of three things, and a page is given its
last HTML only when all three are as they were:

* the page's template context, down to its plain values: the page itself (its text as
  HTML, table of contents, front matter, addresses and file), the navigation (every
  page's title, address and front matter), the configuration, and every value the hooks
  and plugins add to the context. A value of a kind this module does not know makes the
  page render as before (`Unkeyable`);
* every template the last rebuild loaded: each must still be found in the same file,
  with the same text (an override added in front of one of Material's is found);
* the Jinja environment's filters, tests and globals (their code, not their names only).

The theme's templates read other pages only through the navigation (titles, addresses,
front matter), never another page's text or table of contents; the printable handbook
puts the chapters into its own page's text. `tests/build/test_preview_pages.py` builds
every realistic edit both ways and compares the sites byte for byte, and fails if a theme
template starts to read another page's text.

What a page is given after the theme (every `on_post_page` pass: notices, the privacy
guard, the printable handbook's chapters) runs as before. Nothing is written to disk;
only the last rebuild's pages are held (one HTML string a page).
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass

import jinja2
import mkdocs.plugins
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from handbook.core.context_digest import Digest, Unkeyable
from handbook.core.findings import handbook_logger
from handbook.core.lifecycle import BuildHook
from handbook.core.templates import describe_function

log = handbook_logger("preview")

class PreviewPagesHook(BuildHook):
    """Keeps the last rebuild's page HTML (by key) while `mkdocs serve` runs."""

    def __init__(self) -> None:
        self.pages = KeptPages()
        super().__init__()

    def on_startup(self, command: str, dirty: bool) -> None:
        super().on_startup(command, dirty)
        self.pages.clear()

    def on_shutdown(self) -> None:
        self.pages.clear()

    def on_build_error(self, error: Exception) -> None:
        super().on_build_error(error)
        self.pages.clear()  # a rebuild that failed half-way: the next starts from nothing

    # After every other on_env: the environment has all its filters and globals.
    @mkdocs.plugins.event_priority(-100)
    def on_env(self, env: jinja2.Environment, config, files) -> jinja2.Environment:
        if self.serving:
            self.pages.bind(env, config)
        return env

    # With every hook's on_post_build: after mkdocs-static-i18n's (-100), which runs the
    # other language's build, so the outermost build ends after every language.
    @mkdocs.plugins.event_priority(-200)
    def on_post_build(self, config) -> None:
        self.pages.language_done(config)
        super().on_post_build(config)

    def finish(self, config) -> None:
        self.pages.rebuild_done()


class KeptPages:
    """The HTML the theme made in the last complete rebuild, and what it was made from."""

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        self.last: dict[bytes, str] = {}  # key -> HTML, from the last complete rebuild
        self.now: dict[bytes, str] = {}
        self.loaded_last: dict[str, tuple[str | None, str]] | None = None  # template -> (file, digest)
        self.loaded_now: dict[str, tuple[str | None, str]] = {}
        self.languages: dict[int, LanguageKeys] = {}  # id(config) -> that build's keys
        self.kept = self.made = 0
        self.counts = (0, 0)  # pages kept and pages rendered by the last rebuild

    def bind(self, env: jinja2.Environment, config) -> None:
        keys = LanguageKeys(self, env, config)
        self.languages[id(config)] = keys
        env.loader = LoadedTemplates(env.loader, self)
        env.template_class = KeptOutputTemplate
        env.handbook_preview_pages = keys

    def template_loaded(self, name: str, filename: str | None, source: str) -> None:
        found = (filename, _text_digest(source))
        if self.loaded_now.setdefault(name, found) != found:
            self.loaded_now[name] = (None, "changed during the rebuild")

    def templates_unchanged(self, loader: jinja2.BaseLoader, env: jinja2.Environment) -> bool:
        """Every template the last rebuild loaded is found in the same file with the same text."""
        if self.loaded_last is None:
            return False
        for name, (filename, digest) in self.loaded_last.items():
            if filename is None:
                return False
            try:
                source, found, _ = loader.get_source(env, name)
            except jinja2.TemplateNotFound:
                return False
            if found != filename or _text_digest(source) != digest:
                return False
        return True

    def language_done(self, config) -> None:
        keys = self.languages.pop(id(config), None)
        if keys is not None and not keys.unchanged_since_first_page():
            # A hook changed the configuration or the navigation while pages rendered: the
            # keys made before the change would not say so. Nothing of this language is kept.
            for key in keys.made:
                self.now.pop(key, None)

    def rebuild_done(self) -> None:
        if self.kept or self.made:
            log.debug(f"preview: {self.kept} page(s) kept from the last rebuild, {self.made} rendered")
        self.last, self.now = self.now, {}
        self.loaded_last, self.loaded_now = self.loaded_now, {}
        self.languages.clear()
        self.counts = (self.kept, self.made)
        self.kept = self.made = 0


class LoadedTemplates(jinja2.BaseLoader):
    """The theme's loader, noting every template a rebuild loads and where it was found."""

    def __init__(self, loader: jinja2.BaseLoader, pages: KeptPages) -> None:
        self.loader, self.pages = loader, pages

    def get_source(self, environment, template):
        source, filename, uptodate = self.loader.get_source(environment, template)
        self.pages.template_loaded(template, filename, source)
        return source, filename, uptodate

    def list_templates(self):
        return self.loader.list_templates()


class KeptOutputTemplate(jinja2.Template):
    """A template whose renders of a page are looked up by their key first."""

    def render(self, *args, **kwargs) -> str:
        keys = getattr(self.environment, "handbook_preview_pages", None)
        if keys is None:
            return super().render(*args, **kwargs)
        context = dict(*args, **kwargs)
        return keys.render(self, context, lambda: jinja2.Template.render(self, context))


class LanguageKeys:
    """The keys of one language's build: what all its pages share is digested once, at the
    first page (and again when the language is done, to see that no hook changed it)."""

    def __init__(self, pages: KeptPages, env: jinja2.Environment, config) -> None:
        self.pages, self.env, self.config = pages, env, config
        self.made: list[bytes] = []
        self.shared: bytes | None = None  # None until the first page; b"" when nothing can be kept
        self.nav: Navigation | None = None
        self.files: list = []  # the context's `pages` (every page's File), the same for each page
        self.reads = TemplateReads(True, None)

    def render(self, template: jinja2.Template, context: dict, render) -> str:
        key = self._key(template, context) if isinstance(context.get("page"), Page) else None
        if key is None:
            return render()
        html = self.pages.last.get(key)
        if html is None:
            html = render()
            self.pages.made += 1
        else:
            self.pages.kept += 1
        self.pages.now[key] = html
        self.made.append(key)
        return html

    def _key(self, template: jinja2.Template, context: dict) -> bytes | None:
        if self.shared is None:
            self._first_page(context)
        files = context.get("pages")
        if not self.shared or context.get("nav") is not self.nav or context.get("config") is not self.config:
            return None
        if not isinstance(files, list) or len(files) != len(self.files) or any(a is not b for a, b in zip(files, self.files)):
            return None
        try:
            digest = Digest(self.reads.other_meta)
            digest.add(self.shared)
            digest.add(template.name)
            for name in sorted(context):
                if name in _SHARED or (name == "build_date_utc" and not self.reads.build_time):
                    continue
                digest.add(name)
                digest.add(context[name], current=True)
            # mkdocs-static-i18n sets the language links of `extra` for each page.
            digest.add(self.config.get("extra"))
            return digest.value()
        except Unkeyable as error:
            log.debug(f"preview: {context['page'].file.src_uri} rendered again ({error})")
            return None

    def _first_page(self, context: dict) -> None:
        self.nav = context.get("nav")
        files = context.get("pages")
        self.files = list(files) if isinstance(files, list) else []
        if not self.pages.templates_unchanged(self.env.loader.loader, self.env):
            self.pages.last.clear()
        self.reads = theme_reads(self.env, self.config)
        self.shared = self._shared()

    def _shared(self) -> bytes:
        try:
            digest = Digest(self.reads.other_meta)
            for name in sorted(self.config):
                if name != "extra":
                    digest.add(name)
                    digest.add(self.config[name])
            digest.add(self.nav)
            digest.add(self.files)
            env = self.env
            for kind, functions in (("filter", env.filters), ("test", env.tests)):
                for name in sorted(functions):
                    digest.add(f"{kind}:{name}={describe_function(functions[name])}")
            for name in sorted(env.globals):
                digest.add(name)
                digest.add(env.globals[name])
            return digest.value()
        except Unkeyable as error:
            log.debug(f"preview: every page rendered again ({error})")
            return b""

    def unchanged_since_first_page(self) -> bool:
        return not self.shared or self._shared() == self.shared


# Context values digested once per language (LanguageKeys._shared), not for each page.
_SHARED = frozenset({"config", "nav", "pages"})


@dataclass(frozen=True)
class TemplateReads:
    build_time: bool  # a page may show the time of the build
    other_meta: frozenset[str] | None  # the front matter shown of other pages; None: any of it


_OTHER_META = re.compile(r"(?<![\w.'\"])(\w+)\.meta\b(\s*\.\s*\w+|\s*(?:and|or|%\}|\}\}))?")


def theme_reads(env: jinja2.Environment, config) -> TemplateReads:
    """What the theme's templates read, from their text: whether a page may show the time
    of the build (which MkDocs gives every render anew, so a key with it is never found
    again) and which front matter of other pages (`nav_item.meta.icon`) they show. A
    template that reads another page's front matter in a way not named here (`item.meta`
    given to a macro, `item.meta[name]`) makes all of it part of the key, and a filter or
    global outside MkDocs, Jinja and Material given the whole context may show anything."""
    build_time, other_meta = False, set()
    for function in (*env.filters.values(), *env.globals.values()):
        passes = getattr(getattr(function, "jinja_pass_arg", None), "name", "")
        if passes == "context" and str(getattr(function, "__module__", "")).split(".")[0] not in ("mkdocs", "jinja2", "material"):
            return TemplateReads(True, None)
    for folder in config.theme.dirs:
        for name in _template_files(folder):
            try:
                with open(name, encoding="utf-8", errors="replace") as handle:
                    text = handle.read()
            except OSError:
                return TemplateReads(True, None)
            build_time = build_time or "build_date_utc" in text
            for owner, after in _OTHER_META.findall(text):
                if owner == "page":  # the page rendered, digested whole
                    continue
                key = after.strip().lstrip(".").strip() if after.strip().startswith(".") else ""
                if not after or key in ("get", "items", "keys", "values"):
                    return TemplateReads(True, None)
                if key:
                    other_meta.add(key)
    return TemplateReads(build_time, frozenset(other_meta))


def _template_files(folder: str) -> list[str]:
    found = []
    for where, folders, names in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]  # Material's icons
        found.extend(os.path.join(where, name) for name in names if name.endswith((".html", ".xml", ".j2", ".jinja")))
    return found


def _text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
