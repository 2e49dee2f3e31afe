"""Every export format in one table: how to write it, its file type and extension."""

from collections.abc import Callable
from dataclasses import dataclass

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
    streams: bool  # streamed straight to the browser rather than prepared by a task
    write: Callable[[ExportScope, object, str], None]  # (scope, binary file, site_url)


def _write_text(chunks, target) -> None:
    for chunk in chunks:
        target.write(chunk.encode("utf-8"))


def _csv(scope, target, site_url) -> None:
    _write_text(csv_lines(claims_in_scope(scope)), target)


def _json(scope, target, site_url) -> None:
    _write_text(json_chunks(scope), target)


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


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in [
        ExportFormat("csv", "CSV", "text/csv; charset=utf-8", "csv", True, _csv),
        ExportFormat("json", "JSON", "application/json", "json", True, _json),
        ExportFormat(
            "xlsx",
            "XLSX",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
            False,
            _xlsx,
        ),
        ExportFormat(
            "claimreview", "ClaimReview", "application/ld+json", "jsonld", False, _claimreview
        ),
        ExportFormat("html", "HTML", "text/html; charset=utf-8", "html", False, _html),
        ExportFormat("pdf", "PDF", "application/pdf", "pdf", False, _pdf),
    ]
}


def streaming_response(scope: ExportScope, export_format: str, file_name: str):
    """A CSV or JSON download streamed row by row: memory stays flat however many claims."""
    from django.http import StreamingHttpResponse

    chunks = csv_lines(claims_in_scope(scope)) if export_format == "csv" else json_chunks(scope)
    response = StreamingHttpResponse(chunks, content_type=FORMATS[export_format].content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


def prepared_formats() -> list[tuple[str, str]]:
    """(name, label) of each format a worker prepares, for the desk's buttons."""
    return [(f.name, f.label) for f in FORMATS.values() if not f.streams]
