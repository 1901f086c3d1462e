"""The speed section of benchmarks/RESULTS.md, from benchmarks/results/speed-*.json (speed.py).

Each results file is one run of speed.py: its variants measured side by side. Files of the
same kind and site are listed oldest first, so "before" and "after" each change sit one
under the other; the text between the tables comes from benchmarks/results/speed-notes.md.
"""

from __future__ import annotations

import json
from pathlib import Path

HOOK_TARGET = 0.10  # our hooks add at most 10 % to a strict build
CHECK_UNCHANGED_SECONDS = 1.0
# The standalone check of 1,000 x 2 pages when the issue was filed (issue 15).
CHECK_MORNING_SECONDS = 1.45
CHECK_REAL_SECONDS = 0.3
PREVIEW_SECONDS = 1.0
RSS_RATIO = 1.2


def _load(folder: Path) -> list[dict]:
    found = []
    for path in sorted(folder.glob("speed-*.json")):
        result = json.loads(path.read_text(encoding="utf-8"))
        result["file"] = path.name
        found.append(result)
    return sorted(found, key=lambda r: r["date"])


def _site_key(result: dict) -> tuple[int, str]:
    site = str(result.get("site", ""))
    return (0, "") if site == "real" else (1, f"{int(site):08d}") if site.isdigit() else (2, site)


def _site_name(site: str) -> str:
    return "the real handbook" if site == "real" else f"generated {int(site):,} x 2 pages"


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "—"


def _load_line(result: dict) -> str:
    before = " / ".join(f"{v:.2f}" for v in result["load_before"])
    after = " / ".join(f"{v:.2f}" for v in result.get("load_after", result["load_before"]))
    return f"load average before {before}, after {after}"


def _machine(result: dict) -> str:
    m = result["machine"]
    return f"{m['nproc']} CPUs ({m['cpu']}), {m['memory']} RAM, Python {m['python']}"


def _trees(result: dict) -> str:
    return ", ".join(f"{name} {commit}" for name, commit in result["trees"].items())


def _builds_table(result: dict) -> list[str]:
    variants = result["variants"]
    reference = variants.get("plain") or variants.get("stock")
    lines = [
        "| variant | what | median wall | median CPU | peak RSS (largest process / MkDocs' own) | wall / plain | CPU / plain |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, v in variants.items():
        own = f" / {v['max_own_rss_mb']:.0f} MB" if v.get("max_own_rss_mb") else ""
        lines.append(
            f"| `{name}` | {v['what']} | {v['median_wall']:.2f} s | {v['median_cpu']:.2f} s | {v['max_rss_mb']:.0f} MB{own} | "
            # A run without `plain` or `stock` (head against base only) has no ratio to them.
            + (f"{_ratio(v['median_wall'], reference['median_wall'])} | {_ratio(v['median_cpu'], reference['median_cpu'])} |" if reference else "- | - |")
        )
    runs = "; ".join(f"{name} " + ", ".join(f"{w:.2f}" for w in v["walls"]) for name, v in variants.items())
    lines += ["", f"Runs (wall s): {runs}."]
    return lines


def _targets_builds(result: dict) -> list[str]:
    variants = result["variants"]
    lines = []
    hooks, plain = variants.get("hooks"), variants.get("plain")
    if hooks and plain:
        added_cpu = hooks["median_cpu"] / plain["median_cpu"] - 1
        added_wall = hooks["median_wall"] / plain["median_wall"] - 1
        verdict = "met" if added_cpu <= HOOK_TARGET else "MISSED"
        lines.append(f"- Hooks add at most {HOOK_TARGET:.0%} (CPU): {verdict} ({added_cpu:+.0%} CPU, {added_wall:+.0%} wall).")
        rss = hooks["max_rss_mb"] / plain["max_rss_mb"]
        own = ""
        if hooks.get("max_own_rss_mb") and plain.get("max_own_rss_mb"):
            own = f"; MkDocs' own process {hooks['max_own_rss_mb'] / plain['max_own_rss_mb']:.2f}x: {hooks['max_own_rss_mb']:.0f} MB vs {plain['max_own_rss_mb']:.0f} MB, the rest is Pagefind"
        lines.append(f"- Peak RSS with hooks within {RSS_RATIO}x of without: {'met' if rss <= RSS_RATIO else 'MISSED'} ({rss:.2f}x: {hooks['max_rss_mb']:.0f} MB vs {plain['max_rss_mb']:.0f} MB{own}).")
    nosearch = variants.get("nosearch")
    if hooks and plain and nosearch:
        lines.append(
            f"- Without the search index (Pagefind): hooks add {nosearch['median_cpu'] / plain['median_cpu'] - 1:+.0%} CPU; "
            f"Pagefind alone {hooks['median_cpu'] - nosearch['median_cpu']:.2f} s CPU ({(hooks['median_cpu'] - nosearch['median_cpu']) / plain['median_cpu']:.0%} of the build without hooks)."
        )
    stock = variants.get("stock")
    if hooks and stock and stock is not plain:
        lines.append(f"- Against the stock setup (Material's search instead of our hooks): {hooks['median_cpu'] / stock['median_cpu'] - 1:+.0%} CPU, {hooks['median_wall'] / stock['median_wall'] - 1:+.0%} wall.")
    base = variants.get("base")
    if hooks and base:
        lines.append(f"- Head against the base revision, both with every hook: {hooks['median_cpu'] / base['median_cpu']:.2f}x CPU, {hooks['median_wall'] / base['median_wall']:.2f}x wall, peak RSS {hooks['max_rss_mb']:.0f} MB against {base['max_rss_mb']:.0f} MB.")
    nonav = variants.get("nonav")
    if nonav and plain:
        share = 1 - nonav["median_cpu"] / plain["median_cpu"]
        lines.append(f"- Rendering the navigation: {share:.0%} of the build without hooks (CPU; {plain['median_cpu'] - nonav['median_cpu']:.2f} s).")
    for name, label in (("prune", "navigation.prune"), ("flatprune", "navigation.prune without navigation.sections")):
        if variants.get(name) and plain:
            lines.append(f"- With {label} (no hooks): {variants[name]['median_cpu'] / plain['median_cpu']:.2f}x the CPU of the build without hooks.")
    return lines


def _check_table(result: dict) -> list[str]:
    lines = ["| variant | what | median wall | median CPU | peak RSS | cache hits |", "| --- | --- | ---: | ---: | ---: | ---: |"]
    for name, v in result["variants"].items():
        hits = result.get("cache_hits", {}).get(name, 0)
        lines.append(f"| `{name}` | {v['what']} | {v['median_wall']:.2f} s | {v['median_cpu']:.2f} s | {v['max_rss_mb']:.0f} MB | {hits} / {len(v['walls'])} |")
    runs = "; ".join(f"{name} " + ", ".join(f"{w:.2f}" for w in v["walls"]) for name, v in result["variants"].items())
    lines += ["", f"Runs (wall s): {runs}. Same findings in every variant: {'yes' if result.get('same_findings') else 'NO'} ({result.get('findings', 0)} lines)."]
    variants = result["variants"]
    unchanged = variants.get("unchanged")
    limit = CHECK_REAL_SECONDS if result["site"] == "real" else CHECK_UNCHANGED_SECONDS
    if unchanged:
        lines += ["", f"- Nothing changed: under {limit} s: {'met' if unchanged['median_wall'] < limit else 'MISSED'} ({unchanged['median_wall']:.2f} s)."]
    changed, base = variants.get("changed"), variants.get("base")
    if changed and base:
        lines.append(f"- Every file changed: within 2x of the base revision: {'met' if changed['median_wall'] <= 2 * base['median_wall'] else 'MISSED'} ({changed['median_wall'] / base['median_wall']:.2f}x).")
    onecore = variants.get("onecore")
    if changed and onecore:
        lines.append(f"- Every file changed, the two checkers side by side against one after the other (`onecore`): {changed['median_wall']:.2f} s against {onecore['median_wall']:.2f} s wall ({changed['median_wall'] / onecore['median_wall']:.2f}x), {changed['median_cpu']:.2f} s against {onecore['median_cpu']:.2f} s CPU.")
    if changed and result["site"] == "1000":
        lines.append(f"- Every file changed: within 2 x {CHECK_MORNING_SECONDS} s (the issue's figure): {'met' if changed['median_wall'] <= 2 * CHECK_MORNING_SECONDS else 'MISSED'} ({changed['median_wall']:.2f} s).")
    return lines


TREE_NAMES = {"head": "head", "base": "base", "floor": "floor: head with `hooks:` emptied"}


def _preview_table(result: dict) -> list[str]:
    lines = ["| tree | page | median save to reload | min | max | MkDocs' own build time (median) | preview showed the save |", "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
    for tree, saves in result["saves_by_tree"].items():
        for language in ("fi", "en"):
            mine = [s for s in saves if s["language"] == language]
            reloads = sorted(s["to_reload"] for s in mine)
            built = sorted(s["mkdocs_reported"] for s in mine if s["mkdocs_reported"] is not None)
            median = result["median"][tree][language]
            shown = sum(s["shows_the_save"] for s in mine)
            lines.append(
                f"| {TREE_NAMES.get(tree, tree)} ({result['trees'][tree]}) | `{result['pages'][language]}` | {median:.2f} s | {reloads[0]:.2f} s | {reloads[-1]:.2f} s | "
                f"{built[len(built) // 2]:.2f} s | {shown} / {len(mine)} |" if built else f"| {tree} | {language} | {median:.2f} s | | | | {shown} / {len(mine)} |"
            )
    lines.append("")
    for tree, by_language in result["median"].items():
        worst = max(by_language.values())
        lines.append(f"- {TREE_NAMES.get(tree, tree)}: reload within {PREVIEW_SECONDS} s of the save: {'met' if worst <= PREVIEW_SECONDS else 'MISSED'} (median {by_language['fi']:.2f} s Finnish, {by_language['en']:.2f} s English).")
    lines.append("- Commands: " + "; ".join(f"{tree}: `{command}`" for tree, command in result["commands"].items()))
    return lines


def section(folder: Path) -> list[str]:
    results = _load(folder)
    if not results:
        return []
    lines = [
        "## Speed: where people wait",
        "",
        "From `benchmarks/speed.py` (README, \"Benchmarks\"): in each run the variants take turns, every run a fresh",
        "process after a warm-up round; medians of the timed runs. CPU is user + system time of the process and its",
        "children (Pagefind included); the machine is shared with other work, so wall times are noisy and CPU",
        "ratios are the steadier figure. Revisions are measured from git worktrees of their commits.",
        "",
    ]
    notes = folder / "speed-notes.md"
    intro, _, rest = (notes.read_text(encoding="utf-8") if notes.exists() else "").partition("<!-- details -->")
    if intro.strip():
        lines += [intro.strip(), ""]
    for kind, title in (("builds", "Strict builds"), ("check", "`handbook check`"), ("preview", "Live preview (`make serve`)")):
        mine = [r for r in results if r["kind"] == kind]
        if not mine:
            continue
        lines += [f"### {title}", ""]
        for result in sorted(mine, key=lambda r: (_site_key(r), r["date"])):
            where = _site_name(str(result["site"])) if "site" in result else "the real handbook"
            lines += [
                f"#### {where}: {result['date']} ({result['file']})",
                "",
                f"Trees: {_trees(result)}. {_machine(result)}; {_load_line(result)}; {result.get('runs', result.get('saves'))} timed "
                f"{'saves' if kind == 'preview' else 'runs'} per variant{' after a warm-up' if result.get('warm_up', True) else ', no warm-up round'}.",
                "",
            ]
            if kind == "builds":
                lines += _builds_table(result) + [""] + _targets_builds(result)
            elif kind == "check":
                lines += _check_table(result)
            else:
                lines += _preview_table(result)
            lines.append("")
    if rest.strip():
        lines += [rest.strip(), ""]
    return lines
