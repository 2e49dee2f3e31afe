"""What every extraction promises, whatever the text: checked on the sample articles and
on random and adversarial text (tests/fuzz). Pure: no Django."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from itertools import pairwise

from claims.extraction import MIN_CHECKWORTHINESS, BoilerplateSpan, CandidateClaim
from claims.extraction.quotes import QUOTE_PART_SEPARATOR
from claims.extraction.speakers import MAX_SPEAKER_CHARS

KINDS = {"quote", "statistic", "attribution", "prediction", "event", "other"}
UNITS = {
    "USD", "EUR", "GBP", "JPY", "percent", "percentage points", "count", "number",
    "year", "decade", "quarter", "half", "date", "time",
}  # fmt: skip


def assert_well_formed(
    body: str, claims: Sequence[CandidateClaim], furniture: Sequence[BoilerplateSpan]
) -> None:
    """Exact, sorted, non-overlapping spans that keep clear of page furniture, and every
    field within what the database stores."""
    for span in furniture:
        assert isinstance(span, BoilerplateSpan)
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
            assert math.isfinite(figure.value)
            # Physical amounts carry pint's unit name and a dimension ("0F": degree_Fahrenheit).
            assert figure.unit in UNITS or (figure.dimension and figure.base_value is not None)
            # Stored as JSON, which has no inf or NaN.
            json.dumps(figure.as_dict(), allow_nan=False)
        assert not any(s.start < claim.end and claim.start < s.end for s in furniture)
    for earlier, later in pairwise(claims):
        assert earlier.end <= later.start
