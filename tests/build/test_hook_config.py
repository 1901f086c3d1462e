"""Hook files load cleanly; a misspelt event or a broken import fails config loading."""

from __future__ import annotations

import ast
import difflib
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.plugins import EVENTS

from handbook_sites import REPO_ROOT, write_fixture_site

MKDOCS_EVENTS = {f"on_{event}" for event in EVENTS}


def _module_level_functions(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [(node.name, node.lineno) for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]


def test_every_on_function_in_hooks_is_a_real_event():
    problems = []
    for hook in sorted((REPO_ROOT / "hooks").glob("*.py")):
        for name, line in _module_level_functions(hook):
            if name.startswith("on_") and name not in MKDOCS_EVENTS:
                hint = difflib.get_close_matches(name, MKDOCS_EVENTS, n=1)
                problems.append(f"{hook.relative_to(REPO_ROOT)}:{line}: '{name}' is not an MkDocs event; did you mean {hint}?")
    assert problems == []


def test_real_config_loads_every_listed_hook():
    config = load_config(str(REPO_ROOT / "mkdocs.yml"))
    listed = {Path(p).name for p in config["hooks"]}
    assert "privacy_guard.py" in listed
    assert all((REPO_ROOT / "hooks" / name).is_file() for name in listed)


def test_misspelt_hook_event_fails_config_loading(tmp_path: Path):
    (tmp_path / "hooks").mkdir()
    (tmp_path / "hooks" / "typo_hook.py").write_text("def on_page_markdwon(markdown, **kwargs):\n    return markdown\n")
    config_file = write_fixture_site(tmp_path, {"docs/fi/index.md": "# Koti\n"})
    text = config_file.read_text().replace("hooks: []", f"hooks:\n- {tmp_path / 'hooks' / 'typo_hook.py'}")
    config_file.write_text(text)
    with pytest.raises(Exception) as raised:
        load_config(str(config_file))
    assert "on_page_markdwon" in str(raised.value) or "page_markdwon" in repr(raised.value)


def test_broken_hook_import_fails_config_loading(tmp_path: Path):
    (tmp_path / "hooks").mkdir()
    (tmp_path / "hooks" / "broken_hook.py").write_text("import no_such_handbook_module\n")
    config_file = write_fixture_site(tmp_path, {"docs/fi/index.md": "# Koti\n"})
    text = config_file.read_text().replace("hooks: []", f"hooks:\n- {tmp_path / 'hooks' / 'broken_hook.py'}")
    config_file.write_text(text)
    with pytest.raises(Exception) as raised:
        load_config(str(config_file))
    assert "no_such_handbook_module" in str(raised.value) or "no_such_handbook_module" in repr(raised.value.__cause__ or raised.value.__context__)
