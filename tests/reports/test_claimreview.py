"""ClaimReview JSON-LD, checked by expanding it with pyld against a local schema.org context."""

import datetime
import json

import pytest
from django.utils.timezone import localdate
from pyld import jsonld

from claims.models import Claim, ClaimKind
from claims.services.review import record_verdict
from reports.claimreview import claim_reviews, json_ld_text
from tests.factories import ArticleFactory, ClaimFactory

SITE = "https://desk.example.org"
S = "https://schema.org/"
LOCAL_CONTEXTS = {"https://schema.org": {"@context": {"@vocab": S}}}
RATINGS = {"supported": (5, "Supported"), "varied": (3, "Varied"), "erroneous": (1, "Erroneous")}


def offline_loader(url, options=None):
    """Serves schema.org's context from here; any other URL is refused, never fetched."""
    key = url.rstrip("/")
    if key not in LOCAL_CONTEXTS:
        raise AssertionError(f"the JSON-LD processor tried to fetch {url}")
    return {"contextUrl": None, "documentUrl": url, "document": LOCAL_CONTEXTS[key]}


def expand(document: dict) -> list[dict]:
    # A round trip through JSON first: what we publish is the serialised text.
    return jsonld.expand(json.loads(json.dumps(document)), {"documentLoader": offline_loader})


def nodes_of_type(expanded: list[dict], type_name: str) -> list[dict]:
    found = []

    def walk(value):
        if isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            if S + type_name in value.get("@type", []):
                found.append(value)
            for item in value.values():
                walk(item)

    walk(expanded)
    return found


def one(node: dict, prop: str):
    values = node.get(S + prop)
    assert values, f"{prop} is missing from {node.get('@type')}"
    assert len(values) == 1, f"{prop} has {len(values)} values"
    return values[0]


def literal(node: dict, prop: str):
    value = one(node, prop)
    assert "@value" in value, f"{prop} is not a literal: {value}"
    return value["@value"]


def typed(node: dict, prop: str, type_name: str) -> dict:
    value = one(node, prop)
    assert S + type_name in value.get("@type", []), f"{prop} is not a {type_name}: {value}"
    return value


def assert_complete_claim_review(review: dict) -> None:
    assert literal(review, "claimReviewed")
    assert literal(review, "url").startswith(SITE + "/")
    datetime.date.fromisoformat(literal(review, "datePublished"))

    rating = typed(review, "reviewRating", "Rating")
    value, best, worst = (literal(rating, p) for p in ("ratingValue", "bestRating", "worstRating"))
    assert all(isinstance(v, int | float) and not isinstance(v, bool) for v in (value, best, worst))
    assert worst <= value <= best
    assert literal(rating, "alternateName")

    item = typed(review, "itemReviewed", "Claim")
    author = one(item, "author")
    assert {S + "Organization", S + "Person"} & set(author["@type"])
    assert literal(author, "name")
    datetime.date.fromisoformat(literal(item, "datePublished"))
    appearance = typed(item, "appearance", "CreativeWork")
    assert literal(appearance, "url").startswith(("http://", "https://"))
    assert literal(appearance, "headline")

    reviewer = typed(review, "author", "Organization")
    assert literal(reviewer, "name")


@pytest.fixture
def checked_story(sample_story, checker):
    """The sample story with one claim of each verdict and the rest unchecked."""
    claims = list(Claim.objects.filter(article__story=sample_story).order_by("article_id", "start"))
    assert len(claims) > 3
    labels = ["supported", "varied", "erroneous"]
    for claim, label in zip(claims, labels, strict=False):
        record_verdict(
            claim=claim,
            checked_by=checker,
            label=label,
            rationale=f"Checked as {label}.",
            evidence=["https://ir.netflix.net/"],
        )
    return sample_story, {claim.pk: label for claim, label in zip(claims, labels, strict=False)}


def story_claims(story):
    return Claim.objects.filter(article__story=story).select_related("article", "latest_verdict")


@pytest.mark.django_db
def test_every_claim_review_carries_the_fields_google_requires_and_recommends(checked_story):
    story, _ = checked_story
    expanded = expand(claim_reviews(story_claims(story), site_url=SITE))
    reviews = nodes_of_type(expanded, "ClaimReview")
    assert reviews
    for review in reviews:
        assert_complete_claim_review(review)


@pytest.mark.django_db
def test_there_is_one_claim_review_per_checked_claim_and_none_for_unchecked_ones(checked_story):
    story, labels = checked_story
    document = claim_reviews(story_claims(story), site_url=SITE)
    reviews = nodes_of_type(expand(document), "ClaimReview")
    reviewed_urls = sorted(literal(review, "url") for review in reviews)
    checked = Claim.objects.filter(pk__in=labels)
    assert reviewed_urls == sorted(SITE + claim.get_absolute_url() for claim in checked)
    assert Claim.objects.filter(article__story=story).count() > len(reviews)


@pytest.mark.django_db
def test_the_rating_value_and_its_word_match_the_verdict_label(checked_story):
    story, labels = checked_story
    reviews = nodes_of_type(
        expand(claim_reviews(story_claims(story), site_url=SITE)), "ClaimReview"
    )
    by_url = {literal(review, "url"): review for review in reviews}
    for claim in Claim.objects.filter(pk__in=labels):
        rating = typed(by_url[SITE + claim.get_absolute_url()], "reviewRating", "Rating")
        assert (literal(rating, "ratingValue"), literal(rating, "alternateName")) == RATINGS[
            labels[claim.pk]
        ]
        assert (literal(rating, "bestRating"), literal(rating, "worstRating")) == (5, 1)


@pytest.mark.django_db
def test_the_claim_appears_at_the_outlets_url_and_is_attributed_to_the_outlet(checker):
    article = ArticleFactory(
        outlet="Reuters",
        origin="https://www.reuters.com/business/netflix-ai",
        published_on=datetime.date(2026, 10, 22),
    )
    claim = ClaimFactory(article=article, kind=ClaimKind.QUOTE, speaker="Ted Sarandos")
    record_verdict(claim=claim, checked_by=checker, label="varied", rationale="A word dropped.")
    claim = story_claims(article.story).get()
    item = typed(
        nodes_of_type(expand(claim_reviews([claim], site_url=SITE + "/")), "ClaimReview")[0],
        "itemReviewed",
        "Claim",
    )
    author = typed(item, "author", "Organization")
    assert literal(author, "name") == "Reuters"
    assert literal(item, "datePublished") == "2026-10-22"
    appearance = one(item, "appearance")
    assert literal(appearance, "url") == "https://www.reuters.com/business/netflix-ai"
    assert literal(appearance, "headline") == article.headline


@pytest.mark.django_db
def test_an_article_from_a_file_appears_at_its_factdesk_page_dated_when_it_was_added(checker):
    claim = ClaimFactory(article=ArticleFactory(origin="004_2991eee196f9ecf3.txt"))
    record_verdict(claim=claim, checked_by=checker, label="supported", rationale="Matches.")
    claim = story_claims(claim.article.story).get()
    review = nodes_of_type(expand(claim_reviews([claim], site_url=SITE)), "ClaimReview")[0]
    item = one(review, "itemReviewed")
    assert literal(one(item, "appearance"), "url") == SITE + claim.article.get_absolute_url()
    assert literal(item, "datePublished") == localdate(claim.article.created_at).isoformat()


@pytest.mark.django_db
def test_the_reviewing_organization_comes_from_the_factdesk_organization_setting(settings, checker):
    settings.FACTDESK_ORGANIZATION = {"name": "The Daily Check", "url": "https://check.example"}
    claim = ClaimFactory()
    record_verdict(claim=claim, checked_by=checker, label="erroneous", rationale="Wrong figure.")
    claim = story_claims(claim.article.story).get()
    review = nodes_of_type(expand(claim_reviews([claim], site_url=SITE)), "ClaimReview")[0]
    reviewer = typed(review, "author", "Organization")
    assert literal(reviewer, "name") == "The Daily Check"
    assert literal(reviewer, "url") == "https://check.example"


@pytest.mark.django_db
def test_claim_reviews_run_no_query_when_claims_come_with_article_and_verdict(
    checked_story, django_assert_num_queries
):
    story, labels = checked_story
    claims = list(story_claims(story))
    with django_assert_num_queries(0):
        document = claim_reviews(claims, site_url=SITE)
    assert len(document["@graph"]) == len(labels)


def test_json_ld_text_has_no_markup_characters_and_reads_back_the_same():
    document = {"claimReviewed": "a </script> & <!-- b > c", "@graph": [{"x": "<&>"}]}
    text = json_ld_text(document)
    assert not set(text) & set("<>&")
    assert json.loads(text) == document
