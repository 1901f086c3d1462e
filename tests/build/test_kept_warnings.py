"""A warning Python shows once per place, said by a warm build as by a cold one.

A Markdown extension's DeprecationWarning is shown once per place in a process (MkDocs'
command line logs it as an INFO line). In a cold build the first page that raises it says
it, and every later page that raises it says nothing, so its rendering looked silent and
was kept. Once the first page stopped raising it, a warm build restored the later page and
the line was gone, while a cold build of the same sources still said it. A rendering
during which Python was warned is now never kept (document/page_renderings.py).

The builds run as `make site` runs them: MkDocs' own command line, a fresh process per
build, so only `.cache/handbook/` carries anything from one build to the next.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from handbook_sites import HOOKS_DIR, REPO_ROOT, write_fixture_site

HOOKS = ["documents.py", "page_renderings.py"]
TWITTER = "Seuraa ohjelmaa: <https://twitter.com/helsinkimissio>\n"
# pymdownx.magiclink is in READS_ONLY_ITS_TEXT: its pages' renderings are kept.
MAGICLINK = [{"toc": {"permalink": True}}, "attr_list", {"pymdownx.magiclink": {"social_url_shortener": True}}]
PAGES = {
    "docs/fi/index.md": "# Koti {#home}\n\nTervetuloa.\n",
    "docs/en/index.md": "# Home {#home}\n\nWelcome.\n",
    # Two pages that trigger the same deprecation: `a` is converted first, `b` after it.
    "docs/fi/a.md": f"# A {{#a}}\n\nEnsimmäinen sivu.\n\n{TWITTER}",
    "docs/fi/b.md": f"# B {{#b}}\n\nToinen sivu.\n\n{TWITTER}",
}


def mkdocs_build(root: Path, site: Path) -> tuple[int, list[str], dict[str, bytes]]:
    """`mkdocs build --strict` as `make site` runs it: MkDocs' command line in its own process
    (which shows DeprecationWarnings as INFO lines, once per module)."""
    shutil.rmtree(site, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(HOOKS_DIR), "SOURCE_DATE_EPOCH": "1764633600"}
    env.pop("PYTHONWARNINGS", None)
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from mkdocs.__main__ import cli; sys.exit(cli())", "build", "--strict", "-f", "mkdocs.yml", "-d", str(site)],
        cwd=root, env=env, capture_output=True, text=True,
    )
    said = [line.replace(str(site), "SITE") for line in done.stderr.splitlines() if not line.startswith("INFO    -  Documentation built in")]
    files = {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()} if site.is_dir() else {}
    return done.returncode, said, files


def forget_kept(root: Path) -> None:
    shutil.rmtree(root / ".cache" / "handbook", ignore_errors=True)


def test_a_once_per_process_deprecation_is_said_warm_as_cold(tmp_path: Path):
    root = tmp_path / "handbook"
    write_fixture_site(root, PAGES, hooks=HOOKS, plugins=[{"i18n": {
        "docs_structure": "folder", "fallback_to_default": True, "reconfigure_material": True,
        "languages": [{"locale": "fi", "default": True, "name": "Suomi", "build": True}, {"locale": "en", "name": "English", "build": True}],
    }}], markdown_extensions=MAGICLINK, nav=[{"Koti": "index.md"}, {"A": "a.md"}, {"B": "b.md"}],
        theme={"name": "material", "language": "fi", "font": False})
    assert HOOKS_DIR.is_dir() and REPO_ROOT.is_dir()

    # The first build: page a says the deprecation (not kept), page b is kept "silent".
    status, said, _ = mkdocs_build(root, tmp_path / "first")
    assert status == 0, said
    assert any("DeprecationWarning: The 'twitter' social provider" in line for line in said), said

    # The author moves page a to the new provider; page b is unchanged and still uses twitter.
    page = root / "docs/fi/a.md"
    page.write_text(page.read_text(encoding="utf-8").replace("https://twitter.com/", "https://x.com/"), encoding="utf-8")

    warm = mkdocs_build(root, tmp_path / "warm")
    forget_kept(root)
    cold = mkdocs_build(root, tmp_path / "cold")
    assert any("DeprecationWarning: The 'twitter' social provider" in line for line in cold[1]), cold[1]
    assert warm[0] == cold[0]
    assert warm[2] == cold[2]
    # The warm build still says that page b uses a deprecated provider.
    assert warm[1] == cold[1]
