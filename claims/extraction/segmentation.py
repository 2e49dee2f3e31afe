"""Sentence spans with exact offsets into the original body.

Each non-blank line is a paragraph. pysbd is only trusted for *where* sentences
end: its char spans come from re-searching sentence strings in the text, which
can skip or misplace repeated sentences. We therefore turn its span ends into
cut points and slice the paragraph ourselves, so every character is covered
exactly once and ``body[start:end]`` always equals the sentence text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import pysbd

from .text_utils import iter_lines

# List markers are layout, not content: "  • Personalized ..." starts at "P".
_LEADING_BULLET = re.compile(r"^[•●▪◦·*\-\u2013]\s+")

# Cuts pysbd may place after an abbreviation that never ends a sentence. Titles
# always precede a name ("Gov. Newsom"); these others precede a number ("Oct. 21",
# "No. 3", "Approx. 100"); "a.m."/"p.m." precede a weekday or time zone.
_TITLE_BEFORE_CUT = re.compile(
    r"(?:^|[\s(\"“])(?:Mr|Mrs|Ms|Mx|Dr|Prof|Sen|Sens|Rep|Reps|Gov|Gen|Lt|Col|Maj|Capt|Cmdr|"
    r"Adm|Sgt|Cpl|Rev|Hon|Pres|Supt|Det|Insp|Messrs|Approx|approx|vs|Vs)\.\s*$"
)
_NUMBER_ABBREVIATION_BEFORE_CUT = re.compile(
    r"(?:^|[\s(])(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Nos|Art|Sec|"
    r"est|ca|approx)\.\s*$"
)
_CLOCK_BEFORE_CUT = re.compile(r"\b[ap]\.m\.\s*$")
_AFTER_CLOCK = re.compile(
    r"\s*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|ET|EST|EDT|PT|PST|"
    r"PDT|CT|CST|CDT|GMT|UTC|BST|CET|local time)\b"
)
# "U.S. officials" / "etc. and": a short abbreviation followed by a lower-case word.
_SHORT_ABBREVIATION_BEFORE_CUT = re.compile(r"(?:^|\s)(?:[A-Za-z]\.){2,}\s*$|\betc\.\s*$")
# How far before a cut the abbreviations above are looked for (with the spaces after them).
_ABBREVIATION_WINDOW = 80
_NEXT_CHAR = re.compile(r"\S")
# Copy pasted from pages loses the space after a full stop ("stagnation.A rate cut",
# "the UK.Thursday's decision"): a word of three small letters or two capitals, a stop, then
# a capitalised word is a new sentence all the same.
_GLUED_SENTENCE = re.compile(
    r"(?:(?<=[a-z]{3}[.!?])|(?<=\b[A-Z]{2}\.))(?=(?:[A-Z][a-z]{2,}|A\s|I\s)[\w\s\u2019'])"
)
# Lines longer than this are segmented in pieces of at most this many characters,
# cut where a sentence ends when the piece has one (see _sentence_ends).
_PYSBD_PIECE_CHARS = 10_000
_PIECE_BREAK = re.compile(r"[.!?\u3002\uff01\uff1f][\"\u201d\u2019')\]]*\s+")


@dataclass(frozen=True)
class Paragraph:
    """A non-blank line of the body, trimmed: ``body[start:end]``."""

    index: int
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    """A trimmed sentence ``body[start:end] == text`` inside paragraph ``paragraph``."""

    start: int
    end: int
    text: str
    paragraph: int


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    # clean=False keeps the text byte-for-byte so offsets stay valid.
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def paragraphs(body: str) -> list[Paragraph]:
    """Every non-blank line of ``body`` as a paragraph, in order."""
    return [Paragraph(i, start, end) for i, (start, end) in enumerate(iter_lines(body))]


def sentences(
    body: str, paragraph: Paragraph, blocked: Sequence[tuple[int, int]] = ()
) -> list[Sentence]:
    """Split one paragraph into sentences, skipping any ``blocked`` (start, end) regions.

    Blocked regions (boilerplate) are cut out before segmentation so that no
    sentence can straddle page furniture.
    """
    result: list[Sentence] = []
    for start, end in _free_ranges(paragraph.start, paragraph.end, blocked):
        chunk = body[start:end]
        cuts = sorted(
            {
                cut
                for cut in _sentence_ends(chunk)
                if 0 < cut < len(chunk) and not _is_false_cut(chunk, cut)
            }
            | {match.start() for match in _GLUED_SENTENCE.finditer(chunk)}
        )
        previous = 0
        for cut in [*cuts, len(chunk)]:
            at_line_start = start + previous == paragraph.start
            sentence = _trimmed(body, start + previous, start + cut, paragraph.index, at_line_start)
            if sentence is not None:
                result.append(sentence)
            previous = cut
    return result


def _sentence_ends(chunk: str) -> list[int]:
    # pysbd's time grows with the square of its input (it re-searches the whole text
    # for every sentence and abbreviation), so a very long line goes to it in pieces.
    ends: list[int] = []
    start = 0
    while len(chunk) - start > _PYSBD_PIECE_CHARS:
        stop = _piece_end(chunk, start)
        ends.extend(start + end for end in _pysbd_ends(chunk[start:stop]))
        ends.append(stop)
        start = stop
    ends.extend(start + end for end in _pysbd_ends(chunk[start:]))
    return ends


def _piece_end(chunk: str, start: int) -> int:
    """Where the piece of ``chunk`` from ``start`` ends: after the last sentence-final
    mark in its second half, else after its last space, else at the size limit."""
    limit = start + _PYSBD_PIECE_CHARS
    breaks = list(_PIECE_BREAK.finditer(chunk, start + _PYSBD_PIECE_CHARS // 2, limit))
    if breaks:
        return breaks[-1].end()
    space = chunk.rfind(" ", start + 1, limit)
    return space + 1 if space != -1 else limit


def _pysbd_ends(text: str) -> list[int]:
    try:
        return [span.end for span in _segmenter().segment(text)]
    except Exception:
        # pysbd's rule engine can trip on odd input; one unsplit sentence is
        # better than losing the whole article.
        return []


def _is_false_cut(chunk: str, cut: int) -> bool:
    """Whether pysbd cut after an abbreviation that cannot end this sentence."""
    # Abbreviations are short, so only the text just before the cut is searched:
    # re-reading the paragraph from its start at every cut was quadratic.
    window = max(0, cut - _ABBREVIATION_WINDOW)
    following = _NEXT_CHAR.search(chunk, cut)
    next_char = following.group() if following else ""
    if _TITLE_BEFORE_CUT.search(chunk, window, cut):
        return True
    if _NUMBER_ABBREVIATION_BEFORE_CUT.search(chunk, window, cut) and next_char.isdigit():
        return True
    if _CLOCK_BEFORE_CUT.search(chunk, window, cut) and _AFTER_CLOCK.match(chunk, cut):
        return True
    return bool(_SHORT_ABBREVIATION_BEFORE_CUT.search(chunk, window, cut)) and next_char.islower()


def _free_ranges(start: int, end: int, blocked: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    cursor = start
    for block_start, block_end in sorted(blocked):
        if block_end <= cursor or block_start >= end:
            continue
        if block_start > cursor:
            ranges.append((cursor, block_start))
        cursor = max(cursor, block_end)
    if cursor < end:
        ranges.append((cursor, end))
    return ranges


def _trimmed(
    body: str, start: int, end: int, paragraph: int, at_line_start: bool
) -> Sentence | None:
    text = body[start:end]
    stripped = text.strip()
    if not stripped:
        return None
    start += len(text) - len(text.lstrip())
    bullet = _LEADING_BULLET.match(stripped) if at_line_start else None
    if bullet and len(stripped) > bullet.end():
        start += bullet.end()
        stripped = stripped[bullet.end() :]
    return Sentence(start, start + len(stripped), stripped, paragraph)
