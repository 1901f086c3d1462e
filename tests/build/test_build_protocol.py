"""The state protocol every hook shares (handbook.core.BuildHook) and the read-once document store.

MkDocs keeps a hook file as one module object for every build in a process (`mkdocs
serve` rebuilds, tests), and mkdocs-static-i18n runs the English build nested inside the
Finnish one. Each hook must therefore give the same findings and the same pages on a
second build in the same process: nothing left over from the first, nothing reported twice.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest
import yaml

from handbook.core import BuildHook
from handbook.document import store
from handbook_sites import REPO_ROOT, build_site, write_fixture_site

HANDBOOK_HOOKS = yaml.load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["hooks"]
HOOK_NAMES = [Path(hook).name for hook in HANDBOOK_HOOKS]

_GLOSSARY = """\
- id: desistance
  fi: desistanssi
  en: desistance
  fi_definition: Rikoksista irrottautumisen prosessi.
  en_definition: The process of leaving crime behind.
"""

PAGES = {
    "docs/fi/index.md": "# Koti {#home}\n\nKatso [sanasto](sanasto.md) ja [puuttuva sivu](puuttuu.md).\n",
    "docs/en/index.md": "# Home {#home}\n\nSee the [glossary](sanasto.md) and a [missing page](missing.md).\n",
    "docs/fi/sanasto.md": "# Sanasto {#glossary}\n\n<!-- glossary -->\n",
    "docs/en/sanasto.md": "# Glossary {#glossary}\n\n<!-- glossary -->\n",
    "docs/fi/kaannostilanne.md": "# Käännöstilanne {#translation-status}\n\n<!-- translation-status -->\n",
    "docs/fi/tulosta.md": "---\nprint_handbook: true\n---\n\n# Tulosta {#print}\n",
    "data/glossary.yml": _GLOSSARY,
}


def _site(root: Path, hooks: list[str]) -> Path:
    return write_fixture_site(
        root,
        PAGES,
        hooks=hooks,
        extra={"glossary": "data/glossary.yml", "translation_track": {"status_page": "kaannostilanne.md"}},
    )


def _pages(site_dir: Path) -> dict[str, str]:
    """Every built file by its digest. The translation report says when it was made; that
    alone may differ (the gzip of the sitemap carries no date, so it counts too)."""
    digests = {}
    for path in sorted(site_dir.rglob("*")):
        if path.is_file():
            raw = path.read_bytes()
            rel = path.relative_to(site_dir).as_posix()
            if rel.startswith("pagefind/") and rel != "pagefind/pagefind-entry.json":
                continue  # Pagefind names its index files by a hash that differs per run
            if rel == "pagefind/pagefind-entry.json":
                entry = json.loads(raw)
                raw = json.dumps({language: meta["page_count"] for language, meta in entry["languages"].items()}, sort_keys=True).encode()
            if path.name == "translation-status.json":
                report = json.loads(raw)
                report.pop("generated", None)
                raw = json.dumps(report, sort_keys=True).encode()
            digests[rel] = hashlib.sha256(raw).hexdigest()
    return digests


def _said(log: list[str], site_dir: Path) -> list[str]:
    """The log without what differs between two identical builds: the folder and the time taken."""
    return [line.replace(str(site_dir), "SITE") for line in log if "Documentation built in" not in line]


def _hook_objects(name: str) -> list[BuildHook]:
    # MkDocs loads a hook once per process (lru_cache) under the name written in mkdocs.yml.
    module = sys.modules.get(str(REPO_ROOT / "hooks" / name))
    assert module is not None, f"MkDocs did not load {name}"
    return [value for value in vars(module).values() if isinstance(value, BuildHook)]


@pytest.mark.parametrize("hook", HOOK_NAMES)
def test_every_hook_builds_twice_in_one_process_with_the_same_findings_and_pages(tmp_path: Path, hook: str):
    config_file = _site(tmp_path / "project", [hook])
    first = build_site(config_file, tmp_path / "one", strict=False)
    second = build_site(config_file, tmp_path / "two", strict=False)
    assert not first.aborted and not second.aborted, first.log + second.log
    assert _said(second.log, tmp_path / "two") == _said(first.log, tmp_path / "one")
    # No line said twice within one build (the nested English build must not repeat the Finnish findings).
    findings = [line for line in first.log if line.startswith("WARNING:")]
    assert len(findings) == len(set(findings)), findings
    assert _pages(tmp_path / "one") == _pages(tmp_path / "two")
    objects = _hook_objects(hook)
    assert objects, f"{hook} binds no handbook object"
    for bound in objects:
        assert bound.depth == 0 and not bound.holds_documents, f"{hook}: state left open after the build"


def test_every_hook_is_a_thin_binding_of_one_package_object():
    for name in HOOK_NAMES:
        text = (REPO_ROOT / "hooks" / name).read_text(encoding="utf-8")
        code = [line for line in text.splitlines() if line and not line.startswith(("#", '"""', "from ", "import ")) and "=" in line]
        assert code, name
        assert not [line for line in text.splitlines() if line.startswith(("def ", "class "))], f"{name} holds logic; move it to hooks/handbook/"


def test_state_from_a_broken_build_does_not_reach_the_next_one(tmp_path: Path):
    # A page with a broken reference, then the same site fixed: the second build says nothing of it.
    config_file = _site(tmp_path / "project", HOOK_NAMES)
    broken = build_site(config_file, tmp_path / "one", strict=False)
    assert any("puuttuu.md" in line for line in broken.warnings()), broken.log
    for language, text in (("fi", "# Koti {#home}\n\nKatso [sanasto](sanasto.md).\n"), ("en", "# Home {#home}\n\nSee the [glossary](sanasto.md).\n")):
        (tmp_path / "project" / "docs" / language / "index.md").write_text(text, encoding="utf-8")
    fixed = build_site(config_file, tmp_path / "two", strict=False)
    assert not [line for line in fixed.warnings() if "puuttuu.md" in line or "missing.md" in line], fixed.log


def test_a_build_with_every_hook_opens_each_page_once(tmp_path: Path):
    config_file = _site(tmp_path / "project", HOOK_NAMES)
    docs = (tmp_path / "project" / "docs").resolve()
    opened: dict[str, int] = {}

    def count(event: str, args: tuple) -> None:
        if event == "open" and isinstance(args[0], (str, Path)):
            path = Path(args[0])
            if path.suffix == ".md" and path.resolve().is_relative_to(docs):
                key = path.resolve().relative_to(docs).as_posix()
                opened[key] = opened.get(key, 0) + 1

    # Audit hooks cannot be removed: this one only counts while `counting` holds.
    counting = [True]
    sys.addaudithook(lambda event, args: count(event, args) if counting[0] else None)
    try:
        site = build_site(config_file, tmp_path / "site", strict=False)
    finally:
        counting[0] = False
    assert not site.aborted, site.log
    pages = sorted(path.relative_to(docs).as_posix() for path in docs.rglob("*.md"))
    assert opened == {page: 1 for page in pages}, opened


def test_the_store_is_emptied_when_the_last_build_lets_go(tmp_path: Path):
    page = tmp_path / "a.md"
    page.write_text("# A\n", encoding="utf-8")
    store.acquire()
    store.acquire()
    shared = store.current()
    assert shared.text(page) == "# A\n"
    page.write_text("# B\n", encoding="utf-8")
    assert store.current().text(page) == "# A\n"  # one text per build, whoever asks
    store.release()
    assert store.current() is shared
    store.release()
    assert store.current() is not shared and store.current().text(page) == "# B\n"


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"\xef\xbb\xbf# A\r\n\r\nB\r\n", "# A\n\nB\n"),  # BOM and Windows line ends, as MkDocs reads them
        (b"# A\rB\r", "# A\nB\n"),
    ],
)
def test_pages_are_decoded_as_mkdocs_decodes_them(tmp_path: Path, raw: bytes, text: str):
    page = tmp_path / "a.md"
    page.write_bytes(raw)
    assert store.Documents().text(page) == text
    with open(page, encoding="utf-8-sig") as handle:  # MkDocs' own reading (File.content_string)
        assert handle.read() == text


def test_an_undecodable_page_is_one_located_reason(tmp_path: Path):
    page = tmp_path / "a.md"
    page.write_bytes(b"# A\n\n\xe4\n")
    reason = store.Documents().text(page)
    assert reason == store.Unreadable(3, "not UTF-8 text (byte 0xe4 at offset 5); save it as UTF-8")


def test_a_strict_build_of_the_real_handbook_opens_each_page_and_the_glossary_once(tmp_path: Path):
    docs = (REPO_ROOT / "docs").resolve()
    glossary = (REPO_ROOT / "data" / "glossary.yml").resolve()
    opened: dict[str, int] = {}

    def count(event: str, args: tuple) -> None:
        if event == "open" and isinstance(args[0], (str, Path)):
            path = Path(args[0]).resolve()
            if (path.suffix == ".md" and path.is_relative_to(docs)) or path == glossary:
                key = path.relative_to(REPO_ROOT).as_posix()
                opened[key] = opened.get(key, 0) + 1

    counting = [True]
    sys.addaudithook(lambda event, args: count(event, args) if counting[0] else None)
    try:
        site = build_site(REPO_ROOT / "mkdocs.yml", tmp_path / "site", strict=True)
    finally:
        counting[0] = False
    assert not site.aborted, site.log
    pages = {path.relative_to(REPO_ROOT).as_posix() for path in docs.rglob("*.md")}
    assert set(opened) == pages | {"data/glossary.yml"}
    assert {name: times for name, times in opened.items() if times != 1} == {}
