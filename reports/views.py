"""Export screens: stream CSV/JSON straight away, prepare the rest in the background."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from reports.formats import FORMATS, streaming_response
from reports.forms import ExportForm
from reports.models import ExportJob
from reports.selectors import ExportScope, export_jobs_of, scope_from_stored
from reports.services import export_path, start_export

EXPORT = "claims.export_claims"


def _file_name(scope: ExportScope, extension: str) -> str:
    subject = scope.story.slug if scope.story else f"article-{scope.article.pk}"
    suffix = "-signed-off" if scope.signed_off_only else ""
    return f"factdesk-{slugify(subject)}{suffix}.{extension}"


def _form_errors(request, form: ExportForm, status: int = 400):
    messages = [m for errors in form.errors.values() for m in errors]
    return render(request, "reports/export_job.html#error", {"messages": messages}, status=status)


@login_required
@permission_required(EXPORT, raise_exception=True)
def export_stream(request):
    """CSV or JSON, streamed row by row: memory stays flat however many claims."""
    form = ExportForm(request.GET)
    if not form.is_valid():
        return _form_errors(request, form)
    export_format = form.cleaned_data["format"]
    if not FORMATS[export_format].streams:
        form.add_error("format", f"{export_format} is prepared in the background; use Prepare.")
        return _form_errors(request, form)
    name = _file_name(form.scope(), FORMATS[export_format].extension)
    return streaming_response(form.scope(), export_format, name)


@login_required
@permission_required(EXPORT, raise_exception=True)
@require_POST
def export_start(request):
    form = ExportForm(request.POST)
    if not form.is_valid():
        return _form_errors(request, form)
    job = start_export(
        owner=request.user, export_format=form.cleaned_data["format"], scope=form.scope()
    )
    return render(request, "reports/export_job.html#job", {"job": job})


def _own_job(request, pk) -> ExportJob:
    # Someone else's job is a 404, not a 403: its existence is not ours to reveal.
    return get_object_or_404(export_jobs_of(request.user), pk=pk)


@login_required
@permission_required(EXPORT, raise_exception=True)
def export_job(request, pk):
    return render(request, "reports/export_job.html#job", {"job": _own_job(request, pk)})


@login_required
@permission_required(EXPORT, raise_exception=True)
def export_file(request, pk):
    job = _own_job(request, pk)
    path = export_path(job)
    if job.status != ExportJob.Status.DONE or not path.exists():
        raise Http404("This export is not ready.")
    extension = FORMATS[job.export_format].extension
    try:
        name = _file_name(scope_from_stored(job.scope), extension)
    except ValueError:  # the story or article has gone since: the file keeps its own name
        name = path.name
    return FileResponse(
        open(path, "rb"),
        as_attachment=True,
        filename=name,
        content_type=FORMATS[job.export_format].content_type,
    )
