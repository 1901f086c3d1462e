"""Results kept on disk between runs (handbook/core/kept.py): a second run finds what the
first kept, a change of code or a broken file starts afresh, only what a run used stays,
and a folder that cannot be written costs one information line, not the build."""

from __future__ import annotations

import logging
import os
import pickle
from pathlib import Path

from handbook.core.kept import Kept, code_version, key_of


def test_a_second_run_finds_what_the_first_kept(tmp_path: Path):
    first = Kept.for_project(tmp_path, "pages")
    assert first.get(key_of("a", 1)) is None
    first.put(key_of("a", 1), {"html": "<p>yksi</p>"})
    first.save()
    second = Kept.for_project(tmp_path, "pages")
    assert second.get(key_of("a", 1)) == {"html": "<p>yksi</p>"}
    assert (second.hits, second.misses) == (1, 0)
    assert second.get(key_of("a", 2)) is None and second.misses == 1


def test_only_what_a_run_used_is_kept(tmp_path: Path):
    first = Kept.for_project(tmp_path, "pages")
    first.put("old", 1)
    first.put("both", 2)
    first.save()
    second = Kept.for_project(tmp_path, "pages")
    assert second.get("both") == 2
    second.put("new", 3)
    second.save()
    third = Kept.for_project(tmp_path, "pages")
    assert [third.get(key) for key in ("old", "both", "new")] == [None, 2, 3]


def test_other_code_or_a_broken_file_starts_afresh(tmp_path: Path, caplog):
    kept = Kept(tmp_path / "x.pickle", version="one")
    kept.put("k", "v")
    kept.save()
    assert Kept(tmp_path / "x.pickle", version="two").get("k") is None
    (tmp_path / "x.pickle").write_bytes(b"\x80\x05not a pickle")
    with caplog.at_level(logging.INFO):
        assert Kept(tmp_path / "x.pickle", version="one").get("k") is None
    assert any("not readable" in record.getMessage() for record in caplog.records)
    (tmp_path / "y.pickle").write_bytes(pickle.dumps(["a list, not ours"]))
    assert Kept(tmp_path / "y.pickle", version="one").get("k") is None


def test_nothing_is_written_when_nothing_changed(tmp_path: Path):
    kept = Kept.for_project(tmp_path, "pages")
    kept.put("k", "v")
    kept.save()
    path = tmp_path / ".cache" / "handbook" / "pages.pickle"
    before = path.stat().st_mtime_ns
    again = Kept.for_project(tmp_path, "pages")
    again.get("k")
    os.utime(path, ns=(before - 10**9, before - 10**9))
    again.save()
    assert path.stat().st_mtime_ns == before - 10**9


def test_a_folder_that_cannot_be_written_costs_one_line(tmp_path: Path, caplog):
    # `.cache` is a file here, so the folder cannot be made (as in a read-only checkout;
    # this works as root too, where permissions would not stop the write).
    (tmp_path / ".cache").write_text("not a folder", encoding="utf-8")
    kept = Kept.for_project(tmp_path, "pages")
    kept.put("k", "v")
    with caplog.at_level(logging.INFO):
        kept.save()
    assert [record.getMessage() for record in caplog.records if "not kept" in record.getMessage()]
    assert (tmp_path / ".cache").read_text(encoding="utf-8") == "not a folder"


def test_the_save_is_atomic_and_leaves_no_temporary_file(tmp_path: Path):
    kept = Kept.for_project(tmp_path, "pages")
    kept.put("k", "v" * 10000)
    kept.save()
    folder = tmp_path / ".cache" / "handbook"
    assert sorted(path.name for path in folder.iterdir()) == ["pages.pickle"]


def test_the_code_version_covers_the_package_and_the_text_packages():
    assert len(code_version()) == 64
    assert key_of("a", ("b", 1)) != key_of("a", ("b", 2))


def test_a_page_that_includes_a_snippet_is_rendered_again_when_the_snippet_changes(tmp_path: Path):
    # Its text is not all of it: whatever the dashes (`--8<--`, `-8<-`), it is never kept.
    from handbook.document.source import parse_document
    from handbook.translation.rendering import MarkdownSettings, Renderer
    from handbook.translation.snippet_inputs import includes_snippets

    snippets = tmp_path / "snippets"
    snippets.mkdir()
    settings = MarkdownSettings(["toc", "pymdownx.snippets"], {"pymdownx.snippets": {"base_path": [str(snippets)], "check_paths": True}})
    page = parse_document('# Sivu {#page}\n\n-8<- "osoite.md"\n', "docs/fi/x.md")
    assert includes_snippets(page.body) and includes_snippets(';--8<-- "a.md"') and not includes_snippets("8 < 9")
    texts = []
    for address in ("Helsinki", "Tampere"):
        (snippets / "osoite.md").write_text(f"Toimipaikka: {address}.\n", encoding="utf-8")
        kept = Kept.for_project(tmp_path, "rendered-pages")
        texts.append(Renderer(settings, cache=kept).page(page, "x.md").sections[0].blocks[0].text)
        kept.save()
    assert texts == ["Toimipaikka: Helsinki.", "Toimipaikka: Tampere."]


def test_a_page_is_rendered_again_when_a_snippet_appended_to_every_page_changes(tmp_path: Path):
    # `auto_append` (Material's way to define abbreviations once) adds a file to every page
    # without a `--8<--` in its text: no page's rendering is then its text's alone.
    from handbook.document.source import parse_document
    from handbook.translation.rendering import MarkdownSettings, Renderer

    snippets = tmp_path / "snippets"
    snippets.mkdir()
    configs = {"pymdownx.snippets": {"base_path": [str(snippets)], "check_paths": True, "auto_append": ["lyhenteet.md"]}}
    settings = MarkdownSettings(["toc", "abbr", "pymdownx.snippets"], configs)
    page = parse_document("# Sivu {#page}\n\nTeksti.\n", "docs/fi/x.md")
    texts = []
    for note in ("Ensimmäinen lisäys.", "Toinen lisäys."):
        (snippets / "lyhenteet.md").write_text(f"{note}\n", encoding="utf-8")
        kept = Kept.for_project(tmp_path, "rendered-pages")
        texts.append([block.text for block in Renderer(settings, cache=kept).page(page, "x.md").sections[0].blocks])
        kept.save()
    assert texts == [["Teksti.", "Ensimmäinen lisäys."], ["Teksti.", "Toinen lisäys."]]


def test_released_results_are_let_go_read_again_if_asked_and_never_pruned(tmp_path: Path):
    first = Kept.for_project(tmp_path, "pages")
    for key in ("a", "b"):
        first.put(key, key.upper())
    first.save()
    kept = Kept.for_project(tmp_path, "pages")
    assert kept.get("a") == "A"
    kept.release()
    # Nothing held in memory any more: the build no longer needs it.
    assert kept._stored is None and kept._used == {}
    # Asked again (a consumer after the release): read from the file, not lost.
    assert kept.get("b") == "B"
    # A save after the release keeps what the file holds ("a" was used before it, and
    # that is no longer known), and adds what came since.
    kept.put("c", "C")
    kept.save()
    again = Kept.for_project(tmp_path, "pages")
    assert [again.get(key) for key in ("a", "b", "c")] == ["A", "B", "C"]


def test_a_result_made_again_under_the_same_key_replaces_the_kept_one(tmp_path: Path):
    # A kept result that could not be used (it did not load) is made again: the file must
    # hold the new one, or every later run makes it again.
    path = tmp_path / "results.pickle"
    first = Kept(path, version="v")
    first.put("page", b"broken")
    first.save()
    second = Kept(path, version="v")
    assert second.get("page") == b"broken"
    second.put("page", b"made again")
    second.save()
    assert Kept(path, version="v").get("page") == b"made again"
    # The same result put back (what every other user does after a get) writes nothing.
    third = Kept(path, version="v")
    third.put("page", third.get("page"))
    before = path.stat().st_ino, path.stat().st_mtime_ns
    third.save()
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == before  # not replaced


def _slug_fingerprint(**settings) -> str:
    from pymdownx.slugs import slugify

    from handbook.translation.markdown_fingerprint import markdown_fingerprint as _fingerprint
    from handbook.translation.rendering import MarkdownSettings

    return _fingerprint(MarkdownSettings(extensions=["toc"], configs={"toc": {"slugify": slugify(**settings)}}))


def test_a_configured_slugify_keys_the_same_in_every_process_and_by_its_settings():
    # `slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}` is a
    # functools.partial, whose repr names the function's address in memory.
    import subprocess
    import sys

    here = _slug_fingerprint(case="lower")
    code = "import sys; sys.path.insert(0, 'tests/unit'); from test_kept_results import _slug_fingerprint; print(_slug_fingerprint(case='lower'))"
    there = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parents[2]).stdout.strip()
    assert here == there
    assert here != _slug_fingerprint(case="none")


def test_a_function_made_by_a_factory_is_keyed_by_what_it_was_made_with():
    from handbook.translation.markdown_fingerprint import markdown_fingerprint as _fingerprint
    from handbook.translation.rendering import MarkdownSettings

    def factory(separator):
        def slugify(text, sep):
            return text.replace(" ", separator)

        return slugify

    def fingerprint(separator):
        return _fingerprint(MarkdownSettings(extensions=["toc"], configs={"toc": {"slugify": factory(separator)}}))

    assert fingerprint("-") == fingerprint("-") != fingerprint("_")


def test_a_factory_whose_function_holds_a_partial_of_itself_is_keyed_without_end():
    # The closure holds a partial of the function itself: each level is one step deeper,
    # so the key ends instead of recursing until Python gives up.
    import functools

    from handbook.translation.markdown_fingerprint import markdown_fingerprint as _fingerprint
    from handbook.translation.rendering import MarkdownSettings

    def factory(separator):
        def slugify(text, sep):
            return again(text, sep).replace(" ", separator)

        again = functools.partial(slugify)
        return slugify

    def fingerprint(separator):
        return _fingerprint(MarkdownSettings(extensions=["toc"], configs={"toc": {"slugify": factory(separator)}}))

    assert fingerprint("-") == fingerprint("-") != fingerprint("_")


def test_a_result_is_read_when_asked_for_and_a_string_or_bytes_is_not_held(tmp_path: Path):
    from handbook.core.kept import ON_FILE

    first = Kept.for_project(tmp_path, "pages")
    first.put("html", "<p>yksi ä</p>")
    first.put("packed", b"\x00bytes")
    first.put("object", {"a": [1]})
    first.save()
    # Saved, the strings and bytes put are let go of: the file holds them.
    assert first._used["html"] is ON_FILE and first._used["packed"] is ON_FILE
    kept = Kept.for_project(tmp_path, "pages")
    assert kept._used == {}  # the index alone was read
    assert kept.get("html") == "<p>yksi ä</p>" and kept.get("html") == "<p>yksi ä</p>"
    assert kept.get("packed") == b"\x00bytes"
    found = kept.get("object")
    assert found == {"a": [1]} and kept.get("object") is found  # an object is held once asked for
    assert kept._used["html"] is ON_FILE and kept._used["packed"] is ON_FILE
    assert (kept.hits, kept.misses) == (5, 0)


def test_a_damaged_result_is_made_again_and_the_others_still_read(tmp_path: Path, caplog):
    kept = Kept.for_project(tmp_path, "pages")
    kept.put("a", "ensimmäinen sivu")
    kept.put("b", "toinen sivu")
    kept.save()
    path = tmp_path / ".cache" / "handbook" / "pages.pickle"
    data = path.read_bytes()
    path.write_bytes(data.replace("ensimmäinen".encode(), "ensimmäinex".encode()))
    with caplog.at_level(logging.INFO):
        again = Kept.for_project(tmp_path, "pages")
        assert again.get("a") is None and again.get("b") == "toinen sivu"
    assert len([record for record in caplog.records if "digest" in record.getMessage()]) == 1
    again.put("a", "ensimmäinen sivu")
    again.save()
    assert [Kept.for_project(tmp_path, "pages").get(key) for key in ("a", "b")] == ["ensimmäinen sivu", "toinen sivu"]
    # A damaged index (or a file cut short) is the whole file ignored, in one line.
    for damaged in (data.replace(b"version", b"versiox"), data[: len(data) // 2], b"handbook kept 2\n"):
        path.write_bytes(damaged)
        caplog.clear()
        with caplog.at_level(logging.INFO):
            assert Kept.for_project(tmp_path, "pages").get("b") is None
        assert [record.getMessage() for record in caplog.records if "not readable" in record.getMessage()]


def test_a_file_replaced_by_another_run_gives_no_wrong_result_and_loses_nothing(tmp_path: Path):
    # `handbook check` and `mkdocs serve` in one project write the same files: a run reads a
    # result after another run replaced the file it read the index of.
    first = Kept.for_project(tmp_path, "pages")
    for key in ("a", "b"):
        first.put(key, key * 50)
    first.save()
    reader = Kept.for_project(tmp_path, "pages")
    assert reader.get("a") == "a" * 50
    other = Kept.for_project(tmp_path, "pages")
    other.put("c", "c" * 50)
    other.put("b", "B" * 50)
    other.save()
    # The reader's file is the one it opened: what it read the index of, not another run's.
    assert reader.get("b") == "b" * 50
    reader.put("d", "d" * 50)
    reader.save()
    assert [Kept.for_project(tmp_path, "pages").get(key) for key in "abcd"] == ["a" * 50, "b" * 50, None, "d" * 50]
    # Once saved, a result is read from the file now in place: the index of the file it wrote
    # does not fit another run's file, and a result that does not match is a miss.
    third = Kept.for_project(tmp_path, "pages")
    third.put("e", "e" * 50)
    third.save()
    replacing = Kept.for_project(tmp_path, "pages")
    replacing.put("x", "x" * 50)
    replacing.put("a", "z" * 50)
    replacing.save(prune=True)
    assert third.get("a") is None and third.misses == 1
