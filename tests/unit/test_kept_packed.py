"""Results kept packed (core/kept.py `packed`) and read from the file when asked for: every
page's rendering is read or made before the first page is built, so the renderer holds
none of the kept ones, the kept file holds each as its pickle, and a caller gets a page of
its own, equal to the one made."""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from handbook.core.kept import BYTES, ON_FILE, Kept, code_version, packed, unpacked
from handbook.document.source import parse_document
from handbook.translation.rendering import MarkdownSettings, RenderedPage, Renderer

TEXT = "# Tapaaminen {#tapaaminen}\n\nEnsimmäinen kappale.\n\n## Sopimus\n\n- yksi\n- kaksi\n"


def _kept_values(tmp_path: Path) -> dict:
    kept = Kept.for_project(tmp_path, "rendered-pages")
    return {key: kept.get(key) for key in kept.keys()}


def test_a_packed_result_comes_back_equal_and_anything_else_is_none():
    page = Renderer().page(parse_document(TEXT, "docs/fi/x.md"), "x.md")
    assert unpacked(packed(page), RenderedPage) == page
    assert unpacked(packed(page), RenderedPage) is not unpacked(packed(page), RenderedPage)
    assert unpacked(page, RenderedPage) is None  # an object of the older form: made again
    assert unpacked(packed(("a", 1)), RenderedPage) is None  # another kind of result
    assert unpacked(b"\x80\x05not a pickle", RenderedPage) is None


def test_the_renderer_holds_no_kept_page_and_gives_each_caller_its_own(tmp_path: Path):
    document = parse_document(TEXT, "docs/fi/x.md")
    renderer = Renderer(MarkdownSettings(), cache=Kept.for_project(tmp_path, "rendered-pages"))
    first = renderer.page(document, "x.md")
    first.sections[0].blocks.clear()  # a caller that changes its page changes nobody else's
    second = renderer.page(document, "x.md")
    assert renderer.renders == 1
    assert second.sections[0].blocks and second == Renderer().page(document, "x.md")
    assert renderer._pages == {}  # held until saved by the kept file alone
    renderer.cache.save()
    values = _kept_values(tmp_path)
    assert values and all(isinstance(value, bytes) for value in values.values())
    # The next run reads the page from the file when it is asked for and holds nothing of it.
    again = Renderer(MarkdownSettings(), cache=Kept.for_project(tmp_path, "rendered-pages"))
    assert again.page(document, "x.md") == second and again.page(document, "x.md") == second
    assert again.renders == 0 and again._pages == {}
    assert list(again.cache._used.values()) == [ON_FILE]
    assert [entry[2] for entry in again.cache._stored.values()] == [BYTES]


def test_the_renderer_without_a_kept_file_holds_its_pages_packed():
    document = parse_document(TEXT, "docs/fi/x.md")
    renderer = Renderer(MarkdownSettings())
    assert renderer.page(document, "x.md") == renderer.page(document, "x.md") and renderer.renders == 1
    assert [type(value) for value in renderer._pages.values()] == [bytes]


def test_a_kept_file_of_the_older_forms_is_rendered_again_and_replaced(tmp_path: Path, caplog):
    document = parse_document(TEXT, "docs/fi/x.md")
    renderer = Renderer(MarkdownSettings(), cache=Kept.for_project(tmp_path, "rendered-pages"))
    page = renderer.page(document, "x.md")
    renderer.cache.save()
    keys = list(_kept_values(tmp_path))
    path = tmp_path / ".cache" / "handbook" / "rendered-pages.pickle"
    # The renderings as objects (the form before they were packed) must not be taken for
    # packed ones, nor stop the build: the page is rendered again and the file gets bytes.
    older = Kept.for_project(tmp_path, "rendered-pages")
    for key in keys:
        older.put(key, page)
    older.save()
    assert all(isinstance(value, RenderedPage) for value in _kept_values(tmp_path).values())
    again = Renderer(MarkdownSettings(), cache=Kept.for_project(tmp_path, "rendered-pages"))
    assert again.page(document, "x.md") == page and again.renders == 1
    again.cache.save()
    assert all(isinstance(value, bytes) for value in _kept_values(tmp_path).values())
    # The file form before the index (one pickle of every result): ignored without a word,
    # as a change of code is, and replaced.
    payload = pickle.dumps({key: packed(page) for key in keys})
    path.write_bytes(pickle.dumps({"version": code_version(), "digest": hashlib.sha256(payload).hexdigest(), "results": payload}))
    with caplog.at_level("INFO"):
        third = Renderer(MarkdownSettings(), cache=Kept.for_project(tmp_path, "rendered-pages"))
        assert third.page(document, "x.md") == page and third.renders == 1
        third.cache.save()
    assert not [record for record in caplog.records if "kept" in record.name or "cache" in record.name]
    assert path.read_bytes().startswith(b"handbook kept 2\n") and list(_kept_values(tmp_path)) == keys
