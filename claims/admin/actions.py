"""Admin bulk actions that change claims, each behind a confirmation page."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from claims.forms import checkers
from claims.models import ClaimCluster
from claims.services.clusters import move_claim
from claims.services.curation import merge_claims
from claims.services.review import assign_claims


def confirm(modeladmin, request, queryset, *, action: str, title: str, form, intro: str):
    """The confirmation page: the selected claims, the form, and a button to apply."""
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "intro": intro,
        "objects": queryset[:200],
        "count": queryset.count(),
        "form": form,
        "action": action,
        "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
        "opts": modeladmin.model._meta,
    }
    return TemplateResponse(request, "admin/claims/confirm_action.html", context)


class ReassignForm(forms.Form):
    assignee = forms.ModelChoiceField(queryset=checkers(), label="Assign to")


@admin.action(description="Reassign to a fact-checker…")
def reassign(modeladmin, request, queryset):
    if not request.user.has_perm("claims.assign_claims"):
        raise PermissionDenied
    form = ReassignForm(request.POST if "apply" in request.POST else None)
    if form.is_bound and form.is_valid():
        assignee = form.cleaned_data["assignee"]
        count = assign_claims(queryset, assignee=assignee, by=request.user)
        modeladmin.message_user(
            request,
            f"Assigned {count} open claims to {assignee.get_username()} "
            "(signed-off claims stay as they are).",
            messages.SUCCESS,
        )
        return None
    return confirm(
        modeladmin, request, queryset, action="reassign", title="Reassign claims", form=form,
        intro="Open claims among these go to the fact-checker you choose.",
    )  # fmt: skip


class MergeForm(forms.Form):
    keep = forms.ChoiceField(label="Keep this claim", widget=forms.RadioSelect)

    def __init__(self, *args, claims, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].choices = [(str(c.pk), f"#{c.pk} {c}") for c in claims]


@admin.action(description="Merge duplicate claims…")
def merge_duplicates(modeladmin, request, queryset):
    if not request.user.has_perm("claims.change_claim"):
        raise PermissionDenied
    claims = list(queryset.select_related("article")[:50])
    form = MergeForm(request.POST if "apply" in request.POST else None, claims=claims)
    if len(claims) < 2:
        modeladmin.message_user(request, "Select at least two claims to merge.", messages.ERROR)
        return None
    if form.is_bound and form.is_valid():
        keep = next(c for c in claims if str(c.pk) == form.cleaned_data["keep"])
        try:
            merge_claims(keep=keep, duplicates=claims, actor=request.user)
        except ValueError as exc:
            modeladmin.message_user(request, str(exc), messages.ERROR)
            return None
        modeladmin.message_user(
            request,
            f"Merged {len(claims) - 1} duplicates into claim #{keep.pk}; "
            "their verdicts, comments and history are kept on it.",
            messages.SUCCESS,
        )
        return None
    return confirm(
        modeladmin, request, queryset, action="merge_duplicates", title="Merge duplicate claims",
        form=form, intro="The others fold into the claim you keep; nothing they carry is lost.",
    )  # fmt: skip


class MoveForm(forms.Form):
    cluster = forms.ModelChoiceField(queryset=ClaimCluster.objects.none(), label="Move into")

    def __init__(self, *args, story_ids, **kwargs):
        super().__init__(*args, **kwargs)
        # One story's clusters: a few hundred at most, so a plain list works.
        self.fields["cluster"].queryset = ClaimCluster.objects.filter(
            story_id__in=story_ids
        ).order_by("-outlet_count", "id")


@admin.action(description="Move to another cluster…")
def move_to_cluster(modeladmin, request, queryset):
    if not request.user.has_perm("claims.edit_clusters"):
        raise PermissionDenied
    story_ids = set(queryset.values_list("article__story_id", flat=True))
    if len(story_ids) != 1:
        modeladmin.message_user(
            request, "Select claims of one story: clusters never span stories.", messages.ERROR
        )
        return None
    data = request.POST if "apply" in request.POST else None
    form = MoveForm(data, story_ids=story_ids)
    if form.is_bound and form.is_valid():
        target = form.cleaned_data["cluster"]
        moved = 0
        for claim in queryset:
            try:
                move_claim(claim, target, actor=request.user)
                moved += 1
            except ValueError as exc:
                modeladmin.message_user(request, f"Claim #{claim.pk}: {exc}", messages.ERROR)
        modeladmin.message_user(
            request, f"Moved {moved} claims into cluster #{target.pk}.", messages.SUCCESS
        )
        return None
    return confirm(
        modeladmin, request, queryset, action="move_to_cluster", title="Move claims to a cluster",
        form=form, intro="The claims join the cluster you choose; both clusters become curated.",
    )  # fmt: skip
