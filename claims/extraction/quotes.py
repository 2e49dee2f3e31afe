"""Find quoted regions in a paragraph and tell direct speech from titles and scare quotes.

Quotes are paired per paragraph, not per sentence, because a quotation often
spans several sentences ("“It takes ... exceptional,” Sarandos stated. “AI can ...”").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN_CURLY, _CLOSE_CURLY, _STRAIGHT = "“", "”", '"'
_TOKEN = re.compile(r"[A-Za-z0-9][\w\u2019'-]*")
# Lower-case joiners that may sit inside a title ("Lord of the Rings").
_TITLE_JOINERS = frozenset({"of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "or"})
# Fewer words than this is a scare quote ("all in", "fully invest"), not speech.
_MIN_SPEECH_WORDS = 3


@dataclass(frozen=True)
class QuoteRegion:
    """A quoted stretch ``body[start:end]`` including its quote marks."""

    start: int
    end: int
    is_speech: bool


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
        if char not in (_OPEN_CURLY, _CLOSE_CURLY, _STRAIGHT):
            continue
        opening = char == _OPEN_CURLY or (
            char == _STRAIGHT and (index == start or body[index - 1] in " \t([{—\u2013-")
        )
        if opening:
            # A new opener while one is pending means the earlier one was stray.
            open_at = index
        elif open_at is not None:
            regions.append(_region(body, open_at, index + 1))
            open_at = None
    if open_at is not None and end - open_at > 1:
        regions.append(_region(body, open_at, end))
    return regions


def _region(body: str, start: int, end: int) -> QuoteRegion:
    return QuoteRegion(start, end, is_direct_speech(body[start + 1 : end - 1]))


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
