"""Uploads are refused while they arrive: too big, too many, or a file that is bad.

The requests are real multipart bodies, streamed to Django's own parser and upload
handlers as a web server would, so what a request costs the web process can be measured.
"""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article, Story
from tests.articles import hostile_files as hostile

HTMX = {"HTTP_HX_REQUEST": "true"}
MB = 1024 * 1024


class MultipartBody:
    """A multipart/form-data body produced as it is read, so a test can send a gigabyte
    without holding it, and see how much of it the server read."""

    def __init__(self, fields: dict[str, str], files: list[tuple[str, bytes, int]]):
        # Each file is (name, pattern, size): ``pattern`` repeated up to ``size`` bytes.
        self.boundary = uuid.uuid4().hex
        self.pieces = []
        for name, value in fields.items():
            self.pieces.append(
                f'--{self.boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        for file_name, pattern, size in files:
            head = (
                f'--{self.boundary}\r\nContent-Disposition: form-data; name="files"; '
                f'filename="{file_name}"\r\nContent-Type: text/plain\r\n\r\n'
            ).encode()
            self.pieces.extend([head, (pattern, size), b"\r\n"])
        self.pieces.append(f"--{self.boundary}--\r\n".encode())
        self.length = sum(p if isinstance(p, int) else len(p) for p in self._sizes())
        self.bytes_read = 0
        self._chunks = self._generate()
        self._pending = b""

    def _sizes(self):
        for piece in self.pieces:
            yield piece[1] if isinstance(piece, tuple) else piece

    def _generate(self):
        for piece in self.pieces:
            if isinstance(piece, bytes):
                yield piece
                continue
            pattern, size = piece
            block = (pattern * (64 * 1024 // len(pattern) + 1))[: 64 * 1024]
            for _ in range(size // len(block)):
                yield block
            yield block[: size % len(block)]

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self._pending) < size:
            chunk = next(self._chunks, None)
            if chunk is None:
                break
            self._pending += chunk
        if size < 0:
            size = len(self._pending)
        data, self._pending = self._pending[:size], self._pending[size:]
        self.bytes_read += len(data)
        return data

    def readline(self, size: int = -1) -> bytes:
        # Part of the WSGI input interface; Django's multipart parser never calls it.
        raise NotImplementedError

    def environ(self) -> dict:
        return {
            "wsgi.input": self,
            "CONTENT_LENGTH": str(self.length),
            "CONTENT_TYPE": f"multipart/form-data; boundary={self.boundary}",
        }


def post_upload(client, body: MultipartBody):
    return client.post(reverse("submit-articles", args=["upload"]), **body.environ(), **HTMX)


@pytest.fixture
def reporter_client(client, reporter, settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    client.force_login(reporter)
    return client


GOOD = b"Harbour report\nThe port moved 3 million tonnes in 2025, the board said.\n"


def test_a_file_over_the_limit_is_counted_but_never_held_and_the_others_are_saved(
    reporter_client, tmp_path
):
    body = MultipartBody(
        {"new_story": "Harbour"},
        [("video.txt", b"0123456789", 50 * MB), ("report.txt", GOOD, len(GOOD))],
    )
    response, peak = hostile.python_memory_peak(lambda: post_upload(reporter_client, body))
    assert response.status_code == 200
    assert "Refused video.txt: is 50.0 MB; the limit is 5 MB." in response.text
    assert list(Article.objects.values_list("origin", flat=True)) == ["report.txt"]
    # The 50 MB file went through the request (all of the body was read) without the web
    # process holding it: Python allocated far less than the file at any one time.
    assert body.bytes_read == body.length
    assert peak < 12 * MB, f"peak {peak / MB:.1f} MB"
    assert list(tmp_path.iterdir()) == []  # its partial temporary file is gone too


def test_an_upload_bigger_than_any_allowed_one_is_refused_without_keeping_any_of_it(
    reporter_client, tmp_path
):
    # The attack: four 250 MB files in one request.
    body = MultipartBody(
        {"new_story": "Harbour"}, [(f"video{n}.txt", b"0123456789", 250 * MB) for n in range(4)]
    )
    temporary_folder = tmp_path.stat().st_mtime_ns
    response, peak = hostile.python_memory_peak(lambda: post_upload(reporter_client, body))
    assert response.status_code == 200
    assert (
        "This upload is 1000.0 MB in all; at most 20 files of up to 5 MB each can be added "
        "at once. Nothing was added."
    ) in response.text
    assert not Story.objects.exists() and not Article.objects.exists()
    # The body was read to its end (so a browser gets the answer) and dropped as it came:
    # no temporary file was ever created, and memory stayed flat.
    assert body.bytes_read == body.length
    assert tmp_path.stat().st_mtime_ns == temporary_folder
    assert peak < 12 * MB, f"peak {peak / MB:.1f} MB"


def test_one_file_more_than_an_upload_may_carry_refuses_the_upload_with_a_message(
    reporter_client, settings
):
    files = [(f"note{n}.txt", b"Note %d\nThe ferry ran late." % n, 40) for n in range(21)]
    response = post_upload(reporter_client, MultipartBody({"new_story": "Notes"}, files))
    assert response.status_code == 200
    assert f"Too many files: at most {settings.MAX_UPLOAD_FILES} can be added at once." in (
        response.text
    )
    assert not Article.objects.exists()


def test_hundreds_of_files_get_the_same_message_not_a_bare_bad_request(reporter_client):
    files = [(f"note{n}.txt", b"Note\nThe ferry ran late. ", 2_000) for n in range(500)]
    body = MultipartBody({"new_story": "Notes"}, files)
    response = post_upload(reporter_client, body)
    assert response.status_code == 200
    assert "Too many files: at most 20 can be added at once." in response.text
    assert body.bytes_read == body.length  # read to the end, the files after the 20th dropped
    assert not Article.objects.exists()


def test_an_empty_file_in_a_batch_is_refused_by_name_and_the_rest_saved(reporter_client):
    files = [SimpleUploadedFile("report.txt", GOOD), SimpleUploadedFile("blank.txt", b"")]
    response = reporter_client.post(
        reverse("submit-articles", args=["upload"]),
        {"files": files, "new_story": "Harbour"},
        **HTMX,
    )
    assert "Refused blank.txt: the file is empty." in response.text
    assert list(Article.objects.values_list("origin", flat=True)) == ["report.txt"]


@pytest.mark.parametrize(
    ("bad_name", "bad_file", "message"),
    [
        ("broken.docx", hostile.malformed_docx, "broken.docx: is not a readable Word"),
        ("laughs.docx", hostile.billion_laughs_docx, "laughs.docx: is not a readable Word"),
        ("bomb.pdf", hostile.pdf_with_stream_bomb, "bomb.pdf: is not a readable PDF"),
    ],
)
def test_a_hostile_file_in_a_batch_is_refused_by_name_and_the_good_ones_saved(
    reporter_client, bad_name, bad_file, message
):
    files = [
        SimpleUploadedFile("first.txt", GOOD),
        SimpleUploadedFile(bad_name, bad_file()),
        SimpleUploadedFile("second.txt", b"Ferry fares\nFerry fares doubled after the strike."),
    ]
    response = reporter_client.post(
        reverse("submit-articles", args=["upload"]),
        {"files": files, "new_story": "Harbour"},
        **HTMX,
    )
    assert response.status_code == 200
    assert f"Refused {message}" in response.text
    assert sorted(Article.objects.values_list("origin", flat=True)) == ["first.txt", "second.txt"]


def test_a_paste_larger_than_a_request_may_be_gets_a_message_not_a_bare_bad_request(
    reporter_client, settings
):
    text = "word " * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 5 + 1)
    response = reporter_client.post(
        reverse("submit-articles", args=["paste"]), {"text": text, "new_story": "Big"}, **HTMX
    )
    assert response.status_code == 400
    assert "FactDesk could not accept this request" in response.text
    assert "Nothing was saved." in response.text
    assert not Story.objects.exists()


def test_files_left_when_an_uploads_reading_time_is_spent_are_refused_by_name(
    reporter_client, settings
):
    settings.UPLOAD_READ_SECONDS = 0
    response = reporter_client.post(
        reverse("submit-articles", args=["upload"]),
        {"files": [SimpleUploadedFile("report.txt", GOOD)], "new_story": "Harbour"},
        **HTMX,
    )
    assert (
        "Refused report.txt: was not read: this upload already took 0 seconds to read; add "
        "this file again on its own."
    ) in response.text
    assert not Article.objects.exists()


def test_the_add_articles_page_states_the_limits(reporter_client):
    page = reporter_client.get(reverse("add-articles")).text
    assert "Up to 20 files at once, each up to 5 MB; an article may be up to 300,000" in page
