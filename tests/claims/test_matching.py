"""Behaviour of claims.matching on the five-outlet sample story and on small hand-made
records (pure: no Django, no DB)."""

from __future__ import annotations

import json
import random
import string
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import pytest

from articles.reading import read_article_file
from claims.extraction import extract_candidates
from claims.matching import (
    DEFAULT_MATCHER,
    MATCH_THRESHOLD,
    ClaimComparison,
    ClaimRecord,
    Matcher,
    PrimaryCheck,
    RapidFuzzMatcher,
    StoryVocabulary,
    assign_clusters,
    check_quote_against_primary,
    compare_cluster,
    overall_verdict,
    roles_in,
    word_diff,
)
from claims.matching.clustering import CANDIDATE_LIMIT
from claims.matching.normalise import normalise

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS = REPO_ROOT / "articles" / "sample_corpus"


# --- building records ---------------------------------------------------------------


@cache
def sample_records() -> tuple[ClaimRecord, ...]:
    """Every extracted claim of the five sample articles; source = article index."""
    outlets = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))["articles"]
    records = []
    for source, path in enumerate(sorted(CORPUS.glob("*.txt"))):
        article = read_article_file(path)
        for claim in extract_candidates(article.body, article.headline):
            records.append(
                ClaimRecord(
                    id=len(records) + 1,
                    source=source,
                    outlet=outlets[path.name],
                    text=claim.text,
                    kind=claim.kind,
                    speaker=claim.speaker,
                    quoted_text=claim.quoted_text,
                    figures=tuple(figure.as_dict() for figure in claim.figures),
                )
            )
    return tuple(records)


def clusters_of(assignment: dict[int, str], records: Sequence[ClaimRecord]):
    groups: dict[str, list[ClaimRecord]] = {}
    for record in records:
        groups.setdefault(assignment[record.id], []).append(record)
    return groups


@cache
def sample_clusters() -> dict[str, list[ClaimRecord]]:
    records = sample_records()
    return clusters_of(assign_clusters(records, {}, RapidFuzzMatcher()), records)


def claim(source: int, fragment: str) -> ClaimRecord:
    matches = [r for r in sample_records() if r.source == source and fragment in r.text]
    assert matches, f"no claim of source {source} contains {fragment!r}"
    return matches[0]


def cluster_with(record: ClaimRecord) -> list[ClaimRecord]:
    return next(ms for ms in sample_clusters().values() if any(m.id == record.id for m in ms))


def comparison_of(record: ClaimRecord) -> ClaimComparison:
    members = cluster_with(record)
    return compare_cluster(members)[[m.id for m in members].index(record.id)]


def statement(claim_id: int, source: int, text: str, **fields) -> ClaimRecord:
    """A record from one sentence, with figures, kind and quote as extraction gives them."""
    (found,) = extract_candidates(text)
    return ClaimRecord(
        id=claim_id,
        source=source,
        outlet=f"Outlet {source}",
        text=found.text,
        kind=found.kind,
        speaker=found.speaker,
        quoted_text=found.quoted_text,
        figures=tuple(figure.as_dict() for figure in found.figures),
        **fields,
    )


def partition(assignment: dict[int, str]) -> set[frozenset[int]]:
    groups: dict[str, set[int]] = {}
    for claim_id, key in assignment.items():
        groups.setdefault(key, set()).add(claim_id)
    return {frozenset(ids) for ids in groups.values()}


# --- the sample story ---------------------------------------------------------------


def test_the_quarterly_revenue_figure_is_one_supported_cluster_of_the_four_outlets_reporting_it():
    revenue = [r for r in sample_records() if "$11.5 billion" in r.text]
    assert {r.source for r in revenue} == {0, 2, 3, 4}
    members = cluster_with(revenue[0])
    assert {m.id for m in members} == {r.id for r in revenue}

    comparisons = compare_cluster(members)
    assert [c.suggested_verdict for c in comparisons] == ["supported"] * 4
    assert overall_verdict(comparisons) == "supported"
    for comparison in comparisons:
        assert comparison.findings == ()
        basis = comparison.basis
        assert basis.startswith("4 independent copies agree on"), basis
        assert "$11.5 billion" in basis and "17%" in basis


DRIFTING_QUOTES = {
    "great artist": [
        (0, "create something exceptional", {"create", "exceptional"}),
        (3, "make something great", set()),
        (4, "make something great", set()),
        (2, "Creating great works requires great artists", {"works", "requires"}),
    ],
    "not worried": [
        (0, "We\u2019re not worried about AI replacing creativity", set()),
        (2, "We are not worried that AI will replace creativity", {"will", "replace"}),
    ],
    "better, faster": [
        (3, "going to help us and help our creative partners", set()),
        (4, "AI will help us and our creative partners", set()),
        (1, "AI is going to help us and help our creative partners", set()),
    ],
    "novelty": [
        (0, "not driven by novelty for its own sake", {"driven"}),
        (3, "chasing novelty for novelty's sake", set()),
        (4, "chasing innovation for innovation\u2019s sake", {"innovation"}),
    ],
}


@pytest.mark.parametrize("name", DRIFTING_QUOTES)
def test_each_drifting_sarandos_quote_is_one_varied_cluster_across_outlets(name):
    records = [claim(source, fragment) for source, fragment, _ in DRIFTING_QUOTES[name]]
    members = cluster_with(records[0])
    assert {r.id for r in records} <= {m.id for m in members}
    assert len({m.source for m in members}) >= 2
    assert len({m.source for m in members}) == len(members)

    comparisons = {c.claim_id: c for c in compare_cluster(members)}
    assert overall_verdict(list(comparisons.values())) == "varied"
    for record, (_, _, changed_words) in zip(records, DRIFTING_QUOTES[name], strict=True):
        comparison = comparisons[record.id]
        assert comparison.suggested_verdict == "varied"
        assert [f.kind for f in comparison.findings] == ["quote"], comparison.findings
        inserted = {word.strip(",.“”\"'").lower() for word in comparison.diff.inserted()}
        assert changed_words <= inserted, (changed_words, comparison.diff)
    assert any(c.diff.changed for c in comparisons.values())


def test_the_drift_diff_shows_the_swapped_words_against_the_shared_wording():
    comparison = comparison_of(claim(0, "create something exceptional"))
    assert comparison.diff.changed_phrases() == [("make", "create"), ("great", "exceptional")]


def test_the_co_ceo_title_is_a_title_finding_and_never_erroneous_against_the_ceo_majority():
    co_ceo = claim(2, "Co-CEO Ted Sarandos")
    members = cluster_with(co_ceo)
    assert len({m.source for m in members}) >= 2
    comparison = comparison_of(co_ceo)
    (title,) = [f for f in comparison.findings if f.kind == "title"]
    assert (title.here, title.others) == ("Co-CEO", "CEO")
    assert comparison.suggested_verdict == "varied"


def test_a_claim_only_one_outlet_makes_is_a_cluster_of_one_with_no_suggestion():
    only_001 = claim(1, "80% of watched content")
    assert cluster_with(only_001) == [only_001]
    (comparison,) = compare_cluster([only_001])
    assert comparison.suggested_verdict is None
    assert comparison.findings == ()
    assert comparison.basis == "no suggestion: only one outlet makes this claim"
    assert not comparison.diff.changed


def test_no_cluster_of_the_sample_story_holds_two_claims_of_one_article():
    for members in sample_clusters().values():
        assert len({m.source for m in members}) == len(members)


def test_adding_the_fifth_article_gives_the_same_clusters_as_clustering_all_five_at_once():
    records = sample_records()
    first_four = [r for r in records if r.source < 4]
    fifth = [r for r in records if r.source == 4]
    matcher = RapidFuzzMatcher()

    at_once = assign_clusters(records, {}, RapidFuzzMatcher())
    before = assign_clusters(first_four, {}, matcher)
    stored_key = {key: number for number, key in enumerate(sorted(set(before.values())), 1)}
    clustered: dict[int, list[ClaimRecord]] = {}
    for record in first_four:
        clustered.setdefault(stored_key[before[record.id]], []).append(record)
    added = assign_clusters(fifth, clustered, matcher)

    assert set(added) == {r.id for r in fifth}
    incremental = {r.id: str(stored_key[before[r.id]]) for r in first_four} | added
    assert partition(incremental) == partition(at_once)
    # The fifth article joined existing clusters (by their str keys), e.g. the revenue one.
    revenue_key = stored_key[before[claim(0, "$11.5 billion").id]]
    assert added[claim(4, "$11.5 billion").id] == str(revenue_key)
    for key in set(added.values()):
        members = [r for r in records if incremental[r.id] == key]
        assert len({m.source for m in members}) == len(members)


# --- figures, titles, diffs on hand-made records ------------------------------------


def test_17_percent_and_17_per_cent_agree_as_the_same_figure():
    a = statement(1, 1, "Revenue rose 17% to $11.5 billion, Netflix said.")
    b = statement(2, 2, "Netflix said revenue grew 17 percent to $11.5 billion.")
    assert normalise("up 17%") == normalise("up 17 percent")
    assert DEFAULT_MATCHER.similarity(a, b) >= MATCH_THRESHOLD
    comparisons = compare_cluster([a, b])
    assert [c.suggested_verdict for c in comparisons] == ["supported", "supported"]
    assert all(c.findings == () for c in comparisons)
    assert comparisons[0].basis == "2 independent copies agree on 17% and $11.5 billion"


def test_11_5_billion_and_11_2_billion_are_different_figures():
    a = statement(1, 1, "Netflix reported quarterly revenue of $11.5 billion.")
    b = statement(2, 2, "Netflix reported quarterly revenue of $11.2 billion.")
    assert DEFAULT_MATCHER.similarity(a, b) >= MATCH_THRESHOLD  # same claim, different number
    comparisons = compare_cluster([a, b])
    # One copy against one: no independent majority says which is wrong.
    assert [c.suggested_verdict for c in comparisons] == ["varied", "varied"]
    (finding,) = comparisons[1].findings
    assert (finding.kind, finding.here, finding.others) == (
        "figure",
        "$11.2 billion",
        "$11.5 billion",
    )


def test_an_outlier_figure_against_three_agreeing_outlets_is_erroneous():
    texts = [
        "Netflix's quarterly revenue rose 17% to $11.5 billion.",
        "Quarterly revenue at Netflix grew 17 percent to $11.5 billion.",
        "Netflix said quarterly revenue was $11.5 billion, up 17%.",
        "Netflix's quarterly revenue rose 17% to $11.2 billion.",
    ]
    members = [statement(i + 1, i + 1, text) for i, text in enumerate(texts)]
    assert len(set(assign_clusters(members, {}, RapidFuzzMatcher()).values())) == 1
    comparisons = compare_cluster(members)
    assert [c.suggested_verdict for c in comparisons] == ["supported"] * 3 + ["erroneous"]
    assert comparisons[3].findings[0].detail == "figure: $11.2 billion vs $11.5 billion in 3 others"
    assert comparisons[3].basis == (
        "figure conflicts: $11.2 billion here, $11.5 billion in 3 independent copies"
    )
    # The difference has two sides: the agreeing copies name it too.
    assert comparisons[0].findings[0].detail == "figure: $11.5 billion vs $11.2 billion in 1 other"


def test_a_figure_contradicting_a_primary_source_is_erroneous():
    letter = statement(1, 1, "Revenue rose 17% to $11.5 billion, Netflix said.", is_primary=True)
    report = statement(2, 2, "Netflix said revenue rose 17% to $11.2 billion.")
    comparisons = compare_cluster([report, letter])
    assert comparisons[0].suggested_verdict == "erroneous"
    assert comparisons[0].basis == (
        "the primary source: figure: $11.2 billion vs $11.5 billion in 1 other"
    )


def test_a_lone_different_title_makes_every_version_varied_never_erroneous():
    members = [
        statement(1, 1, '"We are all in," CEO Ted Sarandos said.'),
        statement(2, 2, '"We are all in," CEO Ted Sarandos told investors.'),
        statement(3, 3, '"We are all in," Co-CEO Ted Sarandos said.'),
    ]
    comparisons = compare_cluster(members)
    assert [c.suggested_verdict for c in comparisons] == ["varied"] * 3
    assert comparisons[2].findings[0].detail == "title: Co-CEO vs CEO in 2 others"
    assert comparisons[0].findings[0].detail == "title: CEO vs Co-CEO in 1 other"


def test_titles_are_read_next_to_names_and_given_to_the_speaker_when_alone():
    assert [(r.person, r.canonical) for r in roles_in("Netflix Co-CEO Ted Sarandos said")] == [
        ("Ted Sarandos", "co-CEO")
    ]
    assert [(r.person, r.canonical) for r in roles_in("Ted Sarandos, its chief executive,")] == [
        ("Ted Sarandos", "CEO")
    ]
    assert [r.canonical for r in roles_in("Netflix CEO stated that", "Ted Sarandos")] == ["CEO"]
    assert roles_in("Netflix CEO stated that", "Netflix") == []


def test_word_diff_ignores_case_and_quote_style_but_shows_changed_words():
    same = word_diff("We\u2019re not worried about AI.", "we're NOT worried about ai")
    assert not same.changed
    changed = word_diff("It takes a great artist", "It takes a good artist")
    assert changed.ops == (
        ("equal", "It"),
        ("equal", "takes"),
        ("equal", "a"),
        ("delete", "great"),
        ("insert", "good"),
        ("equal", "artist"),
    )


def test_identical_quotes_modulo_punctuation_and_case_are_supported():
    members = [
        statement(
            1, 1, "\u201cWe\u2019re not worried about AI replacing creativity,\u201d Sarandos said."
        ),
        statement(2, 2, '"we are not worried about AI replacing creativity." Sarandos said.'),
    ]
    comparisons = compare_cluster(members)
    assert [c.suggested_verdict for c in comparisons] == ["supported", "supported"]
    assert "the quoted words" in comparisons[0].basis


def test_a_quote_changed_from_the_primary_transcript_is_erroneous():
    transcript = statement(
        1, 1, '"It takes a great artist to make something great," Sarandos said.', is_primary=True
    )
    report = statement(2, 2, '"It takes a great artist to create something new," Sarandos said.')
    comparisons = compare_cluster([report, transcript])
    assert comparisons[0].suggested_verdict == "erroneous"
    assert comparisons[0].diff.changed_phrases() == [("make", "create"), ("great", "new")]


# --- clustering mechanics -------------------------------------------------------------


def test_when_two_claims_of_one_article_compete_for_a_cluster_the_better_match_wins():
    anchor = statement(1, 1, "Netflix's quarterly revenue rose 17% to $11.5 billion.")
    close = statement(2, 2, "Netflix's quarterly revenue grew 17% to $11.5 billion.")
    weaker = statement(3, 2, "Netflix's revenue beat forecasts, reaching $11.5 billion.")
    assignment = assign_clusters([anchor, close, weaker], {}, RapidFuzzMatcher())
    assert assignment[close.id] == assignment[anchor.id]
    assert assignment[weaker.id] != assignment[anchor.id]
    assert all(key.startswith("new:") for key in assignment.values())


def test_new_claims_join_existing_clusters_by_key_or_share_a_new_key():
    existing = statement(1, 1, "Netflix's quarterly revenue rose 17% to $11.5 billion.")
    joining = statement(2, 2, "Quarterly revenue at Netflix grew 17 percent to $11.5 billion.")
    a = statement(3, 2, "SAG-AFTRA and Bryan Cranston urged OpenAI to add guardrails to Sora 2.")
    b = statement(4, 3, "Bryan Cranston and SAG-AFTRA urged OpenAI to add Sora 2 guardrails.")
    assignment = assign_clusters([joining, a, b], {7: [existing]}, RapidFuzzMatcher())
    assert assignment[joining.id] == "7"
    assert assignment[a.id] == assignment[b.id]
    assert assignment[a.id].startswith("new:")


def _pseudo_words(rng: random.Random, count: int) -> list[str]:
    return ["".join(rng.choices(string.ascii_lowercase, k=rng.randint(5, 9))) for _ in range(count)]


class CountingMatcher:
    """Wraps a matcher and counts the expensive calls."""

    def __init__(self, inner: Matcher) -> None:
        self.inner = inner
        self.similarity_calls = 0

    def similarity(self, a: ClaimRecord, b: ClaimRecord, vocabulary=None) -> float:
        self.similarity_calls += 1
        return self.inner.similarity(a, b, vocabulary)

    def candidates(self, record, pool, limit):
        return self.inner.candidates(record, pool, limit)


def test_assign_clusters_retrieves_candidates_instead_of_scoring_every_pair():
    rng = random.Random(5)
    vocabulary = _pseudo_words(rng, 6_000)
    pool = [
        ClaimRecord(
            id=100_000 + i,
            source=10_000 + i // 40,
            outlet="background",
            text=" ".join(rng.choices(vocabulary, k=14)).capitalize() + ".",
            kind="event",
        )
        for i in range(10_000)
    ]
    clustered = {i: [record] for i, record in enumerate(pool)}
    sample = [r for r in sample_records() if r.source == 4][:20] + [
        r for r in sample_records() if r.source == 3
    ][:20]
    new = [
        ClaimRecord(r.id, 1 + i % 2, r.outlet, r.text, r.kind, r.speaker, r.quoted_text)
        for i, r in enumerate(sample)
    ]
    # One planted near-copy in the big pool must still be found.
    planted = ClaimRecord(1, 99, "wire", new[0].text.replace("Tuesday", "on Tuesday"), "quote")
    clustered[-1] = [planted]
    matcher = CountingMatcher(RapidFuzzMatcher())

    assignment = assign_clusters(new, clustered, matcher)

    assert set(assignment) == {r.id for r in new}
    assert matcher.similarity_calls <= len(new) * CANDIDATE_LIMIT
    assert matcher.similarity_calls < len(new) * len(pool) / 100
    assert assignment[new[0].id] == "-1"


def test_the_default_matcher_satisfies_the_matcher_protocol_and_scores_in_range():
    assert isinstance(DEFAULT_MATCHER, Matcher)
    a, b = sample_records()[0], sample_records()[-1]
    assert 0.0 <= DEFAULT_MATCHER.similarity(a, b) <= 1.0
    assert DEFAULT_MATCHER.similarity(a, a) == pytest.approx(1.0)
    found = DEFAULT_MATCHER.candidates(a, sample_records(), 5)
    assert len(found) <= 5
    assert all(other.source != a.source for other, _ in found)


# --- primary sources --------------------------------------------------------------------

LETTER = (
    "Netflix shareholder letter.\n"
    "We remain very well positioned to effectively leverage ongoing advances in AI.\n"
    "Revenue grew 17% year over year."
)
TRANSCRIPT = (
    "SARANDOS: It takes a great artist to make something great. AI can give creatives "
    "better tools to enhance their overall TV and movie experience for our members."
)


def test_a_quote_found_as_is_in_a_primary_document_is_verbatim():
    check = check_quote_against_primary(
        "“VERY well positioned  to effectively leverage ongoing advances in AI.”",
        {1: TRANSCRIPT, 2: LETTER},
    )
    assert check == PrimaryCheck(status="verbatim", source=2, diff=None)


def test_a_reworded_quote_is_changed_with_the_words_that_differ():
    check = check_quote_against_primary(
        "It takes a great artist to create something exceptional", {1: TRANSCRIPT, 2: LETTER}
    )
    assert check.status == "changed"
    assert check.source == 1
    assert check.diff is not None
    assert check.diff.changed_phrases() == [("make", "create"), ("great.", "exceptional")]


def test_a_quote_absent_from_every_primary_document_is_not_found():
    check = check_quote_against_primary(
        "We're not chasing novelty for novelty's sake", {1: TRANSCRIPT, 2: LETTER}
    )
    assert check == PrimaryCheck(status="not_found", source=None, diff=None)
    assert check_quote_against_primary("", {1: LETTER}).status == "not_found"


def test_words_the_whole_story_shares_weigh_less_than_the_rare_words_of_one_fact():
    framing = "the Bank of England said on Thursday"
    story = [
        statement(1, 1, f"Inflation eased to 3.8% in September, {framing}."),
        statement(2, 2, f"Mortgage costs will stay high for now, {framing}."),
        statement(3, 3, f"Four members voted for a cut to 3.75%, {framing}."),
        statement(4, 4, f"Four policymakers backed a cut to 3.75%, {framing}."),
    ]
    vocabulary = StoryVocabulary(story)
    assert vocabulary.weight("england") < vocabulary.weight("mortgag")
    framing_only = DEFAULT_MATCHER.similarity(story[0], story[1], vocabulary)
    assert framing_only < DEFAULT_MATCHER.similarity(story[0], story[1])
    assert framing_only < MATCH_THRESHOLD
    assert DEFAULT_MATCHER.similarity(story[2], story[3], vocabulary) >= MATCH_THRESHOLD


def test_a_matcher_that_has_seen_other_stories_places_claims_as_a_fresh_one_does():
    records = sample_records()
    seasoned = RapidFuzzMatcher()
    other_story = [
        ClaimRecord(10_000 + r.id, 1_000 + r.source, r.outlet, r.text, r.kind, r.speaker)
        for r in reversed(records)
    ]
    assign_clusters(other_story, {}, seasoned)  # indexes them first, in another order
    vocabulary = StoryVocabulary(records)
    fresh = assign_clusters(records, {}, RapidFuzzMatcher(), vocabulary)
    assert partition(assign_clusters(records, {}, seasoned, vocabulary)) == partition(fresh)
