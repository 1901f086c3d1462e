"""Every page as MkDocs reads it, before anything renders: text, bad input, snippet includes.

Bad input costs one line and nothing else: a page that is not UTF-8, cannot be read,
is empty or has broken front matter gives one `path:line: message` and every other
page is still checked. Missing snippets are listed here, with their lines, before
pymdownx.snippets would stop the build at the first one.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from handbook.core import relative_to_root
from handbook.document import store
from handbook.document.source import parse_document
from handbook.references.locate import SourceMap
from handbook.references.pages import Origin, Site
from handbook.references.settings import _PAGE_SUFFIXES, Settings

# MkDocs' own test for front matter (mkdocs.utils.meta.YAML_RE): a page whose first line is
# `---` without a closing line is rendered with that line as a rule and the rest as text.
_UNCLOSED_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(?![\s\S]*^(?:-{3}|\.{3})[ \t]*$)", re.MULTILINE)


@dataclass(slots=True)
class PageSource:
    """One page's text as MkDocs renders it (snippets expanded), for locating what it renders."""

    key: str  # "fi/muu.md"
    path: Path
    shown: str  # "docs/fi/muu.md"
    text: str
    origins: list[Origin] | None = None  # set when snippets were expanded into `text`

    def source_map(self, render=None) -> SourceMap:
        return SourceMap(self.text, self.shown, self.origins, render)


def shown_path(path: Path, root: Path) -> str:
    """`docs/fi/x.md` for messages: the path as the author sees it (a symlink is not followed)."""
    try:
        return Path(os.path.abspath(path)).relative_to(Path(os.path.abspath(root))).as_posix()
    except ValueError:
        return relative_to_root(path, root)


def read_text(path: Path, shown: str, findings: list) -> str | None:
    """The file's text from the build's document store (read once per build, as MkDocs reads it)."""
    text = store.current().text(path)
    if isinstance(text, store.Unreadable):
        findings.append(("unreadable-file", shown, text.line, 0, text.reason))
        return None
    return text


def read_pages(settings: Settings, site: Site, findings: list) -> dict[str, PageSource]:
    """Every Markdown page of every language, by its path under docs/; bad input reported."""
    from handbook.references.snippets import expand_snippets

    sources: dict[str, PageSource] = {}
    for language in settings.languages:
        for rel in sorted(site.files[language]):
            if not rel.endswith(_PAGE_SUFFIXES):
                continue
            key = site.docs_key(language, rel)
            path = settings.docs_dir / key
            shown = shown_path(path, settings.root)
            text = read_text(path, shown, findings)
            if text is None:
                continue
            check_front_matter(text, shown, findings)
            source = PageSource(key, path, shown, text)
            if settings.snippets and "8<" in text:
                expansion = expand_snippets(text, shown, site, findings)
                if expansion.included:
                    source.text, source.origins = "\n".join(expansion.lines), expansion.origins
            sources[key] = source
    return sources


def check_front_matter(text: str, shown: str, findings: list) -> None:
    """Front matter MkDocs cannot read, and pages with nothing for readers."""
    document = parse_document(text, shown)
    for problem in document.problems:
        findings.append(("unreadable-file", problem.path, problem.line, 0, problem.message))
    if _UNCLOSED_FRONT_MATTER.match(text):
        findings.append(("unreadable-file", shown, 1, 0, "front matter starts with '---' but has no closing '---' line, so readers see it as text"))
    elif not text.strip():
        findings.append(("unreadable-file", shown, 1, 0, "the page is empty, so readers get a blank page"))
    elif not document.problems and not document.body.strip():
        findings.append(("unreadable-file", shown, document.body_line, 0, "the page has front matter but no text, so readers get a blank page"))
