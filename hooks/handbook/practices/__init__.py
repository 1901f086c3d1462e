"""Practice profiles as data: vocabularies, the schema of a practice file, validation; `render` shows them."""

from handbook.practices.load import (  # noqa: F401
    Practice,
    front_matter_line,
    load_practices,
    nearest_name,
    validate_practice,
)
from handbook.practices.schema import (  # noqa: F401
    ADDRESS,
    PRACTICE,
    REQUIRED_FIELDS,
    Check,
    Day,
    Field,
    ListOf,
    PartialDate,
    Plain,
    Record,
    Shape,
    Text,
    VocabularyTerm,
    WebAddress,
    Whole,
    Year,
)
from handbook.practices.vocabularies import (  # noqa: F401
    INVALID,
    LANGUAGE_NAMES,
    LANGUAGES,
    PRACTICES_DIR,
    VOCABULARY_EXTRAS,
    VOCABULARY_FILE,
    VOCABULARY_KINDS,
    Term,
    Vocabularies,
    VocabularyError,
    load_vocabularies,
)
