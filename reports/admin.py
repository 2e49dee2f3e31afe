"""The claims list in the admin, with the reports app's export actions added.

Claims sit below reports and cannot offer its exports themselves; this subclass of their
admin registers the same page with one more action per streamed format (`export_csv`, …).
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied

from claims.admin.claim_admin import ClaimAdmin
from claims.models import Claim
from reports.formats import FORMATS, ExportFormat, streamed_formats, streaming_response
from reports.selectors import ExportScope


def _export_action(export_format: ExportFormat):
    @admin.action(description=f"Export selected claims as {export_format.label}")
    def export(modeladmin, request, queryset):
        return modeladmin.export_selected(request, queryset, export_format.name)

    export.__name__ = f"export_{export_format.name}"  # the action's name in the request
    return export


class ClaimWithExportsAdmin(ClaimAdmin):
    actions = [*(_export_action(f) for f in streamed_formats()), *ClaimAdmin.actions]

    def export_selected(self, request, queryset, export_format: str):
        if not request.user.has_perm("claims.export_claims"):
            raise PermissionDenied
        scope = ExportScope(claim_ids=tuple(queryset.values_list("pk", flat=True)))
        name = f"factdesk-selected-claims.{FORMATS[export_format].extension}"
        return streaming_response(scope, export_format, name)


admin.site.unregister(Claim)
admin.site.register(Claim, ClaimWithExportsAdmin)
