"""`handbook`: the one command of the project, for translators, authors and editors.

    handbook translations status|diff|ack|new ...   the translation track
    handbook check [mkdocs.yml]                      every internal reference, with file:line
    handbook publish --version V [--alias A] ...     publish one edition with mike
    handbook serve [--dev-addr HOST:PORT]            the live preview, as `make serve` runs it

Exit codes, the same for every subcommand and through make: 0 clean, 1 findings or a
policy violated (or a publish refused), 2 usage errors or unreadable input.
"""

from __future__ import annotations

import importlib
import sys

# Each subcommand's module is imported only when it runs: `handbook check` with nothing
# changed answers from its cache in a fraction of the time the other modules take to import.
COMMANDS = {
    "translations": ("handbook.cli.translations", "the translation track: status, diff, ack, new"),
    "check": ("handbook.cli.check", "check every internal reference of both languages"),
    "publish": ("handbook.cli.publish", "publish one edition of the handbook with mike"),
    "serve": ("handbook.cli.serve", "the live preview (mkdocs serve), its site in memory where there is room"),
}

USAGE = "usage: handbook {" + ",".join(COMMANDS) + "} ... [--help]"


def help_text() -> str:
    lines = [USAGE, "", "The Aggredi methods handbook's command-line tool.", "", "commands:"]
    lines += [f"  {name:<13} {summary}" for name, (_, summary) in COMMANDS.items()]
    lines += ["", "Run `handbook COMMAND --help` for the options of one command.",
              "Exit codes: 0 clean, 1 findings or policy, 2 usage or unreadable input."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    if not arguments or arguments[0] in ("-h", "--help", "help"):
        print(help_text())
        return 0 if arguments else 2
    name, rest = arguments[0], arguments[1:]
    if name not in COMMANDS:
        print(f"{USAGE}\nhandbook: error: unknown command '{name}' (choose from {', '.join(COMMANDS)})", file=sys.stderr)
        return 2
    try:
        return importlib.import_module(COMMANDS[name][0]).main(rest)
    except SystemExit as stop:  # argparse's own --help (0) and usage errors (2)
        return stop.code if isinstance(stop.code, int) else 2
    except KeyboardInterrupt:
        return 130


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
