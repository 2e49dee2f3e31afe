"""A word diff as HTML, built in Python: the template loop took ~0.3 ms per version."""

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

TAGS = {"insert": "<ins>{}</ins>", "delete": "<del>{}</del>", "equal": "{}"}


@register.filter
def word_diff(ops) -> SafeString:
    """`[(op, word), …]` from the matcher as words in <ins>/<del>, each word escaped."""
    return mark_safe(" ".join(TAGS.get(op, "{}").format(escape(word)) for op, word in ops or ()))
