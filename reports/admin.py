"""The claims list in the admin, with the reports app's export actions added.

Claims sit below reports and cannot offer its exports themselves; this subclass of their
admin registers the same page with two more actions.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied

from claims.admin.claim_admin import ClaimAdmin
from claims.models import Claim
from reports.formats import FORMATS, streaming_response
from reports.selectors import ExportScope


class ClaimWithExportsAdmin(ClaimAdmin):
    actions = ["export_csv", "export_json", *ClaimAdmin.actions]

    def _export(self, request, queryset, export_format: str):
        if not request.user.has_perm("claims.export_claims"):
            raise PermissionDenied
        scope = ExportScope(claim_ids=tuple(queryset.values_list("pk", flat=True)))
        name = f"factdesk-selected-claims.{FORMATS[export_format].extension}"
        return streaming_response(scope, export_format, name)

    @admin.action(description="Export selected claims as CSV")
    def export_csv(self, request, queryset):
        return self._export(request, queryset, "csv")

    @admin.action(description="Export selected claims as JSON")
    def export_json(self, request, queryset):
        return self._export(request, queryset, "json")


admin.site.unregister(Claim)
admin.site.register(Claim, ClaimWithExportsAdmin)
