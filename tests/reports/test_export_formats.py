"""Every export format from the command line, its filters, and spreadsheet safety."""

import csv
import io
import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from claims.models import Verdict
from claims.services.review import record_verdict, sign_off
from reports.tabular import COLUMNS, neutralise
from tests.factories import ArticleFactory, ClaimFactory


@pytest.fixture
def checked(db, checker, editor):
    article = ArticleFactory(outlet='=HYPERLINK("http://evil")')
    first = ClaimFactory(article=article)
    second = ClaimFactory(article=article, start=0, end=7)
    record_verdict(claim=first, checked_by=checker, label="varied", rationale="+cmd|' /C calc'!A0")
    sign_off(claim=first, editor=editor)
    record_verdict(claim=second, checked_by=editor, label="erroneous", rationale="@SUM(1+1)")
    return article.story, first, second


def export(slug, *args) -> str:
    out = StringIO()
    call_command("export_story", slug, *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def export_to(slug, export_format, target) -> None:
    call_command(
        "export_story", slug, "--format", export_format, "-o", str(target), stderr=StringIO()
    )


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_cells_that_would_run_as_formulas_are_neutralised(value):
    assert neutralise(value) == "'" + value


def test_ordinary_text_and_numbers_are_left_alone():
    assert neutralise("Netflix said") == "Netflix said"
    assert neutralise(0.8) == 0.8


def test_csv_has_one_row_per_claim_and_no_live_formulas(checked):
    story, first, second = checked
    rows = list(csv.reader(io.StringIO(export(story.slug, "--format", "csv").lstrip("\ufeff"))))
    assert rows[0] == COLUMNS
    by_id = {
        int(row[COLUMNS.index("claim_id")]): dict(zip(COLUMNS, row, strict=True))
        for row in rows[1:]
    }
    assert set(by_id) == {first.pk, second.pk}
    assert by_id[first.pk]["outlet"].startswith("'=HYPERLINK")
    assert by_id[first.pk]["rationale"].startswith("'+cmd")
    assert by_id[second.pk]["rationale"] == "'@SUM(1+1)"
    assert by_id[first.pk]["signed_off_by"] == "editor"
    assert by_id[first.pk]["verdict"] == "varied"


def test_signed_off_only_leaves_out_claims_no_editor_accepted(checked):
    story, first, _ = checked
    rows = list(
        csv.DictReader(
            io.StringIO(export(story.slug, "--format", "csv", "--signed-off-only").lstrip("\ufeff"))
        )
    )
    assert [int(r["claim_id"]) for r in rows] == [first.pk]


def test_filters_by_label_checker_and_dates(checked):
    story, first, second = checked

    def ids(*args):
        data = json.loads(export(story.slug, "--format", "json", *args))
        return {c["id"] for c in data["claims"]}

    assert ids("--label", "erroneous") == {second.pk}
    assert ids("--checker", "checker") == {first.pk}
    today = timezone.now().date()
    assert ids("--from", str(today)) == {first.pk, second.pk}
    assert ids("--to", str(today - timedelta(days=1))) == set()


def test_json_export_carries_clusters_verdict_history_and_audit_trail(checked):
    story, first, _ = checked
    data = json.loads(export(story.slug, "--format", "json"))
    assert data["version"] == 2 and "clusters" in data
    row = next(c for c in data["claims"] if c["id"] == first.pk)
    assert [v["label"] for v in row["verdicts"]] == ["varied"]
    assert [e["action"] for e in row["history"]] == ["verdict", "sign_off"]
    assert row["signed_off_by"] == "editor" and row["review_state"] == "signed_off"


def test_xlsx_reads_back_with_the_same_rows(checked, tmp_path):
    from openpyxl import load_workbook

    story, first, second = checked
    target = tmp_path / "report.xlsx"
    call_command(
        "export_story", story.slug, "--format", "xlsx", "-o", str(target), stderr=StringIO()
    )
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == COLUMNS
    assert {row[COLUMNS.index("claim_id")] for row in rows[1:]} == {first.pk, second.pk}
    rationale = {
        row[COLUMNS.index("claim_id")]: row[COLUMNS.index("rationale")] for row in rows[1:]
    }
    assert rationale[second.pk] == "'@SUM(1+1)"


@pytest.mark.parametrize("export_format", ["claimreview", "html", "pdf"])
def test_every_other_format_writes_a_file(checked, tmp_path, export_format):
    story, _, _ = checked
    target = tmp_path / f"report.{export_format}"
    call_command(
        "export_story", story.slug, "--format", export_format, "-o", str(target), stderr=StringIO()
    )
    data = target.read_bytes()
    assert len(data) > 200
    if export_format == "pdf":
        assert data.startswith(b"%PDF")
    elif export_format == "claimreview":
        assert len(json.loads(data)["@graph"]) == 2
    else:
        assert b"+cmd" in data  # the rationale is in the report, escaped as text


def test_binary_formats_need_an_output_file(checked):
    story, _, _ = checked
    with pytest.raises(CommandError, match="binary"):
        export(story.slug, "--format", "pdf")


def test_a_bad_date_is_refused_with_the_expected_form(checked):
    story, _, _ = checked
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        export(story.slug, "--from", "23/11/2026")


def test_verdict_rows_are_never_changed_by_exporting(checked):
    story, _, _ = checked
    before = list(Verdict.objects.values_list("pk", "label", "rationale"))
    export(story.slug, "--format", "csv")
    assert list(Verdict.objects.values_list("pk", "label", "rationale")) == before
