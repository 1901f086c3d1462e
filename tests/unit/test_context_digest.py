"""The digest behind the live preview's kept pages (core/context_digest.py) and what it
reads of the theme's templates (core/preview_pages.theme_reads): each part a page shows
changes the key, and nothing else does."""

from __future__ import annotations

import types
from pathlib import Path

import jinja2
import pytest
from markupsafe import Markup
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from handbook.core.context_digest import Digest, Unkeyable
from handbook.core.preview_pages import theme_reads


def _page(title: str, src: str, content: str = "<p>x</p>", meta: dict | None = None) -> Page:
    page = Page(title, File(src, "/docs", "/site", use_directory_urls=True), {})
    page.content, page.meta = content, meta or {}
    return page


def _digest(value, current: bool = False, other_meta=frozenset({"icon", "subtitle", "status"})) -> bytes:
    digest = Digest(other_meta)
    digest.add(value, current=current)
    return digest.value()


def _nav(**changes) -> Navigation:
    first = _page("Ensimmäinen", "eka.md", **changes)
    second = _page("Toinen", "toka.md")
    section = Section("Osa", [first, second])
    return Navigation([section], [first, second])


def test_another_page_title_and_shown_front_matter_change_the_navigation_key():
    base = _digest(_nav())
    assert _digest(_nav()) == base
    assert _digest(_nav(meta={"subtitle": "Uusi"})) != base
    assert _digest(_nav(meta={"status": "new"})) != base
    nav = _nav()
    nav.pages[0].title = "Muutettu"
    assert _digest(nav) != base
    nav = _nav()
    nav.items[0].title = "Toinen osa"
    assert _digest(nav) != base


def test_another_page_text_and_unshown_front_matter_leave_the_navigation_key():
    base = _digest(_nav())
    assert _digest(_nav(content="<p>toinen teksti</p>")) == base
    assert _digest(_nav(meta={"translation_notice": {"kind": "outdated"}})) != base  # the front matter is no longer empty
    assert _digest(_nav(meta={"translation_notice": {"kind": "outdated"}})) == _digest(_nav(meta={"translation_notice": {"kind": "missing"}}))


def test_front_matter_read_in_a_way_not_named_is_digested_whole():
    one, other = _nav(meta={"a": 1}), _nav(meta={"a": 2})
    assert _digest(one, other_meta=None) != _digest(other, other_meta=None)
    assert _digest(one) == _digest(other)


def test_an_attribute_a_plugin_sets_on_another_page_changes_the_key():
    nav = _nav()
    base = _digest(nav)
    nav.pages[1].encrypted = True
    assert _digest(nav) != base


def test_the_current_page_is_digested_whole():
    page = _page("Sivu", "sivu.md")
    base = _digest(page, current=True)
    page.content = "<p>y</p>"
    assert _digest(page, current=True) != base
    page.content = "<p>x</p>"
    page.meta = {"description": "Kuvaus"}
    assert _digest(page, current=True) != base


def test_markup_and_plain_text_differ():
    # Jinja escapes a plain string and not Markup: the same characters render differently.
    assert _digest("<b>x</b>") != _digest(Markup("<b>x</b>"))
    assert _digest(["a", "b"]) != _digest(["ab"])
    assert _digest({"a": "b"}) != _digest({"b": "a"})


def test_a_value_of_an_unknown_kind_is_not_keyed():
    class Secret:
        def __init__(self) -> None:
            self.value = 1

    with pytest.raises(Unkeyable):
        _digest({"hidden": Secret()})
    with pytest.raises(Unkeyable):
        _digest(object())


def test_a_cycle_is_not_keyed():
    looped: list = []
    looped.append(looped)
    with pytest.raises(Unkeyable):
        _digest(looped)


def _reads(tmp_path: Path, templates: dict[str, str], **filters):
    for name, text in templates.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    env = jinja2.Environment()
    env.filters.update(filters)
    config = types.SimpleNamespace(theme=types.SimpleNamespace(dirs=[str(tmp_path)]))
    return theme_reads(env, config)


def test_theme_reads_the_front_matter_other_pages_show(tmp_path: Path):
    reads = _reads(tmp_path, {"nav.html": "{% if item.meta and item.meta.icon %}{{ item.meta.status }}{% endif %}{{ page.meta.anything }}"})
    assert reads == type(reads)(False, frozenset({"icon", "status"}))


@pytest.mark.parametrize("text", ["{{ show(item.meta) }}", "{{ item.meta['icon'] }}", "{{ item.meta | tojson }}", "{{ item.meta.get('x') }}"])
def test_front_matter_read_another_way_means_all_of_it(tmp_path: Path, text: str):
    assert _reads(tmp_path, {"nav.html": text}).other_meta is None


def test_a_template_that_shows_the_build_time(tmp_path: Path):
    assert _reads(tmp_path, {"partials/footer.html": "{{ build_date_utc }}"}).build_time
    assert not _reads(tmp_path / "other", {"main.html": "{{ page.title }}"}).build_time


def test_a_filter_given_the_whole_context_may_show_anything(tmp_path: Path):
    @jinja2.pass_context
    def shows(context, value):
        return context.get("build_date_utc")

    reads = _reads(tmp_path, {"main.html": "{{ page.title | shows }}"}, shows=shows)
    assert reads.build_time and reads.other_meta is None
