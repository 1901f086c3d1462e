"""Two independent pieces of work at the same time, one in a forked copy of this process.

`handbook check` renders every page twice over: once through MkDocs for the reference
check, once with the site's Markdown for the term check. Neither reads what the other
makes, and they keep their results in different files under .cache/handbook/, so on a
machine with a second core they can run side by side: the wait is the longer of the two,
not their sum (at 1,000 x 2 pages, each is about half of the check).

What the second one returns, or raises, comes back through a pipe, pickled. Whenever it
cannot come back (no fork on this system, one core, a result that cannot be pickled, a
copy that died, a fork refused), the second piece of work runs here after the first:
slower, never wrong.
A process with other threads (`mkdocs serve`'s server and watcher) is never forked: the
copy would inherit locks those threads may hold, so there too both run here in order.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from typing import TypeVar

First = TypeVar("First")
Second = TypeVar("Second")

_RETURNED, _RAISED = "returned", "raised"


def cores() -> int:
    """The cores this process may run on (a CI container may allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def can_fork() -> bool:
    """This process may be copied safely: the system can fork and no other thread runs."""
    return hasattr(os, "fork") and threading.active_count() == 1


def side_by_side(first: Callable[[], First], second: Callable[[], Second]) -> tuple[First, Second]:
    """`first()` here and `second()` in a forked copy at the same time; both results, in order.

    An exception `second` raises is raised here, after `first` has finished, as if the two
    had run one after the other."""
    if cores() < 2 or not can_fork():
        return first(), second()
    # What this process has buffered is written once, not once more by the copy.
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        readable, writable = os.pipe()
    except OSError:
        return first(), second()
    try:
        child = os.fork()
    except OSError:  # no process left to make (a container's limit): one after the other
        os.close(readable)
        os.close(writable)
        return first(), second()
    if child == 0:  # the copy: do the work, send the outcome, leave without cleaning up the parent's state
        os.close(readable)
        try:
            _send(writable, second)
        finally:
            os._exit(0)
    os.close(writable)
    with os.fdopen(readable, "rb") as pipe:
        try:
            mine = first()
            data = pipe.read()
        except BaseException:
            _stop(child)
            raise
    os.waitpid(child, 0)
    outcome = _received(data)
    if outcome is None:
        return mine, second()
    kind, value = outcome
    if kind == _RAISED:
        raise value
    return mine, value


def _send(writable: int, work: Callable[[], object]) -> None:
    try:
        try:
            outcome: tuple = (_RETURNED, work())
        except Exception as error:
            outcome = (_RAISED, error)
        data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        data = b""  # cannot be sent: the parent does the work itself
    sys.stdout.flush()
    sys.stderr.flush()
    with os.fdopen(writable, "wb") as pipe:
        pipe.write(data)


def _received(data: bytes) -> tuple | None:
    if not data:
        return None
    try:
        outcome = pickle.loads(data)
    except Exception:
        return None
    return outcome if isinstance(outcome, tuple) and len(outcome) == 2 and outcome[0] in (_RETURNED, _RAISED) else None


def _stop(child: int) -> None:
    try:
        os.kill(child, signal.SIGTERM)
        os.waitpid(child, 0)
    except OSError:
        pass
