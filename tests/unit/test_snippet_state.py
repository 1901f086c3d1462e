"""What a page that includes snippets reads besides its text (translation/snippet_inputs.py,
`snippet_state`): a digest of every snippet file, or None when it cannot be known."""

from __future__ import annotations

import shutil
from pathlib import Path

from handbook.translation.snippet_inputs import snippet_state


def _configs(base, **more) -> dict:
    return {"pymdownx.snippets": {"base_path": base, **more}}


def test_the_digest_follows_every_snippet_file_and_not_the_projects_place(tmp_path: Path):
    project = tmp_path / "one"
    (project / "snippets" / "osa").mkdir(parents=True)
    (project / "snippets" / "huomio.md").write_text("Huomio.\n", encoding="utf-8")
    state = snippet_state(_configs([str(project / "snippets")]), project)
    assert state and state == snippet_state(_configs(str(project / "snippets")), project)

    (project / "snippets" / "osa" / "uusi.md").write_text("Uusi.\n", encoding="utf-8")  # nested includes read it
    added = snippet_state(_configs([str(project / "snippets")]), project)
    assert added != state
    (project / "snippets" / "huomio.md").write_text("Huomio!\n", encoding="utf-8")
    edited = snippet_state(_configs([str(project / "snippets")]), project)
    assert edited not in (state, added)

    moved = tmp_path / "two"
    shutil.move(project, moved)
    assert snippet_state(_configs([str(moved / "snippets")]), moved) == edited


def test_what_cannot_be_known_is_none(tmp_path: Path):
    (tmp_path / "snippets").mkdir()
    folder = str(tmp_path / "snippets")
    assert snippet_state(_configs([folder], url_download=True), tmp_path) is None
    assert snippet_state(_configs([folder], restrict_base_path=False), tmp_path) is None
    assert snippet_state(_configs([str(tmp_path)]), tmp_path) is None  # the project itself: its cache too
    assert snippet_state(_configs([str(tmp_path.parent)]), tmp_path) is None
    assert snippet_state(_configs([3]), tmp_path) is None
    assert snippet_state(_configs([str(tmp_path / ".cache")]), tmp_path) is None
    # A base path that does not exist holds nothing: pages include nothing from it (the check reports the include).
    assert snippet_state(_configs([str(tmp_path / "ei-ole")]), tmp_path) is not None
