"""Text normalisation shared by matching, diffing and comparison.

Outlets write the same claim with different typography (curly or straight apostrophes),
different number styles ("17%" / "17 percent", "$11.5 billion" / "US$11.5bn")
and different spellings of the same term ("AI" / "artificial intelligence").
Everything here maps those to one form so the scorers compare words, not style.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "STOPWORDS",
    "NumberMention",
    "content_words",
    "fold",
    "normalise",
    "number_mentions",
    "stem",
    "word_key",
    "words",
]

_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    }
)  # fmt: skip


def fold(text: str) -> str:
    """Straighten curly quotes and apostrophes, unify dashes and odd spaces."""
    return text.translate(_FOLD)


# Contractions are expanded so "We're not" and "We are not" compare equal; a
# bare "'s" is dropped because it is either a possessive or an ambiguous "is".
_CONTRACTIONS = [
    (re.compile(r"\bcan't\b"), "cannot"),
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bshan't\b"), "shall not"),
    (re.compile(r"\b(it|that|there|here|what|who|he|she)'s\b"), r"\1 is"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"'ve\b"), " have"),
    (re.compile(r"'ll\b"), " will"),
    (re.compile(r"'m\b"), " am"),
    (re.compile(r"'d\b"), " would"),
    (re.compile(r"'s\b"), ""),
    (re.compile(r"s'(?=\s|$)"), "s"),
]

# Same term, different spelling. Kept short and general on purpose: a bigger
# paraphrase table would start deciding what counts as "the same words".
_PHRASES = [
    (re.compile(r"\bartificial intelligence\b"), "ai"),
    (re.compile(r"\bgenai\b"), "generative ai"),
    (re.compile(r"\byear[- ](?:over|on)[- ]year\b"), "yoy"),
    (re.compile(r"\bchief executive(?: officer)?\b"), "ceo"),
    (re.compile(r"\bchief financial officer\b"), "cfo"),
    (re.compile(r"\bchief operating officer\b"), "coo"),
    (re.compile(r"\btv\b"), "television"),
]

_SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
}  # fmt: skip
_CURRENCY_SIGNS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_CURRENCY_WORDS = {"dollars": "USD", "euros": "EUR", "pounds": "GBP", "yen": "JPY"}
# Words looked up in the tables above match case-insensitively in ASCII only ("(?a:"):
# Unicode case folding would let "us$" or "dollars" spelt with a long s (U+017F) match,
# then miss there.
_NUMBER_RE = re.compile(
    r"(?<![\w.])(?P<cur>(?a:us)\$|\$|€|£|¥)?\s?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>trillion|billion|million|thousand)\b|(?P<abbr>bn|tn|mn|m|b|k)\b)?"
    r"(?:\s?(?P<pct>%|percent\b|per cent\b|pct\b)|\s(?P<pp>percentage points?)\b"
    r"|\s(?P<curword>(?a:dollars|euros|pounds|yen))\b)?",
    re.IGNORECASE,
)
_UNIT_TAGS = {"percent": "pct", "percentage points": "pp", "number": ""}


@dataclass(frozen=True)
class NumberMention:
    """A number in text with its value and unit ("$11.5 billion" -> 1.15e10 USD)."""

    text: str
    value: float
    unit: str  # "USD", "EUR", "GBP", "JPY", "percent", "percentage points" or "number"

    @property
    def token(self) -> str:
        """One word standing for the figure, equal for "17%" and "17 percent"."""
        return number_token(self.value, self.unit)


def number_token(value: float, unit: str) -> str:
    """The canonical word for a figure: ``#17pct``, ``#11500000000usd``."""
    number = f"{round(value, 6):f}".rstrip("0").rstrip(".")
    return f"#{number}{_UNIT_TAGS.get(unit, unit.lower().replace(' ', ''))}"


def number_mentions(text: str) -> list[NumberMention]:
    """Every number in ``text`` with its value and unit; a fallback for records without figures."""
    found = []
    for match in _NUMBER_RE.finditer(fold(text)):
        value = float(match["num"].replace(",", ""))
        scale = (match["scale"] or match["abbr"] or "").lower()
        value *= _SCALES.get(scale, 1.0)
        if match["pct"]:
            unit = "percent"
        elif match["pp"]:
            unit = "percentage points"
        elif match["cur"]:
            unit = _CURRENCY_SIGNS[match["cur"].lower()]
        elif match["curword"]:
            unit = _CURRENCY_WORDS[match["curword"].lower()]
        else:
            unit = "number"
        found.append(NumberMention(match.group(0).strip(), value, unit))
    return found


@lru_cache(maxsize=200_000)
def normalise(text: str) -> str:
    """Lower-case, typography-folded, contraction-expanded text with numbers as tokens.

    ``normalise("We're up 17 percent")`` == ``normalise("we are up 17%")`` == "we are up #17pct".
    """
    text = fold(text).lower()
    text = _NUMBER_RE.sub(lambda m: f" {NumberMention(m[0], *_value_unit(m)).token} ", text)
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    for pattern, replacement in _PHRASES:
        text = pattern.sub(replacement, text)
    text = re.sub(r"[^\w#.\s]|(?<!\d)\.|\.(?!\d)", " ", text)
    return " ".join(text.split())


def _value_unit(match: re.Match[str]) -> tuple[float, str]:
    mention = number_mentions(match.group(0))
    return (mention[0].value, mention[0].unit) if mention else (0.0, "number")


def words(text: str) -> list[str]:
    """The normalised words of ``text``."""
    return normalise(text).split()


STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can cannot could did do does doing down during
    each even few for from further had has have having he her here hers herself him himself
    his how i if in into is it its itself just let me more most my myself no nor not of off
    on once only or other our ours ourselves out over own same she should so some such than
    that the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves however though although yet still already now
    something someone anything thing things many much well said says say saying stated
    states state noted notes added adds told tells explained explains emphasized emphasised
    emphasizes emphasises pointed point expressed expressing according stating firmly
    directly
    """.split()  # noqa: SIM905 - a word list reads better as text
)


@lru_cache(maxsize=500_000)
def stem(word: str) -> str:
    """A deliberately crude suffix stripper: "creating"/"create" -> "creat"."""
    if word.startswith("#") or len(word) <= 4:
        return word
    if word.endswith("ies") and len(word) > 5:
        return word[:-3] + "y"
    for suffix in ("ations", "ation", "ings", "ing", "edly", "ed", "es", "s", "e", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> frozenset[str]:
    """Stemmed words that carry meaning (stopwords and reporting verbs dropped), plus numbers."""
    return frozenset(stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1)


def word_key(word: str) -> str:
    """How one display word compares in a diff: case, quotes and edge punctuation ignored."""
    folded = fold(word).lower().strip("\"'()[]{}.,;:!?-*")
    return folded
