"""Evidence links show where they really go, and warn when an address imitates another."""

import pytest
from django.urls import reverse

from claims.evidence_links import describe_evidence
from claims.services.review import record_verdict
from reports.documents import render_story_report, report_claims
from tests.factories import ClaimFactory

CYRILLIC_A = "\u0430"
LOOKALIKE = f"https://p{CYRILLIC_A}ypal.com/login"


def test_a_plain_link_goes_where_it_says_without_warnings():
    link = describe_evidence("https://www.Reuters.com/world/a-story")
    assert (link.href, link.host, link.warnings) == (
        "https://www.Reuters.com/world/a-story", "www.reuters.com", ()
    )  # fmt: skip


def test_a_name_before_an_at_sign_is_named_and_the_real_host_shown():
    link = describe_evidence("https://example.com@evil.example/report")
    assert link.host == "evil.example"
    assert link.warnings == (
        "The address puts “example.com” before an @: it really goes to evil.example.",
    )


def test_a_host_name_mixing_scripts_is_flagged_with_its_real_address():
    link = describe_evidence(LOOKALIKE)
    assert link.host == "xn--pypal-4ve.com"
    assert "mixes Cyrillic and Latin letters" in link.warnings[0]
    assert "xn--pypal-4ve.com" in link.warnings[0]


def test_the_same_trick_in_punycode_is_flagged_too():
    assert describe_evidence("https://xn--pypal-4ve.com/").warnings


@pytest.mark.parametrize(
    "url",
    ["https://münchen.de/", "https://例え.jp/", "https://ελληνικά.gr/", "https://bbc.co.uk/"],
)
def test_international_names_in_one_script_are_not_flagged(url):
    link = describe_evidence(url)
    assert link.warnings == ()
    assert link.host.isascii()


def test_invisible_direction_marks_are_shown_not_obeyed():
    link = describe_evidence("https://example.org/\u202egnp.exe")
    assert "\u202e" not in link.text
    assert "\\u202e" in link.text


@pytest.mark.parametrize(
    "value", ["javascript:alert(1)", "ftp://x.example/", "not a link", "http://[::1"]
)
def test_what_is_no_web_link_is_shown_as_text(value):
    link = describe_evidence(value)
    assert link.href == ""


@pytest.mark.django_db
def test_the_claim_panel_shows_the_real_host_and_the_warnings(checker_client, checker):
    claim = ClaimFactory(assignee=checker)
    record_verdict(
        claim=claim,
        checked_by=checker,
        label="erroneous",
        rationale="A scam page.",
        evidence=["https://example.com@evil.example/report", LOOKALIKE],
    )
    page = checker_client.get(reverse("claim-detail", args=[claim.pk]), HTTP_HX_REQUEST="true")
    assert '<span class="link-host" title="Where this link goes">evil.example</span>' in page.text
    assert "it really goes to evil.example" in page.text
    assert "xn--pypal-4ve.com" in page.text
    assert "mixes Cyrillic and Latin letters" in page.text


@pytest.mark.django_db
def test_the_printed_report_shows_them_too(checker):
    claim = ClaimFactory()
    record_verdict(
        claim=claim, checked_by=checker, label="varied", rationale="See.", evidence=[LOOKALIKE]
    )
    html = render_story_report(claim.article.story, report_claims(claim.article.story))
    assert "(xn--pypal-4ve.com)" in html
    assert "mixes Cyrillic and Latin letters" in html
