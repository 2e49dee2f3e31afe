"""Extraction recall and page furniture on every labelled story, with the scorer's own rule.

For the sample story and each story in ``tests/corpora/``, every copy is read as
ingestion reads it (``read_article_file``: first line the headline, the rest the
body) and extracted in process. A gold occurrence is found when some claim of its
copy contains its phrase, both normalised by ``score_story.norm`` and the claim
no longer than the scorer's ``--max-claim-chars`` default; a gold negative (page
furniture) must never be found that way. The stories are data to measure with:
nothing in the extractor may name their words (docs/extraction.md).
"""

from __future__ import annotations

import importlib.util
import json
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from articles.reading import read_article_file
from claims.extraction import CandidateClaim, extract_candidates

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPORA = REPO_ROOT / "tests" / "corpora"
SAMPLE = REPO_ROOT / "articles" / "sample_corpus"
MIN_RECALL = 0.95
# score_story.py's --max-claim-chars default: a longer claim is a paragraph, not a claim.
MAX_CLAIM_CHARS = 400


@cache
def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_story", CORPORA / "score_story.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def labelled_stories() -> dict[str, tuple[Path, Path]]:
    """Story name -> (folder of copies, gold file), as bench/quality.py finds them."""
    found = {"sample": (SAMPLE, CORPORA / "sample_gold.json")}
    for gold in sorted(CORPORA.glob("*_gold.json")):
        folder = gold.with_name(gold.name.removesuffix("_gold.json"))
        if folder.is_dir():
            found[folder.name] = (folder, gold)
    return found


@cache
def claims_by_copy(story: str) -> dict[str, tuple[CandidateClaim, ...]]:
    folder, _ = labelled_stories()[story]
    claims = {}
    for path in sorted(folder.glob("[0-9][0-9][0-9]_*.txt")):
        article = read_article_file(path)
        claims[path.name[:3]] = tuple(extract_candidates(article.body, article.headline))
    return claims


def found(story: str, copy: str, phrase: str) -> bool:
    norm = scorer().norm
    wanted = norm(phrase)
    return any(
        wanted in norm(claim.text) and len(norm(claim.text)) <= MAX_CLAIM_CHARS
        for claim in claims_by_copy(story)[copy]
    )


def gold(story: str) -> dict:
    return json.loads(labelled_stories()[story][1].read_text(encoding="utf-8"))


@pytest.mark.parametrize("story", sorted(labelled_stories()))
def test_every_labelled_story_has_its_claims_extracted(story: str) -> None:
    occurrences = [(group["id"], occ) for group in gold(story)["groups"] for occ in group["occ"]]
    missed = [
        f"{group}@{occ['file']}: {occ['phrase']!r}"
        for group, occ in occurrences
        if not found(story, occ["file"], occ["phrase"])
    ]
    recall = 1 - len(missed) / len(occurrences)
    assert recall >= MIN_RECALL, f"recall {recall:.2f}; missed:\n" + "\n".join(missed)


@pytest.mark.parametrize("story", sorted(labelled_stories()))
def test_no_page_furniture_of_a_labelled_story_becomes_a_claim(story: str) -> None:
    extracted = [
        f"{negative['file']}: {negative['phrase']!r}"
        for negative in gold(story)["negatives"]
        if found(story, negative["file"], negative["phrase"])
    ]
    assert extracted == []
