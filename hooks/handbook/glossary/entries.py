"""The glossary as data: load and validate `data/glossary.yml` and render it.

Pure functions only; `hooks/glossary.py` calls them at build time, and the term check
(handbook/terms/) finds the entries' wordings in the pages. Every problem in the data file is
reported as `data/glossary.yml:LINE: message` (path as the caller names it), never as
a traceback, because editors who add terms are not programmers.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import yaml

LANGUAGES = ("fi", "en")
REQUIRED = ("id", "fi", "en", "fi_definition", "en_definition")
OPTIONAL = ("also", "uncertain", "forbidden", "note")
KNOWN = REQUIRED + OPTIONAL
# The line in a glossary page that the rendered entries replace.
MARKER = "<!-- glossary -->"
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Words the rendered entries need, per page language.
LABELS = {
    "fi": {
        "other": "Englanniksi",
        "also": "Myös",
        "uncertain": {"fi": "Suomenkielinen termi ei ole vakiintunut.", "en": "Englanninkielinen termi ei ole vakiintunut."},
    },
    "en": {
        "other": "In Finnish",
        "also": "Also",
        "uncertain": {"fi": "The Finnish term is not established.", "en": "The English term is not established."},
    },
}


class GlossaryError(ValueError):
    """The data file is broken; `problems` holds one `path:line: message` line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Entry:
    id: str
    terms: dict[str, str]
    definitions: dict[str, str]
    also: dict[str, tuple[str, ...]] = field(default_factory=dict)
    uncertain: tuple[str, ...] = ()
    forbidden: dict[str, tuple[str, ...]] = field(default_factory=dict)
    note: str = ""
    line: int = 0


# --- Loading and validation


def load_glossary(text: str, path: str = "data/glossary.yml") -> list[Entry]:
    """Parse and validate glossary YAML; raise GlossaryError listing every problem."""
    return list(_parsed_glossary(text, path))


# The glossary pages, the term check, the glossary links and the search each ask for the
# entries of the same text in one build: parsed once (entries are frozen; a text with
# problems raises again each time, nothing is kept of it).
@lru_cache(maxsize=8)
def _parsed_glossary(text: str, path: str) -> tuple[Entry, ...]:
    return tuple(_load_glossary(text, path))


def _load_glossary(text: str, path: str) -> list[Entry]:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 1 if mark else 1
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise GlossaryError([f"{path}:{line}: not valid YAML: {reason}"]) from None
    if root is None:
        raise GlossaryError([f"{path}:1: the glossary is empty (expected a list of entries)"])
    if not isinstance(root, yaml.SequenceNode):
        raise GlossaryError([f"{path}:{_line(root)}: expected a list of entries, one '- id: ...' each"])

    problems: list[str] = []
    entries: list[Entry] = []
    first_line_of_id: dict[str, int] = {}
    for node in root.value:
        entry = _entry(node, path, problems)
        if entry is None:
            continue
        if entry.id in first_line_of_id:
            problems.append(f"{path}:{entry.line}: duplicate id '{entry.id}' (first used at line {first_line_of_id[entry.id]})")
            continue
        first_line_of_id[entry.id] = entry.line
        entries.append(entry)
    if problems:
        raise GlossaryError(problems)
    return entries


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _entry(node: yaml.Node, path: str, problems: list[str]) -> Entry | None:
    if not isinstance(node, yaml.MappingNode):
        problems.append(f"{path}:{_line(node)}: each entry must be a mapping with the keys {', '.join(REQUIRED)}")
        return None
    fields: dict[str, yaml.Node] = {}
    broken = False
    for key_node, value_node in node.value:
        key = key_node.value
        if key in fields:
            problems.append(f"{path}:{_line(key_node)}: key '{key}' appears twice in one entry")
            broken = True
        elif key not in KNOWN:
            hint = difflib.get_close_matches(str(key), KNOWN, n=1)
            suffix = f"; did you mean '{hint[0]}'?" if hint else f" (known keys: {', '.join(KNOWN)})"
            problems.append(f"{path}:{_line(key_node)}: unknown key '{key}'{suffix}")
            broken = True
        fields[key] = value_node
    label = _scalar(fields["id"]) if "id" in fields and isinstance(fields["id"], yaml.ScalarNode) else None
    name = f"entry '{label}'" if label else "entry"
    for key in REQUIRED:
        if key not in fields:
            problems.append(f"{path}:{_line(node)}: {name} has no '{key}'")
            broken = True
        elif not isinstance(fields[key], yaml.ScalarNode) or not _scalar(fields[key]):
            problems.append(f"{path}:{_line(fields[key])}: '{key}' of {name} must be non-empty text")
            broken = True
    if label and not _ID.match(label):
        problems.append(f"{path}:{_line(fields['id'])}: id '{label}' must be lowercase ASCII words joined by hyphens, e.g. 'primary-desistance'")
        broken = True
    also = _per_language(fields.get("also"), "also", name, path, problems)
    forbidden = _per_language(fields.get("forbidden"), "forbidden", name, path, problems)
    uncertain = _languages(fields.get("uncertain"), name, path, problems)
    note = fields.get("note")
    if note is not None and not isinstance(note, yaml.ScalarNode):
        problems.append(f"{path}:{_line(note)}: 'note' of {name} must be text")
        broken = True
    if broken or also is None or forbidden is None or uncertain is None:
        return None
    return Entry(
        id=label,
        terms={language: _scalar(fields[language]) for language in LANGUAGES},
        definitions={language: _scalar(fields[f"{language}_definition"]) for language in LANGUAGES},
        also=also,
        uncertain=uncertain,
        forbidden=forbidden,
        note=_scalar(note) if note is not None else "",
        line=_line(fields["id"]),
    )


def _scalar(node: yaml.Node) -> str:
    return " ".join(str(node.value).split())


def _per_language(node, key, name, path, problems) -> dict[str, tuple[str, ...]] | None:
    """`{fi: [...], en: [...]}`, each a list of non-empty strings."""
    if node is None:
        return {}
    if not isinstance(node, yaml.MappingNode):
        problems.append(f"{path}:{_line(node)}: '{key}' of {name} must map a language (fi, en) to a list of wordings")
        return None
    result = {}
    for language_node, words in node.value:
        language = language_node.value
        if language not in LANGUAGES:
            problems.append(f"{path}:{_line(language_node)}: '{key}' of {name} names an unknown language '{language}' (expected fi or en)")
            return None
        if not isinstance(words, yaml.SequenceNode) or not all(isinstance(w, yaml.ScalarNode) and _scalar(w) for w in words.value):
            problems.append(f"{path}:{_line(words)}: '{key}: {language}' of {name} must be a list of non-empty wordings")
            return None
        result[language] = tuple(_scalar(w) for w in words.value)
    return result


def _languages(node, name, path, problems) -> tuple[str, ...] | None:
    if node is None:
        return ()
    values = [_scalar(v) for v in node.value if isinstance(v, yaml.ScalarNode)] if isinstance(node, yaml.SequenceNode) else None
    if values is None or len(values) != len(node.value) or not set(values) <= set(LANGUAGES):
        problems.append(f"{path}:{_line(node)}: 'uncertain' of {name} must be a list of languages, e.g. [fi]")
        return None
    return tuple(values)


# --- Rendering


def sort_key(term: str, language: str) -> str:
    """Alphabetical order of the page language: Finnish puts å, ä, ö after z."""
    folded = term.casefold()
    if language == "fi":
        folded = folded.translate(str.maketrans({"å": "{", "ä": "|", "ö": "}"}))
    return folded


def render_entries(entries: Iterable[Entry], language: str) -> str:
    """Markdown for a glossary page in `language`: one `##` heading per entry, id `term-<id>`."""
    other = "en" if language == "fi" else "fi"
    labels = LABELS[language]
    blocks = []
    for entry in sorted(entries, key=lambda e: (sort_key(e.terms[language], language), e.id)):
        other_term = f'<span lang="{other}">{html.escape(entry.terms[other])}</span>'
        other_also = entry.also.get(other, ())
        if other_also:
            other_term += f' ({labels["also"].lower()} ' + ", ".join(f'<span lang="{other}">{html.escape(w)}</span>' for w in other_also) + ")"
        lines = [f"## {entry.terms[language]} {{#term-{entry.id}}}", "", entry.definitions[language], ""]
        if entry.also.get(language):
            lines += [f'{labels["also"]}: {", ".join(entry.also[language])}.', ""]
        lines += [f'{labels["other"]}: {other_term}', ""]
        lines += [line for lang in entry.uncertain for line in (labels["uncertain"][lang], "")]
        blocks.append("\n".join(lines))
    return "\n".join(blocks).rstrip("\n") + "\n"


def marker_line(text: str) -> int:
    """1-based number of the first line that is the glossary marker; 0 when there is none."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip() == MARKER:
            return number
    return 0


def insert_entries(markdown: str, entries: Iterable[Entry], language: str) -> str:
    """`markdown` with its marker line replaced by the entries in `language`."""
    line = marker_line(markdown)
    if not line:
        return markdown
    lines = markdown.split("\n")
    lines[line - 1] = render_entries(entries, language).rstrip("\n")
    return "\n".join(lines)
