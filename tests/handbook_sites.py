"""Build sites through MkDocs' own API, as MkDocs' tests do, and capture the log.

`build_site` builds any mkdocs.yml; `write_fixture_site` writes a tiny bilingual site
(a dict of files) into a temporary folder with the handbook's real hooks.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

REPO_ROOT = Path(__file__).resolve().parents[1]
HOOKS_DIR = REPO_ROOT / "hooks"
# A one-entry glossary with a forbidden wording, for the term check's fixture sites.
TERM_GLOSSARY = """\
- id: community-violence
  fi: kodin ulkopuolinen väkivalta
  en: violence outside the home
  fi_definition: Väkivalta muualla kuin kotona.
  en_definition: Violence outside the home.
  forbidden:
    fi: [yhteisöväkivalta]
"""


@dataclass
class BuiltSite:
    site_dir: Path
    # Every record logged under "mkdocs" as "LEVEL:message", in order.
    log: list[str] = field(default_factory=list)
    aborted: bool = False

    def warnings(self) -> list[str]:
        return [line.split(":", 1)[1] for line in self.log if line.startswith("WARNING:")]

    def infos(self) -> list[str]:
        return [line.split(":", 1)[1] for line in self.log if line.startswith("INFO:")]

    def html(self, path: str) -> str:
        return (self.site_dir / path).read_text(encoding="utf-8")


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname}:{record.getMessage()}")


def forget_logged_messages() -> None:
    """As if each build were its own `mkdocs build` process: once mkdocs.__main__ is
    imported (any test that runs MkDocs' command line in this process), its
    DuplicateFilter on the build's logger drops every message said once before in the
    process, so a second build stopping with the same error would say nothing."""
    from mkdocs.utils import DuplicateFilter

    for found in logging.getLogger("mkdocs.commands.build").filters:
        if isinstance(found, DuplicateFilter):
            found.msgs.clear()


def build_site(config_file: Path, site_dir: Path, *, strict: bool = True, command: str | None = None, **options: Any) -> BuiltSite:
    """Load `config_file` and build it into `site_dir`; a strict failure is recorded, not raised.

    `command` ("build", "serve") fires on_startup as the mkdocs command line would."""
    forget_logged_messages()
    logger = logging.getLogger("mkdocs")
    capture = _Capture()
    previous_level = logger.level
    logger.setLevel(logging.DEBUG if options.pop("verbose", False) else logging.INFO)
    logger.addHandler(capture)
    result = BuiltSite(site_dir=site_dir, log=capture.lines)
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=strict, **options)
        if command:
            config.plugins.on_startup(command=command, dirty=False)
        try:
            build(config)
        except Abort:
            result.aborted = True
    finally:
        logger.removeHandler(capture)
        logger.setLevel(previous_level)
    return result


def fixture_config(**overrides: Any) -> dict[str, Any]:
    """A small bilingual configuration shaped like the handbook's own."""
    config: dict[str, Any] = {
        "site_name": "Testikäsikirja",
        "site_url": "https://handbook.example.org/",
        "docs_dir": "docs",
        "theme": {"name": "material", "language": "fi", "font": False},
        "plugins": [
            "search",
            {
                "i18n": {
                    "docs_structure": "folder",
                    "fallback_to_default": True,
                    "reconfigure_material": True,
                    "languages": [
                        {"locale": "fi", "default": True, "name": "Suomi", "build": True},
                        {"locale": "en", "name": "English", "build": True, "site_name": "Test handbook"},
                    ],
                }
            },
        ],
        "markdown_extensions": ["attr_list", "md_in_html", "admonition", {"toc": {"permalink": True}}],
        "hooks": [],
    }
    config.update(overrides)
    return config


def write_fixture_site(root: Path, files: dict[str, str], *, hooks: list[str] = (), **config: Any) -> Path:
    """Write `files` (paths relative to root) and a mkdocs.yml using the named repo hooks."""
    for relative, text in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    settings = fixture_config(**config)
    settings["hooks"] = [str(HOOKS_DIR / name) for name in hooks]
    config_file = root / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config_file
