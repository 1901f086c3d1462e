"""The one state protocol of every hook object.

Three things make hook state hard in MkDocs 1.6, and every hook of the handbook meets
them the same way, through `BuildHook`:

* mkdocs-static-i18n runs every extra language as a nested build from the default
  language's `on_post_build`, so on_pre_build/on_post_build fire once per language,
  nested. A whole-site concern works once per `mkdocs build` (the outermost build) and
  keeps its state until the outermost build ends.
* The same hook file is the same module object for every build in one process
  (`mkdocs serve` rebuilds, tests): state left over from one build must never reach
  the next, even when a build failed half-way.
* `on_startup` fires only from the command line, never for `mkdocs.commands.build.build`
  called from Python, so an outermost build always starts from a fresh state itself.
"""

from __future__ import annotations

import mkdocs.plugins


class BuildHook:
    """Base of the objects that `hooks/*.py` bind to MkDocs events.

    Subclasses keep their per-build state as attributes set in `reset()`; they call
    `enter()` at the start of on_pre_build (True only for the outermost build) and
    let `on_post_build` here close the build. `serving` tells a live preview
    (`mkdocs serve`) from a build that publishes.
    """

    def __init__(self) -> None:
        self.depth = 0
        self.serving = False
        self.holds_documents = False
        self.reset()

    def reset(self) -> None:
        """Forget everything a build produced (subclasses extend)."""

    @property
    def outermost(self) -> bool:
        return self.depth == 1

    def enter(self) -> bool:
        """Record a build start; True when it is the outermost build (state is fresh)."""
        if self.depth == 0:
            self.reset()
            self._hold_documents()
        self.depth += 1
        return self.depth == 1

    def leave(self) -> None:
        self.depth = max(0, self.depth - 1)
        if self.depth == 0:
            self.reset()
            self._let_go_of_documents()

    def _hold_documents(self) -> None:
        # Every page is read once per build, whichever concern asks first (document/store.py).
        from handbook.document import store  # the store's documents use core's Finding

        if not self.holds_documents:
            store.acquire(serving=self.serving)
            self.holds_documents = True

    def _let_go_of_documents(self) -> None:
        from handbook.document import store

        if self.holds_documents:
            store.release()
            self.holds_documents = False

    # --- Events every hook binds

    def on_startup(self, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.depth = 0
        self._let_go_of_documents()
        self.reset()

    def on_build_error(self, error: Exception) -> None:
        self.depth = 0
        self._let_go_of_documents()
        self.reset()

    def on_pre_build(self, config) -> None:
        if self.enter():
            self.start(config)
        else:
            self.language_started(config)

    def start(self, config) -> None:
        """Work done once per `mkdocs build`, before any page (subclasses override)."""

    def language_started(self, config) -> None:
        """Another language's build begins, inside the outermost one: every page of the
        default language is built by now (subclasses override, e.g. to let go of what
        only those pages needed before the other language's pages are held too)."""

    # After mkdocs-static-i18n's on_post_build (-100), which runs the other languages' builds.
    @mkdocs.plugins.event_priority(-200)
    def on_post_build(self, config) -> None:
        try:
            if self.outermost:
                self.finish(config)
        finally:
            self.leave()

    def finish(self, config) -> None:
        """Work done once per `mkdocs build`, after every language (subclasses override)."""
