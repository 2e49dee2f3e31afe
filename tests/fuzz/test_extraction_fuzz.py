"""Extraction on random and adversarial text: no crash, no hang, every span exact.

Pure (no Django): ``extract_candidates`` and ``boilerplate_spans`` are called directly.
"""

from __future__ import annotations

import json
import math
from itertools import pairwise

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from claims.extraction import MIN_CHECKWORTHINESS, boilerplate_spans, extract_candidates
from claims.extraction.quotes import QUOTE_PART_SEPARATOR
from claims.extraction.speakers import MAX_SPEAKER_CHARS
from tests.fuzz.strategies import HUGE_INPUTS, NAMED_INPUTS, article_texts, headlines, no_hang

KINDS = {"quote", "statistic", "attribution", "event", "other"}
UNITS = {
    "USD", "EUR", "GBP", "JPY", "percent", "percentage points", "count", "number",
    "year", "decade", "quarter", "half", "date", "time",
}  # fmt: skip


def assert_well_formed(body: str, headline: str) -> None:
    """Extract ``body`` and check every invariant the pipeline promises."""
    with no_hang():
        claims = extract_candidates(body, headline)
        furniture = boilerplate_spans(body, headline)
    for span in furniture:
        assert 0 <= span.start < span.end <= len(body) and span.reason
    for claim in claims:
        assert 0 <= claim.start < claim.end <= len(body)
        assert body[claim.start : claim.end] == claim.text
        assert claim.text == claim.text.strip()
        assert claim.kind in KINDS
        assert MIN_CHECKWORTHINESS <= claim.checkworthiness <= 1
        assert claim.checkworthiness == round(claim.checkworthiness, 3)
        assert claim.reasons
        # The speaker is stored in a 200-character column.
        assert len(claim.speaker) <= MAX_SPEAKER_CHARS
        if claim.kind != "quote":
            assert claim.quoted_text == ""
        for part in claim.quoted_text.split(QUOTE_PART_SEPARATOR):
            assert part in claim.text
        for figure in claim.figures:
            assert claim.start <= figure.start < figure.end <= claim.end
            assert body[figure.start : figure.end] == figure.text
            assert math.isfinite(figure.value) and figure.unit in UNITS
            # Stored as JSON, which has no inf or NaN.
            json.dumps(figure.as_dict(), allow_nan=False)
        assert not any(s.start < claim.end and claim.start < s.end for s in furniture)
    for earlier, later in pairwise(claims):
        assert earlier.end <= later.start


def _with_examples(test):
    for body in NAMED_INPUTS.values():
        test = example(body=body, headline="")(test)
    return test


@settings(max_examples=400, deadline=None)
@given(body=article_texts(), headline=headlines())
@_with_examples
# Regressions: a long s matched "six"/"second" and then crashed the lookup; a 400-digit
# number became an inf figure that PostgreSQL's JSON refused.
@example(
    body="Revenue rose \u017fix percent in the \u017fecond quarter, Netflix said.", headline=""
)
@example(body="Costs hit $" + "9" * 400 + " billion, the company said.", headline="")
@example(body="Netflix said it grew.\n" * 3, headline="Netflix said it grew.")
def test_random_and_adversarial_text_gives_exact_spans_without_crashing(body, headline):
    assert_well_formed(body, headline)


@settings(max_examples=120, deadline=None)
@given(lines=st.lists(article_texts(max_fragments=8), min_size=1, max_size=40))
def test_many_short_paragraphs_of_adversarial_text_give_exact_spans(lines):
    # Paragraph handling (headings, open quotes carried over, furniture blocks)
    # only shows with many lines.
    assert_well_formed("\n".join(lines), "")


@pytest.mark.parametrize("name", HUGE_INPUTS)
def test_a_huge_adversarial_article_is_extracted_with_exact_spans_and_no_hang(name):
    assert_well_formed(HUGE_INPUTS[name](), "")
