"""Finnish morphology: base forms and compound parts of words, for search and term checks (README, "Finnish morphology")."""

from handbook.finnish.analysis import UNKNOWN, WordForms, words
from handbook.finnish.morphology import Morphology, forget_project_morphologies, project_morphology

__all__ = ["UNKNOWN", "Morphology", "WordForms", "forget_project_morphologies", "project_morphology", "words"]
