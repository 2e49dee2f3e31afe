"""Turn an uploaded or on-disk file into article text, refusing what is not an article.

Kept free of the ORM so ingestion can read every file before it opens a transaction.
"""

import codecs
import hashlib
import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

SUPPORTED_SUFFIXES = {".txt", ".md", ".html", ".htm", ".docx", ".pdf"}
# A first line longer than this is a lede paragraph, not a headline.
MAX_HEADLINE_CHARS = 200


NUL = "\x00"


class UnreadableArticle(ValueError):
    """The file cannot become an article; the message is shown to the user as is."""


@dataclass(frozen=True)
class ArticleText:
    headline: str
    body: str
    origin: str
    # Known when the article came from a web page's metadata.
    outlet: str = ""
    byline: str = ""
    published_on: date | None = None
    url: str = ""

    def __post_init__(self) -> None:
        # Every way in builds one of these, so this is where text becomes storable:
        # PostgreSQL text cannot hold NUL, and a NUL is never part of what an article
        # says (converters and bad pastes leave it behind), so it is dropped.
        for name in ("headline", "body", "outlet", "byline", "origin", "url"):
            value = getattr(self, name)
            if NUL in value:
                object.__setattr__(self, name, without_nul(value).strip())
        if not self.body.strip():
            raise UnreadableArticle(f"{self.origin}: has no article text.")
        limit = max_article_chars()
        if len(self.body) > limit:
            raise UnreadableArticle(
                f"{self.origin}: is {len(self.body):,} characters long; the limit for an "
                f"article is {limit:,} characters."
            )

    @property
    def content_hash(self) -> str:
        return content_hash(self.body)


def without_nul(text: str) -> str:
    """``text`` without NUL characters, which no database text column accepts."""
    return text.replace(NUL, "")


def content_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def max_file_bytes() -> int:
    return _limit("MAX_UPLOAD_BYTES")


def max_article_chars() -> int:
    """The longest article body FactDesk keeps, however it comes in."""
    return _limit("MAX_ARTICLE_CHARS")


def _limit(name: str) -> int:
    # Imported here, not above: the document reader's child process imports this module,
    # and importing factdesk loads the Celery app (about 0.25 s per document read).
    from factdesk.limits import current

    return current(name)


def _check_size(name: str, size: int) -> None:
    limit = max_file_bytes()
    if size > limit:
        raise UnreadableArticle(
            f"{name}: is {size / 1_048_576:.1f} MB; the limit is {limit / 1_048_576:g} MB."
        )


def read_article_file(path: Path) -> ArticleText:
    """Read an article file (.txt .md .html .docx .pdf), or raise UnreadableArticle."""
    try:
        _check_size(path.name, path.stat().st_size)
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableArticle(f"{path.name}: cannot be read ({exc.strerror}).") from exc
    return read_article_bytes(path.name, data)


def read_article_bytes(name: str, data: bytes, *, seconds: float | None = None) -> ArticleText:
    """Turn an uploaded file's bytes into headline and body, by the file's type.

    Word and PDF files are read in a child process with memory and time limits
    (`articles.document_reader`); ``seconds`` shortens its time limit.
    """
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnreadableArticle(
            f"{name}: unsupported file type '{suffix or 'none'}'; "
            "use .txt, .md, .html, .docx or .pdf."
        )
    _check_size(name, len(data))
    if not data.strip():
        raise UnreadableArticle(f"{name}: the file is empty.")
    if suffix in {".docx", ".pdf"}:
        from articles.document_reader import read_document

        text = read_document(name, data, seconds=seconds)
    else:
        text = decode_article_bytes(data, name, is_html=suffix in {".html", ".htm"})
        if suffix in {".html", ".htm"}:
            text = html_to_text(text)
    return split_headline(text, origin=name)


def decode_article_bytes(data: bytes, name: str, *, is_html: bool = False) -> str:
    """Decode by byte-order mark, else as UTF-8 (or an HTML page's declared charset), else
    by detection; refuse binary data."""
    if not data.strip():
        raise UnreadableArticle(f"{name}: the file is empty.")
    # UTF-16 and UTF-32 text is full of NUL bytes, so its mark is read before the sniff.
    encodings = _bom_encodings(data)
    if not encodings and b"\x00" in data[:8192]:
        raise UnreadableArticle(f"{name}: looks like a binary file, not text.")
    encodings.append("utf-8-sig")
    if is_html:
        declared = re.search(rb"""<meta[^>]+charset=["']?([\w-]+)""", data[:4096], re.I)
        if declared:
            encodings.append(declared.group(1).decode("ascii"))
    detected = _detect_encoding(data) if b"\x00" not in data[:8192] else None
    if detected:
        encodings.append(detected)
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _control_char_ratio(text) > 0.05:
            raise UnreadableArticle(f"{name}: looks like a binary file, not text.")
        return text
    raise UnreadableArticle(
        f"{name}: is not text in any encoding FactDesk recognises; save it as UTF-8."
    )


# charset-normalizer's mess ratio of a Windows-1252 reading still taken as plausible.
TOLERABLE_MESS = 0.5
# Longest first: the UTF-32 little-endian mark begins with the UTF-16 one.
_BYTE_ORDER_MARKS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def _bom_encodings(data: bytes) -> list[str]:
    # "utf-16" and "utf-32" read the mark, pick the byte order from it and drop it.
    return [encoding for mark, encoding in _BYTE_ORDER_MARKS if data.startswith(mark)]


def _detect_encoding(data: bytes) -> str | None:
    """charset-normalizer's guess, overruled by Windows-1252 whenever that reads as well.

    A short Western text fits many single-byte code pages equally well, and the detector's
    tie-break can land on one that turns "Café" into "Cafť" (mac_latin2) or "Cafﻠ" (cp1006).
    Newsroom text that is not UTF-8 is almost always Windows-1252 (of which Latin-1's
    printable characters are a subset), so it wins unless it reads worse: Cyrillic, Greek,
    Polish or CJK bytes read as Windows-1252 become runs of odd accented letters, which
    charset-normalizer's mess measure scores high, and then its own guess stands.
    """
    from charset_normalizer import from_bytes
    from charset_normalizer.md import mess_ratio

    sample = data[:65536]
    best = from_bytes(sample).best()
    if best is None:
        return None
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return best.encoding
    western_mess = mess_ratio(sample.decode("cp1252"), maximum_threshold=1.0)
    if western_mess <= best.chaos + 0.01:
        return "cp1252"
    # A guess in which the detector recognised no language at all, against a Windows-1252
    # reading that is only a little messy (a short text dense in punctuation, "¿Qué?"),
    # is a tie-break too. Text in another script read as Windows-1252 scores above 1.
    if best.coherence == 0 and western_mess < TOLERABLE_MESS:
        return "cp1252"
    return best.encoding


def _control_char_ratio(text: str) -> float:
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / max(len(sample), 1)


def split_headline(text: str, origin: str) -> ArticleText:
    """The first non-empty line is the headline; the rest is the body.

    A first line that is really a lede paragraph stays in the body, and its first
    sentence becomes the headline, so no checkable text is lost.
    """
    # NULs go before the headline is chosen, so a stray one is never taken for it.
    text = without_nul(text).replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise UnreadableArticle(f"{origin}: the file is empty.")
    headline = lines[first].strip().lstrip("#").strip()
    if len(headline) > MAX_HEADLINE_CHARS:
        body = "\n".join(lines[first:])
        headline = _first_sentence(headline)
    else:
        body = "\n".join(lines[first + 1 :])
    body = body.strip()
    if not body:
        raise UnreadableArticle(f"{origin}: has a headline but no article text.")
    return ArticleText(headline=headline, body=body, origin=origin)


def _first_sentence(paragraph: str) -> str:
    match = re.match(r"(.+?[.!?])(\s|$)", paragraph)
    sentence = match.group(1) if match else paragraph
    if len(sentence) <= MAX_HEADLINE_CHARS:
        return sentence
    return sentence[: MAX_HEADLINE_CHARS - 1].rsplit(" ", 1)[0] + "…"


_BLOCK_TAGS = {
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section",
    "article", "header", "footer", "blockquote", "title", "figcaption", "pre",
}  # fmt: skip
_SKIPPED_TAGS = {"script", "style", "noscript", "template", "svg", "head"}


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self._skip_depth = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in _SKIPPED_TAGS:
            self._skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in _SKIPPED_TAGS:
            self._skip_depth = max(self._skip_depth - 1, 0)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skip_depth:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Plain text of an HTML page: block elements become lines, scripts are dropped."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    lines = (" ".join(line.split()) for line in "".join(collector.parts).split("\n"))
    text = "\n".join(line for line in lines if line)
    if not text and collector.title.strip():
        return collector.title.strip()
    return text
