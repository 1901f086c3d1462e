"""Where people wait: the build, the reference check and the live preview, side by side.

Every figure compares variants measured in ONE run, taking turns, each run a fresh process
(after a warm-up round that is not counted), so a burst of load from other work on the
shared machine hits them alike; the medians and their ratios are what to read.

Revisions are measured from git worktrees of their commits (benchmarks/work/tree-NAME,
removed at the end): `head` is HEAD (commit first: uncommitted changes are not measured),
`base` is `--base REV` (the revision before the speed work). Each tree's own mkdocs.yml,
theme overrides, Makefile and `handbook` package (PYTHONPATH) are used; the virtualenv is
the project's .venv (the same locked packages for every tree).

    python benchmarks/speed.py builds --site real            # the real handbook
    python benchmarks/speed.py builds --site 1000 --runs 3   # a generated 1,000 x 2 page handbook
    python benchmarks/speed.py check --site 1000             # `handbook check`, cached and not
    python benchmarks/speed.py preview --saves 10            # `make serve`: save -> reload
    python benchmarks/speed.py report                        # rewrite RESULTS.md

Build variants (`--variants` picks some; `base` needs `--base`):
  stock   head's config, `hooks:` emptied, Material's search plugin on: the same site on
          MkDocs + Material + i18n alone, as it was configured before the speed work
  plain   head's config with `hooks:` emptied (what "hooks / baseline" divides by)
  hooks   head's config, every hook on
  base    the base revision's config, every hook on
  nosearch  head's config, every hook but the search index (what Pagefind costs)
  cold    hooks, with the results kept in .cache/handbook/ removed before each run (a fresh clone)
  edited  hooks, one Finnish page changed by a sentence before each run (an author's rebuild)
  nonav   plain, with a theme override that renders no navigation (what the nav costs)
  prune   plain, with Material's `navigation.prune` feature on
  flatprune  plain, `navigation.prune` on and `navigation.sections` off (pruning then applies)
Check variants: base (no cache), cold, changed (every input changed), onecore (changed,
run under `taskset -c 0`: the two checkers one after the other), unchanged, edited.
Results: benchmarks/results/speed-*.json; RESULTS.md is rewritten from them.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / "work"
RESULTS = BENCH / "results"
VENV = ROOT / ".venv" / "bin"
sys.path.insert(0, str(BENCH))

from generate_site import _Dumper, _Loader, generate  # noqa: E402
from run import machine  # noqa: E402

BUILD_VARIANTS = ("stock", "plain", "hooks", "cold", "edited", "base", "nosearch", "nonav", "prune", "flatprune", "nobytecode")
# `mkdocs` in a Python that reports its own peak resident set at exit: wait4's ru_maxrss is
# the largest of the process and its children, and Pagefind, a child, can be the largest.
MKDOCS = (
    "import atexit, re, sys\n"
    "def peak():\n"
    "    status = open('/proc/self/status').read()\n"
    "    sys.stderr.write('speed-bench-own-peak-kb: ' + re.search(r'VmHWM:\\s+(\\d+)', status).group(1) + '\\n')\n"
    "atexit.register(peak)\n"
    "from mkdocs.__main__ import cli\n"
    "sys.argv[0] = 'mkdocs'\n"
    "cli()\n"
)
# A sidebar without navigation: Material's partials/nav.html replaced by an empty <nav>.
EMPTY_NAV = '<nav class="md-nav md-nav--primary" aria-label="{{ lang.t(\'nav\') }}" data-md-level="0"></nav>\n'


# --- Revisions as git worktrees


@dataclass
class Tree:
    name: str
    commit: str
    path: Path

    @property
    def env(self) -> dict[str, str]:
        # The tree's own `handbook` package before the editable install of the main checkout.
        return dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(self.path / "hooks"))


def _git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True).stdout.strip()


def checkout(name: str, revision: str) -> Tree:
    commit = _git("rev-parse", revision)
    path = WORK / f"tree-{name}"
    if path.exists():
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(path)], capture_output=True)
        shutil.rmtree(path, ignore_errors=True)
    _git("worktree", "add", "--detach", "--force", str(path), commit)
    # As `make install` does: the package's bytecode compiled once, so a build where
    # PYTHONDONTWRITEBYTECODE is set (this machine, many CI images) does not compile the
    # package's modules again in every process.
    subprocess.run([str(VENV / "python"), "-m", "compileall", "-q", str(path / "hooks")], check=True)
    return Tree(name, commit, path)


def remove(trees: list[Tree]) -> None:
    for tree in trees:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree.path)], capture_output=True)
    subprocess.run(["git", "-C", str(ROOT), "worktree", "prune"], capture_output=True)


def trees(base: str | None, head: str = "HEAD") -> list[Tree]:
    if head == "HEAD" and _git("status", "--porcelain", "--untracked-files=no"):
        print("note: the working tree has uncommitted changes; HEAD is measured without them", file=sys.stderr)
    found = [checkout("head", head)]
    if base and _git("rev-parse", base) != found[0].commit:
        found.append(checkout("base", base))
    return found


# --- Configurations


def load_yaml(path: Path) -> dict:
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_Loader)


def dump_yaml(config: dict, path: Path) -> None:
    path.write_text(yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def _plugin_names(config: dict) -> list[str]:
    return [next(iter(plugin)) if isinstance(plugin, dict) else plugin for plugin in config.get("plugins") or []]


def variant_config(config: dict, variant: str, theme_dir: Path, out_dir: Path) -> dict:
    """`config` (a tree's or a generated site's mkdocs.yml) changed into one build variant."""
    config = _copy(config)
    if variant in ("stock", "plain", "nonav", "prune", "flatprune"):
        config["hooks"] = []
    if variant == "nosearch":
        config["hooks"] = [hook for hook in config["hooks"] if not str(hook).endswith("search_index.py")]
    if variant == "stock" and not {"search", "material/search"} & set(_plugin_names(config)):
        config["plugins"].insert(0, "search")
    if variant == "nonav":
        copy = out_dir / "overrides-bench-nonav"
        if copy.exists():
            shutil.rmtree(copy)
        shutil.copytree(theme_dir, copy)
        (copy / "partials").mkdir(exist_ok=True)
        (copy / "partials" / "nav.html").write_text(EMPTY_NAV, encoding="utf-8")
        config["theme"]["custom_dir"] = str(copy)
    if variant == "prune":
        config["theme"]["features"] = list(config["theme"].get("features") or []) + ["navigation.prune"]
    if variant == "flatprune":
        features = [feature for feature in config["theme"].get("features") or [] if feature != "navigation.sections"]
        config["theme"]["features"] = features + ["navigation.prune"]
    return config


def _copy(value):
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value


# --- Running and timing


@dataclass
class Variant:
    name: str
    what: str
    command: list[str]
    cwd: Path
    env: dict[str, str]
    prepare: object = None  # untimed step before each run
    ok_status: tuple[int, ...] = (0,)
    runs: list[dict] = field(default_factory=list)

    def run_once(self) -> dict:
        if self.prepare:
            self.prepare()
        start = time.perf_counter()
        process = subprocess.Popen(self.command, cwd=self.cwd, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        reader = threading.Thread(target=lambda: setattr(process, "_err", process.stderr.read()))
        reader.start()
        stdout = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        reader.join()
        own = re.search(r"speed-bench-own-peak-kb: (\d+)", process._err)
        result = {
            "own_rss_mb": int(own.group(1)) / 1024 if own else None,
            "wall": wall,
            "cpu": usage.ru_utime + usage.ru_stime,
            "rss_mb": usage.ru_maxrss / 1024,
            "status": os.waitstatus_to_exitcode(status),
            "stdout": stdout,
            "stderr": process._err,
        }
        if result["status"] not in self.ok_status:
            raise SystemExit(f"error: {self.name} failed (exit {result['status']}): {' '.join(self.command)}\n{result['stderr'][-3000:]}")
        return result

    def summary(self) -> dict:
        walls = [run["wall"] for run in self.runs]
        cpus = [run["cpu"] for run in self.runs]
        return {
            "what": self.what,
            "command": " ".join(_shown(part) for part in self.command) + f"   (in {_shown(str(self.cwd))})",
            "walls": walls,
            "cpus": cpus,
            "rss_mb": [run["rss_mb"] for run in self.runs],
            "median_wall": statistics.median(walls),
            "median_cpu": statistics.median(cpus),
            "max_rss_mb": max(run["rss_mb"] for run in self.runs),
            "max_own_rss_mb": max((run["own_rss_mb"] for run in self.runs if run.get("own_rss_mb")), default=None),
        }


def _shown(part: str) -> str:
    return os.path.relpath(part, ROOT) if part.startswith(str(ROOT)) else part


def take_turns(variants: list[Variant], runs: int, label: str, warm_up: bool = True) -> None:
    """A warm-up round (unless told otherwise), then `runs` rounds; the order rotates each round."""
    for repetition in range(0 if warm_up else 1, runs + 1):
        order = variants[repetition % len(variants) :] + variants[: repetition % len(variants)]
        for variant in order:
            result = variant.run_once()
            if repetition:
                variant.runs.append(result)
            tag = "warm-up" if not repetition else f"run {repetition}"
            print(f"  {label} {tag} {variant.name}: {result['wall']:.2f} s wall, {result['cpu']:.2f} s CPU, {result['rss_mb']:.0f} MB", flush=True)


def envelope(kind: str, found: list[Tree], extra: dict) -> dict:
    return {
        "kind": kind,
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "trees": {tree.name: tree.commit[:10] for tree in found},
        "load_before": os.getloadavg(),
    } | extra


def save(name: str, result: dict) -> None:
    result["load_after"] = os.getloadavg()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"speed-{name}.json").write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS / f'speed-{name}.json'}")


# --- Builds


def build_variants(site: str, seed: int, found: list[Tree], chosen: list[str]) -> tuple[list[Variant], dict]:
    head = found[0]
    base = next((tree for tree in found if tree.name == "base"), None)
    out = WORK / f"speed-out-{site}"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    info: dict = {}
    if site == "real":
        folder = {tree.name: tree.path for tree in found}
        configs = {tree.name: tree.path / "mkdocs.yml" for tree in found}
        theme = head.path / "overrides"
        info["pages"] = sum(1 for _ in (head.path / "docs").rglob("*.md"))
    else:
        pages = int(site)
        where = WORK / f"speed-n{pages}"
        manifest = generate(where, pages, seed, breaks=False, other_configs={tree.name: tree.path for tree in found})
        folder = {tree.name: where for tree in found}
        # Each revision builds its own copy: in one folder they would share .cache/handbook/,
        # and each revision's build would find the other's kept results (another code
        # version) and do all the work again, so neither build would be warm.
        for tree in found[1:]:
            copy = WORK / f"speed-n{pages}-{tree.name}"
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(where, copy, ignore=shutil.ignore_patterns(".cache"))
            folder[tree.name] = copy
        configs = {tree.name: folder[tree.name] / f"mkdocs-{tree.name}.yml" for tree in found}
        theme = head.path / "overrides"
        info["generated"] = {key: manifest[key] for key in ("pages", "sections", "untranslated", "outdated", "references")}
    what = {
        "stock": "no hooks, Material's search plugin on (MkDocs + Material + i18n alone)",
        "plain": "no hooks (head's plugins)",
        "hooks": "every hook on (head)",
        "base": "every hook on (base revision)",
        "nosearch": "every hook but the search index (head)",
        "cold": "every hook on, no results kept by an earlier build (head, a fresh clone)",
        "edited": "every hook on, one Finnish page edited since the last build (head)",
        "nobytecode": "every hook on, the package's bytecode not compiled (head, PYTHONDONTWRITEBYTECODE set)",
        "nonav": "no hooks, no navigation rendered",
        "prune": "no hooks, Material's navigation.prune",
        "flatprune": "no hooks, navigation.prune without navigation.sections",
    }
    variants = []
    for name in chosen:
        if name == "base" and base is None:
            continue
        tree = base if name == "base" else head
        source = load_yaml(configs[tree.name])
        target = folder[tree.name] / f"mkdocs-bench-{name}.yml"
        if name in ("hooks", "base"):
            target = configs[tree.name]
        else:
            dump_yaml(variant_config(source, name, theme, folder[tree.name]), target)
        if name in ("cold", "edited", "nobytecode"):
            target = configs[tree.name]
        command = [str(VENV / "python"), "-c", MKDOCS, "build", "--strict", "-f", str(target), "-d", str(out / name)]
        prepare = None
        if name == "cold":
            prepare = _forget_kept_results(folder[tree.name])
        if name == "edited":
            prepare = _edit_one_page(folder[tree.name])
        if name == "nobytecode":
            prepare = _forget_bytecode(tree.path)
        if "nobytecode" in chosen and name != "nobytecode":
            prepare = _with_bytecode(tree.path, prepare)
        variants.append(Variant(name, what[name], command, folder[tree.name], tree.env, prepare=prepare))
    return variants, info


def _forget_bytecode(tree: Path):
    """Before each run: no compiled bytecode of the package, as in a checkout where
    PYTHONDONTWRITEBYTECODE is set and `make install` did not compile it."""

    def prepare():
        for folder in (tree / "hooks").rglob("__pycache__"):
            shutil.rmtree(folder, ignore_errors=True)

    return prepare


def _with_bytecode(tree: Path, then=None):
    """Before each run of the other variants: the bytecode `nobytecode` removed, compiled
    again (as `make install` leaves it), then the variant's own preparation."""

    def prepare():
        subprocess.run([str(VENV / "python"), "-m", "compileall", "-q", str(tree / "hooks")], check=True)
        if then is not None:
            then()

    return prepare


def _forget_kept_results(site: Path):
    """Before each run: no results kept by earlier builds (a fresh clone, CI)."""
    return lambda: shutil.rmtree(site / ".cache" / "handbook", ignore_errors=True)


def _edit_one_page(site: Path):
    """Before each run: one Finnish page's text changed as an author would, by a sentence
    added or taken away (its twin becomes outdated; everything else is as the last build left it)."""
    page = min((site / "docs" / "fi").rglob("*.md"), key=lambda path: (len(path.relative_to(site).parts), str(path)))
    sentence = "\n\nTämä virke on lisätty mittausta varten.\n"

    def edit() -> None:
        text = page.read_text(encoding="utf-8")
        page.write_text(text[: -len(sentence)] if text.endswith(sentence) else text + sentence, encoding="utf-8")

    return edit


def builds(arguments) -> int:
    found = trees(arguments.base, arguments.head)
    try:
        chosen = arguments.variants.split(",") if arguments.variants else ["stock", "plain", "hooks", "base"]
        variants, info = build_variants(arguments.site, arguments.seed, found, chosen)
        result = envelope("builds", found, {"site": arguments.site, "runs": arguments.runs, "warm_up": not arguments.no_warm_up} | info)
        take_turns(variants, arguments.runs, f"{arguments.site}:", warm_up=not arguments.no_warm_up)
        result["variants"] = {variant.name: variant.summary() for variant in variants}
        save(f"builds-{arguments.site}{arguments.tag}", result)
    finally:
        remove(found)
    return report()


# --- The reference check


_CHANGES = itertools.count(1)


def _change_every_input(site: Path) -> None:
    """Change the content of every page, snippet and mkdocs.yml without changing a finding:
    a run of trailing newlines of a length no earlier run used, so that no result kept by
    an earlier run matches (two states taken in turns would find the results kept two runs
    before: the term check keeps renderings it did not use this time)."""
    run = next(_CHANGES)
    files = [path for folder in ("docs", "snippets") for path in (site / folder).rglob("*.md")]
    files += sorted(site.glob("mkdocs*.yml"))
    for path in files:
        path.write_bytes(path.read_bytes().rstrip(b"\n") + b"\n" * (1 + run))


def check_variants(site: str, seed: int, found: list[Tree]) -> tuple[list[Variant], dict]:
    head = found[0]
    base = next((tree for tree in found if tree.name == "base"), None)
    info: dict = {}
    if site == "real":
        folders = {tree.name: tree.path for tree in found}
        configs = {tree.name: tree.path / "mkdocs.yml" for tree in found}
    else:
        pages = int(site)
        where = WORK / f"speed-check-n{pages}"
        manifest = generate(where, pages, seed, breaks=True, other_configs={tree.name: tree.path for tree in found})
        folders = {tree.name: where for tree in found}
        configs = {tree.name: where / f"mkdocs-{tree.name}.yml" for tree in found}
        info["generated"] = {key: manifest[key] for key in ("pages", "sections", "untranslated", "outdated", "references")} | {"planted": len(manifest["breaks"])}
    cache = folders["head"] / ".cache" / "handbook"

    def command(tree: Tree) -> list[str]:
        return [str(VENV / "handbook"), "check", str(configs[tree.name])]

    variants = []
    if base is not None:
        variants.append(Variant("base", "the base revision (no cache)", command(base), folders["base"], base.env, ok_status=(0, 1)))
    variants += [
        Variant("cold", "head, no cache yet (a fresh clone)", command(head), folders["head"], head.env,
                prepare=lambda: shutil.rmtree(cache, ignore_errors=True), ok_status=(0, 1)),
        Variant("changed", "head, every page, snippet and mkdocs.yml changed since the last check", command(head), folders["head"], head.env,
                prepare=lambda: _change_every_input(folders["head"]), ok_status=(0, 1)),
        # The same, on one core: the reference check and the term check one after the other
        # (core/side_by_side.py runs them side by side only with a second core to run on).
        Variant("onecore", "head, every file changed, on one core (the two checkers one after the other)", ["taskset", "-c", "0", *command(head)],
                folders["head"], head.env, prepare=lambda: _change_every_input(folders["head"]), ok_status=(0, 1)),
        Variant("unchanged", "head, nothing changed since the last check", command(head), folders["head"], head.env, ok_status=(0, 1)),
        Variant("edited", "head, one Finnish page changed by a sentence since the last check (an author's or translator's check)",
                command(head), folders["head"], head.env, prepare=_edit_one_page(folders["head"]), ok_status=(0, 1)),
    ]
    return variants, info


def check(arguments) -> int:
    found = trees(arguments.base, arguments.head)
    try:
        variants, info = check_variants(arguments.site, arguments.seed, found)
        result = envelope("check", found, {"site": arguments.site, "runs": arguments.runs} | info)
        # Fixed order: `unchanged` always follows a head run that wrote the cache.
        for repetition in range(arguments.runs + 1):
            for variant in variants:
                outcome = variant.run_once()
                if repetition:
                    variant.runs.append(outcome)
                print(f"  check {arguments.site} {'warm-up' if not repetition else f'run {repetition}'} {variant.name}: {outcome['wall']:.2f} s", flush=True)
        # Findings in mkdocs.yml name the config file: each tree has its own copy.
        outputs = {variant.name: re.sub(r"mkdocs-(head|base)\.yml", "mkdocs.yml", variant.runs[-1]["stdout"]) for variant in variants}
        result["same_findings"] = len(set(outputs.values())) == 1
        result["cache_hits"] = {variant.name: sum("nothing changed since the last check" in run["stderr"] for run in variant.runs) for variant in variants}
        result["findings"] = len(outputs["unchanged"].splitlines())
        result["variants"] = {variant.name: variant.summary() for variant in variants}
        save(f"check-{arguments.site}{arguments.tag}", result)
    finally:
        remove(found)
    return report()


# --- The live preview


PAGES_SAVED = {"fi": "docs/fi/teoria/desistanssi.md", "en": "docs/en/teoria/desistanssi.md"}


def serve_command(tree: Tree, port: int) -> list[str]:
    """The tree's own `make serve` recipe, with the project's venv and a port of its own
    (the `floor` tree serves its mkdocs.yml with `hooks:` emptied). The recipe is either
    `mkdocs serve ...` (revisions before `handbook serve`) or `$(call handbook,serve ...)`."""
    makefile = (tree.path / "Makefile").read_text(encoding="utf-8")
    # The recipe's serving line (in older revisions, lines before it check that the port is free).
    block = re.search(r"^serve:.*\n((?:\t.*\n?)+)", makefile, re.M).group(1)
    config = "mkdocs-bench-plain.yml" if tree.name == "floor" else "mkdocs.yml"
    recipe = next(line.strip() for line in block.splitlines() if "mkdocs serve" in line or "handbook,serve" in line)
    if "handbook,serve" in recipe:
        # The venv's `handbook` is this checkout's package: the tree's own config is named.
        return [str(VENV / "handbook"), "serve", "--dev-addr", f"127.0.0.1:{port}", "--config-file", config]
    recipe = recipe.replace("$(BIN)", str(VENV))
    recipe = re.sub(r"--dev-addr\s+\S+", f"--dev-addr 127.0.0.1:{port}", recipe)
    return recipe.split() + ["-f", config]


class Server:
    """`make serve` of one tree: its log lines with the wall time each arrived."""

    def __init__(self, tree: Tree, port: int) -> None:
        self.tree, self.port = tree, port
        self.lines: list[tuple[float, str]] = []
        self.changed = threading.Condition()
        self.process = subprocess.Popen(serve_command(tree, port), cwd=tree.path, env=tree.env, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True, start_new_session=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            with self.changed:
                self.lines.append((time.time(), line.rstrip("\n")))
                self.changed.notify_all()

    def wait_for(self, pattern: str, after: int, timeout: float = 120) -> tuple[int, float, str]:
        deadline = time.monotonic() + timeout
        with self.changed:
            while True:
                for index in range(after, len(self.lines)):
                    if re.search(pattern, self.lines[index][1]):
                        return index, *self.lines[index]
                if self.process.poll() is not None or time.monotonic() > deadline:
                    tail = "\n".join(line for _, line in self.lines[-30:])
                    raise SystemExit(f"error: `make serve` of {self.tree.name} did not log /{pattern}/:\n{tail}")
                self.changed.wait(timeout=0.5)

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)

    def fetch(self, url_path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{url_path}", timeout=10) as response:
            return response.read().decode("utf-8")


def save_page(server: Server, language: str, serial: int) -> dict:
    """Change one page's text, then wait for the reload; the preview must show the new text."""
    path = server.tree.path / PAGES_SAVED[language]
    marker = f"Esikatselun tallennus {serial}" if language == "fi" else f"Preview save {serial}"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\n\n(Esikatselun tallennus|Preview save) \d+\.\n$", "\n", text)
    after = len(server.lines)
    path.write_text(text + f"\n{marker}.\n", encoding="utf-8")
    saved = path.stat().st_mtime_ns / 1e9
    _, detected, _ = server.wait_for("Detected file changes", after)
    index, reloaded, _ = server.wait_for(r"Reloading browsers|An error happened during the rebuild", after)
    lines = [line for _, line in server.lines[after : index + 1]]
    if any("An error happened" in line for line in lines):
        raise SystemExit("error: the rebuild failed:\n" + "\n".join(lines))
    built = next((float(m.group(1)) for line in lines if (m := re.search(r"Documentation built in ([\d.]+) seconds", line))), None)
    page = server.fetch(("en/" if language == "en" else "") + "teoria/desistanssi/")
    return {
        "language": language,
        "load": os.getloadavg()[0],
        "to_reload": reloaded - saved,
        "to_detection": detected - saved,
        "mkdocs_reported": built,
        "shows_the_save": marker in page,
        "log": [line for line in lines if "WARNING" in line or "search" in line.lower()][:5],
    }


def preview(arguments) -> int:
    found = trees(arguments.base, arguments.head)
    if arguments.floor:
        # What MkDocs + Material + i18n alone take: the head revision, hooks emptied, in a
        # worktree of its own (a save in one tree must not rebuild another tree's server).
        floor = checkout("floor", found[0].commit)
        config = load_yaml(floor.path / "mkdocs.yml")
        dump_yaml(variant_config(config, "plain", floor.path / "overrides", floor.path), floor.path / "mkdocs-bench-plain.yml")
        found.append(floor)
    servers: list[Server] = []
    try:
        servers = [Server(tree, 8100 + index) for index, tree in enumerate(found)]
        started = {}
        for server in servers:
            _, when, _ = server.wait_for(r"Serving on", 0, timeout=300)
            started[server.tree.name] = when
        print("  serving: " + ", ".join(f"{s.tree.name} on {s.port}" for s in servers), flush=True)
        result = envelope("preview", found, {"saves": arguments.saves, "pages": PAGES_SAVED, "commands": {s.tree.name: " ".join(_shown(p) for p in serve_command(s.tree, s.port)) for s in servers}})
        saves: dict[str, list[dict]] = {server.tree.name: [] for server in servers}
        serial = 0
        for repetition in range(arguments.saves + 1):  # the first round is a warm-up
            for language in ("fi", "en"):
                for server in servers:
                    serial += 1
                    outcome = save_page(server, language, serial)
                    if repetition:
                        saves[server.tree.name].append(outcome)
                    print(f"  {server.tree.name} {language} save {repetition or 'warm-up'}: {outcome['to_reload']:.2f} s to the reload "
                          f"(MkDocs: {outcome['mkdocs_reported']} s){'' if outcome['shows_the_save'] else ' STALE PAGE'}", flush=True)
                    time.sleep(arguments.pause)
        result["saves_by_tree"] = saves
        result["median"] = {
            name: {language: statistics.median(s["to_reload"] for s in entries if s["language"] == language) for language in ("fi", "en")}
            for name, entries in saves.items()
        }
        save(f"preview{arguments.tag}", result)
    finally:
        for server in servers:
            server.stop()
        remove(found)
    return report()


# --- Main


def report() -> int:
    import report as results_report

    results_report.write(RESULTS, BENCH / "RESULTS.md")
    print(f"wrote {BENCH / 'RESULTS.md'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("builds", "check", "preview"):
        sub = commands.add_parser(name)
        sub.add_argument("--base", help="also measure this revision (e.g. the commit before the speed work)")
        sub.add_argument("--head", default="HEAD", help="the revision measured as head (default HEAD)")
        sub.add_argument("--runs", type=int, default=3, help="timed runs per variant after a warm-up")
        sub.add_argument("--seed", type=int, default=1)
        sub.add_argument("--tag", default="", help="suffix of the results file, e.g. -before")
        if name in ("builds", "check"):
            sub.add_argument("--site", default="real", help="real, or a number of pages to generate (x 2 languages)")
        if name == "builds":
            sub.add_argument("--variants", help=f"comma-separated, from {', '.join(BUILD_VARIANTS)}")
            sub.add_argument("--no-warm-up", action="store_true", help="no warm-up round (the largest sites: a round takes most of an hour)")
        if name == "preview":
            sub.add_argument("--saves", type=int, default=10, help="saves of each page after a warm-up save")
            sub.add_argument("--pause", type=float, default=1.0, help="seconds between saves (an author reading the preview)")
            sub.add_argument("--floor", action="store_true", help="also serve head with `hooks:` emptied (what MkDocs alone takes)")
    commands.add_parser("report")
    arguments = parser.parse_args(argv)
    if arguments.command == "report":
        return report()
    return {"builds": builds, "check": check, "preview": preview}[arguments.command](arguments)


if __name__ == "__main__":
    sys.exit(main())
