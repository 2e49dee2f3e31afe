"""Line-based detection of page furniture that must never become a claim.

Scraped articles carry comment forms, event ads, disclaimers, image credits,
"further reading" stubs and truncated teasers. None of it is something the
newsroom asserted, so fact-checkers should never be asked to check it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .datelines import dateline_length
from .text_utils import iter_lines, normalise, words


@dataclass(frozen=True)
class BoilerplateSpan:
    """A region of the body (``body[start:end]``) that is page furniture."""

    start: int
    end: int
    reason: str


COMMENT_FORM = "comment form"
EVENT_PROMOTION = "event promotion"
NEWSLETTER_PROMOTION = "newsletter promotion"
DISCLAIMER = "disclaimer"
IMAGE_CREDIT = "image credit"
FURTHER_READING = "further-reading stub"
TEASER = "teaser repeating the headline"
INJECTED_LINK_TEXT = "injected link text"
SHARE_WIDGET = "share widget"
DATELINE = "dateline"

# Whole-line patterns (matched against the stripped, apostrophe-normalised
# line, case-insensitively). Anchored at the start so that an article sentence
# merely *mentioning* e.g. a newsletter is not swallowed.
_LINE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern, re.IGNORECASE))
    for reason, pattern in (
        (COMMENT_FORM, r"^leave a (reply|comment)\b"),
        (COMMENT_FORM, r"^your email address will not be published"),
        (COMMENT_FORM, r"^required fields are marked"),
        (COMMENT_FORM, r"^(cancel reply|post comment|submit comment)$"),
        (COMMENT_FORM, r"^save my name, email,? and website"),
        (COMMENT_FORM, r"^(comment|name|email|website)\s*\*?$"),
        (NEWSLETTER_PROMOTION, r"^(sign up|subscribe)\b.*\b(newsletter|inbox|updates)\b"),
        (NEWSLETTER_PROMOTION, r"^get (the|our) .*\b(newsletter|in your inbox)\b"),
        (EVENT_PROMOTION, r"^(register|book|get) (now|your tickets?)\b"),
        (EVENT_PROMOTION, r"^save (up to )?\$?\d+.*\b(tickets?|pass(es)?|registration)\b"),
        (SHARE_WIDGET, r"^(share|share this|share this article|follow us)( on [\w ,]+)?:?$"),
        (DISCLAIMER, r"^this article aggregates information\b"),
        (DISCLAIMER, r"^all trademarks( and copyrights)? belong\b"),
        (DISCLAIMER, r"^(note:\s*)?featured image\b"),
        (DISCLAIMER, r"^(disclaimer|disclosure)\s*:"),
        (
            DISCLAIMER,
            r"^this (article|content|post) is for (informational|illustrative) purposes\b",
        ),
        (DISCLAIMER, r"\bdoes not constitute (financial|investment|legal) advice\b"),
        (IMAGE_CREDIT, r"^(image|photo|photograph|picture)( credit)?s?\s*:"),
        (IMAGE_CREDIT, r"^\(?(image|photo) (by|credit|courtesy)\b"),
        (IMAGE_CREDIT, r"^(getty images|reuters|ap photo|shutterstock)\b.{0,40}$"),
        (
            FURTHER_READING,
            r"^(references( (&|and) further reading)?|further reading|sources|read more|see also"
            r"|related( articles| posts| reading| stories)?|more from \w+)\s*:?$",
        ),
        (FURTHER_READING, r"^this article draws (from|on) \b"),
        (FURTHER_READING, r"^for more information, please (consult|see|visit)\b"),
        (FURTHER_READING, r"^(read more|see also|related)\s*:"),
    )
)

# "Techcrunch event", "TechCrunch Disrupt event", "Sponsored event": the marker
# line of an ad block whose following short lines (city, "|", dates) belong to it.
# Determiners/adjectives are excluded so a heading like "A historic event" survives.
_EVENT_MARKER = re.compile(
    r"^(?!(?i:a|an|the|this|that|one|major|historic|big|key|live)\b)"
    r"[A-Z][\w&.'-]*(?: [\w&.'-]+){0,2} [Ee]vent$"
)

# Headings that open a footer of sources: lines after them are link lists.
_FURTHER_READING_HEADING = re.compile(
    r"^(references( (&|and) further reading)?|further reading|sources)\s*:?$", re.IGNORECASE
)

# SEO link text pasted after a sentence's own full stop:
# "...these emerging technologies., according to market analysis".
_INJECTED_LINK_TEXT = re.compile(
    r"(?<=[.:;!?])\s*,\s*(?:according to|as (?:our|we|reported|noted|seen)|via|per|see)\b"
    r"[^.!?\"“”]*$",
    re.IGNORECASE,
)

_SENTENCE_END = re.compile(r"[.!?][\"“”\u2019')\]]*$")


def boilerplate_spans(body: str, headline: str = "") -> list[BoilerplateSpan]:
    """Return the page-furniture regions of ``body``, sorted by start.

    Each span covers a whole stripped line, except a dateline ("NEW YORK
    (Reuters) —"), which covers only the start of its line, and injected link
    text, which covers only the trailing fragment of an otherwise genuine line. When no
    ``headline`` is given, a first line that looks like a title stands in for it
    so that teasers repeating the headline are still caught.
    """
    lines = list(iter_lines(body))
    if not headline.strip() and lines:
        first = body[lines[0][0] : lines[0][1]]
        if looks_like_heading(first):
            headline = first
    headline_words = words(normalise(headline))

    spans: list[BoilerplateSpan] = []
    in_event_block = False
    in_reading_footer = False
    seen_headline = False
    for start, end in lines:
        line = body[start:end]
        flat = normalise(line)
        reason = _line_reason(flat)

        # An event ad is a marker line ("Techcrunch event") followed by short
        # fragments (city, "|", dates); the first sentence-like line ends it.
        if reason is None and _EVENT_MARKER.match(flat):
            reason, in_event_block = EVENT_PROMOTION, True
        elif reason is None and in_event_block and _is_ad_fragment(flat):
            reason = EVENT_PROMOTION
        else:
            in_event_block = False

        # After "References & Further Reading", short lines and link lists are
        # citations, not claims.
        if reason is None and in_reading_footer and _is_citation_like(flat):
            reason = FURTHER_READING
        if _FURTHER_READING_HEADING.match(flat):
            in_reading_footer = True

        # The first exact copy of the headline is the title itself; later
        # copies and truncated "<headline> - <body start>" lines are teasers.
        if reason is None and headline_words and words(flat) == headline_words:
            if seen_headline:
                reason = TEASER
            seen_headline = True
        elif reason is None and _is_headline_teaser(flat, headline_words):
            reason = TEASER

        if reason is not None:
            spans.append(BoilerplateSpan(start, end, reason))
            continue

        # "NEW YORK (Reuters) — Netflix said ...": only the dateline is furniture.
        dateline = dateline_length(line)
        if dateline:
            spans.append(BoilerplateSpan(start, start + dateline, DATELINE))

        link = _INJECTED_LINK_TEXT.search(line)
        if link:
            fragment_start = start + link.start()
            while body[fragment_start].isspace():
                fragment_start += 1
            spans.append(BoilerplateSpan(fragment_start, end, INJECTED_LINK_TEXT))
    return spans


def looks_like_heading(line: str) -> bool:
    """A short line without sentence-final punctuation: a title or section heading."""
    stripped = line.strip()
    if not stripped or is_bullet(stripped):
        return False
    return len(words(stripped)) <= 16 and not _SENTENCE_END.search(stripped)


def is_bullet(line: str) -> bool:
    """Whether a stripped line is a list item ("• ...", "- ...", "* ...")."""
    return bool(re.match(r"^[•●▪◦·*\-\u2013]\s+\S", line))


def _line_reason(flat: str) -> str | None:
    for reason, pattern in _LINE_RULES:
        if pattern.search(flat):
            return reason
    return None


def _is_ad_fragment(flat: str) -> bool:
    # City names, separators and date ranges: a few words, no sentence end.
    return len(words(flat)) <= 6 and not _SENTENCE_END.search(flat)


def _is_citation_like(flat: str) -> bool:
    return (
        "http" in flat
        or flat.endswith(":")
        or is_bullet(flat)
        or bool(re.match(r"^\[?\d+[.)\]]\s", flat))
        or len(words(flat)) <= 15
    )


def _is_headline_teaser(flat: str, headline_words: list[str]) -> bool:
    """A line that opens with the headline's words but is not the headline itself.

    Aggregators paste "<headline> - <first words of the body>" cut mid-word;
    we require the first words (up to eight) of the headline to match.
    """
    if len(headline_words) < 4:
        return False
    line_words = words(flat)
    prefix = headline_words[: min(8, len(headline_words))]
    if line_words[: len(prefix)] != prefix:
        return False
    # The full headline followed by a real sentence is body text; only flag
    # lines that are cut off or glue on a " - " teaser.
    return not _SENTENCE_END.search(flat) or " - " in flat
