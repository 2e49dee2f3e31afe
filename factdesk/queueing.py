"""Sending Celery tasks from web requests and services without trusting the broker to be up.

Saved work must survive a broker outage: the task is sent only after the transaction
commits (a worker never sees an uncommitted row), and when the broker cannot be reached
the row stays saved and the caller records that the work is delayed; a periodic sweep
(`claims.tasks.resume_delayed_work`) sends it again once the broker is back.
"""

import logging
from collections.abc import Callable

from django.db import DatabaseError, transaction
from kombu.exceptions import OperationalError as BrokerUnreachable

logger = logging.getLogger(__name__)

# Work that must not be lost: acknowledged only when done (a killed worker's task
# is delivered again) and retried with backoff while the database or broker is away.
ROBUST = {
    "acks_late": True,
    "autoretry_for": (DatabaseError, BrokerUnreachable),
    "retry_backoff": True,
    "retry_backoff_max": 60,
    "retry_jitter": True,
    "max_retries": 5,
}


def send_after_commit(
    task, *args, on_unreachable: Callable[[], None] | None = None, **kwargs
) -> None:
    """Send `task(*args, **kwargs)` once the current transaction commits (at once outside one).

    If the broker refuses, log it and call `on_unreachable` instead of failing the request.
    """

    def send() -> None:
        try:
            task.delay(*args, **kwargs)
        except BrokerUnreachable as exc:
            logger.warning("Task queue unreachable, %s%s delayed: %s", task.name, args, exc)
            if on_unreachable is not None:
                on_unreachable()

    transaction.on_commit(send, robust=True)
