"""`handbook serve` (what `make serve` runs): one line for a taken address, and the preview's
site made where core/preview_folder.py chooses, by a real `mkdocs serve` of a small site."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from handbook.core.preview_folder import memory_folder
from handbook_sites import REPO_ROOT

HANDBOOK = REPO_ROOT / ".venv" / "bin" / "handbook"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_taken_address_or_a_bad_one_is_one_line_and_status_2():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([str(HANDBOOK), "serve", "--dev-addr", f"127.0.0.1:{port}"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [f"error: 127.0.0.1:{port} is already in use (another make serve?); choose another port: make serve PORT=8001"]
    for bad in ("8000", "127.0.0.1:", "127.0.0.1:99999", "127.0.0.1:0", "127.0.0.1:８０"):
        done = subprocess.run([str(HANDBOOK), "serve", "--dev-addr", bad], capture_output=True, text=True, timeout=60)
        assert done.returncode == 2, bad
        assert done.stderr.splitlines() == [f"handbook serve: error: --dev-addr must be HOST:PORT with a port from 1 to 65535, not '{bad}'"]


def test_an_address_that_cannot_be_served_on_says_why_in_one_line():
    # A host name that does not resolve, and an address no interface of this machine has.
    for address, why in (("no-such-host.invalid:8000", "the host 'no-such-host.invalid' is not known here"),
                         ("192.0.2.1:8000", "Cannot assign requested address")):
        done = subprocess.run([str(HANDBOOK), "serve", "--dev-addr", address], capture_output=True, text=True, timeout=60)
        assert done.returncode == 2, address
        [line] = done.stderr.splitlines()
        assert line.startswith(f"error: cannot serve on {address}: {why}") and line.endswith("choose another address: make serve ADDR=127.0.0.1:8001"), line


def test_an_ipv6_address_in_brackets_is_checked_as_ipv6():
    # This project's machines have an IPv6 loopback (a machine without one fails here).
    taken = socket.socket(socket.AF_INET6)
    taken.bind(("::1", 0))
    with taken:
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([str(HANDBOOK), "serve", "--dev-addr", f"[::1]:{port}"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [f"error: [::1]:{port} is already in use (another make serve?); choose another port: make serve PORT=8001"]


def test_the_preview_is_served_from_the_chosen_folder_and_removed_after(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Esikatselun etusivu\n\nTeksti.\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Esikatselu\ndocs_dir: docs\n", encoding="utf-8")
    environ = {key: value for key, value in os.environ.items() if key != "TMPDIR"}
    environ["NO_MKDOCS_2_WARNING"] = "1"
    chosen = memory_folder(docs, environ)
    # Where Python's tempfile puts it without TMPDIR; the machine decides which case runs.
    expected = chosen or Path(tempfile.gettempdir())
    port = _free_port()
    process = subprocess.Popen([str(HANDBOOK), "serve", "--dev-addr", f"127.0.0.1:{port}", "--config-file", str(config)],
                               cwd=tmp_path, env=environ, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        lines = []
        deadline = time.monotonic() + 90
        while not any("Serving on" in line for line in lines):
            line = process.stdout.readline()
            assert line or process.poll() is None, "mkdocs serve stopped:\n" + "".join(lines)
            assert time.monotonic() < deadline, "mkdocs serve did not serve:\n" + "".join(lines)
            lines.append(line)
        # The same process became mkdocs serve, with TMPDIR set only when a folder was chosen.
        told = dict(entry.split("=", 1) for entry in Path(f"/proc/{process.pid}/environ").read_text().split("\0") if "=" in entry)
        assert told.get("TMPDIR") == (str(chosen) if chosen else None)
        assert "mkdocs" in Path(f"/proc/{process.pid}/cmdline").read_text()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
            assert "Esikatselun etusivu" in response.read().decode("utf-8")
        made = [folder for folder in expected.glob("mkdocs_*") if "Esikatselun etusivu" in _text(folder / "index.html")]
        assert len(made) == 1, made
    finally:
        os.killpg(process.pid, signal.SIGINT)
        output, _ = process.communicate(timeout=30)
    assert process.returncode == 0, output
    assert not made[0].exists(), "the preview's folder outlived the preview"
    assert re.search(r"Shutting down", output)


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""
