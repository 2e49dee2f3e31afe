"""What the matcher knows about one claim, computed once per record and cached."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from threading import Lock

from .job_titles import person_key
from .normalise import (
    STOPWORDS,
    content_words,
    normalise,
    number_mentions,
    number_token,
    stem,
)
from .records import ClaimRecord

__all__ = ["ClaimFeatures", "features_of", "figure_tokens"]


@dataclass(frozen=True)
class ClaimFeatures:
    text: str  # normalised claim text
    quote: str  # normalised quoted words ("" if none)
    content: frozenset[str]  # stemmed content words of the text, numbers included
    quote_content: frozenset[str]  # the same for the quoted words
    quote_words: tuple[str, ...]  # normalised quoted words, in order
    quote_content_seq: str  # the quote's stemmed content words, in order
    figures: frozenset[str]  # number tokens ("#17pct") from figures, else parsed from text
    figure_units: frozenset[str]  # kinds of those figures: a unit ("percent", "USD") or a
    # physical dimension ("length"), so kilometres and miles are the same kind
    speaker: str  # speaker surname, lower-case


def figure_tokens(record: ClaimRecord) -> list[tuple[str, str]]:
    """``(token, kind)`` for each figure: the record's parsed figures, else numbers in its text.

    The kind is the figure's dimension for physical amounts ("length"), else its unit.
    """
    if record.figures:
        return [
            (number_token(float(f["value"]), str(f["unit"])), str(f.get("dimension") or f["unit"]))
            for f in record.figures
            if f.get("value") is not None
        ]
    return [(m.token, m.unit) for m in number_mentions(record.text)]


def _compute(record: ClaimRecord) -> ClaimFeatures:
    figures = figure_tokens(record)
    quote = normalise(record.quoted_text) if record.quoted_text else ""
    # Numbers in the text are tokens already; figure tokens from parsed values are
    # added too, so "seventeen percent" still meets "17%".
    content = content_words(record.text) | {token for token, _ in figures}
    return ClaimFeatures(
        text=normalise(record.text),
        quote=quote,
        content=content,
        quote_content=content_words(record.quoted_text) if quote else frozenset(),
        quote_words=tuple(quote.split()),
        quote_content_seq=" ".join(
            stem(w) for w in quote.split() if w not in STOPWORDS and len(w) > 1
        ),
        figures=frozenset(token for token, _ in figures),
        figure_units=frozenset(unit for _, unit in figures),
        speaker=person_key(record.speaker) if record.speaker else "",
    )


_CACHE: OrderedDict[tuple[int, str, str, str], ClaimFeatures] = OrderedDict()
_CACHE_SIZE = 300_000
_LOCK = Lock()


def features_of(record: ClaimRecord) -> ClaimFeatures:
    """Features of ``record``, cached by (id, text, quote, speaker) so re-extracted text is seen."""
    key = (record.id, record.text, record.quoted_text, record.speaker)
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    computed = _compute(record)
    with _LOCK:
        _CACHE[key] = computed
        if len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return computed
