"""Extraction and matching against the labelled stories: each story's scores, one line each.

For every story with gold labels (the sample story, and each `../shared/corpora/<story>/`,
else the repository's copy in `tests/corpora/`), ingests its copies into a fresh SQLite
database, extracts and matches them (in process, as `make run` does without Redis),
exports the story as JSON and scores the export with `../shared/eval/score_story.py`.
Prints the scorer's summary per story and the story's speaker accuracy (the share of its
quotes in `tests/corpora/speakers.json` whose claim names the right speaker, scored by
`tests/corpora/speaker_accuracy.py`); with --verbose also what it missed. The stories
are data to measure with, never something the code may name (docs/extraction.md).

Run:  .venv/bin/python bench/quality.py [--verbose] [story ...]
"""

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
# The newsroom's labelled stories, else the repository's copy of them (tests/corpora/).
CORPORA = SHARED / "corpora" if (SHARED / "corpora").is_dir() else ROOT / "tests" / "corpora"
SCORER = SHARED / "eval" / "score_story.py"
if not SCORER.exists():
    SCORER = ROOT / "tests" / "corpora" / "score_story.py"
SAMPLE = ROOT / "articles" / "sample_corpus"
SPEAKER_ACCURACY = ROOT / "tests" / "corpora" / "speaker_accuracy.py"


def speaker_scoring():
    """The scoring module shared with tests/claims/test_speaker_accuracy.py."""
    spec = importlib.util.spec_from_file_location("speaker_accuracy", SPEAKER_ACCURACY)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def speaker_column(name: str, export: dict) -> tuple[str, list[str]]:
    """ " speakers 0.97 (30/31)" for the exported story, and its misses."""
    scoring = speaker_scoring()
    labels = scoring.load_labels().get(name)
    if labels is None:
        return " speakers -", []
    keys = {a["id"]: Path(a["origin"]).name[:3] for a in export["articles"]}
    claims: dict[str, list[tuple[str, str]]] = {}
    for claim in export["claims"]:
        claims.setdefault(keys[claim["article"]], []).append(
            (claim["text"], claim["speaker"] or "")
        )
    result = scoring.score_story(claims, labels)
    misses = [
        f"wrong speaker: {key} {phrase!r}: {got!r} != {want!r}"
        for key, phrase, want, got in result.misses
    ]
    return f" speakers {result.accuracy:.2f} ({result.right}/{result.total})", misses


def stories() -> dict[str, tuple[Path, Path]]:
    """Story name -> (folder of copies, gold file)."""
    found = {}
    sample_gold = CORPORA / "sample_gold.json"
    if sample_gold.exists():
        found["sample"] = (SAMPLE, sample_gold)
    for gold in sorted(CORPORA.glob("*_gold.json")):
        folder = gold.with_name(gold.name.removesuffix("_gold.json"))
        if folder.is_dir():
            found[folder.name] = (folder, gold)
    return found


def score(name: str, folder: Path, gold: Path, *, verbose: bool) -> str:
    with tempfile.TemporaryDirectory(prefix=f"gold-{name}-") as tmp:
        env = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL"}} | {
            "DATABASE_URL": f"sqlite:///{tmp}/db.sqlite3",
            "DJANGO_LOG_LEVEL": "WARNING",
        }
        manage = [sys.executable, str(ROOT / "manage.py")]
        files = sorted(str(p) for p in folder.glob("[0-9][0-9][0-9]_*.txt"))
        export = f"{tmp}/export.json"
        for step in (
            ["migrate", "-v0"],
            ["ingest", *files, "--story", name, "--wait"],
            ["export_story", name, "--format", "json", "-o", export],
        ):
            subprocess.run(manage + step, env=env, check=True, capture_output=True, cwd=ROOT)
        scored = subprocess.run(
            [sys.executable, str(SCORER), export, str(gold), str(folder)],
            capture_output=True,
            text=True,
        )
        speakers, misses = speaker_column(name, json.loads(Path(export).read_text()))
    lines = scored.stdout.strip().splitlines()
    lines[-1:] = [line + speakers for line in lines[-1:]]
    # The deviations line also says how many erroneous copies the suggestions pinned.
    deviations = [line for line in lines if line.startswith("deviations:")]
    return "\n".join([*lines, *misses] if verbose else [*lines[-1:], *deviations])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="stories to score (default: all)")
    parser.add_argument("--verbose", action="store_true", help="also print what was missed")
    args = parser.parse_args()
    known = stories()
    for name in args.names or known:
        if name not in known:
            parser.error(f"no labelled story '{name}'; known: {', '.join(known)}")
        folder, gold = known[name]
        print(f"{name:>16}: {score(name, folder, gold, verbose=args.verbose)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
