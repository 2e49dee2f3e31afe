"""Cross-source matching on the sample story: clusters, suggestions, hand edits, primary sources."""

import json

import pytest

from articles.reading import ArticleText, read_article_file
from articles.services import ingest_files, save_articles
from claims.models import Claim, ClaimCluster
from claims.services.clusters import match_story, merge_clusters, move_claim, split_claim
from claims.services.extraction import extract_claims


def extract_and_match(story):
    for article in story.articles.all():
        extract_claims(article.pk)
    match_story(story.pk)


@pytest.fixture
def matched_story(db, sample_paths):
    from django.conf import settings

    manifest = json.loads((settings.SAMPLE_CORPUS_DIR / "manifest.json").read_text())
    report = ingest_files(sample_paths, "netflix-ai", outlets=manifest["articles"])
    extract_and_match(report.story)
    return report.story


def cluster_of(story, snippet: str) -> list[Claim]:
    claim = Claim.objects.filter(article__story=story, text__contains=snippet).first()
    assert claim is not None, snippet
    assert claim.cluster_id, snippet
    return list(claim.cluster.claims.select_related("article"))


def test_every_claim_of_the_story_gets_a_cluster(matched_story):
    claims = Claim.objects.filter(article__story=matched_story)
    assert claims.exists()
    assert not claims.filter(cluster__isnull=True).exists()


def test_the_revenue_figure_is_one_cluster_of_four_agreeing_outlets(matched_story):
    members = cluster_of(matched_story, "$11.5 billion")
    assert {m.article.outlet for m in members} == {
        "Wire rewrite", "Translated report", "Tech news brief", "TechCrunch",
    }  # fmt: skip
    assert {m.suggested_verdict for m in members} == {"supported"}
    assert members[0].cluster.outlet_count == 4


@pytest.mark.parametrize(
    "snippet",
    ["It takes a great artist", "worried about", "novelty for novelty"],
)
def test_drifting_sarandos_quotes_are_clustered_and_marked_varied(matched_story, snippet):
    members = cluster_of(matched_story, snippet)
    assert len({m.article_id for m in members}) >= 2
    assert "varied" in {m.suggested_verdict for m in members}
    changed = [
        op for m in members for op, _ in m.comparison.get("diff", []) if op in {"insert", "delete"}
    ]
    assert changed, "the changed words are highlighted"


def test_the_co_ceo_title_is_stored_as_a_title_finding_and_the_copy_is_not_erroneous(
    matched_story,
):
    co_ceo = Claim.objects.get(article__story=matched_story, text__contains="Co-CEO")
    titles = [f for f in co_ceo.comparison["findings"] if f["kind"] == "title"]
    assert titles and titles[0]["here"] == "Co-CEO", co_ceo.comparison
    assert titles[0]["outlets"]["others"]
    assert co_ceo.suggested_verdict == "varied"
    assert co_ceo.comparison["basis"] == co_ceo.suggestion_reasons[0]


def test_every_cluster_names_its_reference_version_and_takes_its_label_from_it(matched_story):
    for cluster in ClaimCluster.objects.filter(story=matched_story).select_related("reference"):
        assert cluster.reference.cluster_id == cluster.pk
        assert cluster.label == cluster.reference.text
        assert cluster.reference.comparison["reference"] is True


def test_a_claim_only_one_outlet_makes_has_no_suggestion(matched_story):
    singles = ClaimCluster.objects.filter(story=matched_story, outlet_count=1)
    assert singles.exists()
    assert not Claim.objects.filter(cluster__in=singles).exclude(suggested_verdict="").exists()


def test_matching_again_changes_nothing(matched_story):
    before = sorted(Claim.objects.values_list("pk", "cluster_id", "suggested_verdict"))
    assert match_story(matched_story.pk) == 0
    assert sorted(Claim.objects.values_list("pk", "cluster_id", "suggested_verdict")) == before


def test_adding_an_article_matches_only_its_claims_into_existing_clusters(db, sample_paths):
    report = ingest_files(sample_paths[:4], "incremental")
    extract_and_match(report.story)
    before = dict(Claim.objects.values_list("pk", "cluster_id"))
    text = read_article_file(sample_paths[4])
    article = save_articles(report.story, [text], outlet="TechCrunch").created[0]
    extract_claims(article.pk)
    assigned = match_story(report.story.pk)
    assert assigned == article.claims.count()
    after = dict(Claim.objects.filter(pk__in=before).values_list("pk", "cluster_id"))
    assert after == before
    revenue = article.claims.get(text__contains="$11.5 billion")
    assert revenue.cluster.outlet_count == 4


def test_a_hand_split_survives_a_full_rematch(matched_story):
    members = cluster_of(matched_story, "$11.5 billion")
    taken = members[0]
    new_cluster = split_claim(taken)
    match_story(matched_story.pk, rebuild=True)
    taken.refresh_from_db()
    assert taken.cluster_id == new_cluster.pk
    assert taken.cluster.claims.count() == 1
    assert taken.suggested_verdict == ""
    rest = [m for m in members if m.pk != taken.pk]
    for member in rest:
        member.refresh_from_db()
    assert len({m.cluster_id for m in rest}) == 1 and rest[0].cluster_id != new_cluster.pk


def test_moving_a_claim_recomputes_both_clusters(matched_story):
    revenue = cluster_of(matched_story, "$11.5 billion")
    quote = Claim.objects.filter(article__story=matched_story, kind="quote").exclude(
        cluster=revenue[0].cluster
    )[0]
    old_cluster_id = quote.cluster_id
    move_claim(quote, revenue[0].cluster)
    quote.refresh_from_db()
    assert quote.cluster_id == revenue[0].cluster_id and quote.cluster.curated
    assert quote.cluster.outlet_count >= 4
    if ClaimCluster.objects.filter(pk=old_cluster_id).exists():
        assert not Claim.objects.filter(cluster_id=old_cluster_id, pk=quote.pk).exists()


def test_merging_two_clusters_moves_every_claim(matched_story):
    first, second = ClaimCluster.objects.filter(story=matched_story).order_by("id")[:2]
    moved = set(second.claims.values_list("pk", flat=True))
    merge_clusters(second, first)
    assert moved <= set(first.claims.values_list("pk", flat=True))
    assert not ClaimCluster.objects.filter(pk=second.pk).exists()


def test_a_claim_cannot_join_a_cluster_of_another_story(matched_story, db):
    other = ingest_files([], "other").story
    foreign = ClaimCluster.objects.create(story=other)
    claim = Claim.objects.filter(article__story=matched_story).first()
    with pytest.raises(ValueError, match="its own story"):
        move_claim(claim, foreign)


def test_quotes_are_checked_against_a_primary_document(matched_story):
    letter = ArticleText(
        headline="Q3 2025 shareholder letter",
        body=(
            "For many years now, machine learning and AI have been powering our title "
            "recommendations as well as production and promotion technology. "
            "We're not worried about AI replacing creativity."
        ),
        origin="letter.txt",
    )
    primary = save_articles(matched_story, [letter], outlet="Netflix").created[0]
    primary.is_primary_source = True
    primary.save(update_fields=["is_primary_source"])
    extract_claims(primary.pk)
    match_story(matched_story.pk, recheck_primary=True)
    verbatim = Claim.objects.get(
        article__story=matched_story, text__contains="machine learning and AI have been"
    )
    assert verbatim.article != primary
    assert verbatim.primary_check["status"] == "verbatim"
    changed = Claim.objects.get(text__contains="worried about artificial intelligence replacing")
    assert changed.primary_check["status"] == "changed"
    assert changed.primary_check["diff"]
    missing = Claim.objects.filter(article__story=matched_story, text__contains="great artist")[0]
    assert missing.primary_check["status"] == "not_found"


def test_every_claim_calling_sarandos_ceo_carries_the_title_finding_whatever_its_cluster(
    matched_story,
):
    ceo_claims = Claim.objects.filter(
        article__story=matched_story, text__regex=r"(^|[^-o])CEO Ted Sarandos"
    )
    assert ceo_claims.count() >= 4
    for claim in ceo_claims:
        titles = [f for f in claim.comparison["findings"] if f["kind"] == "title"]
        assert titles, claim.text
        assert titles[0]["here"] == "CEO" and titles[0]["others"] == "Co-CEO"


def test_both_genetic_copies_carry_a_term_finding(matched_story):
    genetic = Claim.objects.filter(article__story=matched_story, text__contains="genetic")
    assert genetic.count() == 2
    for claim in genetic:
        terms = [f for f in claim.comparison["findings"] if f["kind"] == "term"]
        assert [(f["here"], f["others"]) for f in terms] == [("genetic", "generative")], claim.text
