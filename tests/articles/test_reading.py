"""Reading files into articles: what is accepted and what is refused, and why."""

import pytest

from articles.reading import UnreadableArticle, html_to_text, read_article_file, split_headline


def test_first_non_empty_line_becomes_the_headline_and_the_rest_the_body():
    text = split_headline("\n\nNetflix goes all in\nRevenue rose 17%.\nMore text.", origin="a.txt")
    assert text.headline == "Netflix goes all in"
    assert text.body == "Revenue rose 17%.\nMore text."


def test_markdown_heading_marks_are_dropped_from_the_headline():
    assert split_headline("# Big news\nBody.", origin="a.md").headline == "Big news"


def test_a_lede_paragraph_on_the_first_line_stays_in_the_body():
    lede = "Netflix just declared itself all in on generative AI. " + "More words here. " * 20
    text = split_headline(lede + "\nSecond paragraph.", origin="a.txt")
    assert text.headline == "Netflix just declared itself all in on generative AI."
    assert text.body.startswith("Netflix just declared itself")


def test_html_pages_become_lines_of_text_without_scripts_or_styles():
    html = (
        "<html><head><title>T</title><style>p{}</style></head><body>"
        "<h1>Headline</h1><script>alert('x')</script><p>First &amp; second.</p>"
        "<p>Third</p></body></html>"
    )
    assert html_to_text(html) == "Headline\nFirst & second.\nThird"


def test_empty_file_is_refused_with_its_name(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n")
    with pytest.raises(UnreadableArticle, match=r"empty\.txt: the file is empty"):
        read_article_file(path)


def test_binary_file_posing_as_text_is_refused(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(UnreadableArticle, match="binary"):
        read_article_file(path)


def test_text_that_is_not_utf8_is_refused_with_advice(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\xe9 headline\nR\xe9sum\xe9 of the story.".encode("latin-1"))
    with pytest.raises(UnreadableArticle, match="not valid UTF-8"):
        read_article_file(path)


def test_html_in_its_declared_charset_is_read(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(
        '<html><head><meta charset="iso-8859-1"></head><body><h1>Caf\xe9 news</h1>'
        "<p>Revenue rose 17%.</p></body></html>".encode("latin-1")
    )
    text = read_article_file(path)
    assert text.headline == "Café news"
    assert text.body == "Revenue rose 17%."


def test_unsupported_file_type_is_refused(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(UnreadableArticle, match=r"unsupported file type '\.docx'"):
        read_article_file(path)


def test_headline_without_body_is_refused(tmp_path):
    path = tmp_path / "only-title.txt"
    path.write_text("Just a headline\n")
    with pytest.raises(UnreadableArticle, match="no article text"):
        read_article_file(path)
