"""Random and adversarial article text for the fuzz tests, and a guard against hangs.

Text is what real input can hold: any Unicode scalar value, NUL and other control
characters included, but never a lone surrogate (UTF-8 cannot encode one, so no
upload, paste or web page can deliver it).
"""

from __future__ import annotations

import random
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import strategies as st

CORPUS = Path(__file__).resolve().parents[2] / "articles" / "sample_corpus"

# A generous bound for one call on one input: far above the slowest honest case
# (about 3 s for 300,000 characters on a loaded 2-core machine), far below "hung".
HANG_SECONDS = 20.0

CONTROL_CHARS = [chr(code) for code in range(0x20)] + ["\x7f", "\x85"]
# Every character str.splitlines() breaks on, not only "\n".
LINE_BREAKS = ["\n", "\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85"]
LINE_BREAKS += ["\u2028", "\u2029"]
BIDI_MARKS = [
    "\u200e",
    "\u200f",
    *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2066, 0x206A)),
]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
QUOTE_MARKS = ['"', "\u201c", "\u201d", "'", "\u2018", "\u2019", "\u201e", "\u00ab", "\u00bb"]
QUOTE_MARKS += ["\u2039", "\u203a", "\u300c", "\u300d", "\u2033", "\uff02"]
SPACES = [" ", "\t", "\u00a0", "\u2009", "\u202f", "\u3000", "\u2003"]
MIXED_SCRIPTS = [
    # Cyrillic
    "\u0412\u044b\u0440\u0443\u0447\u043a\u0430 Netflix \u0432\u044b\u0440\u043e\u0441"
    "\u043b\u0430 \u043d\u0430 17%, \u0437\u0430\u044f\u0432\u0438\u043b \u0421\u0430"
    "\u0440\u0430\u043d\u0434\u043e\u0441.",
    # Arabic, Arabic-Indic digits
    "\u0642\u0627\u0644 \u0627\u0644\u0631\u0626\u064a\u0633 \u0627\u0644\u062a\u0646"
    "\u0641\u064a\u0630\u064a \u0625\u0646 \u0627\u0644\u0625\u064a\u0631\u0627\u062f"
    "\u0627\u062a \u0627\u0631\u062a\u0641\u0639\u062a \u0661\u0667\u066a.",
    # Hebrew
    "\u05de\u05e0\u05db\u05f4\u05dc Netflix \u05d0\u05de\u05e8 \u05e9\u05d4\u05d4\u05db"
    "\u05e0\u05e1\u05d5\u05ea \u05e2\u05dc\u05d5 \u05d1-17%.",
    # Chinese, fullwidth comma
    "\u7f51\u98de\u7b2c\u4e09\u5b63\u5ea6\u6536\u5165\u589e\u957f17%\uff0c\u8fbe\u5230115"
    "\u4ebf\u7f8e\u5143\u3002",
    # Devanagari, Devanagari digits
    "\u0928\u0947\u091f\u092b\u094d\u0932\u093f\u0915\u094d\u0938 \u0928\u0947 \u0915"
    "\u0939\u093e \u0915\u093f \u0930\u093e\u091c\u0938\u094d\u0935 \u0967\u096d% \u092c"
    "\u0922\u093c\u093e\u0964",
    # Greek, guillemets
    "\u039f \u0394\u03b9\u03b5\u03c5\u03b8\u03c5\u03bd\u03c4\u03ae\u03c2 \u03b5\u03af"
    "\u03c0\u03b5 \u00ab\u03bd\u03b1\u03b9\u00bb.",
    # emoji: ZWJ family, flag, skin tone
    "\U0001f469\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466 \U0001f1fa\U0001f1f8 "
    "\U0001f44d\U0001f3fd",
    # combining marks stacked on letters
    "Z\u0351\u036b\u0343\u036a\u0302\u036b\u033d\u034f\u0334\u0319\u0324\u031e\u0349"
    "\u035a\u032fa\u0310\u0344\u0357\u0300\u0301l\u0308\u0308g\u0301o\u0308\u0301",
    # mathematical bold digits and letters
    "\U0001d7d9\U0001d7dc% \U0001d5e5\U0001d5f2\U0001d603\U0001d5f2\U0001d5fb\U0001d602\U0001d5f2",
]
# Letters that Unicode case folding equates with ASCII ones (long s, dotless i, Kelvin).
CASE_FOLD_TRAPS = [
    "\u017fix percent",
    "f\u0131ve percent",
    "the \u017fecond quarter",
    "u\u017f$5",
    "5 dollar\u017f",
    "\u212a",
    "\u0130stanbul",
]
NEWSROOM = [
    "Netflix CEO Ted Sarandos said",
    "\u201cWe are all in on AI,\u201d he said.",
    '"It takes a great artist," Sarandos told investors.',
    "Revenue rose 17% to $11.5 billion in the third quarter.",
    "according to Reuters",
    "NEW YORK (Reuters) \u2014 ",
    "SAN FRANCISCO, Oct. 21 (AP) - ",
    "Mr. ",
    "U.S. ",
    "Oct. 21, 2025",
    "10 a.m. ET",
    " \u2014 ",
    " - ",
    "; ",
    ". ",
    ", ",
    "the company said",
    "the streaming giant",
    "she said",
    "Leave a reply",
    "Read more:",
    "\u2022 ",
    "Image credit: Getty",
    "Subscribe to our newsletter",
    "Techcrunch event",
    "Co-CEO",
    "chief executive",
    "100+ day strike",
    "3 million subscribers",
    "US$3m",
    "\u20ac40",
    "ten percent",
    "the 1990s",
    "H1",
    "Q3",
    "Sora 2",
    "etc.",
]
NUMBERS_AND_SIGNS = [
    "0",
    "9",
    "1,000",
    "3.14",
    "$",
    "%",
    "\u20ac",
    "\u00a3",
    "\u00a5",
    "+",
    ".",
    ",",
]


def _runs(blocks: list[str], most: int) -> st.SearchStrategy[str]:
    """One block repeated up to ``most`` times: a run of quote marks, nines, dollar signs."""
    return st.tuples(st.sampled_from(blocks), st.integers(1, most)).map(lambda run: run[0] * run[1])


ADVERSARIAL_BLOCKS = [
    *CONTROL_CHARS,
    *LINE_BREAKS,
    *BIDI_MARKS,
    *ZERO_WIDTH,
    *QUOTE_MARKS,
    *SPACES,
    *MIXED_SCRIPTS,
    *CASE_FOLD_TRAPS,
    *NEWSROOM,
    *NUMBERS_AND_SIGNS,
]


def _corpus_sentences() -> list[str]:
    sentences = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences.extend(part.strip() + "." for part in text.split(". ") if part.strip())
    return sentences


CORPUS_SENTENCES = _corpus_sentences()

fragments = st.one_of(
    st.text(max_size=30),
    st.sampled_from(ADVERSARIAL_BLOCKS),
    st.sampled_from(CORPUS_SENTENCES),
    _runs(CONTROL_CHARS + QUOTE_MARKS + NUMBERS_AND_SIGNS + BIDI_MARKS + ZERO_WIDTH, 300),
    _runs(NEWSROOM + CASE_FOLD_TRAPS, 20),
)


def article_texts(max_fragments: int = 40) -> st.SearchStrategy[str]:
    """Text mixing random Unicode, adversarial blocks and real news sentences."""
    return st.lists(fragments, max_size=max_fragments).map("".join)


def headlines() -> st.SearchStrategy[str]:
    return st.one_of(st.just(""), st.text(max_size=60), article_texts(max_fragments=4))


# Named adversarial inputs every run tries (small enough for @example).
NAMED_INPUTS = {
    "empty": "",
    "whitespace only": " \t\n\r\u00a0\u2028\u3000\n",
    "nul bytes": "\x00" * 50 + "Netflix said revenue rose 17%.\x00\x00",
    "every control character": "".join(CONTROL_CHARS) * 3,
    "10,000 straight quotes": '"' * 10_000,
    "10,000 curly quotes, unbalanced": "\u201c" * 6_000 + "\u201d" * 3_000 + '"' * 1_000,
    "quote marks around every word": " ".join(
        f"\u201c{w}\u201d" for w in ("We are all in " * 200).split()
    ),
    "right-to-left override": "\u202eNetflix said revenue rose 17% to $11.5 billion.\u202c "
    + "\u200f\u0642\u0627\u0644 Sarandos\u200e \u201cWe are all in,\u201d he said.",
    "mixed scripts": " ".join(MIXED_SCRIPTS),
    "case-fold traps": " ".join(CASE_FOLD_TRAPS) + " rose in the \u017fecond quarter.",
    "400-digit number": "Losses reached $" + "9" * 400 + " billion, Netflix said.",
    "digit and sign runs": "9" * 3_000 + " " + "$" * 2_000 + "%" * 2_000 + " 1" * 1_000,
    "capitalised run before said": "Aaa " * 300 + "said the deal closed on Monday.",
    "zero-width joiners between letters": "\u200d".join("Netflix CEO Ted Sarandos said 17%."),
    "only line separators": "\u2028\u2029\x85\x0b\x0c" * 200,
}


@contextmanager
def no_hang(seconds: float = HANG_SECONDS) -> Iterator[None]:
    """Fail the test if the block runs longer than ``seconds``: a hang detector, not a timer.

    SIGALRM interrupts the pure-Python loops and regexes a runaway input would spin in.
    """

    def hung(signum, frame):
        raise AssertionError(f"no result after {seconds:g} s: treated as a hang")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _repeat_to(text: str, size: int) -> str:
    return (text * (size // len(text) + 1))[:size]


def _sample_article() -> str:
    return (CORPUS / "000_bdfcd558ef581e6b.txt").read_text(encoding="utf-8")


def _random_unicode(size: int) -> str:
    draw = random.Random(size)  # fixed: the same huge text every run
    pool = [*ADVERSARIAL_BLOCKS, *CORPUS_SENTENCES]
    parts, length = [], 0
    while length < size:
        part = draw.choice(pool) if draw.random() < 0.5 else chr(draw.randrange(0x20, 0xD800))
        parts.append(part)
        length += len(part)
    return "".join(parts)[:size]


HUGE = 300_000
# Huge inputs, built on demand (each is about 300,000 characters).
HUGE_INPUTS = {
    "the sample article repeated": lambda: _repeat_to(_sample_article() + "\n", HUGE),
    "one line of quoted sentences": lambda: _repeat_to(
        "\u201cWe are all in on AI,\u201d Netflix CEO Ted Sarandos said. ", HUGE
    ),
    "one line of unattributed quotations": lambda: _repeat_to(
        "\u201cWe are all in on this today and tomorrow.\u201d ", HUGE
    ),
    "no punctuation at all": lambda: _repeat_to("netflix revenue grew again ", HUGE),
    "100,000 quote marks": lambda: _repeat_to('"\u201c\u201d\u201c"', 100_000),
    "digit, currency and percent runs": lambda: _repeat_to("$9,999 12% \u20ac1 2023 ", HUGE),
    "many people speaking": lambda: " ".join(
        f"Ann{chr(97 + i % 26)}{chr(97 + i // 26 % 26)} Lee{chr(97 + i // 676 % 26)} said it grew."
        for i in range(HUGE // 28)
    ),
    "capitalised words before a lower-case verb": lambda: _repeat_to("Aaa ", HUGE) + "x said.",
    "random unicode with adversarial blocks": lambda: _random_unicode(HUGE),
}
