"""What one Finnish word is made of, read from the Voikko analyser's output.

Pure functions over pyvoikko's `VoikkoAnalysis` records (anything with the same
attributes will do, so tests can hand in their own). Voikko tags each analysis with
its lexeme (`[Xp]tavata[X]`), derivation suffixes (`[Xj]`), compound boundaries
(`[Bc]`) and inflection tags; we keep three things from it:

* base forms: the dictionary form of the word, e.g. `tapaamisessa` -> `tapaaminen`;
* compound parts: every part and every run of adjacent parts, e.g.
  `nuorisotyöntekijä` -> `nuoriso`, `työ`, `tekijä`, `nuorisotyö`, `työntekijä`;
* related words: the lexemes it is derived from, e.g. `uskonnollinen` -> `uskonto`,
  `tapaaminen` -> `tavata`. Search uses them; term matching does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

# Letters, with hyphens inside a word (`Exit-työ`, `tietosuoja-asetus`); digits split words.
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_TAG = re.compile(r"\[[^\]]*\]")
# `[Xp]lexeme[X]`, `[Xj]suffix[X]`, `[Xr]...[X]`, `[Xs]...[X]`: Voikko's base-form annotations, not surface text.
_ANNOTATION = re.compile(r"\[X[pjrs]\].*?\[X\]")
_LEXEME = re.compile(r"\[Xp\](.*?)\[X\]")
# The fourth infinitive: the -minen noun of a verb (tapaaminen, irtautuminen, leimaaminen).
_MINEN = "[Tn4]"
_ADJECTIVES = {"laatusana", "nimisana_laatusana"}


@dataclass(frozen=True)
class WordForms:
    """A word's base forms, compound parts and related words, lowercase. All empty: unknown word."""

    base: frozenset[str] = frozenset()
    parts: frozenset[str] = frozenset()
    related: frozenset[str] = frozenset()

    @property
    def known(self) -> bool:
        return bool(self.base)

    def to_json(self) -> list[list[str]]:
        return [sorted(self.base), sorted(self.parts), sorted(self.related)] if self.known else []

    @classmethod
    def from_json(cls, value) -> WordForms:
        if value == []:
            return UNKNOWN
        base, parts, related = value
        if not all(isinstance(group, list) and all(isinstance(word, str) for word in group) for group in (base, parts, related)):
            raise ValueError("not three lists of words")
        return cls(frozenset(base), frozenset(parts), frozenset(related))


UNKNOWN = WordForms()


def words(text: str) -> Iterator[re.Match]:
    """Every word of `text` as a match (its start offset is the column)."""
    return WORD.finditer(text)


def forms_from_analyses(analyses: Iterable) -> WordForms:
    """The forms of one word from all of Voikko's analyses of it.

    Of several readings, only those with the fewest compound parts are kept: Voikko
    reads `kuuluvan` as the participle of `kuulua` and as the compound `kuu+lupa`, and
    the reading without a compound boundary is the one a writer meant.
    """
    readings = list(analyses)
    if not readings:
        return UNKNOWN
    fewest = min(len(_parts(reading)) for reading in readings)
    base: set[str] = set()
    parts: set[str] = set()
    related: set[str] = set()
    for reading in readings:
        pieces = _parts(reading)
        if len(pieces) != fewest:
            continue
        surfaces = [_joining_form(piece, last=index == len(pieces) - 1) for index, piece in enumerate(pieces)]
        bases = [_base_forms(piece) for piece in pieces]
        for last_base in bases[-1]:
            base.add(_clean("".join(surfaces[:-1]) + last_base))
            # Voikko marks the parts of a compound it lists as one word: `itse=määräämis=oikeus`.
            pieces_of_last = last_base.split("=")
            parts.update(_clean("".join(pieces_of_last[start:])) for start in range(1, len(pieces_of_last)))
        if len(pieces) > 1:
            # Every run of adjacent parts, ending in a part's base form: työ, työntekijä, nuorisotyö.
            for start in range(len(pieces)):
                for end in range(start, len(pieces)):
                    if (start, end) == (0, len(pieces) - 1):
                        continue
                    for end_base in bases[end]:
                        parts.add(_clean("".join(surfaces[start:end]) + end_base))
        for piece in pieces:
            related.update(_clean(lexeme) for lexeme in _LEXEME.findall(piece.FSTOUTPUT))
    parts -= base
    related -= base | parts
    return WordForms(frozenset(base), frozenset(p for p in parts if p), frozenset(r for r in related if r))


def _parts(reading) -> list:
    return list(reading.COMPOUND_PARTS) if reading.COMPOUND_PARTS else [reading]


def _base_forms(piece) -> set[str]:
    """The part's base form; a -minen noun stands for itself, not for its verb (which is related)."""
    output = piece.FSTOUTPUT
    if _MINEN in output:
        stem = _TAG.sub("", _ANNOTATION.sub("", output.split(_MINEN, 1)[0]))
        if stem:
            return {stem + "minen"}
    return {piece.BASEFORM}


def _joining_form(piece, *, last: bool) -> str:
    """How a non-final part is written inside a compound (as pyvoikko joins them): its
    surface form (`työn` in `työntekijä`), adjectives in their base form."""
    if last:
        return ""
    return piece.BASEFORM if piece.CLASS in _ADJECTIVES else piece.FORM


def _clean(word: str) -> str:
    # pyvoikko writes a hyphenated part twice over (`tietosuoja--asetus`); `=` marks parts.
    return re.sub(r"-{2,}", "-", word.replace("=", "")).strip("-").lower()


def hyphenated(word: str, forms_of) -> WordForms:
    """A hyphenated word the analyser does not know as a whole (`Exit-toiminnassa`):
    the last piece inflects, the others stay as written; each piece is a part."""
    pieces = [piece for piece in word.lower().split("-") if piece]
    if len(pieces) < 2:
        return UNKNOWN
    analysed = [forms_of(piece) for piece in pieces]
    if not any(forms.known for forms in analysed):
        return UNKNOWN
    head = "-".join(pieces[:-1])
    base = {f"{head}-{last}" for last in (analysed[-1].base or {pieces[-1]})}
    parts: set[str] = set()
    related: set[str] = set()
    for piece, forms in zip(pieces, analysed):
        parts |= (forms.base | forms.parts) if forms.known else {piece}
        related |= forms.related
    return WordForms(frozenset(base), frozenset(parts - base), frozenset(related - base - parts))
