"""Job titles attached to people in a claim ("Netflix Co-CEO Ted Sarandos" -> Sarandos: co-CEO).

Outlets disagree on titles more often than on names; a wrong title is a
checkable error, so comparison needs the title each version gives each person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .normalise import fold

__all__ = ["RoleMention", "canonical_role", "person_key", "roles_in"]

# Longest alternatives first so "co-CEO" is not read as "CEO".
_ROLE_WORDS = [
    r"co-?chief executive(?: officer)?",
    r"chief executive(?: officer)?",
    r"co-?ceo",
    r"ceo",
    r"chief financial officer",
    r"cfo",
    r"chief operating officer",
    r"coo",
    r"chief technology officer",
    r"cto",
    r"chief content officer",
    r"executive chair(?:man|woman)?",
    r"chair(?:man|woman|person)?",
    r"vice[- ]president",
    r"president",
    r"co-?founder",
    r"founder",
    r"managing director",
    r"director",
    r"spokes(?:man|woman|person)",
    r"head of [a-z]+",
    r"prime minister",
    r"minister",
    r"secretary",
    r"governor",
    r"senator",
    r"mayor",
]
# Titles match in any case ("CEO", "chief executive"); names must be capitalised.
_ROLE = r"(?P<role>(?i:" + "|".join(_ROLE_WORDS) + r"))"
_NAME = "(?P<name>[A-Z][\\w'\u2019.-]+(?:\\s+(?:[A-Z][\\w'\u2019.-]+|de|van|von|da|del|bin|al))*)"
# "Netflix Co-CEO Ted Sarandos", "CEO Ted Sarandos"
_ROLE_THEN_NAME = re.compile(_ROLE + r"\s+" + _NAME)
# "Ted Sarandos, Netflix's co-CEO," / "Ted Sarandos, the company's chief executive"
_NAME_THEN_ROLE = re.compile(
    _NAME
    + r",\s+(?:the\s+|its\s+|[A-Z][\w&.-]*(?:'s|\u2019s)\s+|company(?:'s|\u2019s)\s+)?"
    + _ROLE
    + r"\b"
)
_BARE_ROLE = re.compile(r"\b" + _ROLE + r"\b")
_CANONICAL = [
    (re.compile(r"^co-?(?:ceo|chief executive(?: officer)?)$"), "co-CEO"),
    (re.compile(r"^(?:ceo|chief executive(?: officer)?)$"), "CEO"),
    (re.compile(r"^(?:cfo|chief financial officer)$"), "CFO"),
    (re.compile(r"^(?:coo|chief operating officer)$"), "COO"),
    (re.compile(r"^(?:cto|chief technology officer)$"), "CTO"),
    (re.compile(r"^co-?founder$"), "co-founder"),
    (re.compile(r"^chair(?:man|woman|person)?$"), "chair"),
    (re.compile(r"^spokes(?:man|woman|person)$"), "spokesperson"),
    (re.compile(r"^vice[- ]president$"), "vice president"),
]


@dataclass(frozen=True)
class RoleMention:
    """A title given to a person: ``person`` as written, ``role`` as written, ``canonical`` form."""

    person: str
    role: str
    canonical: str

    @property
    def person_key(self) -> str:
        return person_key(self.person)


def canonical_role(role: str) -> str:
    """One spelling per title: "Co-CEO" and "co-chief executive" -> "co-CEO"."""
    lowered = " ".join(fold(role).lower().split())
    for pattern, name in _CANONICAL:
        if pattern.match(lowered):
            return name
    return lowered


def person_key(name: str) -> str:
    """People are compared by surname: "Ted Sarandos" and "Sarandos" are one person."""
    parts = fold(name).replace("'s", "").split()
    return parts[-1].lower().strip(".,") if parts else ""


def roles_in(text: str, speaker: str = "") -> list[RoleMention]:
    """Every (person, title) pair in ``text``.

    A title with no name next to it ("Netflix CEO stated ...") is given to the
    resolved ``speaker`` when that is a person's name (two or more words).
    """
    found: dict[tuple[str, str], RoleMention] = {}
    covered: list[tuple[int, int]] = []
    for pattern in (_ROLE_THEN_NAME, _NAME_THEN_ROLE):
        for match in pattern.finditer(text):
            role_text = match["role"]
            if not _title_case_or_acronym(role_text):
                continue
            mention = RoleMention(match["name"].strip(), role_text, canonical_role(role_text))
            found.setdefault((mention.person_key, mention.canonical), mention)
            covered.append(match.span("role"))
    if speaker and len(speaker.split()) >= 2:
        for match in _BARE_ROLE.finditer(text):
            if any(start <= match.start() < end for start, end in covered):
                continue
            if not _title_case_or_acronym(match["role"]):
                continue
            mention = RoleMention(speaker, match["role"], canonical_role(match["role"]))
            found.setdefault((mention.person_key, mention.canonical), mention)
    return list(found.values())


def _title_case_or_acronym(role: str) -> bool:
    # "director" in running prose ("the director of the film") is rarely a title
    # attached to a name; acronyms and capitalised titles are.
    if role.isupper() or role[:1].isupper():
        return True
    return role.lower().startswith(("co-", "chief", "ceo", "cfo"))
