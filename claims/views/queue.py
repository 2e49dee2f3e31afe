"""The review queue: the claims to check, filtered, in keyset pages, polled while open."""

from urllib.parse import quote

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import render

from claims.filters import QueueFilter
from claims.paging import keyset_page, page_fingerprint
from claims.selectors import claims_for_queue

VIEW = "claims.view_claim"


@login_required
@permission_required(VIEW, raise_exception=True)
def queue(request):
    filters = QueueFilter(request.GET, queryset=claims_for_queue(), user=request.user)
    cursor = request.GET.get("after", "")
    # An open queue polls every 5 s; mostly nothing on its page changed, and then the
    # answer is an empty 204, which htmx leaves the page alone for.
    fingerprint = page_fingerprint(filters.qs, cursor)
    if request.htmx and request.GET.get("seen") == fingerprint:
        return HttpResponse(status=204)
    claims, next_cursor = keyset_page(filters.qs, cursor)
    poll = request.GET.copy()
    poll["seen"] = fingerprint
    context = {
        "filters": filters,
        "claims": claims,
        "next_cursor": next_cursor,
        "poll_url": f"{request.path}?{poll.urlencode()}",
        # The next page keeps the filters (each as the urlencode filter writes it), not the cursor.
        "kept_query": "".join(
            f"{key}={quote(value)}&"
            for key, value in request.GET.items()
            if key not in ("after", "seen")
        ),
    }
    if request.htmx and not request.htmx.boosted:
        return render(request, "claims/queue.html#results", context)
    return render(request, "claims/queue.html", context)
