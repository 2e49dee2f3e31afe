"""ClaimReview JSON-LD (schema.org) for checked claims: the fact-check markup search engines read.

See docs/export.md, "ClaimReview JSON-LD", for the mapping and the choices behind it.
"""

import json
from collections.abc import Iterable
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from articles.models import Article
from claims.models import Claim, VerdictLabel

# A FactDesk verdict on a 1 (worst) to 5 (best) scale. "Varied" (the outlet's version
# drifted from the others or from the source) sits in the middle.
RATING_VALUES: dict[str, int] = {
    VerdictLabel.SUPPORTED: 5,
    VerdictLabel.VARIED: 3,
    VerdictLabel.ERRONEOUS: 1,
}
BEST_RATING = 5
WORST_RATING = 1


# JSON-LD is published inside <script type="application/ld+json">, where "</script>" or
# "<!--" in an outlet's text would end the element or change how it is parsed. Written as
# JSON escapes these characters mean the same to every JSON reader and nothing to HTML.
SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def json_ld_text(document: dict[str, Any], *, indent: int | None = 2) -> str:
    """`document` as JSON text that can be embedded in a `<script>` element as it is."""
    return json.dumps(document, ensure_ascii=False, indent=indent).translate(SCRIPT_SAFE)


def claim_reviews(claims: Iterable[Claim], *, site_url: str) -> dict[str, Any]:
    """One schema.org `ClaimReview` per claim that has a verdict, as a JSON-LD document.

    Claims without a verdict are left out. `site_url` is the public origin of this
    FactDesk (e.g. "https://factdesk.example.org"); the review's `url` and the
    fallback appearance URL of an article are built from it.

    Give claims with `select_related("article", "latest_verdict")` so this runs no query.
    """
    site_url = site_url.rstrip("/")
    organization = getattr(
        settings, "FACTDESK_ORGANIZATION", {"name": "FactDesk newsroom", "url": site_url}
    )
    reviewer = {"@type": "Organization", "name": organization["name"]}
    if organization.get("url"):
        reviewer["url"] = organization["url"]
    graph = [
        _claim_review(claim, site_url=site_url, reviewer=reviewer)
        for claim in claims
        if claim.latest_verdict_id
    ]
    return {"@context": "https://schema.org", "@graph": graph}


def _claim_review(claim: Claim, *, site_url: str, reviewer: dict[str, str]) -> dict[str, Any]:
    verdict = claim.latest_verdict
    article = claim.article
    return {
        "@type": "ClaimReview",
        "url": site_url + claim.get_absolute_url(),
        "claimReviewed": claim.text,
        "datePublished": _day(verdict.created_at).isoformat(),
        "author": dict(reviewer),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATING_VALUES[verdict.label],
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": verdict.get_label_display(),
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": _outlet(article),
            "datePublished": (article.published_on or _day(article.created_at)).isoformat(),
            "appearance": {
                "@type": "CreativeWork",
                "url": _web_url(article.origin) or site_url + article.get_absolute_url(),
                "headline": article.headline,
            },
        },
    }


def _outlet(article: Article) -> dict[str, str]:
    """The claim's author: the outlet that published this version of it.

    Never the quoted speaker: a FactDesk verdict judges the outlet's wording (did the
    quote or the figure survive?), so an "Erroneous" misquote must not be pinned on
    the person quoted.
    """
    origin = _web_url(article.origin)
    host = urlsplit(origin).netloc if origin else ""
    author = {"@type": "Organization", "name": article.outlet or host or "Unknown outlet"}
    if origin:
        author["url"] = f"{urlsplit(origin).scheme}://{host}"
    return author


def _web_url(value: str) -> str:
    """`value` if it is an absolute http(s) URL, else ""."""
    value = (value or "").strip()
    parts = urlsplit(value)
    if parts.scheme.lower() in {"http", "https"} and parts.netloc:
        return value
    return ""


def _day(moment) -> date:
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()
