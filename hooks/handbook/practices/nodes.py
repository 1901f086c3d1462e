"""YAML nodes with their source lines: composing a file, reading scalars, naming values in messages."""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from handbook.core import Finding

INVALID = object()  # a value that failed validation; its problem is already recorded

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
