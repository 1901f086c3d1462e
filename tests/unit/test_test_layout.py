"""pytest imports test files by their base name (the folders have no __init__.py): two
files of one name in two layers stop the whole run at collection."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def test_every_test_file_name_is_used_once():
    names = Counter(path.name for path in TESTS.rglob("test_*.py"))
    assert len(names) > 20
    assert [name for name, count in names.items() if count > 1] == []
