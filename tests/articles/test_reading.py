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


def test_windows_1252_text_is_detected_and_read(tmp_path):
    path = tmp_path / "cp1252.txt"
    path.write_bytes("Ça coûte 17 € headline\n“Quoted” résumé of the story.".encode("cp1252"))
    text = read_article_file(path)
    assert text.headline == "Ça coûte 17 € headline"
    assert text.body == "“Quoted” résumé of the story."


def test_bytes_in_no_known_encoding_are_refused_with_advice(tmp_path):
    path = tmp_path / "garbled.txt"
    path.write_bytes(bytes(range(128, 256)) * 10)
    with pytest.raises(UnreadableArticle, match=r"not text in any encoding .* save it as UTF-8"):
        read_article_file(path)


def test_a_file_over_the_size_limit_is_refused(tmp_path, settings):
    settings.MAX_UPLOAD_BYTES = 1024
    path = tmp_path / "long.txt"
    path.write_text("Headline\n" + "word " * 1000)
    with pytest.raises(UnreadableArticle, match=r"the limit is 0\.0009765"):
        read_article_file(path)


def test_word_documents_are_read_paragraph_by_paragraph(tmp_path):
    from docx import Document

    document = Document()
    document.add_paragraph("Netflix goes all in")
    document.add_paragraph("Revenue rose 17% to $11.5 billion.")
    path = tmp_path / "story.docx"
    document.save(path)
    text = read_article_file(path)
    assert (text.headline, text.body) == (
        "Netflix goes all in",
        "Revenue rose 17% to $11.5 billion.",
    )


def test_a_pdf_text_layer_is_read(tmp_path):
    from weasyprint import HTML

    path = tmp_path / "story.pdf"
    path.write_bytes(
        HTML(
            string="<p>Netflix goes all in</p><p>Revenue rose 17% to $11.5 billion.</p>"
        ).write_pdf()
    )
    text = read_article_file(path)
    assert text.headline == "Netflix goes all in"
    assert "$11.5 billion" in text.body


def test_a_broken_word_document_or_pdf_is_refused(tmp_path):
    for name, message in [("bad.docx", "not a readable Word"), ("bad.pdf", "not a readable PDF")]:
        path = tmp_path / name
        path.write_bytes(b"this is not really a " + name.encode())
        with pytest.raises(UnreadableArticle, match=message):
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
    path = tmp_path / "report.odt"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(UnreadableArticle, match=r"unsupported file type '\.odt'"):
        read_article_file(path)


def test_headline_without_body_is_refused(tmp_path):
    path = tmp_path / "only-title.txt"
    path.write_text("Just a headline\n")
    with pytest.raises(UnreadableArticle, match="no article text"):
        read_article_file(path)


# Encodings: what a newsroom's older tools save, read as written.

# Short texts are where detection goes wrong: "Café" came back as "Cafť" or "Cafﻠ".
WESTERN_SAMPLES = [
    ("Café du port\nLe café a rouvert jeudi, a déclaré le maire.", "fr"),
    ("Café\nOuvert.", "fr-short"),
    ("Été\nChaud.", "fr-shorter"),
    ("Über das Café\nDie Straße am Hafen ist gesperrt, sagte die Bürgermeisterin.", "de"),
    ("Größe\nZählt.", "de-short"),
    ("Öl\nTeurer.", "de-shorter"),
    ("Año nuevo en el café\nLa campaña empezó en enero, según el señor López.", "es"),
    ("Señor\nLópez.", "es-short"),
    ("¿Qué?\nNada.", "es-shorter"),
]


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
@pytest.mark.parametrize(("text", "language"), WESTERN_SAMPLES, ids=[s[1] for s in WESTERN_SAMPLES])
def test_western_european_single_byte_text_is_read_as_written(tmp_path, text, language, encoding):
    path = tmp_path / f"{language}.txt"
    path.write_bytes(text.encode(encoding))
    article = read_article_file(path)
    assert f"{article.headline}\n{article.body}" == text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Zażółć gęślą jaźń\nTo jest artykuł o mieście i jego mieszkańcach.", "cp1250"),
        ("Привет из порта\nЭто статья о городе и его жителях.", "cp1251"),  # noqa: RUF001
        ("Καλημέρα από το λιμάνι\nΑυτό είναι ένα άρθρο για την πόλη.", "cp1253"),  # noqa: RUF001
        ("서울 시장 선거\n서울시는 오늘 새로운 정책을 발표했다.", "euc-kr"),
    ],
    ids=["polish", "russian", "greek", "korean"],
)
def test_other_single_byte_text_is_not_taken_for_windows_1252(tmp_path, text, encoding):
    path = tmp_path / "story.txt"
    path.write_bytes(text.encode(encoding))
    article = read_article_file(path)
    assert f"{article.headline}\n{article.body}" == text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-8"])
def test_unicode_text_with_a_byte_order_mark_is_read(tmp_path, encoding):
    text = "Café du port\nLe café a rouvert jeudi — “enfin”, a déclaré le maire."
    path = tmp_path / "story.txt"
    path.write_bytes(("\ufeff" + text).encode(encoding))
    article = read_article_file(path)
    assert (article.headline, article.body) == tuple(text.split("\n"))


def test_utf_16_text_without_a_byte_order_mark_is_still_refused_as_binary(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes("Café du port\nLe café a rouvert.".encode("utf-16-le"))
    with pytest.raises(UnreadableArticle, match="looks like a binary file"):
        read_article_file(path)


def test_an_article_over_the_length_limit_is_refused_with_its_length(tmp_path, settings):
    settings.MAX_ARTICLE_CHARS = 1_000
    path = tmp_path / "long.txt"
    path.write_text("Headline\n" + "word " * 400)
    with pytest.raises(UnreadableArticle) as refused:
        read_article_file(path)
    assert str(refused.value) == (
        "long.txt: is 1,999 characters long; the limit for an article is 1,000 characters."
    )
