"""The word-diff filter marks changed words and escapes every word."""

from claims.templatetags.word_diffs import word_diff


def test_inserted_and_deleted_words_are_marked_and_equal_words_kept():
    ops = [["equal", "generative"], ["delete", "AI"], ["insert", "genetic"], ["equal", "tools"]]
    assert word_diff(ops) == "generative <del>AI</del> <ins>genetic</ins> tools"


def test_words_from_article_text_are_escaped():
    html = word_diff([["insert", "<script>alert(1)</script>"], ["equal", "&"]])
    assert html == "<ins>&lt;script&gt;alert(1)&lt;/script&gt;</ins> &amp;"


def test_no_diff_is_empty():
    assert word_diff(None) == ""
