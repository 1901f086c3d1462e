"""How the checker's messages name things: languages, articles, the nearest existing path."""

from __future__ import annotations

import difflib
import posixpath

from handbook.references.settings import LANGUAGE_NAMES


def _close_path(wanted: str, candidates: list[str]) -> list[str]:
    """The nearest existing path, compared without the file suffix (`.md` matches everything)."""
    stems = {posixpath.splitext(candidate)[0]: candidate for candidate in candidates}
    close = difflib.get_close_matches(posixpath.splitext(wanted)[0], list(stems), n=1, cutoff=0.7)
    return [stems[close[0]]] if close else []


def _article(word: str) -> str:
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def language_name(locale: str) -> str:
    return LANGUAGE_NAMES.get(locale, locale or "site")
