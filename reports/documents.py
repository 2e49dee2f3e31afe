"""A story's verdict report as printable HTML, and as PDF through WeasyPrint.

The HTML is self-contained (its stylesheet, static/css/report.css, is inlined) and has no
script, so it prints from a browser as well as through `render_pdf`. See docs/export.md.
"""

import mimetypes
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from articles.models import Article, Story
from claims.evidence_links import EvidenceLink, describe_evidence
from claims.models import Claim, ClaimCluster, ReviewState, VerdictLabel
from claims.selectors import Segment, article_segments

REPORT_CSS = "css/report.css"
VERDICT_ORDER = [*VerdictLabel.values, "unchecked"]


def report_claims(story: Story) -> QuerySet[Claim]:
    """Every claim of the story, loaded as `render_story_report` needs it (one query)."""
    return (
        Claim.objects.filter(article__story=story)
        .select_related("article", "latest_verdict__checked_by", "signed_off_by")
        .order_by("article__created_at", "article_id", "start")
    )


@dataclass
class ClaimEntry:
    """One claim as the report shows it: numbered, with its verdict's parts ready to print."""

    number: int
    claim: Claim
    verdict: str  # a VerdictLabel value or "unchecked"
    evidence: list[EvidenceLink]
    diff: list[list[str]] | None


@dataclass
class ClaimGroup:
    """The versions of one fact: a cluster's claims, or a claim that has no cluster."""

    label: str
    entries: list[ClaimEntry] = field(default_factory=list)

    @property
    def outlet_count(self) -> int:
        return len({entry.claim.article.outlet or entry.claim.article_id for entry in self.entries})


@dataclass
class ArticleSection:
    article: Article
    segments: list[tuple[Segment, ClaimEntry | None]]
    claim_count: int


def render_story_report(
    story: Story, claims: Iterable[Claim], *, title: str = "", generated_by: str = ""
) -> str:
    """The printable HTML report of `story` for these claims (all of them, or a selection).

    Each claim must come with `select_related("article", "latest_verdict__checked_by",
    "signed_off_by")`, as `report_claims(story)` gives them. The report then costs two
    queries of its own whatever the number of claims: the story's articles, and the labels
    of the clusters the claims belong to (none when no claim has a cluster).
    """
    claims = list(claims)
    articles = list(story.articles.order_by("created_at", "id"))
    groups, entries = _groups(claims)
    counts = Counter(entry.verdict for entry in entries.values())
    context = {
        "story": story,
        "title": title or story.title,
        "generated_at": timezone.localtime(),
        "generated_by": generated_by,
        "articles": articles,
        # Articles, not revisions: each revision has its section, a corrected article
        # counts once.
        "article_count": sum(not a.is_superseded for a in articles),
        "outlets": list(dict.fromkeys(a.outlet for a in articles if a.outlet)),
        "counts": [(label, counts[label]) for label in VERDICT_ORDER],
        "claim_total": len(claims),
        "signed_off": sum(c.review_state == ReviewState.SIGNED_OFF for c in claims),
        "groups": groups,
        "sections": [_section(article, claims, entries) for article in articles],
        "css": mark_safe(_stylesheet()),  # our own file, never user input
    }
    return render_to_string("reports/story_report.html", context)


def _groups(claims: list[Claim]) -> tuple[list[ClaimGroup], dict[int, ClaimEntry]]:
    """Claims grouped by cluster, biggest first; each numbered in the order it is printed."""
    cluster_ids = {c.cluster_id for c in claims if c.cluster_id}
    labels = (
        dict(ClaimCluster.objects.filter(pk__in=cluster_ids).values_list("pk", "label"))
        if cluster_ids
        else {}
    )
    by_key: dict[Any, list[Claim]] = {}
    for claim in claims:
        by_key.setdefault(claim.cluster_id or f"claim-{claim.pk}", []).append(claim)
    ordered = sorted(by_key.items(), key=lambda item: -len(item[1]))  # stable: input order
    groups: list[ClaimGroup] = []
    entries: dict[int, ClaimEntry] = {}
    for key, members in ordered:
        members.sort(key=lambda c: (c.article.outlet.casefold(), c.article_id, c.start))
        group = ClaimGroup(label=labels.get(key) or members[0].text)
        for claim in members:
            entry = _entry(len(entries) + 1, claim)
            entries[claim.pk] = entry
            group.entries.append(entry)
        groups.append(group)
    return groups, entries


def _entry(number: int, claim: Claim) -> ClaimEntry:
    verdict = claim.latest_verdict if claim.latest_verdict_id else None
    evidence = [describe_evidence(str(link)) for link in (verdict.evidence if verdict else [])]
    diff = (claim.comparison or {}).get("diff") or None
    return ClaimEntry(
        number=number,
        claim=claim,
        verdict=verdict.label if verdict else "unchecked",
        evidence=evidence,
        diff=diff,
    )


def _section(article: Article, claims: list[Claim], entries: dict[int, ClaimEntry]):
    own = [c for c in claims if c.article_id == article.pk]
    segments = [
        (segment, entries[segment.claim.pk] if segment.claim else None)
        for segment in article_segments(article, own)
    ]
    return ArticleSection(article=article, segments=segments, claim_count=len(own))


def _stylesheet() -> str:
    path = finders.find(REPORT_CSS) or Path(settings.BASE_DIR) / "static" / REPORT_CSS
    return Path(path).read_text(encoding="utf-8")


# --- PDF -------------------------------------------------------------------------------


def render_pdf(html: str, base_url: str | Path) -> bytes:
    """The report HTML as an A4 PDF.

    `base_url` is the repository root (a path or a file:// URL). WeasyPrint may read
    files below it, for a relative `<img>` or stylesheet; every other URL (http, https,
    data, files elsewhere) is refused, so rendering never touches the network.
    """
    from weasyprint import HTML  # imported here: loading Pango costs time at startup
    from weasyprint.urls import path2url

    text = str(base_url)
    if text.startswith("file:"):
        text = url2pathname(unquote(urlsplit(text).path))
    root = Path(text).resolve()
    return HTML(string=html, base_url=path2url(root), url_fetcher=local_fetcher(root)).write_pdf()


def local_fetcher(root: Path):
    """A WeasyPrint URL fetcher that serves only file:// URLs of files under `root`."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    root = Path(root).resolve()

    class LocalFileFetcher(URLFetcher):
        def __init__(self):
            super().__init__(allowed_protocols={"file"}, allow_redirects=False)

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme.lower() != "file" or parts.netloc not in {"", "localhost"}:
                raise ValueError(f"Refused to fetch {url}: the report reads local files only.")
            path = Path(url2pathname(unquote(parts.path))).resolve()
            if not path.is_relative_to(root) or not path.is_file():
                raise ValueError(f"Refused to fetch {url}: not a file under {root}.")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                path.as_uri(), path.read_bytes(), headers={"Content-Type": content_type}
            )

    return LocalFileFetcher()
