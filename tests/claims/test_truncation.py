"""The remembered truncatechars the claim panel uses gives exactly Django's output."""

import pytest
from django.template.defaultfilters import truncatechars
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from claims.templatetags.truncation import truncatechars_cached

TEXTS = [
    "",
    "Short label",
    "x" * 70,
    "y" * 71,
    "Netflix says generative AI cut the cost of the effects sequence tenfold, its chief said",
    "Cafe\u0301 " * 20,  # combining accents do not count as characters
    "<b>tags & ampersands</b> stay text " * 3,
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("length", [1, 20, 70, "70", "not a number"])
def test_gives_what_truncatechars_gives(text, length):
    assert truncatechars_cached(text, length) == truncatechars(text, length)
    assert truncatechars_cached(text, length) == truncatechars(text, length)  # remembered


def test_marks_safe_only_what_was_safe_whichever_came_first():
    # Equal texts, one marked safe: neither answer may be taken for the other.
    assert isinstance(truncatechars_cached(mark_safe("<i>a</i>" * 20), 10), SafeString)
    assert not isinstance(truncatechars_cached("<i>a</i>" * 20, 10), SafeString)
    assert not isinstance(truncatechars_cached("<b>b</b>" * 20, 10), SafeString)
    assert isinstance(truncatechars_cached(mark_safe("<b>b</b>" * 20), 10), SafeString)


def test_remembers_per_language():
    with translation.override("fr"):
        french = truncatechars_cached("z" * 80, 70)
        assert french == truncatechars("z" * 80, 70)
    assert truncatechars_cached("z" * 80, 70) == truncatechars("z" * 80, 70)
