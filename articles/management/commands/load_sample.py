import json

from django.conf import settings
from django.core.management.base import BaseCommand

from articles.management.commands.ingest import emit_ingest_report, wait_for_extraction
from articles.services import ingest_files


class Command(BaseCommand):
    help = "Load the five-outlet sample story (safe to run again: nothing is added twice)."

    def add_arguments(self, parser):
        parser.add_argument("--wait", action="store_true", help="Block until extraction is done.")
        parser.add_argument("--timeout", type=float, default=120.0)

    def handle(self, *args, wait, timeout, **options):
        corpus = settings.SAMPLE_CORPUS_DIR
        manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
        story = manifest["story"]
        outlets: dict[str, str] = manifest["articles"]
        report = ingest_files(
            [corpus / name for name in outlets],
            story["slug"],
            outlets=outlets,
            story_title=story["title"],
        )
        if story.get("description") and not report.story.description:
            report.story.description = story["description"]
            report.story.save(update_fields=["description"])
        emit_ingest_report(self, report)
        if wait and report.created:
            wait_for_extraction(self, [a.pk for a in report.created], timeout)
