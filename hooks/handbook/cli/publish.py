"""`handbook publish`: publish one edition of the handbook to the gh-pages branch with mike.

`make publish VERSION=2026 ALIAS=latest` runs it. Exit codes: 0 published, 1 refused or
failed (one `error:` line and a hint), 2 bad arguments.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from handbook.core.settings import SettingsError
from handbook.editions.publish import PublishError, publish


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="handbook publish", description="Publish one edition of the handbook with mike.")
    parser.add_argument("--version", required=True, help="edition name, e.g. 2026 or dev")
    parser.add_argument("--alias", default=None, help="alias to move to this edition, e.g. latest")
    parser.add_argument("--title", default=None, help="title shown in the version selector")
    parser.add_argument("--push", action="store_true", help="push gh-pages to the remote afterwards")
    parser.add_argument("--default", default="latest", help="edition or alias the site root redirects to (default: latest)")
    parser.add_argument("--branch", default="gh-pages")
    parser.add_argument("--remote", default="origin")
    parser.add_argument("--config-file", "-f", type=Path, default=Path("mkdocs.yml"), help="mkdocs.yml of the handbook (default: the one in the current folder)")
    parser.add_argument("--allow-placeholder-url", action="store_true", help="publish even with an example.org site_url (a local rehearsal)")
    args = parser.parse_args(argv)
    try:
        done = publish(args.version, args.alias or None, args.title or None, args.push, args.default, args.branch, args.remote,
                       config_file=args.config_file, allow_placeholder_url=args.allow_placeholder_url)
    except PublishError as error:
        print(error.format(), file=sys.stderr)
        return 1
    except SettingsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(done)
    return 0
