"""`handbook check`: every internal reference of both languages, without building the site.

Loads mkdocs.yml through MkDocs, lets MkDocs render every page's Markdown (no theme,
nothing written) and prints one `path:line:col: message` per finding; a page that cannot
be read is one of those lines. Exit codes: 0 clean, 1 findings, 2 a configuration that
cannot be read.

When nothing the check reads has changed since its last run, the last result is printed
again (cli/check_cache.py; `--no-cache` runs the check anyway). The checker itself is
called unchanged; it is imported only when it has to run.
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
        description="Check every internal link, anchor, image and snippet of both languages, with file:line.",
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
    print(f"{result.problems} problem(s), {result.informative} informative finding(s) in the references{note}", file=sys.stderr)
    return 1 if result.problems else 0


def run_check(config_file: Path) -> check_cache.CheckResult | int:
    """The checker, unchanged: its result, or exit status 2 for a configuration it cannot read."""
    from handbook.references.entry import check_config_file
    from handbook.references.settings import ReferenceCheckError

    # MkDocs' own INFO lines about the config would drown the findings.
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        findings = check_config_file(config_file)
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
    problems = sum(finding.severity != "info" for finding in findings)
    return check_cache.CheckResult([finding.format() for finding in findings], problems, len(findings) - problems)
