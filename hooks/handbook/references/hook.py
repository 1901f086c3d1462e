"""The reference check during a build: what MkDocs renders, judged once per `mkdocs build`.

Before any page renders (outermost on_pre_build) every page is read once: bad input
and every missing snippet are listed with their lines, before pymdownx.snippets
(check_paths: true) would stop the build at the first one. While each language builds,
the `Collector` extension records every page's rendered links and ids, and on_files
records what the build serves at which URL. After the last language (finish), every
link is judged as the browser follows it. MkDocs' own `validation:` is set to
`ignore` for what this check owns (README, "Checking references").
"""

from __future__ import annotations

from pathlib import Path

import mkdocs.plugins
from mkdocs.exceptions import PluginError

from handbook.core import BuildHook, handbook_logger, report
from handbook.references.built import Builds, BuiltPage, built_file
from handbook.references.checker import Checker
from handbook.references.collect import Collector, Rendering
from handbook.references.settings import ReferenceCheckError, settings_from_config
from handbook.references.standalone import renderer

log = handbook_logger("references")


class ReferenceCheckHook(BuildHook):
    def __init__(self) -> None:
        self.collector = Collector()
        super().__init__()

    def reset(self) -> None:
        self.settings = None
        self.checker: Checker | None = None
        self.builds = Builds()
        self.building = ""  # the language of the build now running
        self.collector.renderings.clear()

    def on_config(self, config):
        # Every build, the nested language builds too: MkDocs renders pages with these extensions.
        if not any(isinstance(extension, Collector) for extension in config.markdown_extensions):
            config.markdown_extensions.append(self.collector)
        return config

    def start(self, config) -> None:
        try:
            self.settings = settings_from_config(config)
        except ReferenceCheckError as error:
            raise PluginError(f"mkdocs.yml: {error}") from None
        self.checker = Checker(self.settings, render=renderer(config))
        self.checker.read()
        missing = [problem for problem in self.checker.raw if problem[0] == "missing-snippet"]
        if missing and self.settings.snippet_check_paths:
            report(self.checker.findings(), log)
            # pymdownx.snippets would raise on the first one with a traceback; stop cleanly instead.
            raise PluginError(f"{len(missing)} snippet include(s) do not exist (listed above); fix them to build the site")

    # After mkdocs-static-i18n's on_files (-100), which lays out the language's files.
    @mkdocs.plugins.event_priority(-150)
    def on_files(self, files, config):
        if self.settings is None:
            return files
        languages = self.settings.languages
        urls = [file.url for file in files.documentation_pages()]
        self.building = next((language for language in languages[1:] if urls and all(url.startswith(f"{language}/") for url in urls)), languages[0])
        docs = Path(config.docs_dir).resolve()
        for file in files:
            if file.inclusion.is_excluded():
                continue
            inside = bool(file.abs_src_path) and Path(file.abs_src_path).resolve().is_relative_to(docs)
            self.builds.add_file(built_file(self.building, file.url, file.src_uri if inside else "", file.is_documentation_page(), languages))
        return files

    def on_page_content(self, html: str, page, config, files) -> str:
        if self.settings is not None:
            rendering = self.collector.take(page.markdown or "") or Rendering()
            file = built_file(self.building, page.file.url, page.file.src_uri, True, self.settings.languages)
            self.builds.add_page(BuiltPage(file, Path(page.file.abs_src_path), rendering))
        return html

    def finish(self, config) -> None:
        if self.checker is not None:
            report(self.checker.judge(self.builds), log)
