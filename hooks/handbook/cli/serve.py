"""`handbook serve`: the live preview, `mkdocs serve --strict --livereload`, with its site in memory.

`make serve` runs it. It says in one line when the address is taken, chooses where the
preview's site is written (core/preview_folder.py: a tmpfs with room, else the system's
temporary folder) and then becomes `mkdocs serve` (the same process, so Ctrl-C and the
exit status are MkDocs' own). Options it does not know go to `mkdocs serve`.
Exit codes: 2 a taken address or bad arguments; otherwise those of `mkdocs serve`.
"""

from __future__ import annotations

import argparse
import errno
import os
import socket
import sys
from pathlib import Path

import yaml

from handbook.cli.project import DEFAULT_CONFIG
from handbook.core.preview_folder import memory_folder


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="handbook serve", description="Serve the handbook with live reload, strictly, as `make serve` does.",
                                  epilog="Other options are passed to `mkdocs serve`. Exit codes: 2 a taken address or bad arguments.")
    top.add_argument("--dev-addr", "-a", default="127.0.0.1:8000", help="HOST:PORT to serve on (default 127.0.0.1:8000)")
    top.add_argument("--config-file", "-f", type=Path, default=DEFAULT_CONFIG, help="mkdocs.yml of the handbook (default: the repository's)")
    return top


def address_problem(host: str, port: int) -> str | None:
    """Why HOST:PORT cannot be served on (None when it can): bound as the server will bind it."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        return f"the host '{host}' is not known here ({error})"
    family, kind, protocol, _, address = found[0]
    with socket.socket(family, kind, protocol) as probe:
        # A port left in TIME_WAIT by the last preview is free, as it is to the server.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return "in use"
            return error.strerror or str(error)
    return None


def split_address(text: str) -> tuple[str, int] | None:
    """`127.0.0.1:8000`, `localhost:8000` or `[::1]:8000` as (host, port); None if it is none of them."""
    host, _, port = text.rpartition(":")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if not host or not port.isascii() or not port.isdigit() or not 0 < int(port) < 65536:
        return None
    return host, int(port)


class _AnyTags(yaml.SafeLoader):
    """mkdocs.yml's Python tags (`!!python/name:...`) read as nothing: only `docs_dir` is wanted."""


_AnyTags.add_multi_constructor("", lambda loader, suffix, node: None)


def docs_folder(config_file: Path) -> Path:
    """The configuration's docs_dir, for sizing the preview's folder (MkDocs' default when unread)."""
    try:
        settings = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_AnyTags)  # noqa: S506 (a SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        settings = None
    docs = settings.get("docs_dir") if isinstance(settings, dict) else None
    return config_file.parent / (docs if isinstance(docs, str) and docs else "docs")


def main(argv: list[str] | None = None) -> int:
    args, rest = parser().parse_known_args(argv)
    address = split_address(args.dev_addr)
    if address is None:
        print(f"handbook serve: error: --dev-addr must be HOST:PORT with a port from 1 to 65535, not '{args.dev_addr}'", file=sys.stderr)
        return 2
    problem = address_problem(*address)
    if problem == "in use":
        print(f"error: {args.dev_addr} is already in use (another make serve?); choose another port: make serve PORT=8001", file=sys.stderr)
        return 2
    if problem:
        print(f"error: cannot serve on {args.dev_addr}: {problem}; choose another address: make serve ADDR=127.0.0.1:8001", file=sys.stderr)
        return 2
    environ = dict(os.environ)
    folder = memory_folder(docs_folder(args.config_file), environ)
    if folder is not None:
        environ["TMPDIR"] = str(folder)
    mkdocs = Path(sys.executable).with_name("mkdocs")
    command = [str(mkdocs), "serve", "--strict", "--livereload", "--dev-addr", args.dev_addr, "--config-file", str(args.config_file), *rest]
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(mkdocs, command, environ)
    return 0  # not reached: the process is mkdocs serve now
