"""The review actions posted from the panel are read by one form, with the panel's messages."""

from claims.forms import ReviewForm


def test_a_step_that_is_none_of_the_three_is_refused_with_the_panels_message():
    form = ReviewForm({"step": "publish"})
    assert not form.is_valid()
    assert form.errors["step"] == ["Choose sign off, send back or reopen."]


def test_a_comment_with_a_null_character_is_refused():
    form = ReviewForm({"step": "send_back", "comment": "fine\x00"})
    assert not form.is_valid()
    assert form.errors["comment"] == ["Null characters are not allowed."]


def test_a_sign_off_reads_the_version_and_ignores_one_that_is_not_a_number():
    form = ReviewForm({"step": "sign_off", "version": "7"})
    assert form.is_valid() and form.cleaned_data["version"] == 7
    form = ReviewForm({"step": "sign_off", "version": "seven"})
    assert form.is_valid() and form.cleaned_data["version"] is None


def test_the_comment_reaches_the_service_as_typed():
    form = ReviewForm({"step": "reopen", "comment": "  needs another look  "})
    assert form.is_valid()
    assert form.cleaned_data["comment"] == "  needs another look  "
