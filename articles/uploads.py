"""Uploads checked while they arrive, so no request can make a web process hold more.

`ArticleUploadHandler` comes first in FILE_UPLOAD_HANDLERS and sees every chunk before
Django's memory and temporary-file handlers do:

- a file over MAX_UPLOAD_BYTES stops being passed on at the limit; the rest of it is
  counted (for the message) and dropped, and the file reaches the form as a
  `RefusedUpload` carrying the refusal instead of the bytes;
- more than MAX_UPLOAD_FILES files, or a request larger than that many files at the
  limit could be, abandons the whole upload (`StopUpload`): nothing more of it is parsed
  or kept, and `abandoned_upload(request)` says why.
"""

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

MB = 1024 * 1024
DRAIN_CHUNK = 64 * 1024


def _mb(n: int) -> str:
    return f"{n / MB:g} MB"


class RefusedUpload(SimpleUploadedFile):
    """Stands in for a file refused while it arrived: its name and size, never its bytes."""

    def __init__(self, name: str, size: int, refusal: str) -> None:
        super().__init__(name, b"")
        self.size = size
        self.refusal = refusal


def abandoned_upload(request) -> str | None:
    """Why the handler stopped reading this request's upload, or None if it did not."""
    _ = request.FILES  # the handler runs when the body is parsed, on first access
    return getattr(request, "upload_abandoned", None)


class ArticleUploadHandler(FileUploadHandler):
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.request_bytes = content_length
        self.files_seen = 0

    def new_file(self, field_name, file_name, *args, **kwargs) -> None:
        super().new_file(field_name, file_name, *args, **kwargs)
        self.files_seen += 1
        self.received = 0
        self.too_big = False
        max_files, max_bytes = settings.MAX_UPLOAD_FILES, settings.MAX_UPLOAD_BYTES
        if self.files_seen > max_files:
            self._abandon(
                f"Too many files: at most {max_files} can be added at once. Nothing was "
                "added; choose fewer files and add them again."
            )
        # Whatever the files are, a request this big cannot be a valid upload; the fields
        # before the first file (the CSRF token) are all that is parsed of it.
        most = max_files * max_bytes + settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if self.request_bytes > most:
            self._abandon(
                f"This upload is {self.request_bytes / MB:.1f} MB in all; at most "
                f"{max_files} files of up to {_mb(max_bytes)} each can be added at once. "
                "Nothing was added."
            )

    def _abandon(self, reason: str) -> None:
        self.request.upload_abandoned = reason
        # The rest of the body is read and dropped, a chunk at a time, so the browser can
        # read the answer: a server that closes the connection while the browser is still
        # sending shows as a connection error, not as the message. (Django's own way,
        # StopUpload(connection_reset=False), reads it line by line, and a binary body
        # with no line breaks would be one line held whole in memory.) What a request may
        # send at all is the reverse proxy's limit (docs/operations.md).
        while self.request.read(DRAIN_CHUNK):
            pass
        raise StopUpload(connection_reset=True)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received <= settings.MAX_UPLOAD_BYTES:
            return raw_data
        if not self.too_big:
            self.too_big = True
            self._drop_later_copies()
        return None  # counted, not passed on

    def _drop_later_copies(self) -> None:
        # What the memory or temporary-file handler kept of this file so far (at most the
        # limit) is closed now: a temporary file is deleted, not left until the request ends.
        later = self.request.upload_handlers[self.request.upload_handlers.index(self) + 1 :]
        for handler in later:
            kept = getattr(handler, "file", None)
            if kept is not None:
                kept.close()

    def file_complete(self, file_size: int):
        if not self.too_big:
            return None  # the next handler hands over the file
        limit = settings.MAX_UPLOAD_BYTES
        return RefusedUpload(
            self.file_name,
            file_size,
            f"{self.file_name}: is {file_size / MB:.1f} MB; the limit is {limit / MB:g} MB.",
        )
