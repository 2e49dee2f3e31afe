"""Adversarial articles through the database, pasted or uploaded, then extracted and matched.

Each either is saved, extracted and matched, or is refused with an UnreadableArticle
message; never a database error, never rows left behind by a refusal. Few examples:
every one runs the real services against PostgreSQL.
"""

from __future__ import annotations

import itertools

from django.core.files.base import ContentFile
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from articles.intake import paste_article, upload_articles
from articles.models import Article, ExtractionStatus, Story
from articles.reading import UnreadableArticle
from claims.models import Claim, ClaimCluster
from claims.services.clusters import match_story
from claims.services.extraction import extract_claims
from tests.articles import hostile_files as hostile
from tests.fuzz.strategies import NAMED_INPUTS, article_texts, headlines, no_hang

# The db fixture wraps the whole test, not each example, in one transaction (hence the
# health check); every example works in a story of its own so none sees another's rows.
DATABASE_EXAMPLES = settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
_story_numbers = itertools.count()


def fresh_story() -> Story:
    number = next(_story_numbers)
    return Story.objects.create(slug=f"fuzz-{number}", title=f"Fuzz story {number}")


def assert_extracted_and_matched(story: Story) -> None:
    """Extract and match every article of ``story`` and check what was stored."""
    for article in story.articles.all():
        assert "\x00" not in article.body + article.headline + article.origin
        with no_hang():
            extract_claims(article.pk)
        article.refresh_from_db()
        assert article.extraction_status == ExtractionStatus.DONE, article.extraction_error
        for claim in article.claims.all():
            assert 0 <= claim.start < claim.end <= len(article.body)
            assert article.body[claim.start : claim.end] == claim.text
    with no_hang():
        match_story(story.pk, recheck_primary=True)
    claims = Claim.objects.filter(article__story=story)
    assert not claims.filter(cluster__isnull=True).exists()
    for cluster in ClaimCluster.objects.filter(story=story).prefetch_related("claims"):
        articles = [claim.article_id for claim in cluster.claims.all()]
        assert articles and len(articles) == len(set(articles)), "one article twice in a cluster"
        assert cluster.outlet_count == len(articles)


@DATABASE_EXAMPLES
@given(
    texts=st.lists(article_texts(), min_size=1, max_size=2),
    headline=headlines(),
    primary=st.booleans(),
)
# Regressions, each a DataError before: NUL in text (PostgreSQL refuses it), a 400-character
# "speaker" (the column holds 200) and an inf figure (JSON cannot hold it).
@example(
    texts=["Netflix said revenue rose 17%.\x00 \u201cWe are all in,\u201d he said."],
    headline="",
    primary=False,
)
@example(
    texts=["\x00\nNetflix results\nNetflix said revenue rose 17%."], headline="", primary=False
)
@example(texts=["\x00 \x00\n\x00"], headline="Only NUL characters", primary=False)
@example(texts=[NAMED_INPUTS["capitalised run before said"]], headline="", primary=False)
@example(texts=[NAMED_INPUTS["400-digit number"]], headline="Losses", primary=False)
@example(
    texts=[NAMED_INPUTS["case-fold traps"], NAMED_INPUTS["mixed scripts"]],
    headline="",
    primary=True,
)
@example(texts=[NAMED_INPUTS["10,000 curly quotes, unbalanced"]], headline="", primary=False)
@example(texts=[NAMED_INPUTS["every control character"]], headline="", primary=False)
def test_pasted_articles_are_saved_extracted_and_matched_or_refused_with_a_message(
    db, texts, headline, primary
):
    story = fresh_story()
    for text in texts:
        before = story.articles.count()
        try:
            with no_hang():
                report = paste_article(story, headline=headline, outlet="Fuzz", text=text)
        except UnreadableArticle as refusal:
            assert str(refusal).strip()
            assert story.articles.count() == before, "a refused paste left an article behind"
            continue
        assert len(report.created) + len(report.duplicates) == 1
        assert story.articles.count() == before + len(report.created)
    if primary:
        Article.objects.filter(pk__in=story.articles.values("pk")[:1]).update(
            is_primary_source=True
        )
    assert_extracted_and_matched(story)


file_names = st.sampled_from(
    ["a.txt", "b.md", "c.html", "d.htm", "e.pdf", "f.docx", "g.exe", "no-suffix", "\u202ertl.txt"]
)
file_contents = st.one_of(
    article_texts().map(lambda text: text.encode("utf-8")),
    article_texts().map(lambda text: text.encode("utf-16")),
    article_texts().map(lambda text: text.encode("cp1252", errors="replace")),
    st.binary(max_size=2_000),
)


@DATABASE_EXAMPLES
@given(files=st.lists(st.tuples(file_names, file_contents), max_size=3))
@example(
    # A NUL past the first 8 KB slips by the binary-file sniff.
    files=[("late-nul.txt", b"Results\n" + b"Netflix said revenue rose 17%. " * 300 + b"\x00 Ok.")]
)
@example(files=[("nul-only.txt", b"Headline\n\x00")])
@example(files=[("utf16.txt", "Netflix results\nRevenue rose 17%.".encode("utf-16"))])
@example(files=[("page.html", b"<p>Revenue rose 17%.</p>" + b" " * 9000 + b"<p>\x00Ok.</p>")])
# The attack report's Word files, each a 500 before: broken XML and entity expansion.
@example(files=[("f.docx", hostile.malformed_docx()), ("g.docx", hostile.billion_laughs_docx())])
def test_uploaded_files_are_each_saved_or_refused_by_name_and_never_break_the_database(db, files):
    story = fresh_story()
    with no_hang():
        uploads = [ContentFile(data, name=name) for name, data in files]
        report = upload_articles(story, uploads, outlet="Fuzz")
    assert len(report.created) + len(report.duplicates) + len(report.refused) == len(files)
    assert story.articles.count() == len(report.created)
    assert all(
        any(message.startswith(f"{name}:") for name, _ in files) for message in report.refused
    )
    assert_extracted_and_matched(story)
