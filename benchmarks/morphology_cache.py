"""The Finnish morphology's cost on a strict build of the real handbook, cold and warm.

    NO_MKDOCS_2_WARNING=1 .venv/bin/python benchmarks/morphology_cache.py [--runs 3] [--baseline REV]

Each run is a fresh `mkdocs build --strict` process into benchmarks/work/morphology/.
Cold: the word cache (.cache/handbook/finnish-words.json) removed first, so every
distinct word is analysed and the dictionary loaded. Warm: the cache as the previous
build left it, as a second `make serve` or `make site` finds it. With --baseline, the
same strict build of another revision (checked out with `git worktree` into the work
folder) is timed too, for the cost of the whole change. Prints the runs and medians;
the figures go into benchmarks/results/notes.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "benchmarks" / "work" / "morphology"
CACHE = REPO / ".cache" / "handbook" / "finnish-words.json"


def timed_build(project: Path) -> float:
    # The project's own hooks package first, so a baseline revision runs its own code.
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(project / "hooks"))
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(WORK / "site"), "--config-file", str(project / "mkdocs.yml")]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"build of {project} failed ({done.returncode}):\n{(done.stderr + done.stdout)[-2000:]}")
    return elapsed


def report(name: str, runs: list[float]) -> None:
    print(f"{name:9} median {statistics.median(runs):.2f} s; runs {', '.join(f'{run:.2f}' for run in runs)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline", help="a revision to time the same way (e.g. the commit before the change)")
    arguments = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    if arguments.baseline:
        checkout = WORK / "baseline"
        if checkout.exists():
            subprocess.run(["git", "worktree", "remove", "--force", str(checkout)], cwd=REPO, check=True)
        subprocess.run(["git", "worktree", "add", "--quiet", "--detach", str(checkout), arguments.baseline], cwd=REPO, check=True)
        try:
            timed_build(checkout)  # warm-up, not counted
            report("baseline", [timed_build(checkout) for _ in range(arguments.runs)])
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(checkout)], cwd=REPO, check=True)
    cold = []
    for _ in range(arguments.runs):
        CACHE.unlink(missing_ok=True)
        cold.append(timed_build(REPO))
    report("cold", cold)
    timed_build(REPO)  # the cache as a build leaves it
    report("warm", [timed_build(REPO) for _ in range(arguments.runs)])
    shutil.rmtree(WORK / "site", ignore_errors=True)


if __name__ == "__main__":
    main()
