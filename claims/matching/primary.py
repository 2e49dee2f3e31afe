"""Check quoted words against primary documents (shareholder letter, call transcript)."""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher

from rapidfuzz import fuzz

from .diff import WordDiff, display_words, word_diff
from .normalise import fold, word_key

__all__ = [
    "CHANGED_THRESHOLD",
    "MAX_FUZZY_QUOTE_WORDS",
    "PrimaryCheck",
    "check_quote_against_primary",
]

# The best window of a document must share at least this share of words with the
# quote (of whichever is longer) to count as the same quote, changed.
CHANGED_THRESHOLD = 0.6
# The fuzzy search runs difflib over dozens of windows as long as the quote, so a longer
# "quote" (a passage, not a quotation) is only looked up verbatim.
MAX_FUZZY_QUOTE_WORDS = 200


@dataclass(frozen=True)
class PrimaryCheck:
    """Outcome of looking a quote up: ``status`` is "verbatim", "changed" or "not_found"."""

    status: str
    source: int | None  # id of the primary document where found
    diff: WordDiff | None  # changed: primary wording (reference) vs the quote as published


def _loose(text: str) -> str:
    # Verbatim means: same characters modulo case, whitespace and quote style.
    return " ".join(fold(text).lower().split())


def check_quote_against_primary(quoted_text: str, documents: Mapping[int, str]) -> PrimaryCheck:
    """Find ``quoted_text`` in the primary ``documents`` (full texts keyed by id).

    "verbatim" when it appears as is (ignoring whitespace, curly/straight quotes,
    case and the quote's own leading/trailing punctuation); "changed" when the
    best fuzzy window of some document shares at least :data:`CHANGED_THRESHOLD`
    of its words, with the word diff (quotes of up to :data:`MAX_FUZZY_QUOTE_WORDS`
    words); else "not_found".
    """
    quote = _loose(quoted_text).strip(" \"'.,;:!?-")
    if not quote:
        return PrimaryCheck("not_found", None, None)
    for doc_id, text in documents.items():
        if quote in _loose(text):
            return PrimaryCheck("verbatim", doc_id, None)

    quote_keys = [word_key(w) for w in display_words(quoted_text)]
    if len(quote_keys) > MAX_FUZZY_QUOTE_WORDS:
        return PrimaryCheck("not_found", None, None)
    best: tuple[float, int, str] | None = None
    for doc_id, text in documents.items():
        found = _best_window(quote_keys, display_words(text))
        if found and (best is None or found[0] > best[0]):
            best = (found[0], doc_id, found[1])
    if best is None or best[0] < CHANGED_THRESHOLD:
        return PrimaryCheck("not_found", None, None)
    return PrimaryCheck("changed", best[1], word_diff(best[2], quoted_text))


def _best_window(quote_keys: list[str], doc_words: list[str]) -> tuple[float, str] | None:
    """The run of document words most like the quote: (ratio, original text)."""
    if not quote_keys or not doc_words:
        return None
    doc_keys = [word_key(w) for w in doc_words]
    joined = " ".join(doc_keys)
    # rapidfuzz finds roughly where the quote sits (fast, on characters); difflib
    # then picks the exact word window around it.
    alignment = fuzz.partial_ratio_alignment(" ".join(quote_keys), joined)
    if alignment is None:
        return None
    starts, offset = [], 0
    for key in doc_keys:
        starts.append(offset)
        offset += len(key) + 1
    first = max(0, bisect.bisect_right(starts, alignment.dest_start) - 1)
    size = len(quote_keys)
    best_key, best_span = (-1.0, 0, 0), (first, first + size)
    for start in range(max(0, first - 3), min(len(doc_keys), first + 4)):
        for length in range(max(1, size - 4), size + 5):
            window = doc_keys[start : start + length]
            blocks = SequenceMatcher(None, quote_keys, window, autojunk=False)
            shared = sum(block.size for block in blocks.get_matching_blocks())
            # Share of the longer side's words, then the length closest to the quote's
            # (a window is not better for leaving out the words the quote changed),
            # then windows that start and end where the quote does.
            edges = (window[0] == quote_keys[0]) + (window[-1] == quote_keys[-1])
            key = (shared / max(size, len(window)), -abs(len(window) - size), edges)
            if key > best_key:
                best_key, best_span = key, (start, start + length)
    best_ratio = best_key[0]
    return best_ratio, " ".join(doc_words[best_span[0] : best_span[1]])
