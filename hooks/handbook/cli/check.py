"""`handbook check`: every internal reference and the term check of both languages, without building the site.

Loads mkdocs.yml through MkDocs, lets MkDocs render every page's Markdown (no theme,
nothing written), runs the term check the build runs (handbook/terms/: forbidden
wordings, an English section lacking its Finnish twin's term) and prints one
`path:line:col: message` per finding, the same lines as the build, sorted by path and
line; a page that cannot be read, or a glossary that cannot be used, is one of those
lines. Exit codes: 0 clean, 1 findings, 2 a configuration that cannot be read.

When nothing the check reads has changed since its last run, the last result is printed
again (cli/check_cache.py; `--no-cache` runs the check anyway). The checker itself is
and the term check are called unchanged; they are imported only when they have to run.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from handbook.cli import check_cache
from handbook.cli.project import DEFAULT_CONFIG


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="handbook check",
        description="Check every internal link, anchor, image and snippet and the glossary's terms in both languages, with file:line.",
        epilog="Exit codes: 0 clean, 1 findings, 2 unreadable configuration.",
    )
    top.add_argument("config", nargs="?", type=Path, default=None, help="mkdocs.yml to check (default: the repository's)")
    top.add_argument("--config-file", "-f", dest="config_file", type=Path, default=None, help="same as the positional argument")
    top.add_argument("--no-cache", action="store_true", help="check even if nothing changed since the last check (the result is still kept)")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    config_file = args.config_file or args.config or DEFAULT_CONFIG
    if not config_file.is_file():
        print(f"error: {config_file}: no such configuration file", file=sys.stderr)
        return 2
    try:
        key = check_cache.check_key(config_file)
    except check_cache.NoKey:
        key = None
    result = check_cache.load(config_file, key) if key and not args.no_cache else None
    from_cache = result is not None
    if result is None:
        result = run_check(config_file)
        if isinstance(result, int):
            return result
        if key:
            check_cache.store(config_file, key, result)
    for line in result.lines:
        print(line)
    note = " (from .cache/handbook/: nothing changed since the last check)" if from_cache else ""
    print(f"{result.problems} problem(s), {result.informative} informative finding(s) in the references and terms{note}", file=sys.stderr)
    return 1 if result.problems else 0


def run_check(config_file: Path) -> check_cache.CheckResult | int:
    """The checkers, unchanged: their result, or exit status 2 for a configuration they cannot read."""
    # MkDocs' own INFO lines about the config would drown the findings; the level is put
    # back after, so a caller in the same process (a test, a build) still gets MkDocs' warnings.
    mkdocs_log = logging.getLogger("mkdocs")
    previous = mkdocs_log.level
    mkdocs_log.setLevel(logging.ERROR)
    try:
        return _run_check(config_file)
    finally:
        mkdocs_log.setLevel(previous)


def _run_check(config_file: Path) -> check_cache.CheckResult | int:
    from mkdocs.config import load_config

    from handbook.core.side_by_side import side_by_side
    from handbook.references.entry import check_site
    from handbook.references.settings import ReferenceCheckError, settings_from_config

    try:
        # With its hooks: the reference check asks them which ids they generate (the
        # glossary's term anchors); loading them without it made every link to a term's
        # anchor a finding the build does not have.
        config = load_config(str(config_file))
        settings = settings_from_config(config)
        # The two checkers render every page each and share nothing: side by side, the
        # wait is the longer of them, not their sum (core/side_by_side.py).
        findings, terms = side_by_side(lambda: check_site(settings), lambda: _outcome(term_lines, config))
    except ReferenceCheckError as error:
        print(f"{config_file}: {error}", file=sys.stderr)
        return 2
    except UnicodeDecodeError as error:
        print(f"{config_file}: not UTF-8 text (byte 0x{error.object[error.start]:02x} at offset {error.start}); save it as UTF-8", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"{config_file}: cannot be read: {error.strerror}", file=sys.stderr)
        return 2
    except Exception as error:  # a config MkDocs itself rejects: one clean line, not a traceback
        if type(error).__module__.startswith(("mkdocs", "yaml")):
            print(f"{config_file}: {error}", file=sys.stderr)
            return 2
        raise
    (lines, problems), term_error = terms
    if term_error is not None:
        raise term_error  # not the configuration's problem: the term check's own (it reports its input's)
    findings = sorted(set(findings))
    problems += sum(finding.severity != "info" for finding in findings)
    informative = sum(finding.severity == "info" for finding in findings)
    return check_cache.CheckResult(_in_order(lines + [finding.format() for finding in findings]), problems, informative)


def _outcome(work, *arguments) -> tuple:
    """What `work` returned, or the exception it raised, as a value."""
    try:
        return work(*arguments), None
    except Exception as error:
        return ((), 0), error


def term_lines(config) -> tuple[list[str], int]:
    """The term check's lines and how many are problems; a glossary or setting it cannot
    use is its own line (the reference findings are still shown)."""
    from mkdocs.exceptions import PluginError

    from handbook.terms.hook import term_findings

    try:
        findings = sorted(set(term_findings(config)))
    except PluginError as error:
        lines = str(error).splitlines()
        return lines, len(lines)
    return [finding.format() for finding in findings], sum(finding.severity != "info" for finding in findings)


def _in_order(lines: list[str]) -> list[str]:
    """Once each, by path, line and column, as the build logs them."""

    def place(line: str):
        path, *numbers = line.split(": ", 1)[0].split(":")
        line_number, column = ([int(number) if number.isdigit() else 0 for number in numbers] + [0, 0])[:2]
        return (path, line_number, column, line)

    return sorted(dict.fromkeys(lines), key=place)
