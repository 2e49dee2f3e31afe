"""Compare the versions in one cluster: the reference version, each version's findings, and a
suggestion that says what evidence it rests on.

A suggestion never comes from a head count of outlets alone. Its basis is one of:

* **the primary source** in the cluster (a shareholder letter, a transcript): a version
  that states a figure, a date or the quoted words otherwise is *erroneous*; one that
  differs only in a title, a term or a name is *varied*; one that agrees is *supported*;
* **the reference version a checker marked**, judged the same way;
* **a figure or a time that conflicts** after conversion: the one independent copy that
  states it otherwise, against at least two independent copies agreeing, is *erroneous*;
  with no such majority, every copy is *varied*;
* **agreement of independent copies**: copies of one wire story count as one source. Two
  or more independent copies that agree are *supported*. A title, term, entity, speaker
  or quote difference makes a version *varied*, never *erroneous* against the minority.

When the evidence is thin the suggestion abstains (``None``) and the basis says why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from .diff import WordDiff, best_window, display_words, word_diff
from .fact_sheet import FactSheet
from .features import features_of
from .findings import FACT_KINDS, Finding, Point, findings_for, points
from .normalise import normalise
from .records import ClaimRecord

__all__ = [
    "ClaimComparison",
    "compare_cluster",
    "overall_verdict",
    "reference_of",
]

SUPPORTED, VARIED, ERRONEOUS = "supported", "varied", "erroneous"
# Two claims this alike, framing included, are the same wire copy, not two sources.
WIRE_COPY_RATIO = 95
# Longer texts (passages, not sentences) are wire copies only when equal.
MAX_WIRE_COMPARED_CHARS = 3_000


@dataclass(frozen=True)
class ClaimComparison:
    """One member's version set against the rest of its cluster."""

    claim_id: int
    diff: WordDiff  # wording vs the cluster's reference version
    findings: tuple[Finding, ...]
    suggested_verdict: str | None  # "supported" | "varied" | "erroneous" | None
    basis: str  # what the suggestion rests on, or why there is none
    reasons: tuple[str, ...]
    is_reference: bool = False
    quoted: bool = False  # the diff is over the quoted words (a cluster of quotes)


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


def reference_of(members: Sequence[ClaimRecord], chosen: int | None = None) -> int:
    """The id of the cluster's reference version: the primary source's where there is one,
    else the version a checker marked (``chosen``), else the most representative one (the
    one whose words the others share most)."""
    primary = [m for m in members if m.is_primary]
    if primary:
        return primary[0].id
    if chosen is not None and any(m.id == chosen for m in members):
        return chosen
    if len(members) <= 2:
        return members[0].id

    def shared(member: ClaimRecord) -> float:
        mine = features_of(member).content
        return sum(
            len(mine & features_of(other).content) / (len(mine | features_of(other).content) or 1)
            for other in members
            if other.source != member.source
        )

    return max(members, key=lambda m: (shared(m), -m.id)).id


def _wire_groups(members: Sequence[ClaimRecord]) -> dict[str, int]:
    """Outlet -> one number per independent source: near-identical versions (framing and
    all) are copies of one wire story."""
    group_of: dict[int, int] = {}
    for index, member in enumerate(members):
        text = normalise(member.text)
        for earlier in members[:index]:
            if _copies(text, normalise(earlier.text)):
                group_of[member.id] = group_of[earlier.id]
                break
        else:
            group_of[member.id] = member.id
    return {(m.outlet or f"source {m.source}"): group_of[m.id] for m in members}


def _copies(a: str, b: str) -> bool:
    if max(len(a), len(b)) > MAX_WIRE_COMPARED_CHARS:
        return a == b
    return fuzz.ratio(a, b) >= WIRE_COPY_RATIO


def _independent(outlets: Sequence[str], wires: dict[str, int]) -> int:
    return len({wires.get(outlet, hash(outlet)) for outlet in outlets})


def _against_anchor(
    member: ClaimRecord, anchor: ClaimRecord, name: str, compared: dict[int, list[Point]]
) -> tuple[str, str]:
    """A verdict and its basis from a primary source or a checker's reference."""
    against = findings_for(member, [anchor], compared)
    conflict = [f for f in against if f.kind in FACT_KINDS or f.kind == "quote"]
    if conflict:
        return ERRONEOUS, f"{name}: {conflict[0].detail}"
    if against:
        return VARIED, f"{name}: {against[0].detail}"
    return SUPPORTED, f"{name} states it alike"


def _from_copies(
    member: ClaimRecord,
    others: list[ClaimRecord],
    findings: list[Finding],
    wires: dict[str, int],
    compared: dict[int, list[Point]],
    sheet: FactSheet | None = None,
) -> tuple[str | None, str]:
    """A verdict and its basis from the independent copies alone; a figure other outlets of
    the story state too (in other sentences) is not this copy's slip."""
    varied_basis = ""
    for finding in findings:
        if finding.kind in FACT_KINDS:
            here = _independent(finding.outlets_here, wires)
            there = _independent(finding.outlets_others, wires)
            elsewhere = sheet.also_stated(member, finding.here) if sheet else set()
            if here == 1 and there >= 2 and elsewhere:
                varied_basis = varied_basis or (
                    f"{finding.detail}; {_outlets(len(elsewhere))} of the story "
                    f"{'says' if len(elsewhere) == 1 else 'say'} {finding.here} too"
                )
                continue
            if here == 1 and there >= 2 and " / " not in finding.others:
                return ERRONEOUS, (
                    f"{finding.kind} conflicts: {finding.here} here, {finding.others} in "
                    f"{there} independent copies"
                )
            if here >= 2 and there == 1:
                continue  # this version is what the independent copies agree on
        varied_basis = varied_basis or f"{finding.detail}"
    if varied_basis:
        return VARIED, varied_basis
    sources = _independent([m.outlet or f"source {m.source}" for m in [member, *others]], wires)
    if sources < 2:
        return None, "no suggestion: the versions are copies of one wire story"
    agreed = _agreed_points(member, others, compared)
    if sources == 2 and not agreed:
        return None, "no suggestion: only two versions, they differ in wording only"
    on = f" on {' and '.join(agreed[:3])}" if agreed else ""
    return SUPPORTED, f"{sources} independent copies agree{on}"


def _outlets(count: int) -> str:
    return f"{count} other outlet{'s' if count != 1 else ''}"


def _agreed_points(
    member: ClaimRecord, others: list[ClaimRecord], compared: dict[int, list[Point]]
) -> list[str]:
    """What the versions state alike (figures, dates, titles, the quote), or the whole
    sentence when they say it in the very same words."""
    agreed: dict[str, None] = {}
    for other in others:
        for point in compared[other.id]:
            if point.same:
                agreed[_said(point)] = None
        if normalise(other.text) == normalise(member.text):
            agreed["the very same words"] = None
    return list(agreed)


def _said(point) -> str:
    if point.kind == "quote":
        return "the quoted words"
    if point.kind == "title":
        return f"the title “{point.here}”"
    if point.kind == "speaker":
        return f"the speaker ({point.here})"
    return point.here


def compare_cluster(
    members: Sequence[ClaimRecord],
    reference: int | None = None,
    sheet: FactSheet | None = None,
) -> list[ClaimComparison]:
    """For each member (in order): its word diff against the reference version, its findings,
    a suggested verdict with its basis, and the reasons (basis first, then each finding).
    ``reference`` is the version a checker marked, if any; with the story's fact ``sheet``,
    titles are compared across the whole story, not only within the cluster."""
    members = list(members)
    if not members:
        return []
    quote_cluster = _is_quote_cluster(members)
    reference_id = reference_of(members, reference)
    anchor = next(m for m in members if m.id == reference_id)
    if anchor.is_primary:
        anchor_name = "the primary source"
    elif reference is not None and anchor.id == reference:
        anchor_name = "the reference version a checker marked"
    else:
        anchor_name = ""
    reference_version = _version(anchor, quote_cluster)
    wires = _wire_groups(members)
    sources = {member.source for member in members}
    comparisons = []
    for member in members:
        diff = _diff(reference_version, _version(member, quote_cluster))
        others = [other for other in members if other.source != member.source]
        # Each pair of versions is compared once: the findings, the anchor's verdict and the
        # points the copies agree on all read these.
        compared = {other.id: points(member, other) for other in others}
        findings = findings_for(member, others, compared) if others else []
        if sheet is not None:
            # The sheet knows every title the story gives each person, the cluster only its own.
            own_terms = {f.here for f in findings if f.kind == "term"}
            findings = [f for f in findings if f.kind != "title"] + [
                f for f in sheet.findings(member) if f.kind != "term" or f.here not in own_terms
            ]
            findings.sort(key=lambda finding: -finding.weight)
        if len(sources) < 2:
            verdict, basis = None, "no suggestion: only one outlet makes this claim"
        elif anchor_name and member.id == anchor.id:
            verdict, basis = SUPPORTED, f"this is {anchor_name}"
        elif anchor_name:
            verdict, basis = _against_anchor(member, anchor, anchor_name, compared)
        else:
            verdict, basis = _from_copies(member, others, findings, wires, compared, sheet)
        comparisons.append(
            ClaimComparison(
                claim_id=member.id,
                diff=diff,
                findings=tuple(findings),
                suggested_verdict=verdict,
                basis=basis,
                reasons=(basis, *(f.detail for f in findings if f.detail != basis)),
                is_reference=member.id == reference_id,
                quoted=quote_cluster and bool(member.quoted_text),
            )
        )
    return comparisons


def overall_verdict(comparisons: Sequence[ClaimComparison]) -> str | None:
    """One suggestion for the whole cluster: any "erroneous" member makes it "erroneous",
    else any "varied" makes it "varied", else "supported"; None when none suggests."""
    verdicts = {c.suggested_verdict for c in comparisons} - {None}
    for verdict in (ERRONEOUS, VARIED, SUPPORTED):
        if verdict in verdicts:
            return verdict
    return None
