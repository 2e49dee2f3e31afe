"""A corrected article is a new revision: what was checked stays on the text it was checked on."""

import csv
import io
import json

import pytest
from django.urls import reverse

from articles.models import Article, ExtractionStatus
from articles.reading import content_hash
from articles.services import CorrectionRefused, ingest_files
from claims.models import Claim, ClaimCluster, ClaimEvent
from claims.services.clusters import match_story
from claims.services.corrections import correct_article
from claims.services.extraction import extract_claims, reextract_articles
from claims.services.review import record_verdict
from tests.conftest import user_with_role

QUOTE = "“It takes a great artist to create something exceptional,” Sarandos stated."
OLD_FIGURE, NEW_FIGURE = "a 17% year-over-year increase", "a 16% year-over-year increase"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def desk(db, sample_paths, django_user_model):
    """Two outlets of the sample story, extracted and matched; one quote checked."""
    story = ingest_files([sample_paths[0], sample_paths[4]], "corrections").story
    for article in story.articles.all():
        extract_claims(article.pk)
    match_story(story.pk)
    article = story.articles.order_by("id").first()
    editor = user_with_role(django_user_model, "ed", "editor", is_staff=True)
    checked = article.claims.get(text=QUOTE)
    record_verdict(claim=checked, checked_by=editor, label="supported", rationale="On the call.")
    return article, checked, editor


def corrected_body(article: Article) -> str:
    assert OLD_FIGURE in article.body
    return article.body.replace(OLD_FIGURE, NEW_FIGURE)


def correct(article, editor, body=None, note="Revenue growth was 16%, not 17%.") -> Article:
    return correct_article(
        article, body=corrected_body(article) if body is None else body, note=note, actor=editor
    )


def test_a_correction_is_a_new_revision_that_keeps_checked_claims_on_the_old_one(desk):
    article, checked, editor = desk
    old_body = article.body
    unchecked = list(article.claims.exclude(pk=checked.pk).values_list("pk", flat=True))
    assert unchecked
    new = correct(article, editor)
    article.refresh_from_db()
    # The new revision is the same article of the same outlet, with the corrected text.
    assert (new.revision, new.corrects, new.superseded_by) == (2, article, None)
    for field in ("story_id", "headline", "outlet", "byline", "published_on", "origin", "url"):
        assert getattr(new, field) == getattr(article, field), field
    assert new.body == corrected_body(article) and new.content_hash == content_hash(new.body)
    assert new.correction_note == "Revenue growth was 16%, not 17%."
    # The old revision keeps its text and the claim checked on it, still true to it.
    assert (article.body, article.superseded_by, article.revision) == (old_body, new, 1)
    checked.refresh_from_db()
    assert checked.article_id == article.pk
    assert article.body[checked.start : checked.end] == checked.text == QUOTE
    assert checked.latest_verdict.label == "supported"
    # Unchecked claims of the old revision are gone: the new revision's extraction makes them.
    assert not Claim.objects.filter(pk__in=unchecked).exists()
    assert list(article.claims.all()) == [checked]
    assert extract_claims(new.pk) > 0
    for claim in new.claims.all():
        assert new.body[claim.start : claim.end] == claim.text
    assert new.claims.filter(text__contains="16%").exists()
    assert not new.claims.filter(latest_verdict__isnull=False).exists()


def test_a_correction_is_recorded_on_each_claim_that_stays_on_the_old_revision(desk):
    article, checked, editor = desk
    new = correct(article, editor)
    event = checked.events.get(action=ClaimEvent.Action.ARTICLE_CORRECTED)
    assert event.actor == editor
    assert event.before == {"article": article.pk, "revision": 1, "cluster": checked.cluster_id}
    assert event.after == {
        "article": new.pk, "revision": 2, "note": "Revenue growth was 16%, not 17%.",
        "cluster": None,
    }  # fmt: skip


def test_checked_claims_of_an_old_revision_leave_matching_and_outlet_counts(desk):
    article, checked, editor = desk
    other_outlet = article.story.articles.exclude(pk=article.pk).get()
    new = correct(article, editor)
    extract_claims(new.pk)
    match_story(article.story_id, rebuild=True)
    checked.refresh_from_db()
    assert checked.cluster_id is None
    again = new.claims.get(text=QUOTE)
    assert again.cluster_id is not None
    members = set(Claim.objects.filter(cluster_id=again.cluster_id).values_list("article_id"))
    assert members == {(new.pk,), (other_outlet.pk,)}
    assert again.cluster.outlet_count == 2
    # No cluster counts the old revision as an outlet of its own.
    assert not Claim.objects.filter(article=article, cluster__isnull=False).exists()


def test_the_reading_pages_say_which_revision_is_current(
    desk, client, checker, django_assert_max_num_queries
):
    article, checked, editor = desk
    new = correct(article, editor)
    extract_claims(new.pk)
    client.force_login(editor)
    old_page = client.get(article.get_absolute_url()).text
    assert "superseded" in old_page and "has since been corrected" in old_page
    assert f'href="{new.get_absolute_url()}"' in old_page
    assert "Revenue growth was 16%, not 17%." in old_page
    assert f'id="claim-{checked.pk}"' in old_page  # the checked claim, highlighted in place
    assert "Re-extract" not in old_page
    new_page = client.get(new.get_absolute_url()).text
    assert "Revision 2" in new_page and "Revenue growth was 16%, not 17%." in new_page
    assert f'href="{article.get_absolute_url()}"' in new_page
    assert "superseded" not in new_page
    client.force_login(checker)
    for page in (article, new):
        with django_assert_max_num_queries(4):  # as many as before corrections
            assert client.get(page.get_absolute_url()).status_code == 200


def test_the_claim_panel_says_the_claim_was_checked_on_an_earlier_revision(desk, client):
    article, checked, editor = desk
    new = correct(article, editor)
    client.force_login(editor)
    panel = client.get(checked.get_absolute_url(), **HTMX).text
    assert "Checked on revision 1; the article has since been corrected." in panel
    assert f'href="{new.get_absolute_url()}"' in panel


def test_the_story_page_lists_the_current_revision_and_links_the_earlier_one(
    desk, client, checker, django_assert_max_num_queries
):
    article, _checked, editor = desk
    new = correct(article, editor)
    client.force_login(checker)
    with django_assert_max_num_queries(5):  # as many as before corrections
        response = client.get(article.story.get_absolute_url())
    other = article.story.articles.exclude(pk__in=[article.pk, new.pk]).get()
    # The corrected article keeps its place, at its current revision.
    assert [a.pk for a in response.context["articles"]] == [new.pk, other.pk]
    assert f'href="{article.get_absolute_url()}"' in response.text
    assert "revision 1" in response.text
    stories = client.get(reverse("story-list"))
    assert stories.context["stories"][0].article_count == 2  # outlets, not revisions


def test_queue_and_story_claims_mark_a_claim_checked_on_a_superseded_revision(desk, client):
    article, checked, editor = desk
    correct(article, editor)
    client.force_login(editor)
    queue = client.get(reverse("queue"), {"state": "in_review", "assignee": "anyone"})
    assert [c.pk for c in queue.context["claims"]] == [checked.pk]
    assert "revision 1, since corrected" in queue.text
    claims = client.get(reverse("story-claims", args=[article.story.slug]))
    assert "revision 1, since corrected" in claims.text


def test_sending_the_old_text_again_is_an_earlier_revision_already_in_the_story(desk, client):
    article, _checked, editor = desk
    correct(article, editor)
    client.force_login(editor)
    response = client.post(
        reverse("submit-articles", args=["paste"]),
        {"story": article.story.slug, "headline": "Again", "text": article.body},
        **HTMX,
    )
    assert "Not added" in response.text
    assert "an earlier revision" in response.text
    assert article.story.articles.count() == 3


def test_exports_say_which_revision_a_verdict_was_checked_on(desk, client):
    article, checked, editor = desk
    new = correct(article, editor)
    extract_claims(new.pk)
    client.force_login(editor)
    url = reverse("export-stream")
    csv_body = b"".join(
        client.get(url, {"story": article.story.slug, "format": "csv"}).streaming_content
    ).decode("utf-8-sig")
    rows = {row["claim_id"]: row for row in csv.DictReader(io.StringIO(csv_body))}
    revisions = {pk: (row["article_revision"], row["current_revision"]) for pk, row in rows.items()}
    assert revisions[str(checked.pk)] == ("1", "2")
    assert revisions[str(new.claims.first().pk)] == ("2", "2")
    data = json.loads(
        b"".join(client.get(url, {"story": article.story.slug, "format": "json"}).streaming_content)
    )
    by_id = {a["id"]: a for a in data["articles"]}
    assert by_id[article.pk]["revision"] == 1 and by_id[article.pk]["superseded_by"] == new.pk
    assert by_id[new.pk]["corrects"] == article.pk
    assert by_id[new.pk]["correction_note"] == "Revenue growth was 16%, not 17%."
    claim_row = next(c for c in data["claims"] if c["id"] == checked.pk)
    assert (claim_row["article_revision"], claim_row["current_article"]) == (1, new.pk)


def test_a_superseded_revision_is_never_extracted_again(desk):
    article, checked, editor = desk
    correct(article, editor)
    assert reextract_articles([article.pk]) == 0
    extract_claims(article.pk, force=True)  # a task queued before the correction
    assert list(article.claims.all()) == [checked]


@pytest.mark.parametrize(
    ("body", "note", "message"),
    [
        (None, "  ", "Say what was corrected."),
        ("   ", "Fix.", "The corrected text is empty."),
        ("same", "Fix.", "The corrected text is the same as revision 1"),
        ("other outlet", "Fix.", "already in this story"),
    ],
)
def test_a_correction_that_cannot_be_made_is_refused_and_changes_nothing(desk, body, note, message):
    article, _checked, editor = desk
    other = article.story.articles.exclude(pk=article.pk).get()
    text = {"same": article.body, "other outlet": other.body}.get(body, body)
    before = list(Claim.objects.order_by("pk").values_list("pk", "article_id", "cluster_id"))
    with pytest.raises(CorrectionRefused, match=message):
        correct(article, editor, body=text, note=note)
    assert Article.objects.count() == 2
    assert list(Claim.objects.order_by("pk").values_list("pk", "article_id", "cluster_id")) == (
        before
    )


def test_only_the_current_revision_can_be_corrected(desk):
    article, _checked, editor = desk
    correct(article, editor)
    with pytest.raises(CorrectionRefused, match="has been corrected already"):
        correct_article(article, body="Another text.", note="Again.", actor=editor)


def test_a_second_correction_points_every_earlier_revision_at_the_current_one(desk):
    article, _checked, editor = desk
    second = correct(article, editor)
    third = correct_article(
        second, body=second.body.replace("Tuesday", "Wednesday"), note="Day.", actor=editor
    )
    assert third.revision == 3 and third.corrects == second
    article.refresh_from_db()
    second.refresh_from_db()
    assert article.superseded_by == third and second.superseded_by == third
    assert article.extraction_status == ExtractionStatus.DONE


# Through the admin


def test_an_editor_corrects_an_article_through_the_admin_form(desk, client):
    article, checked, editor = desk
    client.force_login(editor)
    url = reverse("admin:articles_article_correct", args=[article.pk])
    form = client.get(url)
    assert form.status_code == 200
    assert "1 claim with a verdict stays on revision 1" in form.text
    assert form.context["form"]["body"].value() == article.body
    response = client.post(
        url, {"body": corrected_body(article).replace("\n", "\r\n"), "note": "16%, not 17%."}
    )
    new = Article.objects.get(corrects=article)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_article_change", args=[new.pk])
    assert new.body == corrected_body(article)  # the browser's CRLF line ends are not kept
    assert checked.events.get(action="article_corrected").actor == editor


def test_the_admin_correction_form_shows_a_refusal_instead_of_saving(desk, client):
    article, _checked, editor = desk
    client.force_login(editor)
    url = reverse("admin:articles_article_correct", args=[article.pk])
    response = client.post(url, {"body": article.body, "note": "Nothing really."})
    assert response.status_code == 200
    assert "The corrected text is the same as revision 1" in response.text
    assert not Article.objects.filter(corrects=article).exists()


def test_a_superseded_revision_offers_no_correction_and_sends_to_the_current_one(desk, client):
    article, _checked, editor = desk
    new = correct(article, editor)
    client.force_login(editor)
    url = reverse("admin:articles_article_correct", args=[article.pk])
    response = client.post(url, {"body": "Other.", "note": "Again."})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_article_correct", args=[new.pk])
    assert Article.objects.count() == 3
    change = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert url not in change.text  # an old revision is read-only in the admin


def test_a_staff_fact_checker_cannot_correct_an_article(desk, client, django_user_model):
    article, _checked, _editor = desk
    staff_checker = user_with_role(django_user_model, "sc", "fact-checker", is_staff=True)
    client.force_login(staff_checker)
    url = reverse("admin:articles_article_correct", args=[article.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"body": "Changed.", "note": "Fix."}).status_code == 403
    assert not Article.objects.filter(corrects=article).exists()


def test_a_claim_checked_on_an_old_revision_is_not_put_back_into_a_cluster(desk, client):
    article, checked, editor = desk
    new = correct(article, editor)
    extract_claims(new.pk)
    match_story(article.story_id)
    target = new.claims.get(text=QUOTE).cluster
    clusters = ClaimCluster.objects.count()
    client.force_login(editor)
    moved = client.post(reverse("claim-move", args=[checked.pk]), {"cluster": target.pk}, **HTMX)
    split = client.post(reverse("claim-split", args=[checked.pk]), **HTMX)
    for response in (moved, split):
        assert response.status_code == 200
        assert "checked on an earlier revision of its article" in response.text
    checked.refresh_from_db()
    assert checked.cluster_id is None and ClaimCluster.objects.count() == clusters
    panel = client.get(checked.get_absolute_url(), **HTMX).text
    assert "Same fact as…" not in panel


def test_a_claim_checked_on_an_old_revision_is_not_merged_into_a_current_one(desk, client):
    article, checked, editor = desk
    new = correct(article, editor)
    extract_claims(new.pk)
    again = new.claims.get(text=QUOTE)
    client.force_login(editor)
    response = client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "merge_duplicates", "index": 0, "_selected_action": [checked.pk, again.pk],
         "apply": "1", "keep": str(again.pk)},
        follow=True,
    )  # fmt: skip
    assert "is not merged: it stays with the text it was checked on" in response.text
    checked.refresh_from_db()
    assert checked.article_id == article.pk and checked.verdicts.count() == 1
    assert not again.verdicts.exists()


def test_the_desk_does_not_re_extract_a_superseded_revision(desk, client):
    article, checked, editor = desk
    correct(article, editor)
    client.force_login(editor)
    response = client.post(reverse("article-reextract", args=[article.pk]), follow=True)
    assert "has been corrected since" in response.text
    assert list(article.claims.all()) == [checked]


@pytest.mark.django_db(transaction=True)
def test_two_editors_correcting_one_revision_at_once_make_one_revision(django_user_model):
    import threading

    from django.db import connection
    from django.test import Client

    from tests.factories import ClaimFactory

    claim = ClaimFactory()
    article = claim.article
    editors = [
        user_with_role(django_user_model, name, "editor", is_staff=True) for name in ("ed", "flo")
    ]
    url = reverse("admin:articles_article_correct", args=[article.pk])
    barrier, results = threading.Barrier(2), {}

    def correct_in_thread(user, body):
        client = Client()
        client.force_login(user)
        try:
            barrier.wait(timeout=10)
            response = client.post(url, {"body": body, "note": f"{user} fixed it."}, follow=True)
            results[user.username] = (response.status_code, response.content.decode())
        finally:
            connection.close()

    threads = [
        threading.Thread(target=correct_in_thread, args=(user, f"{article.body} {user}."))
        for user in editors
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(status for status, _ in results.values()) == [200, 200], results
    new = Article.objects.get(corrects=article)  # exactly one second revision
    assert Article.objects.count() == 2
    loser = next(name for name in results if not new.correction_note.startswith(name))
    # The second to save is sent to the current revision's form, and told why.
    assert "Revision 1 has been corrected already" in results[loser][1]
