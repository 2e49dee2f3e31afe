#!/usr/bin/env bash
# The whole suite against real PostgreSQL, Redis, a Celery worker and Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

export DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/factdesk}"
export REDIS_URL="${TEST_REDIS_URL:-redis://127.0.0.1:6379/15}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

scripts/system-deps.sh --browser

.venv/bin/python scripts/check_services.py

.venv/bin/ruff check .
.venv/bin/ruff format --check .
# The direction of dependencies (pyproject.toml, docs/architecture.md).
.venv/bin/lint-imports --no-cache
DATABASE_URL=sqlite:///:memory: .venv/bin/python manage.py makemigrations --check --dry-run >/dev/null
exec .venv/bin/python -m pytest "$@"
