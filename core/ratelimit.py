"""Per-client rate limits counted in the cache (Redis in production, so every worker shares
the count): a fixed window per scope. Clients are told apart by their address — the last
address a trusted proxy added when PROXY_COUNT proxies stand in front — and only a hash of it
is ever stored."""

import hashlib
import time

from django.conf import settings

from core.cache import count


def client_address(request) -> str:
    proxies = getattr(settings, "PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def over_limit(request, scope: str, limit: int, window: int) -> int | None:
    """Counts this request; None while within `limit` per `window` seconds, else the seconds
    until the window ends (for Retry-After)."""
    now = time.time()
    current = int(now // window)
    client = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    if count(f"ratelimit:{scope}:{client}:{current}", window + 1) <= limit:
        return None
    return max(1, int((current + 1) * window - now))
