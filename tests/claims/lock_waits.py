"""Make one transaction wait for another's row lock, on purpose: the races of two people
acting on one claim at the same moment, made to happen every time. Real PostgreSQL."""

import threading
import time

from django.db import connection, transaction


def backends_waiting_for_a_lock() -> int:
    # What PostgreSQL itself says; there is no ORM view of it. pg_locks is read live, where
    # pg_stat_activity would be a snapshot inside a transaction.
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
        return cursor.fetchone()[0]


def while_held(first, second) -> dict[str, object]:
    """Run `first` in a transaction that stays open until `second`, in another thread, waits
    for one of its locks; then commit it. Returns what `second` returned or raised."""
    holding, commit = threading.Event(), threading.Event()
    outcome: dict[str, object] = {}

    def hold():
        try:
            with transaction.atomic():
                first()
                holding.set()
                commit.wait(30)
        finally:
            connection.close()

    def wait_then_run():
        try:
            outcome["result"] = second()
        except Exception as exc:
            outcome["error"] = exc
        finally:
            connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    assert holding.wait(10)
    waiter = threading.Thread(target=wait_then_run)
    waiter.start()
    try:
        deadline = time.monotonic() + 30
        while not backends_waiting_for_a_lock():
            assert time.monotonic() < deadline, f"never waited for the first: {outcome}"
            assert waiter.is_alive(), outcome
            time.sleep(0.05)
    finally:
        commit.set()
        holder.join(30)
        waiter.join(60)
    return outcome
