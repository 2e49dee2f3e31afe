"""Who said it: attribution patterns and article-level name resolution.

Resolution rules, in order:
* "Netflix CEO Ted Sarandos told" -> the name after the last role word ("Ted Sarandos");
* a surname alone ("Sarandos") -> the full name it belongs to, seen in the article;
* a bare role ("Netflix CEO") -> the only person the article gives that role;
* "he"/"she" -> the person mentioned most recently before the pronoun;
* "the company"/"the streaming giant" -> the organisation last quoted, else the
  organisation the article names most often.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice

# Verbs that introduce what a source said. Past, present and participle forms.
SPEECH_VERBS = (
    "said|says|say|stated|states|noted|notes|told|tells|explained|explains|"
    "emphasized|emphasised|emphasizes|emphasises|added|adds|wrote|writes|"
    "acknowledged|acknowledges|pointed out|points out|expressed|argued|argues|"
    "insisted|claimed|claims|confirmed|confirms|announced|announces|declared|"
    "declares|highlighted|warned|warns|stressed|asserted|remarked|commented|"
    "reported|reports|addressed|stating|saying|adding|noting|explaining|"
    # Base forms after a plural subject ("Netflix executives emphasize").
    "emphasize|emphasise|stress|stresses|insists|outlined|outlines|revealed|reveals|"
    "disclosed|admitted|admits|denied|denies|maintained|maintains|tweeted|posted"
)
_SPEECH_VERB = re.compile(rf"\b(?:{SPEECH_VERBS})\b")
# Verbs reporting what a source plans, believes or intends: checkable against
# what the source has said, so a stance is attributed like speech.
STANCE_VERBS = (
    "believes|believe|plans|plan|intends|intend|envisions|envision|recognizes|recognises|"
    "recognize|sees|see|views|considers|expects|expect|aims|wants|want|hopes|opposes|oppose|"
    "supports|embraces|embracing|is committed|remains committed"
)
_STANCE_VERB = re.compile(rf"\b(?:{STANCE_VERBS})\b")
_ACCORDING_TO = re.compile(r"\baccording to\s+(?:the\s+)?")

ROLE_WORDS = frozenset(
    {
        "ceo", "co-ceo", "cfo", "coo", "cto", "president", "chairman", "chairwoman",
        "chair", "founder", "co-founder", "director", "executive", "spokesperson",
        "spokesman", "spokeswoman", "analyst", "actor", "actress", "star", "senator",
        "minister", "secretary", "governor", "mayor", "professor", "dr", "chief",
        "head", "editor", "reporter", "producer", "officer", "manager", "economist",
    }
)  # fmt: skip

# Words that may sit between a subject and its speech verb ("Sarandos also said").
_FILLERS = frozenset(
    {
        "also", "firmly", "directly", "repeatedly", "publicly", "previously", "later",
        "recently", "then", "further", "has", "have", "had", "was", "were", "is",
        "just", "already", "once", "again", "separately", "similarly", "however",
        "clearly", "simply", "explicitly", "privately", "earlier", "now", "fully",
        "not", "does", "do", "did", "doesn\u2019t", "doesn't", "don\u2019t", "don't",
        "didn\u2019t", "didn't", "still", "actively",
    }
)  # fmt: skip
_PRONOUNS = frozenset({"he", "she"})
# People speaking for an organisation: "Netflix executives said" is Netflix.
_GROUP_SOURCES = frozenset(
    {
        "executives", "officials", "spokesperson", "spokesman", "spokeswoman",
        "representatives", "management", "leadership", "bosses",
    }
)  # fmt: skip
_ORG_ALIASES = re.compile(
    r"\bthe (?:company|streaming giant|streamer|firm|studio|network|platform|group|giant)$",
    re.IGNORECASE,
)
# Capitalised words that never name a source on their own.
NON_NAMES = frozenset(
    {
        "the", "a", "an", "in", "on", "at", "as", "while", "this", "that", "these",
        "those", "it", "its", "but", "and", "or", "when", "with", "after", "before",
        "during", "despite", "however", "meanwhile", "additionally", "earlier",
        "since", "even", "just", "recent", "many", "some", "for", "from", "if",
        "there", "we", "our", "you", "they", "i", "ai", "genai", "tv", "llm", "llms",
    }
)  # fmt: skip

# How far before or after its verb an attribution's subject is looked for: a name,
# its titles and an appositive (", the company's CEO,") fit well within it.
_ATTRIBUTION_WINDOW = 300
# Longer than this, a "speaker" is a run of capitalised words, not a source's name
# (and would not fit the claim's speaker column).
MAX_SPEAKER_CHARS = 200
# An article names a few dozen people. Past this many (a directory, not an article)
# the rest are not tracked: every person costs a scan of the text for mentions.
_MAX_PERSONS = 200

_CAPITALISED = r"[A-Z][\w&-]*"
_TRAILING_RUN = re.compile(rf"((?:{_CAPITALISED}(?:[\u2019']s)?\s+)*{_CAPITALISED})$")
_LEADING_RUN = re.compile(rf"^((?:{_CAPITALISED}\s+)*{_CAPITALISED})")
_PERSON_NAME = r"[A-Z][a-z][\w'-]*(?:\s+[A-Z][a-z][\w'-]*){1,2}"
_PERSON_NAME_FULL = re.compile(rf"^{_PERSON_NAME}$")
# Only the role is case-insensitive ("CEO", "actor"); the name must be capitalised.
_ROLE_THEN_NAME = re.compile(
    r"\b(?i:("
    + "|".join(sorted((re.escape(r) for r in ROLE_WORDS), key=len, reverse=True))
    + rf"))\s+({_PERSON_NAME})\b"
)
# "Ted Sarandos said", "Ted Sarandos, the company's CEO, said".
_NAME_THEN_SPEECH = re.compile(
    rf"\b({_PERSON_NAME})(?:,\s*(?:the|a|an|its|their|his|her)\s[^,“”\"]{{1,60}},)?"
    rf"\s+(?:{SPEECH_VERBS})\b"
)
# ", the company's CEO," / ", who returned as CEO in 2022,": skipped back to the name.
_APPOSITIVE = re.compile(r",\s*(?:(?:the|a|an|its|their|his|her)\s|who\s)[^,“”\"]{1,60},$")
_CAPITALISED_WORD = re.compile(r"\b[A-Z][\w&-]+")
_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z,;] )[A-Z][\w\u2019'&-]+")


@dataclass
class SpeakerResolver:
    """Article-wide knowledge used to turn attribution text into a speaker name.

    Build it once per article with :meth:`from_text`; it then tracks the last
    quoted organisation as sentences are resolved in reading order.
    """

    persons: dict[str, set[str]] = field(default_factory=dict)  # full name -> roles
    mentions: list[tuple[int, str]] = field(default_factory=list)  # (offset, full name)
    main_org: str = ""
    last_org: str = ""
    # Words the article capitalises mid-sentence: names, not sentence openers.
    named: frozenset[str] = frozenset()

    @classmethod
    def from_text(cls, text: str) -> SpeakerResolver:
        """Collect people (with roles), their mentions and the main organisation.

        ``text`` should be the body with boilerplate blanked out (same length),
        so offsets line up with the body.
        """
        resolver = cls()
        for match in _ROLE_THEN_NAME.finditer(text):
            name = _clean_person_name(match.group(2))
            if name:
                resolver.persons.setdefault(name, set()).add(_role_key(match.group(1)))
        for match in _NAME_THEN_SPEECH.finditer(text):
            name = _clean_person_name(match.group(1))
            if name:
                resolver.persons.setdefault(name, set())
        if len(resolver.persons) > _MAX_PERSONS:
            resolver.persons = dict(islice(resolver.persons.items(), _MAX_PERSONS))
        resolver.mentions = _person_mentions(text, resolver.persons)
        resolver.main_org = _main_organisation(text, resolver.persons)
        resolver.named = frozenset(
            _strip_possessive(m.group()) for m in _MID_SENTENCE_CAPITAL.finditer(text)
        )
        return resolver

    def speaker_in(self, text: str, offset: int, skip: Sequence[tuple[int, int]] = ()) -> str:
        """The source a sentence attributes itself to, or "".

        ``offset`` is where ``text`` starts in the body; ``skip`` lists body
        regions (quotations) whose words must not be read as attribution.
        """
        for verb in _SPEECH_VERB.finditer(text):
            if _inside(offset + verb.start(), skip):
                continue
            speaker = self._subject_of(text, verb.start(), offset)
            if not speaker and verb.group() in {"said", "says", "added", "wrote", "told"}:
                speaker = self._resolve_run(_leading_run(text, verb.end()))
            if speaker:
                return _name_or_nothing(speaker)
        for according in _ACCORDING_TO.finditer(text):
            if not _inside(offset + according.start(), skip):
                speaker = self._resolve_run(_leading_run(text, according.end()))
                if speaker:
                    return _name_or_nothing(speaker)
        return ""

    def stance_holder(self, text: str, offset: int, skip: Sequence[tuple[int, int]] = ()) -> str:
        """The named source whose plan, belief or intent the sentence reports, or "".

        Only a stance verb with a resolvable subject counts ("Netflix doesn't
        plan", "the streaming giant now sees"); "many consider" does not.
        """
        # Resolving must not make a stray capitalised word the "last organisation".
        last_org = self.last_org
        try:
            for verb in _STANCE_VERB.finditer(text):
                if _inside(offset + verb.start(), skip):
                    continue
                holder = self._subject_of(text, verb.start(), offset)
                if holder and (
                    holder in self.persons or holder in self.named or holder == self.main_org
                ):
                    return _name_or_nothing(holder)
            return ""
        finally:
            self.last_org = last_org

    def person_before(self, position: int) -> str:
        """The person mentioned most recently before ``position`` (for "he"/"she")."""
        index = bisect.bisect_left(self.mentions, (position,))
        return self.mentions[index - 1][1] if index else ""

    def _subject_of(self, text: str, verb_start: int, offset: int) -> str:
        # The subject sits just before its verb: looking back a bounded stretch keeps
        # a long sentence with many verbs linear instead of re-reading it per verb.
        start = max(0, verb_start - _ATTRIBUTION_WINDOW)
        return self._subject_before(text[start:verb_start], offset + start)

    def _subject_before(self, prefix: str, offset: int) -> str:
        tokens = prefix.rstrip().split(" ")
        while tokens and tokens[-1].lower().strip(",") in _FILLERS:
            tokens.pop()
        head = " ".join(tokens).rstrip()
        # "Ted Sarandos, the CEO, said": skip the appositive back to the name.
        head = _APPOSITIVE.sub("", head)
        if not head:
            return ""
        last = head.split()[-1]
        if last.lower() in _PRONOUNS:
            return self.person_before(offset + len(head) - len(last))
        if _ORG_ALIASES.search(head):
            return self.last_org or self.main_org
        if last.lower() in _GROUP_SOURCES:
            group_of = _TRAILING_RUN.search(head[: -len(last)].rstrip())
            if group_of:
                return self._resolve_run(group_of.group(1))
            return self.last_org or self.main_org
        run = _TRAILING_RUN.search(head)
        return self._resolve_run(run.group(1)) if run else ""

    def _resolve_run(self, run: str) -> str:
        """Map a capitalised run ("Netflix CEO Ted Sarandos", "Sarandos") to a speaker."""
        tokens = [_strip_possessive(t) for t in run.split()]
        while tokens and tokens[0].lower() in NON_NAMES:
            tokens.pop(0)
        if not tokens:
            return ""
        role_positions = [i for i, t in enumerate(tokens) if t.lower() in ROLE_WORDS]
        if role_positions:
            after_role = tokens[role_positions[-1] + 1 :]
            if after_role:
                return self._full_name(" ".join(after_role))
            # A bare role ("Netflix CEO"): use the only person holding it.
            role = _role_key(tokens[role_positions[-1]])
            holders = sorted(n for n, roles in self.persons.items() if role in roles)
            return holders[0] if len(holders) == 1 else " ".join(tokens)
        name = self._full_name(" ".join(tokens))
        # Single capitalised words ("Netflix") are taken as organisations so
        # that a later "the company said" can refer back to them.
        if name not in self.persons and not _PERSON_NAME_FULL.match(name):
            self.last_org = name
        return name

    def _full_name(self, name: str) -> str:
        if name in self.persons:
            return name
        matches = self._names_by_part.get(name, [])
        return matches[0] if len(matches) == 1 else name

    @cached_property
    def _names_by_part(self) -> dict[str, list[str]]:
        # Full names by first and by last word, so a surname is looked up, not searched for.
        by_part: dict[str, list[str]] = {}
        for full in self.persons:
            parts = full.split()
            for part in dict.fromkeys((parts[-1], parts[0])):
                by_part.setdefault(part, []).append(full)
        return by_part


def _clean_person_name(candidate: str) -> str:
    """Drop leading roles/function words ("Co-CEO Ted Sarandos"); keep 2+ word names."""
    tokens = [_strip_possessive(t) for t in candidate.split()]
    while tokens and (tokens[0].lower() in ROLE_WORDS or tokens[0].lower() in NON_NAMES):
        tokens.pop(0)
    return " ".join(tokens) if len(tokens) >= 2 else ""


def _leading_run(text: str, start: int) -> str:
    """The capitalised run right after ``start`` ("said Ted Sarandos"), from a bounded window."""
    match = _LEADING_RUN.match(text[start : start + _ATTRIBUTION_WINDOW].lstrip())
    return match.group(1) if match else ""


def _name_or_nothing(name: str) -> str:
    return name if len(name) <= MAX_SPEAKER_CHARS else ""


def _strip_possessive(word: str) -> str:
    return re.sub(r"[\u2019']s$", "", word)


def _role_key(role: str) -> str:
    # "Co-CEO" and "CEO" name the same job for resolution purposes.
    return role.lower().removeprefix("co-")


def _inside(position: int, regions: Sequence[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in regions)


def _person_mentions(text: str, persons: dict[str, set[str]]) -> list[tuple[int, str]]:
    surname_owners = Counter(name.split()[-1] for name in persons)
    mentions: list[tuple[int, str]] = []
    for name in persons:
        forms = [name]
        if surname_owners[name.split()[-1]] == 1:
            forms.append(name.split()[-1])
        for form in forms:
            for match in re.finditer(rf"\b{re.escape(form)}\b", text):
                mentions.append((match.start(), name))
    return sorted(set(mentions))


def _main_organisation(text: str, persons: dict[str, set[str]]) -> str:
    """The capitalised word the article uses most, excluding people and function words.

    Only words that also appear mid-sentence qualify, so a sentence opener
    like "Later" can never become the organisation.
    """
    person_words = {w for name in persons for w in name.split()}
    mid_sentence = {_strip_possessive(m.group()) for m in _MID_SENTENCE_CAPITAL.finditer(text)}
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for match in _CAPITALISED_WORD.finditer(text):
        word = _strip_possessive(match.group())
        if (
            word not in mid_sentence
            or word.lower() in NON_NAMES
            or word.lower() in ROLE_WORDS
            or word in person_words
        ):
            continue
        counts[word] += 1
        first_seen.setdefault(word, match.start())
    if not counts:
        return ""
    return min(counts, key=lambda w: (-counts[w], first_seen[w]))
