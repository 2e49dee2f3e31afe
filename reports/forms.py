from django import forms

from claims.models import VerdictLabel
from reports.formats import FORMATS
from reports.selectors import ExportScope, export_scope


class ExportForm(forms.Form):
    """What to export, from query parameters or a POST; errors read as plain advice.

    A valid form gives its format and its `ExportScope` (`scope()`); an export job stores
    that scope as plain values (`reports.selectors.stored_scope`), not this form's data.
    """

    format = forms.ChoiceField(choices=[(f.name, f.label) for f in FORMATS.values()])
    story = forms.SlugField(required=False)
    article = forms.IntegerField(required=False, min_value=1)
    label = forms.ChoiceField(choices=[("", "any"), *VerdictLabel.choices], required=False)
    checker = forms.CharField(required=False, max_length=150)
    checked_from = forms.DateField(required=False)
    checked_to = forms.DateField(required=False)
    signed_off_only = forms.BooleanField(required=False)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        # Every field but the format is a part of the scope, by the same name.
        parts = {name: value for name, value in data.items() if name != "format"}
        try:
            data["scope"] = export_scope(**parts)
        except ValueError as exc:  # what the values name does not exist, or contradicts
            raise forms.ValidationError(str(exc)) from exc
        return data

    def scope(self) -> ExportScope:
        return self.cleaned_data["scope"]
