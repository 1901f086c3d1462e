"""core/warned.py: a warning Python raised during a piece of work is noted whether or not
it was shown, the filters are not touched, and the warning keeps its caller's place."""

from __future__ import annotations

import warnings

import pytest

from handbook.core.warned import Warned, noting_warnings


def _deprecated() -> None:
    warnings.warn("vanha tapa", DeprecationWarning, stacklevel=2)


def _call_twice_from_one_place() -> None:
    for _ in range(2):
        _deprecated()


def test_a_warning_shown_once_per_place_is_noted_the_second_time_too():
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("default")
        with noting_warnings() as first:
            _call_twice_from_one_place()
        assert first.said and len(shown) == 1  # Python showed it once, as without us
        with noting_warnings() as second:
            _call_twice_from_one_place()
        assert second.said and len(shown) == 1  # shown no more, but still noted
        # The place is the caller's (stacklevel counted past the wrapper), so "default"
        # recognised it as the same place.
        assert shown[0].filename == __file__
        assert shown[0].lineno == _call_twice_from_one_place.__code__.co_firstlineno + 2


def test_nothing_noted_without_a_warning_and_warn_is_given_back_even_after_an_error():
    original = warnings.warn
    note = Warned()
    with noting_warnings(note):
        pass
    assert not note.said and warnings.warn is original
    with pytest.raises(ValueError), noting_warnings():
        raise ValueError("kesken")
    assert warnings.warn is original


def test_a_page_whose_conversion_warned_is_not_kept(tmp_path):
    import markdown

    from handbook.core.kept import Kept
    from handbook.document.source import parse_document
    from handbook.translation.rendering import MarkdownSettings, Renderer

    class Warns(markdown.Extension):
        def extendMarkdown(self, md):  # noqa: N802 (Markdown's name)
            class Warning(markdown.treeprocessors.Treeprocessor):
                def run(self, root):
                    _deprecated()

            md.treeprocessors.register(Warning(md), "warns", 0)

    document = parse_document("# Sivu {#sivu}\n\nTeksti.\n", "docs/fi/x.md")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        renderer = Renderer(MarkdownSettings([Warns(), "toc"], {}), cache=Kept.for_project(tmp_path, "rendered-pages"))
        renderer.page(document, "x.md")
        renderer.page(document, "x.md")
    assert renderer.renders == 1  # once per build, as any page
    assert renderer.cache.misses == 1 and not renderer.cache._used
