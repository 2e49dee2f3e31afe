"""`manage.py export_story --format json`: the contract other tools build on."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from claims.models import VerdictLabel
from claims.services.review import record_verdict
from tests.factories import ClaimFactory, UserFactory

STORY_KEYS = {"slug", "title", "description", "created_at"}
ARTICLE_KEYS = {"id", "headline", "outlet", "byline", "published_on", "origin", "body"}
CLAIM_KEYS = {
    "id", "article", "text", "start", "end", "kind", "speaker", "speaker_title", "checkworthiness",
    "cluster", "suggested_verdict", "verdict", "rationale", "checked_by", "checked_at",
}  # fmt: skip


def export(slug: str) -> dict:
    out = StringIO()
    call_command("export_story", slug, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_export_has_the_documented_shape_and_the_current_verdict():
    claim = ClaimFactory(speaker="")
    unchecked = ClaimFactory(article=claim.article, start=0, end=7)
    record_verdict(claim=claim, checked_by=UserFactory(), label="supported", rationale="Old.")
    record_verdict(
        claim=claim,
        checked_by=UserFactory(username="ana"),
        label=VerdictLabel.VARIED,
        rationale="Figures differ.",
    )
    data = export(claim.article.story.slug)
    assert set(data["story"]) >= STORY_KEYS
    assert set(data["articles"][0]) >= ARTICLE_KEYS
    assert data["articles"][0]["id"] == claim.article_id
    rows = {row["id"]: row for row in data["claims"]}
    assert all(set(row) >= CLAIM_KEYS for row in rows.values())
    checked = rows[claim.pk]
    assert checked["article"] == claim.article_id
    assert (checked["verdict"], checked["rationale"], checked["checked_by"]) == (
        "varied",
        "Figures differ.",
        "ana",
    )
    assert checked["checked_at"]
    assert checked["cluster"] is None and checked["suggested_verdict"] is None
    assert rows[unchecked.pk]["verdict"] is None
    body = data["articles"][0]["body"]
    assert body[checked["start"] : checked["end"]] == checked["text"]


@pytest.mark.django_db
def test_export_writes_to_a_file_when_asked(tmp_path):
    claim = ClaimFactory()
    target = tmp_path / "report.json"
    call_command("export_story", claim.article.story.slug, "-o", str(target), stderr=StringIO())
    assert json.loads(target.read_text())["claims"][0]["id"] == claim.pk


@pytest.mark.django_db
def test_export_of_an_unknown_story_says_so():
    with pytest.raises(CommandError, match="No story with slug 'nope'"):
        export("nope")


@pytest.mark.django_db
def test_export_uses_a_fixed_number_of_queries(django_assert_max_num_queries):
    first = ClaimFactory()
    for start in range(1, 30):
        ClaimFactory(article=first.article, start=start, end=start + 5)
    # story, articles, clusters, claims, and per chunk of claims their verdicts and events
    with django_assert_max_num_queries(6):
        export(first.article.story.slug)


def test_the_export_carries_each_claims_findings_and_basis_and_each_clusters_reference(
    sample_story,
):
    from claims.services.clusters import match_story

    match_story(sample_story.pk)
    data = export(sample_story.slug)
    claims = {c["id"]: c for c in data["claims"]}
    co_ceo = next(c for c in claims.values() if "Co-CEO" in c["text"])
    (title,) = [f for f in co_ceo["findings"] if f["kind"] == "title"]
    assert set(title) == {"kind", "here", "others", "outlets", "detail"}
    assert title["here"] == "Co-CEO" and title["others"] == "CEO"
    assert set(title["outlets"]) == {"here", "others"} and title["outlets"]["others"]
    basis = co_ceo["suggestion_basis"]
    assert basis.startswith("title: Ted Sarandos is Co-CEO in 1 outlet, CEO in")
    for cluster in data["clusters"]:
        reference = claims[cluster["reference"]]
        assert reference["cluster"] == cluster["id"] and reference["text"] == cluster["label"]
        assert cluster["reference_marked_by"] is None
