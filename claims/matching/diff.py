"""Word-level diffs between two versions of a claim, for <ins>/<del> rendering."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from .normalise import word_key

__all__ = [
    "MAX_DIFFED_WORDS",
    "MAX_WINDOWED_WORDS",
    "WordDiff",
    "best_window",
    "display_words",
    "word_diff",
]

# best_window runs a difflib comparison per window, so its cost grows with the cube of
# the length: a reference longer than this (no real quotation is) is used whole.
MAX_WINDOWED_WORDS = 200
# difflib's time grows with the square of the word count, and faster on repetitive text:
# longer versions are diffed coarsely, as a shared start and end around a changed middle.
MAX_DIFFED_WORDS = 2_000


@dataclass(frozen=True)
class WordDiff:
    """``("equal" | "insert" | "delete", word)`` steps turning the reference into the other version.

    Equal and inserted words are the other version's own spelling; deleted words
    are the reference's.
    """

    ops: tuple[tuple[str, str], ...]

    @property
    def changed(self) -> bool:
        """True when any word was inserted or deleted."""
        return any(op != "equal" for op, _ in self.ops)

    def inserted(self) -> list[str]:
        """Words only the other version has."""
        return [word for op, word in self.ops if op == "insert"]

    def deleted(self) -> list[str]:
        """Words only the reference has."""
        return [word for op, word in self.ops if op == "delete"]

    def changed_phrases(self) -> list[tuple[str, str]]:
        """Runs of change as ``(reference words, other words)``, e.g. ``("make", "create")``."""
        phrases: list[tuple[str, str]] = []
        deleted: list[str] = []
        inserted: list[str] = []
        for op, word in (*self.ops, ("equal", "")):
            if op == "delete":
                deleted.append(word)
            elif op == "insert":
                inserted.append(word)
            elif deleted or inserted:
                phrases.append((" ".join(deleted), " ".join(inserted)))
                deleted, inserted = [], []
        return phrases


def display_words(text: str) -> list[str]:
    """Whitespace-separated words that carry letters or digits (stray dashes and bars dropped)."""
    return [word for word in text.split() if word_key(word)]


def word_diff(reference: str, other: str) -> WordDiff:
    """Diff ``other`` against ``reference`` word by word, ignoring case, quote style and edge
    punctuation (so "ways." equals "ways"). Versions over :data:`MAX_DIFFED_WORDS` words
    get a coarse diff: the words they start and end with alike, and the rest replaced."""
    ref_words = display_words(reference)
    other_words = display_words(other)
    ref_keys = [word_key(w) for w in ref_words]
    other_keys = [word_key(w) for w in other_words]
    if max(len(ref_keys), len(other_keys)) > MAX_DIFFED_WORDS:
        opcodes = _ends_opcodes(ref_keys, other_keys)
    else:
        opcodes = SequenceMatcher(None, ref_keys, other_keys, autojunk=False).get_opcodes()
    ops: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            ops.extend(("equal", word) for word in other_words[j1:j2])
            continue
        ops.extend(("delete", word) for word in ref_words[i1:i2])
        ops.extend(("insert", word) for word in other_words[j1:j2])
    return WordDiff(tuple(ops))


def _ends_opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib-style opcodes that keep only the shared start and end, and replace the rest."""
    shortest = min(len(a), len(b))
    head = 0
    while head < shortest and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < shortest - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    opcodes = [("equal", 0, head, 0, head)]
    opcodes.append(("replace", head, len(a) - tail, head, len(b) - tail))
    opcodes.append(("equal", len(a) - tail, len(a), len(b) - tail, len(b)))
    return opcodes


def best_window(reference: str, fragment: str) -> str:
    """The run of ``reference`` words that ``fragment`` lines up with best.

    A fragment ("better, faster, and in new ways") is compared with the part of
    the full quote it repeats, not with the whole quote, so it is not shown as
    missing the words it never meant to cover. A reference longer than
    :data:`MAX_WINDOWED_WORDS` words is returned whole.
    """
    ref_words = display_words(reference)
    frag_keys = [word_key(w) for w in display_words(fragment)]
    size = len(frag_keys)
    if not size or size >= len(ref_words) or len(ref_words) > MAX_WINDOWED_WORDS:
        return reference
    ref_keys = [word_key(w) for w in ref_words]
    best, best_score = (0, len(ref_words)), -1.0
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(frag_keys)  # difflib caches what it learns about the second sequence
    for length in {max(1, size - 2), size, size + 2}:
        for start in range(0, max(1, len(ref_keys) - length + 1)):
            matcher.set_seq1(ref_keys[start : start + length])
            # ratio() never exceeds quick_ratio(): skip windows that cannot do better.
            if matcher.quick_ratio() <= best_score:
                continue
            score = matcher.ratio()
            if score > best_score:
                best, best_score = (start, start + length), score
    return " ".join(ref_words[best[0] : best[1]])
