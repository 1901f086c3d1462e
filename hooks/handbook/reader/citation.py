"""The citation of one page: APA-style text for readers, BibTeX and RIS files for their
reference managers. Pure functions; the words come from words/citation.yml and dates.yml.

A citation names the organisation, the date the page's text last changed (when git
vouches for it), the page title, the handbook in the page's language, its edition and
the language of the text, and the edition's permanent address: `/<edition>/...`, never
an alias such as `/latest/`, which moves to the next edition.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

# Language names as biblatex (babel) spells them; other codes are given as they are.
BIBLATEX_LANGUAGES = {"fi": "finnish", "en": "english", "sv": "swedish"}


@dataclass(frozen=True)
class PageCitation:
    organisation: str | None
    handbook: str  # site_name of the page's language
    edition: str | None  # None: the working version
    title: str
    language: str  # of the text: a Finnish page standing in for a missing translation is "fi"
    url: str | None  # the permanent address; None without site_url
    changed: datetime | None  # the committed date of the text's last change


def permanent_url(site_url: str | None, edition_folder: str | None, page_url: str) -> str | None:
    """site_url + edition folder + page URL. mike has already put the edition on
    site_url while it builds one (without a trailing slash); it is not added twice."""
    if not site_url:
        return None
    base = site_url.rstrip("/")
    if edition_folder and not base.endswith("/" + edition_folder):
        base += "/" + edition_folder
    return f"{base}/{page_url}"


def citation_key(citation: PageCitation, page_path: str, page_language: str) -> str:
    """An ASCII key, one per page, edition and language the page is read in:
    `helsinkimissio-2026-teoria-desistanssi-fi` (page_path without `.md`)."""
    parts = [citation.organisation or citation.handbook, citation.edition or "working", page_path or "index", page_language]
    return "-".join(_slug(part) for part in parts if _slug(part))


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


# --- For readers


def edition_words(citation: PageCitation, words: dict) -> str:
    return words["edition"].format(edition=citation.edition) if citation.edition else words["working_version"]


def apa_html(citation: PageCitation, words: dict, date_words: dict) -> str:
    """`HelsinkiMissio. (2026, November 3). Desistance. In <i>Aggredi methods handbook</i>
    (edition 2026, in English). https://...` as escaped HTML."""
    when = citation.changed
    date = words["apa_date"].format(year=when.year, month_name=date_words["months"][when.month - 1], day=when.day) if when is not None else words["no_date"]
    details = ", ".join([edition_words(citation, words), words["languages"].get(citation.language, citation.language)])
    parts = []
    if citation.organisation:
        parts.append(f"{_escape(_sentence(citation.organisation))} ")
    parts.append(f"({_escape(date)}). {_escape(_sentence(citation.title))} ")
    parts.append(f"{_escape(words['in'])} <i>{_escape(citation.handbook)}</i> ({_escape(details)}).")
    if citation.url:
        parts.append(f' <a href="{_escape(citation.url)}">{_escape(citation.url)}</a>')
    return "".join(parts)


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


# --- For reference managers


def bibtex(citation: PageCitation, key: str, words: dict) -> str:
    fields = []
    if citation.organisation:
        fields.append(("author", "{" + _bibtex_text(citation.organisation) + "}"))  # braced: a name, not "Last, First"
    fields.append(("title", "{" + _bibtex_text(citation.title) + "}"))  # braced: keeps its capitals
    fields.append(("howpublished", f"{_bibtex_text(citation.handbook)}, {_bibtex_text(edition_words(citation, words))}"))
    if citation.organisation:
        fields.append(("organization", _bibtex_text(citation.organisation)))
    if citation.edition:
        fields.append(("edition", _bibtex_text(citation.edition)))
    if citation.changed is not None:
        fields.append(("year", str(citation.changed.year)))
        fields.append(("date", citation.changed.date().isoformat()))
    fields.append(("language", BIBLATEX_LANGUAGES.get(citation.language, citation.language)))
    if citation.url:
        fields.append(("url", citation.url))
    width = max(len(name) for name, _ in fields)
    body = ",\n".join(f"  {name.ljust(width)} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key},\n{body},\n}}\n"


def _bibtex_text(text: str) -> str:
    """Characters TeX reads as commands, escaped; braces are kept balanced by escaping them."""
    return re.sub(r"([\\{}%&#_$~^])", lambda m: {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}.get(m[1], "\\" + m[1]), text)


def ris(citation: PageCitation, words: dict) -> str:
    """RIS (one tag per line, CRLF line ends, as the format wants)."""
    lines = [("TY", "ELEC")]
    if citation.organisation:
        lines.append(("AU", citation.organisation))
    lines.append(("TI", citation.title))
    lines.append(("T2", citation.handbook))
    lines.append(("ET", edition_words(citation, words)))
    if citation.changed is not None:
        lines.append(("PY", str(citation.changed.year)))
        lines.append(("DA", citation.changed.strftime("%Y/%m/%d")))
    lines.append(("LA", citation.language))
    if citation.organisation:
        lines.append(("PB", citation.organisation))
    if citation.url:
        lines.append(("UR", citation.url))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)
