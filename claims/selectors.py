"""Reads for the claim screens, each in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from articles.models import Article, Story
from claims.extraction import boilerplate_spans
from claims.models import Claim, ClaimCluster, ClaimComment, ClaimEvent, Verdict

# Screens that list claims show their article's outlet and headline, never its text: the
# body is by far the widest column, and a page of claims would read it once per row.
ARTICLE_BODY = "article__body"


def claims_in_article(article: Article) -> QuerySet[Claim]:
    return article.claims.select_related("latest_verdict__checked_by").order_by("start")


def claims_for_story(story: Story, kind: str = "") -> QuerySet[Claim]:
    """A story's claims across all its articles, most check-worthy first (the queue's
    keyset order, so `keyset_page` pages it)."""
    claims = (
        Claim.objects.filter(article__story=story)
        .select_related("article", "latest_verdict")
        .defer(ARTICLE_BODY)
    )
    if kind:
        claims = claims.filter(kind=kind)
    return claims.order_by("-checkworthiness", "id")


def claim_for_panel(claim_id: int, *, with_story: bool = False) -> Claim:
    """A claim with what its panel shows; the story only for the full page's breadcrumbs.

    Every panel pays for each join here: with the story and the verdict's checker too
    (neither shown in the panel), PostgreSQL spent ~1 ms more planning it.
    """
    article = "article__story" if with_story else "article"
    related = [article, "latest_verdict", "assignee", "signed_off_by"]
    # Most claims opened have no comment yet: the panel then skips reading them. (Nor
    # verdicts: a claim has some exactly when it points at its latest, as they are
    # never deleted.) The article's body is not left out: for one row that costs more
    # than reading it.
    has_comments = Exists(ClaimComment.objects.filter(claim=OuterRef("pk")))
    return (
        Claim.objects.select_related(*related).annotate(has_comments=has_comments).get(pk=claim_id)
    )


def claim_comments(claim: Claim) -> list[ClaimComment]:
    """Comments oldest first (none read when `claim_for_panel` found there are none)."""
    if getattr(claim, "has_comments", True) is False:
        return []
    return list(claim.comments.select_related("author"))


def claim_events(claim: Claim) -> QuerySet[ClaimEvent]:
    return claim.events.select_related("actor").order_by("-created_at", "-id")


def claims_for_queue() -> QuerySet[Claim]:
    """Every claim with what a queue row shows; filters and the page narrow it."""
    return Claim.objects.select_related("article__story", "latest_verdict", "assignee").defer(
        ARTICLE_BODY
    )


def cluster_versions(claim: Claim) -> list[Claim]:
    """Every outlet's version of this claim (the claim itself included), by outlet."""
    if not claim.cluster_id:
        return [claim]
    return list(
        Claim.objects.filter(cluster_id=claim.cluster_id)
        .select_related("article", "latest_verdict")
        .defer(ARTICLE_BODY)
        .order_by("article__outlet", "article_id", "start")
    )


def merge_targets(claim: Claim, limit: int = 40) -> QuerySet[ClaimCluster]:
    """Clusters of the same story a checker may move this claim into, biggest first."""
    return (
        ClaimCluster.objects.filter(story_id=claim.article.story_id)
        .exclude(pk=claim.cluster_id)
        .order_by("-outlet_count", "id")[:limit]
    )


def clusters_to_compare(story: Story) -> QuerySet[ClaimCluster]:
    """Clusters that more than one outlet reports, each with its versions prefetched."""
    versions = (
        Claim.objects.select_related("article", "latest_verdict")
        .defer(ARTICLE_BODY)
        .order_by("article__outlet", "article_id", "start")
    )
    return (
        story.clusters.filter(outlet_count__gte=2)
        .prefetch_related(Prefetch("claims", queryset=versions))
        .order_by("-outlet_count", "id")
    )


def verdict_history(claim: Claim) -> QuerySet[Verdict]:
    return claim.verdicts.select_related("checked_by").order_by("-created_at", "-id")


# The panel lists this many verdicts; a claim argued over for weeks lists the rest on
# request, so the panel's cost does not grow with its history.
VERDICTS_IN_PANEL = 5


def recent_verdicts(claim: Claim, limit: int = VERDICTS_IN_PANEL) -> tuple[list[Verdict], bool]:
    """The newest verdicts, and whether there are older ones (in one query, or none for a
    claim that has no verdict yet)."""
    if claim.latest_verdict_id is None:
        return [], False
    verdicts = list(verdict_history(claim)[: limit + 1])
    return verdicts[:limit], len(verdicts) > limit


@dataclass(frozen=True)
class Segment:
    """A run of article text: plain, a claim to highlight, or page furniture to grey out."""

    text: str
    claim: Claim | None = None
    boilerplate: str = ""


def article_segments(article: Article, claims: list[Claim]) -> list[Segment]:
    """Cut the body into runs so the template can highlight claims without any logic.

    Claims are non-overlapping by construction; an overlapping one is simply not
    highlighted (it still appears in the claim list).
    """
    body = article.body
    marks: list[tuple[int, int, Claim | None, str]] = [
        (c.start, c.end, c, "") for c in sorted(claims, key=lambda c: c.start)
    ]
    marks += [(b.start, b.end, None, b.reason) for b in boilerplate_spans(body, article.headline)]
    marks.sort(key=lambda m: (m[0], m[1]))
    segments: list[Segment] = []
    cursor = 0
    for start, end, claim, reason in marks:
        if start < cursor or end > len(body):
            continue
        if start > cursor:
            segments.append(Segment(body[cursor:start]))
        segments.append(Segment(body[start:end], claim=claim, boilerplate=reason))
        cursor = end
    if cursor < len(body):
        segments.append(Segment(body[cursor:]))
    return segments


def stories_for_desk() -> QuerySet[Story]:
    return Story.objects.annotate(
        # Articles, not revisions: a corrected article counts once.
        article_count=Count(
            "articles", filter=Q(articles__superseded_by__isnull=True), distinct=True
        ),
        claim_count=Count("articles__claims", distinct=True),
        checked_count=Count(
            "articles__claims",
            filter=Q(articles__claims__latest_verdict__isnull=False),
            distinct=True,
        ),
    ).order_by("-created_at")


def articles_in_story(story: Story) -> list[Article]:
    """The story's articles at their current revision, each with `earlier`: the revisions
    it corrected, oldest first (what was checked on them stays there). A corrected
    article keeps its place in the list. One query."""
    rows = list(
        story.articles.annotate(
            claim_count=Count("claims"),
            checked_count=Count("claims", filter=Q(claims__latest_verdict__isnull=False)),
        )
        .defer("body")
        .order_by("created_at", "id")
    )
    earlier: dict[int, list[Article]] = defaultdict(list)
    for article in rows:
        if article.is_superseded:
            earlier[article.superseded_by_id].append(article)
    current = [article for article in rows if not article.is_superseded]
    for article in current:
        article.earlier = sorted(earlier[article.pk], key=lambda a: a.revision)
    return sorted(current, key=lambda a: (a.earlier or [a])[0].created_at)


def claim_by_pk(pk: int) -> QuerySet[Claim]:
    """One claim as a queryset, for the services that take several (an assignment)."""
    return Claim.objects.filter(pk=pk)


def claims_in_story(story: Story) -> QuerySet[Claim]:
    """Every claim of a story (an assignment keeps the open ones)."""
    return Claim.objects.filter(article__story=story)


def has_other_versions(claim: Claim) -> bool:
    """Whether the claim's cluster holds other claims ("Merge all" would move them too)."""
    return bool(claim.cluster_id) and (
        Claim.objects.filter(cluster_id=claim.cluster_id).exclude(pk=claim.pk).exists()
    )


def cluster_by_id(cluster_id: str) -> ClaimCluster | None:
    """The cluster a form names by id; a tampered id is no cluster, not a server error."""
    return ClaimCluster.objects.filter(pk=cluster_id).first() if cluster_id.isdecimal() else None


def article_for_reading(pk: int) -> Article:
    """An article with its story; an old revision with its current one (not that one's
    body, which is long). Raises Http404."""
    revisions = Article.objects.select_related("story", "superseded_by")
    return get_object_or_404(revisions.defer("superseded_by__body"), pk=pk)


def feeds_of(story: Story) -> QuerySet:
    """A story's feeds with their latest polls, for the story page."""
    return story.feeds.prefetch_related("polls")
