"""Answer 503 with a plain page when the database cannot be reached, instead of a 500."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    """A lost connection or a database restart is an outage, not a bug: say so, and ask the
    browser to come back shortly. The next request reconnects by itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable for %s: %s", request.path, exception)
        # No request context: context processors would ask the database again.
        page = render_to_string("503.html")
        return HttpResponse(page, status=503, headers={"Retry-After": "10"})
