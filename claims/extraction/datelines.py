"""Wire-style datelines at the start of a paragraph: "NEW YORK (Reuters) —".

A dateline says where and when the story was filed, not what happened, so
it is cut out of claim text (and reported as boilerplate) like page furniture.
Recognised shapes, each at the very start of a line:

* ``NEW YORK (Reuters) —``, ``WASHINGTON —``, ``ST. LOUIS, Mo. —``
* ``SAN FRANCISCO, Oct. 21 (AP) -``, ``LONDON, March 3, 2025 --``
* ``Paris (AFP) \u2013`` (a place not in capitals needs the agency in brackets)
* a line holding only a dateline with a date or agency: ``NEW YORK, Oct. 21 (Reuters)``
* a colon instead of the dash: ``Tokyo, Oct 4:``, ``BERLIN:``
* in the story's opening line only, a place in title case with a dash or colon
  and no date or agency (``Nairobi —``, ``Berlin:``), when a capitalised
  sentence follows: elsewhere "Netflix — the streaming giant —" is prose.
"""

from __future__ import annotations

import re

_MONTH = (
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?|January|February|March|April"
    r"|May|June|July|August|September|October|November|December"
)
_AGENCIES = (
    r"Reuters|AP|AFP|Bloomberg|UPI|dpa|DPA|Xinhua|Kyodo|Yonhap|ANSA|EFE|TASS|PA|CNN|BBC|"
    r"CNBC|PTI|ANI|IANS|CP|Canadian Press|Associated Press|The Associated Press|AP Photo"
)
_DATELINE = re.compile(
    r"^(?:(?P<caps>[A-Z][A-Z.'\u2019]+(?:\s+[A-Z][A-Z.'\u2019]+){0,3})"
    r"|(?P<place>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}))"
    # ", Calif." / ", England"
    r"(?:,\s+[A-Z][a-z]+\.?(?:\s+[A-Z][a-z]+\.?)?)?"
    rf"(?P<date>,\s+(?:(?:{_MONTH})\s+\d{{1,2}}|\d{{1,2}}\s+(?:{_MONTH}))(?:,?\s+\d{{4}})?)?"
    # Any bracketed source after a place in capitals; a known agency otherwise.
    rf"(?P<agency>\s*\((?:(?P<known>{_AGENCIES})|[A-Z][\w.&'\u2019 -]{{0,30}})\))?"
    # The dateline ends in a dash before the story, or ends the line.
    r"(?:(?P<dash>\s*(?:\u2014|\u2013|--|-))(?=\s)|(?P<colon>:)(?=\s)|\s*$)"
)
# What a bare title-case dateline must be followed by: the story's first word.
_SENTENCE_START = re.compile(r"\s+[\"\u201c\u2018']?[A-Z0-9]")
# All-capital openers that are organisations or labels, not places.
_NOT_PLACES = frozenset(
    {"NASA", "NATO", "OPEC", "FIFA", "UEFA", "UPDATE", "BREAKING", "NOTE", "ANALYSIS", "EXCLUSIVE"}
)
# Labels that open a line like a place would ("Update:", "Watch -").
_LABELS = frozenset(
    {
        "update",
        "breaking",
        "note",
        "analysis",
        "exclusive",
        "watch",
        "live",
        "opinion",
        "editorial",
        "video",
        "photos",
        "listen",
        "read",
        "related",
        "source",
        "sources",
        "credit",
        "image",
        "photo",
        "disclaimer",
        "disclosure",
        "correction",
        "editor",
        "summary",
        "background",
        "context",
    }
)


def dateline_length(line: str, *, opening: bool = False) -> int:
    """How many leading characters of ``line`` are a dateline (0 if none).

    The length covers the dateline and its dash or colon, not the space after
    it. ``opening``: the line is the story's first (after its title), where a
    bare place in title case may stand as the dateline.
    """
    match = _DATELINE.match(line)
    if not match:
        return 0
    anchored = bool(match.group("date") or match.group("agency"))
    separated = bool(match.group("dash") or match.group("colon"))
    caps = match.group("caps")
    place = caps or match.group("place") or ""
    if place.lower() in _LABELS or caps in _NOT_PLACES:
        return 0
    # "Netflix -" or "Sarandos (CEO) -" is a sentence, not a dateline, except as
    # the story's opening words before its first capitalised sentence.
    bare_opening = opening and separated and _SENTENCE_START.match(line, match.end())
    if caps is None and not (match.group("known") or match.group("date") or bare_opening):
        return 0
    if caps is not None and not anchored:
        letters = sum(ch.isalpha() for ch in caps)
        if letters < 4 or not separated:
            return 0  # "AI - ...", "NASA - ..." or a heading "NEW YORK"
    if match.group("colon") and not _SENTENCE_START.match(line, match.end()):
        return 0  # "Paris: a city of light" reads as a heading, not a dateline
    return len(line[: match.end()].rstrip())
