"""The privacy guard during a build: a finding for anything a page would fetch from another host.

Readers of this handbook may be at risk: every font, script, stylesheet and image must
come from the site itself. Plain outbound <a href> links are allowed (the reader chooses
to follow them); anything the browser fetches on its own is not.
"""

from __future__ import annotations

from pathlib import Path

import mkdocs.plugins

from handbook.core import BuildHook, handbook_logger, relative_to_root
from handbook.reader.privacy import third_party_fetches

log = handbook_logger("privacy")


class PrivacyGuardHook(BuildHook):
    # After every pass that changes a page (the print page's chapters go in at -50): the
    # page as it is written is what the browser fetches from. mkdocs-static-i18n's pass
    # (-100) changes nothing.
    @mkdocs.plugins.event_priority(-90)
    def on_post_page(self, output: str, page, config) -> str:
        for url, line in third_party_fetches(output):
            root = Path(config.config_file_path).parent
            source = relative_to_root(Path(page.file.abs_src_path), root) if page.file.abs_src_path else page.file.src_uri
            log.warning(
                f"{source}: page {page.file.dest_uri} would fetch '{url}' from another host "
                f"(rendered line {line}); serve it from the site itself"
            )
        return output
