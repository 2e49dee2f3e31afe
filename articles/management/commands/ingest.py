import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.models import Article, ExtractionStatus
from articles.services import ingest_files


class Command(BaseCommand):
    help = "Add article files (.txt, .md, .html, .docx, .pdf) to a story and extract their claims."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--story", required=True, help="Story slug; created if new.")
        parser.add_argument("--title", default="", help="Title for a new story.")
        parser.add_argument("--outlet", default="", help="Outlet name for these articles.")
        parser.add_argument(
            "--primary",
            action="store_true",
            help="These are primary documents (shareholder letter, transcript) quotes are "
            "checked against.",
        )
        parser.add_argument("--wait", action="store_true", help="Block until extraction is done.")
        parser.add_argument("--timeout", type=float, default=120.0, help="Seconds --wait may take.")

    def handle(self, *args, files, story, title, outlet, primary, wait, timeout, **options):
        try:
            report = ingest_files(files, story, outlet=outlet, story_title=title, primary=primary)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        emit_ingest_report(self, report)
        if wait and report.created:
            wait_for_extraction(self, [a.pk for a in report.created], timeout)
        if report.refused and not report.created and not report.duplicates:
            raise CommandError("No article was added.")


def emit_ingest_report(command: BaseCommand, report) -> None:
    out = command.stdout
    for article in report.created:
        out.write(
            command.style.SUCCESS(f"Added #{article.pk} {article.origin}: {article.headline}")
        )
    for origin, existing in report.duplicates:
        earlier = (
            f", revision {existing.revision}, since corrected" if existing.is_superseded else ""
        )
        out.write(
            f"Skipped {origin}: same text as article #{existing.pk} ({existing.origin}{earlier})."
        )
    for reason in report.refused:
        command.stderr.write(command.style.ERROR(f"Refused {reason}"))
    if report.story:
        out.write(
            f"Story '{report.story.slug}': {len(report.created)} added, "
            f"{len(report.duplicates)} duplicate, {len(report.refused)} refused."
        )
    if report.extraction_delayed:
        command.stderr.write(
            command.style.WARNING(
                "Extraction is delayed: the task queue cannot be reached. The articles are "
                "saved; their claims will be extracted once it is back."
            )
        )


def wait_for_extraction(command: BaseCommand, article_ids: list[int], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    finished = {ExtractionStatus.DONE, ExtractionStatus.FAILED}
    while True:
        articles = list(Article.objects.filter(pk__in=article_ids))
        if all(a.extraction_status in finished for a in articles):
            break
        if time.monotonic() > deadline:
            pending = [a.pk for a in articles if a.extraction_status not in finished]
            raise CommandError(
                f"Extraction still not finished after {timeout:.0f}s for articles {pending}; "
                "is a Celery worker running?"
            )
        time.sleep(0.25)
    for article in articles:
        if article.extraction_status == ExtractionStatus.FAILED:
            command.stderr.write(f"Extraction failed for #{article.pk}: {article.extraction_error}")
        else:
            command.stdout.write(f"Extracted #{article.pk}: {article.claims.count()} claims.")
