"""History cannot be rewritten in the admin: what a claim was checked on stays as it was,
and every change an editor does make there is on the claim's audit trail."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from articles.reading import content_hash
from claims.models import Claim, ClaimEvent
from claims.services.review import add_comment, record_verdict
from tests.conftest import user_with_role
from tests.factories import ArticleFactory, ClaimFactory

# The inlines of each change form: a real POST carries their management forms.
INLINES = {
    "claims_claim": ("verdicts", "comments", "events"),
    "articles_article": ("claims",),
    "claims_claimcomment": (),
}


@pytest.fixture
def root(db, django_user_model):
    return django_user_model.objects.create_superuser("root", "r@x.org", "pw-root-1")


@pytest.fixture
def root_client(client, root):
    client.force_login(root)
    return client


def change_url(model: str, pk: int) -> str:
    return reverse(f"admin:{model}_change", args=[pk])


def form_data(client, model: str, pk: int, **changes) -> dict:
    """What the browser posts back from the change form as rendered, with `changes` typed in."""
    response = client.get(change_url(model, pk))
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is True:
            data[name] = "on"
        elif value not in (None, False):
            data[name] = value
    for prefix in INLINES[model]:
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    data.update(changes)
    return data


def save(client, model: str, pk: int, **changes):
    return client.post(change_url(model, pk), form_data(client, model, pk, **changes))


def article_with_claims(count: int) -> Article:
    sentences = [f"Sentence {n} says revenue rose {n}%." for n in range(count)]
    article = ArticleFactory(body=" ".join(sentences))
    start = 0
    for sentence in sentences:
        ClaimFactory(article=article, start=start, end=start + len(sentence))
        start += len(sentence) + 1
    return article


# Claims


def test_claim_text_kind_speaker_and_span_cannot_be_changed_through_the_admin_even_by_a_superuser(
    root_client,
):
    claim = ClaimFactory(speaker="Ted Sarandos")
    record_verdict(claim=claim, checked_by=claim_checker(), label="supported", rationale="Ok.")
    before = Claim.objects.filter(pk=claim.pk).values("text", "kind", "speaker", "start", "end")
    response = save(
        root_client, "claims_claim", claim.pk,
        text="Netflix lost every subscriber.", kind="quote", speaker="Someone else",
        start=3, end=9,
    )  # fmt: skip
    assert response.status_code == 302
    after = Claim.objects.filter(pk=claim.pk).values("text", "kind", "speaker", "start", "end")
    assert list(after) == list(before)
    claim.refresh_from_db()
    assert claim.article.body[claim.start : claim.end] == claim.text


def claim_checker():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get_or_create(username="hist-checker")[0]


def test_a_claim_changed_in_the_admin_records_what_changed_and_who_changed_it(root_client, root):
    claim = ClaimFactory(checkworthiness=0.8)
    assert save(root_client, "claims_claim", claim.pk, checkworthiness="0.3").status_code == 302
    event = claim.events.get()
    assert (event.action, event.actor) == (ClaimEvent.Action.ADMIN_EDIT, root)
    assert (event.before, event.after) == ({"checkworthiness": 0.8}, {"checkworthiness": 0.3})


def test_saving_a_claim_unchanged_in_the_admin_records_nothing(root_client):
    claim = ClaimFactory()
    assert save(root_client, "claims_claim", claim.pk).status_code == 302
    assert not claim.events.exists()


def test_claims_and_comments_cannot_be_added_in_the_admin(root_client):
    # Claims come from extraction and comments from the desk, each with its event; the
    # admin's add forms had neither an article nor an author to save (a server error).
    claim = ClaimFactory()
    for model, data in [("claims_claim", {"text": "x"}), ("claims_claimcomment", {"text": "x"})]:
        response = root_client.post(reverse(f"admin:{model}_add"), {**data, "claim": claim.pk})
        assert response.status_code == 403, model
    assert Claim.objects.count() == 1 and not claim.comments.exists()


# Comments


def test_a_comment_edited_in_the_admin_records_the_old_and_new_text_on_its_claim(
    root_client, root, checker
):
    claim = ClaimFactory()
    comment = add_comment(claim=claim, author=checker, text="Call the CFO.")
    response = save(root_client, "claims_claimcomment", comment.pk, text="Call the CEO.")
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.text == "Call the CEO."
    event = claim.events.get(action=ClaimEvent.Action.COMMENT_EDIT)
    assert event.actor == root
    assert event.before == {"comment": "Call the CFO.", "author": "checker"}
    assert event.after == {"comment": "Call the CEO.", "author": "checker"}


def test_comments_cannot_be_deleted_in_the_admin_even_by_a_superuser(root_client, checker):
    comment = add_comment(claim=ClaimFactory(), author=checker, text="Keep me.")
    response = root_client.post(
        reverse("admin:claims_claimcomment_delete", args=[comment.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert comment.__class__.objects.filter(pk=comment.pk).exists()


# Articles


def test_an_article_body_with_claims_cannot_be_changed_in_the_admin(root_client):
    article = article_with_claims(2)
    body = article.body
    response = save(
        root_client, "articles_article", article.pk, body="Sentence 0 says revenue fell."
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body == body and article.content_hash == content_hash(body)
    for claim in article.claims.all():
        assert article.body[claim.start : claim.end] == claim.text


def test_an_article_with_claims_cannot_be_moved_to_another_story_in_the_admin(root_client):
    article = article_with_claims(1)
    elsewhere = ArticleFactory().story
    save(root_client, "articles_article", article.pk, story=elsewhere.pk)
    article.refresh_from_db()
    assert article.story_id != elsewhere.pk


def test_an_article_change_is_recorded_on_each_of_its_claims(root_client, root):
    article = article_with_claims(3)
    old = article.headline
    response = save(
        root_client, "articles_article", article.pk, headline="Corrected headline", outlet="Wire"
    )
    assert response.status_code == 302
    events = ClaimEvent.objects.filter(action=ClaimEvent.Action.ARTICLE_EDIT)
    assert sorted(events.values_list("claim", flat=True)) == sorted(
        article.claims.values_list("pk", flat=True)
    )
    for event in events:
        assert event.actor == root
        assert event.before == {"headline": old, "outlet": "Test Outlet"}
        assert event.after == {"headline": "Corrected headline", "outlet": "Wire"}


def test_recording_an_article_change_costs_the_same_queries_for_3_or_30_claims(root_client):
    counts = []
    for size in (3, 30):
        article = article_with_claims(size)
        data = form_data(root_client, "articles_article", article.pk, headline=f"New {size}")
        with CaptureQueriesContext(connection) as queries:
            response = root_client.post(change_url("articles_article", article.pk), data)
        assert response.status_code == 302
        assert article.claims.filter(events__action="article_edit").count() == size
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_desk_audit_trail_describes_admin_changes(root_client, checker, root):
    article = article_with_claims(1)
    claim = article.claims.get()
    comment = add_comment(claim=claim, author=checker, text="First words.")
    save(root_client, "articles_article", article.pk, headline="A better headline")
    save(root_client, "claims_claimcomment", comment.pk, text="Second words.")
    save(root_client, "claims_claim", claim.pk, checkworthiness="0.25")
    root_client.force_login(checker)
    trail = root_client.get(reverse("claim-audit", args=[claim.pk]), HTTP_HX_REQUEST="true")
    text = " ".join(trail.content.decode().split())
    assert "Article edited in the admin</strong> by root" in text
    assert f"headline: “{article.headline}” → “A better headline”" in text
    assert "Comment edited in the admin</strong> by root" in text
    assert "comment: “First words.” → “Second words.”" in text
    assert "Edited in the admin</strong> by root" in text
    assert "check-worthiness: 0.8 → 0.25" in text


def test_an_article_without_claims_edited_in_the_admin_is_hashed_and_extracted_again(
    root_client, django_capture_on_commit_callbacks
):
    article = ArticleFactory(extraction_status="done")
    with django_capture_on_commit_callbacks() as queued:
        # A browser posts a textarea's line ends as CRLF; the stored text keeps LF.
        response = save(
            root_client, "articles_article", article.pk, body="Revenue rose 4%.\r\nIt fell."
        )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body == "Revenue rose 4%.\nIt fell."
    assert article.content_hash == content_hash(article.body)
    assert article.extraction_status == "pending"
    assert len(queued) == 1  # the extraction, sent once the change is committed


def test_an_article_edited_into_another_articles_text_is_refused(root_client):
    article = ArticleFactory()
    other = ArticleFactory(story=article.story)
    response = save(root_client, "articles_article", article.pk, body=other.body)
    assert response.status_code == 200
    assert "already in this story" in response.text
    article.refresh_from_db()
    assert article.body != other.body


def test_articles_cannot_be_added_in_the_admin(root_client):
    # The desk's "Add articles" checks duplicates and queues extraction; the admin's add
    # form saved an article without its hash and without extracting it.
    story = ArticleFactory().story
    response = root_client.post(
        reverse("admin:articles_article_add"),
        {"story": story.pk, "headline": "H", "body": "Some text.", "claims-TOTAL_FORMS": 0,
         "claims-INITIAL_FORMS": 0},
    )  # fmt: skip
    assert response.status_code == 403
    assert Article.objects.count() == 1


@pytest.mark.parametrize("claims", [5, 50])
def test_the_article_change_page_shows_the_text_read_only_in_bounded_queries(
    root_client, claims, django_assert_max_num_queries
):
    article = article_with_claims(claims)
    with django_assert_max_num_queries(8):
        response = root_client.get(change_url("articles_article", article.pk))
    form = response.context["adminform"].form
    assert "body" not in form.fields and "story" not in form.fields
    assert reverse("admin:articles_article_correct", args=[article.pk]) in response.text
    assert "Sentence 1 says revenue rose 1%." in response.text


def test_the_claim_change_page_stays_bounded_with_a_long_audit_trail(
    root_client, django_assert_max_num_queries
):
    article = article_with_claims(1)
    for n in range(30):
        save(root_client, "articles_article", article.pk, headline=f"Headline take {n}")
    claim = article.claims.get()
    with django_assert_max_num_queries(20):
        response = root_client.get(change_url("claims_claim", claim.pk))
    assert "Article edited in the admin" in response.text
    form = response.context["adminform"].form
    assert set(form.fields) == {"checkworthiness"}


def test_a_staff_fact_checker_cannot_change_claims_or_articles(client, django_user_model):
    staff_checker = user_with_role(django_user_model, "staffcheck", "fact-checker", is_staff=True)
    client.force_login(staff_checker)
    claim = ClaimFactory()
    for model, pk in [("claims_claim", claim.pk), ("articles_article", claim.article_id)]:
        response = client.post(change_url(model, pk), {"checkworthiness": "0.1", "headline": "x"})
        assert response.status_code == 403, model
    assert not ClaimEvent.objects.exists()
