"""The Markdown configuration of the site, read through MkDocs' own config loading.

The one place of the translation track besides hook.py and settings.py that knows MkDocs:
the pins hash pages rendered with exactly the extensions and options MkDocs renders them
with (`markdown_extensions`, `mdx_configs`, `!relative` paths resolved), so a build and
the `handbook` command always agree. The theme and the plugins are loaded by MkDocs'
validation but never run.
"""

from __future__ import annotations

import logging
from pathlib import Path

from handbook.core import Finding
from handbook.translation.rendering import MarkdownSettings


class MarkdownConfigError(Exception):
    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.format())
        self.finding = finding


def from_mkdocs_config(config) -> MarkdownSettings:
    """From a loaded MkDocs config (the build's, or one loaded here)."""
    return MarkdownSettings(
        # An extension that only watches the rendering (the reference checker's collector,
        # added by its hook) changes nothing a reader sees: the pins render without it.
        extensions=[e for e in config["markdown_extensions"] if not getattr(e, "observes_only", False)],
        configs=dict(config["mdx_configs"] or {}),
        site_url=config.get("site_url") or None,
        directory_urls=bool(config.get("use_directory_urls", True)),
    )


BUILD_RENDERER = "translation.renderer"


def build_renderer(config):
    """The build's one renderer: the translation track's pins and the term check render the
    same pages with the same configuration, so they share one renderer and one file of
    kept renderings (.cache/handbook/rendered-pages.pickle), kept on the build's store."""
    from handbook.core.kept import Kept
    from handbook.document import store
    from handbook.translation.rendering import RENDERED_PAGES, Renderer

    results = store.current().results
    renderer = results.get(BUILD_RENDERER)
    if renderer is None:
        root = Path(config.config_file_path).resolve().parent
        renderer = results[BUILD_RENDERER] = Renderer(from_mkdocs_config(config), cache=Kept.for_project(root, RENDERED_PAGES), root=root)
    return renderer


def release_build_renderer() -> None:
    """The build's renderer lets go of its pages (Renderer.release): called once every
    pre_build event (the pins, the term check) has run, whatever their hooks' order."""
    from handbook.document import store

    renderer = store.current().results.get(BUILD_RENDERER)
    if renderer is not None:
        renderer.release()


def from_config_file(config_file: Path, shown: str = "mkdocs.yml") -> MarkdownSettings:
    """Load mkdocs.yml as MkDocs does; a config MkDocs rejects is one clean line."""
    from mkdocs.config import load_config

    mkdocs_log = logging.getLogger("mkdocs")
    previous = mkdocs_log.level
    mkdocs_log.setLevel(logging.ERROR)  # MkDocs' own INFO lines about the config
    try:
        config = load_config(str(config_file))
    except Exception as error:  # noqa: BLE001 (any rejection is reported as one line, never a traceback)
        message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise MarkdownConfigError(Finding(shown, 1, message=f"MkDocs cannot load it: {message}", kind="input")) from None
    finally:
        mkdocs_log.setLevel(previous)
    return from_mkdocs_config(config)


_default = None


def default_renderer():
    """A renderer for the repository's own mkdocs.yml: what a caller that names no site gets."""
    global _default
    if _default is None:
        from handbook.translation.rendering import Renderer

        root = Path(__file__).resolve().parents[3]
        _default = Renderer(from_config_file(root / "mkdocs.yml"), root=root)
    return _default


def renderer_for_project(root: Path):
    """A renderer for the site whose mkdocs.yml is in `root`; MkDocs' built-in extensions without one."""
    from handbook.translation.rendering import Renderer

    config_file = root / "mkdocs.yml"
    return Renderer(from_config_file(config_file) if config_file.is_file() else None, root=root)
