"""Find quoted regions in a paragraph and tell direct speech from titles and scare quotes.

Quotes are paired per paragraph, not per sentence, because a quotation often
spans several sentences ("“It takes ... exceptional,” Sarandos stated. “AI can ...”").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

_OPEN_CURLY, _CLOSE_CURLY, _STRAIGHT = "“", "”", '"'
_MARKS = frozenset((_OPEN_CURLY, _CLOSE_CURLY, _STRAIGHT))
_TOKEN = re.compile(r"[A-Za-z0-9][\w\u2019'-]*")
_FIRST_ALNUM = re.compile(r"[^\W_]")
# Lower-case joiners that may sit inside a title ("Lord of the Rings").
_TITLE_JOINERS = frozenset({"of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "or"})
# Fewer words than this is a scare quote ("all in", "fully invest"), not speech.
_MIN_SPEECH_WORDS = 3
# Joins the parts of one claim's quotation that an attribution interrupts.
QUOTE_PART_SEPARATOR = " … "


@dataclass(frozen=True)
class QuoteRegion:
    """A quoted stretch ``body[start:end]`` including its quote marks.

    ``closed`` is False when the quotation runs unclosed to the paragraph end;
    ``first_char`` is the first letter or digit inside the marks.
    """

    start: int
    end: int
    is_speech: bool
    closed: bool = True
    first_char: str = ""


def find_quote_regions(body: str, start: int, end: int) -> list[QuoteRegion]:
    """Pair the quote marks inside ``body[start:end]`` and classify each region.

    Curly quotes pair “ with ”. A straight quote opens when preceded by the
    line start, whitespace or an opening bracket/dash, and closes otherwise.
    An unclosed quote runs to the end of the paragraph (quotes often continue
    past a truncated line).
    """
    regions: list[QuoteRegion] = []
    open_at: int | None = None
    for index in range(start, end):
        char = body[index]
        if char not in _MARKS:
            continue
        opening = char == _OPEN_CURLY or (
            char == _STRAIGHT and (index == start or body[index - 1] in " \t([{—\u2013-")
        )
        if opening:
            # A new opener while one is pending means the earlier one was stray.
            open_at = index
        elif open_at is not None:
            regions.append(_region(body, open_at, index + 1, closed=True))
            open_at = None
    if open_at is not None and end - open_at > 1:
        regions.append(_region(body, open_at, end, closed=False))
    return regions


def regions_over(regions: Sequence[QuoteRegion], start: int, end: int) -> Sequence[QuoteRegion]:
    """The regions overlapping ``body[start:end]``, from regions as
    :func:`find_quote_regions` gives them (in order, never overlapping each other)."""
    first = bisect.bisect_right(regions, start, key=lambda region: region.end)
    stop = bisect.bisect_left(regions, end, lo=first, key=lambda region: region.start)
    return regions[first:stop]


def _region(body: str, start: int, end: int, closed: bool) -> QuoteRegion:
    inner = body[start + 1 : end - 1 if closed else end]
    first = _FIRST_ALNUM.search(inner)
    return QuoteRegion(start, end, is_direct_speech(inner), closed, first.group() if first else "")


def is_direct_speech(inner: str) -> bool:
    """Whether quoted text reads as speech rather than a title or a scare quote.

    Titles ("The Eternaut", "Happy Gilmore 2") are short and capitalise every
    content word; scare quotes ("all in") are one or two words.
    """
    tokens = _TOKEN.findall(inner)
    if len(tokens) < _MIN_SPEECH_WORDS:
        return False
    content = [t for t in tokens[1:] if t.lower() not in _TITLE_JOINERS]
    title_like = all(t[0].isupper() or t[0].isdigit() for t in content)
    return not (title_like and len(tokens) <= 8)


def quoted_text(body: str, start: int, end: int, regions: Sequence[QuoteRegion]) -> str:
    """The words of direct speech inside ``body[start:end]``, without the quote marks.

    A quotation that runs past the span contributes only the part inside it,
    so two claims cut from one quotation each get their own part. Parts split
    by an attribution ("“A,” he said, “b.”") are joined with " … ". A trailing
    comma that belongs to the sentence around the quote is dropped.
    """
    parts = []
    for region in regions:
        if not region.is_speech or region.end <= start or region.start >= end:
            continue
        inner_start = max(region.start + 1, start)
        inner_end = min(region.end - 1 if region.closed else region.end, end)
        part = body[inner_start:inner_end].strip()
        # A claim ending just inside the quotation may end on its closing mark.
        part = part.strip("".join(_MARKS)).strip().rstrip(",;:").rstrip()
        if part:
            parts.append(part)
    return QUOTE_PART_SEPARATOR.join(parts)
