"""The desk's screens that show claims, one module a screen (see docs/architecture.md)."""
