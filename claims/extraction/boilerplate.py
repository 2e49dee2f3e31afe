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
NAVIGATION = "navigation link"
PROMOTION = "promotion"
PHOTO_CAPTION = "photo caption"
RELATED_LINKS = "related-story links"
REPEATED_TEXT = "caption or teaser repeating the story"
COPYRIGHT = "copyright notice"
EDITORS_NOTE = "editor's note"
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
        (NEWSLETTER_PROMOTION, r"^(keep|stay) up(-| )to(-| )date\b.{0,100}$"),
        (
            NEWSLETTER_PROMOTION,
            r"^(keep up|stay updated|stay informed)\b.*\b(on|with|via)\b.{0,100}$",
        ),
        (EVENT_PROMOTION, r"^(register|book|get) (now|your tickets?)\b"),
        (EVENT_PROMOTION, r"^save (up to )?\$?\d+.*\b(tickets?|pass(es)?|registration)\b"),
        (SHARE_WIDGET, r"^(share|share this|share this article|follow us)( on [\w ,]+)?:?$"),
        (SHARE_WIDGET, r"^(follow|like|join) us (on|at)\b.{0,80}$"),
        (SHARE_WIDGET, r"^share (this|on|via)\b.{0,60}$"),
        (SHARE_WIDGET, r"^(click|tap) (here|to)\b.{0,80}$"),
        (SHARE_WIDGET, r"\bopens in (a )?new (window|tab)\b"),
        # "Next Story", "Also read: <title>", "READ MORE <title>": a prompt and a link's
        # title (which has no sentence end), never a sentence that starts the same way.
        (
            NAVIGATION,
            r"^(next|previous|prev|more|top|latest|trending) (stories|story|articles|article"
            r"|posts|post|news)\b(?!.*[.!?]$).{0,120}$",
        ),
        (
            NAVIGATION,
            r"^(also read|read also|read next|read more|must read|don't miss|recommended"
            r"|you may also like|you might also like|more on this story|watch|listen)"
            r"(\s*[:|>\u00bb\u2014\u2013-].{0,160}|(?!.*[.!?]$)\s+[A-Z\[\"\u201c].{0,160})?$",
        ),
        (NAVIGATION, r"^(back to top|skip to (main )?content|advertisement|sponsored( content)?)$"),
        (NAVIGATION, r"^your browser does not support\b"),
        (DISCLAIMER, r"^this article aggregates information\b"),
        (DISCLAIMER, r"^all trademarks( and copyrights)? belong\b"),
        (DISCLAIMER, r"^(note:\s*)?featured image\b"),
        (DISCLAIMER, r"^(disclaimer|disclosure)\s*:"),
        (
            DISCLAIMER,
            r"^this (article|content|post) is for (informational|illustrative) purposes\b",
        ),
        (DISCLAIMER, r"\bdoes not constitute (financial|investment|legal) advice\b"),
        (COPYRIGHT, r"^(\u00a9|\(c\)|copyright\b)"),
        (COPYRIGHT, r"^.{0,80}\ball rights reserved\.?$"),
        (
            EDITORS_NOTE,
            r"^(this|the) (story|article|post|report) (has been|was) (corrected|updated|"
            r"amended|changed)\b",
        ),
        (EDITORS_NOTE, r"^(correction|clarification|editor's note)\s*:"),
        (
            EDITORS_NOTE,
            r"^(this|the) (story|article|post) (was|is|first|originally) (originally |first )?"
            r"(published|posted|appeared)\b",
        ),
        (EDITORS_NOTE, r"^(originally|first) published (on|in|by|at)\b"),
        (IMAGE_CREDIT, r"^(image|photo|photograph|picture)( credit)?s?\s*:"),
        (IMAGE_CREDIT, r"^\(?(image|photo) (by|credit|courtesy)\b"),
        (IMAGE_CREDIT, r"^(getty images|reuters|ap photo|shutterstock)\b.{0,40}$"),
        (
            IMAGE_CREDIT,
            r"^[\w .'-]{0,40}/\s*(getty images|reuters|afp|ap|epa|shutterstock|alamy|pa)\b",
        ),
        (IMAGE_CREDIT, r"^\((photo|image|picture|credit)s?\b[^)]*\)$"),
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

# A photo caption describes what a picture shows, in the present tense news
# prose never uses for the past: "<who> delivers a speech at <place>", "<who>
# bows to lawmakers in Tokyo on Saturday", "(left)", "(pictured)". Its verb is
# one of the poses a camera catches; a location must follow it.
_CAPTION_VERB = (
    r"delivers|bows|speaks|attends|waves|arrives|leaves|looks on|poses|gestures|holds up|"
    r"stands|sits|walks|reacts|listens|greets|shakes hands|celebrates|casts (?:a|his|her) "
    r"(?:ballot|vote)|addresses|smiles|applauds|gathers|gather|pose|wave|march|marches|"
    r"watch|watches|attend|stand|sit|walk|react|listen|is seen|are seen|is pictured|"
    r"are pictured|rally|rallies|mourn|mourns|inspects|inspect|visits|lays a wreath|"
    # Not verbs that news prose also uses in the present ("holds a lead", "look
    # set to", "talks run until Friday") or that are as often nouns ("search").
    r"celebrate|battles|carries|hugs|embraces|weeps|prays|kneels|wades|chant|chants"
)
_CAPTION = re.compile(
    rf"^[A-Z][^\"“”]{{0,200}}?\b(?:{_CAPTION_VERB})\b[^\"“”]*"
    # A named place: "in Tokyo", "at the White House", not "sits at 3.8%".
    r"\b(?:at|in|outside|inside|near)\s+(?:the\s+)?[A-Z][^\"“”]*$"
)
_CAPTION_MARK = re.compile(
    r"\((?:left|right|centre|center|pictured|top|bottom|above|below|L|R|C)\)"
)
# A caption ending in its picture's credit: "… on Sunday. (Photo by Jo Ng/AFP)".
# A bare "(Reuters)" ends a dateline, not a caption: the credit follows a sentence.
_TRAILING_CREDIT = re.compile(
    r"[.!?]\s*\((?:[\w .'-]+/)?(?:photo|image|picture|credit|ap photo|reuters|afp|getty)[^()]*\)$",
    re.IGNORECASE,
)
# One sentence: no sentence end followed by a capital inside the line.
_INNER_SENTENCE_END = re.compile(r"[a-z0-9][.!?][\"”\u2019]?\s+[A-Z]")
# A call to action opens a promotion ("Get all your news in one place.", "Start
# reading", "Become a member"); the short lines around it belong to it.
_CALL_TO_ACTION = re.compile(
    r"^(get|start|download|try|join|become|create|track|sign (up|in)|subscribe|log ?in|"
    r"register|install|upgrade|unlock|claim|open|discover|explore|listen|watch|read)\b",
    re.IGNORECASE,
)
_PROMOTION_LINE_WORDS = 7
# Small words that stay lower case in a headline written in title case.
_TITLE_SMALL_WORDS = frozenset(
    {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "nor", "but", "as"}
    | {"by", "with", "from", "into", "over", "after", "vs", "via", "per", "is", "are", "be"}
    | {"up", "off", "out", "than"}
)
_REPEATED_MIN_WORDS = 12
_REPEATED_SHARE = 0.4


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

    flats = [normalise(body[start:end]) for start, end in lines]
    structural = _structural_reasons(flats)

    spans: list[BoilerplateSpan] = []
    in_event_block = False
    in_reading_footer = False
    seen_headline = False
    seen_story = False  # a prose line has gone by: datelines open the story
    for index, (start, end) in enumerate(lines):
        line = body[start:end]
        flat = flats[index]
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
        reason = reason or structural.get(index)

        if reason is not None:
            spans.append(BoilerplateSpan(start, end, reason))
            continue

        # "NEW YORK (Reuters) — Netflix said ...": only the dateline is furniture.
        dateline = dateline_length(line, opening=not seen_story)
        if dateline:
            spans.append(BoilerplateSpan(start, start + dateline, DATELINE))
        seen_story = seen_story or not looks_like_heading(line)

        link = _INJECTED_LINK_TEXT.search(line)
        if link:
            fragment_start = start + link.start()
            while body[fragment_start].isspace():
                fragment_start += 1
            spans.append(BoilerplateSpan(fragment_start, end, INJECTED_LINK_TEXT))
    return spans


def _structural_reasons(flats: list[str]) -> dict[int, str]:
    """Furniture told by a line's shape and its neighbours rather than its opening words.

    ``flats``: every non-blank line, normalised. Returns line index -> reason.
    """
    reasons: dict[int, str] = {}
    for index, flat in enumerate(flats):
        if _is_caption(flat):
            reasons[index] = PHOTO_CAPTION
    reasons.update(dict.fromkeys(_promotion_block_lines(flats), PROMOTION))
    reasons.update(dict.fromkeys(_trailing_link_lines(flats, reasons), RELATED_LINKS))
    reasons.update(dict.fromkeys(_trailing_story_list(flats, reasons), RELATED_LINKS))
    reasons.update(dict.fromkeys(_repeated_lines(flats, reasons), REPEATED_TEXT))
    return reasons


def _is_caption(flat: str) -> bool:
    if _CAPTION_MARK.search(flat) or _TRAILING_CREDIT.search(flat):
        return True
    if is_bullet(flat) or _INNER_SENTENCE_END.search(flat) or len(words(flat)) > 45:
        return False
    return bool(_CAPTION.match(flat))


def _promotion_block_lines(flats: list[str]) -> list[int]:
    """Runs of two or more short lines, one of them a call to action."""
    found: list[int] = []
    run: list[int] = []
    for index, flat in enumerate([*flats, ""]):
        if flat and not is_bullet(flat) and len(words(flat)) <= _PROMOTION_LINE_WORDS:
            run.append(index)
            continue
        if len(run) >= 2 and any(_CALL_TO_ACTION.match(flats[i]) for i in run):
            found.extend(run)
        run = []
    return found


def _is_link_title(flat: str) -> bool:
    """A headline in title case without a sentence end: how a related story's link reads."""
    if is_bullet(flat) or _SENTENCE_END.search(flat) or flat.endswith(":"):
        return False
    tokens = [t for t in flat.split() if t[:1].isalpha()]
    content = [t for t in tokens if t.lower() not in _TITLE_SMALL_WORDS]
    if len(tokens) < 4 or not content:
        return False
    return sum(t[0].isupper() for t in content) / len(content) >= 0.8


def _trailing_link_lines(flats: list[str], known: dict[int, str]) -> list[int]:
    """After the article's last sentence, a list of two or more headlines is related-story links.

    Only lines not already furniture are considered; heading-shaped lines among
    the links (a section label, a cut-off title) go with them.
    """
    tail = []
    for index in range(len(flats) - 1, -1, -1):
        if index in known or _line_reason(flats[index]):
            continue
        if not looks_like_heading(flats[index]) and not _is_link_title(flats[index]):
            return tail if sum(_is_link_title(flats[i]) for i in tail) >= 2 else []
        tail.append(index)
    return []  # no sentence at all: these are the page's own headings


# "Other stories from the day included:", "Top headlines:", "More news:": a line that
# introduces a list of other pieces, told by the words pages use for them.
_OTHER_PIECES_INTRO = re.compile(
    r"\b(stories|headlines|articles|reads|news|coverage|reporting)\b.*:$", re.IGNORECASE
)


def _trailing_story_list(flats: list[str], known: dict[int, str]) -> list[int]:
    """The page's last lines: a line introducing other stories, then only list items
    without a sentence end (their headlines); the introduction goes with them."""
    tail = []
    for index in range(len(flats) - 1, -1, -1):
        flat = flats[index]
        if index in known:
            continue
        if is_bullet(flat) and not _SENTENCE_END.search(flat):
            tail.append(index)
            continue
        if tail and _OTHER_PIECES_INTRO.search(flat) and len(words(flat)) <= 12:
            return [index, *tail]
        return []
    return []


def _repeated_lines(flats: list[str], known: dict[int, str]) -> list[int]:
    """Long lines without a sentence end whose words mostly repeat the rest of the page.

    A caption or teaser restates the story and is cut off or left unpunctuated;
    a genuine paragraph, even a truncated one, says something new.
    """
    candidates = [
        index
        for index, flat in enumerate(flats)
        if index not in known
        and not is_bullet(flat)
        and not _SENTENCE_END.search(flat)
        and not flat.endswith(":")
        and len(words(flat)) >= _REPEATED_MIN_WORDS
    ]
    if not candidates:
        return []
    counts: dict[tuple[str, ...], int] = {}
    grams_by_line = [_trigrams(flat) for flat in flats]
    for grams in grams_by_line:
        for gram in set(grams):
            counts[gram] = counts.get(gram, 0) + 1
    repeated = []
    for index in candidates:
        grams = grams_by_line[index]
        shared = sum(counts[gram] > 1 for gram in grams)
        if grams and shared / len(grams) >= _REPEATED_SHARE:
            repeated.append(index)
    return repeated


def _trigrams(flat: str) -> list[tuple[str, ...]]:
    tokens = words(flat)
    return [tuple(tokens[i : i + 3]) for i in range(len(tokens) - 2)]


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
