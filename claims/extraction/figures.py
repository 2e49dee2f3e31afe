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
from dataclasses import asdict, dataclass, fields, replace
from datetime import date

from .measures import measure_of
from .quantities import (
    UNIT_WORDS,
    city_zone,
    quantity,
    utc_instant,
    utc_offset,
    words_to_number,
    zone_offset,
)


@dataclass(frozen=True)
class Figure:
    """A figure in the body: ``body[start:end] == text``, with its normalised value.

    ``value`` is the number it stands for ("$11.5 billion" -> 11500000000.0,
    "17%" -> 17.0, "100+" -> 100.0, "Q3" -> 3.0, "2023" -> 2023.0; dates are
    YYYYMMDD with unknown parts 0, so "Oct. 21" -> 1021.0). ``unit`` is "USD",
    "EUR", "GBP", "JPY", "percent", "percentage points", "count", "number",
    "year", "decade", "quarter", "half", "date" or "time", or pint's name of a
    physical unit ("kilometer", "degree_Fahrenheit") with a ``dimension``; ``measure`` says
    what it measures when the sentence tells ("quarterly revenue"), else "".
    """

    text: str
    start: int
    end: int
    value: float
    unit: str
    measure: str = ""
    approximate: bool = False  # "about", "nearly", "more than", "some", "100+"
    qualifier: str = ""  # the words that make it approximate, lower-case ("more than")
    dimension: str = ""  # physical amounts only: "length", "mass", "temperature"...
    base_value: float | None = None  # in SI base units (5 km -> 5000.0); times: UTC hour
    margin: float = 0.0  # half a step of the last written digit, in base units
    zone: str = ""  # times: the zone written ("GMT", "Asia/Tokyo")
    instant: str = ""  # full dates "2025-11-07"; zoned times "00:00Z" or "2025-11-07T00:00Z"

    def as_dict(self) -> dict:
        """A JSON-serialisable dict; fields still at their default are left out, as in rows
        stored before they existed (readers default them)."""
        return {
            key: value
            for key, value in asdict(self).items()
            if key in _ALWAYS or value != _DEFAULTS[key]
        }


_ALWAYS = frozenset({"text", "start", "end", "value", "unit", "measure"})
_DEFAULTS = {f.name: f.default for f in fields(Figure)}


_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6,
    "billion": 1e9, "bn": 1e9, "trillion": 1e12, "tn": 1e12,
}  # fmt: skip
_SCALE = r"(?:\s?(?P<{0}>trillion|billion|million|thousand)\b|(?P<{0}_abbr>bn|tn|mn|m|k)\b)?"
_CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_CURRENCY_WORDS = {"dollars": "USD", "euros": "EUR", "pounds": "GBP", "yen": "JPY"}
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

_ORDINALS = {"first": 1.0, "second": 2.0, "third": 3.0, "fourth": 4.0}
# Ordinals that count something ("his third bid"); "first" and "second" are too often
# not a count ("for the first time", "second half").
_COUNTING_ORDINALS = (
    "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
    "twelfth",
)  # fmt: skip
_FRACTION_PARTS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4}
# Numbers in words: text2num reads their value; this pattern only finds where they are.
_WORD = (
    "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    "eighty|ninety|hundred|thousand|million|billion|trillion"
)
_SCALE_WORD = "hundred|thousand|million|billion|trillion"
_WORDS = (
    rf"(?ai:(?:a\s(?=(?:{_SCALE_WORD})\b))?(?:{_WORD})"
    rf"(?:(?:[\s-]|(?<=hundred)\sand\s|(?<=thousand)\sand\s)(?:{_WORD})(?![\w-]))*)"
)

# Number words match case-insensitively in ASCII only ("(?ai:"): Unicode case folding
# would let "six" spelt with a long s (U+017F) match, then miss in text2num.
_FIGURE = re.compile(
    "|".join(
        (
            # Money: "$11.5 billion", "US$3m", "€40", "USD 5 million", "5 million euros".
            rf"(?P<sign>US\$|\$|€|£|¥)\s?(?P<money>{_NUM}){_SCALE.format('mscale')}",
            rf"\b(?P<code>USD|EUR|GBP|JPY)\s?(?P<money2>{_NUM}){_SCALE.format('cscale')}",
            rf"\b(?P<money3>{_NUM}|{_WORDS})(?:\s(?P<wscale>trillion|billion|million|thousand))?"
            r"\s(?P<cword>dollars|euros|pounds|yen)\b",
            # Percentages and points: "17%", "17 percent", "2.5 percentage points", "ten percent".
            rf"(?<![\w.])(?P<pct>{_NUM}|{_WORDS})"
            r"\s?(?P<pct_unit>%|(?:percentage points?|per ?cent)\b)",
            # Dates: "Oct. 21, 2025", "October 21", "7th November 2025", "October 2025".
            rf"\b(?P<month>{_MONTH})\s(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s(?P<dyear>\d{{4}})\b)?",
            rf"\b(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s(?:of\s)?(?P<month2>{_MONTH})\b"
            rf"(?:,?\s(?P<dyear2>\d{{4}})\b)?",
            rf"\b(?P<month3>{_MONTH})\s(?P<myear>(?:1[89]|20)\d{{2}})\b",
            # Times of day: "10 a.m.", "5:30 pm", "midnight", "0900 GMT".
            r"\b(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s?(?P<ampm>[ap]\.m\.|[ap]m\b)",
            r"\b(?P<named_time>(?ai:midnight|noon|midday))\b",
            r"\b(?P<h24>[01]?\d|2[0-3]):?(?P<m24>[0-5]\d)(?=\s?(?:GMT|UTC)\b)",
            # Physical amounts: "5 km", "3.1 miles", "30C", "-4 °F", "a million tonnes".
            rf"(?<![\w.])(?P<qminus>[-\u2212])?(?P<qty>{_NUM}|{_WORDS})"
            r"(?:\s(?P<qscale>trillion|billion|million|thousand))?[\s-]?"
            rf"(?P<qunit>{UNIT_WORDS})(?![\w²³])",
            # Magnitudes and lower bounds: "3 million", "100+"; "half a million".
            rf"\b(?P<mag>{_NUM})\s(?P<mag_scale>trillion|billion|million|thousand)\b",
            rf"(?<![\w.])(?P<plus>{_NUM})\+",
            rf"\b(?P<halfscale>(?ai:half\sa\s(?:{_SCALE_WORD})))\b",
            # Quarters and halves: "Q3", "H1", "third quarter", "third-quarter".
            r"\b(?:Q(?P<q>[1-4])|H(?P<h>[12]))\b",
            r"\b(?P<qword>(?ai:first|second|third|fourth))[- ]quarter\b",
            # Fractions of a whole, as percentages: "half the homes", "two-thirds of voters".
            r"(?<!first\s)(?<!second\s)(?<!third\s)(?<!fourth\s)"
            r"\b(?P<frac>(?ai:(?:(?:a|one|two|three)[\s-])?(?:half|halves|thirds?|quarters?)))"
            r"(?=\s(?:of|the|its|their|his|her)\b)",
            # Counting ordinals: "a third bid", "her fifth title".
            r"(?:(?<=\ba\s)|(?<=\bthe\s)|(?<=\bhis\s)|(?<=\bher\s)|(?<=\bits\s)|(?<=\btheir\s))"
            rf"(?P<ordinal>(?ai:{'|'.join(_COUNTING_ORDINALS)}))(?=\s(?!quarter\b|half\b|of\b)[a-z])",
            # Numbers in words: "twelve people", "a million".
            rf"\b(?P<words>{_WORDS})(?P<whalf>\sand\sa\shalf\s(?ai:{_SCALE_WORD}))?\b",
            # Years and decades: "2023", "the 1990s".
            r"(?<![\w.,$€£¥-])(?P<year>(?:1[89]|20)\d{2})(?P<decade>s)?(?![\w%+]|[.,]\d)",
            # Anything else numeric, unless glued to letters or other figures.
            rf"(?<![\w.,$€£¥/:-])(?P<bare>{_NUM})(?![\w%+:/]|[.,]\d)",
        )
    )
)
# Every alternative of _FIGURE needs a digit or one of these words.
_MAY_HOLD_FIGURE = re.compile(
    rf"\d|(?ai:\b(?:{_WORD}|percent|per cent|quarters?|half|halves|thirds?|"
    rf"{'|'.join(_COUNTING_ORDINALS)}|midnight|noon|midday)\b)"
)
# "Sora 2", "Happy Gilmore 2", "Section 230": a capitalised word right before a bare number.
_NAME_BEFORE = re.compile(r"([A-Z][\w\u2019'-]*)\s+$")
_NAME_WINDOW = 80
_NOT_NAMES = frozenset(
    {"In", "On", "At", "By", "For", "From", "The", "About", "Over", "Some", "Nearly", "Almost",
     "Around", "Roughly", "Approximately", "Under", "Only", "Just", "Exactly", "Another",
     "Between", "After", "Before", "Since", "Until", "During", "With", "Of", "To", "Up", "All",
     "More", "Fewer", "Less", "Than"}
)  # fmt: skip
# A number in words without a scale counts something only before a plural noun
# ("twelve people", "three boats"), not in "two of them" or "one said".
_COUNTED_AFTER = re.compile(
    r"\s+(?:[a-z]+-)?(?!(?:was|has|is|this|its|his|hers|as|us|less|across|plus|thus|yes|unless"
    r"|towards|always|perhaps|besides|whereas|sometimes|afterwards)\b)"
    r"(?:[a-z]{2,}s|people|children|men|women|police|staff|troops|crew|cattle|sheep)\b"
)
_QUALIFIER = re.compile(
    r"(?:\b(?P<words>about|around|roughly|approximately|nearly|almost|some|more than|over"
    r"|at least|up to|fewer than|less than|under|close to|an estimated|as many as|as much as"
    r"|upwards of|in excess of|just over|just under|well over|well under|more than a"
    r"|nearly a|almost a|about a)|(?P<tilde>~))\s*$",
    re.IGNORECASE,
)
_NOT_APPROXIMATE = frozenset({"year", "decade", "date", "time", "quarter", "half"})
_RANGE_JOIN = re.compile(r"\s*(?:[-\u2013\u2014]|to|and)\s*")
_ZONE_ABBREVIATION = re.compile(r" (?P<zone>[A-Z]{2,5})\b")
_ZONE_CITY = re.compile(
    r"\s+(?:local time\s+)?in\s+(?P<city>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})"
    r"|\s+(?P<city2>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})\s+time\b"
)


def find_figures(text: str, offset: int = 0) -> list[Figure]:
    """Every figure in ``text``, in order, with offsets shifted by ``offset``.

    ``text`` should be a whole sentence (or claim): the measure, the words that
    make a figure approximate and a time's zone are read from the words around it.
    """
    found = []
    for match, value, unit, extra in _figure_matches(text):
        start, end = match.start(), match.end()
        figure = Figure(
            text=match.group(),
            start=offset + start,
            end=offset + end,
            value=value,
            unit=unit,
            measure=measure_of(text, start, end, unit),
            **extra,
        )
        if unit not in _NOT_APPROXIMATE and not figure.approximate:
            qualifier = _QUALIFIER.search(text, max(0, start - 24), start)
            if qualifier:
                words = qualifier.group("words") or qualifier.group("tilde")
                figure = replace(figure, approximate=True, qualifier=words.lower())
        found.append(figure)
    found = _ranges_share_units(text, found, offset)
    day = next((_day(f) for f in found if _day(f) is not None), None)
    return [
        _zoned(text, figure, offset, day) if figure.unit == "time" else figure for figure in found
    ]


def _ranges_share_units(text: str, found: list[Figure], offset: int) -> list[Figure]:
    """ "2.3 to 2.5°C" (or an en dash), "between 2 and 3 miles": the first number has the
    second's unit."""
    for index in range(len(found) - 2, -1, -1):
        first, second = found[index], found[index + 1]
        if first.unit not in {"number", "count"} or not second.dimension or first.approximate:
            continue
        if not _RANGE_JOIN.fullmatch(text, first.end - offset, second.start - offset):
            continue
        decimals = _decimals(first.text)
        amount = quantity(first.value, decimals, _written_unit(text, second, offset))
        if amount is not None:
            found[index] = replace(
                first,
                unit=amount.unit,
                measure="",
                dimension=amount.dimension,
                base_value=amount.base_value,
                margin=amount.margin,
            )
    return found


def _written_unit(text: str, figure: Figure, offset: int) -> str:
    match = _FIGURE.match(text, figure.start - offset)
    return match.group("qunit") if match and match.group("qunit") else ""


def has_figure(text: str) -> bool:
    """Whether ``text`` holds at least one figure (skips working out measures)."""
    return next(_figure_matches(text), None) is not None


def _figure_matches(text: str) -> Iterator[tuple[re.Match[str], float, str, dict]]:
    # Most sentences hold no figure: a cheap scan spares them the big pattern.
    if not _MAY_HOLD_FIGURE.search(text):
        return
    for match in _FIGURE.finditer(text):
        parsed = _parse(match)
        # A number too long for a float ("9" * 400) is no figure, and JSON cannot hold inf.
        if parsed is None or not math.isfinite(parsed[0]):
            continue
        if match.group("bare") is not None or match.group("words") is not None:
            # Only the word right before the number matters; searching from the start of
            # the text for every number was quadratic.
            window = max(0, match.start() - _NAME_WINDOW)
            name = _NAME_BEFORE.search(text, window, match.start())
            if name and name.group(1) not in _NOT_NAMES:
                continue
        if match.group("words") is not None and not _counts_something(text, match):
            continue
        yield match, *parsed


def _counts_something(text: str, match: re.Match[str]) -> bool:
    words = match.group().lower()
    if re.search(_SCALE_WORD, words):
        return True
    if words in {"zero", "one"}:
        return False  # "one of them", "no one": a count only with a scale or unit
    return _COUNTED_AFTER.match(text, match.end()) is not None


def _number(raw: str) -> float:
    if raw[:1].isdigit():
        return float(raw.replace(",", ""))
    value = words_to_number(raw)
    if value is None:
        raise ValueError(raw)
    return value


def _decimals(raw: str) -> int:
    return len(raw.partition(".")[2]) if raw[:1].isdigit() else 0


def _scaled(match: re.Match[str], number: str, scale: str) -> float:
    word = match.group(scale) or match.group(f"{scale}_abbr")
    return _number(match.group(number)) * (_SCALES[word] if word else 1.0)


def _parse(match: re.Match[str]) -> tuple[float, str, dict] | None:
    """(value, unit, other fields) of one match of ``_FIGURE``."""
    try:
        return _parse_numbers(match)
    except ValueError:  # number words text2num cannot read ("two and three")
        return None


def _parse_numbers(match: re.Match[str]) -> tuple[float, str, dict] | None:
    g = match.group
    if g("money") is not None:
        return _scaled(match, "money", "mscale"), _CURRENCY_SIGNS[g("sign")], {}
    if g("money2") is not None:
        return _scaled(match, "money2", "cscale"), g("code"), {}
    if g("money3") is not None:
        scale = _SCALES[g("wscale")] if g("wscale") else 1.0
        return _number(g("money3")) * scale, _CURRENCY_WORDS[g("cword")], {}
    if g("pct") is not None:
        unit = "percentage points" if g("pct_unit").startswith("percentage") else "percent"
        return _number(g("pct")), unit, {}
    if g("month") is not None:
        return _date(g("dyear"), g("month"), g("day"))
    if g("month2") is not None:
        return _date(g("dyear2"), g("month2"), g("day2"))
    if g("month3") is not None:
        return _date(g("myear"), g("month3"), None)
    if g("hour") is not None:
        hour = int(g("hour")) % 12 + (12 if g("ampm")[0] == "p" else 0)
        return hour + int(g("minute") or 0) / 60, "time", {}
    if g("named_time") is not None:
        return (0.0 if g("named_time").lower() == "midnight" else 12.0), "time", {}
    if g("h24") is not None:
        return int(g("h24")) + int(g("m24")) / 60, "time", {}
    if g("qty") is not None:
        return _quantity(match)
    if g("mag") is not None:
        return _number(g("mag")) * _SCALES[g("mag_scale")], "count", {}
    if g("plus") is not None:
        return _number(g("plus")), "count", {"approximate": True, "qualifier": "+"}
    if g("halfscale") is not None:
        return 0.5 * _number(g("halfscale").split()[-1]), "count", {}
    if g("q") is not None:
        return float(g("q")), "quarter", {}
    if g("h") is not None:
        return float(g("h")), "half", {}
    if g("qword") is not None:
        return _ORDINALS[g("qword").lower()], "quarter", {}
    if g("frac") is not None:
        *count, part = re.split(r"[\s-]", g("frac").lower())
        parts = _number(count[0]) if count and count[0] != "a" else 1.0
        return round(100 * parts / _FRACTION_PARTS[part], 2), "percent", {}
    if g("ordinal") is not None:
        return float(_COUNTING_ORDINALS.index(g("ordinal").lower()) + 3), "ordinal", {}
    if g("words") is not None:
        value = _number(g("words"))
        if g("whalf"):
            value = (value + 0.5) * _number(g("whalf").split()[-1])
        return value, "count", {}
    if g("year") is not None:
        return float(g("year")), "decade" if g("decade") else "year", {}
    if g("bare") is not None:
        value = _number(g("bare"))
        unit = "count" if value.is_integer() and "." not in g("bare") else "number"
        return value, unit, {}
    return None


def _quantity(match: re.Match[str]) -> tuple[float, str, dict] | None:
    raw = match.group("qty")
    number = _number(raw) * (-1.0 if match.group("qminus") else 1.0)
    scale = _SCALES[match.group("qscale")] if match.group("qscale") else 1.0
    amount = quantity(number, _decimals(raw), match.group("qunit"), scale)
    if amount is None:
        return None
    return (
        number * scale,
        amount.unit,
        {"dimension": amount.dimension, "base_value": amount.base_value, "margin": amount.margin},
    )


def _date(year: str | None, month: str, day: str | None) -> tuple[float, str, dict] | None:
    month_number = _MONTHS[month.rstrip(".")]
    day_number = int(day) if day else 0
    if day_number > 31:
        return None
    extra = {}
    if year and day_number:
        try:
            extra["instant"] = date(int(year), month_number, day_number).isoformat()
        except ValueError:
            return None  # "February 30, 2025" is no date
    value = float((int(year) if year else 0) * 10000 + month_number * 100 + day_number)
    return value, "date", extra


def _day(figure: Figure) -> date | None:
    return date.fromisoformat(figure.instant) if figure.unit == "date" and figure.instant else None


def _zoned(text: str, figure: Figure, offset: int, day: date | None) -> Figure:
    """``figure`` (a time of day) with the zone written after it and its UTC instant."""
    end = figure.end - offset
    abbreviation = _ZONE_ABBREVIATION.match(text, end)
    if abbreviation and (seconds := zone_offset(abbreviation.group("zone"))) is not None:
        utc_hour, iso = utc_instant(figure.value, seconds, day)
        return replace(
            figure,
            text=text[figure.start - offset : abbreviation.end()],
            end=offset + abbreviation.end(),
            zone=abbreviation.group("zone"),
            base_value=utc_hour,
            instant=iso,
        )
    city = _ZONE_CITY.match(text, end)
    if city:
        words = (city.group("city") or city.group("city2")).replace("-", " ").split()
        # "New York City": the longest run of leading words that names a zone's city.
        zone = next(
            (z for n in range(len(words), 0, -1) if (z := city_zone(" ".join(words[:n])))), ""
        )
        seconds = utc_offset(zone, day) if zone else None
        if zone:
            figure = replace(figure, zone=zone)
        if seconds is not None:
            utc_hour, iso = utc_instant(figure.value, seconds, day)
            return replace(figure, base_value=utc_hour, instant=iso)
    return figure
