"""How alike two claims are (0..1), and the default rapidfuzz-based matcher."""

from __future__ import annotations

import math
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Protocol, runtime_checkable

from rapidfuzz import fuzz

from .features import ClaimFeatures, features_of
from .records import ClaimRecord
from .retrieval import TokenIndex
from .vocabulary import StoryVocabulary

__all__ = [
    "DEFAULT_MATCHER",
    "MATCH_THRESHOLD",
    "MAX_ALIGNED_QUOTE_WORDS",
    "Matcher",
    "RapidFuzzMatcher",
]

# Two claims of different outlets at or above this similarity are the same claim.
# Calibrated with the story's vocabulary on the sample story and the development corpora
# of other beats (docs/matching.md): mean pair F1 of the clusters 0.73 at 0.28, 0.70 at 0.30.
MATCH_THRESHOLD = 0.3
# Lining a fragment up with a longer quote costs difflib time quadratic in their words;
# a longer "quote" (a passage, not a quotation) is scored on the words alone.
MAX_ALIGNED_QUOTE_WORDS = 500


@runtime_checkable
class Matcher(Protocol):
    """One interface so the matching method can change (fuzzy today, embeddings later)."""

    def similarity(
        self, a: ClaimRecord, b: ClaimRecord, vocabulary: StoryVocabulary | None = None
    ) -> float:
        """How likely ``a`` and ``b`` state the same claim, 0..1; ``vocabulary`` weighs
        words by their rarity in the story."""
        ...

    def candidates(
        self, record: ClaimRecord, pool: Sequence[ClaimRecord], limit: int
    ) -> list[tuple[ClaimRecord, float]]:
        """The best few claims of ``pool`` to score against ``record`` (retrieval, cheap)."""
        ...


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Set cosine: shared words relative to both sizes."""
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def _coverage(part: frozenset[str], whole: frozenset[str]) -> float:
    """Share of ``part``'s words found in ``whole``."""
    return len(part & whole) / len(part) if part else 0.0


def _quote_score(fa: ClaimFeatures, fb: ClaimFeatures) -> float | None:
    """How alike the quoted words are; None unless at least one claim quotes someone.

    Compared on content words: "We are ... that AI will" is shared by many
    different quotes and says nothing about whether two quotes are one.
    """
    if fa.quote and fb.quote:
        whole = 0.5 * fuzz.token_sort_ratio(fa.quote_content_seq, fb.quote_content_seq) / 100
        whole += 0.5 * _overlap(fa.quote_content, fb.quote_content)
        short, long = sorted((fa, fb), key=lambda f: len(f.quote_words))
        if (
            4 <= len(short.quote_words) <= 0.7 * len(long.quote_words)
            and len(long.quote_words) <= MAX_ALIGNED_QUOTE_WORDS
        ):
            # A fragment of a longer quote ("better, faster, and in new ways") is the
            # same quote: its words appear in order in the longer one.
            blocks = SequenceMatcher(None, short.quote_words, long.quote_words, autojunk=False)
            in_order = sum(b.size for b in blocks.get_matching_blocks()) / len(short.quote_words)
            contained = min(in_order, _coverage(short.quote_content, long.quote_content))
            return max(whole, 0.95 * contained)
        return whole
    if fa.quote or fb.quote:
        quoted, other = (fa, fb) if fa.quote else (fb, fa)
        if len(quoted.quote_content) >= 3:
            # A quote on one side, a paraphrase of it on the other.
            return 0.9 * _coverage(quoted.quote_content, other.content)
    return None


class RapidFuzzMatcher:
    """Fuzzy matcher: token-set/sort ratios on normalised text, content-word overlap,
    quote alignment, and bonuses for shared figures and the same speaker."""

    def __init__(self, *, candidate_limit: int = 25) -> None:
        self.candidate_limit = candidate_limit
        self._index = TokenIndex()

    def similarity(
        self, a: ClaimRecord, b: ClaimRecord, vocabulary: StoryVocabulary | None = None
    ) -> float:
        """0..1: half the surface score (ratios, overlap, quote alignment, figure and speaker
        bonuses), half the overlap of the words that carry the fact, weighted by their rarity
        in the story; see docs/matching.md for the weights."""
        fa, fb = features_of(a), features_of(b)
        surface = max(0.0, min(1.0, self._surface(a, b, fa, fb)))
        if vocabulary is None:
            rare = _overlap(fa.content, fb.content)
        else:
            rare = vocabulary.cosine(fa.content, fb.content)
            if fa.quote_content and fb.quote_content:
                rare = max(rare, vocabulary.cosine(fa.quote_content, fb.quote_content))
        return max(0.0, min(1.0, round(0.5 * surface + 0.5 * rare, 4)))

    def _surface(self, a: ClaimRecord, b: ClaimRecord, fa: ClaimFeatures, fb: ClaimFeatures):
        text = (
            0.3 * fuzz.token_set_ratio(fa.text, fb.text) / 100
            + 0.2 * fuzz.token_sort_ratio(fa.text, fb.text) / 100
            + 0.5 * _overlap(fa.content, fb.content)
        )
        score = text
        quote = _quote_score(fa, fb)
        if quote is not None and fa.quote and fb.quote:
            # Two quotes: the quoted words decide; the framing ("CEO Ted Sarandos
            # said on the earnings call") is shared by every quote of the story.
            score = 0.3 * text + 0.7 * quote
        elif quote is not None:
            score = max(text, 0.5 * text + 0.5 * quote)
        if fa.figures and fb.figures:
            shared = len(fa.figures & fb.figures)
            if shared:
                score += 0.08 * min(shared, 2)
            elif fa.figure_units & fb.figure_units:
                # Same kind of figure, different value: likely the same statistic
                # misreported, which comparison must see, so no penalty.
                score += 0.04
            else:
                score -= 0.05
        if fa.speaker and fb.speaker:
            score += 0.04 if fa.speaker == fb.speaker else -0.12
        if a.kind == "quote" and b.kind == "quote":
            score += 0.02
        return score

    def candidates(
        self, record: ClaimRecord, pool: Sequence[ClaimRecord], limit: int
    ) -> list[tuple[ClaimRecord, float]]:
        """Up to ``limit`` claims from ``pool`` via the inverted index and rapidfuzz re-ranking;
        never ``record`` itself or a claim of its own source (they can never share a cluster).

        Pass the same pool object for a batch of records: which indexed claims are
        in it is worked out once per object.
        """
        return self._index.query(record, pool, limit)


DEFAULT_MATCHER: Matcher = RapidFuzzMatcher()
