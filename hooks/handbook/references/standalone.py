"""`handbook check` without a build: MkDocs renders every page's Markdown, nothing else.

Each language gets the files its build would have under mkdocs-static-i18n's folder
layout (its own pages, the default language's page where it has none), and every page
is rendered by MkDocs' own `Page.render` with the configured extensions and link
rewriting. No theme, no templates, no site is written. `tests/build/test_reference_check.py`
proves that the URLs, links and ids come out as in a real build.

What each page rendered to is kept in `.cache/handbook/check-renderings.pickle`
(core/kept.py), keyed by everything MkDocs' rendering of it reads: the page's text, its
language, its address, every address of its language's files (a link is rewritten by
the file it names), the Markdown configuration and MkDocs' link validation settings. So
after an edit of a few pages only those are rendered again; a page that includes a
snippet is kept with the digest of every snippet file (rendered afresh when what it
includes cannot be known: translation/snippet_inputs.py, `snippet_state`).
"""

from __future__ import annotations

import posixpath
from pathlib import Path

import markdown
from mkdocs.structure.files import File, Files, InclusionLevel, get_files
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from handbook.core import relative_to_root
from handbook.core.kept import Kept, key_of, packed, unpacked
from handbook.document import store
from handbook.references.built import Builds, BuiltPage, built_file
from handbook.references.collect import Collector, Rendering
from handbook.references.settings import Settings
from handbook.translation.markdown_config import from_mkdocs_config
from handbook.translation.rendering import Renderer

# The file under .cache/handbook/ that keeps each page's rendering between checks.
KEPT_RENDERINGS = "check-renderings"


class LanguageFiles(Files):
    """One language's files; a link to `x.md` finds the language's page, else the default's.

    The same lookup order as mkdocs-static-i18n's folder mode with fallback_to_default."""

    def __init__(self, files: list[File], language: str, default: str, fallback: bool) -> None:
        super().__init__(files)
        self.language, self.default, self.fallback = language, default, fallback

    def get_file_from_path(self, path: str) -> File | None:
        path = "index.md" if path in ("", ".") else path
        head, _, rest = path.partition("/")
        if head == self.language and rest:
            candidates = [path, f"{self.default}/{rest}", rest]
        elif head == self.default and rest:
            candidates = [path, f"{self.language}/{rest}", rest]
        else:
            candidates = [f"{self.language}/{path}", f"{self.default}/{path}", path]
        if not self.fallback:
            candidates = [candidate for candidate in candidates if not candidate.startswith(f"{self.default}/") or self.language == self.default]
        for candidate in candidates:
            found = self.src_uris.get(candidate)
            if found is not None:
                return found
        return None


def language_files(config, settings: Settings, sources: Files, language: str) -> LanguageFiles:
    """The files one language's build has, each with the address the build gives it."""
    default = settings.default
    own: dict[str, File] = {}
    fallback: dict[str, File] = {}
    shared: dict[str, File] = {}
    for file in sources:
        head, _, rest = file.src_uri.partition("/")
        if head == language and rest:
            own[rest] = file
        elif head == default and rest:
            fallback[rest] = file
        elif head not in settings.languages or not rest:
            shared[file.src_uri] = file
    built: list[File] = []

    def add(file: File, dest: str) -> None:
        built.append(File(file.src_path, config["docs_dir"], config["site_dir"], config["use_directory_urls"], dest_uri=dest, inclusion=file.inclusion))

    prefix = "" if language == default else f"{language}/"
    for file in own.values():
        add(file, prefix + _without_folder(file.dest_uri, language))
    if settings.fallback_to_default:
        for inside, file in fallback.items():
            if inside not in own:
                # A page is built again in this language; an asset stays where the default built it.
                add(file, (prefix if file.is_documentation_page() else "") + _without_folder(file.dest_uri, default))
    for file in shared.values():
        add(file, (prefix if file.is_documentation_page() else "") + file.dest_uri)
    return LanguageFiles(built, language, default, settings.fallback_to_default)


def _without_folder(dest_uri: str, folder: str) -> str:
    return dest_uri[len(folder) + 1 :] if folder and dest_uri.startswith(folder + "/") else dest_uri


def render_site(settings: Settings, raw: list) -> Builds:
    """Every page of every language rendered as its build renders it, without the theme."""
    config = settings.config
    collector = Collector(lenient_snippets=True)
    builds = Builds()
    documents = store.current()
    all_files = get_files(config)
    kept = Kept.for_project(settings.root, KEPT_RENDERINGS)
    site_markdown = Renderer(from_mkdocs_config(config), root=settings.root)  # its configuration, as the pins key it
    markdown_key = (site_markdown.fingerprint, repr(config["validation"]))
    config["markdown_extensions"].append(collector)
    try:
        for language in settings.languages:
            files = language_files(config, settings, all_files, language) if language else all_files
            for file in files:
                if file.inclusion.is_excluded():
                    continue
                builds.add_file(built_file(language, file.url, file.src_uri if _in_docs(file, config) else "", file.is_documentation_page(), settings.languages))
            addresses = key_of(*((file.src_uri, file.url, file.is_documentation_page(), file.inclusion.name) for file in files))
            for file in files.documentation_pages(inclusion=InclusionLevel.is_included):
                path = Path(file.abs_src_path)
                text = documents.text(path)
                if not isinstance(text, str):
                    continue  # reported once when the pages were read
                included = site_markdown.input_of(text)  # the snippets' digest, for a page that includes any
                key = key_of(markdown_key, language, file.src_uri, file.url, addresses, text, included) if included is not None else None
                found = kept.get(key) if key else None
                rendering = unpacked(found, Rendering)
                if rendering is None:
                    found = None  # not there, or not loadable: rendered again
                    page = Page(None, file, config)
                    page.markdown, page.meta = get_data(text)
                    shown = relative_to_root(path, settings.root)
                    try:
                        page.render(config, files)
                    except Exception as error:  # one line for the page, the other pages still checked
                        raw.append(("unreadable-file", shown, 0, 0, f"cannot be rendered: {type(error).__name__}: {error}"))
                        continue
                    rendering = collector.take(page.markdown) or Rendering()
                # Kept as bytes: the checker may annotate the rendering it is given.
                if key:
                    kept.put(key, found or packed(rendering))
                builds.add_page(BuiltPage(built_file(language, file.url, file.src_uri, True, settings.languages), path, rendering))
    finally:
        config["markdown_extensions"].remove(collector)
    kept.save()
    return builds


def _in_docs(file: File, config) -> bool:
    return bool(file.abs_src_path) and posixpath.commonpath([Path(file.abs_src_path).as_posix(), Path(config["docs_dir"]).as_posix()]) == Path(config["docs_dir"]).as_posix()


def renderer(config):
    """Render a changed copy of a page's Markdown with the site's extensions (no link rewriting)."""

    def render(text: str) -> Rendering | None:
        body, _ = get_data(text)
        collector = Collector(lenient_snippets=True)
        extensions = [extension for extension in config["markdown_extensions"] if not isinstance(extension, Collector)]
        try:
            markdown.Markdown(extensions=[*extensions, collector], extension_configs=config["mdx_configs"] or {}).convert(body)
        except Exception:  # a copy that does not render tells nothing: keep every place
            return None
        return collector.renderings[-1] if collector.renderings else None

    return render
