"""Finnish morphology: base forms and compound parts of words, for search and term checks (README, "Finnish morphology")."""

from handbook.finnish.analysis import UNKNOWN, WordForms, words
from handbook.finnish.morphology import Morphology

__all__ = ["UNKNOWN", "Morphology", "WordForms", "words"]
