"""Every export format in one table, the only list of them: how each is written, its file
type and extension, and whether it streams to the browser or is prepared by a worker. The
command line, the export form, the views, the task, the admin's actions and the story page's
buttons all read it here."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import BinaryIO

from django.conf import settings

from reports.json_export import json_chunks
from reports.selectors import ExportScope, claims_in_scope
from reports.tabular import csv_lines, write_xlsx


@dataclass(frozen=True)
class ExportFormat:
    name: str
    label: str  # what the desk's buttons say
    content_type: str
    extension: str
    binary: bool = False  # bytes rather than text: never printed to a terminal
    # A format is either streamed (its text, chunk by chunk, sent to the browser as it is
    # made) or prepared (written into a file by a worker, then downloaded).
    stream: Callable[[ExportScope], Iterable[str]] | None = None
    prepare: Callable[[ExportScope, BinaryIO, str], None] | None = None  # (…, site_url)

    @property
    def streams(self) -> bool:
        return self.stream is not None

    def write(self, scope: ExportScope, target: BinaryIO, site_url: str) -> None:
        """Write the export of ``scope`` into a binary file."""
        if self.stream is not None:
            for chunk in self.stream(scope):
                target.write(chunk.encode("utf-8"))
        else:
            self.prepare(scope, target, site_url)


def _csv(scope) -> Iterable[str]:
    return csv_lines(claims_in_scope(scope))


def _xlsx(scope, target, site_url) -> None:
    write_xlsx(claims_in_scope(scope), target)


def _claimreview(scope, target, site_url) -> None:
    from reports.claimreview import claim_reviews, json_ld_text

    document = claim_reviews(claims_in_scope(scope), site_url=site_url)
    target.write(json_ld_text(document).encode("utf-8"))


def _report_html(scope) -> str:
    from reports.documents import render_story_report

    story = scope.story or (scope.article.story if scope.article else None)
    if story is None:
        raise ValueError("The HTML and PDF reports cover a story or an article.")
    narrowed = scope.describe() != f"story {story.slug}"
    title = f"{story.title} ({scope.describe()})" if narrowed else story.title
    return render_story_report(story, claims_in_scope(scope), title=title)


def _html(scope, target, site_url) -> None:
    target.write(_report_html(scope).encode("utf-8"))


def _pdf(scope, target, site_url) -> None:
    from reports.documents import render_pdf

    target.write(render_pdf(_report_html(scope), base_url=str(settings.BASE_DIR)))


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in [
        ExportFormat("csv", "CSV", "text/csv; charset=utf-8", "csv", stream=_csv),
        ExportFormat("json", "JSON", "application/json", "json", stream=json_chunks),
        ExportFormat("xlsx", "XLSX", XLSX, "xlsx", binary=True, prepare=_xlsx),
        ExportFormat(
            "claimreview", "ClaimReview", "application/ld+json", "jsonld", prepare=_claimreview
        ),
        ExportFormat("html", "HTML", "text/html; charset=utf-8", "html", prepare=_html),
        ExportFormat("pdf", "PDF", "application/pdf", "pdf", binary=True, prepare=_pdf),
    ]
}


def streaming_response(scope: ExportScope, export_format: str, file_name: str):
    """A streamed format's download, sent row by row: memory stays flat however many claims."""
    from django.http import StreamingHttpResponse

    chosen = FORMATS[export_format]
    response = StreamingHttpResponse(chosen.stream(scope), content_type=chosen.content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


def streamed_formats() -> list[ExportFormat]:
    """The formats sent straight to the browser (the desk's download buttons)."""
    return [f for f in FORMATS.values() if f.streams]


def prepared_formats() -> list[ExportFormat]:
    """The formats a worker prepares (the desk's Prepare buttons)."""
    return [f for f in FORMATS.values() if not f.streams]
