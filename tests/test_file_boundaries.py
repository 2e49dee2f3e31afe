"""Uploads and exports stay inside their folders, whatever names and scopes people send.

Exports are the only files FactDesk writes: one per job in EXPORT_DIR, named by the job's
id. Uploads are read in memory (or Django's own temporary file) and kept as text; the
file's name survives only as the article's `origin` label.
"""

import uuid
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.db import models
from django.urls import reverse

from articles.intake import upload_articles
from articles.models import Article
from reports.formats import FORMATS
from reports.models import ExportJob
from reports.services import build_export_file, export_path
from tests.conftest import user_with_role
from tests.factories import ArticleFactory, ClaimFactory, StoryFactory

HTMX = {"HTTP_HX_REQUEST": "true"}
OUTSIDE = "never-to-be-served"
HOSTILE_NAMES = [
    "../../etc/passwd.txt",
    "/etc/passwd.txt",
    "..\\..\\windows\\win.txt",
    "....//....//etc/passwd.txt",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd.txt",
    "&#46;&#46;&#47;&#46;&#46;&#47;etc&#47;passwd.txt",
    "evil\x00.txt",
]
HOSTILE_VALUES = ["../../etc/passwd", "/etc/passwd", "..\\..\\x", "a/../../b", "~/.ssh/id_rsa"]


def tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


@pytest.fixture
def folders(settings, tmp_path, monkeypatch):
    """Every place a file could land, inside this test's own folder.

    The working directory sits two levels down, so a name climbing out of it with
    `../../` would still land in tmp_path, where `tree` sees it.
    """
    settings.EXPORT_DIR = tmp_path / "exports"
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "upload-tmp")
    (tmp_path / "upload-tmp").mkdir()
    work = tmp_path / "cwd" / "a" / "b"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    # A file right beside the export folder, which no download may reach.
    (tmp_path / "outside.txt").write_text(OUTSIDE)
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc" / "passwd").write_text(OUTSIDE)
    return tmp_path


@pytest.fixture
def checker(db, django_user_model):
    return user_with_role(django_user_model, "files-checker", "fact-checker")


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


# Exports


@pytest.mark.parametrize("export_format", list(FORMATS))
@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_an_exports_path_lies_in_the_export_folder_whatever_its_scope_says(
    folders, checker, export_format, value
):
    scope = {key: value for key in ("story", "article", "format", "checker", "label")}
    job = ExportJob.objects.create(owner=checker, export_format=export_format, scope=scope)
    path = export_path(job)
    assert path.resolve().parent == (folders / "exports").resolve()
    assert path.name == f"{job.pk}.{FORMATS[export_format].extension}"


def test_a_format_that_is_not_ours_names_no_file_at_all(folders, checker):
    job = ExportJob(owner=checker, export_format="../../etc/passwd")
    with pytest.raises(KeyError):
        export_path(job)


@pytest.mark.parametrize(
    "params",
    [
        {"format": "../../etc/passwd", "story": "PLACEHOLDER"},
        {"format": "pdf", "story": "../../etc/passwd"},
        {"format": "pdf", "article": "../../etc/passwd"},
    ],
)
def test_the_desk_refuses_a_hostile_format_or_scope_before_any_job_exists(
    folders, client, checker, params
):
    story = StoryFactory()
    params = {k: story.slug if v == "PLACEHOLDER" else v for k, v in params.items()}
    client.force_login(checker)
    response = client.post(reverse("export-start"), params, **HTMX)
    assert response.status_code == 400
    assert not ExportJob.objects.exists()


def test_a_job_whose_scope_was_tampered_with_fails_without_writing_anything(folders, checker):
    before = tree(folders)
    job = ExportJob.objects.create(
        owner=checker, export_format="html", scope={"format": "html", "story": "../../etc"}
    )
    with pytest.raises(ValueError):
        build_export_file(str(job.pk))
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED
    assert tree(folders) - before <= {"exports"}


@pytest.mark.parametrize("export_format", ["csv", "html", "xlsx"])
def test_free_text_in_the_scope_changes_what_is_exported_not_where(folders, checker, export_format):
    claim = ClaimFactory()
    before = tree(folders)
    scope = {"format": export_format, "story": claim.article.story.slug, "checker": "../../x"}
    job = ExportJob.objects.create(owner=checker, export_format=export_format, scope=scope)
    build_export_file(str(job.pk))
    assert tree(folders) - before == {"exports", f"exports/{export_path(job).name}"}


@pytest.fixture
def finished_job(folders, checker):
    """A real export, built by the service, whose row then claims a hostile file name."""
    claim = ClaimFactory()
    scope = {"format": "csv", "story": claim.article.story.slug}
    job = ExportJob.objects.create(owner=checker, export_format="csv", scope=scope)
    build_export_file(str(job.pk))
    ExportJob.objects.filter(pk=job.pk).update(file_name="../outside.txt")
    return job


def test_the_download_serves_the_jobs_own_file_whatever_its_row_names(
    client, checker, finished_job
):
    client.force_login(checker)
    response = client.get(reverse("export-file", args=[finished_job.pk]))
    content = body(response)
    assert response.status_code == 200
    assert content == export_path(finished_job).read_bytes()
    assert OUTSIDE.encode() not in content


@pytest.mark.parametrize(
    "path",
    [
        "/exports/../outside.txt",
        "/exports/../../etc/passwd/file/",
        "/exports/%2e%2e%2foutside.txt/file/",
        "/exports/..%2f..%2fetc%2fpasswd/file/",
        "/exports/JOB/file/../../../outside.txt",
        "/exports/JOB/file/..%2f..%2foutside.txt",
        "/exports/JOB/..%2f..%2foutside.txt/",
        "/exports/JOB%2f..%2f..%2foutside.txt/file/",
    ],
)
def test_no_download_address_reaches_a_file_outside_the_export_folder(
    client, checker, finished_job, path
):
    client.force_login(checker)
    response = client.get(path.replace("JOB", str(finished_job.pk)))
    assert response.status_code == 404
    assert OUTSIDE.encode() not in body(response)


# Uploads


def multipart(fields: dict[str, str], files: list[tuple[str, bytes]]) -> tuple[bytes, str]:
    """A form post built by hand: Django's test client would strip the file names first."""
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in fields.items()
    ]
    encoded = [part.encode() for part in parts]
    for file_name, data in files:
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; '
            f'filename="{file_name}"\r\nContent-Type: text/plain\r\n\r\n'
        )
        encoded.append(head.encode() + data + b"\r\n")
    encoded.append(f"--{boundary}--\r\n".encode())
    return b"".join(encoded), f"multipart/form-data; boundary={boundary}"


LEDES = [
    "The port moved 3 million tonnes in 2025, the board said.",
    "Ferry fares doubled after the strike ended in June.",
    "A new crane arrived from Rotterdam on Tuesday morning.",
    "Dredging cost the city $12 million over four years.",
    "Fishermen protested the quota outside the town hall.",
    "The lighthouse reopened to visitors after a decade.",
    "Cruise ships brought 40,000 passengers last summer.",
]


def article_bytes(n: int) -> bytes:
    # Texts far apart, so none is taken for a near-duplicate of another.
    return f"Harbour report {n}\n{LEDES[n]}".encode()


def test_nothing_in_the_project_stores_a_file_field():
    # Uploads become text in the database; no model keeps a file on disk for them.
    file_fields = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    ]
    assert file_fields == []


@pytest.mark.parametrize("memory_limit", [2_621_440, 0], ids=["in-memory", "temporary-file"])
def test_uploads_with_hostile_names_write_nothing_and_keep_only_a_plain_label(
    folders, client, django_user_model, settings, memory_limit
):
    # 0 makes Django stream every upload to a temporary file in FILE_UPLOAD_TEMP_DIR.
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = memory_limit
    story = StoryFactory()
    client.force_login(user_with_role(django_user_model, "files-reporter", "reporter"))
    before = tree(folders)
    files = [(name, article_bytes(n)) for n, name in enumerate(HOSTILE_NAMES)]
    data, content_type = multipart({"story": story.slug, "outlet": "Wire"}, files)
    response = client.post(
        reverse("submit-articles", args=["upload"]), data, content_type=content_type, **HTMX
    )
    assert response.status_code == 200
    origins = list(story.articles.order_by("pk").values_list("origin", flat=True))
    # Django keeps the last path segment, unescaped and printable: a label, not a path.
    assert origins == [
        "passwd.txt", "passwd.txt", "win.txt", "passwd.txt",
        "%2e%2e%2f%2e%2e%2fetc%2fpasswd.txt", "passwd.txt", "evil.txt",
    ]  # fmt: skip
    if memory_limit == 0:
        for upload in response.wsgi_request.FILES.getlist("files"):
            spooled = Path(upload.temporary_file_path())
            # Django's own random name in our folder, removed once the request ended.
            assert spooled.parent == folders / "upload-tmp" and not spooled.exists()
            assert spooled.name.startswith("tmp") and "passwd" not in spooled.name
    assert tree(folders) == before


def test_an_upload_named_with_a_path_is_read_in_memory_and_its_name_kept_as_text(db, folders):
    # Straight to the service, with no web layer to strip the names: they stay text.
    story = StoryFactory()
    before = tree(folders)
    names = [n for n in HOSTILE_NAMES if "\x00" not in n]
    uploads = [ContentFile(article_bytes(n), name=name) for n, name in enumerate(names)]
    report = upload_articles(story, uploads)
    assert sorted(a.origin for a in report.created) == sorted(names)
    assert tree(folders) == before


@pytest.mark.parametrize("origin", [*HOSTILE_NAMES[:-1], 'a.txt"; filename="evil.sh'])
def test_exporting_an_article_with_a_hostile_origin_gives_a_safe_file_name(
    folders, client, checker, origin
):
    claim = ClaimFactory(article=ArticleFactory(origin=origin))
    article = claim.article
    client.force_login(checker)
    expected = f'attachment; filename="factdesk-article-{article.pk}.csv"'
    streamed = client.get(reverse("export-stream"), {"article": article.pk, "format": "csv"})
    assert streamed["Content-Disposition"] == expected
    job = ExportJob.objects.create(
        owner=checker, export_format="html", scope={"format": "html", "article": article.pk}
    )
    build_export_file(str(job.pk))
    assert export_path(job).parent == folders / "exports"
    prepared = client.get(reverse("export-file", args=[job.pk]))
    assert prepared["Content-Disposition"] == expected.replace(".csv", ".html")
    assert body(prepared) == export_path(job).read_bytes()
    assert Article.objects.get(pk=article.pk).origin == origin
