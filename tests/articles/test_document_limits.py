"""Hostile Word and PDF files are refused by name, quickly, and at no cost to the web process.

The files are the attack report's, rebuilt small (tests/articles/hostile_files.py); the
limits are the real defaults unless a test says otherwise.
"""

import io
import os
import time

import pytest

from articles.reading import UnreadableArticle, read_article_bytes
from tests.articles import hostile_files as hostile

MB = 1024 * 1024


def refusal(name: str, data: bytes) -> str:
    with pytest.raises(UnreadableArticle) as refused:
        read_article_bytes(name, data)
    return str(refused.value)


@pytest.fixture
def quickly():
    """Fails the test if what it wraps takes longer than the seconds given."""
    started = time.monotonic()

    def within(seconds: float) -> None:
        elapsed = time.monotonic() - started
        assert elapsed < seconds, f"took {elapsed:.1f}s"

    return within


# Word -----------------------------------------------------------------------------------------


def test_a_word_document_that_unpacks_past_the_limit_is_refused_before_it_is_unpacked(quickly):
    data = hostile.inflating_docx(60)
    assert len(data) < 300 * 1024
    assert refusal("report.docx", data) == (
        "report.docx: the document expands to more than 50 MB when unpacked; the limit is 50 MB."
    )
    quickly(5)


def test_a_word_document_with_more_text_than_an_article_is_refused_while_unpacking(quickly):
    # 40 MB unpacked, under the size limit: 40 million characters of text, as in the attack
    # (a 214 KB file that became a 31-million-character article).
    data = hostile.inflating_docx(40)
    assert refusal("report.docx", data) == (
        "report.docx: the document has more than 300,000 characters of text; the limit for an "
        "article is 300,000 characters."
    )
    quickly(5)


def test_a_word_document_whose_archive_lies_about_its_sizes_is_refused(quickly):
    # Declares 1 KB for what unpacks to 60 MB: the declared check passes, the count does not
    # (or the checksum, where zipfile stops at the declared size itself).
    message = refusal("report.docx", hostile.lying_docx(60))
    assert message.startswith("report.docx: ")
    assert "not a readable Word" in message or "expands to more than" in message
    quickly(5)


def test_a_word_document_of_thousands_of_parts_is_refused(quickly):
    assert refusal("parts.docx", hostile.many_parts_docx(5_000)) == (
        "parts.docx: the document is made of 5,017 parts; the limit is 1,000."
    )
    quickly(5)


def test_entity_expansion_in_a_word_document_is_refused_by_name():
    assert refusal("laughs.docx", hostile.billion_laughs_docx()) == (
        "laughs.docx: is not a readable Word (.docx) document (word/document.xml declares XML "
        "entities, which Word documents never contain)."
    )


def test_a_word_document_with_broken_xml_is_refused_by_name():
    assert refusal("broken.docx", hostile.malformed_docx()) == (
        "broken.docx: is not a readable Word (.docx) document (word/document.xml is damaged)."
    )


def test_a_word_document_too_big_to_build_in_memory_stops_the_reader_not_the_web_process(
    settings, quickly
):
    # 10 MB of empty runs: little text, but python-docx's tree of them takes a gigabyte
    # and minutes when nothing limits it.
    settings.DOCUMENT_READ_MEMORY_BYTES = 200 * MB
    assert refusal("runs.docx", hostile.empty_runs_docx(10)) == (
        "runs.docx: needs more than 200 MB of memory to read, so FactDesk stopped reading it."
    )
    quickly(8)


def test_reading_a_hostile_document_costs_the_web_process_no_memory():
    data = hostile.inflating_docx(40)

    def refused() -> None:
        with pytest.raises(UnreadableArticle):
            read_article_bytes("report.docx", data)

    _, peak = hostile.python_memory_peak(refused)
    # 40 MB were unpacked and parsed, all of it in the child process.
    assert peak < 2 * MB, f"peak {peak / MB:.1f} MB"


def test_the_reader_gives_python_docxs_own_paragraph_text_for_a_real_document():
    from docx import Document
    from docx.enum.text import WD_BREAK

    document = Document()
    document.add_heading("Port traffic up", level=1)
    lede = document.add_paragraph("The port moved ")
    lede.add_run("3 million").bold = True
    lede.add_run(" tonnes\tin 2025, the board said.")
    lede.add_run().add_break(WD_BREAK.LINE)
    lede.add_run("“We are proud,” the chair said.")
    document.add_table(rows=1, cols=1).cell(0, 0).text = "Tables are not paragraphs."
    document.add_paragraph("Ferry fares doubled after the strike — ended in June.")
    buffer = io.BytesIO()
    document.save(buffer)
    expected = "\n".join(p.text for p in Document(io.BytesIO(buffer.getvalue())).paragraphs)
    text = read_article_bytes("port.docx", buffer.getvalue())
    assert f"{text.headline}\n{text.body}" == expected.strip()


# PDF ------------------------------------------------------------------------------------------


def test_a_pdf_of_thirty_thousand_pages_is_refused_quickly(quickly):
    data = hostile.pdf_with_pages(30_000)
    assert len(data) < 5 * MB
    assert refusal("pages.pdf", data) == (
        "pages.pdf: the PDF has more than 1,000 pages; the limit is 1,000 pages."
    )
    quickly(8)


def test_a_pdf_with_more_text_than_an_article_is_refused_as_it_is_read(settings):
    settings.MAX_ARTICLE_CHARS = 2_000
    assert refusal("long.pdf", hostile.pdf_with_pages(900)) == (
        "long.pdf: the document has more than 2,000 characters of text; the limit for an "
        "article is 2,000 characters."
    )


def test_a_pdf_stream_that_unpacks_past_the_limit_is_refused_by_name(quickly):
    # pypdf's own limit (75 MB) raises LimitReachedError, which used to escape as a 500.
    assert refusal("bomb.pdf", hostile.pdf_with_stream_bomb(80)) == (
        "bomb.pdf: is not a readable PDF (part of it unpacks beyond FactDesk's limits)."
    )
    quickly(8)


def test_a_document_that_takes_too_long_to_read_is_stopped_at_the_time_limit(settings):
    # 900 pages take 0.55-0.8 s to read here (child start-up included): a limit of 0.2 s
    # is always crossed, where 0.5 s was crossed only on a busy machine.
    settings.DOCUMENT_READ_SECONDS = 0.2
    started = time.monotonic()
    assert refusal("slow.pdf", hostile.pdf_with_pages(900)) == (
        "slow.pdf: took longer than 0.2 seconds to read, so FactDesk stopped reading it; the "
        "limit is 0.2 seconds."
    )
    assert time.monotonic() - started < 3  # the limit, and the child's start-up at most


def test_a_good_pdf_under_every_limit_is_read_in_full():
    text = read_article_bytes("long.pdf", hostile.pdf_with_pages(900, b"Fares rose 5%."))
    assert text.headline == "Fares rose 5%."
    assert text.body.count("Fares rose 5%.") == 899


def test_the_reader_process_is_started_without_the_web_processs_secrets(monkeypatch):
    from articles.document_reader import _child_environment

    monkeypatch.setenv("SECRET_KEY", "not-for-the-reader")
    monkeypatch.setenv("DATABASE_URL", "postgres://factdesk:secret@db/factdesk")
    environment = _child_environment()
    assert "SECRET_KEY" not in environment and "DATABASE_URL" not in environment
    assert environment.get("PATH") == os.environ.get("PATH")
    # ...and it still reads: nothing it needs was left behind.
    assert read_article_bytes("ok.docx", hostile.docx_bytes("Headline", "Body.")).body == "Body."
