"""Numbers, dates and times read as values, in the way each language writes them.

Finnish `12.3.2026`, `12. maaliskuuta 2026`, `klo 9.30`, `1,5` and `10 000` are the same
values as English `12 March 2026` or `March 12, 2026`, `9:30`, `1.5` and `10,000`. Each
language is read with its own patterns only (Finnish `1.5.` is the first of May; English
`1.5` is a decimal). Values come out as text: dates `2026-03-12` (`03-12` without a year,
`2026-03` for a month), times `09:30`, numbers in one spelling (`1.5`, `10000`).
"""

from __future__ import annotations

import re

FI_MONTHS = ("tammi", "helmi", "maalis", "huhti", "touko", "kesä", "heinä", "elo", "syys", "loka", "marras", "joulu")
EN_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
EN_SHORT = {name[:3]: index + 1 for index, name in enumerate(EN_MONTHS)} | {"sept": 9}

_FI_MONTH = r"(" + "|".join(FI_MONTHS) + r")kuu\w*"
_EN_MONTH = r"(" + "|".join(EN_MONTHS) + r"|" + "|".join(n for n in EN_SHORT if n != "may") + r")\.?"
# A group of digits: 10 000 (any space) in Finnish, 10,000 in English.
_FI_INTEGER = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+"
_EN_INTEGER = r"\d{1,3}(?:,\d{3})+(?![\d,])|\d+"

FI_PATTERNS = [
    ("date", re.compile(r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.(?:\s?(\d{4}))?(?![\d])")),
    ("date_named", re.compile(r"(?<![\d.])(\d{1,2})\.\s+" + _FI_MONTH + r"(?:\s+(\d{4}))?", re.IGNORECASE)),
    ("month_year", re.compile(_FI_MONTH + r"\s+(\d{4})", re.IGNORECASE)),
    ("time", re.compile(r"\b(?:klo|kello)\s+(\d{1,2})(?:[.:](\d{2}))?(?:\s*[–-]\s*(\d{1,2})(?:[.:](\d{2}))?)?", re.IGNORECASE)),
    ("dotted", re.compile(r"(?<![\d.,])(\d+)\.(\d+)(?![\d])")),
    ("number", re.compile(r"(?<![\d,.])(" + _FI_INTEGER + r")(?:,(\d+))?(?![\d])")),
]
EN_PATTERNS = [
    ("iso_date", re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")),
    ("date_day_month", re.compile(r"(?<![\d.])(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _EN_MONTH + r"(?:,?\s+(\d{4}))?(?![\d])", re.IGNORECASE)),
    ("date_month_day", re.compile(r"\b" + _EN_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?(?![\d])", re.IGNORECASE)),
    ("month_year", re.compile(r"\b" + _EN_MONTH + r"\s+(\d{4})(?![\d])", re.IGNORECASE)),
    ("time_range", re.compile(r"(?<![\d.])(\d{1,2})(?:[:.](\d{2}))?\s*[–-]\s*(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)(?![a-z])", re.IGNORECASE)),
    ("time", re.compile(r"(?<![\d.])(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)(?![a-z])|(?<![\d.:])(\d{1,2}):(\d{2})(?![\d])", re.IGNORECASE)),
    ("number", re.compile(r"(?<![\d.,])(" + _EN_INTEGER + r")(?:\.(\d+))?(?:st|nd|rd|th)?(?![\d])")),
]


def _number(integer: str, fraction: str | None) -> str:
    digits = re.sub(r"[ \u00a0\u202f,]", "", integer)
    whole = str(int(digits))
    if fraction is not None:
        fraction = fraction.rstrip("0")
        return f"{whole}.{fraction}" if fraction else whole
    return whole


def _date(day: str | None, month: int, year: str | None) -> str:
    parts = []
    if year:
        parts.append(year)
    parts.append(f"{month:02d}")
    if day:
        parts.append(f"{int(day):02d}")
    return "-".join(parts)


def _time(hour: str, minute: str | None, afternoon: bool = False) -> str:
    value = int(hour) % 12 + 12 if afternoon else int(hour)
    return f"{value:02d}:{int(minute or 0):02d}"


def _en_month(name: str) -> int:
    name = name.lower().rstrip(".")
    if name in EN_MONTHS:
        return EN_MONTHS.index(name) + 1
    return EN_SHORT[name[:4] if name.startswith("sept") else name[:3]]


def _fi_values(kind: str, match: re.Match) -> list[tuple[str, ...]]:
    groups = match.groups()
    if kind == "date":
        day, month, year = groups
        dotted = _number(day, month)  # `WCAG 2.1.` at the end of a sentence is a version
        if not 1 <= int(month) <= 12 or not 1 <= int(day) <= 31:
            return [(dotted,), (year,)] if year else [(dotted,)]
        return [(_date(day, int(month), year),)] if year else [(_date(day, int(month), None), dotted)]
    if kind == "dotted":
        return [(_number(groups[0], groups[1]),)]
    if kind == "date_named":
        return [(_date(groups[0], FI_MONTHS.index(groups[1].lower()) + 1, groups[2]),)]
    if kind == "month_year":
        return [(_date(None, FI_MONTHS.index(groups[0].lower()) + 1, groups[1]),)]
    if kind == "time":
        found = [(_time(groups[0], groups[1]),)]
        if groups[2]:
            found.append((_time(groups[2], groups[3]),))
        return found
    return [(_number(groups[0], groups[1]),)]


def _en_values(kind: str, match: re.Match) -> list[tuple[str, ...]]:
    return [(value,) for value in _en_value(kind, match.groups())]


def _en_value(kind: str, groups: tuple) -> list[str]:
    if kind == "iso_date":
        return [_date(groups[2], int(groups[1]), groups[0])]
    if kind == "date_day_month":
        return [_date(groups[0], _en_month(groups[1]), groups[2])]
    if kind == "date_month_day":
        return [_date(groups[1], _en_month(groups[0]), groups[2])]
    if kind == "month_year":
        return [_date(None, _en_month(groups[0]), groups[1])]
    if kind == "time_range":
        afternoon = groups[4].lower().startswith("p")
        return [_time(groups[0], groups[1], afternoon), _time(groups[2], groups[3], afternoon)]
    if kind == "time":
        if groups[3] is not None:
            return [_time(groups[3], groups[4])]
        return [_time(groups[0], groups[1], groups[2].lower().startswith("p"))]
    return [_number(groups[0], groups[1])]


def values(text: str, language: str) -> list[tuple[str, ...]]:
    """Every number, date and time in `text`, in order, as language-neutral values; a
    value that can be read two ways (Finnish `2.1.`: a date, or a version at the end of a
    sentence) has both readings, the likelier first."""
    finnish = language == "fi"
    patterns = FI_PATTERNS if finnish else EN_PATTERNS
    read = _fi_values if finnish else _en_values
    found: list[tuple[int, list[tuple[str, ...]]]] = []
    for kind, pattern in patterns:  # the most specific pattern first; a character is read once
        pieces, last = [], 0
        for match in pattern.finditer(text):
            found.append((match.start(), read(kind, match)))
            pieces += [text[last : match.start()], "\x00" * (match.end() - match.start())]
            last = match.end()
        text = "".join(pieces) + text[last:]
    return [value for _, group in sorted(found, key=lambda item: item[0]) for value in group]


def unmatched(source: list[tuple[str, ...]], translation: list[tuple[str, ...]]) -> tuple[list[str], list[str]]:
    """Values of the source without a counterpart in the translation, and the other way round.

    A value matches one with a reading in common; values with one reading are matched first."""
    left = sorted(source, key=len)
    right = list(translation)
    missing = []
    for readings in left:
        match = next((i for i, other in enumerate(right) if other[0] == readings[0]), None)
        if match is None:
            match = next((i for i, other in enumerate(right) if set(other) & set(readings)), None)
        if match is None:
            missing.append(readings[0])
        else:
            right.pop(match)
    return sorted(missing), sorted(other[0] for other in right)
