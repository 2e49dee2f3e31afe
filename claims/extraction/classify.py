"""Kind, speaker and check-worthiness of each sentence.

Kind priority when a sentence has several features:
quote > prediction > statistic > attribution > event > other.
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
from .speakers import NON_NAMES, SPEECH_VERBS, SpeakerResolver

QUOTE, STATISTIC, ATTRIBUTION, EVENT, OTHER = "quote", "statistic", "attribution", "event", "other"
PREDICTION = "prediction"

# Claims scoring below this are not shown to fact-checkers: any one concrete
# feature (a figure, a completed event, a quote, an attribution) on top of the
# base score clears it; vague or hedged commentary scores 0.0-0.25.
MIN_CHECKWORTHINESS = 0.35
# A forecast is kept (as kind "prediction") but never outranks most facts.
MAX_PREDICTION_SCORE = 0.6

# Reason label -> weight. Base score is what any sentence starts with. Why each
# weight is what it is: docs/extraction.md, "Check-worthiness".
BASE_SCORE = 0.1
WEIGHTS: dict[str, float] = {
    "has a figure": 0.4,
    "number in words": 0.3,
    "direct quote": 0.35,
    "attributed to a source": 0.25,
    "concrete event": 0.25,
    "reports a stance": 0.25,
    "forecast": 0.2,
    "reporting verb": 0.25,
    "names an entity": 0.15,
    "names several entities": 0.1,
    "comparison or change": 0.1,
    "states a cause": 0.1,
    "specific time": 0.1,
    "superlative or first": 0.1,
    "states a record": 0.25,
    "hedged language": -0.25,
    "personal experience": -0.2,
    "opinion language": -0.15,
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
# Irregular simple past forms (general English grammar, not any story's words).
_IRREGULAR_PAST = (
    "won|lost|rose|fell|grew|sold|bought|struck|led|beat|drew|wore|sat|spoke|took|gave|"
    "went|came|saw|told|found|held|left|met|paid|ran|sent|began|broke|brought|built|"
    "caught|chose|fought|kept|knew|threw|wrote|fled|sought|stole|spent|shot|stood|"
    "flew|froze|hid|swore|woke|withdrew|overtook|undertook|became|forgot"
)
# Irregular past participles, for passives and perfects ("was taken", "has won").
_IRREGULAR_PARTICIPLE = (
    "known|taken|given|seen|done|gone|made|held|won|lost|shown|written|spoken|chosen|"
    "driven|broken|stolen|fallen|risen|grown|drawn|thrown|beaten|bought|brought|built|"
    "caught|found|fought|kept|led|left|met|paid|sent|sold|spent|struck|told|understood|"
    "hurt|shut|cut|put|set|begun|hidden|frozen|sworn|shot|fled|sought|withdrawn|become"
)
# Words ending in -ed that are not past tenses.
_NOT_PAST = (
    r"(?!(?:indeed|need|speed|seed|feed|bed|red|shed|hundred|breed|proceed|exceed|succeed|"
    r"embed|naked|wicked|sacred|beloved|deed|greed|weed|steed|bleed)\b)"
)
_PARTICIPLE = rf"(?:{_NOT_PAST}[a-z]{{2,}}ed|{_IRREGULAR_PARTICIPLE})"
# Past tense / participle / third person of the stems above, irregular verbs
# and set phrases that report that something happened.
EVENT_VERB = re.compile(
    rf"\b(?:(?:{_EVENT_STEMS})(?:ed|d|s|es)|applied|applies|{_IRREGULAR_PAST}|"
    r"cut|made headlines|called on|went on strike)\b"
    # Nominal events: "the backlash against Particle6", "outcry over an AI actor".
    r"|\b(?:backlash|outcry|protests?|boycott|lawsuit|walkout)\s+(?:against|over|surrounding|from)\b"
    # "-ing" forms only as verbs ("is already deploying", ", using AI", "by
    # employing"), not as nouns ("approach to utilizing new technologies").
    rf"|(?:\b(?:is|are|was|were|been|be|it[\u2019']s|by)|,)\s+"
    r"(?:(?:\w+ly|already|just|still|now|also|not)\s+)*"
    rf"(?:{_EVENT_STEMS}|apply)ing\b",
    re.IGNORECASE,
)
# Any verb's completed event, by grammar rather than by word list. Case matters:
# a subject is a capitalised name or a pronoun, not any word.
_COMPLETED = re.compile(
    # Passives and perfects: "was destroyed", "were evacuated", "has been
    # charged", "have spiked", "had not been referred", "was taken"; not after
    # a modal ("may have risen" is a guess, "would have been" a counterfactual).
    r"(?<!may )(?<!might )(?<!could )(?<!would )(?<!should )(?<!must )"
    r"\b(?:[Ww]as|[Ww]ere|been|being|[Hh]as|[Hh]ave|[Hh]ad)\s+"
    rf"(?:(?:\w+ly|not|also|already|just|since|then|later|never|all|both|been)\s+)*{_PARTICIPLE}\b"
    # A simple past of any regular verb after its subject: a name or pronoun
    # ("Williams appeared", "he spoke"), or "the/a <noun>" ("the judge granted").
    r"|(?:\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|[Ii]t|who|which)|\b[A-Z][\w\u2019'-]+|"
    r"\b(?:\d[\d,.]*|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en)"
    r"(?:\s+[a-z]+)?|"
    r"\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+[a-z]+)\s+"
    rf"(?:(?:\w+ly|also|then|later|first|never|not|only)\s+)?"
    # Irregular pasts that are also nouns or presents ("hit", "made"), only here.
    rf"(?:{_NOT_PAST}[a-z]{{2,}}ed|made|hit|burst|spread|cost|quit|shut|split|cast)\b"
)
# Forecasts and plans: checkable as what was forecast, not (yet) as what happened.
_FORECAST = re.compile(
    r"\b(?:(?:is|are|was|were|been)\s+(?:\w+ly\s+)?(?:expected|projected|forecast|predicted|"
    r"set|poised|due|scheduled|slated|on course|on track|likely|unlikely)\s+(?:to|in|for)\b|"
    # The verb, not the noun: "fell short of forecasts" reports a result.
    r"(?:forecasts?|predicts?|projects|expects?)\s+"
    r"(?:that\b|an?\b|(?:[\w\u2019'-]+\s+){1,4}?to\s+[a-z])"
    r")",
    re.IGNORECASE,
)
# The future tense ("the case will be heard on Monday") is a forecast only with a
# date or a figure to check it by: "the industry will watch closely" is not.
_FUTURE = re.compile(r"\b(?:will|won[\u2019']t)\s+(?:(?:\w+ly|not|also|then|next|now)\s+)*[a-z]+")
# A comparison or change, which a figure or a record can confirm or refute.
_CHANGE = re.compile(
    r"\b(?:rose|rises?|risen|rising|fell|falls?|fallen|falling|grew|grows?|grown|"
    r"increase[sd]?|decrease[sd]?|declined?|declines|drop(?:s|ped)?|jump(?:s|ed)?|"
    r"surge[sd]?|soar(?:s|ed)?|plunge[sd]?|slump(?:s|ed)?|spike[sd]?|doubled?|tripled?|"
    r"halved?|cut|cuts|hikes?|hiked|reduced?|reduces|lowered|raised|"
    r"improvement|deteriorat\w+|more than|less than|fewer than|higher|lower|"
    r"compared (?:with|to)|up from|down from|unchanged)\b",
    re.IGNORECASE,
)
# An explicit cause or consequence, by its connective: a causing verb ("caused")
# is already the sentence's event, and counting it twice would let one verb
# outweigh a hedge.
_CAUSE = re.compile(
    r"\b(?:because(?: of)?|due to|as a result|owing to|thanks to|leading to|"
    r"resulting in|prompting|following|in response to)\b",
    re.IGNORECASE,
)
# Speech and source verbs even without a resolved speaker ("it said", "the
# report warns", "it is understood", "court documents allege").
_REPORTING = re.compile(
    rf"\b(?:{SPEECH_VERBS}|alleges?|alleged|allegedly|reportedly|accused of|charged with|"
    r"according to|it is understood|it was understood|contending|judged|found that|"
    r"show(?:s|ed)? that|emphasi[sz]es|concluded)\b"
)
_NUMBER_WORD = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|"
    r"half|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|twice|double|triple)\b",
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
    r"smallest|unprecedented|only)\b",
    re.IGNORECASE,
)
# A record stated as a fact about someone or something: "is the first woman to
# lead the party", "was the deadliest storm since 1900", "became its youngest".
_RECORD = re.compile(
    r"\b(?:is|was|are|were|became|becomes|remains|remained)\s+(?:now\s+|also\s+)?"
    r"(?:the|its|their|his|her|a)\s+(?:(?:\w+)\s+)?"
    r"(?:first|only|last|largest|biggest|highest|lowest|smallest|oldest|youngest|"
    r"deadliest|worst|fastest|longest|strongest|richest|poorest|busiest|hottest|coldest|"
    r"wettest|driest|tallest|heaviest|wealthiest|greatest|costliest|warmest|most|least)\b",
    re.IGNORECASE,
)
HEDGE = re.compile(
    # "appear" alone is literal ("make characters appear younger"); "potential"
    # only hedges as "has the potential to", not in "potential misuse".
    r"\b(?:may|might|could|couldn[\u2019']t|appears|appeared to|seems?|seemed|likely|unlikely|"
    r"possibly|perhaps|probably|potentially|(?:the )?potential (?:to|as)|arguably|"
    r"suggests?|"
    r"many consider|some (?:say|believe|argue)|it is believed)\b",
    re.IGNORECASE,
)
# Opinion is the writer's judgement, not a descriptive word: "significant" or
# "crucial" describe as often as they judge, so only markers of a verdict count.
_OPINION = re.compile(
    r"\b(?:should|must|ought to|clearly|obviously|undoubtedly|surely|"
    r"in (?:my|our) (?:view|opinion)|(?:i|we) (?:think|believe|feel)|"
    # Evaluative adjectives: the writer's verdict on what happened.
    r"worrying|alarming|troubling|disturbing|shocking|appalling|disgraceful|outrageous|"
    r"absurd|ridiculous|disappointing|encouraging|heartening|impressive|remarkabl[ey]|"
    r"admirable|brilliant|terrible|awful|wonderful|deplorable)\b",
    re.IGNORECASE,
)
# The writer's own experience ("I remember", "my family"), outside quotations.
_PERSONAL = re.compile(r"\b(?:I|I[\u2019'](?:ve|m|d)|(?i:me|my|myself))\b(?![\u2019'.-]\w)")
_CAPITALISED_TOKEN = re.compile(r"[A-Z][\w\u2019'&-]*")
# Acronyms that are topics rather than named entities in this domain.
_GENERIC_CAPITALS = frozenset({"AI", "GENAI", "TV", "LLM", "LLMS", "CEO", "CO-CEO", "CFO", "I"})
_MIN_WORDS = 5
_SEVERAL_ENTITIES = 4
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
    figure = has_figure(text)
    has_event = bool(EVENT_VERB.search(unquoted) or _COMPLETED.search(unquoted))
    # Only a pure forecast is a prediction: a sentence that also reports what
    # happened ("was remanded and will next appear on Monday") is an event.
    specific_time = bool(_TIME.search(text))
    forecast = not has_event and bool(
        _FORECAST.search(unquoted) or ((figure or specific_time) and _FUTURE.search(unquoted))
    )
    # A forecast is hedged by nature: its kind already ranks it lower, so its
    # hedge ("likely to") is not counted twice.
    hedged = not attributed and not forecast and bool(HEDGE.search(unquoted))
    entities = entities_in(text, known_entities)
    names_entity = bool(entities or _ORG_REFERENCE.search(text))

    features = {
        "has a figure": figure,
        "number in words": not figure and bool(_NUMBER_WORD.search(text)),
        "direct quote": signals.is_quote,
        "attributed to a source": signals.attributed,
        "reports a stance": bool(signals.stance_holder),
        "concrete event": has_event,
        "forecast": forecast,
        "reporting verb": not attributed and bool(_REPORTING.search(unquoted)),
        "names an entity": names_entity,
        # A list of who is who ("the contenders were X, Y and Z") is checkable name by name.
        "names several entities": len(set(entities)) >= _SEVERAL_ENTITIES,
        "comparison or change": bool(_CHANGE.search(unquoted)),
        "states a cause": bool(_CAUSE.search(unquoted)),
        "specific time": specific_time,
        "superlative or first": bool(_SUPERLATIVE.search(unquoted)),
        "states a record": bool(_RECORD.search(unquoted)),
        "hedged language": hedged,
        # The source's own opinion or experience is still what they said.
        "personal experience": not attributed and bool(_PERSONAL.search(unquoted)),
        "opinion language": not attributed and bool(_OPINION.search(unquoted)),
        "very short": len(text.split()) < _MIN_WORDS,
    }
    reasons = tuple(label for label, present in features.items() if present)
    score = BASE_SCORE + sum(WEIGHTS[label] for label in reasons)
    if figure or signals.is_quote:
        # Hard evidence is always shown: hedging can lower its rank, but a
        # figure or a direct quote never drops out of the checker's view.
        score = max(score, MIN_CHECKWORTHINESS)
    if forecast:
        # Not yet checkable as a fact: ranked below what happened.
        score = min(score, MAX_PREDICTION_SCORE)
    score = round(min(1.0, max(0.0, score)), 3)

    if signals.is_quote:
        kind = QUOTE
    elif forecast:
        # A forecast, even one with a figure or a source, is checked as what
        # was forecast, not as what happened.
        kind = PREDICTION
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
