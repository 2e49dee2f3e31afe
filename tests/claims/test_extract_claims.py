"""The extraction service stores exact, de-duplicated claims and reports its status."""

import itertools

import pytest

from articles.models import ExtractionStatus
from claims.extraction import EXTRACTOR_VERSION
from claims.models import Claim, VerdictLabel
from claims.services import extraction
from claims.services.extraction import extract_claims, reextract_articles
from claims.services.review import record_verdict
from tests.factories import ArticleFactory, UserFactory


def sample_article(sample_paths, index=0):
    from articles.reading import read_article_file

    text = read_article_file(sample_paths[index])
    return ArticleFactory(headline=text.headline, body=text.body, origin=text.origin)


@pytest.mark.django_db
def test_every_claim_span_is_the_exact_source_text(sample_paths):
    for index in range(len(sample_paths)):
        article = sample_article(sample_paths, index)
        assert extract_claims(article.pk) > 0
        for claim in article.claims.all():
            assert article.body[claim.start : claim.end] == claim.text
            assert 0 <= claim.checkworthiness <= 1


@pytest.mark.django_db
def test_extraction_marks_the_article_done(sample_paths):
    article = sample_article(sample_paths)
    extract_claims(article.pk)
    article.refresh_from_db()
    assert article.extraction_status == ExtractionStatus.DONE
    assert article.extracted_at is not None


@pytest.mark.django_db
def test_running_extraction_twice_keeps_the_same_claim_rows(sample_paths):
    article = sample_article(sample_paths)
    extract_claims(article.pk)
    first = list(article.claims.order_by("start").values_list("pk", "start", "end", "kind"))
    extract_claims(article.pk)
    second = list(article.claims.order_by("start").values_list("pk", "start", "end", "kind"))
    assert first == second


@pytest.mark.django_db
def test_re_extraction_keeps_a_claim_that_has_a_verdict_even_if_no_longer_found(sample_paths):
    article = sample_article(sample_paths)
    extract_claims(article.pk)
    checked = Claim.objects.create(
        article=article, text=article.body[0:5], start=0, end=5, kind="other"
    )
    unchecked = Claim.objects.create(
        article=article, text=article.body[5:9], start=5, end=9, kind="other"
    )
    record_verdict(
        claim=checked, checked_by=UserFactory(), label=VerdictLabel.SUPPORTED, rationale="ok"
    )
    extract_claims(article.pk, force=True)
    assert Claim.objects.filter(pk=checked.pk).exists()
    assert not Claim.objects.filter(pk=unchecked.pk).exists()


@pytest.mark.django_db
def test_sample_story_finds_the_revenue_figure_and_the_sarandos_quotes(sample_paths):
    articles = [sample_article(sample_paths, i) for i in range(len(sample_paths))]
    for article in articles:
        extract_claims(article.pk)
    revenue = Claim.objects.filter(text__contains="$11.5 billion", kind="statistic")
    assert revenue.values("article").distinct().count() == 4  # every outlet but the blog
    quotes = Claim.objects.filter(kind="quote", speaker="Ted Sarandos")
    assert quotes.values("article").distinct().count() >= 3


@pytest.mark.django_db
def test_boilerplate_lines_never_become_claims(sample_paths):
    articles = [sample_article(sample_paths, i) for i in range(len(sample_paths))]
    for article in articles:
        extract_claims(article.pk)
    for furniture in [
        "Leave a Reply",
        "Required fields are marked",
        "Techcrunch event",
        "27-29 October 2025",
        "All trademarks and copyrights",
        "Featured image is for illustrative purposes",
    ]:
        assert not Claim.objects.filter(text__icontains=furniture).exists(), furniture


@pytest.mark.django_db
def test_a_failing_extraction_is_marked_failed_with_the_error(sample_paths, monkeypatch):
    article = sample_article(sample_paths)

    def broken(body, headline=""):
        raise RuntimeError("segmenter crashed")

    monkeypatch.setattr(extraction, "extract_candidates", broken)
    with pytest.raises(RuntimeError):
        extract_claims(article.pk)
    article.refresh_from_db()
    assert article.extraction_status == ExtractionStatus.FAILED
    assert article.extraction_error == "RuntimeError: segmenter crashed"
    assert not article.claims.exists()


@pytest.mark.django_db
def test_extraction_of_a_deleted_article_does_nothing():
    assert extract_claims(987654) == 0


@pytest.mark.django_db
def test_a_second_delivery_of_the_same_task_changes_nothing(sample_paths):
    article = sample_article(sample_paths)
    count = extract_claims(article.pk)
    article.refresh_from_db()
    finished_at = article.extracted_at
    assert extract_claims(article.pk) == count
    article.refresh_from_db()
    assert article.extracted_at == finished_at
    assert article.extracted_with == EXTRACTOR_VERSION


@pytest.mark.django_db
def test_forced_re_extraction_runs_again_and_keeps_the_same_rows(sample_paths):
    article = sample_article(sample_paths)
    extract_claims(article.pk)
    before = sorted(article.claims.values_list("pk", "start", "end"))
    extract_claims(article.pk, force=True)
    assert sorted(article.claims.values_list("pk", "start", "end")) == before


@pytest.mark.django_db
def test_a_new_claim_never_overlaps_one_that_has_a_verdict(sample_paths):
    article = sample_article(sample_paths)
    extract_claims(article.pk)
    first = article.claims.order_by("start").first()
    # A checker's hand-made claim covering half of a machine claim.
    manual = Claim.objects.create(
        article=article,
        text=article.body[first.start : first.start + 10],
        start=first.start,
        end=first.start + 10,
    )
    record_verdict(claim=manual, checked_by=UserFactory(), label="supported", rationale="ok")
    extract_claims(article.pk, force=True)
    spans = sorted(article.claims.values_list("start", "end"))
    assert (manual.start, manual.end) in spans
    assert not Claim.objects.filter(pk=first.pk).exists()
    for (_, end), (next_start, _) in itertools.pairwise(spans):
        assert end <= next_start


@pytest.mark.django_db
def test_quotes_and_figures_are_stored_with_their_parsed_fields(sample_paths):
    article = sample_article(sample_paths, 4)  # 004: TechCrunch
    extract_claims(article.pk)
    revenue = article.claims.get(text__contains="$11.5 billion")
    figures = {(f["text"], f["unit"]): f["value"] for f in revenue.figures}
    assert figures[("$11.5 billion", "USD")] == 11_500_000_000
    assert figures[("17%", "percent")] == 17
    quote = article.claims.get(text__contains="It takes a great artist")
    assert quote.kind == "quote"
    assert quote.speaker == "Ted Sarandos"
    assert quote.quoted_text.startswith("It takes a great artist to make something great")


@pytest.mark.django_db
def test_reextract_articles_marks_them_pending_and_queues_after_commit(
    sample_paths, django_capture_on_commit_callbacks
):
    article = sample_article(sample_paths)
    extract_claims(article.pk)
    with django_capture_on_commit_callbacks() as callbacks:
        assert reextract_articles([article.pk, 987654]) == 1
    article.refresh_from_db()
    assert article.extraction_status == ExtractionStatus.PENDING
    assert len(callbacks) == 1


@pytest.mark.django_db
def test_extraction_stores_the_speaker_s_title_apart_from_the_name():
    article = ArticleFactory(
        body="“We will add 300 buses by June,” Netflix co-CEO Ted Sarandos said on Tuesday."
    )
    extract_claims(article.pk)
    claim = article.claims.get()
    assert (claim.speaker, claim.speaker_title) == ("Ted Sarandos", "Netflix co-CEO")
