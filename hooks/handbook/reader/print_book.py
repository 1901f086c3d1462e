"""Pure helpers for the printable whole handbook (hooks/print_handbook.py).

The chapters' rendered HTML is put one after another on one page. Two things must be
rewritten so the combined page still works:

* ids (and the attributes that point at ids) get the chapter's key as a prefix, so
  two chapters' `#johdanto` headings, footnotes or tab sets cannot collide;
* links are written relative to their own chapter: a link to another chapter becomes
  an in-page anchor, a link to anything else is made relative to the print page.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html import escape
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Chapter:
    url: str  # MkDocs' page.url, relative to the site root: "" or "teoria/desistanssi/"
    title: str
    html: str
    language: str | None = None  # set when the text's language differs from the page's
    notice: str = ""  # what the page's translation notice says, in the print's language
    notice_language: str = "en"


# Attributes holding one id, a list of ids, or a radio-group name (tab sets).
_ID_ATTRIBUTE = re.compile(r'(\s(?:id|for)=")([^"]+)(")')
_ID_LIST_ATTRIBUTE = re.compile(r'(\s(?:aria-labelledby|aria-describedby|aria-controls|aria-owns)=")([^"]+)(")')
_TAB_GROUP = re.compile(r'(\sname=")(__tabbed_[^"]*)(")')
_LINK_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')


def chapter_key(url: str) -> str:
    """A readable, unique anchor for a chapter from its URL: `teoria-desistanssi`."""
    path = url.strip("/")
    if path.endswith("index.html"):
        path = path[: -len("index.html")].strip("/")
    if path.endswith(".html"):
        path = path[: -len(".html")]
    return "luku-" + (path.replace("/", "-") or "etusivu")


def site_path(url: str) -> str:
    """`/teoria/desistanssi/` for "teoria/desistanssi/", "teoria/desistanssi/index.html"."""
    path = "/" + url.lstrip("/")
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return path


def rewrite_link(href: str, chapter: Chapter, chapters_by_path: dict[str, str], print_url: str) -> str:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "tel:", "data:")):
        return href
    key = chapter_key(chapter.url)
    if not parts.path:  # "#anchor" inside the same chapter
        return f"#{key}--{parts.fragment}" if parts.fragment else f"#{key}"
    base = site_path(chapter.url)
    directory = base if base.endswith("/") else posixpath.dirname(base) + "/"
    target = posixpath.normpath(posixpath.join(directory, parts.path))
    if parts.path.endswith("/") and not target.endswith("/"):
        target += "/"
    target = site_path(target)
    if target in chapters_by_path:
        target_key = chapters_by_path[target]
        return f"#{target_key}--{parts.fragment}" if parts.fragment else f"#{target_key}"
    print_directory = site_path(print_url)
    if not print_directory.endswith("/"):
        print_directory = posixpath.dirname(print_directory) + "/"
    relative = posixpath.relpath(target, print_directory)
    if target.endswith("/") and not relative.endswith("/"):
        relative += "/"
    suffix = (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
    return relative + suffix


def chapter_html(chapter: Chapter, chapters_by_path: dict[str, str], print_url: str) -> str:
    key = chapter_key(chapter.url)
    html = _ID_ATTRIBUTE.sub(lambda m: f"{m[1]}{key}--{m[2]}{m[3]}", chapter.html)
    html = _ID_LIST_ATTRIBUTE.sub(lambda m: m[1] + " ".join(f"{key}--{i}" for i in m[2].split()) + m[3], html)
    html = _TAB_GROUP.sub(lambda m: f"{m[1]}{key}--{m[2]}{m[3]}", html)
    html = _LINK_ATTRIBUTE.sub(lambda m: m[1] + rewrite_link(m[2], chapter, chapters_by_path, print_url) + m[3], html)
    title = "" if re.search(r"<h1[\s>]", html) else f"<h1>{escape(chapter.title)}</h1>\n"
    language = f' lang="{escape(chapter.language)}"' if chapter.language else ""
    if chapter.notice:
        # On paper too, a reader learns that a chapter is not a current translation: under
        # its title, in the print's language (a Finnish stand-in chapter is lang="fi").
        notice = f'<p class="handbook-chapter-notice" lang="{escape(chapter.notice_language)}">{escape(chapter.notice)}</p>\n'
        if title:
            title += notice
        else:
            html = re.sub(r"(</h1>)", lambda m: m[1] + "\n" + notice, html, count=1)
    return f'<section class="handbook-chapter" id="{key}"{language}>\n{title}{html}\n</section>'


def combine_chapters(chapters: list[Chapter], print_url: str) -> str:
    """The chapters' HTML in the given order, with unique ids and working links."""
    chapters_by_path = {site_path(chapter.url): chapter_key(chapter.url) for chapter in chapters}
    return "\n".join(chapter_html(chapter, chapters_by_path, print_url) for chapter in chapters)


def duplicate_ids(*parts: str) -> list[str]:
    """Ids that occur more than once in the HTML `parts` together (the combined page must
    have none); each part is whole tags."""
    seen: dict[str, int] = {}
    for html in parts:
        for match in re.finditer(r'\sid="([^"]+)"', html):
            seen[match[1]] = seen.get(match[1], 0) + 1
    return sorted(name for name, count in seen.items() if count > 1)
