"""The site as built: every URL each language's build serves, and every page's rendering.

The build fills it from MkDocs' own files and rendered pages (one build per language
under mkdocs-static-i18n); `handbook check` fills it the same way without the theme.
A link is then judged as the browser follows it: resolved against the page's built
URL, then looked up here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from handbook.references.collect import Rendering


@dataclass(frozen=True, slots=True)
class BuiltFile:
    """One URL of the site and the source file it is built from."""

    build: str  # the language of the build that serves it
    url: str  # site-relative, as MkDocs gives it: "", "muu/", "en/muu/", "kuva.png"
    key: str  # the source path under docs/ ("fi/muu.md"), "" for theme files
    page: bool
    language: str = ""  # the language folder of the source file ("" without language folders)
    rel: str = ""  # the source path inside its language folder


def built_file(build: str, url: str, key: str, page: bool, languages: tuple[str, ...]) -> BuiltFile:
    """A file of one build; `key` is split into its language folder and the path inside it."""
    url = url[2:] if url.startswith("./") else url  # MkDocs writes the root page's URL as "./"
    head, _, rest = key.partition("/")
    if head in languages and head and rest:
        return BuiltFile(build, url, key, page, head, rest)
    return BuiltFile(build, url, key, page, "", key)


@dataclass(slots=True)
class BuiltPage:
    file: BuiltFile
    source: Path  # absolute path of the Markdown file
    rendering: Rendering

    @property
    def build(self) -> str:
        return self.file.build

    @property
    def key(self) -> str:
        return self.file.key


@dataclass
class Builds:
    """Every language build of one `mkdocs build` (or one `handbook check`)."""

    files: dict[str, BuiltFile] = field(default_factory=dict)  # URL -> file
    pages: dict[tuple[str, str], BuiltPage] = field(default_factory=dict)  # (build, key) -> page
    urls: dict[tuple[str, str], str] = field(default_factory=dict)  # (build, key) -> URL
    order: list[str] = field(default_factory=list)  # build languages in build order

    def add_file(self, file: BuiltFile) -> None:
        if file.build not in self.order:
            self.order.append(file.build)
        self.files.setdefault(file.url, file)
        if file.page and (file.url.endswith("/") or file.url == ""):
            self.files.setdefault(file.url + "index.html", file)
        if file.key:
            self.urls.setdefault((file.build, file.key), file.url)

    def add_page(self, page: BuiltPage) -> None:
        self.pages[(page.build, page.key)] = page

    def lookup(self, url: str) -> BuiltFile | None:
        """What the site serves at a site-relative URL path, as a web server would."""
        found = self.files.get(url)
        if found is None and url and not url.endswith("/"):
            found = self.files.get(url + "/")  # servers redirect a folder to its slash form
        return found

    def page(self, build: str, key: str) -> BuiltPage | None:
        return self.pages.get((build, key))

    def url(self, build: str, key: str) -> str | None:
        return self.urls.get((build, key))

    def renderings_of(self, key: str) -> list[BuiltPage]:
        """Every build that rendered the source file `key`, in build order."""
        return [self.pages[(build, key)] for build in self.order if (build, key) in self.pages]
