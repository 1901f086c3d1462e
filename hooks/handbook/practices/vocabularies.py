"""The practice vocabularies: target audiences, key themes, labels, organisation types, countries."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import MappingNode

from handbook.core import Finding, relative_to_root
from handbook.practices.nodes import INVALID, _compose, _describe, _hint, _is_text, _mapping_items, _problems  # noqa: F401

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
