from django import forms

from articles.models import Article, Story
from claims.models import VerdictLabel
from reports.formats import FORMATS
from reports.selectors import ExportScope


class ExportForm(forms.Form):
    """What to export, from query parameters or a POST; errors read as plain advice."""

    format = forms.ChoiceField(choices=[(name, name) for name in FORMATS])
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
        data["story_obj"] = data["article_obj"] = None
        if data.get("story"):
            data["story_obj"] = Story.objects.filter(slug=data["story"]).first()
            if data["story_obj"] is None:
                raise forms.ValidationError(f"No story '{data['story']}'.")
        if data.get("article"):
            data["article_obj"] = (
                Article.objects.select_related("story").filter(pk=data["article"]).first()
            )
            if data["article_obj"] is None:
                raise forms.ValidationError(f"No article #{data['article']}.")
        if not (data["story_obj"] or data["article_obj"]):
            raise forms.ValidationError("Say which story or article to export.")
        start, end = data.get("checked_from"), data.get("checked_to")
        if start and end and start > end:
            raise forms.ValidationError("The start date is after the end date.")
        return data

    def scope(self) -> ExportScope:
        data = self.cleaned_data
        return ExportScope(
            story=data["story_obj"],
            article=data["article_obj"],
            label=data.get("label") or "",
            checker=data.get("checker") or "",
            checked_from=data.get("checked_from"),
            checked_to=data.get("checked_to"),
            signed_off_only=bool(data.get("signed_off_only")),
        )

    def params(self) -> dict:
        """The request as plain values a worker can turn back into the same form."""
        params = {
            k: v for k, v in self.data.items() if k in self.fields and k != "csrfmiddlewaretoken"
        }
        # A checkbox takes any text, even a NUL the JSON column refuses: keep only its meaning.
        if "signed_off_only" in params:
            params["signed_off_only"] = self.cleaned_data["signed_off_only"]
        return params
