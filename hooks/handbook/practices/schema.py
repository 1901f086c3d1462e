"""The schema of a practice file, as shapes that validate PyYAML nodes with their line numbers."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from yaml.nodes import MappingNode, Node, SequenceNode

from handbook.core import Finding
from handbook.practices.nodes import INVALID, _at, _describe, _has_key, _hint, _is_text, _join, _mapping_items, _scalar
from handbook.practices.vocabularies import _PARTIAL_DATE, LANGUAGE_NAMES, LANGUAGES, VOCABULARY_KINDS, Vocabularies, _article

# --- Schema


@dataclass
class Check:
    """What one validation pass needs: where messages point and what is valid."""

    path: str
    vocabularies: Vocabularies
    findings: list[Finding] = field(default_factory=list)

    def problem(self, node: Node, message: str) -> object:
        self.findings.append(Finding(self.path, node.start_mark.line + 1, 0, message, kind="practice-data", severity="error"))
        return INVALID


class Shape:
    """The expected form of one value; `check` returns the plain value or INVALID."""

    expected = "a value"

    def check(self, node: Node, where: str, check: Check) -> Any:
        raise NotImplementedError

    def wrong(self, node: Node, where: str, check: Check) -> object:
        return check.problem(node, _at(where, f"expected {self.expected}, got {_describe(node)}"))


class Plain(Shape):
    """Text that is the same in every language: a name, a street address, an ISBN."""

    expected = "text"

    def check(self, node, where, check):
        if not _is_text(node):
            return self.wrong(node, where, check)
        return node.value.strip()


class Text(Shape):
    """Text written in both languages: `{fi: ..., en: ...}`."""

    expected = "text in both languages (a mapping with fi and en)"

    def check(self, node, where, check):
        if not isinstance(node, MappingNode):
            return self.wrong(node, where, check)
        texts: dict[str, str] = {}
        valid = True
        for key, value in _mapping_items(node, where, check.problem):
            language = key.value
            if language not in LANGUAGES:
                check.problem(key, _at(where, f"unknown language '{language}' (expected fi and en)"))
                valid = False
            elif not _is_text(value):
                check.problem(value, _at(f"{where}.{language}", f"expected text, got {_describe(value)}"))
                valid = False
            else:
                texts[language] = value.value.strip()
        for language in LANGUAGES:
            if not _has_key(node, language):
                check.problem(node, _at(where, f"missing the {LANGUAGE_NAMES[language]} text '{language}'"))
                valid = False
        return texts if valid else INVALID


class WebAddress(Shape):
    """A link readers follow: only http(s), so no script can hide in it."""

    expected = "a web address starting with https:// or http://"

    def check(self, node, where, check):
        if not _is_text(node) or not re.match(r"^https?://[^\s/]+\.[^\s]+$", node.value.strip()):
            return self.wrong(node, where, check)
        return node.value.strip()


class Year(Shape):
    expected = "a year (a whole number such as 2006)"

    def check(self, node, where, check):
        value = _scalar(node)
        if isinstance(value, bool) or not isinstance(value, int) or not 1000 <= value <= 9999:
            return self.wrong(node, where, check)
        return value


class Day(Shape):
    expected = "a date written YYYY-MM-DD"

    def check(self, node, where, check):
        value = _scalar(node)
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value.isoformat()
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value.strip()).isoformat()
            except ValueError:
                pass
        return self.wrong(node, where, check)


class PartialDate(Shape):
    """A year or a month, for things known only that precisely ("September 2021")."""

    expected = "a year or a month written YYYY or YYYY-MM"

    def check(self, node, where, check):
        value = _scalar(node)
        if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
            return str(value)
        if isinstance(value, str) and _PARTIAL_DATE.match(value.strip()):
            return value.strip()
        return self.wrong(node, where, check)


class Whole(Shape):
    def __init__(self, low: int, high: int) -> None:
        self.low, self.high = low, high
        self.expected = f"a whole number from {low} to {high}"

    def check(self, node, where, check):
        value = _scalar(node)
        if isinstance(value, bool) or not isinstance(value, int) or not self.low <= value <= self.high:
            return self.wrong(node, where, check)
        return value


class VocabularyTerm(Shape):
    """One id from a vocabulary of data/practice-vocabularies.yml."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.expected = f"{_article(VOCABULARY_KINDS[kind])} id"

    def check(self, node, where, check):
        if not _is_text(node):
            return self.wrong(node, where, check)
        value = node.value.strip()
        if value in check.vocabularies.terms.get(self.kind, {}):
            return value
        message = f"'{value}' is not {_article(VOCABULARY_KINDS[self.kind])} in {check.vocabularies.path}"
        nearest = check.vocabularies.nearest(self.kind, value)
        if nearest:
            message += f"; did you mean '{nearest}'?"
        return check.problem(node, _at(where, message))


class ListOf(Shape):
    def __init__(self, item: Shape) -> None:
        self.item = item
        self.expected = f"a list (each item {item.expected})"

    def check(self, node, where, check):
        if not isinstance(node, SequenceNode) or not node.value:
            return self.wrong(node, where, check)
        values, seen = [], {}
        for index, item_node in enumerate(node.value, start=1):
            value = self.item.check(item_node, f"{where}[{index}]", check)
            if value is INVALID:
                continue
            key = repr(value)
            if key in seen:
                check.problem(item_node, _at(f"{where}[{index}]", f"repeats item {seen[key]}"))
                continue
            seen[key] = index
            values.append(value)
        return values if len(values) == len(node.value) else INVALID


@dataclass(frozen=True)
class Field:
    shape: Shape
    required: bool = False


class Record(Shape):
    """A mapping with known fields; unknown fields are errors, with a hint when one is near."""

    def __init__(
        self,
        fields: dict[str, Field],
        *,
        refusals: dict[str, str] | None = None,
        consistent: Callable[[dict[str, Any]], str | None] | None = None,
    ) -> None:
        self.fields = fields
        # Fields that must never exist, with the reason, e.g. a personal phone number.
        self.refusals = refusals or {}
        # A rule across fields of one valid record; returns a problem or None.
        self.consistent = consistent
        self.expected = "a mapping of fields"

    def check(self, node, where, check):
        if not isinstance(node, MappingNode):
            return self.wrong(node, where, check)
        values: dict[str, Any] = {}
        valid = True
        for key, value_node in _mapping_items(node, where, check.problem):
            name = key.value
            if name in self.refusals:
                check.problem(key, _at(where, f"field '{name}' is not allowed: {self.refusals[name]}"))
                valid = False
            elif name not in self.fields:
                check.problem(key, _at(where, f"unknown field '{name}'" + _hint(name, self.fields)))
                valid = False
            else:
                value = self.fields[name].shape.check(value_node, _join(where, name), check)
                if value is INVALID:
                    valid = False
                else:
                    values[name] = value
        for name, spec in self.fields.items():
            if spec.required and name not in values and not _has_key(node, name):
                check.problem(node, _at(where, f"missing required field '{name}'"))
                valid = False
        if not valid:
            return INVALID
        if self.consistent and (message := self.consistent(values)):
            return check.problem(node, _at(where, message))
        # Schema order, so every consumer sees the fields in the same order.
        return {name: values[name] for name in self.fields if name in values}


_PERSONAL = "a practice profile names the organisation and a role, never a person's phone number, e-mail address or name"

ADDRESS = Record({
    "street": Field(Plain(), required=True),
    "postal_code": Field(Plain(), required=True),
    "locality": Field(Plain(), required=True),
    "country": Field(VocabularyTerm("countries")),
})

PRACTICE = Record({
    "name": Field(Text(), required=True),
    "organisation": Field(Record({
        "name": Field(Plain(), required=True),
        "type": Field(VocabularyTerm("organisation_types"), required=True),
        "founded": Field(Year()),
        "description": Field(Text()),
    }), required=True),
    "country": Field(VocabularyTerm("countries"), required=True),
    "label": Field(VocabularyTerm("labels")),
    "target_audiences": Field(ListOf(VocabularyTerm("target_audiences"))),
    "key_themes": Field(ListOf(VocabularyTerm("key_themes"))),
    "description": Field(Text(), required=True),
    "approach": Field(Text()),
    "client_groups": Field(ListOf(Text())),
    "age_ranges": Field(ListOf(Record({
        "from": Field(Whole(0, 120), required=True),
        "to": Field(Whole(0, 120), required=True),
        "where": Field(Text()),
    }, consistent=lambda ages: f"'from' ({ages['from']}) is above 'to' ({ages['to']})" if ages["from"] > ages["to"] else None))),
    "methods": Field(ListOf(Text())),
    "evaluation": Field(Text()),
    "sustainability_and_transferability": Field(Text()),
    "geographical_scope": Field(Text()),
    "start": Field(Year()),
    "funding": Field(Text()),
    "deliverables": Field(ListOf(Record({
        "title": Field(Plain()),
        "description": Field(Text(), required=True),
        "published": Field(PartialDate()),
        "isbn": Field(Plain()),
    }))),
    "contact": Field(Record({
        "organisation": Field(Plain(), required=True),
        "role": Field(Text()),
        "address": Field(ADDRESS),
        "website": Field(WebAddress()),
    }, refusals={name: _PERSONAL for name in ("phone", "telephone", "email", "e-mail", "person", "contact_person")})),
    "last_update": Field(Day(), required=True),
    "source": Field(Text()),
})

REQUIRED_FIELDS = tuple(name for name, spec in PRACTICE.fields.items() if spec.required)
