"""Matching compares figures of one dimension after conversion and never across dimensions
(claims/matching/compare.py on records made by extraction; pure, no Django)."""

from __future__ import annotations

from claims.extraction import extract_candidates
from claims.matching import ClaimRecord, compare_cluster


def statement(claim_id: int, text: str) -> ClaimRecord:
    (found,) = extract_candidates(text)
    return ClaimRecord(
        id=claim_id,
        source=claim_id,
        outlet=f"Outlet {claim_id}",
        text=found.text,
        kind=found.kind,
        speaker=found.speaker,
        figures=tuple(figure.as_dict() for figure in found.figures),
    )


def test_5_km_and_3_1_miles_agree() -> None:
    a = statement(1, "The wildfire spread 5 km overnight, officials said.")
    b = statement(2, "The wildfire spread 3.1 miles overnight, officials said.")
    comparisons = compare_cluster([a, b])
    assert all(c.findings == () for c in comparisons)
    assert comparisons[0].basis == "2 independent copies agree on 5 km"


def test_5_km_and_4_miles_differ() -> None:
    a = statement(1, "The wildfire spread 5 km overnight, officials said.")
    b = statement(2, "The wildfire spread 4 miles overnight, officials said.")
    comparisons = compare_cluster([a, b])
    (finding,) = comparisons[0].findings
    assert (finding.kind, finding.here, finding.others) == ("figure", "5 km", "4 miles")
    assert finding.detail == "figure: 5 km vs 4 miles in 1 other"


def test_30_celsius_and_86_fahrenheit_agree() -> None:
    a = statement(1, "Temperatures reached 30C on Monday, forecasters said.")
    b = statement(2, "Temperatures reached 86F on Monday, forecasters said.")
    comparisons = compare_cluster([a, b])
    assert all(c.findings == () for c in comparisons)
    assert comparisons[0].basis == "2 independent copies agree on 30C and Monday"


def test_kilometres_never_compare_with_people() -> None:
    a = statement(1, "The flood swept 5 km inland, officials said.")
    b = statement(2, "The flood swept 5 people away, officials said.")
    comparisons = compare_cluster([a, b])
    assert all(c.findings == () for c in comparisons)
    assert not any("agree on" in r for c in comparisons for r in c.reasons)


def test_9_am_in_tokyo_and_midnight_gmt_agree() -> None:
    a = statement(1, "The quake struck at 9 a.m. in Tokyo, the agency said.")
    b = statement(2, "The quake struck at midnight GMT, the agency said.")
    comparisons = compare_cluster([a, b])
    assert all(c.findings == () for c in comparisons)
    assert comparisons[0].basis.startswith("2 independent copies agree on 9 a.m.")
