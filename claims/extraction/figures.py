"""Figures in claim text: money, percentages, counts, years, quarters, dates and times, parsed.

One compiled pattern finds every figure in a single left-to-right pass; the
alternatives are ordered so the most specific reading wins at each position
("$11.5 billion" is money, not a bare "11.5"; "Oct. 21, 2025" is one date,
not a date and a year). Numbers that belong to a name ("Sora 2", "Happy
Gilmore 2") are not figures.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass

from .measures import measure_of


@dataclass(frozen=True)
class Figure:
    """A figure in the body: ``body[start:end] == text``, with its normalised value.

    ``value`` is the number it stands for ("$11.5 billion" -> 11500000000.0,
    "17%" -> 17.0, "100+" -> 100.0, "Q3" -> 3.0, "2023" -> 2023.0; dates are
    YYYYMMDD with unknown parts 0, so "Oct. 21" -> 1021.0). ``unit`` is "USD",
    "EUR", "GBP", "JPY", "percent", "percentage points", "count", "number",
    "year", "decade", "quarter", "half", "date" or "time"; ``measure`` says
    what it measures when the sentence tells ("quarterly revenue"), else "".
    """

    text: str
    start: int
    end: int
    value: float
    unit: str
    measure: str = ""

    def as_dict(self) -> dict:
        """A JSON-serialisable dict of all fields."""
        return asdict(self)


_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6,
    "billion": 1e9, "bn": 1e9, "trillion": 1e12, "tn": 1e12,
}  # fmt: skip
_SCALE = r"(?:\s?(?P<{0}>trillion|billion|million|thousand)\b|(?P<{0}_abbr>bn|tn|mn|m|k)\b)?"
_CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_CURRENCY_WORDS = {"dollars": "USD", "euros": "EUR", "pounds": "GBP", "yen": "JPY"}
_NUMBER_WORDS = {
    word: float(number)
    for number, word in enumerate(
        (
            "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
            "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
            "seventeen", "eighteen", "nineteen", "twenty",
        )
    )
} | {"thirty": 30.0, "forty": 40.0, "fifty": 50.0, "sixty": 60.0, "seventy": 70.0,
     "eighty": 80.0, "ninety": 90.0, "a hundred": 100.0}  # fmt: skip
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"),
            ("May",), ("June", "Jun"), ("July", "Jul"), ("August", "Aug"),
            ("September", "Sept", "Sep"), ("October", "Oct"), ("November", "Nov"),
            ("December", "Dec"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
# Full names, or abbreviations with an optional full stop ("Oct. 21", "Oct 21").
_MONTH = "|".join(
    sorted((m if len(m) > 4 or m == "June" or m == "July" or m == "May" else rf"{m}\.?"
            for m in _MONTHS), key=len, reverse=True)
)  # fmt: skip
_ORDINALS = {"first": 1.0, "second": 2.0, "third": 3.0, "fourth": 4.0}

# Number words match case-insensitively in ASCII only ("(?ai:"): Unicode case folding
# would let "six" spelt with a long s (U+017F) match, then miss in the tables above.
_FIGURE = re.compile(
    "|".join(
        (
            # Money: "$11.5 billion", "US$3m", "€40", "USD 5 million", "5 million euros".
            rf"(?P<sign>US\$|\$|€|£|¥)\s?(?P<money>{_NUM}){_SCALE.format('mscale')}",
            rf"\b(?P<code>USD|EUR|GBP|JPY)\s?(?P<money2>{_NUM}){_SCALE.format('cscale')}",
            rf"\b(?P<money3>{_NUM})(?:\s(?P<wscale>trillion|billion|million|thousand))?"
            r"\s(?P<cword>dollars|euros|pounds|yen)\b",
            # Percentages and points: "17%", "17 percent", "2.5 percentage points", "ten percent".
            rf"(?<![\w.])(?P<pct>{_NUM}|(?ai:{'|'.join(_NUMBER_WORDS)}))"
            r"\s?(?P<pct_unit>%|(?:percentage points?|per ?cent)\b)",
            # Dates: "Oct. 21, 2025", "October 21", "21 October 2025", "October 2025".
            rf"\b(?P<month>{_MONTH})\s(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s(?P<dyear>\d{{4}})\b)?",
            rf"\b(?P<day2>\d{{1,2}})\s(?P<month2>{_MONTH})\b(?:\s(?P<dyear2>\d{{4}})\b)?",
            rf"\b(?P<month3>{_MONTH})\s(?P<myear>(?:1[89]|20)\d{{2}})\b",
            # Magnitudes and lower bounds: "3 million", "two billion", "100+".
            rf"\b(?P<mag>{_NUM}|(?ai:{'|'.join(_NUMBER_WORDS)}))\s(?P<mag_scale>trillion|billion|million|thousand)\b",
            rf"(?<![\w.])(?P<plus>{_NUM})\+",
            # Times of day: "10 a.m.", "5:30 pm".
            r"\b(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s?(?P<ampm>[ap]\.m\.|[ap]m\b)",
            # Quarters and halves: "Q3", "H1", "third quarter", "third-quarter".
            r"\b(?:Q(?P<q>[1-4])|H(?P<h>[12]))\b",
            r"\b(?P<qword>(?ai:first|second|third|fourth))[- ]quarter\b",
            # Years and decades: "2023", "the 1990s".
            r"(?<![\w.,$€£¥-])(?P<year>(?:1[89]|20)\d{2})(?P<decade>s)?(?![\w%+]|[.,]\d)",
            # Anything else numeric, unless glued to letters or other figures.
            rf"(?<![\w.,$€£¥/:-])(?P<bare>{_NUM})(?![\w%+:/]|[.,]\d)",
        )
    )
)
# Every alternative of _FIGURE needs a digit or one of these words.
_MAY_HOLD_FIGURE = re.compile(r"\d|(?i:percent|per cent|million|billion|trillion|thousand|quarter)")
# "Sora 2", "Happy Gilmore 2", "Section 230": a capitalised word right before a bare number.
_NAME_BEFORE = re.compile(r"([A-Z][\w\u2019'-]*)\s+$")
_NAME_WINDOW = 80
_NOT_NAMES = frozenset({"In", "On", "At", "By", "For", "From", "The", "About", "Over", "Some"})


def find_figures(text: str, offset: int = 0) -> list[Figure]:
    """Every figure in ``text``, in order, with offsets shifted by ``offset``.

    ``text`` should be a whole sentence (or claim): the measure is read from
    the words around each figure.
    """
    return [
        Figure(
            text=match.group(),
            start=offset + match.start(),
            end=offset + match.end(),
            value=value,
            unit=unit,
            measure=measure_of(text, match.start(), match.end(), unit),
        )
        for match, value, unit in _figure_matches(text)
    ]


def has_figure(text: str) -> bool:
    """Whether ``text`` holds at least one figure (skips working out measures)."""
    return next(_figure_matches(text), None) is not None


def _figure_matches(text: str) -> Iterator[tuple[re.Match[str], float, str]]:
    # Most sentences hold no figure: a cheap scan spares them the big pattern.
    if not _MAY_HOLD_FIGURE.search(text):
        return
    for match in _FIGURE.finditer(text):
        parsed = _parse(match)
        # A number too long for a float ("9" * 400) is no figure, and JSON cannot hold inf.
        if parsed is None or not math.isfinite(parsed[0]):
            continue
        if match.lastgroup == "bare":
            # Only the word right before the number matters; searching from the start of
            # the text for every number was quadratic.
            window = max(0, match.start() - _NAME_WINDOW)
            name = _NAME_BEFORE.search(text, window, match.start())
            if name and name.group(1) not in _NOT_NAMES:
                continue
        yield match, *parsed


def _number(raw: str) -> float:
    word = raw.lower()
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    return float(raw.replace(",", ""))


def _scaled(match: re.Match[str], number: str, scale: str) -> float:
    word = match.group(scale) or match.group(f"{scale}_abbr")
    return _number(match.group(number)) * (_SCALES[word] if word else 1.0)


def _parse(match: re.Match[str]) -> tuple[float, str] | None:
    """(value, unit) of one match of ``_FIGURE``."""
    g = match.group
    kind = match.lastgroup
    if g("money") is not None:
        return _scaled(match, "money", "mscale"), _CURRENCY_SIGNS[g("sign")]
    if g("money2") is not None:
        return _scaled(match, "money2", "cscale"), g("code")
    if g("money3") is not None:
        scale = _SCALES[g("wscale")] if g("wscale") else 1.0
        return _number(g("money3")) * scale, _CURRENCY_WORDS[g("cword")]
    if g("pct") is not None:
        unit = "percentage points" if g("pct_unit").startswith("percentage") else "percent"
        return _number(g("pct")), unit
    if g("month") is not None:
        return _date(g("dyear"), g("month"), g("day"))
    if g("month2") is not None:
        return _date(g("dyear2"), g("month2"), g("day2"))
    if g("month3") is not None:
        return _date(g("myear"), g("month3"), None)
    if g("mag") is not None:
        return _number(g("mag")) * _SCALES[g("mag_scale")], "count"
    if g("plus") is not None:
        return _number(g("plus")), "count"
    if g("hour") is not None:
        hour = int(g("hour")) % 12 + (12 if g("ampm")[0] == "p" else 0)
        return hour + int(g("minute") or 0) / 60, "time"
    if g("q") is not None:
        return float(g("q")), "quarter"
    if g("h") is not None:
        return float(g("h")), "half"
    if g("qword") is not None:
        return _ORDINALS[g("qword").lower()], "quarter"
    if g("year") is not None:
        return float(g("year")), "decade" if g("decade") else "year"
    if kind == "bare":
        value = _number(g("bare"))
        return value, "count" if value.is_integer() and "." not in g("bare") else "number"
    return None


def _date(year: str | None, month: str, day: str | None) -> tuple[float, str] | None:
    month_number = _MONTHS[month.rstrip(".")]
    day_number = int(day) if day else 0
    if day_number > 31:
        return None
    return float((int(year) if year else 0) * 10000 + month_number * 100 + day_number), "date"
