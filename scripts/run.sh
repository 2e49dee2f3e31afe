#!/usr/bin/env bash
# Serve the demo: migrate, load the sample story, extract its claims, print a login.
# Without DATABASE_URL/REDIS_URL: SQLite and in-process tasks. With them: PostgreSQL
# and a real Celery worker started here and stopped when the server stops.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBUG="${DEBUG:-1}"
PY=.venv/bin/python

scripts/system-deps.sh

$PY scripts/ensure_database.py
$PY manage.py migrate --noinput
worker_pid=""
if [ -n "${REDIS_URL:-}" ]; then
  echo "REDIS_URL is set: starting a Celery worker (log in celery-worker.log)."
  .venv/bin/celery -A factdesk worker --beat --loglevel=INFO --concurrency=2 >celery-worker.log 2>&1 &
  worker_pid=$!
  trap '[ -n "$worker_pid" ] && kill "$worker_pid" 2>/dev/null' EXIT
fi
$PY manage.py load_sample --wait
$PY manage.py create_demo_users
echo
echo "FactDesk is at http://127.0.0.1:8000 (log in with a demo account above; Ctrl-C stops it)."
$PY manage.py runserver 127.0.0.1:8000
