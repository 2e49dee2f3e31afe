"""Extraction on random and adversarial text: no crash, no hang, every span exact.

Pure (no Django): ``extract_candidates`` and ``boilerplate_spans`` are called directly.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from claims.extraction import boilerplate_spans, extract_candidates
from tests.claims.extraction_invariants import assert_well_formed as assert_extraction_well_formed
from tests.fuzz.strategies import HUGE_INPUTS, NAMED_INPUTS, article_texts, headlines, no_hang


def assert_well_formed(body: str, headline: str) -> None:
    """Extract ``body`` within the time limit and check every invariant the pipeline promises."""
    with no_hang():
        claims = extract_candidates(body, headline)
        furniture = boilerplate_spans(body, headline)
    assert_extraction_well_formed(body, claims, furniture)


def _with_examples(test):
    for body in NAMED_INPUTS.values():
        test = example(body=body, headline="")(test)
    return test


@settings(max_examples=400, deadline=None)
@given(body=article_texts(), headline=headlines())
@_with_examples
# Regressions: a long s matched "six"/"second" and then crashed the lookup; a 400-digit
# number became an inf figure that PostgreSQL's JSON refused; "0F" is a temperature.
@example(
    body="Revenue rose \u017fix percent in the \u017fecond quarter, Netflix said.", headline=""
)
@example(body="Costs hit $" + "9" * 400 + " billion, the company said.", headline="")
@example(body="Netflix said it grew.\n" * 3, headline="Netflix said it grew.")
@example(body="0F\x1bIn its report, released on Tuesday, Netflix said it grew.", headline="")
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
