"""Two pieces of work side by side (core/side_by_side.py): the same results as one after
the other, whatever the second one does."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from handbook.core import side_by_side as module
from handbook.core.side_by_side import side_by_side

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="side by side needs fork (POSIX)")


@pytest.fixture
def two_cores(monkeypatch):
    # A session fixture of the browser tests may leave a server thread running; these
    # cases prove what the copy does, so they fork whatever else runs.
    monkeypatch.setattr(module, "cores", lambda: 2)
    monkeypatch.setattr(module, "can_fork", lambda: True)


def test_the_second_runs_in_another_process_at_the_same_time(two_cores, tmp_path: Path):
    started = tmp_path / "second-started"

    def first():
        # Only ends once the second has started: they overlap, or this times out.
        deadline = time.monotonic() + 20
        while not started.exists():
            assert time.monotonic() < deadline, "the second piece of work never started beside the first"
            time.sleep(0.01)
        return ("first", os.getpid())

    def second():
        started.write_text("yes")
        return ("second", os.getpid())

    (name_1, pid_1), (name_2, pid_2) = side_by_side(first, second)
    assert (name_1, name_2) == ("first", "second")
    assert pid_1 == os.getpid() != pid_2


def test_with_one_core_both_run_here_in_order(monkeypatch):
    monkeypatch.setattr(module, "cores", lambda: 1)
    order = []
    assert side_by_side(lambda: order.append("first") or os.getpid(), lambda: order.append("second") or os.getpid()) == (os.getpid(), os.getpid())
    assert order == ["first", "second"]


def test_a_process_with_another_thread_is_not_copied(monkeypatch):
    monkeypatch.setattr(module, "cores", lambda: 2)
    stop = threading.Event()
    watcher = threading.Thread(target=stop.wait, daemon=True)  # as `mkdocs serve`'s watcher
    watcher.start()
    try:
        assert side_by_side(os.getpid, os.getpid) == (os.getpid(), os.getpid())
    finally:
        stop.set()
        watcher.join()


def test_what_the_second_raises_is_raised_here_after_the_first_has_finished(two_cores):
    done = []

    def second():
        raise ValueError("glossary.yml: line 3: not a mapping")

    with pytest.raises(ValueError, match="line 3: not a mapping"):
        side_by_side(lambda: done.append("first"), second)
    assert done == ["first"]


def test_a_result_that_cannot_be_sent_back_is_made_here(two_cores):
    here = os.getpid()
    made_in = []

    def second():
        made_in.append(os.getpid())
        return lambda: "a function cannot be pickled"

    _, result = side_by_side(lambda: None, second)
    assert result() == "a function cannot be pickled"
    assert made_in == [here]  # the copy's attempt left nothing here; the work was done again here


def test_a_copy_that_dies_costs_time_not_the_result(two_cores):
    here = os.getpid()

    def second():
        if os.getpid() != here:
            os.kill(os.getpid(), signal.SIGKILL)
        return "made here"

    assert side_by_side(lambda: "first", second) == ("first", "made here")


def test_when_the_first_fails_the_copy_is_stopped_and_reaped(two_cores, tmp_path: Path):
    pid_file = tmp_path / "copy.pid"

    def second():
        pid_file.write_text(str(os.getpid()))
        time.sleep(60)
        return "never"

    def first():
        deadline = time.monotonic() + 20
        while not pid_file.exists() or not pid_file.read_text():
            assert time.monotonic() < deadline
            time.sleep(0.01)
        raise RuntimeError("the reference check failed")

    started = time.monotonic()
    with pytest.raises(RuntimeError, match="reference check failed"):
        side_by_side(first, second)
    assert time.monotonic() - started < 30  # it did not wait for the copy's minute
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid_file.read_text()), 0)  # stopped and waited for: not even a zombie


def test_what_was_printed_before_is_printed_once(tmp_path: Path):
    # stdout to a pipe is block-buffered: unflushed text would be written by both processes.
    program = (
        "import os, sys\n"
        "from handbook.core import side_by_side as module\n"
        "module.cores = lambda: 2\n"
        "assert module.can_fork()\n"
        "print('before', end=' ')\n"
        "a, b = module.side_by_side(lambda: 'one', lambda: print('in the copy', end=' ') or 'two')\n"
        "print(a, b)\n"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.split() == ["before", "in", "the", "copy", "one", "two"]


def test_a_refused_fork_runs_both_here(two_cores, monkeypatch):
    def refused():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(module.os, "fork", refused)
    assert side_by_side(os.getpid, os.getpid) == (os.getpid(), os.getpid())
