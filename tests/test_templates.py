"""The claim panel's template reads at a normal width: partials, no line over 120 characters."""

import re
from pathlib import Path

PANEL = Path(__file__).resolve().parent.parent / "templates" / "claims" / "claim_panel.html"
MAX_LINE = 120


def test_no_line_of_the_claim_panel_is_wider_than_120_characters():
    wide = [
        f"line {number}: {len(line)} characters"
        for number, line in enumerate(PANEL.read_text().splitlines(), start=1)
        if len(line) > MAX_LINE
    ]
    assert not wide, wide


def test_the_panel_is_built_from_named_partials():
    names = re.findall(r"{% partialdef ([\w-]+)", PANEL.read_text())
    # Those the views and other templates render by name, and the panel's own parts.
    for name in ("panel", "work", "version-row", "claim-mark", "verdict-saved", "move-choices"):
        assert name in names
    for part in ("panel-head", "facts", "versions", "comments", "review-form", "verdict-form"):
        assert part in names
