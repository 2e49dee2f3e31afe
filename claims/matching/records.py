"""The claim record the matcher works on: what the Django side passes in."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["ClaimRecord"]


@dataclass(frozen=True)
class ClaimRecord:
    """One extracted claim of one article, as stored by the Django side.

    ``figures`` holds ``Figure.as_dict()`` dicts (text, value, unit, measure,
    offsets). It is left out of the hash (dicts are unhashable) but still
    compared, so records can be dict keys and set members.
    """

    id: int
    source: int  # article id; two claims of the same source never share a cluster
    outlet: str
    text: str
    kind: str
    speaker: str = ""
    quoted_text: str = ""
    figures: tuple[dict, ...] = field(default=(), hash=False)
    is_primary: bool = False  # from a primary document (shareholder letter, transcript)
    published: str = ""  # the article's publication date (ISO), when known
