from django import forms
from django.utils.text import slugify

from articles.models import Article, Feed, Story
from articles.uploads import RefusedUpload


def _longest(model, name: str) -> int:
    """The length of the column a field is saved to: the form refuses what it cannot hold."""
    return model._meta.get_field(name).max_length


class StoryChoiceForm(forms.Form):
    """Which story the new article joins: an existing one, or a new one by title."""

    story = forms.ModelChoiceField(
        queryset=Story.objects.order_by("-created_at"),
        required=False,
        to_field_name="slug",
        empty_label="Suggest one for me",
    )
    new_story = forms.CharField(
        required=False, max_length=_longest(Story, "title"), label="…or start a new story titled"
    )
    outlet = forms.CharField(required=False, max_length=_longest(Article, "outlet"))

    def clean_new_story(self) -> str:
        title = self.cleaned_data["new_story"].strip()
        if title and not slugify(title):
            raise forms.ValidationError("Use letters or digits in the story title.")
        return title


class PasteForm(StoryChoiceForm):
    headline = forms.CharField(required=False, max_length=_longest(Article, "headline"))
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": "Paste the article text."},
        strip=True,
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        # An empty file is refused by name when it is read, not by the form for the batch.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)]


class UploadForm(StoryChoiceForm):
    files = MultipleFileField(error_messages={"required": "Choose one or more files."})

    def clean(self):
        """``files``: the files to read; ``refused``: why the others were not kept."""
        cleaned = super().clean()
        files = cleaned.get("files") or []
        cleaned["refused"] = [f.refusal for f in files if isinstance(f, RefusedUpload)]
        cleaned["files"] = [f for f in files if not isinstance(f, RefusedUpload)]
        return cleaned


class UrlForm(StoryChoiceForm):
    url = forms.URLField(
        max_length=_longest(Article, "url"),
        assume_scheme="https",
        error_messages={
            "required": "Give the article's web address.",
            "invalid": "That is not a web address.",
        },
    )


class FeedForm(forms.Form):
    url = forms.URLField(
        max_length=_longest(Feed, "url"), assume_scheme="https", label="Feed address (RSS or Atom)"
    )
