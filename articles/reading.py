"""Turn an uploaded or on-disk file into article text, refusing what is not an article.

Kept free of the ORM so ingestion can read every file before it opens a transaction.
"""

import hashlib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

SUPPORTED_SUFFIXES = {".txt", ".md", ".html", ".htm"}
# A first line longer than this is a lede paragraph, not a headline.
MAX_HEADLINE_CHARS = 200
MAX_FILE_BYTES = 5 * 1024 * 1024


class UnreadableArticle(ValueError):
    """The file cannot become an article; the message is shown to the user as is."""


@dataclass(frozen=True)
class ArticleText:
    headline: str
    body: str
    origin: str

    @property
    def content_hash(self) -> str:
        return content_hash(self.body)


def content_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def read_article_file(path: Path) -> ArticleText:
    """Read a .txt, .md or .html file into headline and body, or raise UnreadableArticle."""
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnreadableArticle(
            f"{name}: unsupported file type '{suffix or 'none'}'; use .txt, .md or .html."
        )
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UnreadableArticle(f"{name}: cannot be read ({exc.strerror}).") from exc
    if size > MAX_FILE_BYTES:
        raise UnreadableArticle(
            f"{name}: is {size / 1_048_576:.1f} MB; the limit is {MAX_FILE_BYTES // 1_048_576} MB."
        )
    text = decode_article_bytes(path.read_bytes(), name, is_html=suffix in {".html", ".htm"})
    if suffix in {".html", ".htm"}:
        text = html_to_text(text)
    return split_headline(text, origin=name)


def decode_article_bytes(data: bytes, name: str, *, is_html: bool = False) -> str:
    """Decode as UTF-8 (or an HTML page's declared charset); refuse binary data."""
    if not data.strip():
        raise UnreadableArticle(f"{name}: the file is empty.")
    if b"\x00" in data[:8192]:
        raise UnreadableArticle(f"{name}: looks like a binary file, not text.")
    encodings = ["utf-8-sig"]
    if is_html:
        declared = re.search(rb"""<meta[^>]+charset=["']?([\w-]+)""", data[:4096], re.I)
        if declared:
            encodings.append(declared.group(1).decode("ascii"))
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _control_char_ratio(text) > 0.05:
            raise UnreadableArticle(f"{name}: looks like a binary file, not text.")
        return text
    raise UnreadableArticle(f"{name}: is not valid UTF-8 text; save it as UTF-8 and try again.")


def _control_char_ratio(text: str) -> float:
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / max(len(sample), 1)


def split_headline(text: str, origin: str) -> ArticleText:
    """The first non-empty line is the headline; the rest is the body.

    A first line that is really a lede paragraph stays in the body, and its first
    sentence becomes the headline, so no checkable text is lost.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
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
