"""The story's fact sheet: what the whole story says of each person and term, across its claims.

Sentences do not always line up: one outlet calls Ted Sarandos "co-CEO" in a sentence about
revenue, another "CEO" in a quote about artists. The two claims never share a cluster, yet
the outlets disagree on a fact. The fact sheet gathers, for every person named with a title
anywhere in the story, the titles each outlet gives them; where outlets differ, every claim
that carries the person's title gets a `title` finding naming both sides ("co-CEO in 1
outlet, CEO in 4"). Key terms likewise: where outlets write the same two-word term with a
look-alike first word ("genetic AI" where the others write "generative AI"), the claims of
the outlets that write the rarer form get a `term` finding (the more common form is not
thereby right: the suggestion stays *varied*, never *erroneous*; the finding is shown where
the drift most likely happened). Pure Python, no Django.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

from .findings import Finding, figures_of, is_term_swap
from .job_titles import roles_in
from .normalise import STOPWORDS, normalise
from .records import ClaimRecord

__all__ = ["FactSheet", "fact_sheet"]


@dataclass
class _Title:
    written: str  # as the first outlet to use it wrote it ("Co-CEO")
    outlets: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class FactSheet:
    """Person (surname key) -> canonical title -> how it is written and which outlets use it."""

    titles: dict[str, dict[str, _Title]]
    # Head word -> first word -> outlets ("ai" -> {"generative": {...}, "genetic": {...}}).
    terms: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    # (kind, what it measures, amount) -> outlets that state that figure anywhere in the story.
    figures: dict[tuple[str, str, float], set[str]] = field(default_factory=dict)
    # Ids of the claims that give someone a title: their findings change with a new title.
    titled: set[int] = field(default_factory=set)

    def also_stated(self, record: ClaimRecord, figure_text: str) -> set[str]:
        """The other outlets that state this claim's figure (the same amount of the same
        measure) somewhere in the story."""
        outlet = record.outlet or f"source {record.source}"
        for figure in figures_of(record):
            if figure.text == figure_text and figure.measure:
                return self.figures.get(_figure_key(figure), set()) - {outlet}
        return set()

    def findings(self, record: ClaimRecord) -> list[Finding]:
        """A `title` finding for each disputed person whose title this claim carries."""
        found = []
        for mention in roles_in(record.text, record.speaker):
            titles = self.titles.get(mention.person_key, {})
            if len(titles) < 2 or mention.canonical not in titles:
                continue
            mine = titles[mention.canonical]
            others = [
                title for canonical, title in titles.items() if canonical != mention.canonical
            ]
            outlet = record.outlet or f"source {record.source}"
            outlets_others = sorted(set().union(*(t.outlets for t in others)) - {outlet})
            if not outlets_others:
                continue
            there = " / ".join(title.written for title in others)
            counts = ", ".join(f"{t.written} in {_outlets(len(t.outlets))}" for t in others)
            found.append(
                Finding(
                    kind="title",
                    here=mention.role,
                    others=there,
                    outlets_here=tuple(sorted(mine.outlets)),
                    outlets_others=tuple(outlets_others),
                    detail=(
                        f"title: {mention.person} is {mention.role} in "
                        f"{_outlets(len(mine.outlets))}, {counts}"
                    ),
                )
            )
        return found + self._term_findings(record)

    def _term_findings(self, record: ClaimRecord) -> list[Finding]:
        found = []
        outlet = record.outlet or f"source {record.source}"
        for first, head in _bigrams(record.text):
            variants = self.terms.get(head, {})
            mine = variants.get(first, set())
            for other, outlets in variants.items():
                if other == first or len(outlets) <= len(mine) or not is_term_swap(first, other):
                    continue
                found.append(
                    Finding(
                        kind="term",
                        here=first,
                        others=other,
                        outlets_here=tuple(sorted(mine)),
                        outlets_others=tuple(sorted(outlets - {outlet})),
                        detail=(
                            f"term: “{first} {head}” in {_outlets(len(mine))}, "
                            f"“{other} {head}” in {_outlets(len(outlets))}"
                        ),
                    )
                )
        return found


def _figure_key(figure) -> tuple[str, str, float]:
    return (figure.kind, figure.measure.lower().split()[-1], round(figure.amount, 6))


def _bigrams(text: str) -> list[tuple[str, str]]:
    words = normalise(text).split()
    return [
        (first, head)
        for first, head in pairwise(words)
        if first.isalpha() and len(first) >= 4 and first not in STOPWORDS and head not in STOPWORDS
    ]


def _outlets(count: int) -> str:
    return f"{count} outlet{'s' if count != 1 else ''}"


def fact_sheet(records: Iterable[ClaimRecord]) -> FactSheet:
    """The fact sheet of a story from all its claims (superseded revisions left out)."""
    titles: dict[str, dict[str, _Title]] = {}
    terms: dict[str, dict[str, set[str]]] = {}
    figures: dict[tuple[str, str, float], set[str]] = {}
    titled: set[int] = set()
    for record in records:
        outlet = record.outlet or f"source {record.source}"
        for mention in roles_in(record.text, record.speaker):
            known = titles.setdefault(mention.person_key, {})
            known.setdefault(mention.canonical, _Title(mention.role)).outlets.add(outlet)
            titled.add(record.id)
        for first, head in _bigrams(record.text):
            terms.setdefault(head, {}).setdefault(first, set()).add(outlet)
        for figure in figures_of(record):
            if figure.measure:
                figures.setdefault(_figure_key(figure), set()).add(outlet)
    return FactSheet(titles, terms, figures, titled)
