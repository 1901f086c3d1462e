"""The reference checker: every internal reference of both languages, judged on the rendered pages."""

from handbook.references.checker import Checker  # noqa: F401
from handbook.references.collect import Collector, RenderedId, RenderedLink, Rendering  # noqa: F401
from handbook.references.entry import check_config_file, check_site  # noqa: F401
from handbook.references.pages import Origin, Site, fold  # noqa: F401
from handbook.references.settings import (  # noqa: F401
    CROSS_LANGUAGE_MARKER,
    DEFAULT_SEVERITY,
    LANGUAGE_NAMES,
    LEVELS,
    ReferenceCheckError,
    Settings,
    settings_from_config,
)
from handbook.references.snippets import Expansion, expand_snippets  # noqa: F401
from handbook.references.wording import language_name  # noqa: F401
