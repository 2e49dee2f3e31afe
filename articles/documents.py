"""Word (.docx) and PDF files to plain text, within limits a hostile file cannot talk past.

A .docx is a zip archive and a PDF is made of compressed streams, so a few hundred
kilobytes can unpack into gigabytes. Everything here counts what it unpacks and stops at the
limits; `articles.document_reader` runs it in a child process with memory and CPU limits on
top, so whatever slips past the counts still cannot take a web process with it.

No Django here: the child process imports this module alone.
"""

import io
import zipfile
from dataclasses import dataclass

from articles.reading import UnreadableArticle

MB = 1024 * 1024
# Text a converter may hand back beyond the article limit: the headline line and blank
# lines, which the article limit itself (on the body) does not count.
HEADLINE_ALLOWANCE = 1_000
WORD_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class DocumentLimits:
    """The settings of the same names (`articles.document_reader.document_limits`)."""

    max_chars: int  # text of the article (MAX_ARTICLE_CHARS)
    max_expanded_bytes: int  # all of a .docx unpacked, or one PDF stream
    max_parts: int  # members of a .docx archive
    max_pages: int  # pages of a PDF
    seconds: float  # wall clock and CPU for reading one document
    memory_bytes: int  # address space of the reading process


def _mb(n: int) -> str:
    return f"{n / MB:g} MB"


def refuse_too_much_text(name: str, limits: DocumentLimits) -> UnreadableArticle:
    return UnreadableArticle(
        f"{name}: the document has more than {limits.max_chars:,} characters of text; "
        f"the limit for an article is {limits.max_chars:,} characters."
    )


# Word ---------------------------------------------------------------------------------------


def docx_text(data: bytes, name: str, limits: DocumentLimits) -> str:
    """The paragraphs of a Word document, one per line, or UnreadableArticle."""
    unreadable = UnreadableArticle(f"{name}: is not a readable Word (.docx) document.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise unreadable from exc
    _check_archive(archive, members, name, limits)
    from docx import Document
    from lxml.etree import XMLSyntaxError

    try:
        document = Document(io.BytesIO(data))
        paragraphs = document.paragraphs
    except MemoryError:
        raise
    except XMLSyntaxError as exc:
        # Every part has just parsed cleanly as a stream, so when python-docx's parser,
        # which builds the whole tree, fails, it is because it ran out of memory.
        raise MemoryError from exc
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise unreadable from exc
    lines, size = [], 0
    for paragraph in paragraphs:
        line = paragraph.text
        size += len(line) + 1
        if size > limits.max_chars + HEADLINE_ALLOWANCE:
            raise refuse_too_much_text(name, limits)
        lines.append(line)
    return "\n".join(lines)


def _check_archive(archive: zipfile.ZipFile, members: list, name: str, limits: DocumentLimits):
    """Unpack every member once, counting, before python-docx is let near the file.

    The sizes an archive declares are checked first (cheap) and then the bytes actually
    unpacked (declared sizes can lie). Every XML part is parsed as a stream that builds no
    tree and refuses a DTD: Office Open XML never has one, and a DTD is how entity
    expansion ("billion laughs") gets in.
    """
    if len(members) > limits.max_parts:
        raise UnreadableArticle(
            f"{name}: the document is made of {len(members):,} parts; "
            f"the limit is {limits.max_parts:,}."
        )
    too_big = UnreadableArticle(
        f"{name}: the document expands to more than {_mb(limits.max_expanded_bytes)} when "
        f"unpacked; the limit is {_mb(limits.max_expanded_bytes)}."
    )
    if sum(member.file_size for member in members) > limits.max_expanded_bytes:
        raise too_big
    unpacked = 0
    for member in members:
        is_xml = member.filename.lower().endswith((".xml", ".rels"))
        scanner = _XmlScanner(name, member.filename, limits) if is_xml else None
        try:
            with archive.open(member) as stream:
                while chunk := stream.read(_CHUNK):
                    unpacked += len(chunk)
                    if unpacked > limits.max_expanded_bytes:
                        raise too_big
                    if scanner:
                        scanner.feed(chunk)
            if scanner:
                scanner.close()
        except UnreadableArticle:
            raise
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError) as exc:
            # A bad checksum, an encrypted member, an unknown compression method.
            raise UnreadableArticle(
                f"{name}: is not a readable Word (.docx) document ({member.filename} is damaged)."
            ) from exc


class _Refusal(Exception):
    """Raised inside lxml's callbacks; lxml passes it back out of feed()."""


class _XmlScanner:
    """Parses one XML part as it is unpacked: no tree, no DTD, text counted."""

    def __init__(self, name: str, part: str, limits: DocumentLimits) -> None:
        from lxml import etree

        self.name, self.part = name, part
        self.parser = etree.XMLParser(
            target=_PartTarget(name, part, limits),
            resolve_entities=False,
            load_dtd=False,
            no_network=True,
            huge_tree=False,
        )

    def feed(self, chunk: bytes) -> None:
        self._run(self.parser.feed, chunk)

    def close(self) -> None:
        self._run(self.parser.close)

    def _run(self, step, *args) -> None:
        from lxml import etree

        try:
            step(*args)
        except _Refusal as refusal:
            raise UnreadableArticle(str(refusal)) from None
        except etree.XMLSyntaxError as exc:
            raise UnreadableArticle(
                f"{self.name}: is not a readable Word (.docx) document ({self.part} is damaged)."
            ) from exc


class _PartTarget:
    """lxml parser-target callbacks: what the scanner looks at, and nothing is kept."""

    def __init__(self, name: str, part: str, limits: DocumentLimits) -> None:
        self.name, self.part, self.limits = name, part, limits
        self.in_text = 0
        self.text_chars = 0

    def doctype(self, *args) -> None:
        raise _Refusal(
            f"{self.name}: is not a readable Word (.docx) document ({self.part} declares "
            "XML entities, which Word documents never contain)."
        )

    def start(self, tag, attrib, nsmap=None) -> None:
        if tag == f"{WORD_NS}t":
            self.in_text += 1
        elif tag == f"{WORD_NS}p":
            self._count(1)  # the line break each paragraph becomes

    def end(self, tag) -> None:
        if tag == f"{WORD_NS}t":
            self.in_text -= 1

    def data(self, text: str) -> None:
        if self.in_text:
            self._count(len(text))

    def _count(self, chars: int) -> None:
        self.text_chars += chars
        if self.text_chars > self.limits.max_chars + HEADLINE_ALLOWANCE:
            raise _Refusal(str(refuse_too_much_text(self.name, self.limits)))

    def close(self) -> int:
        return self.text_chars


# PDF ----------------------------------------------------------------------------------------


def pdf_text(data: bytes, name: str, limits: DocumentLimits) -> str:
    """The text layer of a PDF, page by page, or UnreadableArticle."""
    import pypdf
    from pypdf.errors import LimitReachedError

    # pypdf's own decompression limits, brought down to ours; this runs in the child
    # process, so changing them for the whole context changes nothing else.
    cap = limits.max_expanded_bytes
    pypdf.overwrite_configuration(
        maximum_declared_stream_length=cap,
        array_based_stream_maximum_output_length=cap,
        jbig2_maximum_output_length=cap,
        lzw_maximum_output_length=cap,
        run_length_maximum_output_length=cap,
        zlib_maximum_output_length=cap,
        brotli_maximum_output_length=cap,
        image_maximum_buffer_size=cap,
        stream_decoding_work_maximum_length=2 * cap,
        page_tree_maximum_entries=2 * limits.max_pages + 10,
    )
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise UnreadableArticle(f"{name}: is a password-protected PDF.")
        if _count_pages(reader, limits.max_pages) > limits.max_pages:
            raise UnreadableArticle(
                f"{name}: the PDF has more than {limits.max_pages:,} pages; "
                f"the limit is {limits.max_pages:,} pages."
            )
        parts, size = [], 0
        for page in reader.pages:
            text = page.extract_text() or ""
            size += len(text) + 1
            if size > limits.max_chars + HEADLINE_ALLOWANCE:
                raise refuse_too_much_text(name, limits)
            parts.append(text)
    except (UnreadableArticle, MemoryError):
        raise
    except LimitReachedError as exc:
        raise UnreadableArticle(
            f"{name}: is not a readable PDF (part of it unpacks beyond FactDesk's limits)."
        ) from exc
    except Exception as exc:  # pypdf raises many kinds on a damaged file
        raise UnreadableArticle(f"{name}: is not a readable PDF.") from exc
    text = "\n".join(parts)
    if not text.strip():
        raise UnreadableArticle(f"{name}: the PDF has no text layer (is it a scan?).")
    return text


def _count_pages(reader, limit: int) -> int:
    """Pages in the page tree, counted up to limit + 1 without reading any page.

    The tree's own /Count can lie; walking it cannot, and stopping at the limit keeps a
    30,000-page file as cheap to refuse as a short one. A page listed twice counts twice
    (pypdf would read it twice), and a tree with far more nodes than pages (or a loop)
    counts as too many pages.
    """
    root = reader.trailer["/Root"].get_object()
    stack = [root["/Pages"]]
    pages = nodes = 0
    while stack:
        node = stack.pop().get_object()  # resolved one at a time, as the walk reaches it
        nodes += 1
        if pages > limit or nodes > 2 * limit + 10:
            return limit + 1
        kids = node.get("/Kids")
        if kids is None:
            pages += 1
        else:
            stack.extend(kids.get_object())
    return pages
