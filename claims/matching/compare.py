"""Compare the versions in one cluster: wording, figures, titles, attribution, and a suggestion.

Suggestions follow docs/matching.md:

* ``None``: only one outlet makes the claim (nothing to compare with);
* ``"erroneous"``: this version's figure or title is an outlier against an
  agreeing majority of at least two other outlets, or contradicts a primary
  source (figure, title, or quoted words);
* ``"varied"``: outlets differ in a quote's wording, a figure, a title or who is
  quoted, with no majority to settle it (quote drift is never "erroneous" on
  its own: translation and paraphrase change words without being wrong);
* ``"supported"``: several outlets agree (same figures, same quoted words
  modulo punctuation and case, same speaker and title).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from .diff import WordDiff, best_window, display_words, word_diff
from .job_titles import RoleMention, person_key, roles_in
from .normalise import normalise, number_mentions
from .records import ClaimRecord

__all__ = ["ClaimComparison", "compare_cluster", "overall_verdict"]

SUPPORTED, VARIED, ERRONEOUS = "supported", "varied", "erroneous"


@dataclass(frozen=True)
class ClaimComparison:
    """One member's version set against the rest of its cluster."""

    claim_id: int
    diff: WordDiff  # wording vs the cluster's reference version
    figure_differences: tuple[str, ...]
    role_differences: tuple[str, ...]
    suggested_verdict: str | None  # "supported" | "varied" | "erroneous" | None
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class _Figure:
    text: str
    value: float
    unit: str
    measure: str
    dimension: str = ""  # physical amounts ("length"); "" in rows stored before it existed
    base_value: float | None = None  # SI base units; zoned times: the UTC hour
    margin: float = 0.0  # half a step of the last written digit, in base units

    @property
    def kind(self) -> str:
        """What it can be compared with: kilometres with miles, never with people."""
        return self.dimension or self.unit

    @property
    def amount(self) -> float:
        """The number compared: base units for physical amounts and zoned times."""
        return self.base_value if self.base_value is not None else self.value


def _figures(record: ClaimRecord) -> list[_Figure]:
    if record.figures:
        return [
            _Figure(
                str(f.get("text", "")),
                float(f["value"]),
                str(f["unit"]),
                f.get("measure", ""),
                str(f.get("dimension", "")),
                float(f["base_value"]) if f.get("base_value") is not None else None,
                float(f.get("margin", 0.0)),
            )
            for f in record.figures
            if f.get("value") is not None
        ]
    # No parsed figures given: only amounts with a unit count ("Happy Gilmore 2" is a title).
    return [
        _Figure(m.text, m.value, m.unit, "")
        for m in number_mentions(record.text)
        if m.unit != "number"
    ]


def _same_value(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _agree(a: _Figure, b: _Figure) -> bool:
    """Whether two figures of one kind report the same amount.

    In the same unit the written values must be equal. Converted (5 km and 3.1
    miles, 30 °C and 86 °F) they agree when they are no further apart than the
    rounding of the less precise one. Times agree as UTC instants when both
    zones are known ("9 a.m. in Tokyo" and "midnight GMT"), else as written.
    """
    if a.unit == "time":
        if a.base_value is not None and b.base_value is not None:
            return _same_value(a.base_value, b.base_value)
        return _same_value(a.value, b.value)
    if a.unit != b.unit and a.base_value is not None and b.base_value is not None:
        return abs(a.base_value - b.base_value) <= max(a.margin, b.margin) * (1 + 1e-9)
    return _same_value(a.value, b.value)


def _counterpart(figure: _Figure, others: list[_Figure]) -> _Figure | None:
    """The figure of another version that reports the same quantity, if any."""
    same_kind = [other for other in others if other.kind == figure.kind]
    if not same_kind:
        return None
    if figure.measure:
        exact = [other for other in same_kind if other.measure == figure.measure]
        if exact:
            same_kind = exact
    # Closest amount among candidates: "$11.2bn" pairs with "$11.5bn", not "$2bn".
    return min(same_kind, key=lambda other: abs(other.amount - figure.amount))


def _outlets(count: int) -> str:
    return f"{count} other outlet{'s' if count != 1 else ''}"


def _version(record: ClaimRecord, quote_cluster: bool) -> str:
    """The words compared between outlets: in a cluster of quotes the quoted words, else the
    sentence (a quote that happens to sit in a cluster of reports is shown in full)."""
    return record.quoted_text if quote_cluster and record.quoted_text else record.text


def _is_quote_cluster(members: Sequence[ClaimRecord]) -> bool:
    return sum(1 for m in members if m.quoted_text) * 2 > len(members)


def _diff(reference: str, version: str) -> WordDiff:
    # A fragment is compared with the stretch of the reference it repeats.
    if len(display_words(version)) <= 0.7 * len(display_words(reference)):
        return word_diff(best_window(reference, version), version)
    return word_diff(reference, version)


def _quote_key(record: ClaimRecord) -> str:
    return normalise(record.quoted_text)


def _quotes_agree(a: ClaimRecord, b: ClaimRecord) -> bool:
    """Same words modulo punctuation/case/contractions, or one a fragment of the other."""
    ka, kb = _quote_key(a), _quote_key(b)
    if ka == kb:
        return True
    short, long = sorted((ka, kb), key=len)
    return len(short.split()) >= 3 and f" {short} " in f" {long} "


def _reference_index(members: Sequence[ClaimRecord], versions: Sequence[str]) -> int:
    """The version most outlets share, else the primary source's, else the first.

    "Share" counts outlets whose version is the same words or a fragment of this
    one, so the full quote, not a fragment repeating part of it, is the reference.
    """
    keys = [f" {normalise(version)} " for version in versions]
    shared_by = [
        len({m.source for m, other in zip(members, keys, strict=True) if other in key})
        for key in keys
    ]
    most = max(shared_by)
    if most >= 2:
        sharing = [i for i, count in enumerate(shared_by) if count == most]
        return next((i for i in sharing if members[i].is_primary), sharing[0])
    return next((i for i, m in enumerate(members) if m.is_primary), 0)


@dataclass
class _Findings:
    differences: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    varied: bool = False
    erroneous: bool = False


def _figure_findings(member: ClaimRecord, others: list[ClaimRecord]) -> _Findings:
    found = _Findings()
    agreed: list[tuple[str, int]] = []
    for figure in _figures(member):
        agree: set[int] = set()
        differ: dict[float, tuple[str, set[int]]] = {}
        primary_conflict: _Figure | None = None
        for other in others:
            match = _counterpart(figure, _figures(other))
            if match is None:
                continue
            if _agree(match, figure):
                agree.add(other.source)
                continue
            key = next((v for v in differ if _same_value(v, match.amount)), match.amount)
            differ.setdefault(key, (match.text, set()))[1].add(other.source)
            if other.is_primary and not member.is_primary:
                primary_conflict = match
        if not differ:
            if agree:
                agreed.append((figure.text, len(agree) + 1))
            continue
        rival_text, rival_sources = max(differ.values(), key=lambda item: len(item[1]))
        support, rival = len(agree) + 1, len(rival_sources)
        if primary_conflict is not None:
            found.erroneous = True
            found.differences.append(
                f"{figure.text} here vs {primary_conflict.text} in the primary source"
            )
        elif support == 1 and rival >= 2 and not member.is_primary:
            found.erroneous = True
            found.differences.append(f"{figure.text} here vs {rival_text} in {_outlets(rival)}")
        elif support >= 2 and support > rival and rival == 1 and len(differ) == 1:
            # This version is the agreeing majority; the outlier is flagged on its own row.
            found.differences.append(f"{_outlets(rival)} says {rival_text}")
            agreed.append((figure.text, support))
        else:
            found.varied = True
            found.differences.append(f"{figure.text} here vs {rival_text} in {_outlets(rival)}")
    if agreed:
        count = min(n for _, n in agreed)
        texts = " and ".join(text for text, _ in agreed)
        found.reasons.append(f"{count} outlets agree on {texts}")
    return found


def _role_findings(
    member: ClaimRecord, others: list[ClaimRecord], roles: dict[int, list[RoleMention]]
) -> _Findings:
    found = _Findings()
    for mention in roles[member.id]:
        agree: set[int] = set()
        differ: dict[str, tuple[str, set[int]]] = {}
        primary_conflict = ""
        for other in others:
            titles = [r for r in roles[other.id] if r.person_key == mention.person_key]
            if not titles:
                continue
            if any(r.canonical == mention.canonical for r in titles):
                agree.add(other.source)
                continue
            differ.setdefault(titles[0].canonical, (titles[0].role, set()))[1].add(other.source)
            if other.is_primary and not member.is_primary:
                primary_conflict = titles[0].role
        name = mention.person
        if not differ:
            if agree:
                found.reasons.append(f"{len(agree) + 1} outlets call {name} “{mention.role}”")
            continue
        rival_role, rival_sources = max(differ.values(), key=lambda item: len(item[1]))
        support, rival = len(agree) + 1, len(rival_sources)
        verb = "says" if rival == 1 else "say"
        text = f"calls {name} “{mention.role}”; {_outlets(rival)} {verb} “{rival_role}”"
        if primary_conflict:
            found.erroneous = True
            found.differences.append(
                f"calls {name} “{mention.role}”; the primary source says “{primary_conflict}”"
            )
        elif support == 1 and rival >= 2 and not member.is_primary:
            found.erroneous = True
            found.differences.append(text)
        elif support >= 2 and support > rival and rival == 1 and len(differ) == 1:
            found.differences.append(f"{_outlets(rival)} calls {name} “{rival_role}”")
        else:
            found.varied = True
            found.differences.append(text)
    return found


def _quote_findings(member: ClaimRecord, others: list[ClaimRecord]) -> _Findings:
    found = _Findings()
    if not member.quoted_text:
        return found
    quoted = [other for other in others if other.quoted_text]
    if not quoted:
        return found
    differing = [other for other in quoted if not _quotes_agree(member, other)]
    same = len({o.source for o in quoted} - {o.source for o in differing}) + 1
    if not differing:
        found.reasons.append(f"{same} outlets quote the same words")
        return found
    if any(o.is_primary for o in differing) and not member.is_primary:
        found.erroneous = True
        found.reasons.append("quoted words differ from the primary source")
    else:
        found.varied = True
    found.reasons.append(f"quote worded differently in {_outlets(len(differing))}")
    for other in differing[:3]:
        # What this version changes relative to that one ("make" -> "create").
        changes = _diff(other.quoted_text, member.quoted_text).changed_phrases()
        shown = "; ".join(f"“{old or '…'}” → “{new or '…'}”" for old, new in changes[:3])
        found.reasons.append(f"vs {other.outlet or f'source {other.source}'}: {shown}")
    if same >= 2:
        found.reasons.append(f"{same} outlets quote these same words")
    return found


def _speaker_findings(member: ClaimRecord, others: list[ClaimRecord]) -> _Findings:
    found = _Findings()
    if not member.speaker or member.kind not in {"quote", "attribution"}:
        return found
    mine = person_key(member.speaker)
    differ: dict[str, set[int]] = {}
    agree = 0
    for other in others:
        if not other.speaker or other.kind not in {"quote", "attribution"}:
            continue
        if person_key(other.speaker) == mine:
            agree += 1
        else:
            differ.setdefault(other.speaker, set()).add(other.source)
    if differ:
        found.varied = True
        names = ", ".join(f"{name} ({_outlets(len(s))})" for name, s in differ.items())
        found.reasons.append(f"attributed to {member.speaker} here, to {names}")
    elif agree:
        found.reasons.append(f"{agree + 1} outlets attribute it to {member.speaker}")
    return found


def compare_cluster(members: Sequence[ClaimRecord]) -> list[ClaimComparison]:
    """For each member (in order): word diff against the reference version, figure and title
    differences, a suggested verdict and the reasons for it (see the module docstring)."""
    members = list(members)
    if not members:
        return []
    quote_cluster = _is_quote_cluster(members)
    versions = [_version(member, quote_cluster) for member in members]
    reference = versions[_reference_index(members, versions)]
    diffs = {
        member.id: _diff(reference, version)
        for member, version in zip(members, versions, strict=True)
    }
    roles = {member.id: roles_in(member.text, member.speaker) for member in members}
    sources = {member.source for member in members}

    comparisons = []
    for member in members:
        diff = diffs[member.id]
        if len(sources) < 2:
            comparisons.append(
                ClaimComparison(
                    member.id, diff, (), (), None, ("only one outlet makes this claim",)
                )
            )
            continue
        others = [other for other in members if other.source != member.source]
        parts = [
            _figure_findings(member, others),
            _role_findings(member, others, roles),
            _quote_findings(member, others),
            _speaker_findings(member, others),
        ]
        figures, titles = parts[0], parts[1]
        if any(part.erroneous for part in parts):
            verdict = ERRONEOUS
        elif any(part.varied for part in parts):
            verdict = VARIED
        else:
            verdict = SUPPORTED
        reasons = [
            *figures.differences,
            *titles.differences,
            *(reason for part in parts for reason in part.reasons),
        ]
        if verdict == SUPPORTED and not any(part.reasons for part in parts):
            reasons.append(f"{len(sources)} outlets report this claim")
        comparisons.append(
            ClaimComparison(
                claim_id=member.id,
                diff=diff,
                figure_differences=tuple(figures.differences),
                role_differences=tuple(titles.differences),
                suggested_verdict=verdict,
                reasons=tuple(reasons),
            )
        )
    return comparisons


def overall_verdict(comparisons: Sequence[ClaimComparison]) -> str | None:
    """One suggestion for the whole cluster: any "erroneous" member makes it "erroneous",
    else any "varied" makes it "varied", else "supported"; None for a single outlet."""
    verdicts = {c.suggested_verdict for c in comparisons} - {None}
    for verdict in (ERRONEOUS, VARIED, SUPPORTED):
        if verdict in verdicts:
            return verdict
    return None
