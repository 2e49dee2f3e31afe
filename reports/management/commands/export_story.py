from datetime import date

from django.core.management.base import BaseCommand, CommandError

from articles.models import Story
from claims.models import VerdictLabel
from reports.formats import FORMATS
from reports.selectors import ExportScope


def parse_day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"'{value}' is not a date; use YYYY-MM-DD.") from exc


class Command(BaseCommand):
    help = "Export a story's claims and verdicts (formats in docs/export.md)."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--format", dest="export_format", choices=FORMATS, default="json")
        parser.add_argument("-o", "--output", help="File to write; standard output if omitted.")
        parser.add_argument("--label", choices=VerdictLabel.values, default="")
        parser.add_argument("--checker", default="", help="Only verdicts by this username.")
        parser.add_argument("--from", dest="checked_from", type=parse_day)
        parser.add_argument("--to", dest="checked_to", type=parse_day)
        parser.add_argument(
            "--signed-off-only", action="store_true", help="Only claims an editor signed off."
        )
        parser.add_argument(
            "--site-url", default="http://127.0.0.1:8000", help="Base URL for links in reports."
        )

    def handle(self, *args, slug, export_format, output, site_url, **filters):
        try:
            story = Story.objects.get(slug=slug)
        except Story.DoesNotExist as exc:
            raise CommandError(f"No story with slug '{slug}'.") from exc
        scope = ExportScope(
            story=story,
            label=filters["label"],
            checker=filters["checker"],
            checked_from=filters["checked_from"],
            checked_to=filters["checked_to"],
            signed_off_only=filters["signed_off_only"],
        )
        export = FORMATS[export_format]
        if not output or output == "-":
            if export.binary:
                raise CommandError(f"{export_format} is binary: write it to a file with -o FILE.")
            export.write(scope, _TextOut(self.stdout), site_url)
            return
        try:
            with open(output, "wb") as target:
                export.write(scope, target, site_url)
        except OSError as exc:
            raise CommandError(f"Cannot write {output}: {exc.strerror}") from exc
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stderr.write(f"Wrote {output} ({scope.describe()}).")


class _TextOut:
    """Lets the exporters, which write UTF-8 bytes, print through the command's stdout."""

    def __init__(self, stdout):
        self.stdout = stdout

    def write(self, data: bytes) -> None:
        self.stdout.write(data.decode("utf-8"), ending="")
