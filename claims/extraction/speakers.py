"""Who said it: attribution patterns and article-level name resolution.

Resolution rules, in order:
* "Netflix CEO Ted Sarandos told" -> the name after the last role word ("Ted Sarandos");
* a surname alone ("Sarandos") -> the full name it belongs to, seen in the article;
* a bare role ("Netflix CEO") -> the only person the article gives that role;
* "he"/"she"/"the 64-year-old" -> a person named earlier in the same sentence, else
  the last person who spoke or opened a sentence (the subject being talked about);
* "the company"/"the agency"/"the Bank" -> the organisation last quoted (or the one
  organisation the article names with that word), else the one it names most often;
* an unnamed source ("officials said", "according to court documents") stays unnamed:
  "officials", "court documents" - never a guess from elsewhere in the article;
* "X told Reuters": the agency is the addressee, never the speaker; "claimed the
  title", "posted a 3-1 win", "added a second goal" are not speech.

Titles are kept apart from names: "Netflix CEO Ted Sarandos" is the speaker "Ted
Sarandos" with the title "Netflix CEO", remembered for the article (:meth:`title_of`).
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
    "disclosed|admitted|admits|denied|denies|maintained|maintains|tweeted|posted|"
    "arguing|warning|insisting|claiming|alleged|alleges|allege|mumbled|requested|"
    "conceded|concedes|cautioned|recalled|testified|contended|contends"
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
_ACCORDING_TO = re.compile(r"\b[Aa]ccording to\s+(?:(?:the|a|an)\s+)?")
# Verbs that are not speech when an object follows: "claimed the title", "posted a
# 3-1 win", "added a second goal".
_NOT_SPEECH_BEFORE_OBJECT = re.compile(
    r"(?:claim(?:ed|s|ing)?|post(?:ed|s|ing)?|add(?:ed|s|ing)?)$"
)
_OBJECT_AFTER = re.compile(r"\s+(?:the|a|an|his|her|their|its|another|\d)", re.IGNORECASE)
# "Takaichi said ..., saying": a participle's subject is the sentence's.
_PARTICIPLE = re.compile(r"ing$")
# Verbs a speaker's name may follow ("said fire chief Tom Hale"). Not "told": its
# object is the addressee ("told Reuters"); not "highlighted": its object is a topic.
_INVERTING_VERBS = frozenset(
    {"said", "says", "added", "adds", "wrote", "writes", "stated", "noted", "warned", "explained"}
)

ROLE_WORDS = frozenset(
    {
        "ceo", "co-ceo", "cfo", "coo", "cto", "president", "chairman", "chairwoman",
        "chair", "founder", "co-founder", "director", "executive", "spokesperson",
        "spokesman", "spokeswoman", "analyst", "actor", "actress", "star", "senator",
        "minister", "secretary", "governor", "mayor", "professor", "dr", "chief",
        "head", "editor", "reporter", "producer", "officer", "manager", "economist",
        "prosecutor", "constable", "deputy", "assistant", "chancellor", "secretary-general",
        "judge", "inspector", "superintendent", "commissioner", "detective", "sergeant",
        "leader", "coach", "captain", "ambassador", "envoy", "premier", "mp", "lawyer",
        "attorney", "commander", "general", "colonel", "lieutenant",
        "vice-president", "vice-chair", "treasurer", "councillor", "councilor", "sheriff",
        "scientist", "researcher", "physician", "doctor", "author", "official", "king",
        "queen", "prince", "princess", "principal", "dean", "bishop", "pope",
        "striker", "goalkeeper", "midfielder", "defender", "forward", "player", "referee",
        "boss", "owner", "partner", "adviser", "advisor", "strategist", "counsel",
    }
)  # fmt: skip
# People and documents a source can be without a name: "officials said", "according to
# court documents". Such a speaker is the noun phrase itself ("officials").
SOURCE_NOUNS = frozenset(
    {
        "officials", "official", "police", "authorities", "prosecutors", "investigators",
        "witnesses", "witness", "residents", "experts", "analysts", "economists",
        "scientists", "researchers", "doctors", "officers", "sources", "source",
        "documents", "report", "reports", "data", "figures", "statement", "minutes",
        "study", "survey", "research", "organisers", "organizers", "lawyers", "critics",
        "executives", "representatives", "spokesperson", "spokesman", "spokeswoman",
        "body", "media", "agencies", "ministry", "observers", "campaigners", "activists",
        "rescuers", "firefighters", "medics", "paramedics", "teachers", "parents",
        "survivors", "relatives", "neighbours", "neighbors", "fans", "traders", "dealers",
        "forecasters", "polls", "poll", "filings", "filing", "records", "estimates",
        "management", "leadership", "bosses", "staff", "workers", "unions",
    }
)  # fmt: skip
# Organisations by another name: "the company said" is the organisation last quoted.
_ORG_NOUNS = (
    "company|streaming giant|streamer|firm|studio|network|platform|group|giant|agency|"
    "force|central bank|bank|ministry|department|government|council|committee|"
    "commission|authority|regulator|club|team|league|federation|union|party|board|"
    "organisation|organization|institute|university|charity|service|broadcaster|"
    "newspaper|paper|carrier|airline|retailer|lender|insurer|manufacturer|maker"
)

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

# People speaking for an organisation: "Netflix executives said" is Netflix, while
# "executives said" stays "executives".
_GROUP_SOURCES = frozenset(
    {
        "executives", "officials", "spokesperson", "spokesman", "spokeswoman",
        "representatives", "management", "leadership", "bosses",
    }
)  # fmt: skip
_ORG_ALIASES = re.compile(rf"\bthe (?:{_ORG_NOUNS})$", re.IGNORECASE)
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

_UPPER = "A-ZÀ-ÖØ-Þ"
_CAPITALISED = rf"[{_UPPER}][\w&-]*"
_TRAILING_RUN = re.compile(rf"((?:{_CAPITALISED}(?:[\u2019']s)?[ \t]+)*{_CAPITALISED})$")
_LEADING_RUN = re.compile(rf"^((?:{_CAPITALISED}[ \t]+)*{_CAPITALISED})")
_NAME_WORD = rf"[{_UPPER}][a-zà-ÿ][\w'-]*"
_PERSON_NAME = rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{1,2}}"
_PERSON_NAME_FULL = re.compile(rf"^{_PERSON_NAME}$")
_ROLES = "|".join(sorted((re.escape(r) for r in ROLE_WORDS), key=len, reverse=True))
# Only the role is case-insensitive ("CEO", "actor"); the name must be capitalised.
_ROLE_THEN_NAME = re.compile(
    rf"\b(?i:((?:{_ROLES})(?:[ \t]+(?:{_ROLES}))*))[ \t]+({_PERSON_NAME})\b"
)
_ROLE_COMMA_NAME = re.compile(rf"\b(?i:({_ROLES})),[ \t]+({_PERSON_NAME}),")
_MARKS = '\u201c\u201d"\u2018\u2019\u00ab\u00bb\u201e'
# "Ted Sarandos said", "Ted Sarandos, the company's CEO, said".
_NAME_THEN_SPEECH = re.compile(
    rf"\b({_PERSON_NAME})(?:,\s*(?:the|a|an|its|their|his|her)\s[^,{_MARKS}]{{1,60}},)?"
    rf"\s+(?:{SPEECH_VERBS})\b"
)
# People the article introduces with an age or an honorific: "Anthony Williams (32)",
# "Ana Cruz, 41,", "Mr Tom Hale".
_NAME_WITH_AGE = re.compile(rf"\b({_PERSON_NAME})(?:\s*\(\d{{1,3}}\)|,\s*\d{{1,3}},)")
_HONORIFIC = r"(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame)\.?"
_HONORIFIC_NAME = re.compile(rf"\b{_HONORIFIC}[ \t]+({_PERSON_NAME})\b")
_HONORIFIC_PREFIX = re.compile(rf"^{_HONORIFIC}$")
# ", the company's CEO," / ", Executive Director of UNEP," / ", who returned as CEO in
# 2022,": skipped back to the name; with a role in it, it is the name's title.
_APPOSITIVE = re.compile(
    rf",\s*((?:(?:the|a|an|its|their|his|her)\s|who\s|(?i:{_ROLES})\b)[^,{_MARKS}]{{0,60}}),$"
)
_NAME_THEN_APPOSITIVE = re.compile(
    rf"\b({_PERSON_NAME}),\s*((?:(?:the|a|an|its|their|his|her)\s|[{_UPPER}]|(?i:{_ROLES})\b)"
    rf"[^,{_MARKS}]{{0,60}}),"
)
_ROLE_IN = re.compile(rf"(?i:\b(?:{_ROLES})\b)")
# "the 64-year-old", "the prosecutor", "the new LDP leader": a person being talked about.
_AGE_DESCRIPTOR = re.compile(r"\b[Tt]he\s+\d{1,3}-year-old$")
_ROLE_DESCRIPTOR = re.compile(
    rf"\b[Tt]he\s+(?:[\w-]+\s+){{0,3}}?(?i:({_ROLES}))(?:\s+of\s+(?:the\s+)?[\w ]{{1,30}})?$"
)
# "(UNEP)", "(BTP)": an acronym after a name, not part of the attribution's subject.
_TRAILING_ACRONYM = re.compile(r"\s*\([A-Z][\w.&-]{0,12}\)$")
# Words that end an unnamed source's noun phrase after "according to".
_PHRASE_STOP = frozenset(
    {
        "released", "published", "issued", "obtained", "seen", "cited", "by", "which",
        "that", "who", "from", "of", "in", "on", "at", "for", "to", "and", "with", "as",
        "filed", "shared", "made", "sent", "provided", "quoted", "compiled",
    }
)  # fmt: skip
_OWNER_THEN_NAME = re.compile(
    rf"^(?:{_CAPITALISED}[ \t]+)*{_CAPITALISED}[\u2019']s[ \t]+(?:\([^)]{{1,20}}\)[ \t]+)?"
    rf"({_CAPITALISED}(?:[ \t]+{_CAPITALISED})*)"
)
# Words that cannot modify an unnamed source ("where executives said").
_FUNCTION_WORDS = frozenset(
    {
        "where", "which", "who", "whom", "whose", "what", "how", "why", "then", "so", "not",
        "also", "said", "says", "many", "some", "all", "most", "other", "others", "several",
        "such", "both", "each", "any", "no", "more", "less", "only", "even", "have", "has",
        "had", "was", "were", "is", "are", "be", "been", "will", "would", "could", "can",
    }
)  # fmt: skip
_CAPITALISED_WORD = re.compile(rf"\b[{_UPPER}][\w&-]+")
_MID_SENTENCE_CAPITAL = re.compile(rf"(?<=[a-z,;] )[{_UPPER}][\w\u2019'&-]+")
# Where sentences start, for telling who a paragraph is about (see ``_subjects``).
_ENDS_WITH_THE = re.compile(r"\b[Tt]he$")
_SENTENCE_END = re.compile(r"[.!?][\u2019\u201d\"']?\s+")
_SENTENCE_START = re.compile(r"(?:^|(?<=[.!?])\s+|\n+)(?=[^\s])")
# Words that cannot stand between a sentence's start and its subject's name.
_NOT_A_TITLE = frozenset(
    {
        "for", "of", "in", "on", "at", "by", "with", "after", "before", "to", "from",
        "against", "over", "under", "when", "while", "as", "if", "and", "but", "or",
        "that", "than", "because", "since", "until", "about", "into", "between",
    }
)  # fmt: skip
_MAX_TITLE_WORDS = 7
# A sentence's first word, after an opening adverb ("However, he").
_OPENING_WORD = re.compile(r"(?:[A-Z]\w+,\s+)?(\w+)")
_MAX_TITLE_CHARS = 120
_NOT_ORGANISATIONS = frozenset(
    {
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday", "today", "yesterday",
    }
)  # fmt: skip
_NOT_OPENING_A_NAME = (NON_NAMES - {"the"}) | {"where", "which", "who", "said", "says"}


@dataclass
class SpeakerResolver:
    """Article-wide knowledge used to turn attribution text into a speaker name.

    Build it once per article with :meth:`from_text`; it then tracks the last
    quoted organisation and the last speaker as sentences are resolved in reading order.
    """

    persons: dict[str, set[str]] = field(default_factory=dict)  # full name -> roles
    mentions: list[tuple[int, str]] = field(default_factory=list)  # (offset, full name)
    titles: dict[str, str] = field(default_factory=dict)  # full name -> title
    organisations: tuple[str, ...] = ()  # multi-word capitalised names that are not people
    organisation_counts: dict[str, int] = field(default_factory=dict)
    organisation_mentions: list[tuple[int, str]] = field(default_factory=list)
    text: str = ""
    main_org: str = ""
    last_org: str = ""
    last_speaker: str = ""
    # (offset, person) where a sentence is about someone: it opens with their name, or
    # they were resolved as its speaker. "He said" goes back to the latest one.
    subjects: list[tuple[int, str]] = field(default_factory=list)
    # Words the article capitalises mid-sentence: names, not sentence openers.
    named: frozenset[str] = frozenset()

    @classmethod
    def from_text(cls, text: str) -> SpeakerResolver:
        """Collect people (with roles and titles), their mentions and the organisations.

        ``text`` should be the body with boilerplate blanked out (same length),
        so offsets line up with the body.
        """
        resolver = cls()
        for match in _ROLE_THEN_NAME.finditer(text):
            name = _clean_person_name(match.group(2))
            if name:
                role = _role_key(match.group(1).split()[-1])
                resolver.persons.setdefault(name, set()).add(role)
                at = match.start(2) + match.group(2).find(name.split()[0])
                resolver._note_title(name, _title_before(text, at))
        for match in _ROLE_COMMA_NAME.finditer(text):
            name = _clean_person_name(match.group(2))
            if name:
                role = _role_key(match.group(1))
                resolver.persons.setdefault(name, set()).add(role)
                resolver._note_title(name, _title_before(text, match.end(1)))
        for pattern in (_NAME_THEN_SPEECH, _NAME_WITH_AGE, _HONORIFIC_NAME):
            for match in pattern.finditer(text):
                name = _clean_person_name(match.group(1))
                if name:
                    resolver.persons.setdefault(name, set())
        for match in _NAME_THEN_APPOSITIVE.finditer(text):
            name = _clean_person_name(match.group(1))
            appositive = match.group(2).strip()
            if name and _ROLE_IN.search(appositive) and len(appositive.split()) <= 8:
                resolver.persons.setdefault(name, set())
                resolver._note_title(name, _without_article(appositive))
        for name in _names_reused_by_surname(text):
            resolver.persons.setdefault(name, set())
        if len(resolver.persons) > _MAX_PERSONS:
            resolver.persons = dict(islice(resolver.persons.items(), _MAX_PERSONS))
        resolver.mentions = _person_mentions(text, resolver.persons)
        resolver.subjects = _subjects(text, resolver.mentions)
        resolver.main_org = _main_organisation(text, resolver.persons)
        resolver.text = text
        resolver.organisation_mentions = _organisations(text, resolver.persons)
        resolver.organisation_counts = Counter(name for _, name in resolver.organisation_mentions)
        resolver.organisations = tuple(resolver.organisation_counts)
        resolver.named = frozenset(
            _strip_possessive(m.group()) for m in _MID_SENTENCE_CAPITAL.finditer(text)
        )
        return resolver

    def _is_organisation(self, name: str) -> bool:
        return name in (self.main_org, self.last_org) or any(
            org.split()[0] == name.split()[0] for org in self.organisations
        )

    def _organisation_in_paragraph(self, position: int) -> str:
        """The organisation named last before ``position`` in the same paragraph."""
        index = bisect.bisect_left(self.organisation_mentions, (position,))
        if not index:
            return ""
        at, name = self.organisation_mentions[index - 1]
        return name if "\n" not in self.text[at:position] else ""

    def title_of(self, speaker: str) -> str:
        """The title the article gives ``speaker`` ("Netflix CEO"), or ""."""
        return self.titles.get(speaker, "")

    def speaker_in(self, text: str, offset: int, skip: Sequence[tuple[int, int]] = ()) -> str:
        """The source a sentence attributes itself to, or "".

        ``offset`` is where ``text`` starts in the body; ``skip`` lists body
        regions (quotations) whose words must not be read as attribution.
        """
        speaker = self._attribution(text, offset, skip)
        speaker = _name_or_nothing(speaker)
        if speaker:
            self.last_speaker = speaker
            if speaker in self.persons:
                bisect.insort(self.subjects, (offset, speaker))
        return speaker

    def _attribution(self, text: str, offset: int, skip: Sequence[tuple[int, int]]) -> str:
        according = next(
            (m for m in _ACCORDING_TO.finditer(text) if not _inside(offset + m.start(), skip)),
            None,
        )
        for verb in _SPEECH_VERB.finditer(text):
            if _inside(offset + verb.start(), skip) or _not_speech(text, verb):
                continue
            if according and according.start() < verb.start():
                break  # "According to X, ... reports": X is the source
            word = verb.group()
            if _PARTICIPLE.search(word):
                # "Takaichi touched on ..., saying": the sentence's subject speaks.
                speaker = self._sentence_subject(text, verb.start(), offset, anywhere=True)
                if speaker:
                    return speaker
            speaker = self._subject_of(text, verb.start(), offset)
            if not speaker and word in _INVERTING_VERBS:
                # "said fire chief Tom Hale".
                speaker = self._resolve_run(_leading_run(text, verb.end()))
            if not speaker:
                speaker = self._sentence_subject(text, verb.start(), offset, anywhere=False)
            if speaker:
                return speaker
        if according:
            return self._according_to(text, according.end(), offset)
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
        """The person mentioned most recently before ``position``."""
        index = bisect.bisect_left(self.mentions, (position,))
        return self.mentions[index - 1][1] if index else ""

    def subject_before(self, position: int) -> str:
        """The person the text was last about before ``position`` (for "he"/"she")."""
        index = bisect.bisect_left(self.subjects, (position,))
        return self.subjects[index - 1][1] if index else self.person_before(position)

    def _pronoun(self, text: str, at: int, offset: int) -> str:
        # A person named earlier in the same sentence ("When an investor asked Sarandos
        # ..., he said"), else the one the text is about.
        # Bounded like every look-back, so a long unit with many pronouns stays linear.
        window = max(0, at - _ATTRIBUTION_WINDOW)
        boundaries = list(_SENTENCE_END.finditer(text, window, at))
        sentence = offset + (boundaries[-1].end() if boundaries else window)
        index = bisect.bisect_left(self.mentions, (sentence,))
        if index < len(self.mentions) and self.mentions[index][0] < offset + at:
            return self.mentions[index][1]
        return self.subject_before(offset + at)

    def _sentence_subject(self, text: str, verb_start: int, offset: int, anywhere: bool) -> str:
        """A known person or a pronoun opening the sentence (after an adverb: "However,
        he"), or with ``anywhere`` the first known person before the verb."""
        if anywhere:
            index = bisect.bisect_left(self.mentions, (offset,))
            if index < len(self.mentions) and self.mentions[index][0] < offset + verb_start:
                return self.mentions[index][1]
        opening = _OPENING_WORD.match(text)
        if opening and opening.group(1).lower() in _PRONOUNS:
            return self._pronoun(text, opening.start(1), offset)
        index = bisect.bisect_left(self.mentions, (offset,))
        if index < len(self.mentions):
            at, name = self.mentions[index]
            lead = text[: at - offset]
            if 0 <= at - offset < verb_start and _only_title_words(lead):
                return name
        return ""

    def _subject_of(self, text: str, verb_start: int, offset: int) -> str:
        # The subject sits just before its verb: looking back a bounded stretch keeps
        # a long sentence with many verbs linear instead of re-reading it per verb.
        start = max(0, verb_start - _ATTRIBUTION_WINDOW)
        return self._subject_before(text[start:verb_start], offset + start, text, offset)

    def _subject_before(self, prefix: str, offset: int, text: str = "", text_at: int = 0) -> str:
        tokens = prefix.rstrip().split(" ")
        while tokens and (
            tokens[-1].lower().strip(",") in _FILLERS
            or (tokens[-1].endswith("ly") and tokens[-1].islower() and len(tokens[-1]) > 4)
        ):
            tokens.pop()
        head = " ".join(tokens).rstrip()
        # "Ted Sarandos, the CEO, said": skip the appositive back to the name.
        head = _APPOSITIVE.sub("", head)
        head = _TRAILING_ACRONYM.sub("", head.rstrip(",").rstrip())
        if not head:
            return ""
        last = head.split()[-1]
        if last.lower() in _PRONOUNS:
            return self._pronoun(text, offset + len(head) - len(last) - text_at, text_at)
        if last.lower() == "it" and self.last_speaker:
            return self.last_speaker
        if _AGE_DESCRIPTOR.search(head):
            return self.subject_before(offset + len(head))
        alias = _ORG_ALIASES.search(head)
        if alias:
            # "the central bank" is the article's one "... Bank ...", else the last quoted.
            noun = alias.group().split()[-1].lower()
            owners = [o for o in self.organisations if noun in o.lower().split()]
            if owners:
                # The one it names most, the first named on a tie (organisations are in
                # order of appearance).
                return max(owners, key=lambda o: self.organisation_counts.get(o, 0))
            # "The World Health Organization counted ... , the agency said."
            return self._organisation_in_paragraph(offset + alias.start()) or (
                self.last_org or self.main_org
            )
        descriptor = _ROLE_DESCRIPTOR.search(head)
        if descriptor:
            role = _role_key(descriptor.group(1))
            holders = sorted(n for n, roles in self.persons.items() if role in roles)
            if len(holders) == 1:
                return holders[0]
            return self.person_before(offset + descriptor.start())
        if last.lower() in _GROUP_SOURCES:
            group_of = _TRAILING_RUN.search(head[: -len(last)].rstrip())
            # "Netflix executives" speak for Netflix; "Ohio officials" stay themselves.
            if group_of and self._is_organisation(group_of.group(1)):
                return self._resolve_run(group_of.group(1))
        if last.lower() in SOURCE_NOUNS:
            phrase = _noun_phrase_before(head)
            if phrase[:1].isupper() and " " in phrase:
                self.last_org = phrase  # "Cambridgeshire Police": a named organisation
            return phrase
        run = _TRAILING_RUN.search(head)
        if not run:
            return ""
        # "Swati Dhingra and Alan Taylor argued": both speak.
        before = head[: run.start()].rstrip()
        if before.endswith(" and"):
            other = _TRAILING_RUN.search(before[:-4].rstrip())
            if other:
                first, second = self._resolve_run(other.group(1)), self._resolve_run(run.group(1))
                if all(n in self.persons or _PERSON_NAME_FULL.match(n) for n in (first, second)):
                    return f"{first} and {second}"
        return self._resolve_run(run.group(1), definite=bool(_ENDS_WITH_THE.search(before)))

    def _according_to(self, text: str, start: int, offset: int) -> str:
        window = text[start : start + _ATTRIBUTION_WINDOW]
        # "UNEP's Emissions Gap Report": the report is the source.
        owner = _OWNER_THEN_NAME.match(window)
        if owner:
            return self._resolve_run(owner.group(1))
        run = _LEADING_RUN.match(window)
        if run:
            return self._resolve_run(run.group(1))
        # "according to court documents", "according to local media reports".
        words = []
        for word in window.split()[:6]:
            bare = word.strip(",.;:!?()\u2019'")
            if not bare or bare.lower() in _PHRASE_STOP or not bare[0].isalpha():
                break
            words.append(bare)
            if bare != word.rstrip("\u2019'"):
                break  # punctuation ends the phrase
        while words and words[-1].lower() not in SOURCE_NOUNS:
            words.pop()
        return " ".join(words[-4:])

    def _resolve_run(self, run: str, definite: bool = False) -> str:
        """Map a capitalised run ("Netflix CEO Ted Sarandos", "Sarandos") to a speaker.

        ``definite``: the run follows "the" ("the Bank said"), so a single word may be
        the short form of a longer name the article gives ("Bank of England").
        """
        tokens = [_strip_possessive(t) for t in run.split()]
        definite = definite or (bool(tokens) and tokens[0].lower() == "the")
        while tokens and (tokens[0].lower() in NON_NAMES or _HONORIFIC_PREFIX.match(tokens[0])):
            tokens.pop(0)
        if not tokens:
            return ""
        role_positions = [i for i, t in enumerate(tokens) if t.lower() in ROLE_WORDS]
        if role_positions:
            after_role = tokens[role_positions[-1] + 1 :]
            if after_role:
                name = self._full_name(" ".join(after_role))
                self._note_title(name, " ".join(tokens[: role_positions[-1] + 1]))
                return name
            # A bare role ("Netflix CEO"): use the only person holding it.
            role = _role_key(tokens[role_positions[-1]])
            holders = sorted(n for n, roles in self.persons.items() if role in roles)
            return holders[0] if len(holders) == 1 else " ".join(tokens)
        name = self._full_name(" ".join(tokens), definite)
        # Single capitalised words ("Netflix") are taken as organisations so
        # that a later "the company said" can refer back to them.
        if (
            name not in self.persons
            and not _PERSON_NAME_FULL.match(name)
            and name.lower() not in _NOT_ORGANISATIONS
        ):
            self.last_org = name
        return name

    def _full_name(self, name: str, definite: bool = False) -> str:
        if name in self.persons:
            return name
        matches = self._names_by_part.get(name, [])
        if len(matches) == 1:
            return matches[0]
        # "the Bank" -> "Bank of England", when the article names one such organisation.
        if definite and " " not in name and name not in self.named_people_words:
            owners = [org for org in self.organisations if org.split()[0] == name]
            if owners:
                return max(owners, key=lambda o: self.organisation_counts.get(o, 0))
        return name

    def _note_title(self, name: str, title: str) -> None:
        title = title.strip(" ,")
        if name and title and name not in self.titles and len(title) <= MAX_SPEAKER_CHARS:
            self.titles[name] = title

    @cached_property
    def named_people_words(self) -> frozenset[str]:
        return frozenset(word for name in self.persons for word in name.split())

    @cached_property
    def _names_by_part(self) -> dict[str, list[str]]:
        # Full names by first and by last word, so a surname is looked up, not searched for.
        by_part: dict[str, list[str]] = {}
        for full in self.persons:
            parts = full.split()
            for part in dict.fromkeys((parts[-1], parts[0])):
                by_part.setdefault(part, []).append(full)
        return by_part


def _not_speech(text: str, verb: re.Match[str]) -> bool:
    """ "claimed the title", "posted a 3-1 win", "added a second goal"."""
    return bool(_NOT_SPEECH_BEFORE_OBJECT.match(verb.group())) and bool(
        _OBJECT_AFTER.match(text, verb.end())
    )


def _noun_phrase_before(head: str) -> str:
    """An unnamed source with its modifiers, without the article: "court documents"."""
    words = head.split()[-3:]
    kept: list[str] = []
    for word in reversed(words):
        bare = word.strip(",;:()")
        if bare != word and kept:
            break
        lower = bare.lower()
        if lower in NON_NAMES or lower in _NOT_A_TITLE or lower in _FUNCTION_WORDS:
            break
        if not bare.replace("-", "").isalpha():
            break
        kept.insert(0, bare)
    return " ".join(kept)


def _only_title_words(lead: str) -> bool:
    """Whether ``lead`` (a sentence's words before a name) can only be that name's
    title ("Former economic security minister", "UNEP Executive Director")."""
    words = lead.split()
    if len(words) > _MAX_TITLE_WORDS or any(w[-1:] in ",;:" for w in words):
        return False
    return not any(
        w.lower() in _NOT_A_TITLE
        or (w.islower() and w.endswith(("ing", "ed")))
        or w.lower() in _NOT_OPENING_A_NAME
        for w in words
    )


def _title_before(text: str, name_start: int) -> str:
    """The title words right before a name: roles, capitalised words and their
    lower-case modifiers ("Former economic security minister", "Netflix Co-CEO")."""
    words = text[max(0, name_start - 120) : name_start].split()
    kept: list[str] = []
    for word in reversed(words):
        if word[-1:] in ",;:.!?()" or word[-1:] in _MARKS:
            break
        bare = _strip_possessive(word) if kept else word
        lower = bare.lower()
        if lower in NON_NAMES or lower in _NOT_A_TITLE or _HONORIFIC_PREFIX.match(word):
            break
        if _SPEECH_VERB.fullmatch(lower):
            break
        modifier = not (word[:1].isupper() or lower in ROLE_WORDS or lower.startswith("co-"))
        if modifier and (lower.endswith(("ing", "ed")) or not kept):
            break
        kept.insert(0, word)
        if len(kept) >= _MAX_TITLE_WORDS:
            break
    while kept and not _ROLE_IN.search(" ".join(kept)):
        kept.pop(0)
    # The title ends on its last role word ("Chief Constable"), not on a name part.
    return " ".join(kept)


def _without_article(phrase: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", phrase)


def _clean_person_name(candidate: str) -> str:
    """Drop leading roles/function words ("Co-CEO Ted Sarandos"); keep 2+ word names."""
    tokens = [_strip_possessive(t) for t in candidate.split()]
    while tokens and (tokens[0].lower() in ROLE_WORDS or tokens[0].lower() in NON_NAMES):
        tokens.pop(0)
    return " ".join(tokens) if len(tokens) >= 2 else ""


_TITLED_RUN = re.compile(rf"^((?:[a-z][\w-]*\s+){{0,3}}?(?i:{_ROLES}))\s+({_CAPITALISED})")


def _leading_run(text: str, start: int) -> str:
    """The capitalised run right after ``start`` ("said Ted Sarandos", "said fire chief
    Tom Hale": lower-case title words ending in a role may come first), bounded."""
    window = text[start : start + _ATTRIBUTION_WINDOW].lstrip()
    titled = _TITLED_RUN.match(window)
    if titled:
        match = _LEADING_RUN.match(window[titled.start(2) :])
        return f"{titled.group(1)} {match.group(1)}" if match else ""
    match = _LEADING_RUN.match(window)
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


# Last words that make a capitalised run an organisation or a place, not a person.
_ORG_OR_PLACE_ENDINGS = frozenset(
    {
        "police", "court", "service", "bank", "party", "committee", "council", "ministry",
        "department", "agency", "office", "group", "times", "news", "post", "street",
        "road", "station", "railway", "university", "hospital", "company", "association",
        "union", "programme", "program", "report", "agreement", "league", "club", "cup",
        "airport", "prefecture", "city", "county", "state", "government", "commission",
        "authority", "board", "fund", "institute", "foundation", "centre", "center",
        "house", "square", "park", "bridge", "river", "forces", "army", "navy", "economics",
    }
)  # fmt: skip
_CAPITALISED_RUN = re.compile(rf"[{_UPPER}][\w'\u2019-]*(?:[ \t]+[{_UPPER}][\w'\u2019-]*)*")
_CAPITALISED_NAME_RUN = re.compile(rf"\b({_NAME_WORD})[ \t]+({_NAME_WORD})\b(?![\u2019']s)")


def _names_reused_by_surname(text: str) -> list[str]:
    """Two-word names whose second word the article later uses alone ("Anthony
    Williams" ... "Williams appeared") and whose first word it never does: people."""
    pairs = Counter(
        (m.group(1), m.group(2))
        for m in _CAPITALISED_NAME_RUN.finditer(text)
        if m.group(2).lower() not in _ORG_OR_PLACE_ENDINGS
        and m.group(1).lower() not in NON_NAMES
        and m.group(1).lower() not in ROLE_WORDS
        and m.group(2).lower() not in ROLE_WORDS
    )
    if not pairs:
        return []
    alone: Counter[str] = Counter()
    for run in _CAPITALISED_RUN.finditer(text):
        words = [_strip_possessive(w) for w in run.group().split()]
        if words and _HONORIFIC_PREFIX.match(words[0]):
            words = words[1:]
        if len(words) == 1:
            alone[words[0]] += 1
    return [
        f"{first} {last}"
        for first, last in pairs
        if alone[last] > 0 and alone[first] == 0 and len(pairs) <= _MAX_PERSONS
    ]


def _person_mentions(text: str, persons: dict[str, set[str]]) -> list[tuple[int, str]]:
    surname_owners = Counter(name.split()[-1] for name in persons)
    first_owners = Counter(name.split()[0] for name in persons)
    mentions: list[tuple[int, str]] = []
    for name in persons:
        forms = [name]
        if surname_owners[name.split()[-1]] == 1:
            forms.append(name.split()[-1])
        if first_owners[name.split()[0]] == 1 and re.search(
            rf"\b{_HONORIFIC}\s+{re.escape(name.split()[0])}\b", text
        ):
            forms.append(name.split()[0])  # "Ms Olaide" for Olaide Esan
        for form in forms:
            for match in re.finditer(rf"\b{re.escape(form)}\b", text):
                mentions.append((match.start(), name))
    # A full name's surname is one mention, not two.
    return sorted({(at, name) for at, name in mentions})


def _subjects(text: str, mentions: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Mentions that open a sentence, maybe after title words: who the text is about."""
    starts = [m.end() for m in _SENTENCE_START.finditer(text)]
    subjects = []
    for at, name in mentions:
        index = bisect.bisect_right(starts, at)
        # A title is a few words: a longer lead is not read (long sentences stay linear).
        lead = text[starts[index - 1] : at] if index else ""
        if index and len(lead) <= _MAX_TITLE_CHARS and _only_title_words(lead.lstrip(_MARKS + " ")):
            subjects.append((at, name))
    return subjects


_ORGANISATION_RUN = re.compile(
    rf"\b{_CAPITALISED}(?:[ \t]+(?:of[ \t]+(?:the[ \t]+)?)?{_CAPITALISED})+"
)


def _organisations(text: str, persons: dict[str, set[str]]) -> list[tuple[int, str]]:
    """Where multi-word capitalised names on one line ("Bank of England"), not people,
    are named, in order."""
    person_words = {w for name in persons for w in name.split()}
    found: list[tuple[int, str]] = []
    for match in _ORGANISATION_RUN.finditer(text):
        words = match.group().split()
        while words and words[0].lower() in NON_NAMES:
            words.pop(0)
        if len(words) < 2 or any(w.lower() in ROLE_WORDS or w in person_words for w in words):
            continue
        found.append((match.end() - len(" ".join(words)), " ".join(words)))
        if len(found) >= _MAX_PERSONS:
            break
    return found


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
            or word.lower() in _NOT_ORGANISATIONS
            or word in person_words
        ):
            continue
        counts[word] += 1
        first_seen.setdefault(word, match.start())
    if not counts:
        return ""
    return min(counts, key=lambda w: (-counts[w], first_seen[w]))
