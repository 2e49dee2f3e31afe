"""Matching on random and adversarial claims: no crash, no hang, well-formed output.

Pure (no Django): clustering, similarity, comparison, diffs and primary-source checks
are called directly, on records shaped like the ones ``claims.services.clusters`` builds.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from claims.extraction.figures import find_figures
from claims.matching import (
    DEFAULT_MATCHER,
    ClaimRecord,
    assign_clusters,
    check_quote_against_primary,
    compare_cluster,
    overall_verdict,
    roles_in,
    word_diff,
)
from claims.matching.clustering import CANDIDATE_LIMIT
from claims.matching.diff import best_window, display_words
from claims.matching.findings import KINDS as FINDING_KINDS
from claims.matching.normalise import content_words, normalise, number_mentions, word_key
from tests.fuzz.strategies import (
    CORPUS_SENTENCES,
    NAMED_INPUTS,
    article_texts,
    fragments,
    no_hang,
)

VERDICTS = {None, "supported", "varied", "erroneous"}
KINDS = ["quote", "statistic", "attribution", "event", "other"]

# Claims that should often match across outlets: real sentences, lightly vandalised.
claim_texts = st.one_of(
    st.tuples(st.sampled_from(CORPUS_SENTENCES), fragments, st.integers(0, 400)).map(
        lambda parts: parts[0][: parts[2]] + parts[1] + parts[0][parts[2] :]
    ),
    article_texts(max_fragments=12),
)
figure_dicts = st.builds(
    lambda value, unit, measure: {"text": "x", "value": value, "unit": unit, "measure": measure},
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["USD", "EUR", "percent", "percentage points", "count", "number", "year"]),
    st.sampled_from(["", "revenue", "revenue growth", "subscribers"]),
)


@st.composite
def claim_records(draw, most: int = 12) -> list[ClaimRecord]:
    """Records of a few articles (sources), with quotes, speakers and figures as stored."""
    records = []
    for index in range(draw(st.integers(0, most))):
        text = draw(claim_texts)
        quoted = draw(st.one_of(st.just(""), st.just(text), claim_texts))
        figures = draw(
            st.one_of(
                st.just(tuple(f.as_dict() for f in find_figures(text))),
                st.lists(figure_dicts, max_size=3).map(tuple),
            )
        )
        records.append(
            ClaimRecord(
                id=draw(st.integers(1, 10**9)) * 100 + index,  # unique, and unlike earlier runs
                source=draw(st.integers(1, 4)),
                outlet=draw(st.sampled_from(["", "Wire", "Tech news", "\u202eRTL outlet"])),
                text=text,
                kind=draw(st.sampled_from(KINDS)),
                speaker=draw(st.sampled_from(["", "Ted Sarandos", "Sarandos", "Netflix", "he"])),
                quoted_text=quoted,
                figures=figures,
                is_primary=draw(st.booleans()),
            )
        )
    return records


def assert_clusters_well_formed(new, clustered, assignments) -> None:
    assert set(assignments) == {record.id for record in new}
    members = defaultdict(list)
    for key, records in clustered.items():
        members[str(key)].extend(r for r in records if r.id not in assignments)
    for record in new:
        key = assignments[record.id]
        assert key.startswith("new:") or key in {str(k) for k in clustered}
        members[key].append(record)
    for cluster in members.values():
        sources = [record.source for record in cluster]
        assert len(sources) == len(set(sources)), "one article twice in a cluster"


def assert_comparison_well_formed(members) -> None:
    comparisons = compare_cluster(members)
    assert [c.claim_id for c in comparisons] == [m.id for m in members]
    single_source = len({m.source for m in members}) < 2
    for member, comparison in zip(members, comparisons, strict=True):
        assert comparison.suggested_verdict in VERDICTS
        # One outlet never gets a suggestion; several may not either, when the evidence is
        # thin, but the basis always says why.
        if single_source:
            assert comparison.suggested_verdict is None
        assert comparison.basis and comparison.reasons[0] == comparison.basis
        for finding in comparison.findings:
            assert finding.kind in FINDING_KINDS and finding.detail
            assert finding.outlets_others and finding.outlets_here
        ops = comparison.diff.ops
        assert {op for op, _ in ops} <= {"equal", "insert", "delete"}
        # Equal and inserted words are the member's own version, in order.
        own = [word for op, word in ops if op != "delete"]
        assert own in (display_words(member.text), display_words(member.quoted_text))
    assert overall_verdict(comparisons) in VERDICTS


@settings(max_examples=200, deadline=None)
@given(records=claim_records())
@example(records=[])
@example(
    records=[
        ClaimRecord(1, 1, "A", NAMED_INPUTS["10,000 curly quotes, unbalanced"], "quote"),
        ClaimRecord(2, 2, "B", NAMED_INPUTS["10,000 straight quotes"], "quote", quoted_text='"'),
        ClaimRecord(3, 3, "C", NAMED_INPUTS["case-fold traps"], "statistic"),
        ClaimRecord(4, 4, "D", NAMED_INPUTS["nul bytes"], "other", speaker="\x00"),
    ]
)
def test_every_claim_lands_in_one_cluster_without_two_claims_of_one_article(records):
    with no_hang():
        assignments = assign_clusters(records, {})
    assert_clusters_well_formed(records, {}, assignments)
    clusters = defaultdict(list)
    for record in records:
        clusters[assignments[record.id]].append(record)
    for members in clusters.values():
        with no_hang():
            assert_comparison_well_formed(sorted(members, key=lambda m: m.id))


@settings(max_examples=100, deadline=None)
@given(records=claim_records(), data=st.data())
def test_new_claims_join_existing_clusters_without_breaking_them(records, data):
    # The incremental path: some claims are already clustered, the rest come in new.
    clustered_part = data.draw(st.lists(st.sampled_from(records), unique=True)) if records else []
    new = [record for record in records if record not in clustered_part]
    with no_hang():
        first = assign_clusters(clustered_part, {})
    # Stored clusters are keyed by their database id.
    cluster_ids = {key: number for number, key in enumerate(sorted(set(first.values())), 1)}
    clustered = defaultdict(list)
    for record in clustered_part:
        clustered[cluster_ids[first[record.id]]].append(record)
    with no_hang():
        assignments = assign_clusters(new, dict(clustered))
    assert_clusters_well_formed(new, clustered, assignments)


def _partition(assignments: dict[int, str]) -> set[frozenset[int]]:
    groups = defaultdict(set)
    for claim_id, key in assignments.items():
        groups[key].add(claim_id)
    return {frozenset(group) for group in groups.values()}


@settings(max_examples=100, deadline=None)
@given(records=claim_records())
def test_adding_the_last_article_gives_the_clusters_of_matching_the_story_from_scratch(records):
    last = max((record.source for record in records), default=0)
    earlier = [record for record in records if record.source != last]
    with no_hang():
        from_scratch = assign_clusters(records, {})
        first = assign_clusters(earlier, {})
    cluster_ids = {key: number for number, key in enumerate(sorted(set(first.values())), 1)}
    clustered = defaultdict(list)
    for record in earlier:
        clustered[cluster_ids[first[record.id]]].append(record)
    with no_hang():
        added = assign_clusters([r for r in records if r.source == last], dict(clustered))
    kept = {record.id: str(cluster_ids[first[record.id]]) for record in earlier}
    assert _partition(from_scratch) == _partition(kept | added)


@settings(max_examples=150, deadline=None)
@given(records=claim_records(most=6))
def test_similarity_stays_within_zero_and_one_and_candidates_respect_their_limits(records):
    for a in records:
        for b in records:
            with no_hang():
                score = DEFAULT_MATCHER.similarity(a, b)
            assert 0.0 <= score <= 1.0 and not math.isnan(score)
        with no_hang():
            candidates = DEFAULT_MATCHER.candidates(a, records, CANDIDATE_LIMIT)
        assert len(candidates) <= CANDIDATE_LIMIT
        for candidate, score in candidates:
            assert candidate.source != a.source and candidate.id != a.id
            assert 0.0 <= score <= 1.0


@settings(max_examples=200, deadline=None)
@given(reference=article_texts(max_fragments=15), other=article_texts(max_fragments=15))
@example(reference=NAMED_INPUTS["10,000 straight quotes"], other="")
@example(reference=NAMED_INPUTS["mixed scripts"], other=NAMED_INPUTS["right-to-left override"])
@example(reference="We are all in " * 800, other="We are all in, " * 700 + "on AI " * 100)
def test_a_word_diff_rebuilds_both_versions(reference, other):
    with no_hang():
        diff = word_diff(reference, other)
        window = best_window(reference, other)
    assert [w for op, w in diff.ops if op != "delete"] == display_words(other)
    assert [word_key(w) for op, w in diff.ops if op != "insert"] == [
        word_key(w) for w in display_words(reference)
    ]
    assert diff.changed == any(op != "equal" for op, _ in diff.ops)
    # The window is the whole reference or a run of its words.
    assert window == reference or window in " ".join(display_words(reference))


@settings(max_examples=200, deadline=None)
@given(quote=article_texts(max_fragments=10), documents=st.lists(article_texts(), max_size=3))
@example(quote="\x00", documents=[NAMED_INPUTS["nul bytes"]])
@example(quote='"' * 10_000, documents=['"' * 10_000])
def test_a_quote_checked_against_primary_documents_gets_a_well_formed_answer(quote, documents):
    docs = dict(enumerate(documents, start=1))
    with no_hang():
        check = check_quote_against_primary(quote, docs)
    assert check.status in {"verbatim", "changed", "not_found"}
    assert (check.source is None) == (check.status == "not_found")
    assert (check.diff is not None) == (check.status == "changed")
    if check.diff is not None:
        assert [w for op, w in check.diff.ops if op != "delete"] == display_words(quote)


@settings(max_examples=300, deadline=None)
@given(text=article_texts())
@example(text=NAMED_INPUTS["case-fold traps"])
@example(text="u\u017f$5 and 5 dollar\u017f and US$5 and 5 DOLLARS")
@example(text=NAMED_INPUTS["400-digit number"])
def test_normalising_text_never_fails_on_odd_characters(text):
    with no_hang():
        normalised = normalise(text)
        mentions = number_mentions(text)
        content = content_words(text)
        roles = roles_in(text, "Ted Sarandos")
    assert normalised == " ".join(normalised.split())
    assert all(m.unit for m in mentions) and all(content)
    assert all(r.person and r.role and r.canonical for r in roles)


def _long_claims(words: int) -> list[ClaimRecord]:
    # Long, repetitive, few distinct words: the worst case for difflib's windows.
    draw = random.Random(words)
    junk = " ".join(draw.choice(["aa", "bb", "cc"]) for _ in range(words))
    fragment = " ".join(junk.split()[: words * 2 // 3])
    return [
        ClaimRecord(1, 1, "A", junk, "quote", "Ted Sarandos", quoted_text=junk),
        ClaimRecord(2, 2, "B", fragment, "quote", "Ted Sarandos", quoted_text=fragment),
        ClaimRecord(3, 3, "C", junk[::-1], "quote", "Sarandos", quoted_text=junk[::-1]),
    ]


@pytest.mark.parametrize("words", [2_000, 20_000])
def test_huge_claims_are_clustered_compared_and_checked_without_hanging(words):
    records = _long_claims(words)
    with no_hang():
        assignments = assign_clusters(records, {})
        assert_comparison_well_formed(records)
        check = check_quote_against_primary(records[1].quoted_text, {9: records[0].text * 3})
    assert_clusters_well_formed(records, {}, assignments)
    assert check.status == "verbatim"
