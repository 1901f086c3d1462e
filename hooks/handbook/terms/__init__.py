"""The glossary's terms in the pages: forbidden wordings and term consistency between the languages, in any inflection."""

from handbook.terms.check import DEFAULT_SEVERITY, TermSite, check_terms
from handbook.terms.matching import TermUse, Text, Wording, WordKeys

__all__ = ["DEFAULT_SEVERITY", "TermSite", "TermUse", "Text", "WordKeys", "Wording", "check_terms"]
