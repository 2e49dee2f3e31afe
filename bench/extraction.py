"""Throughput of claim extraction against its floor (sentence splitting alone).

Run from the repository root, no Django needed:

    .venv/bin/python bench/extraction.py [--articles 1000] [--words 800] [--seed 7]

It builds a deterministic corpus: each article is a seeded shuffle of the
sample corpus's body paragraphs (furniture included, as scraped pages have
it), repeated until it reaches ``--words`` words. Then, in this one process:

* floor: split every article into paragraphs and sentences with the same
  segmenter the extractor uses (pysbd plus our offset and abbreviation fixes);
* full: ``extract_candidates(body, headline)``.

Both run over the same texts after one warm-up article (which builds pysbd's
rule tables). Nothing is cached by text, so repeated paragraphs do not
flatter the numbers.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from articles.reading import read_article_file  # noqa: E402
from claims.extraction import EXTRACTOR_VERSION, extract_candidates  # noqa: E402
from claims.extraction.segmentation import paragraphs, sentences  # noqa: E402

MAX_RATIO = 5.0
MAX_SECONDS_PER_100 = 10.0


def build_corpus(count: int, words: int, seed: int) -> list[tuple[str, str]]:
    """``count`` (headline, body) pairs of at least ``words`` words each, reproducibly."""
    pool: list[str] = []
    headlines: list[str] = []
    for path in sorted((REPO_ROOT / "articles" / "sample_corpus").glob("*.txt")):
        article = read_article_file(path)
        headlines.append(article.headline)
        pool.extend(line.strip() for line in article.body.splitlines() if line.strip())
    rng = random.Random(seed)
    corpus = []
    for _ in range(count):
        chosen: list[str] = []
        total = 0
        while total < words:
            batch = pool[:]
            rng.shuffle(batch)
            for paragraph in batch:
                chosen.append(paragraph)
                total += len(paragraph.split())
                if total >= words:
                    break
        corpus.append((rng.choice(headlines), "\n\n".join(chosen)))
    return corpus


def split_only(headline: str, body: str) -> int:
    """The floor: paragraphs and sentences, nothing else."""
    return sum(len(sentences(body, paragraph)) for paragraph in paragraphs(body))


def extract(headline: str, body: str) -> int:
    return len(extract_candidates(body, headline))


def timed(func: Callable[[str, str], int], corpus: list[tuple[str, str]]) -> tuple[float, int]:
    started = time.perf_counter()
    produced = sum(func(headline, body) for headline, body in corpus)
    return time.perf_counter() - started, produced


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--words", type=int, default=800)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    corpus = build_corpus(args.articles, args.words, args.seed)
    total_words = sum(len(body.split()) for _, body in corpus)
    print(
        f"extractor {EXTRACTOR_VERSION}: {len(corpus)} articles, {total_words} words "
        f"({total_words / len(corpus):.0f} per article), seed {args.seed}, one process"
    )
    extract(*corpus[0])  # warm-up: pysbd builds its rules on first use

    floor_seconds, sentence_count = timed(split_only, corpus)
    full_seconds, claim_count = timed(extract, corpus)
    for label, seconds, produced in (
        ("floor (split into sentences)", floor_seconds, f"{sentence_count} sentences"),
        ("full extract_candidates", full_seconds, f"{claim_count} claims"),
    ):
        print(
            f"  {label:29} {seconds:7.2f} s  {len(corpus) / seconds:7.1f} articles/s"
            f"  {total_words / seconds:9.0f} words/s  ({produced})"
        )
    ratio = full_seconds / floor_seconds

    hundred = corpus[:100]
    hundred_words = sum(len(body.split()) for _, body in hundred)
    hundred_seconds, _ = timed(extract, hundred)
    print(f"  ratio full / floor            {ratio:7.2f}x")
    print(f"  100 articles ({hundred_words} words)   {hundred_seconds:7.2f} s")

    ratio_ok = ratio <= MAX_RATIO
    hundred_ok = hundred_seconds < MAX_SECONDS_PER_100
    print(f"target ratio <= {MAX_RATIO:.0f}x: {'met' if ratio_ok else 'NOT met'}")
    print(
        f"target 100 articles of {args.words} words < {MAX_SECONDS_PER_100:.0f} s: "
        f"{'met' if hundred_ok else 'NOT met'}"
    )
    return 0 if ratio_ok and hundred_ok else 1


if __name__ == "__main__":
    sys.exit(main())
