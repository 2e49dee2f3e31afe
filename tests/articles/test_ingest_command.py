"""`manage.py ingest`: good files are saved together, bad ones refused, nothing half-written."""

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, ExtractionStatus, Story


def run_ingest(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("ingest", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_ingest_creates_the_story_and_one_article_per_file(sample_paths):
    out, err = run_ingest(*sample_paths, "--story", "netflix-ai", "--outlet", "Wire")
    story = Story.objects.get(slug="netflix-ai")
    articles = list(story.articles.order_by("origin"))
    assert [a.origin for a in articles] == [p.name for p in sample_paths]
    assert {a.outlet for a in articles} == {"Wire"}
    assert (
        articles[0].headline == "Netflix Embraces Generative AI While Navigating Industry Concerns"
    )
    assert all(a.extraction_status == ExtractionStatus.PENDING for a in articles)
    assert "5 added, 0 duplicate, 0 refused" in out
    assert err == ""


@pytest.mark.django_db
def test_bad_files_are_refused_by_name_and_good_ones_still_saved(tmp_path, sample_paths):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x00\x01\x02\x03" * 100)
    undecodable = tmp_path / "garbled.txt"
    undecodable.write_bytes(bytes(range(128, 256)) * 10)
    _out, err = run_ingest(empty, binary, undecodable, sample_paths[0], "--story", "mixed")
    assert "Refused empty.txt: the file is empty." in err
    assert "Refused image.txt: looks like a binary file" in err
    assert "Refused garbled.txt: is not text in any encoding" in err
    assert list(Article.objects.values_list("origin", flat=True)) == [sample_paths[0].name]


@pytest.mark.django_db
def test_only_bad_files_fail_the_command_and_save_nothing(tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_text("\n")
    with pytest.raises(CommandError, match="No article was added"):
        run_ingest(empty, "--story", "nothing")
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_the_same_text_twice_is_reported_as_a_duplicate_not_saved_again(sample_paths):
    run_ingest(sample_paths[0], "--story", "dup")
    out, _ = run_ingest(sample_paths[0], "--story", "dup")
    assert Article.objects.count() == 1
    assert f"Skipped {sample_paths[0].name}: same text as article" in out


@pytest.mark.django_db
def test_a_slug_with_no_usable_characters_is_refused(sample_paths):
    with pytest.raises(CommandError, match="not a usable story slug"):
        run_ingest(sample_paths[0], "--story", "!!!")
    assert not Story.objects.exists()


@pytest.mark.worker
def test_wait_blocks_until_the_worker_has_extracted_every_article(celery_worker, sample_paths):
    out, _err = run_ingest(*sample_paths, "--story", "netflix-ai", "--wait", "--timeout", "60")
    articles = Article.objects.filter(story__slug="netflix-ai")
    assert articles.count() == 5
    assert set(articles.values_list("extraction_status", flat=True)) == {ExtractionStatus.DONE}
    for article in articles:
        assert article.claims.exists()
        assert f"Extracted #{article.pk}:" in out


@pytest.mark.django_db
def test_primary_flag_marks_the_files_as_primary_documents(tmp_path):
    letter = tmp_path / "letter.txt"
    letter.write_text("Shareholder letter\nWe're not worried about AI replacing creativity.")
    run_ingest(letter, "--story", "letters", "--primary")
    assert Article.objects.get().is_primary_source
