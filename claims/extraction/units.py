"""Claim units: sentences, split further where one sentence holds several claims.

Two splits, both on exact body offsets so ``body[start:end] == text`` holds
and units never overlap:

* **Separate quotations.** "Sarandos expressed confidence that “AI is going
  to help us…,” while firmly stating, “We are not worried…”" holds two direct
  quotations, so it yields two units, each keeping its own attribution words.
  A quotation resumed in lower case after a tag ("“A,” he said, “and b.”") is
  one quotation interrupted, not two, and is not split.
* **Dash and semicolon clauses**, only as a rescue: when a whole sentence is
  below the threshold (the reporter's hedged main clause), a clause after
  " — " or "; " that clears it on its own ("— even if an AI actor recently
  caused quite a stir…") is still surfaced. Sentences that clear the
  threshold are never cut this way.
* **Atomic facts.** A sentence stating two facts a checker would verify
  separately yields one unit per fact: "revenue rose 17% to $11.5 billion,
  though that fell short of forecasts" (a concession, after ", though", ",
  although", ", but" or ", yet": both sides state a figure or a completed
  event; a comparison with "while" or "whereas" is one fact and stays
  whole) and "12 people died and 40 were injured, police said" (two clauses
  joined by "and", the second with its own figure as subject and its own
  verb). The candidate cuts are found here (:func:`fact_cuts`); the pipeline keeps them
  only when every part clears the threshold on its own, and each part keeps
  the sentence's speaker. Ordinary sentences are not cut: lists ("X, Y and
  Z"), a figure with its context ("rose 17% to $11.5 billion") and clauses of
  fewer than three words stay whole.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from .quotes import QuoteRegion
from .segmentation import Sentence

_WORD = re.compile(r"[^\W_]")
_TOKEN = re.compile(r"\S+")  # what str.split() splits into
# The end of a speech tag between two quotations: "“A,” he said, “B.”".
_TAG_END = re.compile(r"[,;:]\s")
_CLAUSE_SEPARATOR = re.compile(r"\s[\u2014\u2013-]\s|;\s")  # em dash, en dash, hyphen
# A clause shorter than this is a fragment ("— or so he tells investors").
_MIN_CLAUSE_WORDS = 6
# A concession between two facts: ", though that fell short", ", but fell short".
# Not "while"/"whereas": "X received 185 votes, while Y garnered 156" is one
# comparison, checked as a whole.
_CONTRAST = re.compile(r",\s+(?:though|although|but|yet)\s+", re.IGNORECASE)
# "... died and 40 were injured": "and" opening a new clause whose subject is a
# figure (or a short noun phrase) followed by its own verb.
_NUMBER = (
    r"(?:\d[\d,.]*%?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"twenty|thirty|forty|fifty|hundreds?|thousands?|dozens?|millions?)"
)
_NEW_CLAUSE_AND = re.compile(
    rf",?\s+and\s+(?=(?:(?:another|more than|about|nearly|over|some|at least)\s+)?{_NUMBER}"
    r"(?:\s+[a-z]+){0,2}\s+(?:were|was|have|had|has|are|is|died|fled|remain|remained)\b)",
    re.IGNORECASE,
)
_MIN_FACT_WORDS = 3


def split_quotations(
    body: str, sentence: Sentence, regions: Sequence[QuoteRegion]
) -> list[Sentence]:
    """``sentence`` as one unit per separate direct quotation it holds (usually just itself).

    The cut between two quotations goes right after the first one's closing
    mark when words before it introduced it ("X said that “A,” while adding,
    “B”"); otherwise the words after it are its tag ("“A,” X said, “B”") and
    the cut goes after that tag's comma.
    """
    speech = [
        r for r in regions if r.is_speech and r.start < sentence.end and r.end > sentence.start
    ]
    cuts: list[int] = []
    piece_start = sentence.start
    for first, second in pairwise(speech):
        if not (first.closed and piece_start < second.start < sentence.end):
            continue
        if not second.first_char.isupper():
            continue  # the same quotation resumes after its tag
        introduced = _has_words(body[piece_start : max(first.start, piece_start)], 2)
        if introduced:
            cut = first.end
        else:
            tag_end = _TAG_END.search(body, first.end, second.start)
            cut = tag_end.end() if tag_end else second.start
        if _has_words(body[piece_start:cut], 1) and _has_words(body[cut : sentence.end], 1):
            cuts.append(cut)
            piece_start = cut
    return _pieces(body, sentence, cuts) if cuts else [sentence]


def dash_clauses(body: str, sentence: Sentence) -> list[Sentence]:
    """The clauses of ``sentence`` between " — ", " - " or "; ", or [] if it has none.

    Clauses shorter than six words stay attached to the clause before them.
    """
    separators = list(_CLAUSE_SEPARATOR.finditer(body, sentence.start, sentence.end))
    # Words between neighbouring separators, counted once: separators hold no words and
    # end in whitespace, so the words on either side of any separator are sums of these
    # (recounting the whole stretch at every separator was quadratic).
    bounds = [sentence.start, *(i for s in separators for i in s.span()), sentence.end]
    between = [_word_count(body[a:b]) for a, b in zip(bounds[::2], bounds[1::2], strict=True)]
    cuts: list[tuple[int, int]] = []
    before, after = 0, sum(between)
    for separator, words in zip(separators, between, strict=False):
        before, after = before + words, after - words
        if before >= _MIN_CLAUSE_WORDS and after >= _MIN_CLAUSE_WORDS:
            cuts.append((separator.start(), separator.end()))
            before = 0
    if not cuts:
        return []
    return cut_units(body, sentence, cuts)


def fact_cuts(
    body: str, sentence: Sentence, quoted: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Where ``sentence`` may be cut into separately checkable facts: (start, end) of
    each separator ("…, though ", " and "), outside quotations, between parts of
    at least three words. The caller decides whether the parts are facts."""
    separators = [
        *_CONTRAST.finditer(body, sentence.start, sentence.end),
        *_NEW_CLAUSE_AND.finditer(body, sentence.start, sentence.end),
    ]
    cuts: list[tuple[int, int]] = []
    previous = sentence.start
    for separator in sorted(separators, key=lambda m: m.start()):
        start, end = separator.span()
        if any(q_start < end and start < q_end for q_start, q_end in quoted):
            continue  # a quotation is the source's sentence: never cut inside it
        if _word_count(body[previous:start]) < _MIN_FACT_WORDS:
            continue
        if _word_count(body[end : sentence.end]) < _MIN_FACT_WORDS:
            break
        cuts.append((start, end))
        previous = end
    return cuts


def cut_units(body: str, sentence: Sentence, cuts: Sequence[tuple[int, int]]) -> list[Sentence]:
    """The trimmed parts of ``sentence`` between the ``cuts`` (separators dropped)."""
    units = []
    start = sentence.start
    for cut_start, cut_end in [*cuts, (sentence.end, sentence.end)]:
        unit = trimmed(body, start, cut_start, sentence.paragraph)
        if unit is not None:
            units.append(unit)
        start = cut_end
    return units


def trimmed(body: str, start: int, end: int, paragraph: int) -> Sentence | None:
    """The whitespace-trimmed unit ``body[start:end]``, or None if it is blank."""
    text = body[start:end]
    stripped = text.strip()
    if not stripped:
        return None
    start += len(text) - len(text.lstrip())
    return Sentence(start, start + len(stripped), stripped, paragraph)


def _pieces(body: str, sentence: Sentence, cuts: list[int]) -> list[Sentence]:
    bounds = [sentence.start, *cuts, sentence.end]
    pieces = (trimmed(body, a, b, sentence.paragraph) for a, b in pairwise(bounds))
    return [piece for piece in pieces if piece is not None]


def _has_words(text: str, count: int) -> bool:
    # Stops at the count-th word: the text after a cut can run on for thousands more.
    found = 0
    for token in _TOKEN.finditer(text):
        if found >= count:
            break
        found += bool(_WORD.search(token.group()))
    return found >= count


def _word_count(text: str) -> int:
    return sum(1 for token in text.split() if _WORD.search(token))
