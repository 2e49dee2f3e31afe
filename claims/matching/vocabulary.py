"""How rare each word is within a story, so matching weighs what carries a fact.

Every copy of a story shares its framing: the outlet's name for the company, "said",
"according to", the topic's own words ("interest rates", "the attack"). Two claims that
share only those are not one fact. Weighting each word by its inverse document frequency
among the story's claims makes the rare words (a name, a figure, the event's own verb)
count and the common ones fade. Pure Python, no Django.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from .features import features_of
from .records import ClaimRecord

__all__ = ["StoryVocabulary"]


class StoryVocabulary:
    """Document frequencies of content words (and figure tokens) over a story's claims."""

    def __init__(self, records: Iterable[ClaimRecord]) -> None:
        self._frequency: Counter[str] = Counter()
        self._size = 0
        for record in records:
            self._size += 1
            self._frequency.update(features_of(record).content)

    def weight(self, token: str) -> float:
        """log((N + 1) / (df + 0.5)): a word in every claim weighs little, a rare one much."""
        return math.log((self._size + 1) / (self._frequency.get(token, 0) + 0.5))

    def cosine(self, a: frozenset[str], b: frozenset[str]) -> float:
        """Cosine of the two word sets with each word weighted by its rarity, 0..1."""
        if not a or not b:
            return 0.0
        shared = sum(self.weight(token) ** 2 for token in a & b)
        norm_a = math.sqrt(sum(self.weight(token) ** 2 for token in a))
        norm_b = math.sqrt(sum(self.weight(token) ** 2 for token in b))
        return shared / (norm_a * norm_b) if norm_a and norm_b else 0.0
