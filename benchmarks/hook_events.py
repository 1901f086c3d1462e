"""CPU time of each of our hooks' events in one strict build, without a profiler's overhead.

Wraps every event method our hooks registered (the handbook package's hook objects) with
a process-time counter, builds the site once in this process (after one untimed build in
another process, so the results kept in .cache/handbook/ are warm unless `--cold`), and
prints the events
by cost with the build's total. mkdocs-static-i18n runs the English build inside the
Finnish build's on_post_build; no event of ours contains another, so the sum is ours.
Pagefind runs in a child process: its CPU is not in these figures (speed.py has it).

    python benchmarks/hook_events.py mkdocs.yml
    python benchmarks/hook_events.py benchmarks/work/n200-clean/mkdocs.yml --cold
    python benchmarks/hook_events.py benchmarks/work/speed-n1000/mkdocs.yml --peak   # where memory peaks
"""

from __future__ import annotations

import argparse
import collections
import os
import shutil
import tempfile
import time
from pathlib import Path


def resident_kib() -> int:
    """This process's resident memory now (VmRSS), in KiB; 0 where /proc is not there."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class PeakWatch:
    """Where the build is when its resident memory is highest: a thread reads VmRSS every
    `every` seconds and notes it under the event running then, or under "after <event>"
    for MkDocs' own work between two of our events (templates, writing pages)."""

    def __init__(self, every: float = 0.02) -> None:
        import threading

        self.every = every
        self.place = "before the build"
        self.highest: dict[str, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> PeakWatch:
        self._thread.start()
        return self

    def __exit__(self, *exception) -> None:
        self._stop.set()
        self._thread.join()

    def _watch(self) -> None:
        while not self._stop.wait(self.every):
            place, resident = self.place, resident_kib()
            if resident > self.highest.get(place, 0):
                self.highest[place] = resident


def timed_build(config_file: Path, grown: collections.Counter | None = None, watch: PeakWatch | None = None) -> tuple[float, collections.Counter]:
    """The build's CPU and each event's; `grown` gets each event's net growth of resident
    memory in KiB (what it left held, summed over its calls); `watch` notes where the
    resident memory was highest."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    spent: collections.Counter = collections.Counter()

    def counted(name, method):
        def event(*args, **kwargs):
            before = resident_kib() if grown is not None else 0
            if watch is not None:
                watch.place = name
            start = time.process_time()
            try:
                return method(*args, **kwargs)
            finally:
                spent[name] += time.process_time() - start
                if grown is not None:
                    grown[name] += resident_kib() - before
                if watch is not None:
                    watch.place = f"after {name}"

        return event

    with tempfile.TemporaryDirectory() as out:
        start = time.process_time()
        config = load_config(str(config_file), site_dir=out, strict=True)
        for event, methods in config.plugins.events.items():
            for index, method in enumerate(methods):
                owner = getattr(getattr(method, "__self__", None), "__class__", None)
                if owner is not None and owner.__module__.startswith("handbook."):
                    methods[index] = counted(f"{owner.__module__}.{owner.__name__}.{event}", method)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        return time.process_time() - start, spent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config", type=Path)
    parser.add_argument("--cold", action="store_true", help="remove .cache/handbook/ before the timed build")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--memory", action="store_true", help="also each event's net growth of resident memory (reads /proc at every call)")
    parser.add_argument("--peak", action="store_true", help="also where the resident memory was highest (reads /proc every 20 ms)")
    arguments = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    import logging

    # As `mkdocs build` does (INFO shown), but into nothing: the kept page renderings are
    # keyed by what the build's log shows, and a -q build keeps none of them.
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.setLevel(logging.INFO)
    mkdocs_log.addHandler(logging.NullHandler())
    mkdocs_log.propagate = False
    # Untimed, in another process: what a warm build finds kept on disk (this process
    # then starts as a fresh `mkdocs build` does, with nothing remembered in memory).
    import subprocess
    import sys

    with tempfile.TemporaryDirectory() as out:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(arguments.config), "-d", out], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if arguments.cold:
        shutil.rmtree(arguments.config.resolve().parent / ".cache" / "handbook", ignore_errors=True)
    grown: collections.Counter | None = collections.Counter() if arguments.memory else None
    if arguments.peak:
        with PeakWatch() as watch:
            total, spent = timed_build(arguments.config, grown, watch)
    else:
        watch = None
        total, spent = timed_build(arguments.config, grown)
    print(f"build {total:.2f} s CPU in this process; our events {sum(spent.values()):.2f} s ({sum(spent.values()) / total:.0%})")
    for name, seconds in spent.most_common(arguments.top):
        print(f"  {seconds:6.3f} s  {name}")
    if grown is not None:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"peak resident {peak / 1024:.0f} MB; our events left held {sum(grown.values()) / 1024:.0f} MB")
        for name, kib in grown.most_common(arguments.top):
            print(f"  {kib / 1024:7.1f} MB  {name}")
    if watch is not None:
        places = sorted(watch.highest.items(), key=lambda item: -item[1])
        print("resident memory at its highest, by where the build was (MB):")
        for place, kib in places[: arguments.top]:
            print(f"  {kib / 1024:7.1f} MB  {place}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
