"""The search index: Pagefind over the built site, after every language is built.

Pagefind (its binary comes from the `pagefind_bin` wheel, pinned in requirements.lock, so
building needs nothing but the venv) reads the built HTML, keeps one index per
`<html lang>` and stems Finnish words. It writes `pagefind/` into the site; the search
form (overrides/partials/search.html) loads it only when the reader types.

Finnish pages get the base forms of their words into the index, and the site a table that
maps a reader's inflected query words to base forms (reader/search_forms.py).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError

from handbook.core import BuildHook, handbook_logger
from handbook.finnish import project_morphology
from handbook.glossary.hook import glossary_path, read_glossary
from handbook.reader.search_forms import TABLE_PATH, Synonyms, add_hidden_forms, forms_table, table_json

log = handbook_logger("search")
# Pagefind runs from the project folder, not from one mkdocs.yml's (tests build fixture sites).
PROJECT_ROOT = Path(__file__).resolve().parents[3]


FINNISH = "fi"


class SearchIndexHook(BuildHook):
    def reset(self) -> None:
        self.root: Path | None = None
        self.synonyms: Synonyms | None = None
        self.vocabulary: list[str] = []  # every word of the Finnish pages, for the query table

    def start(self, config) -> None:
        self.root = Path(config.config_file_path).parent
        glossary = glossary_path(config)
        if glossary is not None:
            self.synonyms = Synonyms(read_glossary(glossary, self.root), project_morphology(self.root))

    def on_page_content(self, html: str, page, config, files) -> str:
        # Finnish pages of the Finnish build only: a Finnish page standing in for a missing
        # English one is not indexed at all (main.html).
        if self.root is None or config.theme.get("language") != FINNISH or _excluded(page):
            return html
        content, page_words = add_hidden_forms(html, project_morphology(self.root), self.synonyms)
        self.vocabulary += page_words
        return content

    def finish(self, config) -> None:
        site_dir = Path(config.site_dir)
        if self.root is not None:
            morphology = project_morphology(self.root)
            table = site_dir / TABLE_PATH
            table.parent.mkdir(parents=True, exist_ok=True)
            table.write_text(table_json(forms_table(self.vocabulary, morphology)), encoding="utf-8")
            morphology.save()
        build_search_index(PROJECT_ROOT, site_dir)


def _excluded(page) -> bool:
    search = (page.meta or {}).get("search")
    return isinstance(search, dict) and bool(search.get("exclude"))


def pagefind_binary() -> Path:
    """The executable shipped inside the pinned `pagefind_bin` wheel."""
    try:
        import pagefind_bin
    except ImportError:
        raise PluginError("search index: the pagefind_bin package is missing; install the locked set with `make install`") from None
    binary = Path(pagefind_bin.__file__).parent / "pagefind"
    if not binary.exists():
        raise PluginError(f"search index: {binary} is missing; reinstall the locked set with `make install`")
    return binary


def build_search_index(project_root: Path, site_dir: Path) -> None:
    command = [str(pagefind_binary()), "--site", str(site_dir), "--output-subdir", "pagefind", "--silent"]
    done = subprocess.run(command, capture_output=True, text=True, cwd=project_root)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise PluginError(f"search index: pagefind failed ({done.returncode}): {' / '.join(detail[-5:])}")
    if not (site_dir / "pagefind" / "pagefind-entry.json").exists():
        raise PluginError(f"search index: pagefind wrote no index into {site_dir / 'pagefind'}")
    log.debug(f"search index written to {site_dir / 'pagefind'}")
