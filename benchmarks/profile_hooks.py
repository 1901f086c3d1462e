"""Which of our hooks costs what in a strict build: cProfile of one build, per hook module.

Builds the generated site without planted breaks (benchmarks/work/n<N>-clean, made by
run.py or here) in this process under cProfile, then sums the cumulative time of each
hook module's event functions (`on_*` in hooks/<name>.py; their helpers and subprocesses
such as pagefind are inside that time). mkdocs-static-i18n runs the English build nested
in the Finnish build's on_post_build, so both languages' events are counted and no hook
event contains another. cProfile slows Python code far more than the pagefind
subprocess, so `--each-hook` also measures wall time: strict builds of the real setup
with one hook at a time, against the build without hooks (median of `--runs` runs after
a warm-up, fresh processes, taking turns). Writes benchmarks/results/hooks-profile.json.

    python benchmarks/profile_hooks.py --pages 200 --each-hook
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from generate_site import generate  # noqa: E402


def profile(pages: int, seed: int) -> dict:
    site = BENCH / "work" / f"n{pages}-clean"
    if not (site / "mkdocs.yml").exists():
        generate(site, pages, seed, breaks=False)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    hooks_dir = str(ROOT / "hooks") + os.sep
    with tempfile.TemporaryDirectory() as out:
        profiler = cProfile.Profile()
        start = time.perf_counter()
        profiler.enable()
        config = load_config(str(site / "mkdocs.yml"), site_dir=out, strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        profiler.disable()
        total = time.perf_counter() - start
    stats = pstats.Stats(profiler)
    hooks: dict[str, dict] = {}
    for (filename, _, function), (_, _, _, cumulative, _) in stats.stats.items():
        # Events are methods of the hook objects in hooks/handbook/<concern>/; the bindings
        # in hooks/*.py hold no code of their own.
        if filename.startswith(hooks_dir) and function.startswith("on_"):
            entry = hooks.setdefault(Path(filename).relative_to(ROOT / "hooks").as_posix(), {"seconds": 0.0, "events": []})
            entry["seconds"] += cumulative
            entry["events"].append((function, cumulative))
    for entry in hooks.values():
        entry["events"].sort(key=lambda item: -item[1])
    return {"pages": pages, "total": total, "hooks": hooks}


def each_hook(pages: int, runs: int) -> dict:
    """Wall-time cost of each hook alone: strict build with only it, minus the build without hooks."""
    import statistics

    import run as bench

    site = BENCH / "work" / f"n{pages}-clean"
    config = bench._load(site / "mkdocs.yml")
    hooks = list(config["hooks"])
    variants = {"(none)": []} | {Path(hook).name: [hook] for hook in hooks} | {"(all)": hooks}
    for name, selected in variants.items():
        config["hooks"] = selected
        bench._dump(config, site / f"mkdocs-only-{name.strip('()')}.yml")
    times: dict[str, list[float]] = {name: [] for name in variants}
    with tempfile.TemporaryDirectory() as out:
        for repetition in range(runs + 1):
            for name in variants:
                command = [str(bench.VENV / "mkdocs"), "build", "--strict", "-f", f"mkdocs-only-{name.strip('()')}.yml", "-d", str(Path(out) / "site")]
                result = bench.timed(command, site)
                if result["status"] != 0:
                    raise SystemExit(f"error: build with {name} failed:\n{result['output'][-2000:]}")
                if repetition:
                    times[name].append(result["wall"])
                print(f"  {'warm-up' if not repetition else f'run {repetition}'} {name}: {result['wall']:.2f} s", flush=True)
    median = {name: statistics.median(values) for name, values in times.items()}
    return {"runs": runs, "times": times, "median": median, "overhead": {name: median[name] - median["(none)"] for name in variants if name != "(none)"}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--each-hook", action="store_true", help="also time strict builds with one hook at a time")
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    result = profile(arguments.pages, arguments.seed)
    if arguments.each_hook:
        result["each_hook"] = each_hook(arguments.pages, arguments.runs)
    (BENCH / "results").mkdir(exist_ok=True)
    (BENCH / "results" / "hooks-profile.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    for hook, entry in sorted(result["hooks"].items(), key=lambda item: -item[1]["seconds"]):
        print(f"{hook}: {entry['seconds']:.2f} s of {result['total']:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
