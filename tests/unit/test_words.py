"""Reader-facing words (hooks/handbook/words/): every word exists in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook import words

CONCERNS = sorted(path.stem for path in words.FOLDER.glob("*.yml"))


def _shape(value, where: str = "") -> set[str]:
    """Every key path and list length: what must be the same in both languages."""
    if isinstance(value, dict):
        return {f"{where}/{key}" for key in value} | {item for key, child in value.items() for item in _shape(child, f"{where}/{key}")}
    if isinstance(value, list):
        return {f"{where}[{len(value)}]"}
    return set()


@pytest.mark.parametrize("concern", CONCERNS)
def test_both_languages_have_the_same_words(concern: str):
    loaded = words.load(concern)
    assert set(loaded) == {"fi", "en"}
    assert _shape(loaded["fi"]) == _shape(loaded["en"])


def test_words_are_read_from_the_package_folder():
    assert CONCERNS and Path(words.FOLDER).name == "words"
