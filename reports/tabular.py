"""One row per claim, for CSV and XLSX, streamed so 100,000 claims use flat memory."""

import csv
from collections.abc import Iterator

from django.db.models import QuerySet

from claims.models import Claim

CHUNK = 2_000
COLUMNS = [
    "story", "outlet", "headline", "article_origin", "claim_id", "claim", "kind", "speaker",
    "checkworthiness", "review_state", "verdict", "rationale", "evidence", "checked_by",
    "checked_at", "signed_off_by", "suggested_verdict", "cluster",
    # The revision of the article the claim (and its verdict) is on, and the article's
    # current revision: they differ once the outlet corrected the article since.
    "article_revision", "current_revision",
]  # fmt: skip
# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Make a cell inert in spreadsheets: text that could start a formula gets a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


# The database columns behind COLUMNS, read as plain tuples: building a model
# object (and four related ones) per row would cost more than the whole CSV.
ROW_FIELDS = [
    "article__story__slug", "article__outlet", "article__headline", "article__origin", "id",
    "text", "kind", "speaker", "checkworthiness", "review_state", "latest_verdict__label",
    "latest_verdict__rationale", "latest_verdict__evidence",
    "latest_verdict__checked_by__username", "latest_verdict__created_at",
    "signed_off_by__username", "suggested_verdict", "cluster_id",
    "article__revision", "article__superseded_by__revision",
]  # fmt: skip
SCORE, EVIDENCE, CHECKED_AT, REVISION, CURRENT = (ROW_FIELDS.index(f) for f in (
    "checkworthiness", "latest_verdict__evidence", "latest_verdict__created_at",
    "article__revision", "article__superseded_by__revision"))  # fmt: skip


def tabular_rows(claims) -> Iterator[list]:
    """One list per claim, in COLUMNS order, spreadsheet-safe, from a server-side cursor."""
    for values in claims.values_list(*ROW_FIELDS).iterator(chunk_size=CHUNK):
        row = ["" if value is None else value for value in values]
        row[SCORE] = round(row[SCORE], 3)
        row[EVIDENCE] = " ".join(row[EVIDENCE]) if row[EVIDENCE] else ""
        row[CHECKED_AT] = row[CHECKED_AT].isoformat() if row[CHECKED_AT] else ""
        row[CURRENT] = row[CURRENT] or row[REVISION]  # not corrected since: its own
        yield [neutralise(value) for value in row]


class _Line:
    """csv.writer writes into this and we hand the text on: no buffer grows."""

    def write(self, value: str) -> str:
        return value


def csv_lines(claims: QuerySet[Claim]) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(COLUMNS)  # BOM: Excel then reads UTF-8 correctly
    for row in tabular_rows(claims):
        yield writer.writerow(row)


def write_xlsx(claims: QuerySet[Claim], target) -> int:
    """Write an .xlsx to a path or binary file; returns the number of claim rows."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Claims")
    sheet.append(COLUMNS)
    count = 0
    for row in tabular_rows(claims):
        sheet.append(row)
        count += 1
    workbook.save(target)
    return count
