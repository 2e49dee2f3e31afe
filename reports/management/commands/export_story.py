import json

from django.core.management.base import BaseCommand, CommandError

from articles.models import Story
from reports.services import story_export

FORMATS = ["json"]


class Command(BaseCommand):
    help = "Export a story's claims and verdicts (see docs/export.md)."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--format", dest="export_format", choices=FORMATS, default="json")
        parser.add_argument("-o", "--output", help="File to write; standard output if omitted.")

    def handle(self, *args, slug, export_format, output, **options):
        try:
            story = Story.objects.get(slug=slug)
        except Story.DoesNotExist as exc:
            raise CommandError(f"No story with slug '{slug}'.") from exc
        text = json.dumps(story_export(story), ensure_ascii=False, indent=2) + "\n"
        if not output or output == "-":
            self.stdout.write(text, ending="")
            return
        try:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as exc:
            raise CommandError(f"Cannot write {output}: {exc.strerror}") from exc
        self.stderr.write(f"Wrote {output}")
