"""Results kept packed (core/kept.py `packed`): every page's rendering is read or made
before the first page is built, so the renderer, the process's memo and the kept file
hold each as its pickle, and a caller gets a page of its own, equal to the one made."""

from __future__ import annotations

import pickle
from pathlib import Path

from handbook.core.kept import Kept, packed, unpacked
from handbook.document.source import parse_document
from handbook.translation import rendering
from handbook.translation.rendering import MarkdownSettings, RenderedPage, Renderer

TEXT = "# Tapaaminen {#tapaaminen}\n\nEnsimmäinen kappale.\n\n## Sopimus\n\n- yksi\n- kaksi\n"


def _kept_values(tmp_path: Path) -> dict:
    data = pickle.loads((tmp_path / ".cache" / "handbook" / "rendered-pages.pickle").read_bytes())
    return pickle.loads(data["results"])


def test_a_packed_result_comes_back_equal_and_anything_else_is_none():
    page = Renderer().page(parse_document(TEXT, "docs/fi/x.md"), "x.md")
    assert unpacked(packed(page), RenderedPage) == page
    assert unpacked(packed(page), RenderedPage) is not unpacked(packed(page), RenderedPage)
    assert unpacked(page, RenderedPage) is None  # an object of the older form: made again
    assert unpacked(packed(("a", 1)), RenderedPage) is None  # another kind of result
    assert unpacked(b"\x80\x05not a pickle", RenderedPage) is None


def test_the_renderer_holds_pages_packed_and_gives_each_caller_its_own(tmp_path: Path):
    rendering._KEPT.clear()
    document = parse_document(TEXT, "docs/fi/x.md")
    renderer = Renderer(MarkdownSettings(), cache=Kept.for_project(tmp_path, "rendered-pages"))
    first = renderer.page(document, "x.md")
    first.sections[0].blocks.clear()  # a caller that changes its page changes nobody else's
    second = renderer.page(document, "x.md")
    assert renderer.renders == 1
    assert second.sections[0].blocks and second == Renderer().page(document, "x.md")
    assert all(isinstance(value, bytes) for value in renderer._pages.values())
    assert all(isinstance(value, bytes) for value in rendering._KEPT.values())
    renderer.cache.save()
    values = _kept_values(tmp_path)
    assert values and all(isinstance(value, bytes) for value in values.values())


def test_a_kept_file_of_the_older_form_is_rendered_again_and_replaced(tmp_path: Path):
    # A file holding the renderings as objects (the form before they were packed) must not
    # be taken for packed ones, nor stop the build: the page is rendered again and the file
    # gets the packed form.
    rendering._KEPT.clear()
    document = parse_document(TEXT, "docs/fi/x.md")
    renderer = Renderer(MarkdownSettings(), cache=Kept.for_project(tmp_path, "rendered-pages"))
    page = renderer.page(document, "x.md")
    renderer.cache.save()
    older = Kept.for_project(tmp_path, "rendered-pages")
    for key in _kept_values(tmp_path):
        older.put(key, page)
    older.save()
    assert all(isinstance(value, RenderedPage) for value in _kept_values(tmp_path).values())
    rendering._KEPT.clear()
    again = Renderer(MarkdownSettings(), cache=Kept.for_project(tmp_path, "rendered-pages"))
    assert again.page(document, "x.md") == page and again.renders == 1
    again.cache.save()
    assert all(isinstance(value, bytes) for value in _kept_values(tmp_path).values())

