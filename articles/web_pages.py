"""Reduce a fetched web page to the article it carries: headline, body and metadata.

trafilatura does the reading, on the bytes `articles.web_client` already fetched: it never
touches the network here.
"""

import datetime
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from articles.web_client import FetchedPage, FetchRefused

# Fewer words than this in the extracted text is a login form, a cookie wall, an index page.
MIN_ARTICLE_WORDS = 40


@dataclass(frozen=True)
class WebArticle:
    url: str
    headline: str
    body: str  # paragraphs on separate lines
    outlet: str
    byline: str
    published_on: datetime.date | None


def extract_article(page: FetchedPage) -> WebArticle:
    """The article in a fetched page: headline, body and metadata, or FetchRefused."""
    text = decode_page(page)
    host = (urlsplit(page.url).hostname or "").removeprefix("www.")
    if page.content_type == "text/plain":
        return _plain_text_article(page, text, host)

    import trafilatura

    # The page's text is passed in, so trafilatura parses and never downloads; `url` only
    # lets it resolve relative links and read the host name.
    document = trafilatura.bare_extraction(
        text,
        url=page.url,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        include_formatting=False,
        include_tables=True,
    )
    headline = _one_line(getattr(document, "title", None))
    body = _clean_body(getattr(document, "text", None) or "", headline)
    _check_article(headline, body)
    return WebArticle(
        url=page.url,
        headline=headline,
        body=body,
        outlet=_one_line(getattr(document, "sitename", None)) or host,
        byline=_one_line(getattr(document, "author", None)),
        published_on=_date(getattr(document, "date", None)),
    )


def decode_page(page: FetchedPage) -> str:
    """The page as text: the HTTP charset, then the page's own, then detection."""
    data = page.content
    if not data.strip():
        raise FetchRefused("is an empty page")
    candidates = []
    if data.startswith(b"\xef\xbb\xbf"):  # a byte-order mark outranks any label
        candidates.append("utf-8")
    if page.charset:
        candidates.append(page.charset)
    declared = _declared_charset(data)
    if declared:
        candidates.append(declared)
    candidates.append("utf-8")
    for encoding in candidates:
        try:
            return _strip_bom(data.decode(_encoding_name(encoding)))
        except (UnicodeDecodeError, LookupError):
            continue
    from articles.reading import UnreadableArticle, decode_article_bytes

    try:
        return _strip_bom(decode_article_bytes(data, "the page", is_html=False))
    except UnreadableArticle as exc:
        raise FetchRefused("is not text in any encoding FactDesk recognises") from exc


def _declared_charset(data: bytes) -> str | None:
    head = data[:4096]
    match = re.search(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", head, re.I)
    if not match:
        match = re.search(rb"""<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", head, re.I)
    return match.group(1).decode("ascii") if match else None


def _encoding_name(encoding: str) -> str:
    # Browsers read pages labelled Latin-1 or ASCII as Windows-1252 (the WHATWG
    # Encoding Standard); so does FactDesk, or curly quotes become control characters.
    if encoding.strip().lower() in {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii"}:
        return "cp1252"
    return encoding.strip()


def _strip_bom(text: str) -> str:
    return text.removeprefix("\ufeff")


def _plain_text_article(page: FetchedPage, text: str, host: str) -> WebArticle:
    from articles.reading import UnreadableArticle, split_headline

    try:
        article = split_headline(text, origin=page.url)
    except UnreadableArticle as exc:
        raise FetchRefused("does not look like an article (it has no text)") from exc
    body = "\n".join(line.strip() for line in article.body.splitlines() if line.strip())
    _check_article(article.headline, body)
    return WebArticle(
        url=page.url,
        headline=article.headline,
        body=body,
        outlet=host,
        byline="",
        published_on=None,
    )


def _clean_body(text: str, headline: str) -> str:
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    # The page's <h1> is the headline, already kept apart (as reading.split_headline does).
    if lines and headline and lines[0] == headline:
        lines = lines[1:]
    return "\n".join(lines)


def _check_article(headline: str, body: str) -> None:
    words = len(body.split())
    if words < MIN_ARTICLE_WORDS:
        found = f"only {words} word{'s' if words != 1 else ''} of" if words else "no"
        raise FetchRefused(f"does not look like an article ({found} article text)")
    if not headline:
        raise FetchRefused("does not look like an article (it has no headline)")


def _one_line(value) -> str:
    return " ".join(str(value).split()) if value else ""


def _date(value) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
