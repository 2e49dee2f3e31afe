"""Word-level diffs between two versions of a claim, for <ins>/<del> rendering."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from .normalise import word_key

__all__ = ["WordDiff", "best_window", "display_words", "word_diff"]


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
    punctuation (so "ways." equals "ways")."""
    ref_words = display_words(reference)
    other_words = display_words(other)
    matcher = SequenceMatcher(
        None, [word_key(w) for w in ref_words], [word_key(w) for w in other_words], autojunk=False
    )
    ops: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.extend(("equal", word) for word in other_words[j1:j2])
            continue
        ops.extend(("delete", word) for word in ref_words[i1:i2])
        ops.extend(("insert", word) for word in other_words[j1:j2])
    return WordDiff(tuple(ops))


def best_window(reference: str, fragment: str) -> str:
    """The run of ``reference`` words that ``fragment`` lines up with best.

    A fragment ("better, faster, and in new ways") is compared with the part of
    the full quote it repeats, not with the whole quote, so it is not shown as
    missing the words it never meant to cover.
    """
    ref_words = display_words(reference)
    frag_keys = [word_key(w) for w in display_words(fragment)]
    size = len(frag_keys)
    if not size or size >= len(ref_words):
        return reference
    ref_keys = [word_key(w) for w in ref_words]
    best, best_score = (0, len(ref_words)), -1.0
    for length in {max(1, size - 2), size, size + 2}:
        for start in range(0, max(1, len(ref_keys) - length + 1)):
            window = ref_keys[start : start + length]
            score = SequenceMatcher(None, window, frag_keys, autojunk=False).ratio()
            if score > best_score:
                best, best_score = (start, start + length), score
    return " ".join(ref_words[best[0] : best[1]])
