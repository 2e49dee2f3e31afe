"""Quotations in every common typographic style are found, and apostrophes are not quotes."""

from __future__ import annotations

import pytest

from claims.extraction import extract_candidates
from claims.extraction.quotes import find_quote_regions


def quotes(body: str) -> list[tuple[str, str, str]]:
    return [
        (claim.quoted_text, claim.speaker, claim.text)
        for claim in extract_candidates(body)
        if claim.kind == "quote"
    ]


def regions(text: str) -> list[str]:
    return [text[r.start : r.end] for r in find_quote_regions(text, 0, len(text)) if r.is_speech]


def test_british_single_quotes_are_a_quotation() -> None:
    body = "\u2018We will defend the title next season,\u2019 Maria Lopez said on Sunday."
    assert quotes(body) == [
        ("We will defend the title next season", "Maria Lopez", body),
    ]


def test_apostrophes_inside_single_quotes_do_not_end_the_quotation() -> None:
    text = (
        "\u2018We don\u2019t know the Bank\u2019s plans since the \u201990s, and the fans\u2019 "
        "club will not wait,\u2019 she said."
    )
    assert regions(text) == [text[: text.index(" she said")]]


def test_apostrophes_alone_are_not_quotations() -> None:
    text = "The Bank\u2019s chief said rates won\u2019t fall as in the \u201990s \u2018soon."
    assert regions(text) == []


@pytest.mark.parametrize(
    "body",
    [
        "\u00ab Nous allons reconstruire la ville \u00bb, a dit Anne Hidalgo samedi.",
        "\u00abNous allons reconstruire la ville\u00bb, a dit Anne Hidalgo samedi.",
        "\u00ab\u00a0Nous allons reconstruire la ville\u00a0\u00bb, a dit Anne Hidalgo samedi.",
    ],
)
def test_guillemets_with_or_without_inner_spaces_are_a_quotation(body: str) -> None:
    assert [quoted for quoted, _, _ in quotes(body)] == ["Nous allons reconstruire la ville"]


def test_low_high_quotes_are_a_quotation() -> None:
    body = "\u201eWir werden die Stadt wieder aufbauen\u201c, sagte Olaf Weber am Samstag."
    assert [quoted for quoted, _, _ in quotes(body)] == ["Wir werden die Stadt wieder aufbauen"]


def test_a_misprinted_closing_mark_can_open_a_quotation() -> None:
    text = "\u201dI am feeling how tough it is going to be,\u201d the 64-year-old said."
    assert regions(text) == [text[: text.index(" the 64")]]


def test_a_quotation_over_three_paragraphs_takes_the_speaker_named_at_its_end() -> None:
    body = (
        "\u201cThe river rose four metres in two hours and the levee broke at noon.\n\n"
        "\u201cWe moved 300 families to the school before the water reached the bridge.\n\n"
        "\u201cNobody was hurt,\u201d fire chief Tom Hale said on Friday."
    )
    found = quotes(body)
    assert len(found) == 3
    assert [speaker for _, speaker, _ in found] == ["Tom Hale"] * 3


def test_a_single_quoted_quotation_over_two_paragraphs_is_one_quotation() -> None:
    body = (
        "\u2018The river rose four metres in two hours and the levee broke at noon.\n\n"
        "\u2018Nobody was hurt,\u2019 fire chief Tom Hale said on Friday."
    )
    assert [speaker for _, speaker, _ in quotes(body)] == ["Tom Hale", "Tom Hale"]


def test_ellipses_and_brackets_stay_inside_the_quotation() -> None:
    body = (
        "\u2018We can\u2019t rebuild [the party] unless \u2026 everyone helps,\u2019 "
        "Sanae Takaichi said."
    )
    assert quotes(body) == [
        ("We can\u2019t rebuild [the party] unless \u2026 everyone helps", "Sanae Takaichi", body)
    ]


def test_a_double_quote_nested_in_a_single_quote_is_part_of_it() -> None:
    text = "\u2018He told me \u201cnever again\u201d, and I believed him,\u2019 she said."
    assert regions(text) == [text[: text.index(" she said")]]


def test_a_single_quote_nested_in_a_double_quote_is_part_of_it() -> None:
    text = "\u201cHe told me \u2018never again\u2019, and I believed him,\u201d she said."
    assert regions(text) == [text[: text.index(" she said")]]


def test_straight_single_quotes_are_a_quotation_but_not_an_apostrophe() -> None:
    text = "'We don't know yet,' the mayor's office said."
    assert regions(text) == ["'We don't know yet,'"]
