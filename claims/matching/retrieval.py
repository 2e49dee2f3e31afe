"""Candidate retrieval: find the few claims worth scoring without scoring them all.

An inverted index maps each content word and number token to the claims that
contain it. A query walks its rarest tokens first, so common words ("Netflix",
"AI") cost nothing once rarer ones have named the candidates. The index lives
in the matcher and persists across calls, so a story's claims are indexed once,
not on every new article; each call only works out which indexed claims are in
its pool.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from threading import Lock

from rapidfuzz import fuzz, process

from .features import features_of
from .records import ClaimRecord

__all__ = ["TokenIndex"]

# A token in more claims than this only re-scores claims rarer tokens already
# found; it never brings in new ones (which would mean walking a huge list).
COMMON_TOKEN_DF = 1_000
# How many index hits go on to the rapidfuzz re-ranking, per requested candidate.
SHORTLIST_FACTOR = 4
# Re-ranking drops shortlisted claims whose token-set ratio is below this (0..100).
RERANK_CUTOFF = 20.0
# Bound on memory in a long-running worker: start afresh past this many claims.
MAX_INDEXED = 2_000_000


class TokenIndex:
    """Inverted index over claim records; see the module docstring."""

    def __init__(self) -> None:
        self._lock = Lock()
        self._clear()

    def _clear(self) -> None:
        self._records: list[ClaimRecord] = []
        self._slot_by_id: dict[int, int] = {}
        self._postings: dict[str, set[int]] = {}
        self._view_pool: Sequence[ClaimRecord] | None = None
        self._view_len = -1
        self._view: set[int] = set()

    def _slot(self, record: ClaimRecord) -> int:
        slot = self._slot_by_id.get(record.id)
        if slot is not None:
            known = self._records[slot]
            if known is record or (
                known.text == record.text
                and known.source == record.source
                and known.quoted_text == record.quoted_text
            ):
                return slot
        # New claim, or a claim whose text changed (re-extracted): index it afresh;
        # the stale slot is never in a pool view again.
        slot = len(self._records)
        self._records.append(record)
        self._slot_by_id[record.id] = slot
        for token in features_of(record).content:
            self._postings.setdefault(token, set()).add(slot)
        return slot

    def _pool_view(self, pool: Sequence[ClaimRecord]) -> set[int]:
        # One assign_clusters call asks about many records against the same pool
        # object; the slots in it are worked out once for that object.
        if pool is self._view_pool and len(pool) == self._view_len:
            return self._view
        if len(self._records) + len(pool) > MAX_INDEXED:
            self._clear()
        slot_by_id, records = self._slot_by_id, self._records
        # Fast path: claims indexed before, as these very objects (the common case
        # within a worker); anything else goes through _slot (new or changed text).
        view = set()
        for record in pool:
            slot = slot_by_id.get(record.id)
            if slot is None or records[slot] is not record:
                slot = self._slot(record)
            view.add(slot)
        self._view = view
        self._view_pool, self._view_len = pool, len(pool)
        return view

    def query(
        self, record: ClaimRecord, pool: Sequence[ClaimRecord], limit: int
    ) -> list[tuple[ClaimRecord, float]]:
        """Up to ``limit`` claims of ``pool`` most likely to match ``record``, best first, with a
        0..1 retrieval score. Never ``record`` itself nor a claim of its own source."""
        with self._lock:
            view = self._pool_view(pool)
            own = self._slot(record)
            postings = self._postings
            tokens = sorted(features_of(record).content, key=lambda t: len(postings.get(t, ())))
            total = len(self._records)
            hits: dict[int, float] = {}
            weight_sum = 0.0
            for position, token in enumerate(tokens):
                slots = postings.get(token)
                if not slots:
                    continue
                weight = math.log(1.0 + total / len(slots))
                weight_sum += weight
                if len(slots) <= COMMON_TOKEN_DF or position == 0:
                    for slot in slots:
                        if slot in view:
                            hits[slot] = hits.get(slot, 0.0) + weight
                else:
                    for slot in hits:
                        if slot in slots:
                            hits[slot] += weight
            records = self._records
            hits.pop(own, None)
            # Ties go to the lower claim id, never to the order this process indexed claims
            # in: a worker that has seen other stories must place claims as a fresh one does.
            shortlist = heapq.nlargest(
                limit * SHORTLIST_FACTOR,
                (
                    (score, -records[slot].id, slot)
                    for slot, score in hits.items()
                    if records[slot].source != record.source and records[slot].id != record.id
                ),
            )
        if not shortlist or weight_sum == 0.0:
            return []
        overlap = {slot: score / weight_sum for score, _, slot in shortlist}
        choices = {slot: features_of(records[slot]).text for slot in overlap}
        ranked = process.extract(
            features_of(record).text,
            choices,
            scorer=fuzz.token_set_ratio,
            limit=None,
            score_cutoff=RERANK_CUTOFF,
        )
        # Word overlap finds paraphrases the ratio misses; the ratio orders near-copies.
        scored = sorted(
            (
                (0.5 * overlap[slot] + 0.5 * ratio / 100.0, -records[slot].id, slot)
                for _, ratio, slot in ranked
            ),
            reverse=True,
        )
        return [(records[slot], round(score, 4)) for score, _, slot in scored[:limit]]
