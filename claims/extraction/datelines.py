"""Wire-style datelines at the start of a paragraph: "NEW YORK (Reuters) —".

A dateline says where and when the story was filed, not what happened, so
it is cut out of claim text (and reported as boilerplate) like page furniture.
Recognised shapes, each at the very start of a line:

* ``NEW YORK (Reuters) —``, ``WASHINGTON —``, ``ST. LOUIS, Mo. —``
* ``SAN FRANCISCO, Oct. 21 (AP) -``, ``LONDON, March 3, 2025 --``
* ``Paris (AFP) \u2013`` (a place not in capitals needs the agency in brackets)
* a line holding only a dateline with a date or agency: ``NEW YORK, Oct. 21 (Reuters)``
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
    rf"(?P<date>,\s+(?:{_MONTH})\s+\d{{1,2}}(?:,\s+\d{{4}})?)?"
    # Any bracketed source after a place in capitals; a known agency otherwise.
    rf"(?P<agency>\s*\((?:(?P<known>{_AGENCIES})|[A-Z][\w.&'\u2019 -]{{0,30}})\))?"
    # The dateline ends in a dash before the story, or ends the line.
    r"(?:(?P<dash>\s*(?:\u2014|\u2013|--|-))(?=\s)|\s*$)"
)
# All-capital openers that are organisations or labels, not places.
_NOT_PLACES = frozenset({"NASA", "NATO", "OPEC", "FIFA", "UEFA", "UPDATE", "BREAKING", "NOTE"})


def dateline_length(line: str) -> int:
    """How many leading characters of ``line`` are a dateline (0 if none).

    The length covers the dateline and its dash, not the space after it.
    """
    match = _DATELINE.match(line)
    if not match:
        return 0
    anchored = bool(match.group("date") or match.group("agency"))
    caps = match.group("caps")
    if caps is None and not match.group("known"):
        return 0  # "Netflix -" or "Sarandos (CEO) -" is a sentence, not a dateline
    if caps is not None and not anchored:
        letters = sum(ch.isalpha() for ch in caps)
        if letters < 4 or caps in _NOT_PLACES or not match.group("dash"):
            return 0  # "AI - ...", "NASA - ..." or a heading "NEW YORK"
    return len(line[: match.end()].rstrip())
