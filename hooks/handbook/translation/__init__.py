"""The translation track: how each English page stands against its Finnish source.

It reads docs/<lang>/ through the document model and knows nothing of mkdocs-static-i18n,
so it survives a change of generator. Modules: `pins` (what a translation records),
`sections` (normalised text and hashes), `drift` (structure), `history` (git), `track`
(statuses), `policy` (findings and CI policy), `reader_pages` (what readers see)."""

from handbook.document.source import Document, TranslationInputError, decode, parse_document, read_document  # noqa: F401
from handbook.translation.drift import (  # noqa: F401
    ADMONITION_RE,
    IMAGE_RE,
    INLINE_CODE_RE,
    LINK_RE,
    NOISE_RE,
    NUMBER_RE,
    TABLE_RULE_RE,
    Drift,
    Structure,
    compare_structure,
    structure,
)
from handbook.translation.history import (  # noqa: F401
    Revision,
    SourceChange,
    SourceHistory,
    source_change,
)
from handbook.translation.pins import (  # noqa: F401
    DEFAULT_FAIL_ON,
    DEFAULT_MAX_OUTDATED_DAYS,
    DEFAULT_WARN,
    DRAFT_KEY,
    DRAFT_VALUE,
    HASH_KEY,
    HASH_PREFIX,
    HASH_RE,
    PIN_KEYS,
    SECTION_HASH_LENGTH,
    SECTIONS_KEY,
    STATUSES,
    TOP_SECTION,
    UNTRANSLATED,
    Pin,
    _yaml_key,
    apply_pin,
    is_draft,
    pin_lines,
    read_pin,
    scaffold,
    write_atomically,
)
from handbook.translation.policy import (  # noqa: F401
    ack_command,
    page_findings,
    policy_violations,
    track_findings,
)
from handbook.translation.sections import (  # noqa: F401
    ATTR_LIST_RE,
    FENCE_RE,
    HEADING_ID_RE,
    HEADING_RE,
    Section,
    content_hash,
    document_hash,
    normalise,
    parse_heading,
    section_hashes,
    split_sections,
)
from handbook.translation.settings import (  # noqa: F401
    Settings,
    SettingsError,
    TranslationTrackConfig,
    load_project,
    read_settings,
)
from handbook.translation.track import (  # noqa: F401
    LanguageTrack,
    PageStatus,
    Track,
    build_track,
    markdown_pages,
    translation_languages,
)
