"""`handbook check` reports the term check's findings with the same lines as the build, one per finding."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from handbook_sites import TERM_GLOSSARY as GLOSSARY
from handbook_sites import build_site, write_fixture_site

FILES = {
    "docs/fi/index.md": "# Koti {#home}\n\nYhteisöväkivallasta puhutaan.\n\n## Työ {#work}\n\nKodin ulkopuolisen väkivallan asiakkaat.\n",
    "docs/en/index.md": "# Home {#home}\n\nWe talk about it.\n\n## Work {#work}\n\nClients of this kind.\n",
    "data/glossary.yml": GLOSSARY,
}
EXPECTED = [
    "docs/en/index.md:5: section 'work' lacks the glossary's term for 'kodin ulkopuolinen väkivalta' (docs/fi/index.md:7: "
    "'Kodin ulkopuolisen väkivallan'); use 'violence outside the home' (data/glossary.yml:1)",
    "docs/fi/index.md:3:1: 'Yhteisöväkivallasta' is not the handbook's term; use 'kodin ulkopuolinen väkivalta' (data/glossary.yml:1)",
]


def test_the_check_prints_the_builds_term_lines_and_a_broken_glossary_is_its_lines(tmp_path: Path):
    config = write_fixture_site(tmp_path, FILES, hooks=["documents.py", "term_check.py"], extra={"glossary": "data/glossary.yml"})
    built = build_site(config, tmp_path / "site")
    assert [line.removeprefix("handbook: ") for line in built.warnings()] == EXPECTED

    def check() -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "handbook", "check", str(config), "--no-cache"], capture_output=True, text=True, cwd=tmp_path, env=dict(os.environ)
        )

    checked = check()
    assert (checked.returncode, checked.stdout.splitlines()) == (1, EXPECTED), checked.stderr
    assert checked.stderr.splitlines()[-1] == "2 problem(s), 0 informative finding(s) in the references and terms"

    (tmp_path / "data/glossary.yml").write_text(GLOSSARY.replace("  fi_definition", "  fi_defnition"), encoding="utf-8")
    broken = check()
    assert (broken.returncode, broken.stdout.splitlines()) == (
        1,
        [
            "data/glossary.yml:1: entry 'community-violence' has no 'fi_definition'",
            "data/glossary.yml:4: unknown key 'fi_defnition'; did you mean 'fi_definition'?",
        ],
    )
    assert "Traceback" not in broken.stderr
