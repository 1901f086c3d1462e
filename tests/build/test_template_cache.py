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
