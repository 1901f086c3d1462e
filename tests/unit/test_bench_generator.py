"""The benchmark's site generator: the same seed gives the same site, and its manifest
lists exactly what it planted. Nothing here is timed (benchmarks/run.py measures)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "hooks"))

from generate_site import generate  # noqa: E402
from handbook.references import DEFAULT_SEVERITY  # noqa: E402

PAGES = 24

# What each planted kind looks like on its manifest line.
LINE_SHAPES = {
    "broken-link": re.compile(r"\]\([^)]*(poistettu|puuttuva)-\d+\.(md|png)\)", re.M),
    "case-mismatch": re.compile(r"\]\([^)]*Sivu-\d{3}\.md\)", re.M),
    "folder-link": re.compile(r"\]\([^)]*osa-\d\d/\)", re.M),
    "broken-anchor": re.compile(r"\]\([^)]*\.md#ei-ole-\d+\)", re.M),
    "anchor-drift": re.compile(r"\]\([^)]*\.md#lisahuomio-\d+\)", re.M),
    "undefined-reference": re.compile(r"\]\[maarittelematon-\d+\]", re.M),
    "unused-definition": re.compile(r"^\[kayttamaton-\d+\]: ", re.M),
    "missing-snippet": re.compile(r'^--8<-- "puuttuva-\d+\.md"$', re.M),
    "absolute-link": re.compile(r"\]\(/osa-\d\d/sivu-\d{3}/\)", re.M),
    "cross-language": re.compile(r"\]\(\.\./\.\./(en|fi)/osa-\d\d/sivu-\d{3}\.md\)", re.M),
    "untranslated-target": re.compile(r"^\[Only in Finnish \d+\]\(", re.M),
    "duplicate-id": re.compile(r"^## Sama otsikko \d+ \{#kohta-2\}$", re.M),
    "nav-target": re.compile(r"- Puuttuva \d+: osa-01/puuttuu-\d+\.md$", re.M),
    "unreadable-file": re.compile(r"^description: Väärin: kaksoispiste$", re.M),
}


def tree(root: Path) -> dict[str, bytes]:
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("breaks")
    return root, generate(root, PAGES, seed=7, breaks=True)


def test_the_same_seed_gives_the_same_site(tmp_path, planted):
    root, _ = planted
    again = tmp_path / "again"
    generate(again, PAGES, seed=7, breaks=True)
    assert tree(again) == tree(root)
    other = tmp_path / "other"
    generate(other, PAGES, seed=8, breaks=True)
    assert tree(other) != tree(root)


def test_the_site_is_bilingual_with_untranslated_and_outdated_pages(planted):
    root, manifest = planted
    finnish = sorted(p.relative_to(root / "docs/fi") for p in (root / "docs/fi").rglob("sivu-*.md"))
    english = sorted(p.relative_to(root / "docs/en") for p in (root / "docs/en").rglob("sivu-*.md"))
    assert len(finnish) == PAGES
    assert len(english) == PAGES - manifest["untranslated"] > 0
    assert manifest["outdated"] > 0
    page = (root / "docs/fi" / finnish[0]).read_text(encoding="utf-8")
    for construct in (r"^## .+ \{#kohta-1\}$", r"^!!! note", r"^\| --- \|", r"^!\[Kaavio\]\(", r"\]\([^)]*\.md#kohta-\d\)|\]\([^)]*\.md\)"):
        assert re.search(construct, page, re.M), construct
    assert "source_hash: sha256:" in (root / "docs/en" / english[0]).read_text(encoding="utf-8")


def test_every_kind_the_checker_covers_is_planted(planted):
    _, manifest = planted
    assert {entry["kind"] for entry in manifest["breaks"]} == set(DEFAULT_SEVERITY)


def test_each_manifest_entry_points_at_its_planted_line(planted):
    root, manifest = planted
    for entry in manifest["breaks"]:
        path = root / entry["file"]
        assert path.is_file(), entry
        if entry["kind"] == "orphan-page":
            assert entry["line"] == 0
            assert entry["file"].split("/", 2)[2] not in (root / "mkdocs.yml").read_text(encoding="utf-8")
            continue
        line = path.read_text(encoding="utf-8").split("\n")[entry["line"] - 1]
        assert LINE_SHAPES[entry["kind"]].search(line), (entry, line)


def test_nothing_is_planted_that_the_manifest_does_not_list(tmp_path, planted):
    root, manifest = planted
    clean = tmp_path / "clean"
    assert generate(clean, PAGES, seed=7, breaks=False)["breaks"] == []
    listed = {(entry["file"], entry["line"]) for entry in manifest["breaks"]}
    for rel, data in tree(root).items():
        if not rel.endswith((".md", ".yml")):
            continue
        for number, line in enumerate(data.decode("utf-8").split("\n"), 1):
            for kind, shape in LINE_SHAPES.items():
                if shape.search(line):
                    assert (rel, number) in listed, f"{rel}:{number}: {kind} planted but not in the manifest"
        if (rel.startswith("docs/") or rel == "mkdocs.yml") and (clean / rel).is_file():
            for kind, shape in LINE_SHAPES.items():
                if kind != "duplicate-id":
                    assert not shape.search((clean / rel).read_text(encoding="utf-8")), f"{rel}: {kind} in the site without breaks"
