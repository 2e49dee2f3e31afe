"""Figures read with maintained libraries: numbers in words, units, zoned times, full dates,
approximations (claims/extraction/figures.py and quantities.py; pure, no Django)."""

from __future__ import annotations

import json

import pytest

from claims.extraction.figures import Figure, find_figures


def only(sentence: str) -> Figure:
    (figure,) = find_figures(sentence)
    return figure


def test_about_a_million_is_an_approximate_million() -> None:
    figure = only("About a million people fled the city.")
    assert (figure.text, figure.value, figure.unit) == ("a million", 1e6, "count")
    assert (figure.approximate, figure.qualifier, figure.measure) == (True, "about", "people")


@pytest.mark.parametrize(
    ("sentence", "qualifier"),
    [
        ("Nearly 2,000 homes were destroyed.", "nearly"),
        ("More than 300 people were evacuated.", "more than"),
        ("Some 40 firefighters were injured.", "some"),
        ("Police said at least 12 people died.", "at least"),
    ],
)
def test_words_before_a_figure_make_it_approximate(sentence: str, qualifier: str) -> None:
    figure = only(sentence)
    assert (figure.approximate, figure.qualifier) == (True, qualifier)


def test_an_exact_figure_is_not_approximate() -> None:
    figure = only("Police said 12 people died.")
    assert (figure.approximate, figure.qualifier) == (False, "")


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit"),
    [
        ("Twelve people died in the blaze.", "Twelve", 12.0, "count"),
        ("The company hired twenty-five thousand workers.", "twenty-five thousand", 25e3, "count"),
        ("Half the homes in the town were destroyed.", "Half", 50.0, "percent"),
        ("Two-thirds of voters backed the plan.", "Two-thirds", 66.67, "percent"),
        ("She launched a third bid for the presidency.", "third", 3.0, "ordinal"),
        ("The fund raised half a million in a week.", "half a million", 5e5, "count"),
    ],
)
def test_numbers_written_in_words_are_figures(
    sentence: str, text: str, value: float, unit: str
) -> None:
    figure = only(sentence)
    assert (figure.text, figure.value, figure.unit) == (text, value, unit)


def test_number_words_are_figures_only_where_they_count_something() -> None:
    figures = find_figures("Two of the officials said one of the twelve people died.")
    assert [f.text for f in figures] == ["twelve"]


def test_units_get_a_dimension_and_a_value_in_base_units() -> None:
    km, miles = find_figures("The 5 km race, about 3.1 miles, closed the road.")
    assert (km.text, km.unit, km.dimension, km.base_value) == ("5 km", "kilometer", "length", 5e3)
    assert (miles.unit, miles.dimension) == ("mile", "length")
    assert miles.base_value == pytest.approx(4988.97, abs=0.01)
    assert miles.approximate and miles.qualifier == "about"


def test_words_and_units_together_three_miles_and_a_million_tonnes() -> None:
    miles, tonnes = find_figures("The spill spread three miles and left a million tonnes of oil.")
    assert (miles.text, miles.value, miles.dimension) == ("three miles", 3.0, "length")
    assert (tonnes.text, tonnes.unit) == ("a million tonnes", "metric_ton")
    assert tonnes.dimension == "mass"
    assert tonnes.base_value == pytest.approx(1e9)


def test_celsius_and_fahrenheit_are_the_same_temperature_in_kelvin() -> None:
    celsius, fahrenheit = find_figures("It was 30C (86 °F) in the shade.")
    assert celsius.dimension == fahrenheit.dimension == "temperature"
    assert celsius.base_value == pytest.approx(303.15)
    assert fahrenheit.base_value == pytest.approx(303.15)


def test_a_full_date_with_an_ordinal_day_is_one_date() -> None:
    figure = only("The storm made landfall on 7th November 2025.")
    assert (figure.text, figure.value, figure.unit) == ("7th November 2025", 20251107.0, "date")
    assert figure.instant == "2025-11-07"


def test_9_am_in_tokyo_and_midnight_gmt_are_the_same_instant() -> None:
    tokyo, gmt = find_figures("The quake struck at 9 a.m. in Tokyo, or midnight GMT.")
    assert (tokyo.text, tokyo.zone, tokyo.instant) == ("9 a.m.", "Asia/Tokyo", "00:00Z")
    assert (gmt.text, gmt.zone, gmt.instant) == ("midnight GMT", "GMT", "00:00Z")
    assert tokyo.base_value == gmt.base_value == 0.0


def test_a_zoned_time_on_a_written_date_is_a_full_utc_instant() -> None:
    time, _ = find_figures("Polls closed at 8 p.m. in London on 7th November 2025.")
    assert time.instant == "2025-11-07T20:00Z"


def test_a_city_whose_offset_changes_with_the_season_needs_a_date() -> None:
    time = only("Polls closed at 8 p.m. in London.")
    assert (time.zone, time.instant, time.base_value) == ("Europe/London", "", None)


def test_new_fields_are_stored_only_when_set_and_round_trip_through_json() -> None:
    plain = only("Police said 12 people died.")
    assert set(plain.as_dict()) == {"text", "start", "end", "value", "unit", "measure"}
    km = only("The road was closed for 5 km.")
    stored = json.loads(json.dumps(km.as_dict()))
    assert stored["dimension"] == "length" and stored["base_value"] == 5000.0
    assert Figure(**stored) == km


def test_the_first_number_of_a_range_takes_the_unit_of_the_second() -> None:
    figures = find_figures("Between 2.3 and 2.5 degrees Celsius, or 2.3\u20132.5°C.")
    assert [(f.text, f.unit) for f in figures] == [
        ("2.3", "degree_Celsius"),
        ("2.5 degrees Celsius", "degree_Celsius"),
        ("2.3", "degree_Celsius"),
        ("2.5°C", "degree_Celsius"),
    ]
