"""Cross-outlet claim matching and comparison for FactDesk (pure Python, no Django).

Five outlets cover one story; each extracted claim should reach the fact-checker
once, with every outlet's version side by side. This package decides which
claims are one claim (:func:`assign_clusters`), how the versions differ
(:func:`compare_cluster`) and whether quoted words appear in a primary document
(:func:`check_quote_against_primary`). See docs/matching.md.
"""

from .clustering import assign_clusters
from .compare import ClaimComparison, compare_cluster, overall_verdict
from .diff import WordDiff, word_diff
from .fact_sheet import FactSheet, fact_sheet
from .job_titles import RoleMention, roles_in
from .primary import PrimaryCheck, check_quote_against_primary
from .records import ClaimRecord
from .similarity import DEFAULT_MATCHER, MATCH_THRESHOLD, Matcher, RapidFuzzMatcher
from .vocabulary import StoryVocabulary

__all__ = [
    "DEFAULT_MATCHER",
    "MATCH_THRESHOLD",
    "ClaimComparison",
    "ClaimRecord",
    "FactSheet",
    "Matcher",
    "PrimaryCheck",
    "RapidFuzzMatcher",
    "RoleMention",
    "StoryVocabulary",
    "WordDiff",
    "assign_clusters",
    "check_quote_against_primary",
    "compare_cluster",
    "fact_sheet",
    "overall_verdict",
    "roles_in",
    "word_diff",
]
