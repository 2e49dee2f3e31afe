"""ClaimReview JSON-LD is published inside <script type="application/ld+json">: whatever an
outlet's text holds, embedding the export there runs nothing and reads back as written."""

import io
import json

import pytest

from claims.services.review import record_verdict
from reports.formats import FORMATS
from reports.selectors import ExportScope
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.browser

HOSTILE_CLAIM = "Revenue rose </script><script>window.pwned = 'claim'</script> 17%."
HOSTILE_OUTLET = "</SCRIPT ><img src=x onerror=\"window.pwned = 'outlet'\">"
HOSTILE_HEADLINE = "<!--<script>window.pwned = 'headline'</script>--> & more"


def test_embedded_claimreview_markup_runs_no_script_and_parses_back_intact(page, checker):
    article = ArticleFactory(
        outlet=HOSTILE_OUTLET, headline=HOSTILE_HEADLINE, body=HOSTILE_CLAIM + " The end."
    )
    claim = ClaimFactory(article=article, text=HOSTILE_CLAIM, start=0, end=len(HOSTILE_CLAIM))
    record_verdict(claim=claim, checked_by=checker, label="varied", rationale="Was 16%.")
    exported = io.BytesIO()
    FORMATS["claimreview"].write(ExportScope(story=article.story), exported, "https://x.example")
    text = exported.getvalue().decode("utf-8")

    # As docs/export.md says to publish it.
    page.set_content(
        "<!doctype html><html><head>"
        f'<script type="application/ld+json">{text}</script>'
        "</head><body><p>A fact check</p></body></html>"
    )
    assert page.evaluate("window.pwned") is None
    assert page.locator("script").count() == 1
    assert page.locator("img").count() == 0
    embedded = page.locator('script[type="application/ld+json"]').text_content()
    document = json.loads(embedded)
    review = document["@graph"][0]
    assert review["claimReviewed"] == HOSTILE_CLAIM
    assert review["itemReviewed"]["author"]["name"] == HOSTILE_OUTLET
    assert review["itemReviewed"]["appearance"]["headline"] == HOSTILE_HEADLINE
