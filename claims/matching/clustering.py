"""Incremental clustering: put each new claim with the claims of other outlets that state it.

Claims are placed article by article, in ascending source id, each against the
clusters formed so far. A batch is therefore exactly the same as adding its
articles one at a time, so clustering a story from scratch and adding its last
article to the clusters of the others give the same clusters.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import chain

from .records import ClaimRecord
from .similarity import DEFAULT_MATCHER, MATCH_THRESHOLD, Matcher
from .vocabulary import StoryVocabulary

__all__ = ["CANDIDATE_LIMIT", "assign_clusters"]

# Claims retrieved per new claim for real scoring. Only one member of the right
# cluster has to be among them, so this need not exceed the outlets in a story.
CANDIDATE_LIMIT = 25


@dataclass
class _Cluster:
    key: str  # the clustered key as str, or "new:N"
    sources: set[int]


def assign_clusters(
    new: Sequence[ClaimRecord],
    clustered: Mapping[int, Sequence[ClaimRecord]],
    matcher: Matcher = DEFAULT_MATCHER,
    vocabulary: StoryVocabulary | None = None,
) -> dict[int, str]:
    """Map each new claim id to an existing cluster key (``str`` of a ``clustered`` key) or to
    a new-group key ``"new:N"`` shared by new claims that belong together.

    New claims are placed one source (article) at a time, in ascending source id.
    For each, ``matcher.candidates`` retrieves a few claims already placed and only
    those are scored, so cost grows with ``len(new)`` times the candidates, not
    with the size of ``clustered``. A claim joins the cluster of its best-scoring
    candidate if the score reaches :data:`MATCH_THRESHOLD`. One source never
    appears twice in a cluster: when two claims of one article want the same
    cluster the better match wins and the other takes its next-best cluster (or
    starts a new one). Existing clusters are never merged or split. ``vocabulary`` (the
    story's, built by the caller from the claims it already holds) weighs words by their
    rarity in the story; without it every word weighs the same.
    """
    new_ids = {record.id for record in new}
    # One flat pass over ``clustered`` (C-level comprehensions: this is the only work
    # proportional to its size); everything else is per new claim.
    key_of: dict[int, object] = {m.id: key for key, ms in clustered.items() for m in ms}
    placed = list(chain.from_iterable(clustered.values()))
    if new_ids & key_of.keys():  # re-assigned claims count as new, not as placed
        placed = [m for m in placed if m.id not in new_ids]
        for claim_id in new_ids:
            key_of.pop(claim_id, None)
    original_key: dict[str, object] = {}  # str key -> key of ``clustered``, as met
    cluster_of: dict[int, str] = {}  # new claim id -> cluster key (placed ones: str(key_of))
    # Sources per cluster, worked out only for clusters a candidate points at.
    clusters: dict[str, _Cluster] = {}

    def cluster(key: str) -> _Cluster:
        found = clusters.get(key)
        if found is None:
            members = clustered[original_key[key]] if key in original_key else ()
            sources = {m.source for m in members if m.id not in new_ids}
            found = clusters[key] = _Cluster(key, sources)
        return found

    by_source: dict[int, list[ClaimRecord]] = {}
    for record in new:
        by_source.setdefault(record.source, []).append(record)

    result: dict[int, str] = {}
    new_groups = 0
    for source in sorted(by_source):
        records = by_source[source]
        pool = tuple(placed)  # one object per step: the matcher reuses its view of it
        best: dict[tuple[int, str], float] = {}
        for record in records:
            for candidate, _ in matcher.candidates(record, pool, CANDIDATE_LIMIT):
                if candidate.source == source:
                    continue
                key = cluster_of.get(candidate.id) or _existing_key(
                    key_of[candidate.id], original_key
                )
                if source in cluster(key).sources:
                    continue  # that cluster already has this article
                score = matcher.similarity(record, candidate, vocabulary)
                if score >= MATCH_THRESHOLD and score > best.get((record.id, key), 0.0):
                    best[(record.id, key)] = score
        # Best pairs first; ties broken by ids so input order does not matter.
        ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))
        for (claim_id, key), _score in ranked:
            if claim_id in result or source in cluster(key).sources:
                continue
            result[claim_id] = key
            cluster(key).sources.add(source)
        for record in records:
            if record.id not in result:
                new_groups += 1
                key = f"new:{new_groups}"
                clusters[key] = _Cluster(key, {source})
                result[record.id] = key
            cluster_of[record.id] = result[record.id]
        placed.extend(records)
    return result


def _existing_key(key: object, original_key: dict[str, object]) -> str:
    text = str(key)
    original_key.setdefault(text, key)
    return text
