"""The health check answers without a login (its 503 is proved in tests/faults/)."""

from django.urls import reverse


def test_health_check_answers_ok_without_a_login(client, db, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]
