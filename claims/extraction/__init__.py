"""Check-worthy claim extraction for FactDesk (pure Python, no Django).

>>> from claims.extraction import extract_candidates
>>> [c.kind for c in extract_candidates("Revenue rose 17% to $11.5 billion, Netflix said.")]
['statistic']
"""

from .boilerplate import BoilerplateSpan, boilerplate_spans
from .figures import Figure
from .pipeline import EXTRACTOR_VERSION, MIN_CHECKWORTHINESS, CandidateClaim, extract_candidates

__all__ = [
    "EXTRACTOR_VERSION",
    "MIN_CHECKWORTHINESS",
    "BoilerplateSpan",
    "CandidateClaim",
    "Figure",
    "boilerplate_spans",
    "extract_candidates",
]
