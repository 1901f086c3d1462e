"""The translation track: how each English page stands against its Finnish source.

It reads docs/<lang>/ through the document model and knows nothing of mkdocs-static-i18n,
so it survives a change of generator. Modules: `rendering` and `blocks` (what a reader
sees of a page, per section), `markdown_config` (the site's Markdown, read through
MkDocs), `pins` (what a translation records), `values` and `drift` (structure), `history`
(git), `track` (statuses), `policy` (findings and CI policy), `migration` (re-pinning
after a change of the pin format), `legacy` (the former format), `reader_pages` (what
readers see)."""

from handbook.core import Finding  # noqa: F401
from handbook.document.source import Document, TranslationInputError, decode, parse_document, read_document  # noqa: F401
from handbook.translation.drift import MAJOR, MINOR, Drift, Structure, all_differences, compare_structure, structure  # noqa: F401
from handbook.translation.history import Revision, SourceChange, SourceHistory, source_change  # noqa: F401
from handbook.translation.pins import (  # noqa: F401
    ACCEPTED_KEY,
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
    rendered,
    scaffold,
    source_page,
    write_atomically,
)
from handbook.translation.policy import ack_command, changes, page_findings, policy_violations, track_findings  # noqa: F401
from handbook.translation.rendering import (  # noqa: F401
    MarkdownSettings,
    RenderedPage,
    RenderedSection,
    Renderer,
    built_url,
    resolve_target,
)
from handbook.translation.sections import ATTR_LIST_RE, FENCE_RE, HEADING_ID_RE, HEADING_RE, Section, parse_heading, split_sections  # noqa: F401
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
    changed_sections,
    located,
    markdown_pages,
    section_changes,
    translation_languages,
)
