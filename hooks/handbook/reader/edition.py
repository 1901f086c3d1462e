"""Which edition a build is: its name for readers and the folder it is published in.

mike sets MIKE_DOCS_VERSION while it builds an edition into `/<version>/`; a build can
also be named by HANDBOOK_EDITION or mkdocs.yml `extra.edition`. A build with none of
them is the working version at the site root.
"""

from __future__ import annotations

from collections.abc import Mapping

EDITION_VARIABLE = "HANDBOOK_EDITION"
MIKE_VERSION_VARIABLE = "MIKE_DOCS_VERSION"


def edition_name(extra: Mapping, environ: Mapping[str, str]) -> str | None:
    """HANDBOOK_EDITION, else `extra.edition`, else the version mike is deploying."""
    name = environ.get(EDITION_VARIABLE) or extra.get("edition") or environ.get(MIKE_VERSION_VARIABLE)
    return str(name) if name else None


def edition_folder(extra: Mapping, environ: Mapping[str, str]) -> str | None:
    """The folder of the published site the edition lives in: mike's version when mike
    builds (the edition's name may differ from it), else the edition's name."""
    return environ.get(MIKE_VERSION_VARIABLE) or edition_name(extra, environ)
