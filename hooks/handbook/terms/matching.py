"""Finding a wording of the glossary in a text, in any inflection.

A wording (`kodin ulkopuolinen väkivalta`, `violence outside the home`) matches a run of
as many words in the text, word by word, when each text word has a base form of the
wording's word: Finnish through the morphology component (`väkivallasta` has the base
form `väkivalta`), English through the Snowball stem Pagefind also uses. A Finnish word
the dictionary does not know (`desistanssi`) falls back to its Finnish Snowball stem, so
`desistanssin` still matches it. Between the words only spaces, line breaks and emphasis
marks may stand; a comma or a full stop ends the run.

A forbidden wording also matches inside a compound (`yhteisöväkivaltatyö` uses
`yhteisöväkivalta`); an accepted term only as a word of its own, so `primaaridesistanssi`
is not a use of `desistanssi`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from handbook.finnish import Morphology, words

_GAP = re.compile(r"[\s*_~]+")
# A word of the text as read: a soft hyphen (`&shy;`, where a long compound may break) is
# invisible, so `tapaa\xadmisessa` is the one word `tapaamisessa`.
_SOFT_HYPHEN = "\xad"
_TEXT_WORD = re.compile(r"[^\W\d_]+(?:(?:-|\xad+)[^\W\d_]+)*")


@lru_cache(maxsize=2)
def _stemmer(language: str):
    return snowballstemmer.stemmer({"fi": "finnish", "en": "english"}[language])


@dataclass(frozen=True)
class TermUse:
    """A wording found in a text: the words as written; line and column are 1-based."""

    line: int
    column: int
    written: str
    wording: str
    start: int = 0  # offsets in the text: which words the use covers
    end: int = 0


class WordKeys:
    """What a word is compared by, per language, remembered per distinct word."""

    def __init__(self, language: str, morphology: Morphology | None) -> None:
        if language == "fi" and morphology is None:
            raise ValueError("Finnish words need the morphology component")
        self.language = language
        self.morphology = morphology
        self._keys: dict[str, frozenset[str]] = {}
        self._with_parts: dict[str, frozenset[str]] = {}

    def keys(self, word: str) -> frozenset[str]:
        """Base forms (Finnish) or the stem (English); a stem marked `~` for unknown Finnish words."""
        lowered = word.lower().replace(_SOFT_HYPHEN, "")
        found = self._keys.get(lowered)
        if found is None:
            if self.language == "fi":
                base = self.morphology.base_forms(lowered)
                found = frozenset(base) if base else frozenset({"~" + _stemmer("fi").stemWord(lowered)})
            else:
                found = frozenset({_stemmer(self.language).stemWord(lowered)})
            self._keys[lowered] = found
        return found

    def keys_with_parts(self, word: str) -> frozenset[str]:
        """`keys` and, for Finnish, every compound part and run of parts."""
        lowered = word.lower().replace(_SOFT_HYPHEN, "")
        found = self._with_parts.get(lowered)
        if found is None:
            found = self.keys(lowered)
            if self.language == "fi":
                found = found | self.morphology.forms(lowered).parts
            self._with_parts[lowered] = found
        return found


@dataclass(frozen=True)
class Wording:
    """One wording of a term, split into words, each word with its keys."""

    text: str
    words: tuple[frozenset[str], ...]

    @classmethod
    def of(cls, text: str, keys: WordKeys) -> Wording:
        return cls(text, tuple(keys.keys(match.group(0)) for match in words(text)))


class Text:
    """A text's words with their offsets, looked up once, for any number of wordings."""

    def __init__(self, text: str, keys: WordKeys) -> None:
        self.text = text
        self.keys = keys
        self.tokens = [(match.start(), match.end(), match.group(0)) for match in _TEXT_WORD.finditer(text)]
        self.line_starts = [0] + [index + 1 for index, char in enumerate(text) if char == "\n"]
        self._where: dict[bool, dict[str, list[int]]] = {}

    def _candidates(self, first: frozenset[str], inside_compounds: bool) -> list[int]:
        """Indices of the words that can start the wording (by its first word's keys)."""
        where = self._where.get(inside_compounds)
        if where is None:
            where = self._where[inside_compounds] = {}
            lookup = self.keys.keys_with_parts if inside_compounds else self.keys.keys
            for index, (_, _, word) in enumerate(self.tokens):
                for key in lookup(word):
                    where.setdefault(key, []).append(index)
        return sorted({index for key in first for index in where.get(key, ())})

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def uses(self, wording: Wording, *, inside_compounds: bool = False) -> list[TermUse]:
        """Every place the wording occurs, in reading order."""
        if not wording.words:
            return []
        found = []
        size = len(wording.words)
        compounds = inside_compounds and size == 1
        for index in self._candidates(wording.words[0], compounds):
            if index + size <= len(self.tokens) and self._matches(index, wording, compounds):
                start, end = self.tokens[index][0], self.tokens[index + size - 1][1]
                line, column = self.position(start)
                written = " ".join(self.text[start:end].replace(_SOFT_HYPHEN, "").split())
                found.append(TermUse(line, column, written, wording.text, start, end))
        return found

    def _matches(self, index: int, wording: Wording, compounds: bool) -> bool:
        last = len(wording.words) - 1
        for offset, wanted in enumerate(wording.words):
            _, end, word = self.tokens[index + offset]
            # A one-word forbidden wording inside a compound; the words of a longer wording stand alone.
            have = self.keys.keys_with_parts(word) if compounds else self.keys.keys(word)
            if not wanted & have:
                return False
            if offset < last and not _GAP.fullmatch(self.text[end : self.tokens[index + offset + 1][0]]):
                return False
        return True

    def uses_any(self, wordings: Iterable[Wording]) -> list[TermUse]:
        return sorted((use for wording in wordings for use in self.uses(wording)), key=lambda use: (use.line, use.column))


def outermost_uses(uses: list[tuple[TermUse, str]]) -> list[tuple[TermUse, str]]:
    """(use, entry id) pairs without the uses that lie inside a longer use of another term:
    `rikoksista irtautuminen` is desistance, not also disengagement."""
    return [
        (use, entry_id)
        for use, entry_id in uses
        if not any(other.start <= use.start and use.end <= other.end and (other.end - other.start) > (use.end - use.start) for other, _ in uses)
    ]
