"""The claims app's admin pages: claims, verdicts, clusters, events and comments; and the
story and article pages, which show and act on claims. Importing them registers them."""

from claims.admin import article_admin, claim_admin  # noqa: F401
