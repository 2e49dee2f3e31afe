from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from claims.models import VerdictLabel
from claims.services.review import MAX_COMMENT_CHARS
from factdesk.roles import CHECKER

MAX_EVIDENCE_LINKS = 20
# Built once: each URLValidator compiles its own copy of a long regular expression.
validate_link = URLValidator(schemes=["http", "https"])


class VerdictForm(forms.Form):
    label = forms.ChoiceField(
        choices=VerdictLabel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose supported, varied or erroneous."},
    )
    rationale = forms.CharField(
        widget=forms.Textarea(
            attrs={"rows": 3, "placeholder": "Why? Name the sources you compared."}
        ),
        max_length=5000,
        error_messages={"required": "Write a short rationale for the verdict."},
    )
    evidence = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "One link per line"}),
        help_text="Evidence links, one per line.",
    )
    # The claim's version when the form was shown: a save against a newer version is
    # a conflict, not an overwrite.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def clean_rationale(self) -> str:
        rationale = self.cleaned_data["rationale"].strip()
        if not rationale:
            raise ValidationError("Write a short rationale for the verdict.")
        return rationale

    def clean_evidence(self) -> list[str]:
        links = [
            line.strip() for line in self.cleaned_data["evidence"].splitlines() if line.strip()
        ]
        if len(links) > MAX_EVIDENCE_LINKS:
            raise ValidationError(f"At most {MAX_EVIDENCE_LINKS} evidence links.")
        bad = []
        for link in links:
            try:
                validate_link(link)
            except ValidationError:
                bad.append(link)
        if bad:
            raise ValidationError(
                "Not a web link (http or https): " + ", ".join(b[:80] for b in bad)
            )
        return links


class ReviewForm(forms.Form):
    """An editor's review step from the panel: sign off, send back or reopen.

    The comment's rules (needed to send back or reopen, its length) are the review
    service's, which says them in its own words; here only what cannot be stored (a NUL)
    is refused. The version, when it is a number, makes a sign-off of a verdict changed
    meanwhile a conflict.
    """

    STEPS = {
        "sign_off": "Signed off.",
        "send_back": "Sent back to the checker.",
        "reopen": "Reopened: the claim is back in the queue.",
    }  # each step and what the panel says once it is done

    step = forms.ChoiceField(
        choices=[(step, step) for step in STEPS],
        error_messages={
            "required": "Choose sign off, send back or reopen.",
            "invalid_choice": "Choose sign off, send back or reopen.",
        },
    )
    comment = forms.CharField(required=False, strip=False)
    version = forms.CharField(required=False)

    def clean_version(self) -> int | None:
        version = self.cleaned_data["version"]
        return int(version) if version.isdigit() else None

    def first_error(self) -> str:
        return next(iter(self.errors.values()))[0]


class CommentForm(forms.Form):
    text = forms.CharField(
        max_length=MAX_COMMENT_CHARS,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "Comment for the desk"}),
        error_messages={"required": "Write a comment first."},
    )


def checkers():
    return (
        get_user_model()
        .objects.filter(groups__name=CHECKER, is_active=True)
        .order_by("username")
        .distinct()
    )


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        queryset=checkers(),
        empty_label="Choose a fact-checker",
        error_messages={"required": "Choose a fact-checker to assign."},
    )
