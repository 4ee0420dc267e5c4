"""Per-client rate limits counted in the cache (Redis in production, so every worker shares
the count): a fixed window per scope. Clients are told apart by their address — the last
address a trusted proxy added when PROXY_COUNT proxies stand in front — and only a hash of it
is ever stored.

The limits of the public doors (RATE_LIMITS' "api" and "search": `scopes`) are counted in the
request's first round trip to the cache, with the versions it reads (`start`, called by
core.middleware.CachedSiteMiddleware), and decided before the view by RateLimitMiddleware:
a search asks Redis once less. Those its URL alone tells (the search pages without a search
parameter) are counted then."""

import contextvars
import hashlib
import time

from django.conf import settings

from core import cache
from core.api_http import is_api
from core.params import is_search

_COUNTED = "_rate_limits_counted"  # the request's attribute: {scope: (count, window's end)}


def client_address(request) -> str:
    proxies = getattr(settings, "PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def scopes(request, match=None) -> list[str]:
    """The public doors' limits a request counts against: "api" for every API request, "search"
    for every text search or place lookup whatever its door (the search pages, known from the
    URL's `match` once resolved, and any request with a search parameter:
    core.params.SEARCH_PARAMETERS). A browser's preflight (OPTIONS) asks for no data."""
    if request.method == "OPTIONS":
        return []
    found = ["api"] if is_api(request) else []
    if is_search(request) or (match is not None and match.namespace == "search"):
        found.append("search")
    return found


def _window(request, scope: str, seconds: int) -> tuple[str, int, float]:
    """The count's key for this client in the current window of `seconds`, how long the key
    lives (a second past the window), and when the window ends."""
    current = int(time.time() // seconds)
    client = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{client}:{current}", seconds + 1, (current + 1) * seconds


def start(request) -> contextvars.Token:
    """Begins the request's reads of the cache (core.cache.begin_request, whose token it
    returns for core.cache.end_request) and counts, in that same round trip, the limits its
    path and parameters already tell; `over_limit` then reads those counts instead of counting
    again."""
    windows = {scope: _window(request, scope, settings.RATE_LIMITS[scope][1])
               for scope in scopes(request)}  # fmt: skip
    token, counts = cache.begin_request([(key, lives) for key, lives, _ in windows.values()])
    counted = zip(windows.items(), counts, strict=True)
    setattr(request, _COUNTED, {scope: (value, ends) for (scope, (*_, ends)), value in counted})
    return token


def over_limit(request, scope: str, limit: int, window: int) -> int | None:
    """Counts this request (unless `start` has already); None while within `limit` per
    `window` seconds, else the seconds until the window ends (for Retry-After)."""
    counted = getattr(request, _COUNTED, {}).pop(scope, None)
    if counted is None:
        key, lives, ends = _window(request, scope, window)
        counted = (cache.count(key, lives), ends)
    value, ends = counted
    if value <= limit:
        return None
    return max(1, int(ends - time.time()))
