"""An editor curates in the admin: bulk actions behind confirmation pages, bounded queries."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from claims.models import Claim, ClaimCluster, ClaimEvent, Verdict
from claims.services.review import record_verdict
from tests.conftest import user_with_role
from tests.factories import ClaimFactory

CHANGELISTS = [
    "claims_claim", "claims_verdict", "claims_claimevent", "articles_article", "articles_story",
]  # fmt: skip


@pytest.fixture
def staff_editor(client, django_user_model):
    client.force_login(user_with_role(django_user_model, "ed", "editor", is_staff=True))
    return client


def action(client, name, ids, **extra):
    data = {"action": name, "index": 0, "_selected_action": ids, **extra}
    return client.post(reverse("admin:claims_claim_changelist"), data, follow=True)


@pytest.mark.parametrize("model", CHANGELISTS)
def test_changelists_use_the_same_queries_at_40_and_400_claims(
    superuser_client, model, django_assert_max_num_queries
):
    counts = []
    for claims in (40, 400):
        call_command("seed_load", "--claims", claims, stdout=StringIO())
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            response = superuser_client.get(reverse(f"admin:{model}_changelist"))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert counts[1] <= 15, counts


def test_claim_change_page_is_bounded_whatever_the_history(
    superuser_client, django_assert_max_num_queries
):
    claim = ClaimFactory()
    checker = user_with_role_for_test()
    for n in range(30):
        record_verdict(claim=claim, checked_by=checker, label="varied", rationale=f"take {n}")
    with django_assert_max_num_queries(20):
        response = superuser_client.get(reverse("admin:claims_claim_change", args=[claim.pk]))
    assert "take 29" in response.text


def user_with_role_for_test():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("bulk-checker", password="x")


def test_merging_duplicates_keeps_every_verdict_and_the_history(staff_editor, checker):
    keep = ClaimFactory()
    duplicate = ClaimFactory(article=keep.article, start=0, end=7)
    record_verdict(claim=duplicate, checked_by=checker, label="erroneous", rationale="Wrong.")
    confirm = action(staff_editor, "merge_duplicates", [keep.pk, duplicate.pk])
    assert "Merge duplicate claims" in confirm.text and "Keep this claim" in confirm.text
    assert Claim.objects.count() == 2  # nothing happens before the confirmation
    done = action(staff_editor, "merge_duplicates", [keep.pk, duplicate.pk], apply="1",
                  keep=str(keep.pk))  # fmt: skip
    assert "Merged 1 duplicates into claim" in done.text
    keep.refresh_from_db()
    assert not Claim.objects.filter(pk=duplicate.pk).exists()
    assert keep.latest_verdict.rationale == "Wrong."
    assert list(keep.events.values_list("action", flat=True).order_by("id")) == ["verdict", "merge"]
    assert Verdict.objects.count() == 1


def test_reassigning_asks_first_then_assigns(staff_editor, checker):
    claims = [ClaimFactory(), ClaimFactory()]
    ids = [c.pk for c in claims]
    confirm = action(staff_editor, "reassign", ids)
    assert "Reassign claims" in confirm.text
    action(staff_editor, "reassign", ids, apply="1", assignee=checker.pk)
    assert set(Claim.objects.values_list("assignee", flat=True)) == {checker.pk}
    assert ClaimEvent.objects.filter(action="assign").count() == 2


def test_moving_claims_between_clusters(staff_editor):
    first = ClaimFactory()
    second = ClaimFactory(article=first.article, start=0, end=7)
    target = ClaimCluster.objects.create(story=first.article.story)
    action(staff_editor, "move_to_cluster", [first.pk, second.pk], apply="1", cluster=target.pk)
    assert set(Claim.objects.values_list("cluster", flat=True)) == {target.pk}
    target.refresh_from_db()
    assert target.curated


def test_restoring_an_old_verdict_adds_a_new_entry(staff_editor, checker):
    claim = ClaimFactory()
    old = record_verdict(claim=claim, checked_by=checker, label="supported", rationale="First.")
    record_verdict(claim=claim, checked_by=checker, label="erroneous", rationale="Second.")
    staff_editor.post(
        reverse("admin:claims_verdict_changelist"),
        {"action": "restore", "index": 0, "_selected_action": [old.pk]},
    )
    claim.refresh_from_db()
    assert claim.verdicts.count() == 3
    assert claim.latest_verdict.label == "supported"
    assert claim.latest_verdict.rationale.startswith(f"Restored verdict #{old.pk}")
    assert claim.events.filter(action="restore").exists()


def test_checkers_cannot_run_editor_actions(client, django_user_model, checker):
    staff_checker = user_with_role(django_user_model, "staffcheck", "fact-checker", is_staff=True)
    client.force_login(staff_checker)
    claim = ClaimFactory()
    response = client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "reassign", "index": 0, "_selected_action": [claim.pk],
         "apply": "1", "assignee": checker.pk},
    )  # fmt: skip
    assert response.status_code == 403
    claim.refresh_from_db()
    assert claim.assignee is None


@pytest.fixture
def superuser_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "r@x.org", "pw-root-1"))
    return client


def test_claims_filter_by_story_and_outlet_without_scanning_claims(superuser_client):
    first = ClaimFactory()
    ClaimFactory()
    url = reverse("admin:claims_claim_changelist")
    by_story = superuser_client.get(url, {"story": first.article.story.slug})
    assert by_story.context["cl"].result_list[0].pk == first.pk
    assert len(by_story.context["cl"].result_list) == 1
    first.article.outlet = "Reuters"
    first.article.save()
    by_outlet = superuser_client.get(url, {"outlet": "Reuters"})
    assert [c.pk for c in by_outlet.context["cl"].result_list] == [first.pk]
