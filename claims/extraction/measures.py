"""What a figure measures, read from the words around it ("quarterly revenue").

Deliberately conservative: a measure is given only when a pattern below fits,
otherwise "". A wrong measure misleads a fact-checker more than a missing one.

* money: the business metric right after ("$11.5 billion in quarterly
  revenue") or the nearest one before it in the same clause ("quarterly
  revenue grew 17% to $11.5 billion");
* percentages: "N% of X" is "share of X"; next to a change word it is
  "<metric> growth" / "<metric> decline", plus "year over year" when the
  text says so;
* counts: "100+ day strike" is "strike length in days"; "3 million
  subscribers" is "subscribers".
"""

from __future__ import annotations

import re

# Sentence parts beyond these marks belong to another clause.
_CLAUSE_BREAK = re.compile(r"[;:]|,\s+(?:but|though|although|while|whereas)\b|\s[\u2014\u2013-]\s")
_WINDOW = 90

_METRIC = re.compile(
    r"\b(?:(?P<mod>quarterly|annual|yearly|monthly|full-year|(?:first|second|third|fourth)-quarter"
    r"|Q[1-4]|net|operating|gross|total|advertising|ad|streaming)\s+)?"
    r"(?P<head>revenues?|sales|profits?|net income|income|earnings|operating margin|margins?"
    r"|subscribers|members|users|customers|prices?|shares|stock|valuation|market value"
    r"|market share|GDP|inflation|unemployment|wages|spending|costs?|budget|debt|deficit"
    r"|exports|imports|output|cash flow|EBITDA|turnover|funding|investment|fine|settlement"
    r"|deal|acquisition|contract|loss(?:es)?|savings)\b"
)
_GROWTH = re.compile(
    r"\b(?:rose|rise[sn]?|grew|grow(?:s|n|th)?|increase[sd]?|jump(?:ed|s)?|climb(?:ed|s)?|"
    r"gain(?:ed|s)?|up|higher|surg(?:ed|es)|soar(?:ed|s)|advanc(?:ed|es))\b"
)
_DECLINE = re.compile(
    r"\b(?:fell|fall(?:s|en)?|declin(?:ed|es?)|decrease[sd]?|drop(?:ped|s)?|down|lower|"
    r"sl(?:id|ides)|slump(?:ed|s)?|plung(?:ed|es)|shr(?:ank|inks))\b"
)
_YEAR_ON_YEAR = re.compile(
    r"\b(?:year[- ](?:over|on)[- ]year|y/y|yoy|from a year (?:earlier|ago)|"
    r"(?:compared )?with a year (?:earlier|ago))\b",
    re.IGNORECASE,
)
_METRIC_AFTER = re.compile(rf"^\s*(?:in|of)?\s*(?:its\s+|their\s+|the\s+)?{_METRIC.pattern}")
_SHARE_OF = re.compile(
    r"^\s*of\s+(?:the\s+|its\s+|their\s+|all\s+)?"
    r"(?P<what>[\w\u2019'-]+(?:\s+[\w\u2019'-]+){0,3}?)"
    r"(?=\s*(?:[,.;:)]|$)|\s+(?:in|on|at|by|for|from|to|and|was|were|is|are|that|than|since)\b)"
)
_DURATION = re.compile(
    r"^[\s-]?(?P<unit>day|week|month|year|hour|minute)s?[- ](?:long\s+)?"
    r"(?P<noun>(?:[\w\u2019'-]+\s+){0,2}?[\w-]+)(?=\s+(?:in|on|at|by|for|from|of|to|that|which)\b|[,.;:]|$)"
)
_COUNTED = re.compile(
    r"^\s+(?P<noun>(?:new|active|paid|more|additional|full-time)\s+)?"
    r"(?P<head>people|staff|[a-z]{3,}s)\b"
)
_NOT_NOUNS = frozenset(
    {"was", "has", "does", "this", "its", "his", "plus", "less", "across", "thus", "yes", "as"}
)


def measure_of(text: str, start: int, end: int, unit: str) -> str:
    """What the figure ``text[start:end]`` of the given ``unit`` measures, or ""."""
    before, after = _clause_around(text, start, end)
    if unit in {"USD", "EUR", "GBP", "JPY"}:
        return _money_measure(before, after)
    if unit in {"percent", "percentage points"}:
        return _percent_measure(before, after)
    if unit == "count":
        return _count_measure(after)
    return ""


def _clause_around(text: str, start: int, end: int) -> tuple[str, str]:
    before = text[max(0, start - _WINDOW) : start]
    after = text[end : end + _WINDOW]
    breaks_before = list(_CLAUSE_BREAK.finditer(before))
    if breaks_before:
        before = before[breaks_before[-1].end() :]
    break_after = _CLAUSE_BREAK.search(after)
    if break_after:
        after = after[: break_after.start()]
    return before, after


# Heads that read better under another name ("shares rose 2%" is the share price).
_HEAD_NAMES = {"shares": "share price", "stock": "share price", "revenues": "revenue"}


def _phrase(match: re.Match[str], with_modifier: bool = True) -> str:
    head = match.group("head")
    head = head if head.isupper() else _HEAD_NAMES.get(head.lower(), head.lower())
    modifier = match.group("mod")
    return f"{modifier.lower()} {head}" if with_modifier and modifier else head


def _money_measure(before: str, after: str) -> str:
    right_after = _METRIC_AFTER.match(after)
    if right_after:
        return _phrase(right_after)
    earlier = list(_METRIC.finditer(before))
    return _phrase(earlier[-1]) if earlier else ""


def _percent_measure(before: str, after: str) -> str:
    share = _SHARE_OF.match(after)
    if share:
        return f"share of {share.group('what')}"
    direction = _nearest_direction(before, after)
    metrics = list(_METRIC.finditer(before))
    metric = metrics[-1] if metrics else _METRIC.search(after)
    if not direction or not metric:
        return ""
    measure = f"{_phrase(metric, with_modifier=False)} {direction}"
    if _YEAR_ON_YEAR.search(after) or _YEAR_ON_YEAR.search(before):
        measure += " year over year"
    return measure


def _nearest_direction(before: str, after: str) -> str:
    """ "growth" or "decline", from the change word nearest to the figure."""
    candidates: list[tuple[int, str]] = []
    for pattern, label in ((_GROWTH, "growth"), (_DECLINE, "decline")):
        for match in pattern.finditer(before):
            candidates.append((len(before) - match.end(), label))
        for match in pattern.finditer(after):
            candidates.append((match.start(), label))
    return min(candidates)[1] if candidates else ""


def _count_measure(after: str) -> str:
    duration = _DURATION.match(after)
    if duration:
        noun = duration.group("noun").split()[-1]
        return f"{noun} length in {duration.group('unit')}s"
    counted = _COUNTED.match(after)
    if counted and counted.group("head") not in _NOT_NOUNS:
        return ((counted.group("noun") or "") + counted.group("head")).strip()
    return ""
