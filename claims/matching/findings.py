"""Findings: each difference between the versions of one fact, named, typed and located.

Two versions are compared point by point: each figure with the figure of the other version
that measures the same thing, each date or weekday, each person's title, the speaker, the
quoted words, and the words where the two sentences line up but one word is swapped for a
look-alike (a term: "genetic" for "generative") or a name for another (an entity). A point
where another version differs becomes a :class:`Finding` with this version's words, the
other versions' words and the outlets on each side. A paraphrase changes words but no
point, so it is no finding. See docs/matching.md.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher

from rapidfuzz import fuzz

from .diff import best_window, display_words, word_diff
from .job_titles import person_key, roles_in
from .normalise import STOPWORDS, fold, normalise, number_mentions, stem, word_key
from .records import ClaimRecord

__all__ = ["FACT_KINDS", "KINDS", "WEIGHTS", "Finding", "Point", "findings_for", "points"]

KINDS = ("figure", "time", "update", "title", "term", "quote", "speaker", "entity")
# Kinds where one version states another fact: evidence that one of them is wrong.
FACT_KINDS = frozenset({"figure", "time"})
# How much a finding of each kind weighs when the compare page sorts clusters.
WEIGHTS = {
    "figure": 3.0, "time": 3.0, "quote": 2.0, "speaker": 2.0, "title": 1.5, "term": 1.5,
    "entity": 1.5, "update": 1.0,
}  # fmt: skip
_TIME_UNITS = {"date", "time"}
# A bare year is compared with nothing: "the 2025 report" and "emissions in 2024" are two
# facts, and which year goes with which is what the sentence does not line up.
_UNCOMPARED_UNITS = {"year", "decade"}
# Counts that move during a story ("rose to 12", "so far"): a change is an update.
_UPDATE_WORDS = re.compile(
    r"\b(?:rose|risen|rising|climbed|increased|jumped|grew|has reached|now stands|now at|"
    r"updated|latest|revised|so far|at least|has risen|up to|toll)\b",
    re.IGNORECASE,
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)
# Approximate figures ("about 19 miles", "nearly 300") agree within this share.
APPROXIMATE_TOLERANCE = 0.1
# A swapped word is a term (not a paraphrase) when it looks like the word it replaced.
TERM_LOOKALIKE = 65
# A misspelt name looks like the right one at least this much (0..100).
ENTITY_LOOKALIKE = 80
# Lining two sentences up word by word costs difflib time quadratic in their words; longer
# "claims" (a passage, not a sentence) are not searched for swapped words.
MAX_ALIGNED_WORDS = 300


@dataclass(frozen=True)
class Point:
    """One thing two versions both state, and whether they state it alike.

    ``topic`` says what is compared (("title", "sarandos"), ("figure", "$11.5 billion")),
    so the same point met against several other versions adds up to one finding.
    """

    kind: str
    topic: tuple[str, ...]
    here: str
    there: str
    same: bool


@dataclass(frozen=True)
class Finding:
    """A difference of this version from others of the same fact (docs/export.md)."""

    kind: str
    here: str  # this version's words
    others: str  # the other versions' words ("CEO"; "$11.2 billion / $12 billion")
    outlets_here: tuple[str, ...]  # outlets that say it as this version does
    outlets_others: tuple[str, ...]  # outlets that say it otherwise
    detail: str  # in words: "title: co-CEO vs CEO in 4 others"

    @property
    def weight(self) -> float:
        return WEIGHTS[self.kind]

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "here": self.here,
            "others": self.others,
            "outlets": {"here": list(self.outlets_here), "others": list(self.outlets_others)},
            "detail": self.detail,
        }


# --- figures and times -------------------------------------------------------------------


@dataclass(frozen=True)
class _Figure:
    text: str
    value: float
    unit: str
    measure: str = ""
    dimension: str = ""
    base_value: float | None = None
    margin: float = 0.0
    approximate: bool = False
    instant: str = ""

    @property
    def kind(self) -> str:
        return self.dimension or self.unit

    @property
    def amount(self) -> float:
        return self.base_value if self.base_value is not None else self.value


def figures_of(record: ClaimRecord) -> list[_Figure]:
    if record.figures:
        return [
            _Figure(
                str(f.get("text", "")),
                float(f["value"]),
                str(f["unit"]),
                str(f.get("measure", "")),
                str(f.get("dimension", "")),
                float(f["base_value"]) if f.get("base_value") is not None else None,
                float(f.get("margin", 0.0)),
                bool(f.get("approximate", False)),
                str(f.get("instant", "")),
            )
            for f in record.figures
            if f.get("value") is not None
        ]
    # Without parsed figures only amounts with a unit count ("Happy Gilmore 2" is a title).
    return [
        _Figure(m.text, m.value, m.unit) for m in number_mentions(record.text) if m.unit != "number"
    ]


def _close(a: float, b: float, tolerance: float = 1e-9) -> bool:
    return math.isclose(a, b, rel_tol=tolerance, abs_tol=1e-9)


def _date_parts(value: float) -> tuple[int, int, int]:
    number = int(value)
    return number // 10000, number // 100 % 100, number % 100


def figures_agree(a: _Figure, b: _Figure) -> bool:
    """Whether two figures of one kind report the same amount: equal as written, within the
    rounding of the less precise after conversion (5 km, 3.1 miles), within a tenth when
    either is approximate, as UTC instants for zoned times, and on the parts both give for
    dates ("Oct. 21" and "21 October 2025")."""
    if a.unit == "date" and b.unit == "date":
        return all(
            x == y
            for x, y in zip(_date_parts(a.value), _date_parts(b.value), strict=True)
            if x and y
        )
    if a.unit == "time":
        if a.base_value is not None and b.base_value is not None:
            return _close(a.base_value, b.base_value)
        return _close(a.value, b.value)
    if a.approximate or b.approximate:
        return _close(a.amount, b.amount, APPROXIMATE_TOLERANCE)
    if a.unit != b.unit and a.base_value is not None and b.base_value is not None:
        return abs(a.base_value - b.base_value) <= max(a.margin, b.margin) * (1 + 1e-9)
    return _close(a.value, b.value)


def _comparable(a: _Figure, b: _Figure) -> bool:
    """Same kind of amount and, when both say, the same thing measured; counts only when
    both say what they count ("10 counts", "11 counts")."""
    if a.kind != b.kind:
        return False
    if a.unit in {"count", "number"}:
        # A bare count says too little: 11 chapter votes are not a total of 185.
        return bool(a.measure and b.measure) and _same_measure(a.measure, b.measure)
    return not (a.measure and b.measure) or _same_measure(a.measure, b.measure)


def _same_measure(a: str, b: str) -> bool:
    """ "revenue" and "quarterly revenue" measure one thing; one says more about it."""
    words_a, words_b = set(a.lower().split()), set(b.lower().split())
    return words_a <= words_b or words_b <= words_a


def _figure_points(member: ClaimRecord, other: ClaimRecord) -> list[Point]:
    """Each figure paired one to one: agreeing pairs first; then, per kind, a figure left
    on each side is the same amount stated differently. A figure only one version carries is
    no difference (one copy may simply say more)."""
    mine = [f for f in figures_of(member) if f.unit not in _UNCOMPARED_UNITS]
    theirs = [f for f in figures_of(other) if f.unit not in _UNCOMPARED_UNITS]
    found: list[Point] = []
    left = list(theirs)
    unmatched: list[_Figure] = []
    for figure in mine:
        match = next((t for t in left if _comparable(figure, t) and figures_agree(figure, t)), None)
        if match is None:
            unmatched.append(figure)
            continue
        left.remove(match)
        found.append(
            Point(_figure_kind(figure), ("figure", figure.text), figure.text, match.text, True)
        )
    for figure in unmatched:
        rivals = [t for t in left if _comparable(figure, t)]
        same_kind_mine = [f for f in unmatched if _comparable(f, rivals[0])] if rivals else []
        if len(rivals) != 1 or len(same_kind_mine) != 1:
            continue  # which pairs with which is not clear: say nothing rather than guess
        rival = rivals[0]
        kind = _figure_kind(figure)
        if kind == "figure" and figure.unit in {"count", "number"} and _is_update(member, other):
            kind = "update"
        found.append(Point(kind, ("figure", figure.text), figure.text, rival.text, False))
    return found


def _figure_kind(figure: _Figure) -> str:
    return "time" if figure.unit in _TIME_UNITS else "figure"


def _is_update(member: ClaimRecord, other: ClaimRecord) -> bool:
    if member.published and other.published and member.published != other.published:
        return True
    return bool(_UPDATE_WORDS.search(member.text) or _UPDATE_WORDS.search(other.text))


def _weekdays(record: ClaimRecord) -> set[str]:
    days = {match.lower() for match in _WEEKDAY.findall(record.text)}
    for figure in figures_of(record):
        if figure.instant and len(figure.instant) >= 10:
            try:
                days.add(_WEEKDAYS[date.fromisoformat(figure.instant[:10]).weekday()])
            except ValueError:
                continue
    return days


def _weekday_points(member: ClaimRecord, other: ClaimRecord) -> list[Point]:
    mine, theirs = _weekdays(member), _weekdays(other)
    if len(mine) != 1 or len(theirs) != 1:
        return []
    (here,), (there,) = mine, theirs
    return [Point("time", ("weekday",), here.title(), there.title(), here == there)]


# --- people, quotes, words -----------------------------------------------------------------


def _title_points(member: ClaimRecord, other: ClaimRecord) -> list[Point]:
    theirs = roles_in(other.text, other.speaker)
    found = []
    for mention in roles_in(member.text, member.speaker):
        same_person = [r for r in theirs if r.person_key == mention.person_key]
        if not same_person:
            continue
        same = any(r.canonical == mention.canonical for r in same_person)
        there = mention.role if same else same_person[0].role
        found.append(Point("title", ("title", mention.person_key), mention.role, there, same))
    return found


_SPEECH = {"quote", "attribution"}


def _speaker_points(member: ClaimRecord, other: ClaimRecord) -> list[Point]:
    if not (member.speaker and other.speaker and {member.kind, other.kind} <= _SPEECH):
        return []
    if len(member.speaker.split()) < 2 or len(other.speaker.split()) < 2:
        # "UNEP" for its head "Inger Andersen", "police" for a named officer: an organisation
        # and its people speak for each other; two named people do not.
        return []
    same = person_key(member.speaker) == person_key(other.speaker)
    return [Point("speaker", ("speaker",), member.speaker, other.speaker, same)]


def _quote_words(text: str) -> list[str]:
    return [word_key(w) for w in display_words(text)]


def _quote_points(member: ClaimRecord, other: ClaimRecord) -> list[Point]:
    """The quoted words of two versions of one quote; a fragment of the other is the same."""
    if not (member.quoted_text and other.quoted_text):
        return []
    mine, theirs = normalise(member.quoted_text), normalise(other.quoted_text)
    short, long = sorted((mine, theirs), key=len)
    if mine == theirs or (len(short.split()) >= 3 and f" {short} " in f" {long} "):
        return [Point("quote", ("quote",), member.quoted_text, other.quoted_text, True)]
    reference = other.quoted_text
    if len(display_words(member.quoted_text)) <= 0.7 * len(display_words(reference)):
        reference = best_window(reference, member.quoted_text)
    diff = word_diff(reference, member.quoted_text)
    changes = [(old, new) for old, new in diff.changed_phrases() if _words_matter(old, new)]
    if not changes:
        return [Point("quote", ("quote",), member.quoted_text, other.quoted_text, True)]
    equal = sum(1 for op, _ in diff.ops if op == "equal")
    if equal < 0.5 * min(len(_quote_words(reference)), len(_quote_words(member.quoted_text))):
        # Hardly a word in common: the quotes as a whole, not a list of edits.
        return [Point("quote", ("quote",), member.quoted_text, reference, False)]
    here = "; ".join(_edit(old, new) for old, new in changes[:3])
    there = "; ".join(old or "(nothing)" for old, _ in changes[:3])
    return [Point("quote", ("quote",), here, there, False)]


def _edit(old: str, new: str) -> str:
    if not old:
        return f"adds “{new}”"
    if not new:
        return f"drops “{old}”"
    return f"“{new}” for “{old}”"


def _words_matter(old: str, new: str) -> bool:
    """A change of more than punctuation, case or contraction."""
    return normalise(old) != normalise(new)


def _aligned_swaps(mine: list[str], theirs: list[str]) -> list[tuple[str, str]]:
    """One word of this version standing where the other has another, with at least two
    words alike around it: the two sentences line up there."""
    if max(len(mine), len(theirs)) > MAX_ALIGNED_WORDS:
        return []
    mine_keys, their_keys = [word_key(w) for w in mine], [word_key(w) for w in theirs]
    swaps = []
    opcodes = SequenceMatcher(None, mine_keys, their_keys, autojunk=False).get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag != "replace" or i2 - i1 != 1 or j2 - j1 != 1:
            continue
        before = opcodes[index - 1] if index else None
        after = opcodes[index + 1] if index + 1 < len(opcodes) else None
        context = sum(op[2] - op[1] for op in (before, after) if op and op[0] == "equal")
        if context >= 2:
            swaps.append((_clean(mine[i1]), _clean(theirs[j1])))
    return swaps


def _clean(word: str) -> str:
    return fold(word).strip("\"'()[]{}.,;:!?-*")


def _swap_points(member: ClaimRecord, other: ClaimRecord) -> list[Point]:
    """Terms swapped for look-alikes ("genetic" for "generative", compared after spelling is
    unified: "artificial intelligence" is "AI") and misspelt names ("Lombardeli"); the
    quoted words are the quote's to compare, and numbers the figures'."""
    found = []
    quoted = f" {normalise(member.quoted_text)} " if member.quoted_text else ""
    for here, there in _aligned_swaps(
        normalise(member.text).split(), normalise(other.text).split()
    ):
        if quoted and f" {here} " in quoted:
            continue
        if is_term_swap(here, there) and not _written_as_name(here, member.text):
            found.append(Point("term", ("term", there), here, there, False))
    for here, there in _aligned_swaps(display_words(member.text), display_words(other.text)):
        if _misspelt_name(here, there):
            found.append(Point("entity", ("entity", there.lower()), here, there, False))
    return found


def _misspelt_name(here: str, there: str) -> bool:
    here, there = _without_possessive(here), _without_possessive(there)
    if not (_is_name(here) and _is_name(there)) or here.lower() == there.lower():
        return False
    return fuzz.ratio(here.lower(), there.lower()) >= ENTITY_LOOKALIKE


def _without_possessive(word: str) -> str:
    """ "Programme's" is "Programme": the possessive changes no name."""
    return re.sub(r"['\u2019]s$", "", word)


def _written_as_name(word: str, text: str) -> bool:
    """Whether ``text`` capitalises the (lower-case) word: a name is an entity, not a term."""
    return any(w[:1].isupper() and word_key(w) == word for w in display_words(text))


def _is_name(word: str) -> bool:
    return (
        len(word) >= 3
        and word[:1].isupper()
        and word.replace("-", "").replace("'", "").isalpha()
        and word.lower() not in STOPWORDS
    )


def is_term_swap(here: str, there: str) -> bool:
    """Two different words that look alike: a translation or a slip, not a paraphrase."""
    if not (here.isalpha() and there.isalpha()) or here in STOPWORDS or there in STOPWORDS:
        return False
    if len(here) < 4 or len(there) < 4 or stem(here) == stem(there):
        return False
    return here[:3] == there[:3] and fuzz.ratio(here, there) >= TERM_LOOKALIKE


def points(member: ClaimRecord, other: ClaimRecord) -> list[Point]:
    """Everything ``member`` and ``other`` both state, alike or not."""
    return [
        *_figure_points(member, other),
        *_weekday_points(member, other),
        *_title_points(member, other),
        *_speaker_points(member, other),
        *_quote_points(member, other),
        *_swap_points(member, other),
    ]


# --- findings ------------------------------------------------------------------------------


def _outlet(record: ClaimRecord) -> str:
    return record.outlet or f"source {record.source}"


def findings_for(
    member: ClaimRecord,
    others: Sequence[ClaimRecord],
    compared: Mapping[int, list[Point]] | None = None,
) -> list[Finding]:
    """The differences of ``member`` from ``others`` (versions of the same fact in other
    articles), one finding per point where at least one of them differs. ``compared`` holds
    the points already worked out against each other version, by its id."""
    by_topic: dict[tuple[str, ...], list[tuple[ClaimRecord, Point]]] = {}
    for other in others:
        found_points = compared[other.id] if compared else points(member, other)
        for point in found_points:
            by_topic.setdefault(point.topic, []).append((other, point))
    found = []
    for compared in by_topic.values():
        differing = [(other, point) for other, point in compared if not point.same]
        if not differing:
            continue
        kind = _strongest_kind([point.kind for _, point in differing])
        if kind == "quote":
            # Each other version changes the quote its own way: the closest one names the
            # edits (fewest words changed), the others are counted.
            differing.sort(key=lambda item: len(item[1].here) + len(item[1].there))
            closest = differing[0][1]
            here, rivals = closest.here, [closest.there]
        else:
            here = differing[0][1].here
            rivals = list(dict.fromkeys(point.there for _, point in differing))
        outlets_others = tuple(dict.fromkeys(_outlet(other) for other, _ in differing))
        agreeing = [_outlet(other) for other, point in compared if point.same]
        if kind in {"term", "entity"}:
            agreeing = [
                _outlet(o) for o in others if _says(o, here) and _outlet(o) not in outlets_others
            ]
        outlets_here = tuple(dict.fromkeys([_outlet(member), *agreeing]))
        found.append(
            Finding(
                kind=kind,
                here=here,
                others=" / ".join(rivals),
                outlets_here=outlets_here,
                outlets_others=outlets_others,
                detail=_detail(kind, here, rivals, len(outlets_others)),
            )
        )
    return sorted(found, key=lambda f: (-f.weight, KINDS.index(f.kind)))


def _shortened(words: str, limit: int = 80) -> str:
    return words if len(words) <= limit else words[: limit - 1].rsplit(" ", 1)[0] + "…"


def _says(record: ClaimRecord, words: str) -> bool:
    return f" {normalise(words)} " in f" {normalise(record.text)} "


def _strongest_kind(kinds: list[str]) -> str:
    return min(kinds, key=lambda kind: (-WEIGHTS[kind], KINDS.index(kind)))


def _detail(kind: str, here: str, rivals: list[str], count: int) -> str:
    others = f"{count} other{'s' if count != 1 else ''}"
    there = " / ".join(rivals)
    if kind == "quote":
        words = here if "“" in here else f"“{_shortened(here)}” for “{_shortened(there)}”"
        return f"quote: {words} (worded differently in {others})"
    if kind == "update":
        return f"update: {here} here, {there} in {others} (a count that changed)"
    return f"{kind}: {here} vs {there} in {others}"
