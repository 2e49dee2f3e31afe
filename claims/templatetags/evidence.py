"""Evidence links with their real host and warnings (claims/evidence_links.py)."""

from functools import lru_cache

from django import template

from claims.evidence_links import EvidenceLink, describe_evidence

register = template.Library()

# The same verdicts come back on every panel of a claim: each link is described once.
described = lru_cache(maxsize=4096)(describe_evidence)


@register.filter
def evidence_links(values) -> list[EvidenceLink]:
    return [described(str(value)) for value in values or ()]
