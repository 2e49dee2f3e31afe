"""The direction of dependencies is enforced (pyproject.toml, docs/architecture.md): the tree as
it is keeps every import contract, and an import across a forbidden line breaks one."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("articles", "claims", "reports", "factdesk")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )


@pytest.fixture
def copy_of_the_tree(tmp_path) -> Path:
    for package in PACKAGES:
        shutil.copytree(
            REPO / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(REPO / "pyproject.toml", tmp_path)
    return tmp_path


def test_the_code_as_it_is_keeps_every_import_contract():
    result = lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 3 kept, 0 broken." in result.stdout, result.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("articles/probe.py", "from claims.models import Claim", "Apps in layers"),
        ("claims/probe.py", "from reports.formats import FORMATS", "Apps in layers"),
        ("factdesk/queueing.py", "from claims import models", "Shared plumbing"),
        ("claims/matching/probe.py", "from django.db import models", "Extraction and matching"),
    ],
)
def test_an_import_across_a_forbidden_line_breaks_a_contract(
    copy_of_the_tree, module, line, broken
):
    path = copy_of_the_tree / module
    existing = path.read_text() if path.exists() else ""
    path.write_text(existing + f"\n{line}  # across the line\n")
    result = lint_imports(copy_of_the_tree)
    assert result.returncode != 0
    verdicts = [line for line in result.stdout.splitlines() if " KEPT" in line or " BROKEN" in line]
    named = next(v for v in verdicts if v.startswith(broken))  # the contract meant
    assert " BROKEN" in named, result.stdout
