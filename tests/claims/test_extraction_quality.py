"""Extraction quality on the sample corpus, scored against hand-made gold labels.

The gold file (``tests/claims/gold/sample_labels.json``, format in
docs/extraction.md) was labelled by reading the articles, not from extractor
output. Articles are split into headline and body exactly as ingestion does
(``articles.reading.read_article_file``), and only the body is extracted.

Matching: a gold claim is *found* when one extracted claim's span contains its
snippet. An extracted claim is *correct* when it contains at least one gold
claim's snippet; anything else (a gold non-claim, a heading, boilerplate or an
unlabelled span) counts against precision.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest

from articles.reading import read_article_file
from claims.extraction import CandidateClaim, extract_candidates

REPO_ROOT = Path(__file__).resolve().parents[2]
GOLD_PATH = Path(__file__).with_name("gold") / "sample_labels.json"

# Thresholds (see docs/extraction.md, "Quality"). Recall and precision are over
# claims; kind and speaker accuracy over the gold claims that were found.
MIN_RECALL = 0.95
MIN_PRECISION = 0.9
MIN_KIND_ACCURACY = 0.9
MIN_QUOTE_SPEAKER_ACCURACY = 1.0


def corpus_dir() -> Path:
    local = REPO_ROOT / "articles" / "sample_corpus"
    return local if local.is_dir() else Path("/work/shared/sample_corpus")


@cache
def gold() -> dict:
    return json.loads(GOLD_PATH.read_text(encoding="utf-8"))["articles"]


@cache
def body_and_claims(prefix: str) -> tuple[str, tuple[CandidateClaim, ...]]:
    article = read_article_file(corpus_dir() / gold()[prefix]["file"])
    return article.body, tuple(extract_candidates(article.body, article.headline))


def locate(body: str, snippet: str) -> tuple[int, int]:
    assert body.count(snippet) == 1, f"gold snippet not unique in body: {snippet!r}"
    start = body.index(snippet)
    return start, start + len(snippet)


@dataclass
class Score:
    """Counts over the whole corpus; the failure lists name what went wrong."""

    gold_claims: int = 0
    found: int = 0
    extracted: int = 0
    correct: int = 0
    kind_right: int = 0
    quotes_found: int = 0
    speaker_right: int = 0
    figures_gold: int = 0
    figures_right: int = 0
    measures_gold: int = 0
    measures_right: int = 0
    missed: list[str] = field(default_factory=list)
    missed_required: list[str] = field(default_factory=list)
    wrong_kind: list[str] = field(default_factory=list)
    wrong_speaker: list[str] = field(default_factory=list)
    wrong_quoted_text: list[str] = field(default_factory=list)
    figure_errors: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    boilerplate_claims: list[str] = field(default_factory=list)
    by_kind: dict[str, dict[str, int]] = field(default_factory=dict)

    def ratio(self, part: int, whole: int) -> float:
        return part / whole if whole else 1.0


def _containing(claims: tuple[CandidateClaim, ...], start: int, end: int) -> CandidateClaim | None:
    return next((c for c in claims if c.start <= start and end <= c.end), None)


def _score_article(prefix: str, labels: dict, score: Score) -> None:
    body, claims = body_and_claims(prefix)
    counts = score.by_kind.setdefault(prefix, {})
    for claim in claims:
        counts[claim.kind] = counts.get(claim.kind, 0) + 1
    gold_spans = [(*locate(body, s["snippet"]), s) for s in labels["sentences"] if s["claim"]]
    correct_claims: set[int] = set()
    gold_figures = set()
    for start, end, label in gold_spans:
        tag = f"{prefix}: {label['snippet']!r}"
        score.gold_claims += 1
        required = label["kind"] in {"quote", "event"} or "figures" in label
        claim = _containing(claims, start, end)
        if claim is None:
            score.missed.append(tag)
            if required:
                score.missed_required.append(f"{tag} ({label['kind']})")
            continue
        score.found += 1
        correct_claims.add(claim.start)
        if claim.kind == label["kind"]:
            score.kind_right += 1
        else:
            score.wrong_kind.append(f"{tag}: {claim.kind} != {label['kind']}")
        if label["kind"] == "quote":
            score.quotes_found += 1
            if claim.speaker == label["speaker"]:
                score.speaker_right += 1
            else:
                score.wrong_speaker.append(f"{tag}: {claim.speaker!r} != {label['speaker']!r}")
            if not claim.quoted_text or claim.quoted_text not in claim.text:
                score.wrong_quoted_text.append(f"{tag}: {claim.quoted_text!r}")
        for expected in label.get("figures", []):
            score.figures_gold += 1
            gold_figures.add((claim.start, expected["text"]))
            got = [f for f in claim.figures if f.text == expected["text"]]
            if got and (got[0].value, got[0].unit) == (expected["value"], expected["unit"]):
                score.figures_right += 1
            else:
                score.figure_errors.append(f"{tag}: {expected} not in {claim.figures}")
            if expected["measure"]:
                score.measures_gold += 1
                if got and got[0].measure == expected["measure"]:
                    score.measures_right += 1
                else:
                    score.figure_errors.append(f"{tag}: measure of {expected['text']} wrong")
    for claim in claims:
        # Every figure the extractor reports must be a gold figure: "Sora 2" is not one.
        for figure in claim.figures:
            assert body[figure.start : figure.end] == figure.text
            if (claim.start, figure.text) not in gold_figures:
                score.figure_errors.append(f"{prefix}: unexpected figure {figure.text!r}")

    score.extracted += len(claims)
    score.correct += len(correct_claims)
    for claim in claims:
        if claim.start not in correct_claims:
            score.false_positives.append(f"{prefix}: {claim.kind} {claim.text[:70]!r}")
    for snippet in labels["boilerplate"]:
        start, end = locate(body, snippet)
        for claim in claims:
            if claim.start < end and start < claim.end:
                score.boilerplate_claims.append(f"{prefix}: {claim.text[:70]!r}")


@cache
def corpus_score() -> Score:
    score = Score()
    for prefix, labels in sorted(gold().items()):
        _score_article(prefix, labels, score)
    return score


def _report(score: Score) -> str:
    lines = [
        "",
        "extraction quality on the sample corpus (gold: tests/claims/gold/sample_labels.json)",
        f"  recall           {score.ratio(score.found, score.gold_claims):.3f}"
        f"  ({score.found}/{score.gold_claims} gold claims found; min {MIN_RECALL})",
        f"  precision        {score.ratio(score.correct, score.extracted):.3f}"
        f"  ({score.correct}/{score.extracted} extracted claims are gold claims;"
        f" min {MIN_PRECISION})",
        f"  kind accuracy    {score.ratio(score.kind_right, score.found):.3f}"
        f"  ({score.kind_right}/{score.found}; min {MIN_KIND_ACCURACY})",
        f"  quote speakers   {score.ratio(score.speaker_right, score.quotes_found):.3f}"
        f"  ({score.speaker_right}/{score.quotes_found}; min {MIN_QUOTE_SPEAKER_ACCURACY})",
        f"  figures          {score.figures_right}/{score.figures_gold} parsed right,"
        f" measures {score.measures_right}/{score.measures_gold}",
    ]
    lines.extend(
        f"  {prefix} claims by kind: "
        + ", ".join(f"{kind} {count}" for kind, count in sorted(counts.items()))
        + f" (total {sum(counts.values())})"
        for prefix, counts in sorted(score.by_kind.items())
    )
    for title, items in (
        ("missed", score.missed),
        ("wrong kind", score.wrong_kind),
        ("wrong speaker", score.wrong_speaker),
        ("not gold claims", score.false_positives),
        ("figure errors", score.figure_errors),
        ("quoted_text errors", score.wrong_quoted_text),
        ("boilerplate claims", score.boilerplate_claims),
    ):
        lines.extend(f"  {title}: {item}" for item in items)
    return "\n".join(lines)


def test_gold_labels_are_well_formed() -> None:
    kinds = {"quote", "statistic", "attribution", "event", "other"}
    for prefix, labels in gold().items():
        body, _ = body_and_claims(prefix)
        for snippet in labels["boilerplate"] + labels["headings"]:
            locate(body, snippet)
        for label in labels["sentences"]:
            locate(body, label["snippet"])
            if label["claim"]:
                assert label["kind"] in kinds
                assert label["kind"] != "quote" or label["speaker"]


def test_extraction_quality_meets_the_thresholds(capsys: pytest.CaptureFixture[str]) -> None:
    score = corpus_score()
    with capsys.disabled():
        print(_report(score))
    assert score.ratio(score.found, score.gold_claims) >= MIN_RECALL
    assert score.ratio(score.correct, score.extracted) >= MIN_PRECISION
    assert score.ratio(score.kind_right, score.found) >= MIN_KIND_ACCURACY
    assert score.ratio(score.speaker_right, score.quotes_found) >= MIN_QUOTE_SPEAKER_ACCURACY


def test_every_gold_figure_quote_and_event_is_found() -> None:
    score = corpus_score()
    assert score.missed_required == []
    assert score.wrong_speaker == []
    assert score.wrong_quoted_text == []


def test_every_gold_figure_is_parsed_with_value_unit_and_measure() -> None:
    score = corpus_score()
    assert score.figure_errors == []
    assert score.figures_right == score.figures_gold


def test_no_claim_touches_boilerplate_or_a_heading() -> None:
    assert corpus_score().boilerplate_claims == []
    for prefix, labels in gold().items():
        body, claims = body_and_claims(prefix)
        for heading in labels["headings"]:
            start, end = locate(body, heading)
            assert not [c for c in claims if c.start < end and start < c.end], heading
