"""A small bilingual handbook in its own git repository, published in editions with mike.

Like mike's own tests: real git in a temporary folder, a bare clone as the remote, and
mike run as a subprocess (as `make publish` runs it), with the venv's bin first on PATH.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from handbook_sites import REPO_ROOT, write_fixture_site

# The `handbook publish` command, run as `python -m handbook` with the test's interpreter.
PUBLISH_COMMAND = ["-m", "handbook", "publish"]
VENV_BIN = Path(sys.executable).parent

# Each edition's pages; 2026 adds a page the 2021 edition does not have.
EDITION_2021 = {
    "docs/fi/index.md": "# Aggredi\n\nKäsikirjan etusivu.\n",
    "docs/en/index.md": "# Aggredi\n\nThe handbook's start page.\n",
    "docs/fi/ohjelma/index.md": "# Ohjelma\n\nOhjelman kuvaus.\n",
    "docs/en/ohjelma/index.md": "# The programme\n\nWhat the programme is.\n",
    "docs/fi/ohjelma/tavoitteet.md": "# Tavoitteet\n\nVäkivallan lopettaminen.\n",
    "docs/en/ohjelma/tavoitteet.md": "# Goals\n\nThat the violence stops.\n",
}
EDITION_2026 = {
    **EDITION_2021,
    "docs/fi/ohjelma/tavoitteet.md": "# Tavoitteet\n\nVäkivallan lopettaminen ja irtautuminen.\n",
    "docs/en/ohjelma/tavoitteet.md": "# Goals\n\nThat the violence stops and people leave violent groups.\n",
    "docs/fi/teoria/desistanssi.md": "# Desistanssi\n\nRikoksista irtautuminen.\n",
    "docs/en/teoria/desistanssi.md": "# Desistance\n\nLeaving crime behind.\n",
}
NAV_2021 = [{"Etusivu": "index.md"}, {"Ohjelma": ["ohjelma/index.md", {"Tavoitteet": "ohjelma/tavoitteet.md"}]}]
NAV_2026 = NAV_2021 + [{"Teoria": [{"Desistanssi": "teoria/desistanssi.md"}]}]
NAV_TRANSLATIONS = {"Etusivu": "Home", "Ohjelma": "The programme", "Tavoitteet": "Goals", "Teoria": "Theory", "Desistanssi": "Desistance"}


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs' custom tags (!ENV, !relative)."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def real_version_settings() -> dict:
    """extra.version of the real mkdocs.yml, so the fixture publishes the way the handbook does."""
    config = yaml.load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    return config["extra"]["version"]


def run(args: list[str], cwd: Path, *, check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env, timeout=300)
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return run(["git", *args], repo, check=check)


def publish_env() -> dict:
    env = dict(os.environ)
    env["PATH"] = str(VENV_BIN) + os.pathsep + env.get("PATH", "")
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.pop("SITE_URL", None)
    return env


def publish(repo: Path, *args: str, check: bool = True, rehearsal: bool = True) -> subprocess.CompletedProcess:
    """`make publish` as the Makefile runs it. The fixtures' site_url is an example.org
    address, which a real publish refuses: `rehearsal` says it is one."""
    extra = ["--allow-placeholder-url"] if rehearsal else []
    return run([sys.executable, *PUBLISH_COMMAND, *args, *extra], repo, check=check, env=publish_env())


def write_edition(repo: Path, files: dict[str, str], nav: list, hooks: tuple[str, ...] = ("editions.py",)) -> None:
    for stale in (repo / "docs").rglob("*.md") if (repo / "docs").exists() else []:
        stale.unlink()
    i18n = {
        "docs_structure": "folder",
        "fallback_to_default": True,
        "reconfigure_material": True,
        "languages": [
            {"locale": "fi", "default": True, "name": "Suomi", "build": True},
            {"locale": "en", "name": "English", "build": True, "site_name": "Test handbook", "nav_translations": NAV_TRANSLATIONS},
        ],
    }
    write_fixture_site(
        repo,
        files,
        hooks=list(hooks),
        site_url="https://handbook.example.org/",
        theme={"name": "material", "language": "fi", "font": False, "custom_dir": str(REPO_ROOT / "overrides")},
        plugins=["search", {"i18n": i18n}],
        nav=nav,
        extra={"version": real_version_settings()},
    )


def commit_all(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", message)
    return git(repo, "rev-parse", "HEAD").stdout.strip()


def new_handbook_repo(root: Path) -> Path:
    """A git repository holding the 2021 edition, with a bare clone as its `origin`."""
    repo = root / "handbook"
    repo.mkdir()
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "config", "user.name", "Handbook Tests")
    git(repo, "config", "user.email", "handbook-tests@example.org")
    (repo / ".gitignore").write_text("/site/\n")
    write_edition(repo, EDITION_2021, NAV_2021)
    commit_all(repo, "Edition 2021")
    run(["git", "clone", "--quiet", "--bare", str(repo), str(root / "origin.git")], root)
    git(repo, "remote", "add", "origin", str(root / "origin.git"))
    return repo


def branch_files(repo: Path, branch: str = "gh-pages", under: str = "") -> dict[str, str]:
    """path -> blob id (or symlink target id) of every file on the branch, under a folder."""
    listing = git(repo, "ls-tree", "-r", "--full-tree", branch, *([under] if under else [])).stdout
    files = {}
    for line in listing.splitlines():
        meta, path = line.split("\t", 1)
        files[path] = meta.split()[2]
    return files


def read_branch_file(repo: Path, path: str, branch: str = "gh-pages") -> str:
    return git(repo, "show", f"{branch}:{path}").stdout


def export_branch(repo: Path, target: Path, branch: str = "gh-pages") -> Path:
    """The branch as a folder, symlinked aliases included, as a static host serves it."""
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", branch], cwd=repo, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target
