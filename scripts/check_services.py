"""Fail fast, with a clear message, when PostgreSQL or Redis is not reachable."""

import os
import sys

import psycopg
import redis


def main() -> int:
    problems = []
    db = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
    try:
        psycopg.connect(db, connect_timeout=5).close()
    except psycopg.Error as exc:
        problems.append(f"PostgreSQL at {db} is not reachable: {exc}")
    try:
        redis.Redis.from_url(os.environ["REDIS_URL"], socket_connect_timeout=5).ping()
    except redis.RedisError as exc:
        problems.append(f"Redis at {os.environ['REDIS_URL']} is not reachable: {exc}")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
