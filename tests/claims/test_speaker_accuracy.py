"""Every labelled quote of every labelled story gets its true speaker.

The labels (``tests/corpora/speakers.json``) were made by reading the articles; the
scoring rule is in ``tests/corpora/speaker_accuracy.py``, shared with bench/quality.py.
Articles are split into headline and body as ingestion does and only the body is extracted.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path

import pytest

from articles.reading import read_article_file
from claims.extraction import extract_candidates

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT / "tests" / "corpora"
MIN_SPEAKER_ACCURACY = 0.95


@cache
def accuracy_module():
    path = CORPORA / "speaker_accuracy.py"
    spec = importlib.util.spec_from_file_location("speaker_accuracy", path)
    module = importlib.util.module_from_spec(spec)
    # Dataclasses look their module up by name while the module is being executed.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def story_folder(story: str) -> Path:
    return ROOT / "articles" / "sample_corpus" if story == "sample" else CORPORA / story


def claims_by_file(story: str) -> dict[str, list[tuple[str, str]]]:
    found = {}
    for path in sorted(story_folder(story).glob("[0-9][0-9][0-9]_*.txt")):
        article = read_article_file(path)
        claims = extract_candidates(article.body, article.headline)
        found[path.name[:3]] = [(claim.text, claim.speaker) for claim in claims]
    return found


@pytest.mark.parametrize("story", sorted(accuracy_module().load_labels()))
def test_each_story_gives_its_quotes_their_true_speakers(story: str) -> None:
    module = accuracy_module()
    score = module.score_story(claims_by_file(story), module.load_labels()[story])
    assert score.accuracy >= MIN_SPEAKER_ACCURACY, score.misses


def test_a_surname_or_an_acronym_names_the_same_speaker() -> None:
    same = accuracy_module().same_speaker
    assert same("Bailey", "Andrew Bailey")
    assert same("MPC", "Monetary Policy Committee")
    assert same("BOE", "Bank of England")
    assert same("the Japan Times", "The Japan Times")
    assert same("Dhingra and Taylor", "Swati Dhingra and Alan Taylor")
    assert not same("Reuters", "Ana Cruz")
    assert not same("", "officials")
