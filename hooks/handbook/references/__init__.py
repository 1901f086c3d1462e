"""The reference checker: every internal reference of both languages, resolved in one pass."""

from handbook.references.checker import (  # noqa: F401
    Checker,
    language_name,
)
from handbook.references.entry import (  # noqa: F401
    check_config_file,
    check_site,
)
from handbook.references.pages import (  # noqa: F401
    Origin,
    Page,
    Site,
    blank_front_matter,
    fold,
    read_text,
)
from handbook.references.records import (  # noqa: F401
    LinkDefinition,
    MarkdownOptions,
    PageId,
    PageScan,
    Reference,
    ReferenceUse,
    Slugify,
    code_line_anchor,
    normalise_label,
)
from handbook.references.scan import (  # noqa: F401
    scan_page,
)
from handbook.references.settings import (  # noqa: F401
    CROSS_LANGUAGE_MARKER,
    DEFAULT_SEVERITY,
    LANGUAGE_NAMES,
    LEVELS,
    ReferenceCheckError,
    Settings,
    settings_from_config,
)
from handbook.references.snippets import (  # noqa: F401
    Expansion,
    expand_snippets,
)
