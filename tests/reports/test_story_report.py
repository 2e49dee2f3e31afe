"""The printable story report: its HTML, and the PDF WeasyPrint makes of it."""

import socket

import pypdfium2
import pytest
import tinyhtml5  # WeasyPrint's own HTML parser: the tests read the report as a browser would
from django.conf import settings

from claims.models import Claim, ClaimKind
from claims.services.clusters import match_story
from claims.services.review import record_verdict, sign_off
from reports.documents import local_fetcher, render_pdf, render_story_report, report_claims
from tests.factories import ArticleFactory, ClaimFactory

REPO = settings.BASE_DIR


def parse(html: str):
    return tinyhtml5.parse(html, namespace_html_elements=False)


def by_id(root, element_id: str):
    found = [element for element in root.iter() if element.get("id") == element_id]
    assert len(found) == 1, f"{len(found)} elements with id {element_id}"
    return found[0]


def text_of(element) -> str:
    return " ".join(" ".join(element.itertext()).split())


def first_listed_claim(story) -> Claim:
    """The claim the report prints first (biggest cluster first)."""
    root = parse(render_story_report(story, report_claims(story)))
    card = next(e for e in root.iter("article") if "claim-card" in e.get("class", ""))
    return Claim.objects.get(pk=int(card.get("id").removeprefix("claim-")))


@pytest.fixture
def checked_story(sample_story, checker, editor):
    """The sample story, matched, with one verdict of each kind; the supported one signed off."""
    match_story(sample_story.pk)
    first = first_listed_claim(sample_story)
    others = Claim.objects.filter(article__story=sample_story).exclude(pk=first.pk)
    verdicts = {}
    for claim, label in zip(
        [first, *others.order_by("-id")[:2]], ["supported", "varied", "erroneous"], strict=True
    ):
        record_verdict(
            claim=claim,
            checked_by=checker,
            label=label,
            rationale=f"The transcript shows it is {label}.",
            evidence=[f"https://ir.netflix.net/{label}", "javascript:alert(1)"],
        )
        verdicts[claim.pk] = label
    sign_off(claim=first, editor=editor)
    return sample_story, verdicts


@pytest.mark.django_db
def test_the_report_counts_verdicts_and_shows_each_checked_claims_verdict_and_rationale(
    checked_story,
):
    story, verdicts = checked_story
    html = render_story_report(story, report_claims(story), generated_by="editor")
    root = parse(html)
    total = Claim.objects.filter(article__story=story).count()
    counts = {
        label: int(text_of(by_id(root, f"count-{label}")))
        for label in ("supported", "varied", "erroneous", "unchecked", "signed-off")
    }
    assert counts == {
        "supported": 1,
        "varied": 1,
        "erroneous": 1,
        "unchecked": total - 3,
        "signed-off": 1,
    }
    assert text_of(by_id(root, "report-title")) == story.title
    assert "by editor" in text_of(by_id(root, "generated"))
    for claim_id, label in verdicts.items():
        card = text_of(by_id(root, f"claim-{claim_id}"))
        assert label.capitalize() in card
        assert f"The transcript shows it is {label}." in card
        assert "checker" in card
        links = [a.get("href") for a in by_id(root, f"claim-{claim_id}").iter("a")]
        assert f"https://ir.netflix.net/{label}" in links
        assert "javascript:alert(1)" not in links  # shown as text, never a link
    supported = next(pk for pk, label in verdicts.items() if label == "supported")
    assert "Signed off by editor" in text_of(by_id(root, f"claim-{supported}"))


@pytest.mark.django_db
def test_every_outlets_version_of_a_fact_is_shown_together_and_highlighted_in_its_article(
    checked_story,
):
    story, verdicts = checked_story
    root = parse(render_story_report(story, report_claims(story)))
    first = Claim.objects.get(pk=next(iter(verdicts)))
    versions = Claim.objects.filter(cluster_id=first.cluster_id)
    assert versions.count() > 1
    group = next(
        section
        for section in root.iter("section")
        if "group" in section.get("class", "").split()
        and f"claim-{first.pk}" in {e.get("id") for e in section.iter("article")}
    )
    assert {e.get("id") for e in group.iter("article")} == {f"claim-{v.pk}" for v in versions}
    assert any(True for _ in group.iter("ins")) or any(True for _ in group.iter("del"))
    mark = by_id(root, f"mark-{first.pk}")
    assert mark.get("class") == "claim verdict-supported"
    unchecked = versions.exclude(pk__in=verdicts).first()
    assert by_id(root, f"mark-{unchecked.pk}").get("class") == "claim verdict-unchecked"


@pytest.mark.django_db
def test_article_text_and_verdicts_are_escaped_never_markup(checker):
    body = "Netflix said <script>alert(1)</script> revenue rose 17%. Shares <b>jumped</b> after."
    article = ArticleFactory(body=body, headline="<img src=x onerror=alert(2)> Netflix")
    claim = ClaimFactory(article=article, kind=ClaimKind.STATISTIC)
    record_verdict(
        claim=claim, checked_by=checker, label="erroneous", rationale="<i>Wrong</i> & made up."
    )
    html = render_story_report(article.story, report_claims(article.story))
    root = parse(html)
    tags = {element.tag for element in root.iter()}
    assert not tags & {"script", "img", "b", "i"}
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" in text_of(by_id(root, f"mark-{claim.pk}"))
    assert "<i>Wrong</i> & made up." in text_of(by_id(root, f"claim-{claim.pk}"))


@pytest.mark.django_db
def test_the_report_costs_the_same_few_queries_however_many_claims(
    checked_story, django_assert_max_num_queries
):
    story, _ = checked_story
    assert Claim.objects.filter(article__story=story).count() > 50
    # The claims, the story's articles, the cluster labels.
    with django_assert_max_num_queries(3):
        render_story_report(story, report_claims(story))


@pytest.mark.django_db
def test_the_pdf_of_the_sample_story_has_pages_with_the_title_and_verdicts_on_the_first(
    checked_story, monkeypatch
):
    story, _ = checked_story
    html = render_story_report(story, report_claims(story), generated_by="editor")
    connections = []
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: connections.append(a))
    pdf_bytes = render_pdf(html, REPO)
    assert pdf_bytes.startswith(b"%PDF")
    assert not connections
    pdf = pypdfium2.PdfDocument(pdf_bytes)
    try:
        assert len(pdf) > 1
        page = pdf[0]
        text = page.get_textpage().get_text_range()
        assert story.title in text
        assert "Supported" in text  # the first claim's verdict, not the (uppercased) count label
        image = page.render(scale=1).to_pil().convert("L")
        histogram = image.histogram()  # pixels per grey level, 0 black to 255 white
        assert sum(histogram[:200]) / sum(histogram) > 0.02
    finally:
        pdf.close()


def test_the_pdf_renderer_reads_only_files_under_the_repository():
    fetcher = local_fetcher(REPO)
    stylesheet = fetcher.fetch((REPO / "static" / "css" / "report.css").as_uri())
    assert b"@page" in stylesheet.read()
    stylesheet.close()
    refused = [
        "https://example.com/logo.png",
        "http://127.0.0.1:8000/static/css/factdesk.css",
        "data:text/css,body{color:red}",
        "file:///etc/passwd",
        (REPO / "static" / ".." / ".." / "etc" / "passwd").as_uri(),
        "file://evil.example/share/x.css",
        "ftp://example.com/x.css",
    ]
    for url in refused:
        with pytest.raises(ValueError, match="Refused"):
            fetcher.fetch(url)


def test_a_remote_image_or_stylesheet_is_refused_and_the_pdf_still_renders(monkeypatch):
    connections = []
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: connections.append(a))
    html = (
        '<html><head><link rel="stylesheet" href="https://cdn.example.com/x.css"></head>'
        '<body><p>Offline</p><img src="http://example.com/x.png"></body></html>'
    )
    pdf_bytes = render_pdf(html, REPO)
    assert pdf_bytes.startswith(b"%PDF")
    assert not connections
