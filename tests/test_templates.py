"""Templates read at a normal width (no line over 120 characters); the claim panel is
built from named partials."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
PANEL = TEMPLATES / "claims" / "claim_panel.html"
MAX_LINE = 120


def test_no_template_line_is_longer_than_120_characters():
    too_long = [
        f"{path.relative_to(TEMPLATES)}:{number} ({len(line)} characters)"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if len(line) > MAX_LINE
    ]
    assert not too_long, "Template lines over 120 characters:\n" + "\n".join(too_long)


def test_the_panel_is_built_from_named_partials():
    names = re.findall(r"{% partialdef ([\w-]+)", PANEL.read_text())
    # Those the views and other templates render by name, and the panel's own parts.
    for name in ("panel", "work", "version-row", "claim-mark", "verdict-saved", "move-choices"):
        assert name in names
    for part in ("panel-head", "facts", "versions", "comments", "review-form", "verdict-form"):
        assert part in names
