"""Read an RSS or Atom feed that `articles.web_client.fetch_url` has already fetched.

feedparser gets the bytes as a stream, never a URL or a file name, so it cannot fetch or
open anything itself; it also refuses external XML entities.
"""

import io
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from articles.web_client import FetchedPage, FetchRefused


@dataclass(frozen=True)
class FeedEntry:
    url: str  # absolute http(s) address of the item's page
    title: str
    key: str  # the entry's id/guid, else its link: what marks an item as already added


def read_feed(page: FetchedPage) -> list[FeedEntry]:
    """The feed's items in feed order, each once; FetchRefused if the page is not a feed."""
    import feedparser

    headers = {"content-location": page.url}
    if page.content_type:
        content_type = page.content_type
        if page.charset:
            content_type += f"; charset={page.charset}"
        headers["content-type"] = content_type
    parsed = feedparser.parse(io.BytesIO(page.content), response_headers=headers)
    if not parsed.get("version"):
        raise FetchRefused("is not an RSS or Atom feed")
    entries: list[FeedEntry] = []
    keys: set[str] = set()
    for item in parsed.entries:
        url = _entry_url(item, page.url)
        if not url:
            continue  # nothing FactDesk could fetch
        key = (item.get("id") or "").strip() or url
        if key in keys:
            continue
        keys.add(key)
        title = " ".join((item.get("title") or "").split())
        entries.append(FeedEntry(url=url, title=title, key=key))
    return entries


def _entry_url(item, base: str) -> str:
    candidates = [item.get("link") or ""]
    candidates += [
        link.get("href") or ""
        for link in item.get("links", [])
        if link.get("rel", "alternate") == "alternate"
    ]
    for candidate in candidates:
        url = urljoin(base, candidate.strip()) if candidate.strip() else ""
        if url and urlsplit(url).scheme in {"http", "https"}:
            return url
    return ""
