"""Physical units, numbers in words and time zones for figures, from maintained libraries.

* **pint** knows what a unit is and how it converts: "km", "miles", "°C",
  "tonnes" become a dimension ("length", "temperature", "mass"), a value in SI
  base units and a rounding margin, so 5 km and 3.1 miles can be compared and
  kilometres never meet people.
* **text2num** reads numbers written as words ("twenty-five thousand").
* **zoneinfo** (the IANA database) names cities' zones ("Tokyo" ->
  Asia/Tokyo); **dateparser**'s table gives the offsets of zone abbreviations
  ("GMT", "EST", "JST").

Each library is loaded once per process, on first use (pint's registry takes
about two seconds to build, so an article without units never pays for it).
"""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache, lru_cache

from text_to_num import text2num

__all__ = [
    "UNIT_WORDS",
    "Quantity",
    "city_zone",
    "quantity",
    "utc_instant",
    "utc_offset",
    "words_to_number",
    "zone_offset",
]

# How units are written in news copy; pint says what each one means. Longest first, so
# "square kilometres" wins over "kilometres". Case matters for symbols ("C", "MW").
UNIT_WORDS = (
    r"(?:square|sq\.?)\s(?:kilomet(?:re|er)s?|km|miles?|met(?:re|er)s?|feet|foot)"
    r"|cubic\smet(?:re|er)s?|(?:kilomet(?:re|er)s?|km|miles?)\s?(?:per|an|/)\s?(?:hour|h)"
    r"|km/h|kph|mph|knots?|km²|km2|m²|m³"
    r"|kilomet(?:re|er)s?|km|centimet(?:re|er)s?|cm|millimet(?:re|er)s?|mm|met(?:re|er)s?"
    r"|miles?|feet|foot|ft|inch(?:es)?|yards?"
    r"|hectares?|acres?"
    r"|lit(?:re|er)s?|gallons?|barrels?"
    r"|(?:metric\s)?tonnes?|(?:metric\s)?tons?|kilograms?|kg|kilos|grams?|lbs?|ounces?"
    r"|degrees?\s(?:Celsius|Fahrenheit|centigrade|C|F)\b|°\s?[CF]|º[CF]|C|F"
    r"|megawatts?|MW|gigawatts?|GW|kilowatt[- ]hours?|kWh"
)
# Written forms pint reads differently or not at all.
_PINT_NAMES = {
    "kilos": "kilogram", "c": "degC", "f": "degF", "centigrade": "degC", "celsius": "degC",
    "fahrenheit": "degF", "ton": "short_ton", "tons": "short_ton", "metric ton": "metric_ton",
    "metric tons": "metric_ton", "tonne": "metric_ton", "tonnes": "metric_ton",
}  # fmt: skip
_DIMENSION_NAMES = (
    "length", "area", "volume", "mass", "temperature", "velocity", "energy", "power",
)  # fmt: skip


@dataclass(frozen=True)
class Quantity:
    """A physical amount in pint's terms."""

    unit: str  # pint's name: "kilometer", "degree_Fahrenheit", "metric_ton"
    dimension: str  # "length", "area", "volume", "mass", "temperature", "velocity"...
    base_value: float  # in SI base units (metres, kelvin, kilograms)
    margin: float  # half a step of the last written digit, in base units


@cache
def _registry():  # type: ignore[no-untyped-def]
    import pint  # a two-second build: only when the first unit turns up

    registry = pint.UnitRegistry(cache_folder=None)
    names = {str(registry.get_dimensionality(f"[{name}]")): name for name in _DIMENSION_NAMES}
    return registry, names


def _pint_name(written: str) -> str:
    text = " ".join(written.replace("°", " ").replace("º", " ").split())
    lowered = text.lower()
    if lowered.startswith("degree"):
        lowered = lowered.split()[-1]
    if lowered in _PINT_NAMES:
        return _PINT_NAMES[lowered]
    for prefix, power in (("square ", 2), ("sq. ", 2), ("sq ", 2), ("cubic ", 3)):
        if lowered.startswith(prefix):
            return f"({lowered.removeprefix(prefix)})**{power}"
    if lowered[-1] in "²³2" and lowered[:-1] in {"km", "m"}:
        return f"{lowered[:-1]}**{2 if lowered[-1] in '²2' else 3}"
    lowered = re.sub(r"\s?(?:per|an|/)\s?(?:hour|h)$", "/hour", lowered)
    return text if text in {"MW", "GW", "kWh"} else lowered.replace(" ", "_")


@lru_cache(maxsize=512)
def _unit(written: str) -> tuple[str, str] | None:
    """(pint unit name, dimension name) of a written unit, or None if pint has no such unit."""
    registry, names = _registry()
    try:
        unit = registry.parse_units(_pint_name(written))
    except Exception:  # pint raises several kinds for text it cannot read
        return None
    dimension = names.get(str(unit.dimensionality))
    return (str(unit), dimension) if dimension else None


@lru_cache(maxsize=4096)
def quantity(
    number: float, decimals: int, written_unit: str, scale: float = 1.0
) -> Quantity | None:
    """``number`` (written with ``decimals`` decimals) times ``scale`` of ``written_unit``
    ("3.1", 1, "miles"; "2", 0, "tonnes", 1e6) in pint's terms, or None."""
    found = _unit(written_unit)
    if found is None:
        return None
    unit, dimension = found
    registry, _ = _registry()
    base = registry.Quantity(number * scale, unit).to_base_units().magnitude
    step = 0.5 * 10.0**-decimals
    upper = registry.Quantity((number + step) * scale, unit).to_base_units().magnitude
    return Quantity(unit, dimension, float(base), abs(float(upper) - float(base)))


def words_to_number(words: str) -> float | None:
    """The value of a number written in words ("a million", "twenty-five"), or None."""
    text = " ".join(words.lower().replace("-", " ").split())
    if text.startswith("a "):
        text = text[2:]
    try:
        return float(text2num(text, "en"))
    except ValueError:
        return None


@cache
def _abbreviation_offsets() -> dict[str, int]:
    from dateparser.timezones import timezone_info_list

    offsets: dict[str, int] = {}
    for group in timezone_info_list:
        for name, seconds in group["timezones"]:
            if name.isalpha() and name.isupper():
                offsets.setdefault(name, seconds)
    return offsets


def zone_offset(abbreviation: str) -> int | None:
    """Seconds east of UTC of a zone abbreviation ("JST" -> 32400), or None."""
    return _abbreviation_offsets().get(abbreviation)


@cache
def _cities() -> dict[str, str]:
    cities: dict[str, str] = {}
    for key in zoneinfo.available_timezones():
        area, _, city = key.rpartition("/")
        if area and area not in {"Etc", "SystemV", "US", "Canada", "Brazil", "Mexico", "Chile"}:
            cities.setdefault(city.replace("_", " "), key)
    return cities


def city_zone(city: str) -> str:
    """The IANA zone of a city ("Tokyo" -> "Asia/Tokyo"), or ""."""
    return _cities().get(city, "")


def utc_offset(zone: str, on: date | None) -> int | None:
    """Seconds east of UTC of an IANA zone on a day; without a day only if the zone
    keeps one offset all year (Tokyo does, London does not)."""
    tz = zoneinfo.ZoneInfo(zone)
    if on is not None:
        offset = datetime(on.year, on.month, on.day, 12, tzinfo=tz).utcoffset()
        return int(offset.total_seconds()) if offset is not None else None
    offsets = {datetime(2025, month, 1, 12, tzinfo=tz).utcoffset() for month in (1, 7)}
    if len(offsets) != 1:
        return None
    (offset,) = offsets
    return int(offset.total_seconds()) if offset is not None else None


def utc_instant(hour: float, offset: int, on: date | None) -> tuple[float, str]:
    """(UTC hour of day, ISO text) of a local time ``offset`` seconds east of UTC."""
    local = datetime(2000, 1, 1, tzinfo=UTC) + timedelta(hours=hour)
    if on is not None:
        local = local.replace(year=on.year, month=on.month, day=on.day)
    instant = local - timedelta(seconds=offset)
    utc_hour = instant.hour + instant.minute / 60
    iso = instant.strftime("%Y-%m-%dT%H:%MZ") if on is not None else instant.strftime("%H:%MZ")
    return utc_hour, iso
