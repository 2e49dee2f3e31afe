"""The defaults of the ingestion limits, each defined here and nowhere else (docs/ingestion.md).

`factdesk/settings.py` reads each limit from the environment variable of the same name and
falls back to the value here. Code reads a limit with `current(name)`: Django's setting when
Django is set up, else this default, so what also runs bare (bench/extraction.py reads
article files without Django) keeps the same limits. The child process that reads Word and
PDF files is handed its limits by the parent (`articles.document_reader`) and reads none.

Plain constants: nothing is imported when this module loads, and no app ever (factdesk
plumbing knows no app).
"""

MB = 1024 * 1024

# The longest article body kept, however it comes in: about 50,000 words, a long report.
MAX_ARTICLE_CHARS = 300_000
# One uploaded or ingested file, and a fetched page (counted after decompression).
MAX_UPLOAD_BYTES = 5 * MB
# Files one upload may carry.
MAX_UPLOAD_FILES = 20
# Seconds an upload's files may take to read, all together (the web server's timeout is 60).
UPLOAD_READ_SECONDS = 40.0
# The child process reading one .docx or .pdf: unpacked size, archive members, PDF pages,
# seconds (wall clock and CPU) and address space.
DOCUMENT_MAX_EXPANDED_BYTES = 50 * MB
DOCUMENT_MAX_PARTS = 1_000
DOCUMENT_MAX_PAGES = 1_000
DOCUMENT_READ_SECONDS = 10.0
DOCUMENT_READ_MEMORY_BYTES = 512 * MB
# Seconds for a whole fetch of a page or feed, redirects included.
FETCH_TIMEOUT = 10.0
# Fetching refuses private and loopback addresses unless allowed, or the exact "host:port"
# is listed (server-side request forgery; docs/ingestion.md).
FETCH_ALLOW_PRIVATE = False
FETCH_ALLOWED_HOSTS: tuple[str, ...] = ()


def current(name: str):
    """The limit ``name``: Django's setting when Django is set up, else the default above."""
    from django.conf import settings

    return getattr(settings, name) if settings.configured else globals()[name]
