"""What the Makefile's targets tell a user, run through make as users run them."""

from __future__ import annotations

import socket
import subprocess

from handbook_sites import REPO_ROOT


def _make(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", "-C", str(REPO_ROOT), *args], capture_output=True, text=True, timeout=120)


def test_serve_on_a_busy_port_is_one_clear_line_naming_the_way_out():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = _make("serve", f"PORT={port}")
    assert done.returncode != 0
    assert done.stderr.splitlines()[0] == f"error: 127.0.0.1:{port} is already in use (another make serve?); choose another port: make serve PORT=8001"


def test_serve_and_editions_use_different_ports_by_default():
    serve = _make("-n", "serve").stdout
    editions = _make("-n", "editions").stdout
    assert "--dev-addr 127.0.0.1:8000" in serve and "--dev-addr 127.0.0.1:8001" in editions
    assert "--dev-addr 0.0.0.0:9000" in _make("-n", "serve", "ADDR=0.0.0.0:9000").stdout


def test_the_handbook_command_answers_help_and_usage_with_its_exit_codes():
    handbook = REPO_ROOT / ".venv" / "bin" / "handbook"
    top = subprocess.run([str(handbook), "--help"], capture_output=True, text=True)
    assert top.returncode == 0 and "translations" in top.stdout and "Exit codes" in top.stdout
    for command in ("translations", "check", "publish"):
        assert subprocess.run([str(handbook), command, "--help"], capture_output=True, text=True).returncode == 0, command
    unknown = subprocess.run([str(handbook), "transaltions"], capture_output=True, text=True)
    assert unknown.returncode == 2 and "unknown command 'transaltions'" in unknown.stderr
    assert subprocess.run([str(handbook), "translations", "frobnicate"], capture_output=True, text=True).returncode == 2
    through_make = _make("translations", "ARGS=frobnicate")
    # GNU make exits with 2 for any failed recipe; the command's own status is named.
    assert through_make.returncode == 2 and "handbook translations: exit status 2" in through_make.stderr
