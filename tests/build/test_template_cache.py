"""Theme templates are compiled once per process (hooks/template_cache.py): the English
build and the next build compile nothing again, and an edited template is used at once."""

from __future__ import annotations

from pathlib import Path

import jinja2

from handbook.core.templates import CompiledTemplates
from handbook_sites import build_site, fixture_config, write_fixture_site

MAIN = '{% extends "base.html" %}\n{% block footer %}<p id="edition-note">{{ "NOTE" }}</p>{% endblock %}\n'


def _count_compiles(monkeypatch) -> list[str]:
    compiled: list[str] = []
    original = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return original(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return compiled


def test_templates_are_compiled_once_and_an_edited_one_again(tmp_path: Path, monkeypatch):
    overrides = tmp_path / "project" / "overrides"
    overrides.mkdir(parents=True)
    (overrides / "main.html").write_text(MAIN.replace("NOTE", "first"), encoding="utf-8")
    files = {"docs/fi/index.md": "# Koti\n", "docs/en/index.md": "# Home\n", "docs/fi/toinen.md": "# Toinen\n"}
    # Without Material's search plugin (as in the handbook): it compiles its own words apart.
    plugins = [plugin for plugin in fixture_config()["plugins"] if plugin != "search"]
    config_file = write_fixture_site(tmp_path / "project", files, hooks=["template_cache.py"], plugins=plugins,
                                     theme={"name": "material", "language": "fi", "font": False, "custom_dir": str(overrides)})
    compiled = _count_compiles(monkeypatch)
    first = build_site(config_file, tmp_path / "one")
    assert not first.aborted, first.log
    assert "main.html" in compiled and len(compiled) == len(set(compiled)), "the English build compiled templates again"

    compiled.clear()
    second = build_site(config_file, tmp_path / "two")
    assert compiled == []
    assert (tmp_path / "two" / "index.html").read_bytes() == (tmp_path / "one" / "index.html").read_bytes()

    (overrides / "main.html").write_text(MAIN.replace("NOTE", "second"), encoding="utf-8")
    third = build_site(config_file, tmp_path / "three")
    assert compiled == ["main.html"]
    assert 'id="edition-note">second<' in (tmp_path / "three" / "en" / "index.html").read_text(encoding="utf-8")
    assert not second.aborted and not third.aborted


def test_other_syntax_settings_do_not_share_compiled_code():
    cache = CompiledTemplates()
    plain = jinja2.Environment(loader=jinja2.DictLoader({"t.html": "{% if true %}\n  x\n{% endif %}\n"}), bytecode_cache=cache)
    trimmed = jinja2.Environment(loader=plain.loader, bytecode_cache=cache, trim_blocks=True, lstrip_blocks=True)
    assert plain.get_template("t.html").render() == "\n  x\n"
    assert trimmed.get_template("t.html").render() == "  x\n"
    assert len(cache.compiled) == 2


def _hooks_of_this_process() -> list:
    import sys

    from handbook.core.templates import CompiledTemplatesHook

    return [module.templates for module in list(sys.modules.values()) if isinstance(getattr(module, "templates", None), CompiledTemplatesHook)]


def test_the_next_process_compiles_nothing_and_a_broken_kept_file_only_costs_compiling(tmp_path: Path, monkeypatch):
    # `mkdocs build` is a new process each time: the compiled code comes from
    # .cache/handbook/templates.pickle, and never stands in for an edited template.
    project = tmp_path / "project"
    overrides = project / "overrides"
    overrides.mkdir(parents=True)
    (overrides / "main.html").write_text(MAIN.replace("NOTE", "first"), encoding="utf-8")
    files = {"docs/fi/index.md": "# Koti\n", "docs/en/index.md": "# Home\n"}
    plugins = [plugin for plugin in fixture_config()["plugins"] if plugin != "search"]
    config_file = write_fixture_site(project, files, hooks=["template_cache.py"], plugins=plugins,
                                     theme={"name": "material", "language": "fi", "font": False, "custom_dir": str(overrides)})
    compiled = _count_compiles(monkeypatch)
    assert not build_site(config_file, tmp_path / "one").aborted
    kept = project / ".cache" / "handbook" / "templates.pickle"
    assert kept.is_file() and "main.html" in compiled

    def new_process() -> None:
        for hook in _hooks_of_this_process():
            hook.cache.clear()  # what a new process remembers: nothing
        compiled.clear()

    new_process()
    assert not build_site(config_file, tmp_path / "two").aborted
    assert compiled == []
    assert (tmp_path / "two" / "en" / "index.html").read_bytes() == (tmp_path / "one" / "en" / "index.html").read_bytes()

    # A rebuild served from memory (`make serve`) keeps every template in the file.
    size = kept.stat().st_size
    assert not build_site(config_file, tmp_path / "three").aborted
    assert kept.stat().st_size == size

    (overrides / "main.html").write_text(MAIN.replace("NOTE", "second"), encoding="utf-8")
    new_process()
    assert not build_site(config_file, tmp_path / "four").aborted
    assert compiled == ["main.html"]
    assert 'id="edition-note">second<' in (tmp_path / "four" / "index.html").read_text(encoding="utf-8")

    kept.write_bytes(b"\x80\x04 not a pickle")
    new_process()
    built = build_site(config_file, tmp_path / "five")
    assert not built.aborted
    assert "main.html" in compiled
    assert 'id="edition-note">second<' in (tmp_path / "five" / "index.html").read_text(encoding="utf-8")
