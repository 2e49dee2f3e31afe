"""The extraction pipeline: body text in, check-worthy claims with exact spans out."""

from __future__ import annotations

from dataclasses import dataclass

from .boilerplate import boilerplate_spans, is_bullet, looks_like_heading
from .classify import MIN_CHECKWORTHINESS, assess_paragraph, mid_sentence_capitals
from .quotes import find_quote_regions
from .segmentation import Sentence, paragraphs, sentences
from .speakers import SpeakerResolver
from .text_utils import words

__all__ = ["MIN_CHECKWORTHINESS", "CandidateClaim", "extract_candidates"]


@dataclass(frozen=True)
class CandidateClaim:
    """A sentence worth fact-checking; ``body[start:end] == text`` exactly."""

    start: int
    end: int
    text: str
    kind: str  # "quote" | "statistic" | "attribution" | "event" | "other"
    speaker: str  # resolved speaker for quotes/attributions, "" if none
    checkworthiness: float  # in [0, 1], rounded to 3 decimals
    reasons: tuple[str, ...]


def extract_candidates(body: str, headline: str = "") -> list[CandidateClaim]:
    """Return the check-worthy sentences of ``body``, sorted by start and non-overlapping.

    Steps: drop page furniture (see :func:`boilerplate_spans`), skip headings,
    split the rest into sentences, classify each (kind, speaker, score) and
    keep those scoring at least :data:`MIN_CHECKWORTHINESS`. ``headline`` helps
    recognise the title line and teasers that repeat it; the body may or may
    not contain it.
    """
    if not body.strip():
        return []
    furniture = [(span.start, span.end) for span in boilerplate_spans(body, headline)]
    content = _blank_out(body, furniture)
    resolver = SpeakerResolver.from_text(content)
    known_entities = mid_sentence_capitals(content)
    headline_words = words(headline)

    claims: list[CandidateClaim] = []
    for paragraph in paragraphs(body):
        paragraph_sentences = sentences(body, paragraph, furniture)
        line = body[paragraph.start : paragraph.end]
        if not paragraph_sentences or _is_heading(line, paragraph_sentences, headline_words):
            continue
        quote_regions = find_quote_regions(content, paragraph.start, paragraph.end)
        assessments = assess_paragraph(
            body, paragraph_sentences, quote_regions, resolver, known_entities
        )
        for sentence, assessment in zip(paragraph_sentences, assessments, strict=True):
            if assessment.score >= MIN_CHECKWORTHINESS:
                claims.append(
                    CandidateClaim(
                        start=sentence.start,
                        end=sentence.end,
                        text=sentence.text,
                        kind=assessment.kind,
                        speaker=assessment.speaker,
                        checkworthiness=assessment.score,
                        reasons=assessment.reasons,
                    )
                )
    return sorted(claims, key=lambda claim: claim.start)


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
