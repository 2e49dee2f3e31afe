"""Small text helpers shared by the extraction steps (offset-safe by design)."""

from __future__ import annotations

import re
from collections.abc import Iterator

_CURLY = str.maketrans({"\u2019": "'", "\u2018": "'", "“": '"', "”": '"', "\u00a0": " "})
_WORD = re.compile(r"[\w']+")


def iter_lines(body: str) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of every non-blank line with surrounding whitespace trimmed.

    Offsets index into ``body`` itself, so ``body[start:end]`` is the visible line.
    """
    position = 0
    for raw in body.splitlines(keepends=True):
        content = raw.rstrip("\r\n")
        stripped = content.strip()
        if stripped:
            start = position + (len(content) - len(content.lstrip()))
            yield start, start + len(stripped)
        position += len(raw)


def normalise(text: str) -> str:
    """Straighten quotes/apostrophes and collapse whitespace, for matching only."""
    return " ".join(text.translate(_CURLY).split())


def words(text: str) -> list[str]:
    """Lower-cased word tokens, apostrophes straightened."""
    return _WORD.findall(text.translate(_CURLY).lower())
