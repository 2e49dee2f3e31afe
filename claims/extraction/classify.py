"""Kind, speaker and check-worthiness of each sentence.

Kind priority when a sentence has several features:
quote > statistic > attribution > event > other.
The score is a transparent sum of feature weights (see ``WEIGHTS``) so that a
fact-checker can read *why* a sentence was surfaced from its reasons.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .figures import has_figure
from .quotes import QuoteRegion, regions_over
from .segmentation import Sentence
from .speakers import NON_NAMES, SpeakerResolver

QUOTE, STATISTIC, ATTRIBUTION, EVENT, OTHER = "quote", "statistic", "attribution", "event", "other"

# Claims scoring below this are not shown to fact-checkers. Tuned on the sample
# corpus: unhedged events, attributions, figures and quotes score >= 0.35;
# vague or hedged commentary scores 0.0-0.25.
MIN_CHECKWORTHINESS = 0.35

# Reason label -> weight. Base score is what any sentence starts with.
BASE_SCORE = 0.1
WEIGHTS: dict[str, float] = {
    "has a figure": 0.4,
    "direct quote": 0.35,
    "attributed to a source": 0.25,
    "concrete event": 0.25,
    "reports a stance": 0.25,
    "names an entity": 0.15,
    "specific time": 0.1,
    "superlative or first": 0.1,
    "hedged language": -0.25,
    "opinion language": -0.1,
    "very short": -0.2,
}

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"

# Regular verbs as stems: matched with -ed/-d/-s/-es/-ing endings.
_EVENT_STEMS = (
    "releas|launch|introduc|announc|declar|deploy|utiliz|utilis|employ|integrat|tapp|"
    "us|urg|pressur|acquir|hir|fir|su|fil|increas|decreas|declin|dropp|rais|report|"
    "creat|spark|escalat|resign|appoint|approv|bann|block|strik|pass|vot|arrest|"
    "charg|convict|settl|partner|invest|purchas|clos|book|disclos|publish|distribut|"
    "premier|debut|exceed|miss|sign|test|ban|result|caus"
)
# Past tense / participle / third person of the stems above, irregular verbs
# and set phrases that report that something happened.
EVENT_VERB = re.compile(
    rf"\b(?:(?:{_EVENT_STEMS})(?:ed|d|s|es)|applied|applies|won|lost|"
    r"rose|fell|grew|cut|sold|bought|struck|led|beat|made headlines|called on|"
    r"went on strike)\b"
    # Nominal events: "the backlash against Particle6", "outcry over an AI actor".
    r"|\b(?:backlash|outcry|protests?|boycott|lawsuit|walkout)\s+(?:against|over|surrounding|from)\b"
    # "-ing" forms only as verbs ("is already deploying", ", using AI", "by
    # employing"), not as nouns ("approach to utilizing new technologies").
    rf"|(?:\b(?:is|are|was|were|been|be|it[\u2019']s|by)|,)\s+"
    r"(?:(?:\w+ly|already|just|still|now|also|not)\s+)*"
    rf"(?:{_EVENT_STEMS}|apply)ing\b",
    re.IGNORECASE,
)
# Day and month names must be capitalised so the modal "may" is not a date.
_TIME = re.compile(
    rf"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|{_MONTHS}|"
    r"(?i:yesterday|today|tonight|(?:earlier |later )?(?:this|last|next) "
    r"(?:week|month|year|morning|afternoon|quarter)))\b"
)
_SUPERLATIVE = re.compile(
    r"\b(?:first(?:-ever)?|record(?:-\w+)?|historic|largest|biggest|highest|lowest|"
    r"smallest|unprecedented)\b",
    re.IGNORECASE,
)
HEDGE = re.compile(
    # "appear" alone is literal ("make characters appear younger"); "potential"
    # only hedges as "has the potential to", not in "potential misuse".
    r"\b(?:may|might|could|couldn[\u2019']t|appears|appeared|seems?|seemed|likely|unlikely|"
    r"possibly|perhaps|probably|potentially|(?:the )?potential (?:to|as)|arguably|"
    r"suggests?|"
    r"many consider|some (?:say|believe|argue)|it is believed)\b",
    re.IGNORECASE,
)
_OPINION = re.compile(
    r"\b(?:should|must|ought to|believes?|clearly|obviously|undoubtedly|crucial|"
    r"remarkabl[ey]|deeply|significant|careful balance|next evolution|at the forefront)\b",
    re.IGNORECASE,
)
_CAPITALISED_TOKEN = re.compile(r"[A-Z][\w\u2019'&-]*")
# Acronyms that are topics rather than named entities in this domain.
_GENERIC_CAPITALS = frozenset({"AI", "GENAI", "TV", "LLM", "LLMS", "CEO", "CO-CEO", "CFO", "I"})
_MIN_WORDS = 5
# "the company", "the streaming giant": a named organisation by another name.
_ORG_REFERENCE = re.compile(r"\bthe (?:company|streaming giant|streamer|firm)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Assessment:
    """What the classifier concluded about one sentence."""

    kind: str
    speaker: str
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class _Signals:
    """Context-dependent facts about a unit, worked out before scoring it."""

    is_quote: bool
    speaker: str  # own attribution, else inherited (quotes only)
    attributed: bool  # the unit carries its own speech attribution
    stance_holder: str  # named source whose plan or belief is reported
    quotes_a_phrase: bool  # holds a short quoted phrase of a source's words


def assess_paragraph(
    units: Sequence[Sentence],
    quote_regions: Sequence[QuoteRegion],
    resolver: SpeakerResolver,
    known_entities: frozenset[str],
) -> list[Assessment]:
    """Assess every claim unit (sentence or part of one) of one paragraph, in reading order.

    Quote units without their own attribution inherit the speaker of the
    nearest attributed quote in the same paragraph (the previous one first).
    """
    drafts = []
    near_quotes = []
    for unit in units:
        # Only the quotations over a unit bear on it; looking them up instead of
        # scanning the whole paragraph's keeps a paragraph of many quotes linear.
        near = regions_over(quote_regions, unit.start, unit.end)
        quoted = [(r.start, r.end) for r in near]
        is_quote = any(r.is_speech for r in near)
        speaker = resolver.speaker_in(unit.text, unit.start, quoted)
        drafts.append((unit, is_quote, speaker))
        near_quotes.append((near, quoted))

    attributed = [index for index, (_, quote, speaker) in enumerate(drafts) if quote and speaker]
    assessed: list[Assessment] = []
    for index, (unit, is_quote, speaker) in enumerate(drafts):
        near, quoted = near_quotes[index]
        signals = _Signals(
            is_quote=is_quote,
            speaker=speaker or (_inherited_speaker(drafts, attributed, index) if is_quote else ""),
            attributed=bool(speaker),
            stance_holder="" if speaker else resolver.stance_holder(unit.text, unit.start, quoted),
            # Short quoted phrases in lower case ("all in", "significant opportunity")
            # are a source's words, unlike titles ("The Eternaut").
            quotes_a_phrase=any(not r.is_speech and r.first_char.islower() for r in near),
        )
        assessed.append(_assess(unit, signals, quoted, known_entities))
    return assessed


def _inherited_speaker(
    drafts: Sequence[tuple[Sentence, bool, str]], attributed: Sequence[int], index: int
) -> str:
    """The speaker of the nearest attributed quote (``attributed``: their indexes in
    ``drafts``, ascending) before ``index``, else after it."""
    position = bisect.bisect_left(attributed, index)
    if position:
        return drafts[attributed[position - 1]][2]
    return drafts[attributed[position]][2] if position < len(attributed) else ""


def _assess(
    unit: Sentence,
    signals: _Signals,
    quoted: Sequence[tuple[int, int]],
    known_entities: frozenset[str],
) -> Assessment:
    text = unit.text
    # Hedges inside a quotation or in attributed speech or stance are the
    # source's words: whether they said them is still checkable, so only the
    # reporter's own unattributed hedging lowers the score.
    unquoted = _blank_regions(text, unit.start, quoted)
    attributed = signals.attributed or bool(signals.stance_holder)
    hedged = not attributed and bool(HEDGE.search(unquoted))
    figure = has_figure(text)
    has_event = bool(EVENT_VERB.search(unquoted))
    names_entity = bool(entities_in(text, known_entities) or _ORG_REFERENCE.search(text))

    features = {
        "has a figure": figure,
        "direct quote": signals.is_quote,
        "attributed to a source": signals.attributed,
        "reports a stance": bool(signals.stance_holder),
        "concrete event": has_event,
        "names an entity": names_entity,
        "specific time": bool(_TIME.search(text)),
        "superlative or first": bool(_SUPERLATIVE.search(unquoted)),
        "hedged language": hedged,
        "opinion language": bool(_OPINION.search(unquoted)),
        "very short": len(text.split()) < _MIN_WORDS,
    }
    reasons = tuple(label for label, present in features.items() if present)
    score = BASE_SCORE + sum(WEIGHTS[label] for label in reasons)
    if figure or signals.is_quote:
        # Hard evidence is always shown: hedging can lower its rank, but a
        # figure or a direct quote never drops out of the checker's view.
        score = max(score, MIN_CHECKWORTHINESS)
    score = round(min(1.0, max(0.0, score)), 3)

    if signals.is_quote:
        kind = QUOTE
    elif figure:
        kind = STATISTIC
    elif signals.attributed or (signals.stance_holder and signals.quotes_a_phrase):
        # A stance in the source's own quoted words is attributed to them.
        kind = ATTRIBUTION
    elif has_event:
        kind = EVENT
    else:
        kind = OTHER
    return Assessment(kind, signals.speaker or signals.stance_holder, score, reasons)


def entities_in(text: str, known_entities: frozenset[str]) -> list[str]:
    """Capitalised words that are not merely sentence-initial or generic acronyms.

    The first word counts only if the article capitalises it mid-sentence too
    ("Netflix"), so "The", "While" etc. are not mistaken for names.
    """
    found: list[str] = []
    for match in _CAPITALISED_TOKEN.finditer(text):
        word = re.sub(r"[\u2019']s$", "", match.group())
        if word.upper() in _GENERIC_CAPITALS or word.split("-")[0].upper() in _GENERIC_CAPITALS:
            continue
        if word.lower() in NON_NAMES:
            continue
        # Sentence start or just after an opening quote: capitalised by grammar.
        preceding = text[: match.start()].rstrip()
        grammatical = not preceding or preceding[-1] in '“"•-\u2013—:.!?'
        if grammatical and word not in known_entities:
            continue
        found.append(word)
    return found


def mid_sentence_capitals(text: str) -> frozenset[str]:
    """Words the article capitalises after a lower-case word: likely names."""
    return frozenset(
        re.sub(r"[\u2019']s$", "", m.group())
        for m in re.finditer(r"(?<=[a-z,;] )[A-Z][\w\u2019'&-]*", text)
    )


def _blank_regions(text: str, offset: int, regions: Sequence[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in regions:
        for i in range(max(start - offset, 0), min(end - offset, len(chars))):
            chars[i] = " "
    return "".join(chars)
