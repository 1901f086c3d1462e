"""Benchmark the handbook's build and reference checks side by side with the alternatives.

On one generated site (benchmarks/generate_site.py, N Finnish pages + English twins), each
tool runs `--runs` times after a warm-up, every run in a fresh subprocess, the tools taking
turns so that a burst of load on the shared machine hits them alike:

  baseline     strict build of the real setup with `hooks:` emptied (site without breaks)
  hooks        strict build of the real setup with our hooks (site without breaks)
  check        the standalone reference check, no HTML rendered (site with planted breaks)
  validation   MkDocs' own `validation:` at warn, no hooks, plain build (site with breaks)
  htmlproofer  mkdocs-htmlproofer-plugin, external URLs off, no hooks, plain build (site
               with breaks; runs from .venv-bench, the only place it is installed)

Wall time (median), peak RSS of the run's process tree (os.wait4's ru_maxrss: the largest
single process, pagefind included), and the findings of the last run compared with the
manifest of planted breaks. Results go to benchmarks/results/N<pages>.json; RESULTS.md is
rewritten from every results file present, so N=200, 1000 and 3000 sit side by side.

Before them, benchmarks/translation_detection.py measures how well the translation track
tells an outdated English page from a current one (mutation families with ground truth,
precision, recall and F1; results/translation-detection.json).

    python benchmarks/run.py --pages 200        # what `make bench` runs
    python benchmarks/run.py --translation-only # the translation detection alone
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / "work"
RESULTS = BENCH / "results"
sys.path.insert(0, str(BENCH))

from generate_site import _Dumper, _Loader, generate  # noqa: E402

VENV = ROOT / ".venv" / "bin"
BENCH_VENV = ROOT / ".venv-bench" / "bin"
TOOLS = ("baseline", "hooks", "check", "validation", "htmlproofer")
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
CONTENT_PAGE = "teoria/desistanssi/"  # the reader-weight page (and its English twin)


# --- Configurations


def _load(path: Path) -> dict:
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_Loader)


def _dump(config: dict, path: Path) -> None:
    path.write_text(yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def write_variants(clean: Path, broken: Path) -> None:
    """The config variants next to each generated mkdocs.yml (same folder: same relative paths)."""
    config = _load(clean / "mkdocs.yml")
    config["hooks"] = []
    _dump(config, clean / "mkdocs-baseline.yml")

    # Plain builds: the site has planted breaks, and the real config says `strict: true`.
    config = _load(broken / "mkdocs.yml")
    config["hooks"] = []
    config["strict"] = False
    config["validation"] = {
        "nav": {"omitted_files": "warn", "not_found": "warn", "absolute_links": "warn"},
        "links": {"not_found": "warn", "anchors": "warn", "absolute_links": "warn", "unrecognized_links": "warn"},
    }
    _dump(config, broken / "mkdocs-validation.yml")

    config = _load(broken / "mkdocs.yml")
    config["hooks"] = []
    config["strict"] = False
    config["plugins"].append({"htmlproofer": {"validate_external_urls": False, "raise_error": False}})
    _dump(config, broken / "mkdocs-htmlproofer.yml")


def commands(clean: Path, broken: Path, out: Path) -> dict[str, tuple[list[str], Path]]:
    return {
        "baseline": ([str(VENV / "mkdocs"), "build", "--strict", "-f", "mkdocs-baseline.yml", "-d", str(out / "baseline")], clean),
        "hooks": ([str(VENV / "mkdocs"), "build", "--strict", "-f", "mkdocs.yml", "-d", str(out / "hooks")], clean),
        "check": ([str(VENV / "handbook"), "check", "mkdocs.yml"], broken),
        "validation": ([str(VENV / "mkdocs"), "build", "-f", "mkdocs-validation.yml", "-d", str(out / "validation")], broken),
        "htmlproofer": ([str(BENCH_VENV / "mkdocs"), "build", "-f", "mkdocs-htmlproofer.yml", "-d", str(out / "htmlproofer")], broken),
    }


# --- Running


def timed(command: list[str], cwd: Path) -> dict:
    """One run in a fresh process: wall seconds, peak RSS (MB), exit status, output."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return {"wall": wall, "rss_mb": usage.ru_maxrss / 1024, "status": process.returncode, "output": output}


# --- Findings against the manifest


def checker_findings(broken: Path) -> list[dict]:
    """Every finding of the standalone check with its kind (the same function `make check` calls)."""
    code = (
        "import json, logging, sys; sys.path.insert(0, sys.argv[1]);"
        "logging.getLogger('mkdocs').setLevel(logging.ERROR);"
        "from handbook import references as c;"
        "print(json.dumps([dict(kind=f.kind, file=f.path, line=f.line, severity=f.severity, message=f.format()) for f in c.check_config_file('mkdocs.yml')]))"
    )
    done = subprocess.run([str(VENV / "python"), "-c", code, str(ROOT / "hooks")], cwd=broken, env=ENV, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def _source_file(broken: Path, docs_path: str) -> str:
    """`en/x.md` of a page served from the Finnish file (no English twin) is docs/fi/x.md."""
    path = "docs/" + docs_path.strip("/")
    if not (broken / path).exists() and path.startswith("docs/en/"):
        path = "docs/fi/" + path[len("docs/en/") :]
    return path


_DOC_FILE = re.compile(r"Doc file '([^']+)'")
_NAV_REFERENCE = re.compile(r"A reference to '([^']+)' is included in the 'nav'")
_PROOFER = re.compile(r"htmlproofer: invalid url - (.*) \[(-?\d+)\] \[([^\]]+)\]$")


def rendered_findings(tool: str, output: str, broken: Path) -> tuple[set[tuple[str, str]], list[str]]:
    """(file, detail) per distinct warning of MkDocs' validation or htmlproofer; unattributed lines."""
    found: set[tuple[str, str]] = set()
    unattributed: list[str] = []
    lines = output.splitlines()
    for index, line in enumerate(lines):
        if not line.startswith("WARNING"):
            continue
        text = line.split(" - ", 1)[-1].strip()
        if tool == "htmlproofer":
            match = _PROOFER.search(text)
            if match:
                found.add((_source_file(broken, match.group(3)), match.group(1)))
            elif "Unable to locate source file" not in text:  # repeated by the `invalid url` line
                unattributed.append(text)
            continue
        if match := _DOC_FILE.search(text):
            found.add((_source_file(broken, match.group(1)), text.split(",", 1)[-1]))
        elif _NAV_REFERENCE.search(text):
            found.add(("mkdocs.yml", text))
        elif "exist in the docs directory, but are not included" in text:
            for listed in lines[index + 1 :]:
                if not listed.startswith("  - "):
                    break
                found.add((_source_file(broken, listed[4:].strip()), "not in nav"))
        else:
            unattributed.append(text)
    return found, unattributed


def score(tool: str, breaks: list[dict], output: str, broken: Path) -> dict:
    planted = {(b["kind"], b["file"], b["line"]) for b in breaks}
    if tool == "check":
        findings = checker_findings(broken)
        got = {(f["kind"], f["file"], f["line"]) for f in findings}
        missed = sorted(planted - got)
        false = sorted(got - planted)
        return {
            "match": "kind, file and line",
            "found": len(planted & got),
            "planted": len(planted),
            "false": len(false),
            "missed": [list(m) for m in missed],
            "false_examples": [f["message"] for f in findings if (f["kind"], f["file"], f["line"]) in set(false)][:10],
            "found_kinds": sorted({k for k, _, _ in planted & got}),
        }
    found, unattributed = rendered_findings(tool, output, broken)
    planted_files = {b["file"] for b in breaks}
    named = {file for file, _ in found}
    hits = [b for b in breaks if b["file"] in named]
    false = sorted((file, detail) for file, detail in found if file not in planted_files)
    return {
        "match": "file only (the tool names no line)",
        "found": len(hits),
        "planted": len(breaks),
        "false": len(false) + len(unattributed),
        "missed_kinds": sorted({b["kind"] for b in breaks} - {b["kind"] for b in hits}),
        "found_kinds": sorted({b["kind"] for b in hits}),
        "false_examples": [f"{file}: {detail}" for file, detail in false[:5]] + unattributed[:5],
    }


# --- Reader weight of the real handbook


class _Resources(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and attributes.get("href") and set((attributes.get("rel") or "").split()) & {"stylesheet", "icon", "preload", "modulepreload"}:
            self.urls.append(attributes["href"])
        elif tag == "script" and attributes.get("src"):
            self.urls.append(attributes["src"])
        elif tag in ("img", "source") and attributes.get("src"):
            self.urls.append(attributes["src"])


def _gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, 6, mtime=0))


def reader_weight(site: Path, page: str) -> dict:
    """First view: the HTML and every stylesheet, script, image and font it loads (CSS url()
    followed); repeat view: the HTML alone (everything else is cacheable, the HTML is revalidated)."""
    html_path = site / page / "index.html"
    html = html_path.read_bytes()
    parser = _Resources()
    parser.feed(html.decode("utf-8"))
    base = "https://site.invalid/" + page
    seen: dict[str, bytes] = {}
    queue = [urljoin(base, url) for url in parser.urls]
    while queue:
        url = queue.pop(0)
        split = urlsplit(url)
        if split.netloc != "site.invalid" or split.path in seen:
            continue
        file = site / split.path.lstrip("/")
        if file.is_dir():
            file = file / "index.html"
        if not file.is_file():
            continue
        data = file.read_bytes()
        seen[split.path] = data
        if file.suffix == ".css":
            for ref in re.findall(rb"url\((['\"]?)([^)'\"]+)\1\)", data):
                target = ref[1].decode()
                if not target.startswith("data:"):
                    queue.append(urljoin(url, target))
    resources = {"html": (len(html), _gzip_size(html))}
    for path, data in sorted(seen.items()):
        resources[path] = (len(data), _gzip_size(data))
    first = (sum(raw for raw, _ in resources.values()), sum(gz for _, gz in resources.values()))
    return {"page": page, "first_view": first, "repeat_view": resources["html"], "resources": {k: list(v) for k, v in resources.items()}}


def search_weight(site: Path) -> dict:
    """Pagefind's index per language (all of it; a query fetches only some chunks), and shared files."""
    folder = site / "pagefind"
    per_language: dict[str, list[int]] = {}
    shared = [0, 0]
    if not folder.is_dir():
        return {}
    for file in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = file.read_bytes()
        sizes = (len(data), _gzip_size(data))
        match = re.match(r"^(?:pagefind\.|wasm\.)?([a-z]{2})[._]", file.name)
        if match and file.suffix in (".pf_meta", ".pagefind", ".pf_index", ".pf_fragment"):
            entry = per_language.setdefault(match.group(1), [0, 0, 0])
            entry[0] += sizes[0]
            entry[1] += sizes[1]
            entry[2] += 1
        else:
            shared[0] += sizes[0]
            shared[1] += sizes[1]
    lunr = site / "search" / "search_index.json"
    result = {"pagefind_per_language": per_language, "pagefind_shared": shared}
    if lunr.is_file():
        data = lunr.read_bytes()
        result["material_search_index"] = [len(data), _gzip_size(data)]
    return result


def real_handbook_weight() -> dict:
    out = WORK / "real-site"
    if out.exists():
        shutil.rmtree(out)
    run = timed([str(VENV / "mkdocs"), "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)], ROOT)
    note = "strict build"
    if run["status"] != 0:
        run = timed([str(VENV / "mkdocs"), "build", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)], ROOT)
        note = "plain build (the strict build of the real handbook failed at the time of measuring)"
        if run["status"] != 0:
            return {"error": run["output"][-2000:]}
    return {
        "note": note,
        "fi": reader_weight(out, CONTENT_PAGE),
        "en": reader_weight(out, "en/" + CONTENT_PAGE),
        "search": search_weight(out),
    }


# --- Machine


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def _commit() -> str:
    """The revision measured, `+` when the working tree had changes."""
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True)
    return (head.stdout.strip() or "unknown") + ("+" if dirty.stdout.strip() else "")


# --- Main


def run(pages: int, seed: int, runs: int, weight: bool, slow_runs: int | None = None) -> dict:
    clean, broken, out = WORK / f"n{pages}-clean", WORK / f"n{pages}-breaks", WORK / f"n{pages}-out"
    generate(clean, pages, seed, breaks=False)
    manifest = generate(broken, pages, seed, breaks=True)
    write_variants(clean, broken)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    plan = commands(clean, broken, out)
    if not (BENCH_VENV / "mkdocs").exists():
        raise SystemExit("error: .venv-bench is missing; run `make bench` (it installs requirements-bench.lock)")
    load_before = os.getloadavg()
    started = datetime.datetime.now(datetime.UTC)
    times: dict[str, list[float]] = {tool: [] for tool in TOOLS}
    rss: dict[str, list[float]] = {tool: [] for tool in TOOLS}
    last: dict[str, dict] = {}
    # htmlproofer takes about ten minutes a run at N=1000: `--slow-runs` may give it fewer
    # runs, in the last rounds, without a warm-up of its own (the others' warm-up has
    # already read the site into the disk cache). RESULTS.md lists every run.
    slow_runs = runs if slow_runs is None else slow_runs
    for repetition in range(runs + 1):  # the first round is the warm-up, not counted
        for tool in TOOLS:
            if tool == "htmlproofer" and slow_runs < runs and repetition <= runs - slow_runs:
                continue
            command, cwd = plan[tool]
            result = timed(command, cwd)
            expected_ok = tool in ("baseline", "hooks", "validation", "htmlproofer")
            if expected_ok and result["status"] != 0:
                raise SystemExit(f"error: {tool} failed (exit {result['status']}):\n{result['output'][-3000:]}")
            if repetition:
                times[tool].append(result["wall"])
                rss[tool].append(result["rss_mb"])
            last[tool] = result
            print(f"  N={pages} {'warm-up' if not repetition else f'run {repetition}'} {tool}: {result['wall']:.2f} s, {result['rss_mb']:.0f} MB", flush=True)
    load_after = os.getloadavg()
    scores = {tool: score(tool, manifest["breaks"], last[tool]["output"], broken) for tool in ("check", "validation", "htmlproofer")}
    result = {
        "pages": pages,
        "seed": seed,
        "runs": runs,
        "runs_per_tool": {tool: len(values) for tool, values in times.items()},
        "commit": _commit(),
        "date": started.strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "load_before": load_before,
        "load_after": load_after,
        "site": {key: manifest[key] for key in ("pages", "sections", "untranslated", "outdated", "references")} | {"planted": len(manifest["breaks"])},
        "planted_kinds": sorted({b["kind"] for b in manifest["breaks"]}),
        "times": times,
        "median": {tool: statistics.median(values) for tool, values in times.items()},
        "rss_mb": {tool: max(values) for tool, values in rss.items()},
        "scores": scores,
        "commands": {tool: " ".join(os.path.relpath(part, ROOT) if part.startswith("/") else part for part in command) + f"   (in {os.path.relpath(cwd, ROOT)})" for tool, (command, cwd) in plan.items()},
    }
    if weight:
        result["reader_weight"] = real_handbook_weight()
    return result


_CHECK_PHASES = (
    "import json, logging, sys, time; t0 = time.perf_counter(); sys.path.insert(0, sys.argv[1]);"
    "logging.getLogger('mkdocs').setLevel(logging.ERROR);"
    "from handbook import references as c; from mkdocs.config import load_config; t1 = time.perf_counter();"
    "s = c.settings_from_config(load_config('mkdocs.yml')); t2 = time.perf_counter();"
    "f = c.check_site(s); t3 = time.perf_counter();"
    "print(json.dumps(dict(imports=t1 - t0, config=t2 - t1, check=t3 - t2, findings=len(f))))"
)


def check_scaling(sizes: list[int], seed: int, runs: int) -> dict:
    """The standalone check alone at several sizes (no builds: cheap even at N=3000):
    the fresh process's wall time and, inside it, imports / config loading / the check proper."""
    rows = []
    for pages in sizes:
        broken = WORK / f"scaling-n{pages}"
        manifest = generate(broken, pages, seed, breaks=True)
        phases, walls = [], []
        for repetition in range(runs + 1):
            start = time.perf_counter()
            done = subprocess.run([str(VENV / "python"), "-c", _CHECK_PHASES, str(ROOT / "hooks")], cwd=broken, env=ENV, capture_output=True, text=True, check=True)
            if repetition:
                walls.append(time.perf_counter() - start)
                phases.append(json.loads(done.stdout))
        rows.append({
            "pages": pages,
            "references": manifest["references"] * 2,
            "wall": statistics.median(walls),
            "imports": statistics.median(p["imports"] for p in phases),
            "config": statistics.median(p["config"] for p in phases),
            "check": statistics.median(p["check"] for p in phases),
        })
        print(f"  check at N={pages}: {rows[-1]['wall']:.2f} s process, {rows[-1]['check']:.2f} s check proper", flush=True)
    return {"runs": runs, "load": os.getloadavg(), "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"), "rows": rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3, help="timed runs per tool after one warm-up (at least 3)")
    parser.add_argument("--slow-runs", type=int, help="timed runs of htmlproofer if fewer than --runs (no warm-up of its own)")
    parser.add_argument("--no-weight", action="store_true", help="skip the reader weight of the real handbook")
    parser.add_argument("--report-only", action="store_true", help="rewrite RESULTS.md from benchmarks/results/ and stop")
    parser.add_argument("--check-scaling", metavar="N,N,...", help="time only the standalone check at these sizes (e.g. 200,1000,3000)")
    parser.add_argument("--translation-only", action="store_true", help="run only the outdated-translation detection benchmark")
    arguments = parser.parse_args(argv)
    if not arguments.report_only and not arguments.check_scaling:
        import translation_detection  # mutation families with ground truth: precision, recall, F1

        translation_detection.main()
    if arguments.check_scaling:
        result = check_scaling([int(n) for n in arguments.check_scaling.split(",")], arguments.seed, max(3, arguments.runs))
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "check-scaling.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    elif not arguments.report_only and not arguments.translation_only:
        if arguments.runs < 3:
            parser.error("--runs must be at least 3")
        result = run(arguments.pages, arguments.seed, arguments.runs, not arguments.no_weight, arguments.slow_runs)
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / f"N{arguments.pages}.json").write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    import report

    report.write(RESULTS, BENCH / "RESULTS.md")
    print(f"wrote {BENCH / 'RESULTS.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
