"""The extraction pipeline: body text in, check-worthy claims with exact spans out."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace

from .boilerplate import boilerplate_spans, is_bullet, looks_like_heading
from .classify import (
    ATTRIBUTION,
    EVENT,
    MIN_CHECKWORTHINESS,
    OTHER,
    QUOTE,
    Assessment,
    assess_paragraph,
    mid_sentence_capitals,
)
from .figures import Figure, find_figures
from .quotes import OPENING_MARKS, QuoteRegion, find_quote_regions, quoted_text, regions_over
from .segmentation import Sentence, paragraphs, sentences
from .speakers import SpeakerResolver
from .text_utils import words
from .units import cut_units, dash_clauses, fact_cuts, split_quotations

__all__ = [
    "EXTRACTOR_VERSION",
    "MIN_CHECKWORTHINESS",
    "CandidateClaim",
    "Figure",
    "extract_candidates",
]

# Bump whenever extraction output (spans, kinds, speakers, scores, figures) changes,
# so stored claims can be told apart from a re-run's.
EXTRACTOR_VERSION = "2.4.0"  # 2.4: sentences glued by a lost space ("UK.Thursday") are cut;
# 2.3: general features, predictions, atomic claims, furniture shapes;
# figures in words, units, zones, approximations; quotes in every style, speakers with titles


@dataclass(frozen=True)
class CandidateClaim:
    """A claim worth fact-checking; ``body[start:end] == text`` exactly.

    Usually a sentence; a sentence holding several direct quotations gives one
    claim per quotation (see ``units.py``).
    """

    start: int
    end: int
    text: str
    kind: str  # "quote" | "statistic" | "attribution" | "prediction" | "event" | "other"
    speaker: str  # resolved speaker for quotes/attributions, "" if none
    checkworthiness: float  # in [0, 1], rounded to 3 decimals
    reasons: tuple[str, ...]
    quoted_text: str = ""  # quote claims: the words inside the quote marks, marks excluded
    figures: tuple[Figure, ...] = ()  # every figure inside [start, end), parsed
    # The speaker's title as the article gives it ("Netflix co-CEO"), never part of the name.
    speaker_title: str = ""


def extract_candidates(body: str, headline: str = "") -> list[CandidateClaim]:
    """Return the check-worthy claims of ``body``, sorted by start and non-overlapping.

    Steps: drop page furniture (see :func:`boilerplate_spans`), skip headings,
    split the rest into sentences, classify each (kind, speaker, score) and
    keep those scoring at least :data:`MIN_CHECKWORTHINESS`. ``headline`` helps
    recognise the title line and teasers that repeat it; the body may or may
    not contain it.
    """
    if not body.strip():
        return []
    furniture = sorted((span.start, span.end) for span in boilerplate_spans(body, headline))
    furniture_starts = [start for start, _ in furniture]
    content = _blank_out(body, furniture)
    resolver = SpeakerResolver.from_text(content)
    known_entities = mid_sentence_capitals(content)
    headline_words = words(headline)

    claims: list[CandidateClaim] = []
    thread = _QuoteThread()
    for paragraph in paragraphs(body):
        # Furniture never spans two lines, so a paragraph's is what starts inside it.
        blocked = furniture[
            bisect.bisect_left(furniture_starts, paragraph.start) : bisect.bisect_left(
                furniture_starts, paragraph.end
            )
        ]
        paragraph_sentences = sentences(body, paragraph, blocked)
        line = body[paragraph.start : paragraph.end]
        if not paragraph_sentences or _is_heading(line, paragraph_sentences, headline_words):
            thread = _QuoteThread()
            continue
        regions = find_quote_regions(content, paragraph.start, paragraph.end)
        found = _paragraph_claims(body, paragraph_sentences, regions, resolver, known_entities)
        thread = thread.follow(claims, found, line, regions)
    # Titles are article-wide ("Netflix co-CEO Ted Sarandos" early on, "Sarandos said" later).
    titled = (replace(c, speaker_title=resolver.title_of(c.speaker)) for c in claims)
    return sorted(titled, key=lambda claim: claim.start)


@dataclass(frozen=True)
class _QuoteThread:
    """Speakers carried between paragraphs of one quotation.

    News style names a quotation's speaker once. A paragraph that opens with a quote mark
    continues the previous paragraph's quotation when that one was left open (“...\n“...,”
    he said.), or quotes the same source again when the previous paragraph ended on an
    attributed quote or on an attribution introducing one ("she said:").
    """

    # Indexes of unattributed quote claims of an open quotation: a list grown in place, so a
    # quotation over many paragraphs is not copied once per paragraph.
    waiting: list[int] = field(default_factory=list)
    speaker: str = ""  # the speaker the previous paragraph ended on

    def follow(
        self,
        claims: list[CandidateClaim],
        found: list[CandidateClaim],
        line: str,
        regions: list[QuoteRegion],
    ) -> _QuoteThread:
        """Add ``found`` (one paragraph's claims) to ``claims`` and carry speakers across."""
        continues = line[:1] in OPENING_MARKS
        own = next((c.speaker for c in found if c.kind == QUOTE and c.speaker), "")
        if continues and own:
            for index in self.waiting:
                claims[index] = replace(claims[index], speaker=own)
        if continues and self.speaker:
            # Quote claims before the paragraph's own attribution take the carried speaker.
            for position, claim in enumerate(found):
                if claim.kind != QUOTE or claim.speaker:
                    break
                found[position] = replace(claim, speaker=self.speaker)
        first = len(claims)
        claims.extend(found)
        last = found[-1] if found else None
        carried = last.speaker if last and (last.kind == QUOTE or last.text.endswith(":")) else ""
        if not (regions and not regions[-1].closed):
            return _QuoteThread(speaker=carried)
        # Unattributed quote claims wait until a paragraph that names the speaker.
        unattributed = (
            index
            for index in range(first, len(claims))
            if claims[index].kind == QUOTE and not claims[index].speaker
        )
        waiting = self.waiting if continues and not own else []
        waiting.extend(unattributed)
        return _QuoteThread(waiting, carried)


def _paragraph_claims(
    body: str,
    paragraph_sentences: list[Sentence],
    regions: list[QuoteRegion],
    resolver: SpeakerResolver,
    known_entities: frozenset[str],
) -> list[CandidateClaim]:
    # One unit per claim: a sentence, or each quotation of a multi-quote sentence.
    units = [
        unit
        for sentence in paragraph_sentences
        for unit in split_quotations(
            body, sentence, regions_over(regions, sentence.start, sentence.end)
        )
    ]
    assessments = assess_paragraph(units, regions, resolver, known_entities)
    claims = []
    for unit, assessment in zip(units, assessments, strict=True):
        if assessment.score >= MIN_CHECKWORTHINESS:
            facts = _atomic_facts(body, unit, assessment, regions, resolver, known_entities)
            claims.extend(
                _claim(body, part, part_assessment, regions) for part, part_assessment in facts
            )
            continue
        # Below threshold as a whole: a dash/semicolon clause may still state a
        # checkable fact that the reporter's hedged main clause buries.
        clauses = dash_clauses(body, unit)
        if clauses:
            rescued = assess_paragraph(clauses, regions, resolver, known_entities)
            claims.extend(
                _claim(body, clause, clause_assessment, regions)
                for clause, clause_assessment in zip(clauses, rescued, strict=True)
                if clause_assessment.score >= MIN_CHECKWORTHINESS
            )
    return claims


# Reasons that make a part a fact of its own rather than a comment on the other part.
_FACT_REASONS = frozenset({"has a figure", "number in words", "concrete event"})


def _atomic_facts(
    body: str,
    unit: Sentence,
    assessment: Assessment,
    regions: list[QuoteRegion],
    resolver: SpeakerResolver,
    known_entities: frozenset[str],
) -> list[tuple[Sentence, Assessment]]:
    """``unit`` as one claim per separately checkable fact (see ``units.py``), else whole.

    Cut only when every part states a fact (a figure or a completed event) and
    clears the threshold alone; each part keeps the sentence's speaker.
    """
    if assessment.kind == QUOTE:
        return [(unit, assessment)]
    quoted = [(r.start, r.end) for r in regions_over(regions, unit.start, unit.end)]
    cuts = fact_cuts(body, unit, quoted)
    if not cuts:
        return [(unit, assessment)]
    parts = cut_units(body, unit, cuts)
    assessed = assess_paragraph(parts, regions, resolver, known_entities)
    if len(parts) < 2 or not all(
        a.score >= MIN_CHECKWORTHINESS and _FACT_REASONS.intersection(a.reasons) for a in assessed
    ):
        return [(unit, assessment)]
    inherited = []
    for part_assessment in assessed:
        if assessment.speaker and not part_assessment.speaker:
            kind = part_assessment.kind
            if kind in {EVENT, OTHER}:
                kind = ATTRIBUTION  # the sentence's source said this part too
            part_assessment = replace(part_assessment, speaker=assessment.speaker, kind=kind)
        inherited.append(part_assessment)
    return list(zip(parts, inherited, strict=True))


def _claim(
    body: str, unit: Sentence, assessment: Assessment, regions: list[QuoteRegion]
) -> CandidateClaim:
    return CandidateClaim(
        start=unit.start,
        end=unit.end,
        text=unit.text,
        kind=assessment.kind,
        speaker=assessment.speaker,
        checkworthiness=assessment.score,
        reasons=assessment.reasons,
        quoted_text=(
            quoted_text(body, unit.start, unit.end, regions_over(regions, unit.start, unit.end))
            if assessment.kind == QUOTE
            else ""
        ),
        figures=tuple(find_figures(unit.text, unit.start)),
    )


def _is_heading(line: str, paragraph_sentences: list[Sentence], headline_words: list[str]) -> bool:
    # A heading is a lone short line without sentence-final punctuation (judged
    # after boilerplate was cut away), or the headline itself. List items are
    # never headings: "• ... drives 80% of watched content" is a claim.
    if len(paragraph_sentences) != 1 or is_bullet(line):
        return False
    text = paragraph_sentences[0].text
    return looks_like_heading(text) or (bool(headline_words) and words(text) == headline_words)


def _blank_out(body: str, regions: list[tuple[int, int]]) -> str:
    """Replace regions with spaces, keeping offsets, so furniture never informs resolution."""
    chars = list(body)
    for start, end in regions:
        chars[start:end] = " " * (end - start)
    return "".join(chars)
