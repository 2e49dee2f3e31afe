"""Find quoted regions in a paragraph and tell direct speech from titles and scare quotes.

Quotes are paired per paragraph, not per sentence, because a quotation often
spans several sentences ("“It takes ... exceptional,” Sarandos stated. “AI can ...”").

Marks understood (see docs/extraction.md, "Quotes"):

* double quotes, straight ``"`` or curly “…”, and low-high „…“ / „…”;
* guillemets «…» with or without inner (non-breaking) spaces;
* single quotes, curly (U+2018 … U+2019) or straight '…', told from apostrophes by
  position: a mark between letters (don't, the Bank's) or before a year ('90s) is an
  apostrophe;
  an opening mark needs a space, bracket, dash or outer quote before it and a
  letter or digit after it;
* quotes nested in quotes (“He said 'never',” she said): only the outermost
  quotation is a region, the inner marks are part of its words;
* a quotation running over several paragraphs: each paragraph opens it again and only
  the last one closes it, so an unclosed quotation runs to the paragraph end.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

# Marks by role. “ closes a „ (German style) and opens otherwise; ” that opens a
# line (”I am…,” she said) is a misprinted opener.
DOUBLE_OPENERS = "“„«"
DOUBLE_CLOSERS = "”»"
SINGLE_OPENER, SINGLE_CLOSER = "\u2018", "\u2019"
_STRAIGHT, _STRAIGHT_SINGLE = '"', "'"
QUOTE_MARKS = frozenset(DOUBLE_OPENERS + DOUBLE_CLOSERS + SINGLE_OPENER + SINGLE_CLOSER + '"' + "'")
# Marks that may open a paragraph continuing the previous paragraph's quotation.
OPENING_MARKS = DOUBLE_OPENERS + SINGLE_OPENER + _STRAIGHT + _STRAIGHT_SINGLE + "”"
_DOUBLE_MARKS = frozenset("“”„" + _STRAIGHT)
# What may stand right before an opening mark.
_BEFORE_OPENER = frozenset(" \t\n\u00a0\u202f([{—\u2013-/" + DOUBLE_OPENERS + SINGLE_OPENER + '"')
_SPACES = frozenset(" \t\n\u00a0\u202f")
_TOKEN = re.compile(r"[^\W_][\w\u2019'-]*")
_FIRST_ALNUM = re.compile(r"[^\W_]")
# '90s, '07: an apostrophe standing for the century.
_YEAR_ELISION = re.compile(r"\d\d(?:s\b|\b)")
# Lower-case joiners that may sit inside a title ("Lord of the Rings").
_TITLE_JOINERS = frozenset({"of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "or"})
# Fewer words than this is a scare quote ("all in", "fully invest"), not speech.
_MIN_SPEECH_WORDS = 3
# Joins the parts of one claim's quotation that an attribution interrupts.
QUOTE_PART_SEPARATOR = " … "
# A single closing mark that cannot be a plural possessive: not after "s", not before a letter.
_SURE_SINGLE_CLOSER = re.compile(r"(?<=\S)(?<!s)[\u2019'](?![^\W_])")
_STRIPPED_MARKS = "".join(sorted(_DOUBLE_MARKS)) + "\u2018\u2019"
# Openers of one kind pending at once: deeper nesting than this is not prose.
_MAX_DEPTH = 8


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


# Opener kinds on the scanner's stack, and the closers each accepts.
_CURLY, _LOW, _GUILLEMET, _STRAIGHT_DOUBLE, _SINGLE = (
    "curly",
    "low",
    "guillemet",
    "straight",
    "single",
)
_DOUBLE_KINDS = (_CURLY, _LOW, _STRAIGHT_DOUBLE)
# A stray single opener (an apostrophe after a space) hides the rest of a paragraph:
# the scan restarts after it, a bounded number of times, then ignores single marks.
_MAX_SINGLE_RETRIES = 3


def find_quote_regions(body: str, start: int, end: int) -> list[QuoteRegion]:
    """Pair the quote marks inside ``body[start:end]`` and classify each outermost region.

    An unclosed double quotation runs to the end of the paragraph (it continues in the
    next one, or past a truncated line); an unclosed single one does only when it
    opens the paragraph, otherwise its mark was an apostrophe.
    """
    lead = start + len(body[start:end]) - len(body[start:end].lstrip())
    regions: list[QuoteRegion] = []
    position, retries = start, 0
    while True:
        found, stray = _scan(body, position, end, lead, singles=retries < _MAX_SINGLE_RETRIES)
        if stray is None:
            return regions + found
        regions.extend(region for region in found if region.end <= stray)
        position, retries = stray + 1, retries + 1


def _scan(
    body: str, start: int, end: int, lead: int, *, singles: bool
) -> tuple[list[QuoteRegion], int | None]:
    """Regions of ``body[start:end]``, and where a stray single opener left it unclosed."""
    regions: list[QuoteRegion] = []
    stack: list[tuple[int, str]] = []  # (offset of the opening mark, kind)
    last_closer = _last_single_closer(body, start, end) if singles else -1

    def close(depth: int, index: int) -> None:
        opened = stack[depth][0]
        del stack[depth:]
        if not stack:
            regions.append(_region(body, opened, index + 1, closed=True))

    def innermost(*kinds: str) -> int | None:
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][1] in kinds:
                return depth
        return None

    for index in range(start, end):
        char = body[index]
        if char not in QUOTE_MARKS:
            continue
        before = body[index - 1] if index > lead else " "
        after = body[index + 1] if index + 1 < end else " "
        opens = before in _BEFORE_OPENER and not after.isspace()
        if char in _DOUBLE_MARKS:
            _double(char, index, opens, stack, close, innermost)
        elif char == "«":
            stack.append((index, _GUILLEMET))
        elif char == "»":
            depth = innermost(_GUILLEMET)
            if depth is not None:
                close(depth, index)
        elif singles:
            _single(
                body, char, index, end, before, after, opens, stack, close, innermost, last_closer
            )
        if len(stack) > _MAX_DEPTH:
            del stack[1:]  # not prose: keep only the outermost opener
    if not stack:
        return regions, None
    opened, kind = stack[0]
    if kind == _SINGLE and opened != lead:
        return regions, opened
    if end - opened > 1:
        regions.append(_region(body, opened, end, closed=False))
    return regions, None


def _double(char, index, opens, stack, close, innermost) -> None:
    top = stack[-1][1] if stack else None
    if char == "„":
        stack.append((index, _LOW))
    elif char == "“":
        if top == _LOW:
            close(len(stack) - 1, index)
        elif top == _CURLY:
            # A new opener while one is pending means the earlier one was stray.
            stack[-1] = (index, _CURLY)
        else:
            stack.append((index, _CURLY))
    elif char == "”":
        depth = innermost(*_DOUBLE_KINDS)
        if depth is not None:
            close(depth, index)
        elif opens and not stack:
            stack.append((index, _CURLY))  # ”I am…,” — a misprinted opener
    elif opens:  # straight, in opening position
        if top == _STRAIGHT_DOUBLE:
            stack[-1] = (index, _STRAIGHT_DOUBLE)
        else:
            stack.append((index, _STRAIGHT_DOUBLE))
    else:  # straight, closing position; also closes a curly opener (mixed typography)
        depth = innermost(*_DOUBLE_KINDS)
        if depth is not None:
            close(depth, index)


def _single(body, char, index, end, before, after, opens, stack, close, innermost, last_closer):
    if before.isalnum() and after.isalnum():
        return  # don't, the Bank's
    if char in (SINGLE_OPENER, _STRAIGHT_SINGLE) and opens and (after.isalnum() or after in "[(…"):
        if _YEAR_ELISION.match(body, index + 1, end):
            return  # '90s
        stack.append((index, _SINGLE))
        return
    if char == SINGLE_OPENER or before in _SPACES:
        return  # 'em, a stray opener
    depth = innermost(_SINGLE)
    if depth is None:
        return  # the players' union
    if before == "s" and after == " " and last_closer > index:
        return  # "the players' union" inside a quotation that closes later
    close(depth, index)


def _last_single_closer(body: str, start: int, end: int) -> int:
    """Where the paragraph's last single closing mark that cannot be a plural
    possessive ("…,' she said") is, or -1."""
    last = -1
    for match in _SURE_SINGLE_CLOSER.finditer(body, start, end):
        last = match.start()
    return last


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
        part = part.strip(_STRIPPED_MARKS).strip().rstrip(",;:").rstrip()
        if part:
            parts.append(part)
    return QUOTE_PART_SEPARATOR.join(parts)
