"""Behaviour of claims.extraction on the five sample articles (pure: no Django, no DB)."""

from __future__ import annotations

import subprocess
import sys
from functools import cache
from itertools import pairwise
from pathlib import Path

import pytest

from claims.extraction import (
    MIN_CHECKWORTHINESS,
    BoilerplateSpan,
    CandidateClaim,
    boilerplate_spans,
    extract_candidates,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ("000", "001", "002", "003", "004")
KINDS = {"quote", "statistic", "attribution", "event", "other"}


def corpus_dir() -> Path:
    """The project's copy of the sample corpus, else the shared one."""
    local = REPO_ROOT / "articles" / "sample_corpus"
    return local if local.is_dir() else Path("/work/shared/sample_corpus")


@cache
def article(prefix: str) -> str:
    (path,) = corpus_dir().glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@cache
def claims_of(prefix: str) -> tuple[CandidateClaim, ...]:
    return tuple(extract_candidates(article(prefix)))


def span_of(body: str, fragment: str) -> tuple[int, int]:
    start = body.index(fragment)
    return start, start + len(fragment)


def claim_containing(prefix: str, fragment: str) -> CandidateClaim:
    matches = [c for c in claims_of(prefix) if fragment in c.text]
    assert len(matches) == 1, f"expected one claim containing {fragment!r} in {prefix}"
    return matches[0]


def claims_overlapping(prefix: str, start: int, end: int) -> list[CandidateClaim]:
    return [c for c in claims_of(prefix) if c.start < end and c.end > start]


@pytest.mark.parametrize("prefix", ARTICLES)
def test_every_claim_span_is_exact_sorted_and_non_overlapping(prefix: str) -> None:
    body = article(prefix)
    claims = claims_of(prefix)
    assert claims, "every sample article has check-worthy sentences"
    for claim in claims:
        assert body[claim.start : claim.end] == claim.text
        assert claim.text == claim.text.strip()
        assert claim.kind in KINDS
        assert MIN_CHECKWORTHINESS <= claim.checkworthiness <= 1
        assert claim.checkworthiness == round(claim.checkworthiness, 3)
        assert claim.reasons
    for earlier, later in pairwise(claims):
        assert earlier.end <= later.start


@pytest.mark.parametrize("prefix", ARTICLES)
def test_no_claim_overlaps_a_boilerplate_span(prefix: str) -> None:
    body = article(prefix)
    for span in boilerplate_spans(body):
        assert isinstance(span, BoilerplateSpan) and span.reason
        assert claims_overlapping(prefix, span.start, span.end) == []


def test_the_revenue_sentence_is_a_statistic_in_every_article_that_reports_it() -> None:
    reporting = [p for p in ARTICLES if "17%" in article(p) and "$11.5 billion" in article(p)]
    assert reporting == ["000", "002", "003", "004"]
    for prefix in reporting:
        claim = claim_containing(prefix, "$11.5 billion")
        assert "17%" in claim.text
        assert claim.kind == "statistic"
        assert "has a figure" in claim.reasons


@pytest.mark.parametrize(
    ("prefix", "fragment"),
    [
        ("000", "It takes a great artist to create something exceptional"),  # Sarandos stated
        ("000", "AI can provide creators with enhanced tools"),  # continues that quote
        ("000", "We are confident that AI will assist"),  # Sarandos noted
        ("000", "We are wholeheartedly embracing this technology"),
        ("000", "We\u2019re not worried about AI replacing creativity"),  # he expressed ... stating
        ("003", "We're confident that AI is going to help us"),  # CEO Ted Sarandos told
        ("003", "We're all in on that"),
        ("003", "It takes a great artist to make something great"),  # Sarandos emphasized
        ("003", "AI can give creatives better tools"),
        ("004", "It takes a great artist to make something great"),  # Netflix CEO Ted Sarandos said
        ("004", "Artificial intelligence can give creatives better tools"),
        ("004", "We\u2019re confident that AI will help us"),  # Sarandos said
        ("004", "We\u2019re all in it"),
        ("004", "starting to make sense"),  # he said, after "asked Sarandos"
        (
            "004",
            "We\u2019re not worried about artificial intelligence replacing creativity",
        ),  # he said
    ],
)
def test_each_sarandos_quote_is_attributed_to_ted_sarandos(prefix: str, fragment: str) -> None:
    claim = claim_containing(prefix, fragment)
    assert claim.kind == "quote"
    assert claim.speaker == "Ted Sarandos"


def test_a_pronoun_resolves_to_the_person_last_mentioned_not_the_last_full_name() -> None:
    # In 004 "Bryan Cranston" is the last *full* name before "he said", but
    # the sentence itself mentions Sarandos just before the pronoun.
    body = article("004")
    he_said = body.index("he said")
    assert body.rfind("Bryan Cranston", 0, he_said) > body.rfind("Ted Sarandos", 0, he_said)
    assert claim_containing("004", "starting to make sense").speaker == "Ted Sarandos"


def test_the_shareholder_letter_quote_is_attributed_to_netflix() -> None:
    claim = claim_containing("001", "For many years now, machine learning and AI")
    assert claim.kind == "quote"
    assert claim.speaker == "Netflix"


def test_the_company_resolves_to_the_organisation_last_quoted() -> None:
    claim = claim_containing("001", "We\u2019re empowering creators")
    assert (claim.kind, claim.speaker) == ("quote", "Netflix")


@pytest.mark.parametrize(
    ("prefix", "line", "reason"),
    [
        ("001", "Leave a Reply", "comment form"),
        (
            "001",
            "Your email address will not be published. Required fields are marked *",
            "comment form",
        ),
        ("001", "References & Further Reading", "further-reading stub"),
        ("001", "This article draws from multiple authoritative sources.", "further-reading stub"),
        (
            "001",
            "This article aggregates information from publicly available sources.",
            "disclaimer",
        ),
        ("001", "All trademarks and copyrights belong to their respective owners.", "disclaimer"),
        ("001", "Note: Featured image is for illustrative purposes only", "disclaimer"),
        ("001", ", according to market analysis", "injected link text"),
        ("001", ", as our earlier report", "injected link text"),
        (
            "001",
            "Netflix Bets Big on Generative AI to Reshape Streaming While - Netflix's Strategic "
            "Embrace of Generative AI Netflix has decla",
            "teaser repeating the headline",
        ),
        ("004", "Techcrunch event", "event promotion"),
        ("004", "San Francisco", "event promotion"),
        ("004", "\n|\n", "event promotion"),
        ("004", "27-29 October 2025", "event promotion"),
    ],
)
def test_boilerplate_lines_are_reported_and_never_become_claims(
    prefix: str, line: str, reason: str
) -> None:
    body = article(prefix)
    start, end = span_of(body, line)
    start, end = start + (len(line) - len(line.lstrip())), end - (len(line) - len(line.rstrip()))
    covering = [s for s in boilerplate_spans(body) if s.start <= start and end <= s.end]
    assert [s.reason for s in covering] == [reason]
    assert claims_overlapping(prefix, start, end) == []


def test_the_teaser_is_caught_from_the_headline_argument_when_the_body_omits_the_headline() -> None:
    headline, _, rest = article("001").partition("\n")
    teaser = "Netflix Bets Big on Generative AI to Reshape Streaming While - Netflix's"
    start, _ = span_of(rest, teaser)
    reasons = [s.reason for s in boilerplate_spans(rest, headline) if s.start == start]
    assert reasons == ["teaser repeating the headline"]
    assert not any(teaser in c.text for c in extract_candidates(rest, headline))


def test_a_heading_like_line_that_is_not_the_headline_is_not_a_teaser() -> None:
    body = "Netflix Reports Record Revenue In Third Quarter\nA Look at the Numbers\n"
    assert boilerplate_spans(body, "Netflix Reports Record Revenue In Third Quarter") == []


@pytest.mark.parametrize(
    ("prefix", "heading"),
    [
        ("000", "Netflix Embraces Generative AI While Navigating Industry Concerns"),
        ("000", "A Strategic Approach to AI in Filmmaking"),
        ("000", "Company Performance Highlights"),
        ("001", "From De-Aging to Set Design: AI in Action"),
        ("001", "The Creative Balance: Enhancement vs. Replacement"),
        ("002", 'Netflix CEO: Fully committed to AI, but "great works require great artists"'),
        ("002", "AI empowers creativity, not replaces it"),
        ("002", "Already testing in multiple works"),
    ],
)
def test_section_headings_produce_no_claim(prefix: str, heading: str) -> None:
    start, end = span_of(article(prefix), heading)
    assert claims_overlapping(prefix, start, end) == []


def test_a_bullet_with_a_figure_is_kept_without_its_bullet_marker() -> None:
    claim = claim_containing("001", "80% of watched content")
    assert claim.kind == "statistic"
    assert claim.text.startswith("Personalized Recommendations")


def test_the_genetic_artificial_intelligence_event_sentence_in_004_is_kept() -> None:
    claim = claim_containing("004", "Netflix said it used genetic artificial intelligence")
    assert "concrete event" in claim.reasons
    assert claim.speaker == "Netflix"
    assert claim_containing("004", "used genetic artificial intelligence to make characters")


def test_the_co_ceo_sentence_in_002_is_kept_and_attributed() -> None:
    claim = claim_containing("002", "Netflix Co-CEO Ted Sarandos emphasized")
    assert claim.kind == "quote"
    assert claim.speaker == "Ted Sarandos"


def test_a_bare_role_resolves_to_the_only_person_holding_it() -> None:
    claim = claim_containing("002", "Netflix CEO stated that the company will")
    assert claim.speaker == "Ted Sarandos"


def test_hedged_language_lowers_the_score_of_the_same_sentence() -> None:
    plain = "Netflix's revenue rose 17% to $11.5 billion on Tuesday."
    hedged = "It appears that Netflix's revenue rose 17% to $11.5 billion on Tuesday."
    (plain_claim,) = extract_candidates(plain)
    (hedged_claim,) = extract_candidates(hedged)
    assert hedged_claim.checkworthiness < plain_claim.checkworthiness
    assert "hedged language" in hedged_claim.reasons
    assert "hedged language" not in plain_claim.reasons


def test_a_hedged_figure_is_still_surfaced_but_ranked_lower() -> None:
    # Unfloored this would score 0.1 + 0.4 (figure) - 0.25 (hedge) - 0.1 (opinion).
    (claim,) = extract_candidates("It seems revenue may have risen 17%, which is deeply worrying.")
    assert claim.kind == "statistic"
    assert {"hedged language", "opinion language"} <= set(claim.reasons)
    assert claim.checkworthiness == MIN_CHECKWORTHINESS


def test_vague_hedged_commentary_is_not_surfaced() -> None:
    for prefix, fragment in [
        ("001", "what many consider the next evolution"),
        ("000", "it appears that studios are leaning toward"),
        ("004", "it seems that studios are more likely"),
    ]:
        assert not any(fragment in c.text for c in claims_of(prefix))


def test_hedges_inside_a_quotation_do_not_lower_its_score() -> None:
    quoted = extract_candidates("“Revenue might rise 5% next year,” Ted Sarandos said.")
    assert [c.kind for c in quoted] == ["quote"]
    assert "hedged language" not in quoted[0].reasons


@pytest.mark.parametrize("body", ["", "   ", "\n\n\t \n"])
def test_an_empty_or_whitespace_body_gives_no_claims(body: str) -> None:
    assert extract_candidates(body) == []
    assert boilerplate_spans(body) == []


def test_running_twice_gives_identical_output() -> None:
    for prefix in ARTICLES:
        assert extract_candidates(article(prefix)) == extract_candidates(article(prefix))
        assert boilerplate_spans(article(prefix)) == boilerplate_spans(article(prefix))


def test_spans_stay_exact_with_windows_line_endings_and_repeated_sentences() -> None:
    body = (
        "Netflix reported $11.5 billion in revenue.\r\nNetflix reported $11.5 billion in revenue."
    )
    claims = extract_candidates(body)
    assert len(claims) == 2
    assert all(body[c.start : c.end] == c.text for c in claims)
    assert claims[0].end <= claims[1].start


def test_the_package_never_imports_django() -> None:
    code = "import sys, claims.extraction; sys.exit('django' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT).returncode == 0
