"""pymdownx.snippets includes, expanded the way the extension does, with the origin of every line."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from handbook.core import relative_to_root as _relative
from handbook.references.pages import Origin, Site
from handbook.references.settings import Settings

# --- Snippets (pymdownx.snippets syntax)

_SNIPPET_LINE = re.compile(r"^(?P<space>[ \t]*)(?P<escape>;*)(?:(?P<inline>-+8<-+[ \t]+)(?P<quoted>\"(?:\\\"|[^\"\n\r])+?\"|'(?:\\'|[^'\n\r])+?')|(?P<block>-+8<-+))[ \t]*$")
_SNIPPET_SECTION = re.compile(r"(?i)(?<!;)-+8<-+[ \t]+\[[ \t]*(start|end)[ \t]*:[ \t]*([a-z][-_0-9a-z]*)[ \t]*\]")
_SNIPPET_TARGET = re.compile(r"(?i)^(.*?)(?:((?::-?[0-9]*){1,2}(?:(?:,(?=[-0-9:])-?[0-9]*)(?::-?[0-9]*)?)*)|:([a-z][-_0-9a-z]*))?$")


@dataclass
class Expansion:
    lines: list[str]
    origins: list[Origin]
    included: bool = False


def expand_snippets(text: str, shown: str, site: Site, findings: list, _stack: tuple[str, ...] = ()) -> Expansion:
    """Inline every `--8<--` include like pymdownx.snippets, remembering where each line came from."""
    out: list[str] = []
    origins: list[Origin] = []
    included = False
    block = False
    for number, line in enumerate(text.split("\n"), 1):
        match = _SNIPPET_LINE.match(line) if "8<" in line else None
        if match and match.group("escape"):
            out.append(line.replace(";", "", 1))
            origins.append(Origin(shown, number))
            continue
        if match and match.group("block") is not None:
            block = not block
            continue
        if block and not match:
            target = line.strip()
            if target and not target.startswith(";"):
                included = True
                _include(target, len(line) - len(line.lstrip()), shown, number, site, findings, _stack, out, origins, len(line) - len(line.lstrip()))
            continue
        if match:
            if block:
                continue
            included = True
            target = match.group("quoted")[1:-1].strip()
            indent = len(match.group("space").expandtabs(4))
            _include(target, indent, shown, number, site, findings, _stack, out, origins, len(match.group("space")))
            continue
        out.append(line)
        origins.append(Origin(shown, number))
    return Expansion(out, origins, included)


def _include(target: str, indent: int, shown: str, number: int, site: Site, findings: list, stack: tuple[str, ...], out: list[str], origins: list[Origin], column: int) -> None:
    if target.lower().startswith(("http://", "https://")):
        return  # downloads are off in the handbook; pymdownx reports them itself
    match = _SNIPPET_TARGET.match(target)
    path, ranges, section = match.group(1), match.group(2), match.group(3)
    found = _snippet_file(path, site.settings)
    here = f"{shown}:{number}"
    if found is None:
        bases = ", ".join(_relative(base, site.settings.root) + "/" for base in site.settings.snippet_bases) or "."
        findings.append(("missing-snippet", shown, number, column + 1, f"snippet '{path}' does not exist (looked in {bases})"))
        return
    snippet_shown = _relative(found, site.settings.root)
    if snippet_shown in stack:
        return  # pymdownx skips recursive includes too
    from handbook.references.inputs import read_text

    text = read_text(found, snippet_shown, findings)
    if text is None:
        return
    expansion = expand_snippets(text, snippet_shown, site, findings, stack + (shown,))
    lines, line_origins = expansion.lines, expansion.origins
    if section:
        selected = _section(lines, section)
        if selected is None:
            findings.append(("missing-snippet", shown, number, column + 1, f"snippet '{path}' has no section '{section}' (expected '--8<-- [start:{section}]' in {snippet_shown})"))
            return
        start, end = selected
        lines, line_origins = lines[start:end], line_origins[start:end]
    elif ranges:
        keep: list[int] = []
        for part in ranges.split(","):
            bounds = [value for value in part.split(":")[1:]] if part.startswith(":") else part.split(":")
            first = int(bounds[0]) if bounds and bounds[0].lstrip("-").isdigit() else 1
            last = int(bounds[1]) if len(bounds) > 1 and bounds[1].lstrip("-").isdigit() else len(lines)
            keep.extend(index for index in range(max(first, 1) - 1, min(last, len(lines))))
        lines, line_origins = [lines[i] for i in keep], [line_origins[i] for i in keep]
    # Section markers are removed from included text (after a section was cut out by them).
    kept = [(line, origin) for line, origin in zip(lines, line_origins) if not ("8<" in line and _SNIPPET_SECTION.search(line))]
    lines, line_origins = [line for line, _ in kept], [origin for _, origin in kept]
    space = " " * indent
    for line, origin in zip(lines, line_origins):
        out.append(space + line)
        via = f"{origin.via}, {here}" if origin.via else here
        origins.append(Origin(origin.path, origin.line, via, origin.indent + indent))


def _section(lines: list[str], name: str) -> tuple[int, int] | None:
    start = None
    for index, line in enumerate(lines):
        if "8<" not in line:
            continue
        for match in _SNIPPET_SECTION.finditer(line):
            if match.group(2) != name:
                continue
            if match.group(1).lower() == "start" and start is None:
                start = index + 1
            elif match.group(1).lower() == "end" and start is not None:
                return start, index
    return None if start is None else (start, len(lines))


def _snippet_file(path: str, settings: Settings) -> Path | None:
    for base in settings.snippet_bases:
        if base.is_file():
            candidate = base.parent / path
            if candidate.exists() and candidate.resolve() == base.resolve():
                return candidate
            continue
        candidate = (base / path).resolve()
        if settings.snippet_restrict_base and not str(candidate).startswith(str(base.resolve()) + os.sep):
            continue
        if candidate.is_file():
            return candidate
    return None
