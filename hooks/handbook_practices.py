"""Practice profiles as data: the vocabularies, the schema of a practice file, validation.

A practice lives in one YAML file, `data/practices/<id>.yml`; its vocabulary values
(target audiences, key themes, labels, organisation types, countries) are ids from
`data/practice-vocabularies.yml`. Validation walks PyYAML's node tree, whose nodes
carry their start marks, so every problem is reported as `path:line: message`.

Pure module: no MkDocs import, no state. The hook `practice_profile.py` calls it.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from handbook_build import Finding, relative_to_root

LANGUAGES = ("fi", "en")
LANGUAGE_NAMES = {"fi": "Finnish", "en": "English"}
VOCABULARY_FILE = "data/practice-vocabularies.yml"
PRACTICES_DIR = "data/practices"

# Each vocabulary's name in messages and the prefix of its tag anchors on the index.
VOCABULARY_KINDS = {
    "target_audiences": "target audience",
    "key_themes": "key theme",
    "labels": "label",
    "organisation_types": "organisation type",
    "countries": "country",
}


def _article(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


# Extra keys a vocabulary value may carry besides its labels.
VOCABULARY_EXTRAS = {"organisation_types": {"schema_org"}}

_ID = re.compile(r"^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$")
_PARTIAL_DATE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>0[1-9]|1[0-2]))?$")

INVALID = object()  # a value that failed validation; its problem is already recorded


class VocabularyError(Exception):
    """The vocabulary file is broken: site configuration, not practice data."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = sorted(findings)
        super().__init__("\n".join(finding.format() for finding in self.findings))


# --- Vocabularies


@dataclass(frozen=True)
class Term:
    kind: str
    id: str
    labels: dict[str, str]
    extras: dict[str, str] = field(default_factory=dict)

    def label(self, language: str) -> str:
        return self.labels[language]


@dataclass(frozen=True)
class Vocabularies:
    terms: dict[str, dict[str, Term]]
    path: str = VOCABULARY_FILE

    def term(self, kind: str, term_id: str) -> Term:
        return self.terms[kind][term_id]

    def nearest(self, kind: str, value: str) -> str | None:
        """The valid id closest to `value`, matching ids and labels in either language."""
        terms = self.terms.get(kind, {})
        if not terms:
            return None
        wanted = value.casefold().strip()
        spellings: dict[str, str] = {}
        for term in terms.values():
            spellings[term.id.casefold()] = term.id
            for label in term.labels.values():
                spellings.setdefault(label.casefold(), term.id)
        if wanted in spellings:
            return spellings[wanted]
        best = max(spellings, key=lambda spelling: difflib.SequenceMatcher(None, wanted, spelling).ratio())
        return spellings[best]


def load_vocabularies(path: Path, root: Path) -> Vocabularies:
    """Read and check the vocabulary file; raise VocabularyError listing every problem."""
    shown = relative_to_root(path, root)
    findings: list[Finding] = []
    node = _compose(path, shown, findings)
    if node is None:
        raise VocabularyError(findings or [Finding(shown, 0, 0, "the vocabulary file is empty")])
    terms: dict[str, dict[str, Term]] = {}
    problem = _problems(shown, findings)
    if not isinstance(node, MappingNode):
        problem(node, f"expected a mapping of vocabularies ({', '.join(VOCABULARY_KINDS)}), got {_describe(node)}")
        raise VocabularyError(findings)
    for key, values in _mapping_items(node, "", problem):
        kind = key.value
        if kind not in VOCABULARY_KINDS:
            problem(key, f"unknown vocabulary '{kind}'" + _hint(kind, VOCABULARY_KINDS))
            continue
        if not isinstance(values, MappingNode) or not values.value:
            problem(values, f"{kind}: expected a mapping of value ids to their labels, got {_describe(values)}")
            continue
        terms[kind] = {}
        allowed = set(LANGUAGES) | VOCABULARY_EXTRAS.get(kind, set())
        for id_node, labels_node in _mapping_items(values, kind, problem):
            term_id = id_node.value
            if not _ID.match(term_id):
                problem(id_node, f"{kind}: id '{term_id}' must be ASCII letters, digits and single hyphens (it becomes an anchor)")
                continue
            if not isinstance(labels_node, MappingNode):
                problem(labels_node, f"{kind}.{term_id}: expected the labels fi and en, got {_describe(labels_node)}")
                continue
            entries: dict[str, str] = {}
            for entry_key, entry_value in _mapping_items(labels_node, f"{kind}.{term_id}", problem):
                name = entry_key.value
                if name not in allowed:
                    problem(entry_key, f"{kind}.{term_id}: unknown key '{name}'" + _hint(name, sorted(allowed)))
                elif not _is_text(entry_value):
                    problem(entry_value, f"{kind}.{term_id}.{name}: expected text, got {_describe(entry_value)}")
                else:
                    entries[name] = entry_value.value.strip()
            missing = [language for language in LANGUAGES if language not in entries]
            for language in missing:
                problem(labels_node, f"{kind}.{term_id}: missing the {LANGUAGE_NAMES[language]} label '{language}'")
            if not missing:
                labels = {language: entries.pop(language) for language in LANGUAGES}
                terms[kind][term_id] = Term(kind, term_id, labels, entries)
    for kind in VOCABULARY_KINDS:
        if kind not in terms and not any(f.message.startswith(f"{kind}:") for f in findings):
            problem(node, f"missing vocabulary '{kind}'")
    if findings:
        raise VocabularyError(findings)
    return Vocabularies(terms, shown)


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


# --- Practices


@dataclass(frozen=True)
class Practice:
    id: str
    path: str  # the data file, relative to the repository root
    data: dict[str, Any]


def validate_practice(text: str, path: str, vocabularies: Vocabularies) -> tuple[dict[str, Any] | None, list[Finding]]:
    """Check one practice file's text; return its plain data (None if invalid) and the problems."""
    check = Check(path, vocabularies)
    node = _compose_text(text, path, check.findings)
    if node is None:
        if not check.findings:
            check.findings.append(Finding(path, 0, 0, "the practice file is empty", kind="practice-data", severity="error"))
        return None, check.findings
    data = PRACTICE.check(node, "", check)
    if check.findings or data is INVALID:
        return None, sorted(check.findings)
    return data, []


def load_practices(folder: Path, root: Path, vocabularies: Vocabularies) -> tuple[list[Practice], list[Finding]]:
    """Every `*.yml` in `folder`, sorted by id; invalid ones are left out and reported."""
    practices: list[Practice] = []
    findings: list[Finding] = []
    if not folder.is_dir():
        return practices, findings
    for path in sorted(folder.iterdir()):
        shown = relative_to_root(path, root)
        if path.suffix == ".yaml":
            findings.append(Finding(shown, 0, 0, "practice files end in .yml; rename it so it is read", kind="practice-data"))
            continue
        if path.suffix != ".yml":
            continue
        if not _ID.match(path.stem) or path.stem != path.stem.lower():
            findings.append(Finding(shown, 0, 0, f"the file name gives the practice id: '{path.stem}' must be lowercase ASCII letters, digits and hyphens", kind="practice-data"))
            continue
        data, problems = validate_practice(path.read_text(encoding="utf-8"), shown, vocabularies)
        findings += problems
        if data is not None:
            practices.append(Practice(path.stem, shown, data))
    return practices, findings


# --- Pages


def front_matter_line(text: str, key: str) -> int:
    """1-based line of `key:` in a Markdown file's front matter; 0 when it is not there."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return 0
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() in {"---", "..."}:
            return 0
        if re.match(rf"^{re.escape(key)}\s*:", line):
            return number
    return 0


def nearest_name(name: str, known: list[str]) -> str | None:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
    return close[0] if close else None


# --- Helpers


def _compose(path: Path, shown: str, findings: list[Finding]) -> Node | None:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        findings.append(Finding(shown, 0, 0, "file not found"))
        return None
    return _compose_text(text, shown, findings)


def _compose_text(text: str, shown: str, findings: list[Finding]) -> Node | None:
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        findings.append(Finding(shown, line, 0, f"invalid YAML: {error.problem or error.context}", kind="practice-data", severity="error"))
    except yaml.YAMLError as error:
        findings.append(Finding(shown, 0, 0, f"invalid YAML: {error}", kind="practice-data", severity="error"))
    return None


def _problems(shown: str, findings: list[Finding]) -> Callable[[Node, str], object]:
    def problem(node: Node, message: str) -> object:
        findings.append(Finding(shown, node.start_mark.line + 1, 0, message))
        return INVALID

    return problem


def _mapping_items(node: MappingNode, where: str, problem: Callable[[Node, str], object]):
    """(key, value) node pairs; non-text keys and repeated keys are reported and skipped."""
    first_line: dict[str, int] = {}
    for key, value in node.value:
        if not _is_text(key):
            problem(key, _at(where, f"expected a field name, got {_describe(key)}"))
            continue
        if key.value in first_line:
            problem(key, _at(where, f"field '{key.value}' is given twice (first on line {first_line[key.value]})"))
            continue
        first_line[key.value] = key.start_mark.line + 1
        yield key, value


def _has_key(node: MappingNode, name: str) -> bool:
    return any(isinstance(key, ScalarNode) and key.value == name for key, _ in node.value)


def _scalar(node: Node) -> Any:
    if not isinstance(node, ScalarNode):
        return INVALID
    try:
        return yaml.constructor.SafeConstructor().construct_object(node, deep=True)
    except yaml.constructor.ConstructorError:
        return node.value


def _is_text(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:str" and bool(node.value.strip())


def _describe(node: Node) -> str:
    """How a value reads to the author: 'a list', "text 'abc'", 'the number 12'."""
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, MappingNode):
        return "a mapping"
    value = _scalar(node)
    if value is None:
        return "nothing (leave an unknown field out instead)"
    if isinstance(value, bool):
        return f"the truth value {node.value}"
    if isinstance(value, (int, float)):
        return f"the number {node.value}"
    if isinstance(value, datetime.date):
        return f"the date {node.value}"
    if isinstance(value, str) and not value.strip():
        return "empty text"
    shown = node.value if len(node.value) <= 40 else node.value[:37] + "..."
    return f"text '{shown}'"


def _hint(name: str, allowed) -> str:
    close = difflib.get_close_matches(name, list(allowed), n=1, cutoff=0.6)
    if close:
        return f"; did you mean '{close[0]}'?"
    return f" (expected one of: {', '.join(allowed)})"


def _join(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name


def _at(where: str, message: str) -> str:
    return f"{where}: {message}" if where else message
