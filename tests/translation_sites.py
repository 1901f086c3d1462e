"""Fixture sites of the translation track: a small bilingual site whose English pages are
pinned with the fixture's own Markdown, and helpers to build it, run the command and use git."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import datetime
from pathlib import Path

from handbook import translation as engine
from handbook.cli import translations as cli
from handbook_sites import REPO_ROOT, BuiltSite, build_site, write_fixture_site

MISSING_TEXT = "This page has not been translated yet. You are reading the Finnish original."

FI_PAGE = """---
description: Sivu
---

# Historia {#history}

Aggredi aloitti vuonna 2006 Helsingissä.

## Toimipaikat {#localities}

!!! note "Huomio"

    Toimipaikkoja on kolme.

| Kaupunki | Vuosi |
|---|---|
| Helsinki | 2006 |

## Julkaisut {#publications}

Katso [tavoitteet](index.md#home).
"""

EN_PAGE = """---
description: Page
---

# History {#history}

Aggredi started in 2006 in Helsinki.

## Localities {#localities}

!!! note "Note"

    There are three localities.

| City | Year |
|---|---|
| Helsinki | 2006 |

## Publications {#publications}

See [the goals](index.md#home).
"""

FI_INDEX = "# Koti {#home}\n\nTeksti.\n"
EN_INDEX = "# Home {#home}\n\nText.\n"
STATUS_FI = "# Käännöstilanne {#status}\n\n<!-- translation-status -->\n"
STATUS_EN = "# Translation status {#status}\n\n<!-- translation-status -->\n"


# The fixture sites' Markdown (tests/handbook_sites.py): what their builds render pages with.
FIXTURE_MARKDOWN = engine.MarkdownSettings(
    ["toc", "tables", "fenced_code", "attr_list", "md_in_html", "admonition"], {"toc": {"permalink": True}}, site_url="https://handbook.example.org/"
)
RENDER = engine.Renderer(FIXTURE_MARKDOWN)


def rendered(text: str, page: str = "x.md", path: str = "docs/fi/x.md") -> engine.RenderedPage:
    return RENDER.page(engine.parse_document(text, path), page)


def page_hash(text: str, page: str = "x.md") -> str:
    return rendered(text, page).hash


def pinned(translation: str, source: str, page: str = "x.md", **options) -> str:
    return engine.apply_pin(translation, rendered(source, page), **options)


def site_files(**extra: str) -> dict[str, str]:
    """A consistent bilingual site: index, history and the status page, all pinned."""
    files = {
        "docs/fi/index.md": FI_INDEX,
        "docs/en/index.md": pinned(EN_INDEX, FI_INDEX, "index.md"),
        "docs/fi/historia.md": FI_PAGE,
        "docs/en/historia.md": pinned(EN_PAGE, FI_PAGE, "historia.md"),
        "docs/fi/kaannostilanne.md": STATUS_FI,
        "docs/en/kaannostilanne.md": pinned(STATUS_EN, STATUS_FI, "kaannostilanne.md"),
    }
    files.update(extra)
    return {k: v for k, v in files.items() if v is not None}


def write_site(root: Path, files: dict[str, str], **config) -> Path:
    nav = [{"Koti": "index.md"}] + [
        {Path(rel).stem: rel[len("docs/fi/") :]} for rel in sorted(files) if rel.startswith("docs/fi/") and rel != "docs/fi/index.md"
    ]
    theme = {"name": "material", "language": "fi", "font": False, "custom_dir": str(REPO_ROOT / "overrides")}
    return write_fixture_site(root, files, hooks=["translation_track.py"], theme=theme, nav=nav, **config)


def build(root: Path, files: dict[str, str], *, strict: bool = False, **config) -> BuiltSite:
    return build_site(write_site(root, files, **config), root / "site", strict=strict)


def track_lines(site: BuiltSite) -> list[str]:
    """The translation track's own log lines, as LEVEL:message."""
    return [line.replace(":handbook: ", ":", 1) for line in site.log if ":handbook: " in line]


def status_json(site: BuiltSite) -> dict:
    return json.loads((site.site_dir / "translation-status.json").read_text(encoding="utf-8"))


def page_record(site: BuiltSite, path: str) -> dict:
    return next(p for p in status_json(site)["languages"]["en"]["pages"] if p["path"] == path)


def set_mtime(path: Path, when: datetime) -> None:
    os.utime(path, (when.timestamp(), when.timestamp()))


def run_cli(capsys, config: Path, *args: str) -> tuple[int, str, str]:
    code = cli.main(["--config", str(config), *args])
    out, err = capsys.readouterr()
    return code, out, err


def git(root: Path, *args: str, when: datetime | None = None) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="Kääntäjä", GIT_AUTHOR_EMAIL="k@example.org", GIT_COMMITTER_NAME="Kääntäjä", GIT_COMMITTER_EMAIL="k@example.org")
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when.isoformat()
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)
