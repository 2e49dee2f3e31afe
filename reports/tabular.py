"""One row per claim, for CSV and XLSX, streamed so 100,000 claims use flat memory."""

import csv
from collections.abc import Iterable, Iterator

from claims.models import Claim

CHUNK = 2_000
COLUMNS = [
    "story", "outlet", "headline", "article_origin", "claim_id", "claim", "kind", "speaker",
    "checkworthiness", "review_state", "verdict", "rationale", "evidence", "checked_by",
    "checked_at", "signed_off_by", "suggested_verdict", "cluster",
]  # fmt: skip
# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Make a cell inert in spreadsheets: text that could start a formula gets a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def claim_row(claim: Claim) -> list:
    verdict = claim.latest_verdict
    article = claim.article
    row = [
        article.story.slug,
        article.outlet,
        article.headline,
        article.origin,
        claim.pk,
        claim.text,
        claim.kind,
        claim.speaker,
        round(claim.checkworthiness, 3),
        claim.review_state,
        verdict.label if verdict else "",
        verdict.rationale if verdict else "",
        " ".join(verdict.evidence) if verdict else "",
        verdict.checked_by.get_username() if verdict else "",
        verdict.created_at.isoformat() if verdict else "",
        claim.signed_off_by.get_username() if claim.signed_off_by_id else "",
        claim.suggested_verdict,
        claim.cluster_id or "",
    ]
    return [neutralise(value) for value in row]


def iterate(claims) -> Iterator[Claim]:
    # A server-side cursor on PostgreSQL: rows arrive in chunks, never all at once.
    return claims.iterator(chunk_size=CHUNK) if hasattr(claims, "iterator") else iter(claims)


class _Line:
    """csv.writer writes into this and we hand the text on: no buffer grows."""

    def write(self, value: str) -> str:
        return value


def csv_lines(claims: Iterable[Claim]) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(COLUMNS)  # BOM: Excel then reads UTF-8 correctly
    for claim in iterate(claims):
        yield writer.writerow(claim_row(claim))


def write_xlsx(claims: Iterable[Claim], target) -> int:
    """Write an .xlsx to a path or binary file; returns the number of claim rows."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Claims")
    sheet.append(COLUMNS)
    count = 0
    for claim in iterate(claims):
        sheet.append(claim_row(claim))
        count += 1
    workbook.save(target)
    return count
