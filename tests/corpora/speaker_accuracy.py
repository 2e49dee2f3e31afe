"""Speaker accuracy: the share of labelled quotes whose claim names the right speaker.

``speakers.json`` (next to this file) labels every direct quote and attributed statement of
the sample story and of each labelled story with its true speaker. For each label, the claim
scored is the shortest one whose text contains the label's phrase; a quote with no such
claim counts as wrong. Speakers compare case- and space-folded, without a leading "the"
or an honorific, and a claim naming only part of the speaker's name (the surname, "Bailey"
for "Andrew Bailey"), or its acronym ("MPC" for "Monetary Policy Committee"), counts as
right; "A and B" matches when each part does. Used by tests/claims/test_speaker_accuracy.py
and bench/quality.py.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

LABELS = Path(__file__).with_name("speakers.json")
_HONORIFICS = re.compile(r"^(?:mr|mrs|ms|miss|dr|prof)\.?\s+")


@dataclass
class SpeakerScore:
    right: int = 0
    total: int = 0
    # (file key, phrase, expected speaker, extracted speaker or None when no claim holds it)
    misses: list[tuple[str, str, str, str | None]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 1.0


def load_labels() -> dict[str, dict[str, list[dict[str, str]]]]:
    return {k: v for k, v in json.loads(LABELS.read_text()).items() if not k.startswith("_")}


def _fold(name: str) -> str:
    name = " ".join(name.replace("\u2019", "'").casefold().split())
    name = re.sub(r"^the\s+", "", name)
    name = re.sub(r"'s\b", "", name)
    return _HONORIFICS.sub("", name)


def _initials(name: str, capitalised_only: bool) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w]
    if capitalised_only:
        words = [w for w in words if w[:1].isupper()]
    return "".join(w[0] for w in words).casefold()


def same_speaker(extracted: str, expected: str) -> bool:
    got, want = _fold(extracted), _fold(expected)
    if not got:
        return False
    if got == want:
        return True
    got_parts, want_parts = got.split(" and "), want.split(" and ")
    if len(want_parts) > 1:
        return len(got_parts) == len(want_parts) and all(
            same_speaker(g, w) for g, w in zip(got_parts, want_parts, strict=True)
        )
    # A part of the name: "Bailey" for "Andrew Bailey".
    if " " not in got and got in want.split():
        return True
    # An acronym: "MPC", "BoE", "UNEP".
    bare = extracted.strip()
    return " " not in bare and any(
        bare.casefold() == _initials(expected, caps) for caps in (True, False)
    )


def score_story(
    claims_by_file: Mapping[str, Iterable[tuple[str, str]]],
    labels: Mapping[str, list[dict[str, str]]],
) -> SpeakerScore:
    """``claims_by_file``: file key ("701") -> that copy's claims as (text, speaker)."""
    score = SpeakerScore()
    for key, quotes in labels.items():
        claims = list(claims_by_file.get(key, ()))
        for label in quotes:
            holding = [c for c in claims if label["phrase"] in c[0]]
            score.total += 1
            if not holding:
                score.misses.append((key, label["phrase"], label["speaker"], None))
                continue
            speaker = min(holding, key=lambda c: len(c[0]))[1] or ""
            if same_speaker(speaker, label["speaker"]):
                score.right += 1
            else:
                score.misses.append((key, label["phrase"], label["speaker"], speaker))
    return score
