"""Hostile Word and PDF files, built in a fraction of a second each.

Each is small on disk and large, slow or malformed once opened: what the attack report
used against FactDesk, rebuilt here so the tests can replay it.
"""

import io
import struct
import zipfile
import zlib

WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_bytes(*paragraphs: str) -> bytes:
    """A real Word document, as python-docx writes it."""
    from docx import Document

    document = Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def with_member(docx: bytes, name: str, content: bytes | None = None, *, chunks=None) -> bytes:
    """``docx`` with one member replaced (or added): by ``content``, or streamed ``chunks``."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            if info.filename != name:
                archive.writestr(info.filename, source.read(info.filename))
        if chunks is None:
            archive.writestr(name, content)
        else:
            with archive.open(name, "w", force_zip64=True) as member:
                for chunk in chunks:
                    member.write(chunk)
    return out.getvalue()


def _document_xml(head: bytes, paragraph: bytes, repeat: int, tail: bytes):
    yield (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<w:document xmlns:w="' + WORD_NS.encode() + b'"><w:body>' + head
    )
    block = paragraph * 1000
    for _ in range(repeat // 1000):
        yield block
    yield tail + b"</w:body></w:document>"


def inflating_docx(megabytes: int) -> bytes:
    """A Word document whose text unpacks to about ``megabytes`` MB (deflate, ~1000:1)."""
    paragraph = b"<w:p><w:r><w:t>" + b"a" * 1000 + b"</w:t></w:r></w:p>"
    repeat = megabytes * 1024 * 1024 // len(paragraph)
    head = b"<w:p><w:r><w:t>Headline</w:t></w:r></w:p>"
    return with_member(
        docx_bytes("x"), "word/document.xml", chunks=_document_xml(head, paragraph, repeat, b"")
    )


def empty_paragraphs_docx(megabytes: int) -> bytes:
    """A short article followed by ``megabytes`` MB of empty paragraphs: little text, but a
    large tree for python-docx to build."""
    head = (
        b"<w:p><w:r><w:t>Headline</w:t></w:r></w:p>"
        b"<w:p><w:r><w:t>Revenue rose 17% to $11.5 billion.</w:t></w:r></w:p>"
    )
    paragraph = b"<w:p/>"
    repeat = megabytes * 1024 * 1024 // len(paragraph)
    return with_member(
        docx_bytes("x"), "word/document.xml", chunks=_document_xml(head, paragraph, repeat, b"")
    )


def empty_runs_docx(megabytes: int) -> bytes:
    """A short article whose last paragraph holds ``megabytes`` MB of empty runs: no text
    to speak of, but a tree python-docx needs gigabytes and minutes to build and walk."""
    head = (
        b"<w:p><w:r><w:t>Headline</w:t></w:r></w:p>"
        b"<w:p><w:r><w:t>Revenue rose 17% to $11.5 billion.</w:t></w:r>"
    )
    run = b"<w:r/>"
    repeat = megabytes * 1024 * 1024 // len(run)
    return with_member(
        docx_bytes("x"), "word/document.xml", chunks=_document_xml(head, run, repeat, b"</w:p>")
    )


def lying_docx(megabytes: int) -> bytes:
    """``inflating_docx`` whose archive declares document.xml to be 1 KB."""
    data = bytearray(inflating_docx(megabytes))
    name = b"word/document.xml"
    # The name's last occurrence is in its central directory entry, which starts 46 bytes
    # before it; the uncompressed size is at offset 24 (or, as 0xFFFFFFFF, in the zip64
    # extra field that follows the name).
    entry = data.rindex(name) - 46
    assert data[entry : entry + 4] == b"PK\x01\x02"
    name_length, extra_length = struct.unpack_from("<HH", data, entry + 28)
    struct.pack_into("<I", data, entry + 24, 1024)
    extra = entry + 46 + name_length
    end = extra + extra_length
    while extra < end:  # the zip64 field holds the real sizes: set them to 1 KB too
        kind, size = struct.unpack_from("<HH", data, extra)
        if kind == 0x0001:
            struct.pack_into("<Q", data, extra + 4, 1024)
        extra += 4 + size
    return bytes(data)


def many_parts_docx(parts: int) -> bytes:
    docx = docx_bytes("Headline", "Revenue rose 17% to $11.5 billion.")
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            archive.writestr(info.filename, source.read(info.filename))
        for n in range(parts):
            archive.writestr(f"padding/part{n}.xml", b"<a/>")
    return out.getvalue()


def billion_laughs_docx() -> bytes:
    entities = b'<!ENTITY lol0 "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (n, b"&lol%d;" % (n - 1) * 10) for n in range(1, 10)
    )
    document = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE w:document [' + entities + b"]>"
        b'<w:document xmlns:w="' + WORD_NS.encode() + b'"><w:body>'
        b"<w:p><w:r><w:t>Headline</w:t></w:r></w:p>"
        b"<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )
    return with_member(docx_bytes("x"), "word/document.xml", document)


def malformed_docx() -> bytes:
    document = zipfile.ZipFile(io.BytesIO(docx_bytes("Headline", "Body."))).read(
        "word/document.xml"
    )
    return with_member(docx_bytes("x"), "word/document.xml", document[:-40])


# PDF ----------------------------------------------------------------------------------------


def pdf_from_objects(objects: list[bytes]) -> bytes:
    """A PDF whose object n is ``objects[n - 1]``, object 1 the catalog, with a real xref."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _stream(content: bytes, *, compress: bool = False) -> bytes:
    if compress:
        content = zlib.compress(content, 9)
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (
            len(content),
            content,
        )
    return b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)


def pdf_with_pages(pages: int, text: bytes = b"Page text") -> bytes:
    """A PDF of ``pages`` pages, each showing ``text``; 30,000 pages fit in about 4 MB."""
    first_page = 5
    kids = b" ".join(b"%d 0 R" % (first_page + n) for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        _stream(b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"),
    ]
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 3 0 R >> >> >>"
    )
    objects.extend([page] * pages)
    return pdf_from_objects(objects)


def pdf_with_stream_bomb(megabytes: int = 80) -> bytes:
    """One page whose content stream inflates to ``megabytes`` MB: past pypdf's own 75 MB."""
    content = b"BT /F1 12 Tf 72 720 Td (Headline) Tj ET\n" + b" " * (megabytes * 1024 * 1024)
    return pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            _stream(content, compress=True),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>",
        ]
    )


def python_memory_peak(action):
    """(what `action()` returned, the most memory Python held at once while it ran)."""
    import tracemalloc

    tracemalloc.start()
    try:
        result = action()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak
