"""How well the translation track tells an outdated English page from a current one.

Built the way the field measures outdated-translation detectors (the Kubernetes website's
content detection benchmark: mutation families with ground truth, scored by precision,
recall and F1), with our own pages, our own mutations and our own code. For each of a few
real handbook pages (a Finnish page and its English twin, pinned to each other), every
mutation family makes one scenario:

* git history (group 1): a real git repository in a temporary folder, the pin committed,
  then commits on top: formatting-only and link-only Finnish edits (not outdated), a
  Finnish change masked by a later cosmetic English commit, a new Finnish section.
* structure (group 2): the mutated pair in one snapshot, in the Finnish source (a
  paragraph extended or rewritten, a heading renamed, a list item added, a command or
  its parameters changed in a code block, all of it at once) or in the translation (a
  paragraph, list item or code block missing; cosmetic reflow and reordering).

A scenario is detected when the track gives the page `outdated` or `drifted` (any
severity, as the Kubernetes benchmark counts `outdated_low_severity`). Two baselines
run on the same scenarios: commit order (the Finnish file committed after the English
one, what date-based tools do; it sees nothing in a snapshot) and the former pin of this
project (a hash of the normalised Markdown source, no structure).

    python benchmarks/translation_detection.py     # also part of `make bench`
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(BENCH))

from handbook import translation as engine  # noqa: E402
from handbook.translation import legacy, markdown_config  # noqa: E402
from translation_families import (  # noqa: E402
    CODE_FAMILIES,
    HISTORY,
    NEGATIVE,
    POSITIVE,
    NotApplicable,
    family_mutations,
    with_code,
)

PAGES = ("tyoote/tapaamiset.md", "asiakastyo/kirjaaminen.md", "teoria/desistanssi.md", "asiakastyo/yhteistyo.md")
# --- Detectors


@dataclass
class Scenario:
    name: str
    page: str
    family: str
    group: str
    truth: str
    labels: dict[str, str]  # detector -> label

    def detected(self, detector: str) -> bool:
        return self.labels[detector] in ("candidate_outdated", "outdated_low_severity")


def track_label(root: Path, page: str, renderer) -> str:
    history = engine.SourceHistory(root, renderer)
    record = engine.build_track(root, root / "docs", "fi", ["en"], renderer=renderer, history=history).languages["en"].page(page)
    if record.status == "translated":
        return "up_to_date"
    if record.status in ("outdated", "drifted"):
        return "outdated_low_severity" if record.severity == engine.MINOR else "candidate_outdated"
    return "error"


def legacy_label(fi_pinned: str, fi_now: str, page: str) -> str:
    before = legacy.legacy_document_hash(engine.parse_document(fi_pinned, page))
    return "up_to_date" if legacy.legacy_document_hash(engine.parse_document(fi_now, page)) == before else "candidate_outdated"


def commit_order_label(root: Path, page: str) -> str:
    def last(path: str) -> int:
        out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct", "--", path], capture_output=True, text=True).stdout.strip()
        return int(out or 0)

    return "candidate_outdated" if last(f"docs/fi/{page}") > last(f"docs/en/{page}") else "up_to_date"


# --- Running


class Workspace:
    def __init__(self, folder: Path, renderer) -> None:
        self.folder = folder
        self.renderer = renderer
        self.count = 0
        self.clock = 1_767_225_600  # 2026-01-01: commits a minute apart, in order

    def site(self, fi: str, en: str, page: str) -> Path:
        self.count += 1
        root = self.folder / f"s{self.count:03d}"
        for language, text in (("fi", fi), ("en", en)):
            target = root / "docs" / language / page
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        return root

    def git(self, root: Path, *args: str) -> None:
        self.clock += 60
        stamp = f"@{self.clock} +0000"
        env = dict(os.environ, GIT_AUTHOR_NAME="Bench", GIT_AUTHOR_EMAIL="bench@example.org", GIT_COMMITTER_NAME="Bench",
                   GIT_COMMITTER_EMAIL="bench@example.org", GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_DATE=stamp)
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def base_pair(page: str, code: bool) -> tuple[str, str]:
    fi = (ROOT / "docs/fi" / page).read_text(encoding="utf-8")
    en = (ROOT / "docs/en" / page).read_text(encoding="utf-8")
    return (with_code(fi), with_code(en)) if code else (fi, en)


def pin(en: str, fi: str, page: str, renderer) -> str:
    accepted = engine.read_pin(engine.parse_document(en, page)).accepted
    return engine.apply_pin(en, renderer.page(engine.parse_document(fi, f"docs/fi/{page}"), page), accepted=accepted or None)


def structural(work: Workspace, page: str, family: str, truth: str, mutate) -> Scenario:
    fi, en = base_pair(page, family in CODE_FAMILIES)
    fi_after, en_after = mutate(fi, en, page)
    root = work.site(fi_after, pin(en_after, fi, page, work.renderer), page)
    work.git(root, "init", "-q", "-b", "main")
    work.git(root, "add", ".")
    work.git(root, "commit", "-q", "-m", "snapshot")  # one commit: commit order sees nothing
    labels = {"track": track_label(root, page, work.renderer), "former pin": legacy_label(fi, fi_after, page), "commit order": commit_order_label(root, page)}
    return Scenario(f"{page}:{family}", page, family, "structure", truth, labels)


def historical(work: Workspace, page: str, family: str, truth: str, steps) -> Scenario:
    fi, en = base_pair(page, False)
    root = work.site(fi, pin(en, fi, page, work.renderer), page)
    work.git(root, "init", "-q", "-b", "main")
    work.git(root, "add", ".")
    work.git(root, "commit", "-q", "-m", "pinned translation")
    fi_now = fi
    for language, edit in steps:
        target = root / "docs" / language / page
        text = target.read_text(encoding="utf-8")
        new = edit(text if language == "fi" else fi_now, text, page)
        target.write_bytes(new.encode("utf-8"))
        if language == "fi":
            fi_now = new
        work.git(root, "commit", "-q", "-am", f"{language}: edit")
    labels = {"track": track_label(root, page, work.renderer), "former pin": legacy_label(fi, fi_now, page), "commit order": commit_order_label(root, page)}
    return Scenario(f"{page}:{family}", page, family, "git history", truth, labels)


def run_all(pages=PAGES) -> list[Scenario]:
    renderer = engine.Renderer(markdown_config.from_config_file(ROOT / "mkdocs.yml"))
    scenarios = []
    with tempfile.TemporaryDirectory(prefix="translation-bench-") as folder:
        work = Workspace(Path(folder), renderer)
        for page in pages:
            for family, (truth, steps) in HISTORY.items():
                try:
                    scenarios.append(historical(work, page, family, truth, steps))
                except NotApplicable:
                    pass
            for family, (truth, mutate) in family_mutations().items():
                try:
                    scenarios.append(structural(work, page, family, truth, mutate))
                except NotApplicable:
                    pass
    return scenarios


def scores(scenarios: list[Scenario], detector: str) -> dict:
    tp = sum(s.truth == POSITIVE and s.detected(detector) for s in scenarios)
    fp = sum(s.truth == NEGATIVE and s.detected(detector) for s in scenarios)
    fn = sum(s.truth == POSITIVE and not s.detected(detector) for s in scenarios)
    tn = sum(s.truth == NEGATIVE and not s.detected(detector) for s in scenarios)
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    if tp + fn == 0:
        f1 = None  # a family of negatives: no recall, no F1
    else:
        f1 = 2 * precision * recall / (precision + recall) if precision and recall else 0.0
    return {"scenarios": len(scenarios), "tp": tp, "fp": fp, "fn": fn, "tn": tn, "correct": tp + tn, "precision": precision, "recall": recall, "f1": f1}


def measure() -> dict:
    started = time.perf_counter()
    scenarios = run_all()
    seconds = time.perf_counter() - started
    detectors = ("track", "former pin", "commit order")
    families = list(dict.fromkeys(s.family for s in scenarios))
    return {
        "measured": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "seconds": round(seconds, 2),
        "pages": list(PAGES),
        "overall": {d: scores(scenarios, d) for d in detectors},
        "by_group": {g: {d: scores([s for s in scenarios if s.group == g], d) for d in detectors} for g in ("git history", "structure")},
        "by_family": {f: {"truth": next(s.truth for s in scenarios if s.family == f), "group": next(s.group for s in scenarios if s.family == f),
                          **{d: scores([s for s in scenarios if s.family == f], d) for d in detectors}} for f in families},
        "by_page": {p: scores([s for s in scenarios if s.page == p], "track") for p in PAGES},
        "scenarios": [{"name": s.name, "group": s.group, "truth": s.truth, "labels": s.labels} for s in scenarios],
    }


def _ratio(value) -> str:
    return "—" if value is None else f"{value:.3f}"


NOTES = [
    "**How to read it.** Positive means the English page needs a translator (`outdated` or `drifted`, any severity); "
    "negative means it does not. Precision, recall and F1 are over the positives; a family of negatives has no recall, "
    "so it shows only how many of its scenarios were right. The former pin is this project's pin before it hashed the "
    "rendered page (a hash of the normalised Markdown source, no structural comparison of the English text); commit order "
    "flags a page when its Finnish file was committed after its English file, as date-based tools do, and sees nothing in "
    "a snapshot of one commit.",
    "**Wrong by design: a paragraph split in the translation.** A translator who splits one Finnish paragraph in two writes "
    "the same content, yet the English page has one paragraph more than the Finnish one, and structural drift counts "
    "paragraphs per section: the page is reported `drifted` (a false positive here). It is the price of catching a missing "
    "paragraph (`missing_paragraph_translation`), which has the same shape with the sign reversed. The translator records "
    "the split once with `handbook translations ack --accept-drift PAGE`; only a new difference raises drift afterwards.",
    "**Code families.** The handbook's pages have no code block, so the base pair of `missing_code_block_translation` and "
    "the two `code_*` families carries one command (`make translations ARGS=\"status\"`), the same in both languages, "
    "pinned before the mutation. `paragraph_reorder_translation` needs two paragraphs side by side at the same level; "
    "pages without them have no such scenario.",
]


def report_lines(result: dict) -> list[str]:
    """The section of benchmarks/RESULTS.md (benchmarks/report.py calls it)."""
    overall = result["overall"]
    lines = [
        "## Outdated-translation detection",
        "",
        f"`benchmarks/translation_detection.py` ({result['measured']}, {result['seconds']} s): mutation families with ground truth over "
        f"the real pages {', '.join('`' + p + '`' for p in result['pages'])} and their English twins, measured the way the "
        "Kubernetes website's content detection benchmark measures outdated-translation detectors (our own families, pages and code). "
        "Group `git history`: a real repository, the pin committed, commits on top. Group `structure`: the mutated pair in one commit.",
        "",
        "| detector | scenarios | TP | FP | FN | TN | precision | recall | F1 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    names = {"track": "the translation track (rendered pins + structural drift)", "former pin": "the former pin (normalised source hash)", "commit order": "commit order (date-based)"}
    for detector, score in overall.items():
        lines.append(f"| {names[detector]} | {score['scenarios']} | {score['tp']} | {score['fp']} | {score['fn']} | {score['tn']} | {_ratio(score['precision'])} | {_ratio(score['recall'])} | {_ratio(score['f1'])} |")
    track = overall["track"]
    met = track["f1"] is not None and track["f1"] >= 0.95
    history = result["by_group"]["git history"]["track"]
    lines += ["", f"Target F1 >= 0.95: {'met' if met else 'MISSED'} (F1 {_ratio(track['f1'])}). Every git-history case right: "
              f"{'yes' if history['correct'] == history['scenarios'] else 'NO'} ({history['correct']} of {history['scenarios']}).", ""]
    lines += ["| family | group | truth | scenarios | track right | TP | FP | FN | TN | F1 | former pin right | commit order right |",
              "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for family, entry in result["by_family"].items():
        t = entry["track"]
        lines.append(f"| `{family}` | {entry['group']} | {entry['truth']} | {t['scenarios']} | {t['correct']} | {t['tp']} | {t['fp']} | {t['fn']} | {t['tn']} | "
                     f"{_ratio(t['f1'])} | {entry['former pin']['correct']} | {entry['commit order']['correct']} |")
    wrong = [s for s in result["scenarios"] if (s["truth"] == POSITIVE) != (s["labels"]["track"] in ("candidate_outdated", "outdated_low_severity"))]
    lines += ["", "Scenarios the track gets wrong: " + (", ".join(f"`{s['name']}` ({s['labels']['track']})" for s in wrong) if wrong else "none") + ".", ""]
    lines += [note + "\n" for note in NOTES]
    return lines


def main() -> int:
    result = measure()
    out = BENCH / "results" / "translation-detection.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    overall = result["overall"]["track"]
    print(f"translation detection: {overall['scenarios']} scenarios, F1 {overall['f1']:.3f} (precision {overall['precision']:.3f}, recall {overall['recall']:.3f}) in {result['seconds']} s")
    for scenario in result["scenarios"]:
        label = scenario["labels"]["track"]
        wrong = (scenario["truth"] == POSITIVE) != (label in ("candidate_outdated", "outdated_low_severity"))
        if wrong:
            print(f"  wrong: {scenario['name']} ({scenario['truth']}, track said {label})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
