"""Writes for claims, one module a topic: extraction (and its leases), clusters, review,
curation, corrections, admin edits, and the lock order they all follow (`locking`)."""
